// Kernel of Conv: for each sample and group, the input patches are laid out
// one output position per column (im2col) and one matrix product with the
// group's filters gives the output plane (float through RowMajorSgemm, which
// also adds the bias, double through Eigen).
#include <Eigen/Core>
#include <algorithm>
#include <memory>
#include <type_traits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/nn_window.h"
#include "reference/ops/sgemm.h"

namespace onnxforge::reference {
namespace {

// The sizes a convolution works with, once X, W and B agree.
struct ConvSizes {
  int64_t batch = 0;
  int64_t channels = 0;  // C
  int64_t maps = 0;      // M, output channels
  int64_t group = 1;
  int64_t patch = 0;  // C / group * kernel taps: rows of a patch matrix
  Window window;
};

std::vector<int64_t> RowMajorStrides(const std::vector<int64_t>& dims) {
  std::vector<int64_t> strides(dims.size(), 1);
  for (size_t i = dims.size(); i-- > 1;) strides[i - 1] = strides[i] * dims[i];
  return strides;
}

// Advances `index` over `sizes` like an odometer, the last axis fastest.
void Advance(std::vector<int64_t>& index, const std::vector<int64_t>& sizes, size_t axes) {
  for (size_t i = axes; i-- > 0;) {
    if (++index[i] < sizes[i]) return;
    index[i] = 0;
  }
}

// The outputs [lo, hi) along an axis whose output o reads input
// o * stride + shift: those that read inside an input of `in` values.
struct InsideRange {
  int64_t lo = 0, hi = 0;

  static InsideRange Of(int64_t shift, int64_t stride, int64_t in, int64_t out) {
    InsideRange r;
    r.lo = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
    r.hi = in - shift <= 0 ? 0 : (in - shift + stride - 1) / stride;
    r.lo = std::min(r.lo, out);
    r.hi = std::clamp(r.hi, r.lo, out);
    return r;
  }
  bool empty() const { return lo == hi; }
};

// Whether the 2-D patch rows are X's planes shifted: unit strides and
// output rows as long as X's (3x3 with pad 1, 5x5 with pad 2, ...). Then
// the output position (r, o) of tap (kr, ko) reads X at the same flat
// offset plus a constant, so the part inside X is one block copy.
bool PatchRowsAreShiftedPlanes(const Window& w) {
  return w.spatial() == 2 && w.strides[0] == 1 && w.strides[1] == 1 && w.input[1] == w.output[1];
}

// Im2Col (below) for PatchRowsAreShiftedPlanes windows: per patch row, the
// rows inside X in one copy, then zeros over the padding around it, the
// short stretches between rows (the columns left and right of X) in plain
// strided loops rather than a call each.
template <typename T>
void Im2ColShiftedPlanes(const T* x, int64_t channels, const Window& w, T* col, int64_t ld) {
  const int64_t in_rows = w.input[0], width = w.input[1], out_rows = w.output[0];
  const int64_t out_plane = out_rows * width;
  T* dst = col;
  for (int64_t c = 0; c < channels; ++c) {
    const T* plane = x + c * in_rows * width;
    for (int64_t kr = 0; kr < w.kernel[0]; ++kr) {
      const int64_t row_shift = kr * w.dilations[0] - w.pad_begin[0];
      const InsideRange rows = InsideRange::Of(row_shift, 1, in_rows, out_rows);
      for (int64_t ko = 0; ko < w.kernel[1]; ++ko, dst += ld) {
        const int64_t shift = ko * w.dilations[1] - w.pad_begin[1];
        const InsideRange cols = InsideRange::Of(shift, 1, width, width);
        if (rows.empty() || cols.empty()) {
          std::fill(dst, dst + out_plane, T(0));
          continue;
        }
        const int64_t begin = rows.lo * width + cols.lo;
        const int64_t end = (rows.hi - 1) * width + cols.hi;
        std::fill(dst, dst + begin, T(0));
        // Output (r, o) reads plane[r * width + o + offset].
        const int64_t offset = row_shift * width + shift;
        std::copy(plane + begin + offset, plane + end + offset, dst + begin);
        // The copy also filled the stretches [r * width + hi, (r + 1) * width + lo)
        // between its rows, which lie in the padding.
        const int64_t gap = width - cols.hi + cols.lo;
        T* gaps = dst + rows.lo * width + cols.hi;
        for (int64_t j = 0; j < gap; ++j) {
          for (int64_t r = 0; r + 1 < rows.hi - rows.lo; ++r) gaps[r * width + j] = T(0);
        }
        std::fill(dst + end, dst + out_plane, T(0));
      }
    }
  }
}

// Fills `col` (patch rows x output positions, row-major, `ld` elements
// from one row to the next) from `channels` input planes: row (c, k1, ...,
// kn) holds, for every output position, the value under kernel tap (k1,
// ..., kn) of channel c, or 0 in the padding.
template <typename T>
void Im2Col(const T* x, int64_t channels, const Window& w, T* col, int64_t ld) {
  if (PatchRowsAreShiftedPlanes(w)) {
    Im2ColShiftedPlanes(x, channels, w, col, ld);
    return;
  }
  const size_t n = w.spatial();
  const size_t last = n - 1;
  const int64_t in_plane = w.InputSize();
  const int64_t out_last = w.output[last];
  const int64_t outer_count = w.OutputSize() / out_last;  // output rows along the last axis
  const int64_t taps = w.KernelSize();
  const std::vector<int64_t> in_strides = RowMajorStrides(w.input);
  const int64_t in_last = w.input[last];
  const int64_t stride_last = w.strides[last];
  std::vector<int64_t> tap(n), outer(n);
  for (int64_t c = 0; c < channels; ++c) {
    const T* plane = x + c * in_plane;
    std::fill(tap.begin(), tap.end(), 0);
    for (int64_t t = 0; t < taps; ++t, Advance(tap, w.kernel, n)) {
      T* dst = col + (c * taps + t) * ld;
      // Along the last axis output o reads input o * stride + shift; it is
      // inside X for o in [lo, hi).
      const int64_t shift = tap[last] * w.dilations[last] - w.pad_begin[last];
      const InsideRange inside = InsideRange::Of(shift, stride_last, in_last, out_last);
      const int64_t lo = inside.lo, hi = inside.hi;
      std::fill(outer.begin(), outer.end(), 0);
      for (int64_t r = 0; r < outer_count; ++r, dst += out_last, Advance(outer, w.output, last)) {
        int64_t base = 0;
        bool inside = true;
        for (size_t i = 0; i < last && inside; ++i) {
          const int64_t pos = outer[i] * w.strides[i] + tap[i] * w.dilations[i] - w.pad_begin[i];
          inside = pos >= 0 && pos < w.input[i];
          base += pos * in_strides[i];
        }
        if (!inside) {
          std::fill(dst, dst + out_last, T(0));
          continue;
        }
        std::fill(dst, dst + lo, T(0));
        const T* row = plane + base;
        if (lo < hi && stride_last == 1) {
          std::copy(row + lo + shift, row + hi + shift, dst + lo);
        } else {
          for (int64_t o = lo; o < hi; ++o) dst[o] = row[o * stride_last + shift];
        }
        std::fill(dst + hi, dst + out_last, T(0));
      }
    }
  }
}

// Room for a patch matrix. Up to kKeptBytes it is one buffer per thread
// kept across calls, so that a model's Conv nodes do not each allocate (and
// fault in) fresh memory; larger matrices get their own allocation.
template <typename T>
class PatchBuffer {
 public:
  static constexpr int64_t kKeptBytes = int64_t{64} << 20;

  explicit PatchBuffer(int64_t size) {
    if (size * static_cast<int64_t>(sizeof(T)) <= kKeptBytes) {
      thread_local std::vector<T> kept;
      if (static_cast<int64_t>(kept.size()) < size) kept.resize(size);
      data_ = kept.data();
    } else {
      owned_.reset(new T[size]);  // Im2Col writes every element
      data_ = owned_.get();
    }
  }
  T* data() { return data_; }

 private:
  std::unique_ptr<T[]> owned_;
  T* data_ = nullptr;
};

// Elements from one patch row to the next for rows of `n` output
// positions: n, or a little more when n floats span a multiple of 256
// bytes. Rows that far apart share cache sets, and the product's column
// panels, which read one stretch of every row, would keep evicting
// themselves.
int64_t PatchRowStride(int64_t n) { return n % 64 == 0 ? n + 16 : n; }

// y = conv(x, w) + b in T (float or double); b may be null. y is
// [N, M, O1, ..., On].
template <typename T>
absl::Status Convolve(const ConvSizes& s, const T* x, const T* w, const T* b, T* y) {
  using Matrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Stride = Eigen::OuterStride<>;
  const Window& win = s.window;
  const int64_t in_plane = win.InputSize();
  const int64_t out_plane = win.OutputSize();
  const int64_t group_channels = s.channels / s.group;
  const int64_t group_maps = s.maps / s.group;
  if (s.batch == 0 || out_plane == 0) return absl::OkStatus();
  const bool pointwise = win.IsPointwise();
  const int64_t ld = pointwise ? out_plane : PatchRowStride(out_plane);
  int64_t col_size = 0;
  if (!pointwise && (__builtin_mul_overflow(s.patch, ld, &col_size) ||
                     col_size > kMaxTensorBytes / static_cast<int64_t>(sizeof(T)))) {
    return KernelError("the patch matrix of ", s.patch, " x ", out_plane,
                       " values exceeds the evaluator's limit of ", kMaxTensorBytes, " bytes");
  }
  PatchBuffer<T> col(pointwise ? 0 : col_size);
  for (int64_t n = 0; n < s.batch; ++n) {
    for (int64_t g = 0; g < s.group; ++g) {
      const T* x_group = x + (n * s.channels + g * group_channels) * in_plane;
      T* y_group = y + (n * s.maps + g * group_maps) * out_plane;
      const T* b_group = b != nullptr ? b + g * group_maps : nullptr;
      const T* patches = x_group;
      if (!pointwise && s.patch > 0) {
        Im2Col(x_group, group_channels, win, col.data(), ld);
        patches = col.data();
      }
      const T* filters = w + g * group_maps * s.patch;
      if constexpr (std::is_same_v<T, float>) {
        RowMajorSgemm(group_maps, out_plane, s.patch, filters, s.patch, patches, ld, y_group,
                      out_plane, b_group);
      } else {
        Eigen::Map<Matrix> y_map(y_group, group_maps, out_plane);
        if (s.patch == 0) {
          y_map.setZero();
        } else {
          y_map.noalias() =
              Eigen::Map<const Matrix>(filters, group_maps, s.patch) *
              Eigen::Map<const Matrix, 0, Stride>(patches, s.patch, out_plane, Stride(ld));
        }
        for (int64_t m = 0; b_group != nullptr && m < group_maps; ++m) {
          y_map.row(m).array() += b_group[m];
        }
      }
    }
  }
  return absl::OkStatus();
}

// Checks X, W, B and group against each other and resolves the windows.
absl::StatusOr<ConvSizes> ConvShapes(const KernelContext& ctx, const Tensor& x, const Tensor& w,
                                     const Tensor* b) {
  if (absl::StatusOr<size_t> spatial = SpatialAxes(x, "Conv"); !spatial.ok()) {
    return spatial.status();
  }
  if (w.rank() != x.rank()) {
    return KernelError("W has shape ", ShapeString(w.shape()), " but X has shape ",
                       ShapeString(x.shape()), "; their ranks must match");
  }
  ConvSizes s;
  s.group = ctx.attr_int("group", 1);
  if (s.group <= 0) return KernelError("attribute 'group' must be positive, got ", s.group);
  s.batch = x.dim(0);
  s.channels = x.dim(1);
  s.maps = w.dim(0);
  int64_t expected_channels = 0;
  if (__builtin_mul_overflow(w.dim(1), s.group, &expected_channels) ||
      expected_channels != s.channels) {
    return KernelError("X has ", s.channels, " channels but W expects ", w.dim(1),
                       " per group times group ", s.group,
                       expected_channels == 0 ? "" : absl::StrCat(" = ", expected_channels));
  }
  if (s.maps % s.group != 0) {
    return KernelError("W has ", s.maps, " feature maps, not a multiple of group ", s.group);
  }
  if (b != nullptr && (b->rank() != 1 || b->dim(0) != s.maps)) {
    return KernelError("B has shape ", ShapeString(b->shape()), " but W has ", s.maps,
                       " feature maps; B must be [", s.maps, "]");
  }
  std::vector<int64_t> kernel(w.shape().begin() + 2, w.shape().end());
  if (ctx.has_attr("kernel_shape") && ctx.attr_ints("kernel_shape", {}) != kernel) {
    return KernelError("attribute 'kernel_shape' ", ShapeString(ctx.attr_ints("kernel_shape", {})),
                       " disagrees with W's spatial dims ", ShapeString(kernel));
  }
  for (int64_t k : kernel) {
    if (k == 0) {
      return KernelError("W has shape ", ShapeString(w.shape()), "; kernels must not be empty");
    }
  }
  ONNXFORGE_ASSIGN_OR_RETURN(s.window, ResolveWindow(ctx, x.shape(), kernel, {/*dilations=*/true}));
  s.patch = w.dim(1) * s.window.KernelSize();
  return s;
}

// The elements of a float tensor as Compute values.
template <typename Compute, typename T>
std::vector<Compute> Widen(const Tensor& t) {
  std::vector<Compute> out(t.size());
  auto in = t.data<T>();
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<Compute>(static_cast<float>(in[i]));
  return out;
}

}  // namespace

ONNXFORGE_KERNEL(Onnx, Conv, 1, 22) {
  const Tensor& x = ctx.input(0);
  const Tensor& w = ctx.input(1);
  const Tensor* b = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  if (w.type() != x.type() || (b != nullptr && b->type() != x.type())) {
    return KernelError("X, W and B must have one element type; got ", ElementTypeString(x.type()),
                       ", ", ElementTypeString(w.type()),
                       b != nullptr ? ", " + ElementTypeString(b->type()) : std::string());
  }
  ONNXFORGE_ASSIGN_OR_RETURN(ConvSizes s, ConvShapes(ctx, x, w, b));
  std::vector<int64_t> y_shape = {s.batch, s.maps};
  y_shape.insert(y_shape.end(), s.window.output.begin(), s.window.output.end());
  // Every output plane is a product's result.
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::CreateUninitialized(x.type(), y_shape));
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      return Convolve<T>(s, x.data<T>().data(), w.data<T>().data(),
                         b != nullptr ? b->data<T>().data() : nullptr, y.mutable_data<T>().data());
    } else {
      // Narrow floats compute in float and round once at the end.
      std::vector<float> xf = Widen<float, T>(x), wf = Widen<float, T>(w), bf;
      if (b != nullptr) bf = Widen<float, T>(*b);
      std::vector<float> yf(y.size());
      ONNXFORGE_RETURN_IF_ERROR(
          Convolve<float>(s, xf.data(), wf.data(), b != nullptr ? bf.data() : nullptr, yf.data()));
      auto out = y.mutable_data<T>();
      for (size_t i = 0; i < yf.size(); ++i) out[i] = T(yf[i]);
      return absl::OkStatus();
    }
  }));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
