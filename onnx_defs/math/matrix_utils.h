// Pieces the matrix-family schemas (Softmax, LogSoftmax, MatMul, Gemm, TopK)
// share across versions.
#pragma once

#include <cstdint>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::matrix {

// ---- Softmax and LogSoftmax ----

// The formals of the softmax family: input -> output of the same shape,
// element types `types`. `differentiable` marks both (from opset 13 on).
OpSchema& SoftmaxFamilyFormals(OpSchema& schema, const types::TypeList& types,
                               bool differentiable);

// Opset 1: the input is viewed as a 2-D matrix split at `axis` (default 1),
// so any split point from 0 to rank is meaningful; negative values count
// from the back. The output keeps the input's shape.
absl::Status InferSoftmaxCoercedOpset1(InferenceContext& ctx);

// Opsets 11 and 13: the input needs rank >= 1 and `axis` (default
// `default_axis`) must name one of its dimensions. The output keeps the
// input's shape.
InferenceFunction SoftmaxInference(int64_t default_axis);

// The body of Softmax-13 (`log` false) or LogSoftmax-13 (`log` true) along
// the node's axis, for the opset of `ReduceMax`: 13 takes the reduced axes as
// an attribute, 18 as an input.
FunctionBodyBuilder SoftmaxBody(bool log, int reduce_max_opset);

// ---- MatMul ----

// A, B -> Y over element types `types`; `differentiable` marks all three.
OpSchema& MatMulFormals(OpSchema& schema, const types::TypeList& types, bool differentiable);

// numpy.matmul shapes: 1-D operands are promoted to matrices (and the added
// dimension dropped from the result); the batch dimensions broadcast.
absl::Status MatMulShape(const TensorShapeProto& a, const TensorShapeProto& b,
                         TensorShapeProto* result);
// Output 0 gets A's element type and the MatMulShape of A and B.
absl::Status InferMatMul(InferenceContext& ctx);

// ---- Gemm ----

// A, B, C -> Y over `types`; C is `c_option` (optional from opset 11).
OpSchema& GemmFormals(OpSchema& schema, const types::TypeList& types, FormalOption c_option,
                      bool differentiable);
// transA, transB, alpha and beta, as every Gemm version has them.
OpSchema& GemmAttributes(OpSchema& schema);
// Gemm from opset 7 on: C (optional from opset 11) broadcasts
// unidirectionally to the (M, N) output.
absl::Status InferGemm(InferenceContext& ctx);
// Gemm-1 and Gemm-6: C must be (M, N) unless the `broadcast` attribute is 1.
absl::Status InferGemmLegacyBroadcast(InferenceContext& ctx);

// ---- TopK ----

// X (and, when `k_input`, K) -> Values, Indices over `types`; from opset 11
// on the values are differentiable and K and Indices are not.
OpSchema& TopKFormals(OpSchema& schema, const types::TypeList& types, bool k_input,
                      bool differentiable);
// TopK-1: k is an attribute.
absl::Status InferTopKWithAttributeK(InferenceContext& ctx);
// TopK-10 on: k is the one value of the input K.
absl::Status InferTopKWithInputK(InferenceContext& ctx);

}  // namespace onnxforge::matrix
