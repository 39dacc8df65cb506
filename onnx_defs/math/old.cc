// Earlier versions of the math operators, newest first per op.
#include <limits>

#include "absl/strings/str_cat.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/math/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- Unary elementwise --------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Abs, 6) {
  schema.Doc("Absolute value, elementwise: Y = |X|. Opset 6 adds the integer types.");
  return math::UnaryElementwise(schema, types::Numeric(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Abs, 1) {
  schema.Doc("Absolute value, elementwise: Y = |X|, over float types.");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Neg, 6) {
  schema.Doc("Negation, elementwise: Y = -X. Opset 6 adds the signed integer types.");
  return math::UnaryElementwise(
      schema, types::Tensors({"float16", "float", "double", "int8", "int16", "int32", "int64"}),
      /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Neg, 1) {
  schema.Doc("Negation, elementwise: Y = -X, over float types.");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Exp, 6) {
  schema.Doc(
      "Natural exponential, elementwise: output = e^input. Opset 6 drops the "
      "consumed_inputs attribute.");
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Exp, 1) {
  schema.Doc("Natural exponential, elementwise: output = e^input.");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Log, 6) {
  schema.Doc(
      "Natural logarithm, elementwise: output = ln(input). Opset 6 drops the "
      "consumed_inputs attribute.");
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Log, 1) {
  schema.Doc("Natural logarithm, elementwise: output = ln(input).");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Sqrt, 6) {
  schema.Doc(
      "Square root, elementwise: Y = sqrt(X); negative values give NaN. Opset 6 "
      "drops the consumed_inputs attribute.");
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Sqrt, 1) {
  schema.Doc("Square root, elementwise: Y = sqrt(X); negative values give NaN.");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Relu, 13) {
  schema.Doc("Rectified linear unit, elementwise: Y = max(X, 0). Opset 13 adds bfloat16.");
  return math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Relu, 6) {
  schema.Doc(
      "Rectified linear unit, elementwise: Y = max(X, 0). Opset 6 drops the "
      "consumed_inputs attribute.");
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Relu, 1) {
  schema.Doc("Rectified linear unit, elementwise: Y = max(X, 0).");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Sigmoid, 6) {
  schema.Doc(
      "Logistic function, elementwise: Y = 1 / (1 + e^(-X)). Opset 6 drops the "
      "consumed_inputs attribute.");
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Sigmoid, 1) {
  schema.Doc("Logistic function, elementwise: Y = 1 / (1 + e^(-X)).");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Tanh, 6) {
  schema.Doc(
      "Hyperbolic tangent, elementwise. Opset 6 drops the consumed_inputs "
      "attribute.");
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Tanh, 1) {
  schema.Doc("Hyperbolic tangent, elementwise.");
  math::ConsumedInputsAttr(schema);
  return math::UnaryElementwise(schema, types::Float(), /*differentiable=*/false,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, HardSwish, 14) {
  schema.Doc(
      "Hard swish, elementwise: Y = X * max(0, min(1, X / 6 + 1 / 2)), that "
      "is X times HardSigmoid(X) with alpha = 1/6 and beta = 1/2.");
  math::UnaryElementwise(schema, types::Float(), /*differentiable=*/true);
  return schema.FunctionBody(
      "Gate = HardSigmoid <alpha = 0.16666667, beta = 0.5> (X)\n"
      "Y = Mul (X, Gate)");
}

// ---- Binary arithmetic --------------------------------------------------------
// Opset 13 adds bfloat16 and differentiability; opset 7 replaces the limited
// broadcast/axis scheme with numpy-style broadcasting; opset 6 adds integer
// types and drops consumed_inputs.

ONNXFORGE_SCHEMA(Onnx, Add, 13) {
  schema.Doc("Elementwise sum C = A + B, with numpy-style broadcasting. Opset 13 adds bfloat16.");
  return math::BroadcastingBinary(schema, types::ReductionNumericIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Add, 7) {
  schema.Doc(
      "Elementwise sum C = A + B. Opset 7 replaces the broadcast and axis "
      "attributes with numpy-style broadcasting of both inputs.");
  return math::BroadcastingBinary(schema, types::ReductionNumeric(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Add, 6) {
  schema.Doc(absl::StrCat(
      "Elementwise sum C = A + B. Opset 6 adds 32- and 64-bit integer types and "
      "drops consumed_inputs.",
      math::kLegacyBroadcastDoc));
  return math::LegacyBinary(schema, types::ReductionNumeric());
}

ONNXFORGE_SCHEMA(Onnx, Add, 1) {
  schema.Doc(absl::StrCat("Elementwise sum C = A + B, over float types.",
                          math::kLegacyBroadcastDoc));
  math::ConsumedInputsAttr(schema);
  return math::LegacyBinary(schema, types::Float());
}

ONNXFORGE_SCHEMA(Onnx, Sub, 13) {
  schema.Doc(
      "Elementwise difference C = A - B, with numpy-style broadcasting. Opset "
      "13 adds bfloat16.");
  return math::BroadcastingBinary(schema, types::ReductionNumericIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Sub, 7) {
  schema.Doc(
      "Elementwise difference C = A - B. Opset 7 replaces the broadcast and "
      "axis attributes with numpy-style broadcasting of both inputs.");
  return math::BroadcastingBinary(schema, types::ReductionNumeric(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Sub, 6) {
  schema.Doc(absl::StrCat(
      "Elementwise difference C = A - B. Opset 6 adds 32- and 64-bit integer "
      "types and drops consumed_inputs.",
      math::kLegacyBroadcastDoc));
  return math::LegacyBinary(schema, types::ReductionNumeric());
}

ONNXFORGE_SCHEMA(Onnx, Sub, 1) {
  schema.Doc(absl::StrCat("Elementwise difference C = A - B, over float types.",
                          math::kLegacyBroadcastDoc));
  math::ConsumedInputsAttr(schema);
  return math::LegacyBinary(schema, types::Float());
}

ONNXFORGE_SCHEMA(Onnx, Mul, 13) {
  schema.Doc(
      "Elementwise product C = A * B, with numpy-style broadcasting. Opset 13 "
      "adds bfloat16.");
  return math::BroadcastingBinary(schema, types::ReductionNumericIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Mul, 7) {
  schema.Doc(
      "Elementwise product C = A * B. Opset 7 replaces the broadcast and axis "
      "attributes with numpy-style broadcasting of both inputs.");
  return math::BroadcastingBinary(schema, types::ReductionNumeric(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Mul, 6) {
  schema.Doc(absl::StrCat(
      "Elementwise product C = A * B. Opset 6 adds 32- and 64-bit integer "
      "types and drops consumed_inputs.",
      math::kLegacyBroadcastDoc));
  return math::LegacyBinary(schema, types::ReductionNumeric());
}

ONNXFORGE_SCHEMA(Onnx, Mul, 1) {
  schema.Doc(absl::StrCat("Elementwise product C = A * B, over float types.",
                          math::kLegacyBroadcastDoc));
  math::ConsumedInputsAttr(schema);
  return math::LegacyBinary(schema, types::Float());
}

ONNXFORGE_SCHEMA(Onnx, Div, 13) {
  schema.Doc(
      "Elementwise quotient C = A / B, with numpy-style broadcasting; integer "
      "division truncates toward zero. Opset 13 adds bfloat16.");
  return math::BroadcastingBinary(schema, types::ReductionNumericIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Div, 7) {
  schema.Doc(
      "Elementwise quotient C = A / B; integer division truncates toward zero. "
      "Opset 7 replaces the broadcast and axis attributes with numpy-style "
      "broadcasting of both inputs.");
  return math::BroadcastingBinary(schema, types::ReductionNumeric(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Div, 6) {
  schema.Doc(absl::StrCat(
      "Elementwise quotient C = A / B; integer division truncates toward zero. "
      "Opset 6 adds 32- and 64-bit integer types and drops consumed_inputs.",
      math::kLegacyBroadcastDoc));
  return math::LegacyBinary(schema, types::ReductionNumeric());
}

ONNXFORGE_SCHEMA(Onnx, Div, 1) {
  schema.Doc(absl::StrCat("Elementwise quotient C = A / B, over float types.",
                          math::kLegacyBroadcastDoc));
  math::ConsumedInputsAttr(schema);
  return math::LegacyBinary(schema, types::Float());
}

// ---- Pow -------------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Pow, 13) {
  const auto diff = Differentiability::kDifferentiable;
  return schema
      .Doc(
          "Elementwise power Z = X ^ Y, with numpy-style broadcasting; Z has "
          "the base's element type. Opset 13 adds bfloat16 bases.")
      .Input(0, "X", "The base.", "T", FormalOption::kSingle, true, 1, diff)
      .Input(1, "Y", "The exponent.", "T1", FormalOption::kSingle, true, 1, diff)
      .Output(0, "Z", "The power, shaped as X and Y broadcast together.", "T",
              FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types::Tensors({"int32", "int64", "float16", "float", "double", "bfloat16"}),
                      "Element types of the base and the result.")
      .TypeConstraint("T1", types::Numeric(), "Element types of the exponent.")
      .TypeAndShapeInference(math::BroadcastBinaryInference);
}

ONNXFORGE_SCHEMA(Onnx, Pow, 12) {
  return schema
      .Doc(
          "Elementwise power Z = X ^ Y, with numpy-style broadcasting. Opset 12 "
          "adds int32 and int64 bases and lets the exponent have any numeric "
          "type of its own; Z has the base's element type.")
      .Input(0, "X", "The base.", "T")
      .Input(1, "Y", "The exponent.", "T1")
      .Output(0, "Z", "The power, shaped as X and Y broadcast together.", "T")
      .TypeConstraint("T", types::Tensors({"int32", "int64", "float16", "float", "double"}),
                      "Element types of the base and the result.")
      .TypeConstraint("T1", types::Numeric(), "Element types of the exponent.")
      .TypeAndShapeInference(math::BroadcastBinaryInference);
}

ONNXFORGE_SCHEMA(Onnx, Pow, 7) {
  return schema
      .Doc(
          "Elementwise power Z = X ^ Y over float types. Opset 7 replaces the "
          "broadcast and axis attributes with numpy-style broadcasting of both "
          "inputs.")
      .Input(0, "X", "The base.", "T")
      .Input(1, "Y", "The exponent.", "T")
      .Output(0, "Z", "The power, shaped as X and Y broadcast together.", "T")
      .TypeConstraint("T", types::Float(), "The element types the op accepts.")
      .TypeAndShapeInference(math::BroadcastBinaryInference);
}

ONNXFORGE_SCHEMA(Onnx, Pow, 1) {
  schema.Doc(absl::StrCat("Elementwise power Z = X ^ Y over float types.",
                          math::kLegacyBroadcastDoc));
  math::LegacyBroadcastAttrs(schema);
  return schema.Input(0, "X", "The base; it fixes the output's shape.", "T")
      .Input(1, "Y", "The exponent: X's shape, or smaller with broadcast=1.", "T")
      .Output(0, "Z", "The power, with X's shape.", "T")
      .TypeConstraint("T", types::Float(), "The element types the op accepts.")
      .TypeAndShapeInference(math::LegacyBroadcastInference);
}

// ---- Clip ----------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Clip, 12) {
  return schema
      .Doc(
          "Limits each element to the range [min, max]; an absent bound leaves "
          "that side open. Opset 12 adds the integer types.")
      .Input(0, "input", "The tensor to limit.", "T")
      .Input(1, "min", "Scalar lower bound; absent means the type's lowest value.", "T",
             FormalOption::kOptional)
      .Input(2, "max", "Scalar upper bound; absent means the type's largest value.", "T",
             FormalOption::kOptional)
      .Output(0, "output", "The limited tensor, shaped as input.", "T")
      .TypeConstraint("T", types::Numeric(), "The element types the op accepts.")
      .TypeAndShapeInference(math::ClipWithBoundInputsInference);
}

ONNXFORGE_SCHEMA(Onnx, Clip, 11) {
  return schema
      .Doc(
          "Limits each element to the range [min, max]. Opset 11 turns the "
          "bounds from attributes into optional scalar inputs; an absent bound "
          "leaves that side open.")
      .Input(0, "input", "The tensor to limit.", "T")
      .Input(1, "min", "Scalar lower bound; absent means the type's lowest value.", "T",
             FormalOption::kOptional)
      .Input(2, "max", "Scalar upper bound; absent means the type's largest value.", "T",
             FormalOption::kOptional)
      .Output(0, "output", "The limited tensor, shaped as input.", "T")
      .TypeConstraint("T", types::Float(), "The element types the op accepts.")
      .TypeAndShapeInference(math::ClipWithBoundInputsInference);
}

ONNXFORGE_SCHEMA(Onnx, Clip, 6) {
  return schema
      .Doc(
          "Limits each element to the range [min, max] given by attributes. "
          "Opset 6 drops consumed_inputs and gives the bounds defaults: the "
          "lowest and the largest finite float.")
      .Attr("min", "The lower bound.", AttributeProto::FLOAT,
            std::numeric_limits<float>::lowest())
      .Attr("max", "The upper bound.", AttributeProto::FLOAT, std::numeric_limits<float>::max())
      .Input(0, "input", "The tensor to limit.", "T")
      .Output(0, "output", "The limited tensor, shaped as input.", "T")
      .TypeConstraint("T", types::Float(), "The element types the op accepts.")
      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);
}

ONNXFORGE_SCHEMA(Onnx, Clip, 1) {
  math::ConsumedInputsAttr(schema);
  return schema
      .Doc(
          "Limits each element to the range [min, max] given by attributes; an "
          "absent bound leaves that side open.")
      .Attr("min", "The lower bound.", AttributeProto::FLOAT, /*required=*/false)
      .Attr("max", "The upper bound.", AttributeProto::FLOAT, /*required=*/false)
      .Input(0, "input", "The tensor to limit.", "T")
      .Output(0, "output", "The limited tensor, shaped as input.", "T")
      .TypeConstraint("T", types::Float(), "The element types the op accepts.")
      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);
}

}  // namespace onnxforge
