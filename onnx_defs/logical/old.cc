// Earlier versions of the logical and comparison operators, newest first per op.
#include <string>

#include "onnx_defs/inference_utils.h"
#include "onnx_defs/logical/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// The opset-1 broadcasting rule, shared by every opset-1 binary predicate.
static constexpr char kLegacyBroadcastDoc[] =
    " Without broadcast=1, A and B must have the same shape. With it, B either has a single "
    "element or its shape equals a run of A's dimensions, starting at `axis` or, by "
    "default, ending at A's last dimension; C has A's shape.";

ONNXFORGE_SCHEMA(Onnx, And, 1) {
  schema.Doc(std::string("Elementwise logical and: C = A && B.") + kLegacyBroadcastDoc);
  logical::LegacyBroadcast(schema);
  return logical::BinaryPredicateFormals(schema, types::Tensors({"bool"}),
                                         Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Or, 1) {
  schema.Doc(std::string("Elementwise logical or: C = A || B.") + kLegacyBroadcastDoc);
  logical::LegacyBroadcast(schema);
  return logical::BinaryPredicateFormals(schema, types::Tensors({"bool"}),
                                         Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Equal, 13) {
  schema
      .Doc("Elementwise equality test: C = (A == B) as bool, with numpy-style broadcasting "
           "of A and B. Floating-point NaN equals nothing, itself included. Opset 13 adds "
           "bfloat16.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::NonComplexNumericPlusBoolIR4(),
                                         Differentiability::kNonDifferentiable);
}

ONNXFORGE_SCHEMA(Onnx, Equal, 11) {
  schema
      .Doc("Elementwise equality test: C = (A == B) as bool, with numpy-style broadcasting "
           "of A and B. Opset 11 adds the floating-point and the remaining integer types.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(
      schema, types::Concat({types::Numeric(), types::Tensors({"bool"})}),
      Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Equal, 7) {
  schema
      .Doc("Elementwise equality test: C = (A == B) as bool, with numpy-style broadcasting "
           "of A and B. Opset 7 replaces the `broadcast` and `axis` attributes with numpy "
           "broadcasting.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Tensors({"bool", "int32", "int64"}),
                                         Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Equal, 1) {
  schema.Doc(std::string("Elementwise equality test: C = (A == B) as bool.") +
             kLegacyBroadcastDoc);
  logical::LegacyBroadcast(schema);
  return logical::BinaryPredicateFormals(schema, types::Tensors({"bool", "int32", "int64"}),
                                         Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Less, 9) {
  schema
      .Doc("Elementwise comparison: C = (A < B) as bool, with numpy-style broadcasting of A "
           "and B. Opset 9 adds the integer types.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Numeric(), Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Less, 7) {
  schema
      .Doc("Elementwise comparison: C = (A < B) as bool, with numpy-style broadcasting of A "
           "and B. Opset 7 replaces the `broadcast` and `axis` attributes with numpy "
           "broadcasting.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Float(), Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Less, 1) {
  schema.Doc(std::string("Elementwise comparison: C = (A < B) as bool.") + kLegacyBroadcastDoc);
  logical::LegacyBroadcast(schema);
  return logical::BinaryPredicateFormals(schema, types::Float(), Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Greater, 9) {
  schema
      .Doc("Elementwise comparison: C = (A > B) as bool, with numpy-style broadcasting of A "
           "and B. Opset 9 adds the integer types.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Numeric(), Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Greater, 7) {
  schema
      .Doc("Elementwise comparison: C = (A > B) as bool, with numpy-style broadcasting of A "
           "and B. Opset 7 replaces the `broadcast` and `axis` attributes with numpy "
           "broadcasting.")
      .TypeAndShapeInference(logical::InferBroadcastPredicate);
  return logical::BinaryPredicateFormals(schema, types::Float(), Differentiability::kUnknown);
}

ONNXFORGE_SCHEMA(Onnx, Greater, 1) {
  schema.Doc(std::string("Elementwise comparison: C = (A > B) as bool.") + kLegacyBroadcastDoc);
  logical::LegacyBroadcast(schema);
  return logical::BinaryPredicateFormals(schema, types::Float(), Differentiability::kUnknown);
}

}  // namespace onnxforge
