// The latest version of each matrix-family operator: Softmax, LogSoftmax,
// MatMul, Gemm, TopK.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/math/matrix_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(Onnx, Softmax, 13) {
  schema
      .Doc("Normalized exponential along one axis: output = exp(input) / S, where S sums "
           "exp(input) over the dimension `axis` (kept as size 1 and broadcast back), so each "
           "slice along that axis sums to 1. Opset 13 normalizes along that single axis "
           "instead of over everything from `axis` on, makes -1 the default axis, and adds "
           "bfloat16.")
      .Attr("axis",
            "The dimension to normalize along; negative values count from the back. "
            "Must be in [-r, r-1] for an input of rank r.",
            AttributeProto::INT, int64_t{-1})
      .TypeAndShapeInference(matrix::SoftmaxInference(-1))
      .ContextDependentFunctionBody(matrix::SoftmaxBody(/*log=*/false, 13), 13)
      .ContextDependentFunctionBody(matrix::SoftmaxBody(/*log=*/false, 18), 18);
  return matrix::SoftmaxFamilyFormals(schema, types::FloatIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, LogSoftmax, 13) {
  schema
      .Doc("Logarithm of the softmax along one axis: output = input - log(S), where S sums "
           "exp(input) over the dimension `axis`; computed as (input - m) - log(sum(exp(input "
           "- m))) with m the maximum along the axis, which stays finite for large inputs. "
           "Opset 13 works along that single axis instead of over everything from `axis` on, "
           "makes -1 the default axis, and adds bfloat16.")
      .Attr("axis",
            "The dimension to normalize along; negative values count from the back. "
            "Must be in [-r, r-1] for an input of rank r.",
            AttributeProto::INT, int64_t{-1})
      .TypeAndShapeInference(matrix::SoftmaxInference(-1))
      .ContextDependentFunctionBody(matrix::SoftmaxBody(/*log=*/true, 13), 13)
      .ContextDependentFunctionBody(matrix::SoftmaxBody(/*log=*/true, 18), 18);
  return matrix::SoftmaxFamilyFormals(schema, types::FloatIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, MatMul, 13) {
  schema
      .Doc("Matrix product with numpy.matmul semantics. Operands of rank >= 2 are stacks of "
           "matrices: the last two dimensions multiply and the leading (batch) dimensions "
           "broadcast. A 1-D A is treated as a single row and a 1-D B as a single column; the "
           "added dimension is dropped from Y. Opset 13 adds bfloat16.")
      .TypeAndShapeInference(matrix::InferMatMul);
  return matrix::MatMulFormals(
      schema,
      types::Tensors({"float16", "float", "double", "uint32", "uint64", "int32", "int64",
                      "bfloat16"}),
      /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Gemm, 13) {
  schema
      .Doc("General matrix multiply: Y = alpha * A' * B' + beta * C, where A' is A, or its "
           "transpose when transA is 1, and likewise B'. A' is (M, K), B' is (K, N) and Y is "
           "(M, N). C broadcasts unidirectionally to (M, N) (each of its dimensions, aligned "
           "on the right, is 1 or equal to Y's); without C the sum is just alpha * A' * B'. "
           "Opset 13 adds bfloat16.")
      .TypeAndShapeInference(matrix::InferGemm);
  matrix::GemmAttributes(schema);
  return matrix::GemmFormals(
      schema,
      types::Tensors({"float16", "float", "double", "uint32", "uint64", "int32", "int64",
                      "bfloat16"}),
      FormalOption::kOptional, /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, TopK, 24) {
  schema
      .Doc("Selects the k largest (or, with largest=0, smallest) elements of X along `axis`, "
           "k being the one value of input K. Values holds them and Indices their positions "
           "along the axis; both have X's shape with k in place of the axis dimension. With "
           "sorted=1 they come in order (descending for largest, ascending otherwise) and "
           "equal values keep their index order; with sorted=0 the order is unspecified. "
           "Opset 24 adds bfloat16.")
      .Attr("axis",
            "The dimension to select along; negative values count from the back.",
            AttributeProto::INT, int64_t{-1})
      .Attr("largest", "1 selects the largest elements, 0 the smallest.", AttributeProto::INT,
            int64_t{1})
      .Attr("sorted", "1 returns the selection in order; 0 leaves the order unspecified.",
            AttributeProto::INT, int64_t{1})
      .TypeAndShapeInference(matrix::InferTopKWithInputK);
  return matrix::TopKFormals(schema, types::NumericIR4(), /*k_input=*/true,
                             /*differentiable=*/true);
}

}  // namespace onnxforge
