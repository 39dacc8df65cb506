// The latest version of each tensor-manipulation operator: Cast, Reshape,
// Shape, Concat, Split, Transpose, Squeeze, Unsqueeze, Flatten, Identity.
#include "absl/strings/str_cat.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tensor/utils.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// What Cast does to values, shared by the docs of opsets 19 and later.
static constexpr char kCastRules[] =
    "Numbers convert as follows. Float to float: out-of-range values become infinity. "
    "Float to integer: out-of-range values are undefined. Integer to integer: the value "
    "wraps (the bits that do not fit are dropped, so int32 300 becomes uint8 44). Integer to "
    "float: out-of-range values become infinity. To bool: zero is false, anything else true; "
    "from bool: 1 and 0. Strings convert to and from decimal and scientific notation; "
    "\"INF\", \"+INF\", \"-INF\" and \"NaN\" (any letter case) are the special float values. "
    "Float8 targets round to nearest even; 'saturate' decides what happens out of range.";

ONNXFORGE_SCHEMA(Onnx, Cast, 25) {
  schema.Doc(absl::StrCat(
      "Converts every element of the input to the element type `to`; the shape is kept. ",
      kCastRules,
      " For float8e8m0 targets 'round_mode' picks the rounding; negative values give "
      "undefined results there. Opset 25 adds int2 and uint2."));
  tensor::CastToAttr(schema);
  tensor::SaturateAttr(schema);
  tensor::RoundModeAttr(schema);
  return tensor::CastSignature(schema, types::NonComplexTensorIR13(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::CastInference(types::NonComplexTensorIR13()))
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Reshape, 25) {
  schema.Doc(
      "Gives the data a new shape with the same element count, keeping element order. Each "
      "entry of `shape` is a dimension; a 0 copies the input's dimension at that position "
      "(with allowzero=1 it is a real 0), and one entry may be -1, inferred from the element "
      "count. An empty `shape` makes a scalar. Opset 25 adds int2 and uint2.");
  tensor::AllowZeroAttr(schema);
  return tensor::ReshapeSignature(schema, types::AllTensorIR13(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferReshape);
}

ONNXFORGE_SCHEMA(Onnx, Shape, 25) {
  schema.Doc(
      "Returns the input's shape as a 1-D int64 tensor. `start` and `end` select the axes "
      "reported, like a Python slice of the shape without a step: negative values count "
      "from the back, out-of-range values are clamped, and an empty range gives an empty "
      "tensor. Opset 25 adds int2 and uint2.");
  tensor::ShapeRangeAttrs(schema);
  return tensor::ShapeSignature(schema, types::AllTensorIR13(), /*non_differentiable=*/true)
      .TypeAndShapeInference(tensor::ShapeInference(/*ranged=*/true))
      .DataPropagation(tensor::ShapeDataPropagation(/*ranged=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Concat, 13) {
  schema.Doc(
      "Joins the inputs along `axis`. They have one rank and equal dimensions except along "
      "the axis, where the output's length is the sum of theirs. Opset 13 adds bfloat16.");
  return tensor::ConcatSignature(schema, types::AllTensorIR4(), /*differentiable=*/true)
      .Attr("axis",
            "The axis to join along; negative values count from the back. In [-r, r-1] for "
            "rank r.",
            AttributeProto::INT, /*required=*/true)
      .TypeAndShapeInference(tensor::ConcatInference(/*axis_defaults_to_one=*/false))
      .DataPropagation(tensor::PropagateConcatData);
}

ONNXFORGE_SCHEMA(Onnx, Split, 18) {
  schema.Doc(
      "Cuts the input along `axis` into consecutive parts, one per output. The `split` input "
      "gives each part's length; otherwise `num_outputs` (which must equal the number of "
      "outputs) asks for that many parts of ceil(length / num_outputs), the last one taking "
      "what remains. Exactly one of the two must be given. Opset 18 adds `num_outputs`.");
  tensor::SplitSignature(schema, types::AllTensorIR4(), /*differentiable=*/true,
                         /*negative_axis=*/true);
  return tensor::SplitSizesInput(schema)
      .Attr("num_outputs",
            "How many parts to cut when 'split' is not given; equals the number of outputs.",
            AttributeProto::INT, /*required=*/false)
      .TypeAndShapeInference(tensor::SplitInference(tensor::SplitSizes::kInputOrNumOutputs));
}

ONNXFORGE_SCHEMA(Onnx, Transpose, 25) {
  schema.Doc(
      "Permutes the axes: output axis i is input axis perm[i]. Without `perm` the axes are "
      "reversed. Scalars and 1-D inputs pass through unchanged. Opset 25 adds int2 and "
      "uint2.");
  return tensor::TransposeSignature(schema, types::AllTensorIR13(), /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferTranspose);
}

ONNXFORGE_SCHEMA(Onnx, Squeeze, 25) {
  schema.Doc(
      "Removes dimensions of size 1: those listed in `axes`, or all of them when `axes` is "
      "omitted. Listing a dimension whose size is not 1 is an error. Opset 25 adds int2 and "
      "uint2.");
  return tensor::SqueezeWithAxesInput(schema, types::AllTensorIR13())
      .TypeAndShapeInference(tensor::InferSqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Unsqueeze, 25) {
  schema.Doc(
      "Inserts dimensions of size 1. `axes` lists their positions in the output, whose rank "
      "is the input's plus the number of axes; the order of `axes` does not matter, and "
      "repeats are an error. Opset 25 adds int2 and uint2.");
  return tensor::UnsqueezeWithAxesInput(schema, types::AllTensorIR13())
      .TypeAndShapeInference(tensor::InferUnsqueezeFromInput)
      .DataPropagation(tensor::PropagateInputData);
}

ONNXFORGE_SCHEMA(Onnx, Flatten, 25) {
  schema.Doc(
      "Reshapes the input to 2-D: the dimensions before `axis` multiply into the first, the "
      "rest into the second (an empty product is 1, so axis 0 gives [1, total]). Opset 25 "
      "adds int2 and uint2.");
  return tensor::FlattenSignature(schema, types::AllTensorIR13(), /*differentiable=*/true,
                                  /*negative_axis=*/true)
      .TypeAndShapeInference(tensor::FlattenInference(/*negative_axis=*/true));
}

ONNXFORGE_SCHEMA(Onnx, Identity, 25) {
  schema.Doc(
      "Returns its input unchanged: a tensor, a sequence of tensors or an optional. Opset 25 "
      "adds int2 and uint2 tensors.");
  return tensor::IdentitySignature(
             schema, "V",
             types::Concat(
                 {types::AllTensorIR13(), types::AllTensorSequence(), types::AllOptional()}),
             /*differentiable=*/true)
      .TypeAndShapeInference(tensor::InferIdentity);
}

}  // namespace onnxforge
