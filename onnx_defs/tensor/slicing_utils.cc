#include "onnx_defs/tensor/slicing_utils.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::slicing {
namespace {

// ONNX states differentiability from opset 13 on; earlier versions leave it
// unknown.
Differentiability Diff(bool differentiable) {
  return differentiable ? Differentiability::kDifferentiable : Differentiability::kUnknown;
}
Differentiability NonDiff(bool differentiable) {
  return differentiable ? Differentiability::kNonDifferentiable : Differentiability::kUnknown;
}

// "a, b, c"; abseil's StrJoin does not take std::string_view here.
std::string JoinNames(const std::vector<std::string_view>& names) {
  std::string out;
  for (std::string_view name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

const types::TypeList& IndexTypes() {
  static const types::TypeList* list = new types::TypeList(types::Tensors({"int32", "int64"}));
  return *list;
}

// A shape known only by its length gets that many unknown dims; beyond this
// length the length is not trusted enough to allocate for.
constexpr int64_t kMaxRankFromLength = 4096;

// The usual spellings of "the whole axis" when its size is unknown:
// 0:INT_MAX:1 forward and -1:INT_MIN:-1 backward (INT_MAX of 32 or 64 bits).
bool KeepsWholeAxis(int64_t start, int64_t end, int64_t step) {
  constexpr int64_t kIntMax32 = INT32_MAX;
  if (step == 1) return start == 0 && end >= kIntMax32;
  if (step == -1) return (start == -1 || start >= kIntMax32) && end <= -kIntMax32 - 1;
  return false;
}

// One output dim of a slice along an axis whose input dim is `in`.
TensorShapeProto::Dimension SlicedDim(const TensorShapeProto::Dimension& in, int64_t start,
                                      int64_t end, int64_t step) {
  if (in.has_dim_value()) return DimOf(SlicedLength(in.dim_value(), start, end, step));
  if (KeepsWholeAxis(start, end, step)) return in;
  return TensorShapeProto::Dimension();
}

// Checks every axis lies in [-rank, rank-1], makes it non-negative, and
// rejects repeats. `what` names the list in messages ("input 'axes'").
absl::Status NormalizeAxes(std::vector<int64_t>* axes, int64_t rank, std::string_view what) {
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  for (int64_t& axis : *axes) {
    if (axis < -rank || axis >= rank) {
      return InferenceError(what, " holds axis ", axis, ", outside [", -rank, ", ", rank - 1,
                            "] for rank ", rank);
    }
    if (axis < 0) axis += rank;
    if (seen[axis]) return InferenceError(what, " names axis ", axis, " more than once");
    seen[axis] = true;
  }
  return absl::OkStatus();
}

std::vector<int64_t> AllAxes(size_t count) {
  std::vector<int64_t> axes(count);
  std::iota(axes.begin(), axes.end(), 0);
  return axes;
}

TensorShapeProto UnknownDims(int64_t rank) {
  TensorShapeProto shape;
  for (int64_t i = 0; i < rank; ++i) shape.add_dim();
  return shape;
}

void SetOutputShape(InferenceContext& ctx, TensorShapeProto shape) {
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(shape);
}

// Start and end of a slice after ONNX's clamping (see SlicedLength).
std::pair<int64_t, int64_t> ClampedBounds(int64_t size, int64_t start, int64_t end, int64_t step) {
  if (start < 0) start += size;
  if (end < 0) end += size;
  if (step > 0) return {std::clamp<int64_t>(start, 0, size), std::clamp<int64_t>(end, 0, size)};
  return {std::clamp<int64_t>(start, 0, size - 1), std::clamp<int64_t>(end, -1, size - 1)};
}

absl::Status CheckSteps(const std::vector<int64_t>& steps, std::string_view what) {
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i] == 0) {
      return InferenceError(what, " holds 0 at position ", i, "; steps must be nonzero");
    }
  }
  return absl::OkStatus();
}

// The output shape of slicing `in` along normalized, distinct `axes`.
TensorShapeProto SliceShape(const TensorShapeProto& in, const std::vector<int64_t>& axes,
                            const std::vector<int64_t>& starts, const std::vector<int64_t>& ends,
                            const std::vector<int64_t>& steps) {
  TensorShapeProto out = in;
  for (size_t k = 0; k < axes.size(); ++k) {
    const int axis = static_cast<int>(axes[k]);
    *out.mutable_dim(axis) = SlicedDim(in.dim(axis), starts[k], ends[k], steps[k]);
  }
  return out;
}

absl::Status CheckPadMode(const InferenceContext& ctx, const std::vector<std::string_view>& modes) {
  const std::string mode = GetStringAttr(ctx, "mode", "constant");
  if (std::find(modes.begin(), modes.end(), mode) == modes.end()) {
    return InferenceError("attribute 'mode' is '", mode, "'; expected one of ", JoinNames(modes));
  }
  return absl::OkStatus();
}

// Pads `in` along normalized `axes`; `pads` holds all begin counts, then
// all end counts. A negative count removes elements.
absl::Status PadShape(const TensorShapeProto& in, const std::vector<int64_t>& axes,
                      const std::vector<int64_t>& pads, TensorShapeProto* out) {
  *out = in;
  const size_t n = axes.size();
  for (size_t i = 0; i < n; ++i) {
    const int axis = static_cast<int>(axes[i]);
    int64_t total = 0;
    if (__builtin_add_overflow(pads[i], pads[n + i], &total)) {
      return InferenceError("pads ", pads[i], " and ", pads[n + i], " for axis ", axis,
                            " overflow int64");
    }
    const auto& dim = in.dim(axis);
    auto* padded = out->mutable_dim(axis);
    if (dim.has_dim_value()) {
      int64_t size = 0;
      if (__builtin_add_overflow(dim.dim_value(), total, &size)) {
        return InferenceError("padding axis ", axis, " overflows int64");
      }
      if (size < 0) {
        return InferenceError("padding axis ", axis, " of size ", dim.dim_value(), " by ", total,
                              " leaves a negative size");
      }
      padded->set_dim_value(size);
    } else if (total != 0) {
      padded->Clear();
    }
  }
  return absl::OkStatus();
}

absl::Status InferPadFromAttribute(InferenceContext& ctx, const std::string& attribute) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  ONNXFORGE_RETURN_IF_ERROR(CheckPadMode(ctx, kPadModes));
  const auto pads = GetIntsAttr(ctx, attribute);
  if (!pads) return InferenceError("attribute '", attribute, "' is required");
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& in = InputShape(ctx, 0);
  const int rank = in.dim_size();
  if (pads->size() != 2 * static_cast<size_t>(rank)) {
    return InferenceError("attribute '", attribute, "' has ", pads->size(),
                          " values; 'data' of rank ", rank, " needs ", 2 * rank);
  }
  TensorShapeProto out;
  ONNXFORGE_RETURN_IF_ERROR(PadShape(in, AllAxes(rank), *pads, &out));
  SetOutputShape(ctx, std::move(out));
  return absl::OkStatus();
}

absl::Status InferPadFromInputs(InferenceContext& ctx, const std::vector<std::string_view>& modes) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  ONNXFORGE_RETURN_IF_ERROR(CheckPadMode(ctx, modes));
  if (HasInputShape(ctx, 1) && InputShape(ctx, 1).dim_size() != 1) {
    return InferenceError("input 'pads' must be 1-D, got rank ", InputShape(ctx, 1).dim_size());
  }
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& in = InputShape(ctx, 0);
  const int rank = in.dim_size();

  std::optional<std::vector<int64_t>> axes;
  if (ctx.has_input(3)) {
    axes = ConstantIntsOfInput(ctx, 3);
    if (axes) ONNXFORGE_RETURN_IF_ERROR(NormalizeAxes(&*axes, rank, "input 'axes'"));
  } else {
    axes = AllAxes(rank);
  }
  if (!axes) {  // Which axes grow is unknown: only the rank is.
    SetOutputShape(ctx, UnknownDims(rank));
    return absl::OkStatus();
  }
  const auto pads = ConstantIntsOfInput(ctx, 1);
  TensorShapeProto out;
  if (!pads) {  // The padded axes change by unknown amounts; the others keep their dims.
    out = in;
    for (int64_t axis : *axes) out.mutable_dim(static_cast<int>(axis))->Clear();
  } else {
    if (pads->size() != 2 * axes->size()) {
      return InferenceError("input 'pads' has ", pads->size(), " values; ", axes->size(),
                            " padded axes need ", 2 * axes->size());
    }
    ONNXFORGE_RETURN_IF_ERROR(PadShape(in, *axes, *pads, &out));
  }
  SetOutputShape(ctx, std::move(out));
  return absl::OkStatus();
}

}  // namespace

// ---- Shapes given as values ----

absl::Status ShapeFromInput(const InferenceContext& ctx, size_t index, std::string_view what,
                            std::optional<TensorShapeProto>* shape) {
  shape->reset();
  if (!ctx.has_input(index)) return absl::OkStatus();
  const bool has_type_shape = HasInputShape(ctx, index);
  if (has_type_shape && InputShape(ctx, index).dim_size() != 1) {
    return InferenceError("input '", what, "' must be 1-D, got rank ",
                          InputShape(ctx, index).dim_size());
  }
  TensorShapeProto result;
  if (const TensorProto* constant = ctx.input_data(index)) {
    if (constant->dims_size() != 1) {
      return InferenceError("input '", what, "' must be 1-D, got rank ", constant->dims_size());
    }
    auto values = ReadInt64s(*constant);
    if (!values.ok()) return InferenceError("input '", what, "': ", values.status().message());
    for (int64_t v : *values) result.add_dim()->set_dim_value(v);
  } else if (const TensorShapeProto* data = ctx.input_shape_data(index)) {
    result = *data;
  } else if (has_type_shape && InputShape(ctx, index).dim(0).has_dim_value() &&
             InputShape(ctx, index).dim(0).dim_value() <= kMaxRankFromLength) {
    result = UnknownDims(InputShape(ctx, index).dim(0).dim_value());
  } else {
    return absl::OkStatus();
  }
  for (int i = 0; i < result.dim_size(); ++i) {
    if (result.dim(i).has_dim_value() && result.dim(i).dim_value() < 0) {
      return InferenceError("input '", what, "' holds the negative value ",
                            result.dim(i).dim_value(), " at position ", i);
    }
  }
  *shape = std::move(result);
  return absl::OkStatus();
}

// ---- Gather ----

OpSchema& GatherFormals(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Attr("axis", "The axis of `data` to gather along; negative values count from the back.",
            AttributeProto::INT, int64_t{0})
      .Input(0, "data", "The tensor to gather from, of rank r >= 1.", "T", FormalOption::kSingle,
             true, 1, Diff(differentiable))
      .Input(1, "indices",
             "Positions along `axis` to take, a tensor of any rank q. Each must lie in [-s, s-1] "
             "for an axis of size s; negative positions count from the end.",
             "Tind", FormalOption::kSingle, true, 1, NonDiff(differentiable))
      .Output(0, "output", "The gathered slices, a tensor of rank q + r - 1.", "T",
              FormalOption::kSingle, true, 1, Diff(differentiable))
      .TypeConstraint("T", types, "Any tensor element type.")
      .TypeConstraint("Tind", IndexTypes(), "Integer types for indices.")
      .TypeAndShapeInference(InferGather)
      .DataPropagation(PropagateGather);
}

absl::Status InferGather(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0) || !HasInputShape(ctx, 1)) return absl::OkStatus();
  const TensorShapeProto& data = InputShape(ctx, 0);
  const TensorShapeProto& indices = InputShape(ctx, 1);
  const int rank = data.dim_size();
  if (rank == 0) return InferenceError("input 'data' must have rank 1 or more, got a scalar");
  int64_t axis = GetIntAttr(ctx, "axis", 0);
  if (axis < -rank || axis >= rank) {
    return InferenceError("attribute 'axis' is ", axis, ", outside [", -rank, ", ", rank - 1,
                          "] for 'data' of rank ", rank);
  }
  if (axis < 0) axis += rank;

  // Constant indices can be checked against a known axis size.
  const TensorProto* constant = ctx.input_data(1);
  if (constant != nullptr && data.dim(axis).has_dim_value()) {
    const int64_t size = data.dim(axis).dim_value();
    auto values = ReadInt64s(*constant);
    if (values.ok()) {
      for (int64_t v : *values) {
        if (v < -size || v >= size) {
          return InferenceError("input 'indices' holds ", v, ", outside [", -size, ", ", size - 1,
                                "] for axis ", axis, " of size ", size);
        }
      }
    }
  }

  TensorShapeProto out;
  for (int i = 0; i < axis; ++i) *out.add_dim() = data.dim(i);
  for (const auto& d : indices.dim()) *out.add_dim() = d;
  for (int i = static_cast<int>(axis) + 1; i < rank; ++i) *out.add_dim() = data.dim(i);
  SetOutputShape(ctx, std::move(out));
  return absl::OkStatus();
}

absl::Status PropagateGather(DataPropagationContext& ctx) {
  const AttributeProto* axis_attr = ctx.attribute("axis");
  int64_t axis = axis_attr != nullptr ? axis_attr->i() : 0;
  if (axis < 0) {  // Only axis 0 of a 1-D shape value can be followed.
    const TypeProto* type = ctx.input_type(0);
    if (type == nullptr || !type->has_tensor_type() || !type->tensor_type().has_shape()) {
      return absl::OkStatus();
    }
    axis += type->tensor_type().shape().dim_size();
  }
  if (axis != 0) return absl::OkStatus();
  const TensorShapeProto* data = ctx.input_data(0);
  const TensorShapeProto* indices = ctx.input_data(1);
  if (data == nullptr || indices == nullptr) return absl::OkStatus();
  const int64_t size = data->dim_size();
  TensorShapeProto out;
  for (const auto& index : indices->dim()) {
    if (!index.has_dim_value()) return absl::OkStatus();
    int64_t i = index.dim_value();
    if (i < -size || i >= size) {
      return InferenceError("input 'indices' holds ", i, ", outside [", -size, ", ", size - 1,
                            "] for a shape value of length ", size);
    }
    *out.add_dim() = data->dim(static_cast<int>(i < 0 ? i + size : i));
  }
  if (out.dim_size() > 0) ctx.set_output_data(0, std::move(out));
  return absl::OkStatus();
}

// ---- Slice ----

int64_t SlicedLength(int64_t size, int64_t start, int64_t end, int64_t step) {
  if (size <= 0 || step == 0) return 0;
  std::tie(start, end) = ClampedBounds(size, start, end, step);
  if (step > 0) return end <= start ? 0 : (end - start - 1) / step + 1;
  if (start <= end) return 0;
  // -step overflows for INT64_MIN, so divide by its magnitude unsigned.
  const uint64_t magnitude = uint64_t{0} - static_cast<uint64_t>(step);
  return static_cast<int64_t>(static_cast<uint64_t>(start - end - 1) / magnitude + 1);
}

OpSchema& SliceInputFormals(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Input(0, "data", "The tensor to slice.", "T", FormalOption::kSingle, true, 1,
             Diff(differentiable))
      .Input(1, "starts", "1-D: the first index taken on each axis in `axes`.", "Tind",
             FormalOption::kSingle, true, 1, NonDiff(differentiable))
      .Input(2, "ends", "1-D: the index to stop before on each axis in `axes`.", "Tind",
             FormalOption::kSingle, true, 1, NonDiff(differentiable))
      .Input(3, "axes",
             "1-D: the axes `starts` and `ends` refer to, each in [-r, r-1] for r = rank(data); "
             "[0, 1, ..., len(starts)-1] when omitted.",
             "Tind", FormalOption::kOptional, true, 1, NonDiff(differentiable))
      .Input(4, "steps",
             "1-D: the stride on each axis in `axes`, nonzero; negative walks backward. All 1 "
             "when omitted.",
             "Tind", FormalOption::kOptional, true, 1, NonDiff(differentiable))
      .Output(0, "output", "The slice of `data`.", "T", FormalOption::kSingle, true, 1,
              Diff(differentiable))
      .TypeConstraint("T", types, "Any tensor element type.")
      .TypeConstraint("Tind", IndexTypes(), "Integer types for indices.")
      .TypeAndShapeInference(InferSliceFromInputs);
}

absl::Status InferSliceFromAttributes(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  const auto starts = GetIntsAttr(ctx, "starts");
  const auto ends = GetIntsAttr(ctx, "ends");
  if (!starts) return InferenceError("attribute 'starts' is required");
  if (!ends) return InferenceError("attribute 'ends' is required");
  if (starts->size() != ends->size()) {
    return InferenceError("attributes 'starts' and 'ends' must have the same length, got ",
                          starts->size(), " and ", ends->size());
  }
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& in = InputShape(ctx, 0);
  const int rank = in.dim_size();
  auto axes = GetIntsAttr(ctx, "axes");
  if (axes) {
    if (axes->size() != starts->size()) {
      return InferenceError("attribute 'axes' has ", axes->size(), " values but 'starts' has ",
                            starts->size());
    }
  } else if (starts->size() > static_cast<size_t>(rank)) {
    return InferenceError("attribute 'starts' has ", starts->size(), " values, more than the rank ",
                          rank, " of 'data'");
  } else {
    axes = AllAxes(starts->size());
  }
  ONNXFORGE_RETURN_IF_ERROR(NormalizeAxes(&*axes, rank, "attribute 'axes'"));
  const std::vector<int64_t> steps(starts->size(), 1);
  SetOutputShape(ctx, SliceShape(in, *axes, *starts, *ends, steps));
  return absl::OkStatus();
}

absl::Status InferSliceFromInputs(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const TensorShapeProto& in = InputShape(ctx, 0);
  const int rank = in.dim_size();
  const bool has_axes = ctx.has_input(3);
  const bool has_steps = ctx.has_input(4);
  const auto starts = ConstantIntsOfInput(ctx, 1);
  const auto ends = ConstantIntsOfInput(ctx, 2);
  auto axes = has_axes ? ConstantIntsOfInput(ctx, 3) : std::nullopt;
  const auto steps = has_steps ? ConstantIntsOfInput(ctx, 4) : std::nullopt;

  // How many axes are sliced: from any list whose values are known, else
  // from the length in starts' type.
  std::optional<size_t> count;
  if (starts && ends && starts->size() != ends->size()) {
    return InferenceError("inputs 'starts' and 'ends' must have the same length, got ",
                          starts->size(), " and ", ends->size());
  }
  if (starts) {
    count = starts->size();
  } else if (ends) {
    count = ends->size();
  } else if (HasInputShape(ctx, 1) && InputShape(ctx, 1).dim_size() == 1 &&
             InputShape(ctx, 1).dim(0).has_dim_value()) {
    count = static_cast<size_t>(InputShape(ctx, 1).dim(0).dim_value());
  }
  if (axes) {
    if (count && axes->size() != *count) {
      return InferenceError("input 'axes' has ", axes->size(), " values but 'starts' has ", *count);
    }
    ONNXFORGE_RETURN_IF_ERROR(NormalizeAxes(&*axes, rank, "input 'axes'"));
  } else if (!has_axes && count) {
    if (*count > static_cast<size_t>(rank)) {
      return InferenceError("input 'starts' has ", *count, " values, more than the rank ", rank,
                            " of 'data'");
    }
    axes = AllAxes(*count);
  }
  if (steps) {
    if (count && steps->size() != *count) {
      return InferenceError("input 'steps' has ", steps->size(), " values but 'starts' has ",
                            *count);
    }
    ONNXFORGE_RETURN_IF_ERROR(CheckSteps(*steps, "input 'steps'"));
  }

  if (!axes) {  // Any axis may shrink: only the rank is known.
    SetOutputShape(ctx, UnknownDims(rank));
    return absl::OkStatus();
  }
  if (starts && ends && (steps || !has_steps)) {
    const std::vector<int64_t> unit_steps(starts->size(), 1);
    SetOutputShape(ctx, SliceShape(in, *axes, *starts, *ends, steps ? *steps : unit_steps));
    return absl::OkStatus();
  }
  // The sliced axes have unknown sizes (an empty axis stays empty); the
  // others keep theirs.
  TensorShapeProto out = in;
  for (int64_t axis : *axes) {
    auto* dim = out.mutable_dim(static_cast<int>(axis));
    if (!(dim->has_dim_value() && dim->dim_value() == 0)) dim->Clear();
  }
  SetOutputShape(ctx, std::move(out));
  return absl::OkStatus();
}

absl::Status PropagateSlice(DataPropagationContext& ctx) {
  const TensorShapeProto* data = ctx.input_data(0);
  const TensorShapeProto* starts = ctx.input_data(1);
  const TensorShapeProto* ends = ctx.input_data(2);
  if (data == nullptr || starts == nullptr || ends == nullptr) return absl::OkStatus();
  if (starts->dim_size() != ends->dim_size()) {
    return InferenceError("inputs 'starts' and 'ends' must have the same length, got ",
                          starts->dim_size(), " and ", ends->dim_size());
  }
  // An optional input whose type is known but whose value is not stops the
  // propagation; one with neither is taken as omitted.
  const TensorShapeProto* axes = nullptr;
  const TensorShapeProto* steps = nullptr;
  for (size_t i : {3, 4}) {
    if (i >= ctx.num_inputs()) continue;
    const TensorShapeProto* value = ctx.input_data(i);
    if (value == nullptr && ctx.input_type(i) != nullptr) return absl::OkStatus();
    (i == 3 ? axes : steps) = value;
  }
  // A shape value is 1-D: only a single slice along axis 0 applies.
  if (starts->dim_size() != 1) return absl::OkStatus();
  if (axes != nullptr) {
    if (axes->dim_size() != 1 || !axes->dim(0).has_dim_value()) return absl::OkStatus();
    const int64_t axis = axes->dim(0).dim_value();
    if (axis != 0 && axis != -1) return absl::OkStatus();
  }
  int64_t step = 1;
  if (steps != nullptr) {
    if (steps->dim_size() != 1 || !steps->dim(0).has_dim_value()) return absl::OkStatus();
    step = steps->dim(0).dim_value();
    if (step == 0)
      return InferenceError("input 'steps' holds 0 at position 0; steps must be nonzero");
  }
  if (!starts->dim(0).has_dim_value() || !ends->dim(0).has_dim_value()) return absl::OkStatus();
  const int64_t size = data->dim_size();
  const int64_t count =
      SlicedLength(size, starts->dim(0).dim_value(), ends->dim(0).dim_value(), step);
  TensorShapeProto out;
  if (count > 0) {
    const int64_t first = ClampedBounds(size, starts->dim(0).dim_value(), 0, step).first;
    for (int64_t k = 0, i = first; k < count; ++k, i += step) {
      *out.add_dim() = data->dim(static_cast<int>(i));
    }
    ctx.set_output_data(0, std::move(out));
  }
  return absl::OkStatus();
}

// ---- Pad ----

OpSchema& PadWithAttributes(OpSchema& schema, std::string_view pads_attribute) {
  const std::string attribute(pads_attribute);
  return schema
      .Attr(attribute,
            "How many elements to add at the start and end of each axis, all starts first: "
            "[x1_begin, x2_begin, ..., x1_end, x2_end, ...]; 2 * rank(data) values. A negative "
            "count removes elements.",
            AttributeProto::INTS, /*required=*/true)
      .Attr("mode", "How the new elements are filled: constant, reflect or edge.",
            AttributeProto::STRING, "constant")
      .Attr("value", "The fill value in constant mode.", AttributeProto::FLOAT, 0.0f)
      .Input(0, "data", "The tensor to pad.", "T")
      .Output(0, "output", "The padded tensor.", "T")
      .TypeConstraint("T", types::Float(), "Float tensor types.")
      .TypeAndShapeInference(
          [attribute](InferenceContext& ctx) { return InferPadFromAttribute(ctx, attribute); });
}

OpSchema& PadWithInputs(OpSchema& schema, const types::TypeList& types, bool differentiable,
                        bool with_axes, const std::vector<std::string_view>& modes) {
  schema
      .Attr("mode", absl::StrCat("How the new elements are filled: ", JoinNames(modes), "."),
            AttributeProto::STRING, "constant")
      .Input(0, "data", "The tensor to pad.", "T", FormalOption::kSingle, true, 1,
             Diff(differentiable))
      .Input(1, "pads",
             with_axes
                 ? "1-D int64: how many elements to add at the start and end of each padded "
                   "axis, all starts first: [x1_begin, x2_begin, ..., x1_end, x2_end, ...], "
                   "2 * (number of padded axes) values. A negative count removes elements."
                 : "1-D int64: how many elements to add at the start and end of each axis, all "
                   "starts first: [x1_begin, x2_begin, ..., x1_end, x2_end, ...], 2 * rank(data) "
                   "values. A negative count removes elements.",
             "tensor(int64)", FormalOption::kSingle, true, 1, NonDiff(differentiable))
      .Input(2, "constant_value",
             "Scalar fill value in constant mode; zero (empty string, false) when omitted.", "T",
             FormalOption::kOptional, true, 1, NonDiff(differentiable));
  if (with_axes) {
    schema
        .Input(3, "axes",
               "1-D: the axes `pads` refers to, each in [-r, r-1] for r = rank(data); every "
               "axis in order when omitted.",
               "Tind", FormalOption::kOptional, true, 1, NonDiff(differentiable));
  }
  schema
      .Output(0, "output", "The padded tensor.", "T", FormalOption::kSingle, true, 1,
              Diff(differentiable))
      .TypeConstraint("T", types, "The element types the op accepts.");
  if (with_axes) schema.TypeConstraint("Tind", IndexTypes(), "Integer types for axes.");
  return schema
      .TypeAndShapeInference(
          [modes](InferenceContext& ctx) { return InferPadFromInputs(ctx, modes); });
}

// ---- Expand ----

OpSchema& ExpandFormals(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  return schema
      .Input(0, "input", "The tensor to broadcast.", "T", FormalOption::kSingle, true, 1,
             Diff(differentiable))
      .Input(1, "shape", "1-D: the shape to broadcast `input` with.", "tensor(int64)",
             FormalOption::kSingle, true, 1, NonDiff(differentiable))
      .Output(0, "output", "`input` broadcast with `shape`.", "T", FormalOption::kSingle, true, 1,
              Diff(differentiable))
      .TypeConstraint("T", types, "Any tensor element type.")
      .TypeAndShapeInference(InferExpand);
}

absl::Status InferExpand(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  std::optional<TensorShapeProto> target;
  ONNXFORGE_RETURN_IF_ERROR(ShapeFromInput(ctx, 1, "shape", &target));
  if (!target || !HasInputShape(ctx, 0)) return absl::OkStatus();
  TensorShapeProto out;
  absl::Status status = BroadcastShapes({&InputShape(ctx, 0), &*target}, &out);
  if (!status.ok()) {
    return InferenceError("'input' cannot be expanded to 'shape': ", status.message());
  }
  SetOutputShape(ctx, std::move(out));
  return absl::OkStatus();
}

// ---- Where ----

OpSchema& WhereFormals(OpSchema& schema, const types::TypeList& types) {
  return schema
      .Input(0, "condition", "Where true, the output takes X; elsewhere Y.", "B",
             FormalOption::kSingle, true, 1, Differentiability::kNonDifferentiable)
      .Input(1, "X", "Values taken where `condition` is true.", "T", FormalOption::kSingle, true, 1,
             Differentiability::kDifferentiable)
      .Input(2, "Y", "Values taken where `condition` is false.", "T", FormalOption::kSingle, true,
             1, Differentiability::kDifferentiable)
      .Output(0, "output", "The selected values; its shape is the broadcast of all three inputs.",
              "T", FormalOption::kSingle, true, 1, Differentiability::kDifferentiable)
      .TypeConstraint("B", types::Tensors({"bool"}), "Boolean condition.")
      .TypeConstraint("T", types, "Any tensor element type.")
      .TypeAndShapeInference(InferWhere);
}

absl::Status InferWhere(InferenceContext& ctx) {
  const int32_t x = InputElemType(ctx, 1);
  const int32_t y = InputElemType(ctx, 2);
  if (x != 0 && y != 0 && x != y) {
    return InferenceError("inputs 'X' and 'Y' must have the same element type, got ",
                          ElementTypeName(x), " and ", ElementTypeName(y));
  }
  if (x != 0 || y != 0) SetOutputElemType(ctx, 0, x != 0 ? x : y);
  return BroadcastInputsToOutput(ctx, 0);
}

}  // namespace onnxforge::slicing
