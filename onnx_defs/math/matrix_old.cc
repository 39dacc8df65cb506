// Earlier versions of the matrix-family operators, newest first per op.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/math/matrix_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// Integer and float types Gemm and MatMul gained in opset 9.
static types::TypeList FloatAndWideInts() {
  return types::Tensors({"float16", "float", "double", "uint32", "uint64", "int32", "int64"});
}

ONNXFORGE_SCHEMA(Onnx, Softmax, 11) {
  schema
      .Doc("Normalized exponential over a 2-D view of the input: the dimensions before "
           "`axis` form the rows and the rest the columns (shape [a_0*...*a_{k-1}, "
           "a_k*...*a_{n-1}] for axis k), and each row becomes exp(x) / sum(exp(x)). The "
           "output has the input's shape. Opset 11 accepts negative axes, counted from the "
           "back.")
      .Attr("axis",
            "Where the 2-D view splits the dimensions; negative values count from the back. "
            "Must be in [-r, r-1] for an input of rank r.",
            AttributeProto::INT, int64_t{1})
      .TypeAndShapeInference(matrix::SoftmaxInference(1));
  return matrix::SoftmaxFamilyFormals(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Softmax, 1) {
  schema
      .Doc("Normalized exponential over a 2-D view of the input: the dimensions before "
           "`axis` form the rows (often the batch) and the rest the columns, and each row "
           "becomes exp(x) / sum(exp(x)). The output has the input's shape.")
      .Attr("axis", "Where the 2-D view splits the dimensions; 1 by default (batch first).",
            AttributeProto::INT, int64_t{1})
      .TypeAndShapeInference(matrix::InferSoftmaxCoercedOpset1);
  return matrix::SoftmaxFamilyFormals(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, LogSoftmax, 11) {
  schema
      .Doc("Logarithm of the softmax over a 2-D view of the input: the dimensions before "
           "`axis` form the rows and the rest the columns, and each row x becomes x - "
           "log(sum(exp(x))). The output has the input's shape. Opset 11 accepts negative "
           "axes, counted from the back.")
      .Attr("axis",
            "Where the 2-D view splits the dimensions; negative values count from the back. "
            "Must be in [-r, r-1] for an input of rank r.",
            AttributeProto::INT, int64_t{1})
      .TypeAndShapeInference(matrix::SoftmaxInference(1));
  return matrix::SoftmaxFamilyFormals(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, LogSoftmax, 1) {
  schema
      .Doc("Logarithm of the softmax over a 2-D view of the input: the dimensions before "
           "`axis` form the rows (often the batch) and the rest the columns, and each row x "
           "becomes x - log(sum(exp(x))). The output has the input's shape.")
      .Attr("axis", "Where the 2-D view splits the dimensions; 1 by default (batch first).",
            AttributeProto::INT, int64_t{1})
      .TypeAndShapeInference(matrix::InferSoftmaxCoercedOpset1);
  return matrix::SoftmaxFamilyFormals(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, MatMul, 9) {
  schema
      .Doc("Matrix product with numpy.matmul semantics: the last two dimensions multiply, "
           "the batch dimensions broadcast, and 1-D operands act as a row (A) or a column "
           "(B) whose added dimension is dropped from Y. Opset 9 adds 32- and 64-bit "
           "integers.")
      .TypeAndShapeInference(matrix::InferMatMul);
  return matrix::MatMulFormals(schema, FloatAndWideInts(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, MatMul, 1) {
  schema
      .Doc("Matrix product with numpy.matmul semantics: the last two dimensions multiply, "
           "the batch dimensions broadcast, and 1-D operands act as a row (A) or a column "
           "(B) whose added dimension is dropped from Y.")
      .TypeAndShapeInference(matrix::InferMatMul);
  return matrix::MatMulFormals(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Gemm, 11) {
  schema
      .Doc("General matrix multiply: Y = alpha * A' * B' + beta * C, with A' = A or its "
           "transpose (transA), B' likewise (transB), A' (M, K), B' (K, N), Y (M, N). C "
           "broadcasts unidirectionally to (M, N). Opset 11 makes C optional; without it "
           "Y = alpha * A' * B'.")
      .TypeAndShapeInference(matrix::InferGemm);
  matrix::GemmAttributes(schema);
  return matrix::GemmFormals(schema, FloatAndWideInts(), FormalOption::kOptional,
                             /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Gemm, 9) {
  schema
      .Doc("General matrix multiply: Y = alpha * A' * B' + beta * C, with A' = A or its "
           "transpose (transA), B' likewise (transB), A' (M, K), B' (K, N), Y (M, N). C "
           "broadcasts unidirectionally to (M, N). Opset 9 adds 32- and 64-bit integers.")
      .TypeAndShapeInference(matrix::InferGemm);
  matrix::GemmAttributes(schema);
  return matrix::GemmFormals(schema, FloatAndWideInts(), FormalOption::kSingle,
                             /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Gemm, 7) {
  schema
      .Doc("General matrix multiply: Y = alpha * A' * B' + beta * C, with A' = A or its "
           "transpose (transA), B' likewise (transB), A' (M, K), B' (K, N), Y (M, N). Opset "
           "7 drops the `broadcast` attribute: C always broadcasts unidirectionally to (M, "
           "N), each of its dimensions (aligned on the right) being 1 or equal to Y's.")
      .TypeAndShapeInference(matrix::InferGemm);
  matrix::GemmAttributes(schema);
  return matrix::GemmFormals(schema, types::Float(), FormalOption::kSingle,
                             /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Gemm, 6) {
  schema
      .Doc("General matrix multiply: Y = alpha * A' * B' + beta * C, with A' = A or its "
           "transpose (transA), B' likewise (transB), A' (M, K), B' (K, N), Y (M, N). C "
           "must be (M, N) unless broadcast is 1, which lets it broadcast to (M, N). Opset 6 "
           "drops the hint that C may be updated in place.")
      .Attr("broadcast", "1 lets C broadcast to (M, N); 0 requires C to be (M, N).",
            AttributeProto::INT, int64_t{0})
      .TypeAndShapeInference(matrix::InferGemmLegacyBroadcast);
  matrix::GemmAttributes(schema);
  return matrix::GemmFormals(schema, types::Float(), FormalOption::kSingle,
                             /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Gemm, 1) {
  schema
      .Doc("General matrix multiply: Y = alpha * A' * B' + beta * C, with A' = A or its "
           "transpose (transA), B' likewise (transB), A' (M, K), B' (K, N), Y (M, N). C "
           "must be (M, N) unless broadcast is 1, which lets it broadcast to (M, N); C may "
           "share its buffer with Y.")
      .Attr("broadcast", "1 lets C broadcast to (M, N); 0 requires C to be (M, N).",
            AttributeProto::INT, int64_t{0})
      .TypeAndShapeInference(matrix::InferGemmLegacyBroadcast);
  matrix::GemmAttributes(schema);
  return matrix::GemmFormals(schema, types::Float(), FormalOption::kSingle,
                             /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, TopK, 11) {
  schema
      .Doc("Selects the k largest (or, with largest=0, smallest) elements of X along `axis`, "
           "k being the one value of input K. Values holds them and Indices their positions; "
           "both have X's shape with k in place of the axis dimension. With sorted=1 they "
           "come in order and equal values keep their index order; with sorted=0 the order "
           "is unspecified. Opset 11 adds `largest`, `sorted` and the integer types.")
      .Attr("axis",
            "The dimension to select along; negative values count from the back.",
            AttributeProto::INT, int64_t{-1})
      .Attr("largest", "1 selects the largest elements, 0 the smallest.", AttributeProto::INT,
            int64_t{1})
      .Attr("sorted", "1 returns the selection in order; 0 leaves the order unspecified.",
            AttributeProto::INT, int64_t{1})
      .TypeAndShapeInference(matrix::InferTopKWithInputK);
  return matrix::TopKFormals(schema, types::Numeric(), /*k_input=*/true,
                             /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, TopK, 10) {
  schema
      .Doc("Selects the k largest elements of X along `axis`, in descending order, equal "
           "values keeping their index order. Values holds them and Indices their positions; "
           "both have X's shape with k in place of the axis dimension. Opset 10 takes k from "
           "the input K instead of an attribute.")
      .Attr("axis", "The dimension to select along; -1 (the last) by default.",
            AttributeProto::INT, int64_t{-1})
      .TypeAndShapeInference(matrix::InferTopKWithInputK);
  return matrix::TopKFormals(schema, types::Float(), /*k_input=*/true,
                             /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, TopK, 1) {
  schema
      .Doc("Selects the k largest elements of X along `axis`, in descending order, equal "
           "values keeping their index order. Values holds them and Indices their positions; "
           "both have X's shape with k in place of the axis dimension.")
      .Attr("k", "How many elements to select; must be positive.", AttributeProto::INT,
            /*required=*/true)
      .Attr("axis", "The dimension to select along; -1 (the last) by default.",
            AttributeProto::INT, int64_t{-1})
      .TypeAndShapeInference(matrix::InferTopKWithAttributeK);
  return matrix::TopKFormals(schema, types::Float(), /*k_input=*/false,
                             /*differentiable=*/false);
}

}  // namespace onnxforge
