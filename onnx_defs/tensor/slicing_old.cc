// Earlier versions of Gather, Slice, Pad, Expand and Where, newest first per op.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tensor/slicing_utils.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

// ---- Gather ----

ONNXFORGE_SCHEMA(Onnx, Gather, 11) {
  schema.Doc(
      "Picks slices of `data` along one axis: for data of rank r and indices of rank q the "
      "output has rank q + r - 1, the dims of `indices` taking the place of `axis`. Opset 11 "
      "allows negative indices, counted from the end of the axis, and negative `axis` values.");
  return slicing::GatherFormals(schema, types::AllTensor(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Gather, 1) {
  schema.Doc(
      "Picks slices of `data` along one axis: for data of rank r and indices of rank q the "
      "output has rank q + r - 1, the dims of `indices` taking the place of `axis`.");
  return slicing::GatherFormals(schema, types::AllTensor(), /*differentiable=*/false);
}

// ---- Slice ----

ONNXFORGE_SCHEMA(Onnx, Slice, 11) {
  schema.Doc(
      "Takes a strided sub-tensor of `data`, like numpy's data[start:end:step] on the axes "
      "listed in `axes`. Negative starts and ends count from the end of the axis; values past "
      "either end are clamped into the axis. Opset 11 allows negative values in `axes`.");
  return slicing::SliceInputFormals(schema, types::AllTensor(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Slice, 10) {
  schema.Doc(
      "Takes a strided sub-tensor of `data`, like numpy's data[start:end:step] on the axes "
      "listed in `axes`. Negative starts and ends count from the end of the axis; values past "
      "either end are clamped into the axis. Opset 10 turns starts, ends and axes into inputs "
      "and adds `steps`, whose negative values slice backward.");
  return slicing::SliceInputFormals(schema, types::AllTensor(), /*differentiable=*/false);
}

ONNXFORGE_SCHEMA(Onnx, Slice, 1) {
  return schema
      .Doc(
          "Takes a contiguous sub-tensor of `data`, like numpy's data[start:end] on the axes "
          "listed in `axes`. Negative starts and ends count from the end of the axis; values "
          "past either end are clamped into the axis, so an axis keeps "
          "max(0, end - start) elements. Axes not listed are kept whole.")
      .Attr("starts", "The first index taken on each axis in `axes`.", AttributeProto::INTS,
            /*required=*/true)
      .Attr("ends", "The index to stop before on each axis in `axes`.", AttributeProto::INTS,
            /*required=*/true)
      .Attr("axes",
            "The axes `starts` and `ends` refer to; [0, 1, ..., len(starts)-1] when "
            "omitted.",
            AttributeProto::INTS, /*required=*/false)
      .Input(0, "data", "The tensor to slice.", "T")
      .Output(0, "output", "The slice of `data`.", "T")
      .TypeConstraint("T", types::AllTensor(), "Any tensor element type.")
      .TypeAndShapeInference(slicing::InferSliceFromAttributes);
}

// ---- Pad ----

ONNXFORGE_SCHEMA(Onnx, Pad, 24) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) `data` at both ends of the axes in `axes`, by "
      "the counts in `pads` (all begin counts, then all end counts). Modes: constant, reflect, "
      "edge, wrap. Opset 24 adds float8e8m0.");
  return slicing::PadWithInputs(schema, types::AllTensorIR12(), /*differentiable=*/true,
                                /*with_axes=*/true, slicing::kPadModesWithWrap);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 23) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) `data` at both ends of the axes in `axes`, by "
      "the counts in `pads` (all begin counts, then all end counts). Modes: constant, reflect, "
      "edge, wrap. Opset 23 adds float4e2m1.");
  return slicing::PadWithInputs(schema, types::AllTensorIR11(), /*differentiable=*/true,
                                /*with_axes=*/true, slicing::kPadModesWithWrap);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 21) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) `data` at both ends of the axes in `axes`, by "
      "the counts in `pads` (all begin counts, then all end counts). Modes: constant, reflect, "
      "edge, wrap. Opset 21 adds the float8 types, uint4 and int4.");
  return slicing::PadWithInputs(schema, types::AllTensorIR10(), /*differentiable=*/true,
                                /*with_axes=*/true, slicing::kPadModesWithWrap);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 19) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) `data` at both ends of the axes in `axes`, by "
      "the counts in `pads` (all begin counts, then all end counts). Opset 19 adds the wrap "
      "mode, which fills the padding periodically from the opposite end of the axis.");
  return slicing::PadWithInputs(schema, types::AllTensorIR4(), /*differentiable=*/true,
                                /*with_axes=*/true, slicing::kPadModesWithWrap);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 18) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) `data` at both ends of some axes, by the "
      "counts in `pads` (all begin counts, then all end counts). Modes: constant, reflect, "
      "edge. Opset 18 adds the optional `axes` input choosing which axes `pads` refers to.");
  return slicing::PadWithInputs(schema, types::AllTensorIR4(), /*differentiable=*/true,
                                /*with_axes=*/true, slicing::kPadModes);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 13) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) every axis of `data` at both ends, by the "
      "counts in `pads` (all begin counts, then all end counts). Modes: constant, reflect, "
      "edge. Opset 13 accepts every tensor type (bfloat16, bool and string too) and states "
      "which inputs are differentiable.");
  return slicing::PadWithInputs(schema, types::AllTensorIR4(), /*differentiable=*/true,
                                /*with_axes=*/false, slicing::kPadModes);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 11) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) every axis of `data` at both ends, by the "
      "counts in `pads` (all begin counts, then all end counts). Modes: constant, reflect, "
      "edge. Opset 11 turns the pads and the fill value into inputs and accepts the numeric "
      "types.");
  return slicing::PadWithInputs(schema, types::Numeric(), /*differentiable=*/false,
                                /*with_axes=*/false, slicing::kPadModes);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 2) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) every axis of `data` at both ends, by the "
      "counts in the `pads` attribute (all begin counts, then all end counts). constant mode "
      "fills with `value`, reflect mirrors the data about the edge element, edge repeats the "
      "edge element. Opset 2 renames `paddings` to `pads`.");
  return slicing::PadWithAttributes(schema, "pads");
}

ONNXFORGE_SCHEMA(Onnx, Pad, 1) {
  schema.Doc(
      "Grows every axis of `data` at both ends, by the counts in the `paddings` attribute (all "
      "begin counts, then all end counts). constant mode fills with `value`, reflect mirrors "
      "the data about the edge element, edge repeats the edge element.");
  return slicing::PadWithAttributes(schema, "paddings");
}

// ---- Expand ----

ONNXFORGE_SCHEMA(Onnx, Expand, 8) {
  schema.Doc(
      "Broadcasts `input` with the shape held in `shape`, both ways as numpy does: shapes "
      "align on their last axis, sizes must be equal or 1, and the output takes the larger, "
      "so it may be larger than `shape`.");
  return slicing::ExpandFormals(schema, types::AllTensor(), /*differentiable=*/false);
}

// ---- Where ----

ONNXFORGE_SCHEMA(Onnx, Where, 9) {
  schema.Doc(
      "Chooses elementwise between two tensors: output = condition ? X : Y. The three inputs "
      "broadcast together, numpy style, and the output has the broadcast shape.");
  return slicing::WhereFormals(schema, types::AllTensor());
}

}  // namespace onnxforge
