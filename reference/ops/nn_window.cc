#include "reference/ops/nn_window.h"

#include <algorithm>
#include <optional>
#include <string>

#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

int64_t Product(const std::vector<int64_t>& values) {
  int64_t product = 1;
  for (int64_t v : values) product *= v;
  return product;
}

// a * b + c, or nullopt when int64 overflows (attributes can hold anything).
std::optional<int64_t> MulAdd(int64_t a, int64_t b, int64_t c) {
  int64_t product, sum;
  if (__builtin_mul_overflow(a, b, &product) || __builtin_add_overflow(product, c, &sum)) {
    return std::nullopt;
  }
  return sum;
}

absl::Status Overflow(size_t axis) {
  return KernelError("along spatial axis ", axis, " the window attributes overflow 64-bit sizes");
}

// strides or dilations: `fallback` on every axis when absent, else one
// positive value per spatial axis.
absl::StatusOr<std::vector<int64_t>> PositivePerAxis(const KernelContext& ctx,
                                                     const std::string& name, size_t spatial) {
  if (!ctx.has_attr(name)) return std::vector<int64_t>(spatial, 1);
  std::vector<int64_t> values = ctx.attr_ints(name, {});
  if (values.size() != spatial) {
    return KernelError("attribute '", name, "' has ", values.size(), " values but X has ", spatial,
                       " spatial axes");
  }
  for (int64_t v : values) {
    if (v <= 0)
      return KernelError("attribute '", name, "' must be positive, got ", ShapeString(values));
  }
  return values;
}

}  // namespace

int64_t Window::InputSize() const { return Product(input); }
int64_t Window::OutputSize() const { return Product(output); }
int64_t Window::KernelSize() const { return Product(kernel); }

bool Window::IsPointwise() const {
  for (size_t i = 0; i < spatial(); ++i) {
    if (kernel[i] != 1 || strides[i] != 1 || pad_begin[i] != 0 || pad_end[i] != 0) return false;
  }
  return true;
}

absl::StatusOr<size_t> SpatialAxes(const Tensor& x, const char* op) {
  if (x.rank() < 3) {
    return KernelError("X has shape ", ShapeString(x.shape()), "; ", op,
                       " needs [N, C, D1, ...] with at least one spatial axis");
  }
  return static_cast<size_t>(x.rank() - 2);
}

absl::StatusOr<std::vector<int64_t>> KernelShapeAttr(const KernelContext& ctx, size_t spatial) {
  if (!ctx.has_attr("kernel_shape")) return KernelError("attribute 'kernel_shape' is required");
  std::vector<int64_t> kernel = ctx.attr_ints("kernel_shape", {});
  if (kernel.size() != spatial) {
    return KernelError("attribute 'kernel_shape' has ", kernel.size(), " values but X has ",
                       spatial, " spatial axes");
  }
  for (int64_t k : kernel) {
    if (k <= 0) {
      return KernelError("attribute 'kernel_shape' must be positive, got ", ShapeString(kernel));
    }
  }
  return kernel;
}

absl::StatusOr<Window> ResolveWindow(const KernelContext& ctx, const std::vector<int64_t>& x_shape,
                                     std::vector<int64_t> kernel, const WindowRules& rules) {
  const size_t spatial = x_shape.size() - 2;
  Window w;
  w.input.assign(x_shape.begin() + 2, x_shape.end());
  w.kernel = std::move(kernel);
  ONNXFORGE_ASSIGN_OR_RETURN(w.strides, PositivePerAxis(ctx, "strides", spatial));
  w.dilations.assign(spatial, 1);
  if (rules.dilations) {
    ONNXFORGE_ASSIGN_OR_RETURN(w.dilations, PositivePerAxis(ctx, "dilations", spatial));
  }
  // The extent one window covers, dilation included.
  std::vector<int64_t> extent(spatial);
  for (size_t i = 0; i < spatial; ++i) {
    std::optional<int64_t> e = MulAdd(w.kernel[i] - 1, w.dilations[i], 1);
    if (!e) return Overflow(i);
    extent[i] = *e;
  }

  const std::string auto_pad = ctx.attr_string("auto_pad", "NOTSET");
  if (auto_pad != "NOTSET" && auto_pad != "SAME_UPPER" && auto_pad != "SAME_LOWER" &&
      auto_pad != "VALID") {
    return KernelError("attribute 'auto_pad' is '", auto_pad,
                       "'; expected NOTSET, SAME_UPPER, SAME_LOWER or VALID");
  }
  w.pad_begin.assign(spatial, 0);
  w.pad_end.assign(spatial, 0);
  if (ctx.has_attr("pads")) {
    // Explicit pads win over auto_pad, as in shape inference.
    std::vector<int64_t> pads = ctx.attr_ints("pads", {});
    if (pads.size() != 2 * spatial) {
      return KernelError("attribute 'pads' has ", pads.size(), " values but X has ", spatial,
                         " spatial axes, so it needs ", 2 * spatial);
    }
    for (size_t i = 0; i < spatial; ++i) {
      w.pad_begin[i] = pads[i];
      w.pad_end[i] = pads[spatial + i];
      if (w.pad_begin[i] < 0 || w.pad_end[i] < 0) {
        return KernelError("attribute 'pads' must not be negative, got ", ShapeString(pads));
      }
    }
  } else if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    // Pad so that there are ceil(input / stride) windows; the odd one out
    // goes at the end (SAME_UPPER) or the beginning (SAME_LOWER).
    for (size_t i = 0; i < spatial; ++i) {
      const int64_t in = w.input[i];
      const int64_t windows = in / w.strides[i] + (in % w.strides[i] != 0 ? 1 : 0);
      std::optional<int64_t> covered = MulAdd(windows - 1, w.strides[i], extent[i]);
      if (!covered) return Overflow(i);
      const int64_t total = std::max<int64_t>(0, *covered - in);
      const int64_t small = total / 2, big = total - small;
      w.pad_begin[i] = auto_pad == "SAME_UPPER" ? small : big;
      w.pad_end[i] = auto_pad == "SAME_UPPER" ? big : small;
    }
  }

  const bool ceil_mode = rules.ceil_mode && ctx.attr_int("ceil_mode", 0) != 0;
  w.output.resize(spatial);
  for (size_t i = 0; i < spatial; ++i) {
    std::optional<int64_t> padded = MulAdd(1, w.input[i], w.pad_begin[i]);
    if (padded) padded = MulAdd(1, *padded, w.pad_end[i]);
    if (!padded) return Overflow(i);
    const int64_t room = *padded - extent[i];
    if (room < 0) {
      return KernelError("along spatial axis ", i, " the padded input size ", *padded,
                         " is smaller than the (dilated) kernel size ", extent[i]);
    }
    int64_t count = room / w.strides[i] + (ceil_mode && room % w.strides[i] != 0 ? 1 : 0) + 1;
    if (ceil_mode && rules.drop_window_starting_in_end_pad &&
        (count - 1) * w.strides[i] >= w.input[i] + w.pad_begin[i]) {
      --count;
    }
    w.output[i] = count;
  }
  return w;
}

}  // namespace onnxforge::reference
