// The latest version of each math operator.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/math/utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- Unary elementwise --------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Abs, 13) {
  schema.Doc(
      "Absolute value, elementwise: Y = |X|. For unsigned types Y equals X; "
      "for signed integers the absolute value of the smallest value wraps to "
      "itself. Opset 13 adds bfloat16.");
  return math::UnaryElementwise(schema, types::NumericIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Neg, 13) {
  schema.Doc(
      "Negation, elementwise: Y = -X, over signed types. For signed integers "
      "the negation of the smallest value wraps to itself. Opset 13 adds "
      "bfloat16.");
  return math::UnaryElementwise(
      schema, types::Tensors({"float16", "float", "double", "bfloat16", "int8", "int16", "int32", "int64"}),
      /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Exp, 13) {
  schema.Doc("Natural exponential, elementwise: output = e^input. Opset 13 adds bfloat16.");
  return math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Log, 13) {
  schema.Doc(
      "Natural logarithm, elementwise: output = ln(input). Zero gives -inf, "
      "negative values give NaN. Opset 13 adds bfloat16.");
  return math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, Sqrt, 13) {
  schema.Doc(
      "Square root, elementwise: Y = sqrt(X). Negative values give NaN. "
      "Opset 13 adds bfloat16.");
  return math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Relu, 14) {
  schema.Doc(
      "Rectified linear unit, elementwise: Y = max(X, 0). Opset 14 adds the "
      "signed integer types. From opset 18 the op also has a body: Max of X "
      "and a zero of X's type.");
  math::UnaryElementwise(
      schema, types::Tensors({"float16", "float", "double", "bfloat16", "int8", "int16", "int32", "int64"}),
      /*differentiable=*/true);
  // CastLike (opset 15) gives the zero X's type; the body starts at 18.
  return schema.FunctionBody(
      "Zero = Constant <value_float = 0.0> ()\n"
      "ZeroLikeX = CastLike (Zero, X)\n"
      "Y = Max (X, ZeroLikeX)",
      18);
}

ONNXFORGE_SCHEMA(Onnx, Sigmoid, 13) {
  schema.Doc(
      "Logistic function, elementwise: Y = 1 / (1 + e^(-X)). Opset 13 adds "
      "bfloat16.");
  return math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Tanh, 13) {
  schema.Doc(
      "Hyperbolic tangent, elementwise: output = (e^input - e^-input) / "
      "(e^input + e^-input). Opset 13 adds bfloat16.");
  return math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true,
                                {"input", "output"});
}

ONNXFORGE_SCHEMA(Onnx, HardSwish, 22) {
  schema.Doc(
      "Hard swish, elementwise: Y = X * max(0, min(1, X / 6 + 1 / 2)), that "
      "is X times HardSigmoid(X) with alpha = 1/6 and beta = 1/2. Opset 22 "
      "adds bfloat16.");
  math::UnaryElementwise(schema, types::FloatIR4(), /*differentiable=*/true);
  return schema.FunctionBody(
      "Gate = HardSigmoid <alpha = 0.16666667, beta = 0.5> (X)\n"
      "Y = Mul (X, Gate)");
}

// ---- Binary arithmetic --------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Add, 14) {
  schema.Doc(
      "Elementwise sum C = A + B, with numpy-style broadcasting. Integer sums "
      "wrap on overflow. Opset 14 adds the 8- and 16-bit integer types. On "
      "shape values (a Shape output, for example) inference adds dims.");
  return math::BroadcastingBinary(schema, types::NumericIR4(), /*differentiable=*/true)
      .DataPropagation(math::ShapeValueArithmetic("Add", math::DimArithmetic::kAdd));
}

ONNXFORGE_SCHEMA(Onnx, Sub, 14) {
  schema.Doc(
      "Elementwise difference C = A - B, with numpy-style broadcasting. "
      "Integer results wrap on overflow. Opset 14 adds the 8- and 16-bit "
      "integer types. On shape values inference subtracts dims.");
  return math::BroadcastingBinary(schema, types::NumericIR4(), /*differentiable=*/true)
      .DataPropagation(math::ShapeValueArithmetic("Sub", math::DimArithmetic::kSub));
}

ONNXFORGE_SCHEMA(Onnx, Mul, 14) {
  schema.Doc(
      "Elementwise product C = A * B, with numpy-style broadcasting. Integer "
      "products wrap on overflow. Opset 14 adds the 8- and 16-bit integer "
      "types. On shape values inference multiplies dims.");
  return math::BroadcastingBinary(schema, types::NumericIR4(), /*differentiable=*/true)
      .DataPropagation(math::ShapeValueArithmetic("Mul", math::DimArithmetic::kMul));
}

ONNXFORGE_SCHEMA(Onnx, Div, 14) {
  schema.Doc(
      "Elementwise quotient C = A / B, with numpy-style broadcasting. Integer "
      "division truncates toward zero. Opset 14 adds the 8- and 16-bit "
      "integer types.");
  return math::BroadcastingBinary(schema, types::NumericIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Pow, 15) {
  const auto diff = Differentiability::kDifferentiable;
  return schema
      .Doc(
          "Elementwise power Z = X ^ Y, with numpy-style broadcasting. The "
          "exponent may have another element type than the base; Z has the "
          "base's. Opset 15 adds bfloat16 exponents.")
      .Input(0, "X", "The base.", "T", FormalOption::kSingle, true, 1, diff)
      .Input(1, "Y", "The exponent.", "T1", FormalOption::kSingle, true, 1, diff)
      .Output(0, "Z", "The power, shaped as X and Y broadcast together.", "T",
              FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types::Tensors({"int32", "int64", "float16", "float", "double", "bfloat16"}),
                      "Element types of the base and the result.")
      .TypeConstraint("T1", types::NumericIR4(), "Element types of the exponent.")
      .TypeAndShapeInference(math::BroadcastBinaryInference);
}

// ---- Clip ----------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Clip, 13) {
  const auto diff = Differentiability::kDifferentiable;
  const auto bound = Differentiability::kNonDifferentiable;
  return schema
      .Doc(
          "Limits each element to the range [min, max]: output = min(max(input, "
          "min), max). An absent bound leaves that side open. When min exceeds "
          "max every element becomes max. Opset 13 adds bfloat16.")
      .Input(0, "input", "The tensor to limit.", "T", FormalOption::kSingle, true, 1, diff)
      .Input(1, "min", "Scalar lower bound; absent means the type's lowest value.", "T",
             FormalOption::kOptional, true, 1, bound)
      .Input(2, "max", "Scalar upper bound; absent means the type's largest value.", "T",
             FormalOption::kOptional, true, 1, bound)
      .Output(0, "output", "The limited tensor, shaped as input.", "T", FormalOption::kSingle,
              true, 1, diff)
      .TypeConstraint("T", types::NumericIR4(), "The element types the op accepts.")
      .TypeAndShapeInference(math::ClipWithBoundInputsInference)
      .ContextDependentFunctionBody(math::ClipFunctionBody);
}

}  // namespace onnxforge
