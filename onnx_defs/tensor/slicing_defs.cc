// The latest version of Gather, Slice, Pad, Expand and Where.
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tensor/slicing_utils.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge {

ONNXFORGE_SCHEMA(Onnx, Gather, 13) {
  schema.Doc(
      "Picks slices of `data` along one axis. For data of rank r and indices of rank q, "
      "the output has rank q + r - 1: the dims of `data` before `axis`, then the dims of "
      "`indices`, then the dims of `data` after `axis`; each output element is the element of "
      "`data` whose `axis` coordinate is indices[i...]. With axis=0, data of shape [3, 2] and "
      "indices [[0, 2]] give shape [1, 2, 2]. A negative index counts from the end of the "
      "axis; an index outside [-s, s-1] is an error. Opset 13 adds bfloat16 and states "
      "which inputs are differentiable.");
  return slicing::GatherFormals(schema, types::AllTensorIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Slice, 13) {
  schema.Doc(
      "Takes a strided sub-tensor of `data`, like numpy's data[start:end:step] on several "
      "axes at once. For each k, axis axes[k] keeps the indices starts[k], "
      "starts[k] + steps[k], ... up to but not including ends[k]. A negative start or end "
      "has the axis size added to it; then, with a positive step, start and end are clamped "
      "to [0, size]; with a negative step, start is clamped to [0, size-1] and end to "
      "[-1, size-1]. The axis then holds max(0, ceil((end - start) / step)) elements. Axes "
      "not listed are kept whole. To slice to the end of an axis of unknown size use INT_MAX "
      "(forward) or INT_MIN (backward) as the end. Opset 13 adds bfloat16 and states which "
      "inputs are differentiable.");
  return slicing::SliceInputFormals(schema, types::AllTensorIR4(), /*differentiable=*/true)
      .DataPropagation(slicing::PropagateSlice);
}

ONNXFORGE_SCHEMA(Onnx, Pad, 25) {
  schema.Doc(
      "Grows (or, with negative counts, shrinks) `data` at both ends of some axes. `pads` "
      "gives, for each padded axis, the count to add before its first element and after its "
      "last: all begin counts first, then all end counts. `axes` picks the padded axes (all, "
      "in order, when omitted). `mode` decides the new values: constant (default) fills with "
      "`constant_value`; reflect mirrors the data about the edge element, not repeating it; "
      "edge repeats the edge element; wrap continues periodically from the other end. An "
      "axis of size d becomes d + begin + end. Opset 25 adds uint2 and int2.");
  return slicing::PadWithInputs(schema, types::AllTensorIR13(), /*differentiable=*/true,
                                /*with_axes=*/true, slicing::kPadModesWithWrap);
}

ONNXFORGE_SCHEMA(Onnx, Expand, 13) {
  schema.Doc(
      "Broadcasts `input` with the shape held in `shape`, both ways as numpy does: the two "
      "shapes are aligned on their last axis, and at each axis the sizes must be equal or "
      "one of them 1; the output takes the larger. So the output may be larger than `shape` "
      "where `input` is larger, e.g. input [3, 1] with shape [2, 1, 6] gives [2, 3, 6]; a "
      "1 in `shape` keeps the input size. Opset 13 adds bfloat16 and states which inputs are "
      "differentiable.");
  return slicing::ExpandFormals(schema, types::AllTensorIR4(), /*differentiable=*/true);
}

ONNXFORGE_SCHEMA(Onnx, Where, 16) {
  schema.Doc(
      "Chooses elementwise between two tensors: output = condition ? X : Y. The three inputs "
      "broadcast together, numpy style, and the output has the broadcast shape. Opset 16 adds "
      "bfloat16.");
  return slicing::WhereFormals(schema, types::AllTensorIR4());
}

}  // namespace onnxforge
