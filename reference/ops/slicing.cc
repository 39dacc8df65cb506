// Kernels of the ai.onnx operators that select, repeat or pad elements:
// Gather, Slice, Pad, Expand and Where, every version.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/cast_conversions.h"
#include "reference/ops/strided_copy.h"

namespace onnxforge::reference {
namespace {

std::string ListString(const std::vector<int64_t>& values) {
  return absl::StrCat("[", absl::StrJoin(values, ","), "]");
}

// The values of a 1-D (or scalar) integer input; `what` names it.
absl::StatusOr<std::vector<int64_t>> IntsOfInput(const KernelContext& ctx, int index,
                                                 const std::string& what) {
  const Tensor& t = ctx.input(index);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (t.rank() > 1) {
    return KernelError("input '", what, "' must be 1-D, got shape ", ShapeString(t.shape()));
  }
  return t.ToInt64s();
}

// ---- Gather ---------------------------------------------------------------------

// out[o, j, i] = data[o, indices[j], i], with o running over the axes before
// `axis` and i over those after it. Negative indices count from the back.
absl::Status RunGather(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  const Tensor& indices_tensor = ctx.input(1);
  const int64_t axis_attr = ctx.attr_int("axis", 0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (x.rank() == 0) return KernelError("input 'data' must have rank 1 or more, got a scalar");
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis, ResolveAxis(axis_attr, x.rank(), "attribute 'axis'"));
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> indices, indices_tensor.ToInt64s());
  const int64_t n = x.dim(axis);
  for (size_t j = 0; j < indices.size(); ++j) {
    const int64_t index = indices[j];
    if (index < -n || index >= n) {
      return KernelError("indices[", j, "] = ", index, " is out of range for axis ", axis,
                         " of length ", n, " (expected ", -n, "..", n - 1, ")");
    }
    if (index < 0) indices[j] = index + n;
  }
  std::vector<int64_t> dims(x.shape().begin(), x.shape().begin() + axis);
  dims.insert(dims.end(), indices_tensor.shape().begin(), indices_tensor.shape().end());
  dims.insert(dims.end(), x.shape().begin() + axis + 1, x.shape().end());
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(x.type(), dims));
  if (y.size() == 0) {
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  }
  // With a non-empty output every dim of data is non-zero, so these
  // products stay within data's size.
  int64_t outer = 1;
  for (int64_t i = 0; i < axis; ++i) outer *= x.dim(i);
  int64_t inner = 1;
  for (int64_t i = axis + 1; i < x.rank(); ++i) inner *= x.dim(i);
  const int64_t count = static_cast<int64_t>(indices.size());
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::All>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    const T* in = x.data<T>().data();
    T* out = y.mutable_data<T>().data();
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t j = 0; j < count; ++j) {
        std::copy_n(in + (o * n + indices[j]) * inner, inner, out + (o * count + j) * inner);
      }
    }
    return absl::OkStatus();
  }));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Slice ----------------------------------------------------------------------

struct SliceRequest {
  std::vector<int64_t> starts;
  std::vector<int64_t> ends;
  std::optional<std::vector<int64_t>> axes;   // default: 0, 1, ...
  std::optional<std::vector<int64_t>> steps;  // default: all 1
};

// The elements start, start + step, ... before `end` of an axis of `dim`
// elements, after ONNX's clamping: negative start/end count from the back,
// then both are clamped into the axis ([0, dim] forward; [0, dim-1] for the
// start and [-1, dim-1] for the end backward).
struct AxisSlice {
  int64_t start = 0;
  int64_t length = 0;
};

AxisSlice ClampSlice(int64_t dim, int64_t start, int64_t end, int64_t step) {
  if (dim == 0) return {};
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  if (step > 0) {
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
  } else {
    start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
  }
  // In 128 bits: a step of INT64_MIN has no int64 negation.
  const __int128 span = step > 0 ? __int128{end} - start : __int128{start} - end;
  const __int128 stride = step > 0 ? __int128{step} : -__int128{step};
  if (span <= 0) return {start, 0};
  return {start, static_cast<int64_t>((span + stride - 1) / stride)};
}

absl::Status RunSlice(KernelContext& ctx, const SliceRequest& request) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  const size_t count = request.starts.size();
  if (request.ends.size() != count) {
    return KernelError("'starts' ", ListString(request.starts), " and 'ends' ",
                       ListString(request.ends), " differ in length");
  }
  std::vector<int64_t> axes(count);
  if (request.axes) {
    if (request.axes->size() != count) {
      return KernelError("'axes' ", ListString(*request.axes), " has ", request.axes->size(),
                         " entries but 'starts' has ", count);
    }
    ONNXFORGE_ASSIGN_OR_RETURN(axes, ResolveAxes(*request.axes, x.rank(), "'axes'"));
  } else {
    if (static_cast<int64_t>(count) > x.rank()) {
      return KernelError("'starts' ", ListString(request.starts), " has more entries than the ",
                         x.rank(), " axes of shape ", ShapeString(x.shape()));
    }
    for (size_t i = 0; i < count; ++i) axes[i] = static_cast<int64_t>(i);
  }
  std::vector<int64_t> steps(count, 1);
  if (request.steps) {
    if (request.steps->size() != count) {
      return KernelError("'steps' ", ListString(*request.steps), " has ", request.steps->size(),
                         " entries but 'starts' has ", count);
    }
    steps = *request.steps;
  }
  // Every axis starts as a full forward walk; the listed ones are sliced.
  const std::vector<int64_t> strides = RowMajorStrides(x.shape());
  StridedCopyPlan plan;
  plan.shape = x.shape();
  plan.in_strides = strides;
  for (size_t i = 0; i < count; ++i) {
    const int64_t axis = axes[i];
    if (steps[i] == 0) return KernelError("'steps' has a 0 for axis ", axis);
    const AxisSlice s = ClampSlice(x.dim(axis), request.starts[i], request.ends[i], steps[i]);
    plan.shape[axis] = s.length;
    // A step matters only for two or more elements, and then it stays
    // within the axis (a lone element may come with any step, even one
    // whose product with the stride overflows).
    plan.in_strides[axis] = s.length > 1 ? strides[axis] * steps[i] : 0;
    plan.in_offset += s.start * strides[axis];
  }
  plan.out_strides = RowMajorStrides(plan.shape);
  Tensor y(x.type(), plan.shape);
  ONNXFORGE_RETURN_IF_ERROR(CopyElements(plan, x, y));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Pad ------------------------------------------------------------------------

enum class PadMode { kConstant, kReflect, kEdge, kWrap };

absl::StatusOr<PadMode> ParsePadMode(const std::string& mode, bool wrap_allowed) {
  if (mode == "constant") return PadMode::kConstant;
  if (mode == "reflect") return PadMode::kReflect;
  if (mode == "edge") return PadMode::kEdge;
  if (mode == "wrap" && wrap_allowed) return PadMode::kWrap;
  return KernelError("attribute 'mode' is \"", mode, "\"; expected \"constant\", \"reflect\"",
                     wrap_allowed ? ", \"edge\" or \"wrap\"" : " or \"edge\"");
}

int64_t PositiveMod(int64_t a, int64_t m) {
  const int64_t r = a % m;
  return r < 0 ? r + m : r;
}

// One axis of a Pad: `dim` input elements, of which `crop_begin` at the
// front and some at the back are removed by negative pads, leaving `kept`;
// then `pad_begin` and `pad_end` elements are added around them.
struct PadAxis {
  int64_t crop_begin = 0;
  int64_t kept = 0;
  int64_t pad_begin = 0;
  int64_t pad_end = 0;
  PadMode mode = PadMode::kConstant;

  int64_t size() const { return pad_begin + kept + pad_end; }

  // The input position output position `i` copies, or -1 for the constant.
  int64_t Source(int64_t i) const {
    int64_t j = i - pad_begin;  // position in the kept part
    if (j < 0 || j >= kept) {
      switch (mode) {
        case PadMode::kConstant:
          return -1;
        case PadMode::kEdge:
          j = std::clamp<int64_t>(j, 0, kept - 1);
          break;
        case PadMode::kReflect:
          if (kept == 1) {
            j = 0;
          } else {
            // Mirror about the first and last elements: period 2 * (kept - 1).
            const int64_t period = 2 * (kept - 1);
            j = PositiveMod(j, period);
            if (j >= kept) j = period - j;
          }
          break;
        case PadMode::kWrap:
          j = PositiveMod(j, kept);
          break;
      }
    }
    return crop_begin + j;
  }
};

// Axis `axis` of `dim` elements padded by `begin` and `end` (negative:
// removed). Negative pads crop first; the other modes then extend what is
// left.
absl::StatusOr<PadAxis> MakePadAxis(int64_t axis, int64_t dim, int64_t begin, int64_t end,
                                    PadMode mode) {
  if (begin < -dim || end < -dim || begin > kMaxTensorBytes || end > kMaxTensorBytes) {
    return KernelError("pads ", begin, " and ", end, " of axis ", axis, " (of ", dim,
                       " elements) are out of range");
  }
  PadAxis a;
  a.mode = mode;
  a.crop_begin = std::max<int64_t>(-begin, 0);
  a.kept = dim - a.crop_begin - std::max<int64_t>(-end, 0);
  if (a.kept < 0) {
    return KernelError("pads ", begin, " and ", end, " of axis ", axis, " remove more than its ",
                       dim, " elements");
  }
  a.pad_begin = std::max<int64_t>(begin, 0);
  a.pad_end = std::max<int64_t>(end, 0);
  if (mode != PadMode::kConstant && a.kept == 0 && a.pad_begin + a.pad_end > 0) {
    return KernelError("cannot pad axis ", axis, " in this mode: it has no elements to repeat");
  }
  return a;
}

// Fills y (non-empty) from x row by row: each output row along the last
// axis is its padding, then a run copied from x, then more padding.
template <typename T>
void FillPadded(const Tensor& x, const std::vector<PadAxis>& axes, const T& value, Tensor& y) {
  const T* in = x.data<T>().data();
  T* out = y.mutable_data<T>().data();
  const size_t rank = axes.size();
  if (rank == 0) {
    out[0] = in[0];
    return;
  }
  const std::vector<int64_t> strides = RowMajorStrides(x.shape());
  const PadAxis& inner = axes[rank - 1];
  const int64_t row = inner.size();
  std::vector<int64_t> index(rank - 1, 0);
  for (T* dst = out;; dst += row) {
    // The row's input offset, or -1 when an outer axis is in the padding.
    int64_t base = 0;
    for (size_t a = 0; a + 1 < rank && base >= 0; ++a) {
      const int64_t source = axes[a].Source(index[a]);
      base = source < 0 ? -1 : base + source * strides[a];
    }
    if (base < 0) {
      std::fill_n(dst, row, value);
    } else {
      auto padding = [&](int64_t k) {
        const int64_t source = inner.Source(k);
        return source < 0 ? value : in[base + source];
      };
      for (int64_t k = 0; k < inner.pad_begin; ++k) dst[k] = padding(k);
      std::copy_n(in + base + inner.crop_begin, inner.kept, dst + inner.pad_begin);
      for (int64_t k = inner.pad_begin + inner.kept; k < row; ++k) dst[k] = padding(k);
    }
    size_t axis = rank - 1;
    while (true) {
      if (axis == 0) return;
      --axis;
      if (++index[axis] < axes[axis].size()) break;
      index[axis] = 0;
    }
  }
}

struct PadRequest {
  std::vector<int64_t> pads;
  std::optional<std::vector<int64_t>> axes;  // default: every axis
  PadMode mode = PadMode::kConstant;
  // The padding value: a one-element tensor of the data's type, or none
  // for 0 (empty string, false).
  std::optional<Tensor> value;
};

absl::Status RunPad(KernelContext& ctx, const PadRequest& request) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  std::vector<int64_t> axes(x.rank());
  for (int64_t i = 0; i < x.rank(); ++i) axes[i] = i;
  if (request.axes) {
    ONNXFORGE_ASSIGN_OR_RETURN(axes, ResolveAxes(*request.axes, x.rank(), "'axes'"));
  }
  const size_t count = axes.size();
  if (request.pads.size() != 2 * count) {
    return KernelError("'pads' ", ListString(request.pads), " has ", request.pads.size(),
                       " entries; expected ", 2 * count, " (begin and end for each of ", count,
                       " axes of shape ", ShapeString(x.shape()), ")");
  }
  std::vector<int64_t> begins(x.rank(), 0);
  std::vector<int64_t> ends(x.rank(), 0);
  for (size_t i = 0; i < count; ++i) {
    begins[axes[i]] = request.pads[i];
    ends[axes[i]] = request.pads[count + i];
  }
  std::vector<PadAxis> pad_axes;
  std::vector<int64_t> dims;
  for (int64_t a = 0; a < x.rank(); ++a) {
    ONNXFORGE_ASSIGN_OR_RETURN(PadAxis axis,
                               MakePadAxis(a, x.dim(a), begins[a], ends[a], request.mode));
    dims.push_back(axis.size());
    pad_axes.push_back(axis);
  }
  if (request.value && request.value->size() != 1) {
    return KernelError("input 'constant_value' must hold one value, got shape ",
                       ShapeString(request.value->shape()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(x.type(), dims));
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::All>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    T value{};
    if (request.value) {
      if (request.value->type() != x.type()) {
        return KernelError("input 'constant_value' is ", ElementTypeString(request.value->type()),
                           " but 'data' is ", ElementTypeString(x.type()));
      }
      value = request.value->data<T>()[0];
    }
    if (y.size() > 0) FillPadded<T>(x, pad_axes, value, y);
    return absl::OkStatus();
  }));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// Pad-1 and Pad-2: pads, mode and a float value, all attributes.
absl::Status RunPadWithAttributes(KernelContext& ctx, const std::string& pads_name) {
  PadRequest request;
  request.pads = ctx.attr_ints(pads_name);
  const std::string mode = ctx.attr_string("mode", "constant");
  const float value = ctx.attr_float("value", 0.0f);
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  ONNXFORGE_ASSIGN_OR_RETURN(request.mode, ParsePadMode(mode, /*wrap_allowed=*/false));
  ONNXFORGE_ASSIGN_OR_RETURN(
      request.value, Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::StatusOr<Tensor> {
        using T = ONNXFORGE_TYPE(tag);
        return Tensor::Scalar<T>(CastNumber<T>(value, CastOptions{}));
      }));
  return RunPad(ctx, request);
}

// ---- Expand ---------------------------------------------------------------------

absl::Status RunExpand(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> shape, IntsOfInput(ctx, 1, "shape"));
  for (int64_t d : shape) {
    if (d < 0) return KernelError("input 'shape' ", ListString(shape), " has a negative dim");
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Shape dims, BroadcastShape({x.shape(), shape}));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(x.type(), dims));
  // The input's axes align with the output's last ones; where the input
  // has 1 against a longer output axis, the walk stays put (stride 0).
  StridedCopyPlan plan = StridedCopyPlan::Contiguous(dims);
  const std::vector<int64_t> in_strides = RowMajorStrides(x.shape());
  const size_t lead = dims.size() - x.shape().size();
  for (size_t a = 0; a < dims.size(); ++a) {
    plan.in_strides[a] = a < lead || x.dim(a - lead) == 1 ? 0 : in_strides[a - lead];
  }
  ONNXFORGE_RETURN_IF_ERROR(CopyElements(plan, x, y));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Where ----------------------------------------------------------------------

absl::Status RunWhere(KernelContext& ctx) {
  const Tensor& condition = ctx.input(0);
  const Tensor& x = ctx.input(1);
  const Tensor& y = ctx.input(2);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (x.type() != y.type()) {
    return KernelError("X is ", ElementTypeString(x.type()), " but Y is ",
                       ElementTypeString(y.type()));
  }
  return Dispatch<types::All>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ONNXFORGE_ASSIGN_OR_RETURN(
        Tensor out, (BroadcastMap<T, bool, T, T>(condition, x, y, [](bool c, const T& a,
                                                                     const T& b) -> const T& {
          return c ? a : b;
        })));
    ctx.set_output(0, std::move(out));
    return absl::OkStatus();
  });
}

}  // namespace

// ---- Registrations -----------------------------------------------------------------

// Gather-11 documents negative indices; every version accepts them.
ONNXFORGE_KERNEL(Onnx, Gather, 1, 13) { return RunGather(ctx); }

// Slice-1 takes starts, ends and axes as attributes, without steps.
ONNXFORGE_KERNEL(Onnx, Slice, 1, 1) {
  SliceRequest request;
  request.starts = ctx.attr_ints("starts");
  request.ends = ctx.attr_ints("ends");
  if (ctx.has_attr("axes")) request.axes = ctx.attr_ints("axes");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunSlice(ctx, request);
}

// From Slice-10 they are inputs, with optional axes and steps.
ONNXFORGE_KERNEL(Onnx, Slice, 10, 13) {
  SliceRequest request;
  ONNXFORGE_ASSIGN_OR_RETURN(request.starts, IntsOfInput(ctx, 1, "starts"));
  ONNXFORGE_ASSIGN_OR_RETURN(request.ends, IntsOfInput(ctx, 2, "ends"));
  if (ctx.has_input(3)) {
    ONNXFORGE_ASSIGN_OR_RETURN(request.axes, IntsOfInput(ctx, 3, "axes"));
  }
  if (ctx.has_input(4)) {
    ONNXFORGE_ASSIGN_OR_RETURN(request.steps, IntsOfInput(ctx, 4, "steps"));
  }
  return RunSlice(ctx, request);
}

ONNXFORGE_KERNEL(Onnx, Pad, 1, 1) { return RunPadWithAttributes(ctx, "paddings"); }
ONNXFORGE_KERNEL(Onnx, Pad, 2, 2) { return RunPadWithAttributes(ctx, "pads"); }

// From Pad-11 the pads and the value are inputs; Pad-18 adds `axes`, Pad-19
// the wrap mode.
ONNXFORGE_KERNEL(Onnx, Pad, 11, 25) {
  PadRequest request;
  ONNXFORGE_ASSIGN_OR_RETURN(request.pads, IntsOfInput(ctx, 1, "pads"));
  const std::string mode = ctx.attr_string("mode", "constant");
  ONNXFORGE_ASSIGN_OR_RETURN(request.mode, ParsePadMode(mode, ctx.since_version() >= 19));
  if (ctx.has_input(2)) request.value = ctx.input(2);
  if (ctx.since_version() >= 18 && ctx.has_input(3)) {
    ONNXFORGE_ASSIGN_OR_RETURN(request.axes, IntsOfInput(ctx, 3, "axes"));
  }
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunPad(ctx, request);
}

ONNXFORGE_KERNEL(Onnx, Expand, 8, 13) { return RunExpand(ctx); }

ONNXFORGE_KERNEL(Onnx, Where, 9, 16) { return RunWhere(ctx); }

}  // namespace onnxforge::reference
