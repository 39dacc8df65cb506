// Earlier versions of the tensor-manipulation operators, newest first per op.
#include "absl/strings/str_cat.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tensor/utils.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- Cast ----------------------------------------------------------------------

static constexpr char kCastIntro[] =
    "Converts every element of the input to the element type `to`; the shape is kept. "
    "Numbers convert as C does: integers wrap when they do not fit, floats become "
    "infinity when out of range, float to integer is undefined when out of range, and "
    "bool is 0/1 (anything nonzero is true). ";

static types::TypeList NumericAndBool() {
  return types::Concat({types::Numeric(), types::Tensors({"bool"})});
}

ONNXFORGE_SCHEMA(Onnx, Cast, 24) {
  schema.Doc(absl::StrCat(kCastIntro,
                          "Strings convert to and from decimal notation. Float8 targets follow "
                          "'saturate'. Opset 24 adds float8e8m0 and 'round_mode', which sets "
                          "how values round when converted to it."));
  tensor::CastToAttr(schema);
  tensor::SaturateAttr(schema);
  tensor::RoundModeAttr(schema);
  return tensor::CastSignature(schema, types::NonComplexTensorIR12(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::CastInference(types::NonComplexTensorIR12()))
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Cast, 23) {
  schema.Doc(absl::StrCat(kCastIntro,
                          "Strings convert to and from decimal notation. Float8 targets follow "
                          "'saturate'. Opset 23 adds float4e2m1."));
  tensor::CastToAttr(schema);
  tensor::SaturateAttr(schema);
  return tensor::CastSignature(schema, types::NonComplexTensorIR11(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::CastInference(types::NonComplexTensorIR11()))
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Cast, 21) {
  schema.Doc(absl::StrCat(kCastIntro,
                          "Strings convert to and from decimal notation. Float8 targets follow "
                          "'saturate'. Opset 21 adds int4 and uint4."));
  tensor::CastToAttr(schema);
  tensor::SaturateAttr(schema);
  return tensor::CastSignature(schema, types::NonComplexTensorIR10(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::CastInference(types::NonComplexTensorIR10()))
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Cast, 19) {
  const types::TypeList types =
      types::Concat({types::NumericIR9(), types::Tensors({"bool", "string"})});
  schema.Doc(absl::StrCat(kCastIntro,
                          "Strings convert to and from decimal notation. Opset 19 adds the "
                          "four float8 types and 'saturate', which decides what happens to "
                          "values out of their range."));
  tensor::CastToAttr(schema);
  tensor::SaturateAttr(schema);
  return tensor::CastSignature(schema, types, /*differentiable=*/true)
      .TypeAndShapeInference(tensor::CastInference(types))
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Cast, 13) {
  const types::TypeList types =
      types::Concat({types::NonComplexNumericPlusBoolIR4(), types::Tensors({"string"})});
  schema.Doc(absl::StrCat(kCastIntro,
                          "Strings convert to and from decimal notation. Opset 13 adds "
                          "bfloat16."));
  tensor::CastToAttr(schema);
  return tensor::CastSignature(schema, types, /*differentiable=*/true)
      .TypeAndShapeInference(tensor::CastInference(types))
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Cast, 9) {
  const types::TypeList types =
      types::Concat({types::Numeric(), types::Tensors({"bool", "string"})});
  schema.Doc(absl::StrCat(kCastIntro,
                          "Opset 9 adds string: strings convert to and from decimal notation."));
  tensor::CastToAttr(schema);
  return tensor::CastSignature(schema, types, /*differentiable=*/false)
      .TypeAndShapeInference(tensor::CastInference(types));
}

ONNXFORGE_SCHEMA(Onnx, Cast, 6) {
  schema.Doc(absl::StrCat(kCastIntro,
                          "Opset 6 gives `to` as a TensorProto.DataType value instead of a "
                          "name."));
  tensor::CastToAttr(schema);
  return tensor::CastSignature(schema, NumericAndBool(), /*differentiable=*/false)
      .TypeAndShapeInference(tensor::CastInference(NumericAndBool()));
}

ONNXFORGE_SCHEMA(Onnx, Cast, 1) {
  schema.Doc(absl::StrCat(kCastIntro,
                          "In opset 1 `to` is the name of a TensorProto.DataType value, such "
                          "as \"FLOAT\"."));
  return tensor::CastSignature(schema, NumericAndBool(), /*differentiable=*/false)
      .Attr("to", "The name of the element type to convert to (\"FLOAT\", \"INT64\", ...).",
            AttributeProto::STRING, /*required=*/true)
      .TypeAndShapeInference(tensor::CastInference(NumericAndBool()));
}

// ---- Reshape -------------------------------------------------------------------

static constexpr char kReshapeIntro[] =
    "Gives the data a new shape with the same element count, keeping element order. Each "
    "entry of `shape` is a dimension; a 0 copies the input's dimension at that position, and "
    "one entry may be -1, inferred from the element count. An empty `shape` makes a "
    "scalar. ";

ONNXFORGE_SCHEMA(Onnx, Reshape, 24) {
  schema.Doc(
      absl::StrCat(kReshapeIntro, "With allowzero=1 a 0 is a real 0. Opset 24 adds float8e8m0."));
  tensor::AllowZeroAttr(schema);
  return tensor::ReshapeSignature(schema, types::AllTensorIR12(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 23) {
  schema.Doc(
      absl::StrCat(kReshapeIntro, "With allowzero=1 a 0 is a real 0. Opset 23 adds float4e2m1."));
  tensor::AllowZeroAttr(schema);
  return tensor::ReshapeSignature(schema, types::AllTensorIR11(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 21) {
  schema.Doc(absl::StrCat(kReshapeIntro,
                          "With allowzero=1 a 0 is a real 0. Opset 21 adds int4 and uint4."));
  tensor::AllowZeroAttr(schema);
  return tensor::ReshapeSignature(schema, types::AllTensorIR10(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 19) {
  schema.Doc(absl::StrCat(kReshapeIntro,
                          "With allowzero=1 a 0 is a real 0. Opset 19 adds the float8 "
                          "types."));
  tensor::AllowZeroAttr(schema);
  return tensor::ReshapeSignature(schema, types::AllTensorIR9(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 14) {
  schema.Doc(absl::StrCat(kReshapeIntro,
                          "Opset 14 adds 'allowzero': with allowzero=1 a 0 is a real 0 "
                          "rather than a copy."));
  tensor::AllowZeroAttr(schema);
  return tensor::ReshapeSignature(schema, types::AllTensorIR4(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 13) {
  schema.Doc(absl::StrCat(kReshapeIntro, "Opset 13 adds bfloat16."));
  return tensor::ReshapeSignature(schema, types::AllTensorIR4(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 5) {
  schema.Doc(absl::StrCat(kReshapeIntro,
                          "Opset 5 takes the target shape as a second input instead of an "
                          "attribute, and accepts every tensor type."));
  return tensor::ReshapeSignature(schema, types::AllTensor(), /*differentiable=*/false)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 1) {
  schema.Doc(absl::StrCat(kReshapeIntro,
                          "In opset 1 the target shape is the `shape` attribute; without it "
                          "the output shape is not known."));
  return schema.Attr("shape", "The target shape.", AttributeProto::INTS, /*required=*/false)
      .Attr("consumed_inputs", "Legacy in-place hint from the first opset; ignored.",
            AttributeProto::INTS, /*required=*/false)
      .Input(0, "data", "The tensor to reshape.", "T")
      .Output(0, "reshaped", "The data, in the target shape.", "T")
      .TypeConstraint("T", types::Float(), "Float tensors.")
      .TypeAndShapeInference(tensor::InferReshapeFromAttr);
}

// ---- Shape -----------------------------------------------------------------------

static constexpr char kShapeRangeIntro[] =
    "Returns the input's shape as a 1-D int64 tensor. `start` and `end` select the axes "
    "reported, like a Python slice of the shape: negative values count from the back and "
    "out-of-range values are clamped. ";

ONNXFORGE_SCHEMA(Onnx, Shape, 24) {
  schema.Doc(absl::StrCat(kShapeRangeIntro, "Opset 24 adds float8e8m0."));
  tensor::ShapeRangeAttrs(schema);
  return tensor::ShapeSignature(schema, types::AllTensorIR12(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/true))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Shape, 23) {
  schema.Doc(absl::StrCat(kShapeRangeIntro, "Opset 23 adds float4e2m1."));
  tensor::ShapeRangeAttrs(schema);
  return tensor::ShapeSignature(schema, types::AllTensorIR11(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/true))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Shape, 21) {
  schema.Doc(absl::StrCat(kShapeRangeIntro, "Opset 21 adds int4 and uint4."));
  tensor::ShapeRangeAttrs(schema);
  return tensor::ShapeSignature(schema, types::AllTensorIR10(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/true))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Shape, 19) {
  schema.Doc(absl::StrCat(kShapeRangeIntro, "Opset 19 adds the float8 types."));
  tensor::ShapeRangeAttrs(schema);
  return tensor::ShapeSignature(schema, types::AllTensorIR9(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/true))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Shape, 15) {
  schema.Doc(absl::StrCat(kShapeRangeIntro, "Opset 15 adds `start` and `end`."));
  tensor::ShapeRangeAttrs(schema);
  return tensor::ShapeSignature(schema, types::AllTensorIR4(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/true))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Shape, 13) {
  schema.Doc("Returns the input's shape as a 1-D int64 tensor. Opset 13 adds bfloat16.");
  return tensor::ShapeSignature(schema, types::AllTensorIR4(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/false))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/false));
}

ONNXFORGE_SCHEMA(Onnx, Shape, 1) {
  schema.Doc("Returns the input's shape as a 1-D int64 tensor.");
  return tensor::ShapeSignature(schema, types::AllTensor(), /*non_differentiable=*/false)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/false))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/false));
}

// ---- Concat ----------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Concat, 11) {
  schema.Doc(
      "Joins the inputs along `axis`. They have one rank and equal dimensions except along "
      "the axis, where the output's length is the sum of theirs. Opset 11 accepts negative "
      "axes.");
  return tensor::ConcatSignature(schema, types::AllTensor(), /*differentiable=*/false)
      .Attr("axis",
            "The axis to join along; negative values count from the back. In [-r, r-1] for "
            "rank r.",
            AttributeProto::INT, /*required=*/true)
      .TypeAndShapeInference(tensor::ConcatInference(/*axis_defaults_to_one=*/false));
}

ONNXFORGE_SCHEMA(Onnx, Concat, 4) {
  schema.Doc(
      "Joins the inputs along `axis`. They have one rank and equal dimensions except along "
      "the axis, where the output's length is the sum of theirs. Opset 4 makes `axis` "
      "required and accepts every tensor type.");
  return tensor::ConcatSignature(schema, types::AllTensor(), /*differentiable=*/false)
      .Attr("axis", "The axis to join along.", AttributeProto::INT, /*required=*/true)
      .TypeAndShapeInference(tensor::ConcatInference(/*axis_defaults_to_one=*/false));
}

ONNXFORGE_SCHEMA(Onnx, Concat, 1) {
  schema.Doc(
      "Joins float inputs along `axis` (1 when absent). They have one rank and equal "
      "dimensions except along the axis, where the output's length is the sum of theirs.");
  return tensor::ConcatSignature(schema, types::Float(), /*differentiable=*/false)
      .Attr("axis", "The axis to join along; 1 when absent.", AttributeProto::INT,
            /*required=*/false)
      .TypeAndShapeInference(tensor::ConcatInference(/*axis_defaults_to_one=*/true));
}

// ---- Split -------------------------------------------------------------------------

ONNXFORGE_SCHEMA(Onnx, Split, 13) {
  schema.Doc(
      "Cuts the input along `axis` into consecutive parts, one per output. The `split` input "
      "gives each part's length; without it the parts are equal, and the length along the "
      "axis must divide by the number of outputs. Opset 13 moves `split` from an attribute "
      "to an input and adds bfloat16.");
  tensor::SplitSignature(schema, types::AllTensorIR4(), /*differentiable=*/true,
                         /*negative_axis=*/true);
  return tensor::SplitSizesInput(schema).TypeAndShapeInference(
      tensor::SplitInference(tensor::SplitSizes::kInput));
}

ONNXFORGE_SCHEMA(Onnx, Split, 11) {
  schema.Doc(
      "Cuts the input along `axis` into consecutive parts, one per output. The `split` "
      "attribute gives each part's length; without it the parts are equal, and the length "
      "along the axis must divide by the number of outputs. Opset 11 accepts negative "
      "axes.");
  tensor::SplitSignature(schema, types::AllTensor(), /*differentiable=*/false,
                         /*negative_axis=*/true);
  return schema
      .Attr("split", "The length of each part (each >= 0).", AttributeProto::INTS,
            /*required=*/false)
      .TypeAndShapeInference(tensor::SplitInference(tensor::SplitSizes::kAttr));
}

ONNXFORGE_SCHEMA(Onnx, Split, 2) {
  schema.Doc(
      "Cuts the input along `axis` into consecutive parts, one per output. The `split` "
      "attribute gives each part's length; without it the parts are equal, and the length "
      "along the axis must divide by the number of outputs. Opset 2 drops the second input, "
      "defaults `axis` to 0 and accepts every tensor type.");
  tensor::SplitSignature(schema, types::AllTensor(), /*differentiable=*/false,
                         /*negative_axis=*/false);
  return schema.Attr("split", "The length of each part.", AttributeProto::INTS, /*required=*/false)
      .TypeAndShapeInference(tensor::SplitInference(tensor::SplitSizes::kAttr));
}

ONNXFORGE_SCHEMA(Onnx, Split, 1) {
  schema.Doc(
      "Cuts a float input along `axis` (0 when absent) into consecutive parts, one per "
      "output. The part lengths come from the `split` attribute or else the optional second "
      "input; without either the parts are equal.");
  return schema
      .Attr("axis", "The axis to split along; 0 when absent.", AttributeProto::INT,
            /*required=*/false)
      .Attr("split", "The length of each part.", AttributeProto::INTS, /*required=*/false)
      .Input(0, "input", "The tensor to split.", "T")
      .Input(1, "split", "The length of each part, when the attribute is not given.", "T",
             FormalOption::kOptional)
      .Output(0, "outputs...", "The parts, in order along the axis.", "T", FormalOption::kVariadic)
      .TypeConstraint("T", types::Float(), "Float tensors.")
      .TypeAndShapeInference(tensor::SplitInference(tensor::SplitSizes::kAttrOrInput));
}

// ---- Transpose -------------------------------------------------------------------

static constexpr char kTransposeIntro[] =
    "Permutes the axes: output axis i is input axis perm[i]. Without `perm` the axes are "
    "reversed. ";

ONNXFORGE_SCHEMA(Onnx, Transpose, 24) {
  schema.Doc(absl::StrCat(kTransposeIntro, "Opset 24 adds float8e8m0."));
  return tensor::TransposeSignature(schema, types::AllTensorIR12(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferTranspose);
}

ONNXFORGE_SCHEMA(Onnx, Transpose, 23) {
  schema.Doc(absl::StrCat(kTransposeIntro, "Opset 23 adds float4e2m1."));
  return tensor::TransposeSignature(schema, types::AllTensorIR11(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferTranspose);
}

ONNXFORGE_SCHEMA(Onnx, Transpose, 21) {
  schema.Doc(absl::StrCat(kTransposeIntro, "Opset 21 adds int4, uint4 and the float8 types."));
  return tensor::TransposeSignature(schema, types::AllTensorIR10(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferTranspose);
}

ONNXFORGE_SCHEMA(Onnx, Transpose, 13) {
  schema.Doc(absl::StrCat(kTransposeIntro, "Opset 13 adds bfloat16."));
  return tensor::TransposeSignature(schema, types::AllTensorIR4(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferTranspose);
}

ONNXFORGE_SCHEMA(Onnx, Transpose, 1) {
  schema.Doc(kTransposeIntro);
  return tensor::TransposeSignature(schema, types::AllTensor(), /*differentiable=*/false)
      .TypeAndShapeInference(tensor::InferTranspose);
}

// ---- Squeeze -----------------------------------------------------------------------

static constexpr char kSqueezeIntro[] =
    "Removes dimensions of size 1: those listed in `axes`, or all of them when `axes` is "
    "omitted. Listing a dimension whose size is not 1 is an error. ";

ONNXFORGE_SCHEMA(Onnx, Squeeze, 24) {
  schema.Doc(absl::StrCat(kSqueezeIntro, "Opset 24 adds float8e8m0."));
  return tensor::SqueezeWithAxesInput(schema, types::AllTensorIR12())
      .TypeAndShapeInference(tensor::InferSqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Squeeze, 23) {
  schema.Doc(absl::StrCat(kSqueezeIntro, "Opset 23 adds float4e2m1."));
  return tensor::SqueezeWithAxesInput(schema, types::AllTensorIR11())
      .TypeAndShapeInference(tensor::InferSqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Squeeze, 21) {
  schema.Doc(absl::StrCat(kSqueezeIntro, "Opset 21 adds int4, uint4 and the float8 types."));
  return tensor::SqueezeWithAxesInput(schema, types::AllTensorIR10())
      .TypeAndShapeInference(tensor::InferSqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Squeeze, 13) {
  schema.Doc(absl::StrCat(kSqueezeIntro,
                          "Opset 13 moves `axes` from an attribute to an optional input and "
                          "adds bfloat16."));
  return tensor::SqueezeWithAxesInput(schema, types::AllTensorIR4())
      .TypeAndShapeInference(tensor::InferSqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Squeeze, 11) {
  schema.Doc(absl::StrCat(kSqueezeIntro, "Opset 11 accepts negative axes."));
  return tensor::SqueezeWithAxesAttr(schema, types::AllTensor(), /*negative_axes=*/true)
      .TypeAndShapeInference(tensor::InferSqueezeFromAttr);
}

ONNXFORGE_SCHEMA(Onnx, Squeeze, 1) {
  schema.Doc(kSqueezeIntro);
  return tensor::SqueezeWithAxesAttr(schema, types::AllTensor(), /*negative_axes=*/false)
      .TypeAndShapeInference(tensor::InferSqueezeFromAttr);
}

// ---- Unsqueeze ---------------------------------------------------------------------

static constexpr char kUnsqueezeIntro[] =
    "Inserts dimensions of size 1. `axes` lists their positions in the output, whose rank "
    "is the input's plus the number of axes; the order of `axes` does not matter, and "
    "repeats are an error. ";

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 24) {
  schema.Doc(absl::StrCat(kUnsqueezeIntro, "Opset 24 adds float8e8m0."));
  return tensor::UnsqueezeWithAxesInput(schema, types::AllTensorIR12())
      .TypeAndShapeInference(tensor::InferUnsqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 23) {
  schema.Doc(absl::StrCat(kUnsqueezeIntro, "Opset 23 adds float4e2m1."));
  return tensor::UnsqueezeWithAxesInput(schema, types::AllTensorIR11())
      .TypeAndShapeInference(tensor::InferUnsqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 21) {
  schema.Doc(absl::StrCat(kUnsqueezeIntro, "Opset 21 adds int4, uint4 and the float8 types."));
  return tensor::UnsqueezeWithAxesInput(schema, types::AllTensorIR10())
      .TypeAndShapeInference(tensor::InferUnsqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 13) {
  schema.Doc(absl::StrCat(kUnsqueezeIntro,
                          "Opset 13 moves `axes` from an attribute to an input and adds "
                          "bfloat16."));
  return tensor::UnsqueezeWithAxesInput(schema, types::AllTensorIR4())
      .TypeAndShapeInference(tensor::InferUnsqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 11) {
  schema.Doc(absl::StrCat(kUnsqueezeIntro, "Opset 11 accepts negative axes."));
  return tensor::UnsqueezeWithAxesAttr(schema, types::AllTensor(), /*negative_axes=*/true)
      .TypeAndShapeInference(tensor::InferUnsqueezeFromAttr);
}

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 1) {
  schema.Doc(kUnsqueezeIntro);
  return tensor::UnsqueezeWithAxesAttr(schema, types::AllTensor(), /*negative_axes=*/false)
      .TypeAndShapeInference(tensor::InferUnsqueezeFromAttr);
}

// ---- Flatten -----------------------------------------------------------------------

static constexpr char kFlattenIntro[] =
    "Reshapes the input to 2-D: the dimensions before `axis` multiply into the first, the "
    "rest into the second (an empty product is 1, so axis 0 gives [1, total]). ";

ONNXFORGE_SCHEMA(Onnx, Flatten, 24) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 24 adds float8e8m0."));
  return tensor::FlattenSignature(schema, types::AllTensorIR12(), /*differentiable=*/true,
                                  /*negative_axis=*/true)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 23) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 23 adds float4e2m1."));
  return tensor::FlattenSignature(schema, types::AllTensorIR11(), /*differentiable=*/true,
                                  /*negative_axis=*/true)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 21) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 21 adds int4, uint4 and the float8 types."));
  return tensor::FlattenSignature(schema, types::AllTensorIR10(), /*differentiable=*/true,
                                  /*negative_axis=*/true)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 13) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 13 adds bfloat16."));
  return tensor::FlattenSignature(schema, types::AllTensorIR4(), /*differentiable=*/true,
                                  /*negative_axis=*/true)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 11) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 11 accepts a negative axis."));
  return tensor::FlattenSignature(schema, types::AllTensor(), /*differentiable=*/false,
                                  /*negative_axis=*/true)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 9) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 9 accepts every tensor type."));
  return tensor::FlattenSignature(schema, types::AllTensor(), /*differentiable=*/false,
                                  /*negative_axis=*/false)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/false));
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 1) {
  schema.Doc(absl::StrCat(kFlattenIntro, "Opset 1 accepts float types only."));
  return tensor::FlattenSignature(schema, types::Float(), /*differentiable=*/false,
                                  /*negative_axis=*/false)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/false));
}

// ---- Identity ----------------------------------------------------------------------

// Tensors of `tensors`, sequences of tensors and optionals: Identity's V.
static types::TypeList IdentityValues(const types::TypeList& tensors) {
  return types::Concat({tensors, types::AllTensorSequence(), types::AllOptional()});
}

ONNXFORGE_SCHEMA(Onnx, Identity, 24) {
  schema.Doc(
      "Returns its input unchanged: a tensor, a sequence or an optional. Opset 24 adds "
      "float8e8m0 tensors.");
  return tensor::IdentitySignature(schema, "V", IdentityValues(types::AllTensorIR12()),
                                   /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 23) {
  schema.Doc(
      "Returns its input unchanged: a tensor, a sequence or an optional. Opset 23 adds "
      "float4e2m1 tensors.");
  return tensor::IdentitySignature(schema, "V", IdentityValues(types::AllTensorIR11()),
                                   /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 21) {
  schema.Doc(
      "Returns its input unchanged: a tensor, a sequence or an optional. Opset 21 adds "
      "int4 and uint4 tensors.");
  return tensor::IdentitySignature(schema, "V", IdentityValues(types::AllTensorIR10()),
                                   /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 19) {
  schema.Doc(
      "Returns its input unchanged: a tensor, a sequence or an optional. Opset 19 adds "
      "the float8 tensors.");
  return tensor::IdentitySignature(schema, "V", IdentityValues(types::AllTensorIR9()),
                                   /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 16) {
  schema.Doc(
      "Returns its input unchanged: a tensor, a sequence or an optional. Opset 16 adds "
      "optionals.");
  return tensor::IdentitySignature(schema, "V", IdentityValues(types::AllTensorIR4()),
                                   /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 14) {
  schema.Doc(
      "Returns its input unchanged: a tensor or a sequence of tensors. Opset 14 adds "
      "sequences.");
  return tensor::IdentitySignature(
             schema, "V", types::Concat({types::AllTensorIR4(), types::AllTensorSequence()}),
             /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 13) {
  schema.Doc("Returns its input tensor unchanged. Opset 13 adds bfloat16.");
  return tensor::IdentitySignature(schema, "T", types::AllTensorIR4(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

ONNXFORGE_SCHEMA(Onnx, Identity, 1) {
  schema.Doc("Returns its input tensor unchanged.");
  return tensor::IdentitySignature(schema, "T", types::AllTensor(), /*differentiable=*/false)
      .TypeAndShapeInference(tensor::InferIdentity);
}

}  // namespace onnxforge
