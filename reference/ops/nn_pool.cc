// Kernels of MaxPool and AveragePool: every window of every [N, C] plane of
// X reduced to one value.
//
// Two ways to walk the windows. Windows over one or two axes (the common
// case) read a copy of the plane padded on every side (or the plane itself
// when it needs no padding), so that each window has all its taps and a row
// of outputs goes without per-window bookkeeping, float outputs sixteen at
// a time in SSE registers. Windows over more axes, and MaxPool's Indices,
// go window by window through per-axis tables of the taps inside X.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "reference/kernel.h"
#include "reference/ops/nn_window.h"

namespace onnxforge::reference {
namespace {

// ---- Values -----------------------------------------------------------------

template <typename T>
bool IsNan(T v) {
  if constexpr (std::is_integral_v<T>) {
    return false;
  } else {
    return std::isnan(static_cast<double>(v));
  }
}

// Below every value of T but NaN: -infinity for the float types, the
// lowest value for integers. MaxPool's result for a window without a
// number.
template <typename T>
T BelowAll() {
  if constexpr (std::is_integral_v<T>) {
    return std::numeric_limits<T>::lowest();
  } else {
    return static_cast<T>(-std::numeric_limits<float>::infinity());
  }
}

// What pooling computes in: float for the narrow float types, T otherwise
// (for MaxPool; AveragePool sums in float or double).
template <typename T>
using MaxType =
    std::conditional_t<std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>, float, T>;
template <typename T>
using SumType = std::conditional_t<std::is_same_v<T, double>, double, float>;

// The larger of a and v; a NaN v never wins. A select, not a branch (maxss
// for float): the maxima of real data are unpredictable.
template <typename A>
A Larger(A a, A v) {
  return v > a ? v : a;
}

// How the row-by-row walk folds a tap into an output, for any A and, where
// SSE is there, for four floats at once (in the same order, so with the
// same result).
struct MaxOp {
  template <typename A>
  static A Fold(A acc, A v) {
    return Larger(acc, v);
  }
#ifdef __SSE2__
  static __m128 Fold4(__m128 acc, __m128 v) { return _mm_max_ps(v, acc); }  // v > acc ? v : acc
#endif
};

struct SumOp {
  template <typename A>
  static A Fold(A acc, A v) {
    return acc + v;
  }
#ifdef __SSE2__
  static __m128 Fold4(__m128 acc, __m128 v) { return _mm_add_ps(acc, v); }
#endif
};

#ifdef __SSE2__
// src[0], src[kStride], src[2 * kStride], src[3 * kStride] for stride 1 or
// 2, reading nothing past the last of them.
template <int kStride>
inline __m128 LoadFour(const float* src) {
  static_assert(kStride == 1 || kStride == 2);
  if constexpr (kStride == 1) {
    return _mm_loadu_ps(src);
  } else {
    // src[0..3] and src[3..6]: the even ones of the first, the odd ones of
    // the second.
    return _mm_shuffle_ps(_mm_loadu_ps(src), _mm_loadu_ps(src + 3), _MM_SHUFFLE(3, 1, 2, 0));
  }
}
#endif

// ---- Per-axis tap tables ------------------------------------------------------

// The taps of every window along one spatial axis. Window o's taps inside X
// sit at plane offsets first[o] + j * step for j < inside[o]; padded[o]
// counts its taps inside X or its padding (count_include_pad's divisor).
struct AxisTaps {
  std::vector<int64_t> first, inside, padded;
  int64_t step = 0;
  int64_t windows = 0;
};

// Ceiling of a / b for b > 0.
int64_t CeilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }

AxisTaps TapsAlong(const Window& w, size_t axis, int64_t stride_in_plane) {
  AxisTaps taps;
  taps.windows = w.output[axis];
  const int64_t in = w.input[axis], d = w.dilations[axis], k = w.kernel[axis];
  taps.step = d * stride_in_plane;
  for (int64_t o = 0; o < taps.windows; ++o) {
    // Tap j reads start + j * d: inside X for j in [lo, hi).
    const int64_t start = o * w.strides[axis] - w.pad_begin[axis];
    const int64_t lo = std::clamp<int64_t>(CeilDiv(-start, d), 0, k);
    const int64_t hi = std::clamp<int64_t>(CeilDiv(in - start, d), lo, k);
    taps.first.push_back((start + lo * d) * stride_in_plane);
    taps.inside.push_back(hi - lo);
    taps.padded.push_back(std::clamp<int64_t>(CeilDiv(in + w.pad_end[axis] - start, d), 0, k));
  }
  return taps;
}

// The tables of a plane's axes, with at least two axes (a 1-D window gets
// a leading axis of one window with one tap): the last two are the rows and
// columns of the innermost loops.
std::vector<AxisTaps> PlanWindows(const Window& w) {
  std::vector<AxisTaps> axes;
  if (w.spatial() == 1) {
    AxisTaps unit;
    unit.first = {0};
    unit.inside = {1};
    unit.padded = {1};
    unit.windows = 1;
    axes.push_back(unit);
  }
  std::vector<int64_t> strides(w.spatial(), 1);
  for (size_t i = w.spatial(); i-- > 1;) strides[i - 1] = strides[i] * w.input[i];
  for (size_t i = 0; i < w.spatial(); ++i) axes.push_back(TapsAlong(w, i, strides[i]));
  return axes;
}

// count_include_pad ? taps inside X or its padding : taps inside X, for
// the window at (row r, column c) of the last two axes.
int64_t Divisor(const AxisTaps& rows, const AxisTaps& cols, int64_t r, int64_t c,
                bool count_include_pad) {
  return count_include_pad ? rows.padded[r] * cols.padded[c] : rows.inside[r] * cols.inside[c];
}

// ---- Window by window -------------------------------------------------------------

// The taps of one window inside X: base + row_first + i * row_step +
// col_first + j * col_step for each outer offset base, i < row_count and
// j < col_count.
struct WindowTaps {
  const int64_t* bases;
  int64_t base_count;
  int64_t row_first, row_count, row_step;
  int64_t col_first, col_count, col_step;
  int64_t padded;  // taps inside X or its padding

  int64_t count() const { return base_count * row_count * col_count; }
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (int64_t b = 0; b < base_count; ++b) {
      for (int64_t r = 0; r < row_count; ++r) {
        const int64_t row = bases[b] + row_first + r * row_step + col_first;
        for (int64_t c = 0; c < col_count; ++c) fn(row + c * col_step);
      }
    }
  }
};

// Calls reduce(output_offset, taps) for every window of a plane in output
// order.
template <typename Reduce>
void PoolPlane(const std::vector<AxisTaps>& axes, const Reduce& reduce) {
  const size_t n = axes.size();
  const AxisTaps& rows = axes[n - 2];
  const AxisTaps& cols = axes[n - 1];
  int64_t outer_count = 1;
  for (size_t i = 0; i + 2 < n; ++i) outer_count *= axes[i].windows;
  std::vector<int64_t> outer(n, 0), bases, next;
  int64_t out = 0;
  for (int64_t q = 0; q < outer_count; ++q) {
    // The offsets of one tap per outer axis, summed, for each tap combination.
    bases.assign(1, 0);
    int64_t outer_padded = 1;
    for (size_t i = 0; i + 2 < n; ++i) {
      const AxisTaps& a = axes[i];
      const int64_t o = outer[i];
      next.clear();
      for (int64_t base : bases) {
        for (int64_t j = 0; j < a.inside[o]; ++j) next.push_back(base + a.first[o] + j * a.step);
      }
      bases.swap(next);
      outer_padded *= a.padded[o];
    }
    WindowTaps taps{bases.data(), static_cast<int64_t>(bases.size())};
    taps.row_step = rows.step;
    taps.col_step = cols.step;
    for (int64_t r = 0; r < rows.windows; ++r) {
      taps.row_first = rows.first[r];
      taps.row_count = rows.inside[r];
      for (int64_t c = 0; c < cols.windows; ++c) {
        taps.col_first = cols.first[c];
        taps.col_count = cols.inside[c];
        taps.padded = outer_padded * rows.padded[r] * cols.padded[c];
        reduce(out++, taps);
      }
    }
    for (size_t i = n - 2; i-- > 0;) {
      if (++outer[i] < axes[i].windows) break;
      outer[i] = 0;
    }
  }
}

// The largest non-NaN value of a window and, when `where` is set, the
// plane offset of its first tap holding it; BelowAll and -1 when the window
// has no number.
template <typename T>
struct MaxOfWindow {
  const T* plane;
  T* y;
  int64_t* where;

  void operator()(int64_t out, const WindowTaps& taps) const {
    using A = MaxType<T>;
    A best = static_cast<A>(BelowAll<T>());
    taps.ForEach([&](int64_t at) { best = Larger(best, static_cast<A>(plane[at])); });
    y[out] = static_cast<T>(best);
    if (where != nullptr) {
      int64_t found = -1;
      taps.ForEach([&](int64_t at) {
        if (found < 0 && static_cast<A>(plane[at]) == best) found = at;
      });
      where[out] = found;
    }
  }
};

// The mean of a window: the sum of its taps inside X divided by their
// count or, with count_include_pad, by the taps inside X and its padding.
template <typename T>
struct AverageOfWindow {
  const T* plane;
  T* y;
  bool count_include_pad;

  void operator()(int64_t out, const WindowTaps& taps) const {
    using A = SumType<T>;
    A sum = 0;
    taps.ForEach([&](int64_t at) { sum += static_cast<A>(plane[at]); });
    y[out] = static_cast<T>(sum / static_cast<A>(count_include_pad ? taps.padded : taps.count()));
  }
};

// ---- Row by row over a padded plane ------------------------------------------------

// One of the (at most two) window axes of a padded plane.
struct PaddedAxis {
  int64_t in = 1, out = 1, kernel = 1, stride = 1, dilation = 1, pad_begin = 0;

  static PaddedAxis Of(const Window& w, size_t axis) {
    return {w.input[axis],   w.output[axis],    w.kernel[axis],
            w.strides[axis], w.dilations[axis], w.pad_begin[axis]};
  }
  // The padded size: X, its begin padding and whatever the last window reaches.
  int64_t size() const {
    return std::max(pad_begin + in, (out - 1) * stride + (kernel - 1) * dilation + 1);
  }
};

// Padded copies beyond this many bytes are not made; such planes go window
// by window.
constexpr int64_t kMaxPaddedPlaneBytes = int64_t{64} << 20;

bool CanPadPlanes(const Window& w, int64_t value_bytes) {
  if (w.spatial() > 2) return false;
  const PaddedAxis cols = PaddedAxis::Of(w, w.spatial() - 1);
  const PaddedAxis rows = w.spatial() == 2 ? PaddedAxis::Of(w, 0) : PaddedAxis();
  return rows.size() <= kMaxPaddedPlaneBytes / value_bytes / cols.size();
}

// The window taps of one row of outputs, as PoolRow reads them.
struct RowTaps {
  int64_t kernel_rows, kernel_cols;
  int64_t line_step;  // from one tap row to the next
  int64_t dilation;   // from one tap to the next along a row
  int64_t count;      // outputs
};

#ifdef __SSE2__
// PoolRow for floats from output c on, 4 * kVectors outputs at a time in
// kVectors accumulator registers, so that the folds of neighbouring outputs
// overlap; returns the first output left.
template <typename Op, int kVectors, int kStride>
int64_t PoolFloats(const float* top, const RowTaps& taps, float fill, int64_t c, float* acc) {
  for (; c + 4 * kVectors <= taps.count; c += 4 * kVectors) {
    // Unrolled, so that the accumulators stay in registers.
    __m128 four[kVectors];
#pragma GCC unroll 4
    for (int i = 0; i < kVectors; ++i) four[i] = _mm_set1_ps(fill);
    const float* line = top + c * kStride;
    for (int64_t kr = 0; kr < taps.kernel_rows; ++kr, line += taps.line_step) {
      for (int64_t kc = 0; kc < taps.kernel_cols; ++kc) {
        const float* tap = line + kc * taps.dilation;
#pragma GCC unroll 4
        for (int i = 0; i < kVectors; ++i) {
          four[i] = Op::Fold4(four[i], LoadFour<kStride>(tap + 4 * i * kStride));
        }
      }
    }
#pragma GCC unroll 4
    for (int i = 0; i < kVectors; ++i) _mm_storeu_ps(acc + c + 4 * i, four[i]);
  }
  return c;
}
#endif

// One row of outputs: acc[c] = fill, then acc[c] = Op::Fold(acc[c], v)
// over the taps of window c row by row. `top` is the window row's first
// line in a plane `width` values wide. Floats go several outputs at a time
// for strides 1 and 2 (almost every pooling).
template <typename Op, typename A>
void PoolRow(const A* top, int64_t width, const PaddedAxis& rows, const PaddedAxis& cols, A fill,
             A* acc) {
  const RowTaps taps{rows.kernel, cols.kernel, rows.dilation * width, cols.dilation, cols.out};
  int64_t c = 0;
#ifdef __SSE2__
  if constexpr (std::is_same_v<A, float>) {
    if (cols.stride == 1) {
      c = PoolFloats<Op, 4, 1>(top, taps, fill, c, acc);
      c = PoolFloats<Op, 1, 1>(top, taps, fill, c, acc);
    } else if (cols.stride == 2) {
      c = PoolFloats<Op, 4, 2>(top, taps, fill, c, acc);
      c = PoolFloats<Op, 1, 2>(top, taps, fill, c, acc);
    }
  }
#endif
  const int64_t line_step = taps.line_step;
  for (int64_t rest = c; rest < cols.out; ++rest) {
    A one = fill;
    const A* line = top + rest * cols.stride;
    for (int64_t kr = 0; kr < rows.kernel; ++kr, line += line_step) {
      for (int64_t kc = 0; kc < cols.kernel; ++kc) one = Op::Fold(one, line[kc * cols.dilation]);
    }
    acc[rest] = one;
  }
}

// MaxPool's finish: the maximum as an element of T. With A = T the row's
// accumulators are the output row itself.
template <typename T>
struct AsElement {
  template <typename A>
  T operator()(A v, int64_t, int64_t) const {
    return static_cast<T>(v);
  }
};

// For each plane and output: acc = fill, acc = Op::Fold(acc, v) over the
// window's taps in a copy of the plane padded with `fill`, then
// y = finish(acc, row, column). A is the type computed in.
template <typename Op, typename T, typename A, typename Finish>
void PoolPaddedPlanes(const Window& w, int64_t planes, const T* x, T* y, A fill, Finish finish) {
  const PaddedAxis cols = PaddedAxis::Of(w, w.spatial() - 1);
  const PaddedAxis rows = w.spatial() == 2 ? PaddedAxis::Of(w, 0) : PaddedAxis();
  // Planes that need no padding and no conversion are read in place.
  const bool in_place = std::is_same_v<A, T> && rows.pad_begin == 0 && cols.pad_begin == 0 &&
                        rows.size() == rows.in && cols.size() == cols.in;
  const int64_t width = in_place ? cols.in : cols.size();
  // The border is the same for every plane: filled once, the inside copied
  // per plane.
  std::vector<A> padded(in_place ? 0 : rows.size() * width, fill), row_acc(cols.out);
  A* __restrict acc = row_acc.data();
  for (int64_t p = 0; p < planes; ++p) {
    const T* plane = x + p * rows.in * cols.in;
    const A* source = padded.data();
    if constexpr (std::is_same_v<A, T>) {
      if (in_place) source = plane;
    }
    for (int64_t r = 0; !in_place && r < rows.in; ++r) {
      const T* from = plane + r * cols.in;
      std::transform(from, from + cols.in,
                     padded.data() + (rows.pad_begin + r) * width + cols.pad_begin,
                     [](T v) { return static_cast<A>(v); });
    }
    T* out = y + p * rows.out * cols.out;
    for (int64_t r = 0; r < rows.out; ++r, out += cols.out) {
      const A* top = source + r * rows.stride * width;
      if constexpr (std::is_same_v<A, T> && std::is_same_v<Finish, AsElement<T>>) {
        PoolRow<Op>(top, width, rows, cols, fill, out);
      } else {
        PoolRow<Op>(top, width, rows, cols, fill, acc);
        for (int64_t c = 0; c < cols.out; ++c) out[c] = finish(acc[c], r, c);
      }
    }
  }
}

// ---- Shared by both operators ----------------------------------------------------

// A row-major offset within a plane of `dims` as the column-major offset of
// the same position (MaxPool's storage_order = 1).
int64_t ColumnMajorOffset(int64_t offset, const std::vector<int64_t>& dims) {
  std::vector<int64_t> index(dims.size());
  for (size_t i = dims.size(); i-- > 0;) {
    index[i] = offset % dims[i];
    offset /= dims[i];
  }
  int64_t result = 0, scale = 1;
  for (size_t i = 0; i < dims.size(); ++i) {
    result += index[i] * scale;
    scale *= dims[i];
  }
  return result;
}

// X's windows for a pooling node.
absl::StatusOr<Window> PoolWindow(const KernelContext& ctx, const Tensor& x, const char* op,
                                  const WindowRules& rules) {
  ONNXFORGE_ASSIGN_OR_RETURN(size_t spatial, SpatialAxes(x, op));
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> kernel, KernelShapeAttr(ctx, spatial));
  return ResolveWindow(ctx, x.shape(), std::move(kernel), rules);
}

std::vector<int64_t> PooledShape(const Tensor& x, const Window& w) {
  std::vector<int64_t> shape = {x.dim(0), x.dim(1)};
  shape.insert(shape.end(), w.output.begin(), w.output.end());
  return shape;
}

using MaxPoolTypes = Concat<types::Float, TypeList<int8_t, uint8_t>>;

}  // namespace

// Each output is the largest non-NaN value of its window inside X (padding
// never wins); a window without one gives -infinity (the lowest value for
// integers) and index -1. Indices are flat positions in X, the spatial
// axes in row-major order or, with storage_order=1, column-major.
// Versions 1 and 8 have neither dilations nor ceil_mode; 8 adds Indices and
// storage_order; 10 adds ceil_mode and dilations; 12 int8 and uint8; 22
// drops a ceil-mode window that would start in the end padding.
ONNXFORGE_KERNEL(Onnx, MaxPool, 1, 22) {
  const Tensor& x = ctx.input(0);
  const int version = ctx.since_version();
  WindowRules rules;
  rules.dilations = rules.ceil_mode = version >= 10;
  rules.drop_window_starting_in_end_pad = version >= 22;
  ONNXFORGE_ASSIGN_OR_RETURN(Window w, PoolWindow(ctx, x, "MaxPool", rules));
  const int64_t storage_order = ctx.attr_int("storage_order", 0);
  if (storage_order != 0 && storage_order != 1) {
    return KernelError("attribute 'storage_order' must be 0 (row major) or 1 (column major), got ",
                       storage_order);
  }
  // Every window sets its output (and index).
  const std::vector<int64_t> y_shape = PooledShape(x, w);
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::CreateUninitialized(x.type(), y_shape));
  const bool want_indices = version >= 8 && ctx.has_output(1);
  Tensor indices;
  if (want_indices) {
    ONNXFORGE_ASSIGN_OR_RETURN(indices, Tensor::CreateUninitialized(TensorProto::INT64, y_shape));
  }
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t in_plane = w.InputSize(), out_plane = w.OutputSize();
  if (y.size() == 0) {
    ctx.set_output(0, std::move(y));
    if (want_indices) ctx.set_output(1, std::move(indices));
    return absl::OkStatus();
  }
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<MaxPoolTypes>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using A = MaxType<T>;
    const T* in = x.data<T>().data();
    T* out = y.mutable_data<T>().data();
    if (!want_indices && CanPadPlanes(w, sizeof(A))) {
      PoolPaddedPlanes<MaxOp, T, A>(w, planes, in, out, static_cast<A>(BelowAll<T>()),
                                    AsElement<T>());
      return absl::OkStatus();
    }
    const std::vector<AxisTaps> axes = PlanWindows(w);
    int64_t* where = want_indices ? indices.mutable_data<int64_t>().data() : nullptr;
    for (int64_t p = 0; p < planes; ++p) {
      MaxOfWindow<T> reduce{in + p * in_plane, out + p * out_plane,
                            where != nullptr ? where + p * out_plane : nullptr};
      PoolPlane(axes, reduce);
    }
    return absl::OkStatus();
  }));
  if (want_indices) {
    // Offsets within a plane become flat indices into X.
    auto flat = indices.mutable_data<int64_t>();
    for (int64_t p = 0; p < planes; ++p) {
      for (int64_t o = p * out_plane; o < (p + 1) * out_plane; ++o) {
        if (flat[o] < 0) continue;
        const int64_t offset = storage_order == 1 ? ColumnMajorOffset(flat[o], w.input) : flat[o];
        flat[o] = p * in_plane + offset;
      }
    }
    ctx.set_output(1, std::move(indices));
  }
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// Each output is the mean of its window: the sum of the taps inside X over
// their count or, with count_include_pad, over the taps inside X and its
// explicit or automatic padding (never the extra room ceil_mode adds).
// Version 7 adds count_include_pad; 10 ceil_mode; 19 dilations; 22
// bfloat16 and drops a ceil-mode window that would start in the end padding.
ONNXFORGE_KERNEL(Onnx, AveragePool, 1, 22) {
  const Tensor& x = ctx.input(0);
  const int version = ctx.since_version();
  WindowRules rules;
  rules.ceil_mode = version >= 10;
  rules.dilations = version >= 19;
  rules.drop_window_starting_in_end_pad = version >= 22;
  ONNXFORGE_ASSIGN_OR_RETURN(Window w, PoolWindow(ctx, x, "AveragePool", rules));
  const bool count_include_pad = version >= 7 && ctx.attr_int("count_include_pad", 0) != 0;
  // Every window sets its output.
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::CreateUninitialized(x.type(), PooledShape(x, w)));
  if (y.size() == 0) {
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  }
  const std::vector<AxisTaps> axes = PlanWindows(w);
  const int64_t planes = x.dim(0) * x.dim(1);
  const int64_t in_plane = w.InputSize(), out_plane = w.OutputSize();
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using A = SumType<T>;
    const T* in = x.data<T>().data();
    T* out = y.mutable_data<T>().data();
    if (CanPadPlanes(w, sizeof(A))) {
      const AxisTaps& rows = axes[axes.size() - 2];
      const AxisTaps& cols = axes[axes.size() - 1];
      PoolPaddedPlanes<SumOp, T, A>(w, planes, in, out, A(0), [&](A sum, int64_t r, int64_t c) {
        return static_cast<T>(sum / static_cast<A>(Divisor(rows, cols, r, c, count_include_pad)));
      });
      return absl::OkStatus();
    }
    for (int64_t p = 0; p < planes; ++p) {
      AverageOfWindow<T> reduce{in + p * in_plane, out + p * out_plane, count_include_pad};
      PoolPlane(axes, reduce);
    }
    return absl::OkStatus();
  }));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
