// The latest version of each logical and comparison operator.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/logical/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(Onnx, And, 7) {
  schema
      .Doc("Elementwise logical and: C = A && B, with numpy-style broadcasting of A and B. "
           "Opset 7 replaces the `broadcast` and `axis` attributes with numpy broadcasting.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Tensors({"bool"}),
                                         Differentiability::kNonDifferentiable);
}

ONNXFORGE_SCHEMA(Onnx, Or, 7) {
  schema
      .Doc("Elementwise logical or: C = A || B, with numpy-style broadcasting of A and B. "
           "Opset 7 replaces the `broadcast` and `axis` attributes with numpy broadcasting.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Tensors({"bool"}),
                                         Differentiability::kNonDifferentiable);
}

ONNXFORGE_SCHEMA(Onnx, Not, 1) {
  return schema.Doc("Elementwise logical negation: Y = !X.")
      .Input(0, "X", "The bool tensor to negate.", "T", FormalOption::kSingle, true, 1,
             Differentiability::kNonDifferentiable)
      .Output(0, "Y", "The negation, with X's shape.", "T", FormalOption::kSingle, true, 1,
              Differentiability::kNonDifferentiable)
      .TypeConstraint("T", types::Tensors({"bool"}), "Not works on bool tensors.")
      .TypeAndShapeInference([](InferenceContext& ctx) {
        SetOutputElemType(ctx, 0, TensorProto::BOOL);
        PropagateShapeFromInput(ctx, 0, 0);
        return absl::OkStatus();
      });
}

ONNXFORGE_SCHEMA(Onnx, Equal, 19) {
  schema
      .Doc("Elementwise equality test: C = (A == B) as bool, with numpy-style broadcasting "
           "of A and B. Floating-point NaN equals nothing, itself included. Opset 19 adds "
           "string.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(
      schema, types::Concat({types::NonComplexNumericPlusBoolIR4(), types::Tensors({"string"})}),
      Differentiability::kNonDifferentiable);
}

ONNXFORGE_SCHEMA(Onnx, Less, 13) {
  schema
      .Doc("Elementwise comparison: C = (A < B) as bool, with numpy-style broadcasting of A "
           "and B. Opset 13 adds bfloat16.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::NumericIR4(),
                                         Differentiability::kNonDifferentiable);
}

ONNXFORGE_SCHEMA(Onnx, Greater, 13) {
  schema
      .Doc("Elementwise comparison: C = (A > B) as bool, with numpy-style broadcasting of A "
           "and B. Opset 13 adds bfloat16.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::NumericIR4(),
                                         Differentiability::kNonDifferentiable);
}

}  // namespace onnxforge
