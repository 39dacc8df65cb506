// Pieces the Gather, Slice, Pad, Expand and Where schemas share across
// versions: formal parameters, inference and data propagation.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::slicing {

// ---- Shapes given as values ----

// The shape an input's value describes (Expand's `shape`, ConstantOfShape's
// `input`): its constant values, else the shape data propagation computed
// (symbols kept), else only its length when the input's type has a known
// 1-D shape. nullopt when even the length is unknown. An input that is not
// 1-D, or a negative value, is an error naming `what`.
absl::Status ShapeFromInput(const InferenceContext& ctx, size_t index, std::string_view what,
                            std::optional<TensorShapeProto>* shape);

// ---- Gather ----

// data, indices -> output, with T over `types` and Tind int32/int64.
OpSchema& GatherFormals(OpSchema& schema, const types::TypeList& types, bool differentiable);
absl::Status InferGather(InferenceContext& ctx);
// Gathers from a shape value along axis 0 with known indices.
absl::Status PropagateGather(DataPropagationContext& ctx);

// ---- Slice ----

// The number of elements a slice start:end:step takes from an axis of
// `size` elements, after ONNX's clamping: negative start/end count from the
// end, then both are clamped into the axis (to [0, size] going forward,
// [0, size-1] for start and [-1, size-1] for end going backward).
// `step` must not be 0.
int64_t SlicedLength(int64_t size, int64_t start, int64_t end, int64_t step);

// data, starts, ends, axes?, steps? -> output (opset 10 and later).
OpSchema& SliceInputFormals(OpSchema& schema, const types::TypeList& types, bool differentiable);
// Slice-1: starts, ends and axes are attributes.
absl::Status InferSliceFromAttributes(InferenceContext& ctx);
// Slice-10 and later: starts, ends, axes and steps are inputs.
absl::Status InferSliceFromInputs(InferenceContext& ctx);
// Slices a shape value (axis 0) with known starts, ends and steps.
absl::Status PropagateSlice(DataPropagationContext& ctx);

// ---- Pad ----

// The padding modes a version accepts.
inline const std::vector<std::string_view> kPadModes = {"constant", "reflect", "edge"};
inline const std::vector<std::string_view> kPadModesWithWrap = {"constant", "reflect", "edge",
                                                                "wrap"};

// Pad-1 and Pad-2: the pads are the attribute `pads_attribute` ("paddings"
// in Pad-1, "pads" in Pad-2), with `mode` and `value` attributes too.
OpSchema& PadWithAttributes(OpSchema& schema, std::string_view pads_attribute);
// Pad-11 and later: pads and the constant value are inputs; `with_axes`
// adds the axes input of Pad-18. `modes` names what `mode` accepts.
OpSchema& PadWithInputs(OpSchema& schema, const types::TypeList& types, bool differentiable,
                        bool with_axes, const std::vector<std::string_view>& modes);

// ---- Expand ----

// input, shape -> output.
OpSchema& ExpandFormals(OpSchema& schema, const types::TypeList& types, bool differentiable);
absl::Status InferExpand(InferenceContext& ctx);

// ---- Where ----

// condition, X, Y -> output, broadcasting all three.
OpSchema& WhereFormals(OpSchema& schema, const types::TypeList& types);
absl::Status InferWhere(InferenceContext& ctx);

}  // namespace onnxforge::slicing
