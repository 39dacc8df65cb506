// Kernels of the ai.onnx matrix operators: MatMul, Gemm, Softmax,
// LogSoftmax and TopK.
//
// float products run through RowMajorSgemm (AVX2/AVX-512 where the CPU has
// them), double products through Eigen over the tensors' own buffers;
// float16 and bfloat16 compute in float and round back once; integer
// products are plain loops that wrap on overflow.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <optional>
#include <type_traits>
#include <vector>

#include "Eigen/Core"
#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/compute_type.h"
#include "reference/ops/sgemm.h"

namespace onnxforge::reference {
namespace {

template <typename T>
using RowMajorMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using ConstMatrixMap = Eigen::Map<const RowMajorMatrix<T>>;
template <typename T>
using MatrixMap = Eigen::Map<RowMajorMatrix<T>>;

// A tensor's elements widened to their compute type.
template <typename T>
std::vector<ComputeType<T>> Widened(const Tensor& t) {
  auto in = t.data<T>();
  std::vector<ComputeType<T>> out(in.size());
  for (size_t i = 0; i < in.size(); ++i) out[i] = static_cast<ComputeType<T>>(in[i]);
  return out;
}

// Rounds `values` back into `out`, a tensor of T with as many elements.
template <typename T>
void StoreNarrowed(const std::vector<ComputeType<T>>& values, Tensor& out) {
  auto dst = out.mutable_data<T>();
  for (size_t i = 0; i < values.size(); ++i) dst[i] = T(values[i]);
}

int64_t Product(const Shape& shape, size_t begin, size_t end) {
  int64_t p = 1;
  for (size_t i = begin; i < end; ++i) p *= shape[i];
  return p;
}

// ---- Products of matrices --------------------------------------------------------

// y (m x n) += a (m x k) * b (k x n), all row-major. Integers wrap.
template <typename T>
void AccumulateProduct(const T* a, const T* b, T* y, int64_t m, int64_t k, int64_t n) {
  if constexpr (std::is_floating_point_v<T>) {
    MatrixMap<T>(y, m, n).noalias() += ConstMatrixMap<T>(a, m, k) * ConstMatrixMap<T>(b, k, n);
  } else {
    // Unsigned arithmetic: signed overflow would be undefined behaviour.
    using U = std::make_unsigned_t<T>;
    for (int64_t i = 0; i < m; ++i) {
      U* row = reinterpret_cast<U*>(y + i * n);
      for (int64_t p = 0; p < k; ++p) {
        const U scale = static_cast<U>(a[i * k + p]);
        const T* b_row = b + p * n;
        for (int64_t j = 0; j < n; ++j) row[j] += scale * static_cast<U>(b_row[j]);
      }
    }
  }
}

// out (m x n) = op(a) * op(b) in float, op transposing when asked.
// RowMajorSgemm wants both factors untransposed; a transposed one is either
// copied into that form, or the product is taken transposed, as
// op(b)^T * op(a)^T, where a stored transpose is already the right form,
// and turned back: whichever copies fewer elements.
void FloatProduct(const float* a, const float* b, int64_t m, int64_t k, int64_t n, bool trans_a,
                  bool trans_b, float* out) {
  using Matrix = RowMajorMatrix<float>;
  const int64_t direct_copies = (trans_a ? m * k : 0) + (trans_b ? k * n : 0);
  const int64_t flipped_copies = (trans_a ? 0 : m * k) + (trans_b ? 0 : k * n) + m * n;
  if (direct_copies <= flipped_copies) {
    Matrix a_copy, b_copy;
    if (trans_a) a_copy = ConstMatrixMap<float>(a, k, m).transpose();
    if (trans_b) b_copy = ConstMatrixMap<float>(b, n, k).transpose();
    RowMajorSgemm(m, n, k, trans_a ? a_copy.data() : a, k, trans_b ? b_copy.data() : b, n, out,
                  n);
    return;
  }
  // op(b)^T is n x k and op(a)^T is k x m.
  Matrix left, right, flipped(n, m);
  if (!trans_b) left = ConstMatrixMap<float>(b, k, n).transpose();
  if (!trans_a) right = ConstMatrixMap<float>(a, m, k).transpose();
  RowMajorSgemm(n, m, k, trans_b ? b : left.data(), k, trans_a ? a : right.data(), m,
                flipped.data(), m);
  MatrixMap<float>(out, m, n) = flipped.transpose();
}

// ---- MatMul ----------------------------------------------------------------------

// MatMul's shapes as numpy's matmul reads them: a 1-D A is a row [1, K],
// a 1-D B a column [K, 1], and the added dim is dropped from the result.
struct MatMulShapes {
  Shape batch_a;
  Shape batch_b;
  int64_t m = 0, k = 0, n = 0;
  Shape output;
};

absl::StatusOr<MatMulShapes> MatMulShapesOf(const Shape& a, const Shape& b) {
  if (a.empty() || b.empty()) {
    return KernelError("MatMul needs inputs of rank 1 or more, got A of shape ", ShapeString(a),
                       " and B of shape ", ShapeString(b));
  }
  MatMulShapes s;
  const bool a_is_vector = a.size() == 1;
  const bool b_is_vector = b.size() == 1;
  s.m = a_is_vector ? 1 : a[a.size() - 2];
  s.k = a.back();
  const int64_t b_k = b_is_vector ? b[0] : b[b.size() - 2];
  s.n = b_is_vector ? 1 : b.back();
  if (s.k != b_k) {
    return KernelError("A of shape ", ShapeString(a), " and B of shape ", ShapeString(b),
                       " do not multiply: A has ", s.k, " columns but B has ", b_k, " rows");
  }
  s.batch_a.assign(a.begin(), a.end() - (a_is_vector ? 1 : 2));
  s.batch_b.assign(b.begin(), b.end() - (b_is_vector ? 1 : 2));
  absl::StatusOr<Shape> batch = BroadcastShape({s.batch_a, s.batch_b});
  if (!batch.ok()) {
    return KernelError("the batch dims of A of shape ", ShapeString(a), " and B of shape ",
                       ShapeString(b), " do not broadcast: ", batch.status().message());
  }
  s.output = *std::move(batch);
  if (!a_is_vector) s.output.push_back(s.m);
  if (!b_is_vector) s.output.push_back(s.n);
  return s;
}

// One product per broadcast batch; `a`, `b`, `y` are the flat buffers.
template <typename T>
absl::Status BatchedProduct(const MatMulShapes& s, const T* a, const T* b, T* y) {
  ONNXFORGE_ASSIGN_OR_RETURN(BroadcastWalker batches,
                             BroadcastWalker::Create({s.batch_a, s.batch_b}));
  if (s.k == 0) return absl::OkStatus();  // y stays zero
  batches.ForEach([&](int64_t o, const int64_t* in) {
    const T* a_batch = a + in[0] * s.m * s.k;
    const T* b_batch = b + in[1] * s.k * s.n;
    T* y_batch = y + o * s.m * s.n;
    if constexpr (std::is_same_v<T, float>) {
      // Each output batch comes once: writing it equals adding to its zeros.
      RowMajorSgemm(s.m, s.n, s.k, a_batch, s.k, b_batch, s.n, y_batch, s.n);
    } else {
      AccumulateProduct<T>(a_batch, b_batch, y_batch, s.m, s.k, s.n);
    }
  });
  return absl::OkStatus();
}

ONNXFORGE_KERNEL(Onnx, MatMul, 1, 13) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  if (a.type() != b.type()) {
    return KernelError("A is ", ElementTypeString(a.type()), " but B is ",
                       ElementTypeString(b.type()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(MatMulShapes s, MatMulShapesOf(a.shape(), b.shape()));
  // The float product overwrites every output batch; the other types add
  // into zeros, as does an empty K.
  const bool overwritten = a.type() == TensorProto::FLOAT && s.k > 0;
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, overwritten ? Tensor::CreateUninitialized(a.type(), s.output)
                                                   : Tensor::Create(a.type(), s.output));
  return Dispatch<Concat<types::Float, types::Int>>(a.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    if constexpr (kIsNarrowFloat<T>) {
      std::vector<float> wide_a = Widened<T>(a), wide_b = Widened<T>(b);
      std::vector<float> wide_y(y.size(), 0.0f);
      ONNXFORGE_RETURN_IF_ERROR(
          BatchedProduct<float>(s, wide_a.data(), wide_b.data(), wide_y.data()));
      StoreNarrowed<T>(wide_y, y);
    } else {
      ONNXFORGE_RETURN_IF_ERROR(BatchedProduct<T>(s, a.data<T>().data(), b.data<T>().data(),
                                                  y.mutable_data<T>().data()));
    }
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  });
}

// ---- Gemm ------------------------------------------------------------------------

// An integer scaled by a float attribute: exact when the scale is 1,
// otherwise computed in double and clamped into T's range.
template <typename T>
T ScaleInteger(T value, float scale) {
  if (scale == 1.0f) return value;
  const double scaled = static_cast<double>(value) * scale;
  if (std::isnan(scaled)) return T(0);
  if (scaled <= static_cast<double>(std::numeric_limits<T>::lowest())) {
    return std::numeric_limits<T>::lowest();
  }
  if (scaled >= static_cast<double>(std::numeric_limits<T>::max())) {
    return std::numeric_limits<T>::max();
  }
  return static_cast<T>(scaled);
}

// y (m x n) = alpha * op(a) * op(b) + beta * c, with c already broadcast
// into y by the caller (or y zero). op transposes when asked.
template <typename T>
void GemmInto(const T* a, const T* b, T* y, int64_t m, int64_t k, int64_t n, bool trans_a,
              bool trans_b, float alpha) {
  if (k == 0) return;
  if constexpr (std::is_same_v<T, float>) {
    std::vector<float> product(m * n);
    FloatProduct(a, b, m, k, n, trans_a, trans_b, product.data());
    for (int64_t i = 0; i < m * n; ++i) y[i] += alpha * product[i];
  } else if constexpr (std::is_floating_point_v<T>) {
    ConstMatrixMap<T> a_map(a, trans_a ? k : m, trans_a ? m : k);
    ConstMatrixMap<T> b_map(b, trans_b ? n : k, trans_b ? k : n);
    MatrixMap<T> y_map(y, m, n);
    const T scale = static_cast<T>(alpha);
    if (trans_a && trans_b) {
      y_map.noalias() += scale * (a_map.transpose() * b_map.transpose());
    } else if (trans_a) {
      y_map.noalias() += scale * (a_map.transpose() * b_map);
    } else if (trans_b) {
      y_map.noalias() += scale * (a_map * b_map.transpose());
    } else {
      y_map.noalias() += scale * (a_map * b_map);
    }
  } else {
    using U = std::make_unsigned_t<T>;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        U sum = 0;
        for (int64_t p = 0; p < k; ++p) {
          const T av = trans_a ? a[p * m + i] : a[i * k + p];
          const T bv = trans_b ? b[j * k + p] : b[p * n + j];
          sum += static_cast<U>(av) * static_cast<U>(bv);
        }
        const T product = ScaleInteger<T>(static_cast<T>(sum), alpha);
        y[i * n + j] = static_cast<T>(static_cast<U>(y[i * n + j]) + static_cast<U>(product));
      }
    }
  }
}

// Float Gemm without GemmInto's buffers: the product straight into y, then
// y = beta * C + alpha * y element by element, the operations and their
// order those of the general path (whose zero start also turns a -0
// product into +0 when there is no C). `c`, when given, has rank 2 or less
// and broadcasts to [m, n].
void FloatGemm(const float* a, const float* b, const Tensor* c, int64_t m, int64_t k, int64_t n,
               bool trans_a, bool trans_b, float alpha, float beta, float* y) {
  if (k > 0) FloatProduct(a, b, m, k, n, trans_a, trans_b, y);
  const float* cd = c != nullptr ? c->data<float>().data() : nullptr;
  // C's strides along Y's rows and columns: 0 where it broadcasts.
  int64_t c_row = 0, c_col = 0;
  if (c != nullptr) {
    const int64_t c_cols = c->rank() >= 1 ? c->dim(c->rank() - 1) : 1;
    const int64_t c_rows = c->rank() == 2 ? c->dim(0) : 1;
    c_col = c_cols == 1 ? 0 : 1;
    c_row = c_rows == 1 ? 0 : c_cols;
  }
  for (int64_t i = 0; i < m; ++i) {
    float* row = y + i * n;
    for (int64_t j = 0; j < n; ++j) {
      const float start = cd != nullptr ? beta * cd[i * c_row + j * c_col] : 0.0f;
      row[j] = k > 0 ? start + alpha * row[j] : start;
    }
  }
}

// Gemm for every version: `c` may be null (opset 11+), and before opset 7
// C must already be [M, N] unless the `broadcast` attribute is set.
absl::Status RunGemm(KernelContext& ctx, bool legacy_broadcast_attr) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  const Tensor* c = ctx.has_input(2) ? &ctx.input(2) : nullptr;
  const bool trans_a = ctx.attr_int("transA", 0) != 0;
  const bool trans_b = ctx.attr_int("transB", 0) != 0;
  const float alpha = ctx.attr_float("alpha", 1.0f);
  const float beta = ctx.attr_float("beta", 1.0f);
  if (a.rank() != 2 || b.rank() != 2) {
    return KernelError("A and B must be 2-D, got A of shape ", ShapeString(a.shape()),
                       " and B of shape ", ShapeString(b.shape()));
  }
  if (a.type() != b.type() || (c != nullptr && c->type() != a.type())) {
    return KernelError("A, B and C must have one element type, got ",
                       ElementTypeString(a.type()), ", ", ElementTypeString(b.type()),
                       c != nullptr ? absl::StrCat(" and ", ElementTypeString(c->type())) : "");
  }
  const int64_t m = trans_a ? a.dim(1) : a.dim(0);
  const int64_t k = trans_a ? a.dim(0) : a.dim(1);
  const int64_t b_k = trans_b ? b.dim(1) : b.dim(0);
  const int64_t n = trans_b ? b.dim(0) : b.dim(1);
  if (k != b_k) {
    return KernelError("A of shape ", ShapeString(a.shape()), " (transA=", int{trans_a},
                       ") and B of shape ", ShapeString(b.shape()), " (transB=", int{trans_b},
                       ") do not multiply: ", k, " != ", b_k);
  }
  const Shape out_shape = {m, n};
  if (c != nullptr && legacy_broadcast_attr && ctx.attr_int("broadcast", 0) == 0 &&
      c->shape() != out_shape) {
    return KernelError("C of shape ", ShapeString(c->shape()), " must be ",
                       ShapeString(out_shape), " unless the 'broadcast' attribute is set");
  }
  // beta = 0 ignores C entirely, NaNs included.
  const bool use_c = c != nullptr && beta != 0.0f;
  std::optional<BroadcastWalker> c_walker;
  if (use_c) {
    absl::StatusOr<BroadcastWalker> w = BroadcastWalker::CreateTo({c->shape()}, out_shape);
    if (!w.ok()) return KernelError("input C: ", w.status().message());
    c_walker = *std::move(w);
  }
  // Set whole below.
  Tensor y = Tensor::Uninitialized(a.type(), out_shape);
  return Dispatch<Concat<types::Float, types::Int>>(a.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using C = ComputeType<T>;
    if constexpr (std::is_same_v<T, float>) {
      if (!use_c || c->rank() <= 2) {
        FloatGemm(a.data<float>().data(), b.data<float>().data(), use_c ? c : nullptr, m, k, n,
                  trans_a, trans_b, alpha, beta, y.mutable_data<float>().data());
        ctx.set_output(0, std::move(y));
        return absl::OkStatus();
      }
    }
    // Y starts as beta * C, then the product accumulates into it.
    std::vector<C> acc(y.size(), C(0));
    if (use_c) {
      auto cd = c->data<T>();
      c_walker->ForEach([&](int64_t o, const int64_t* in) {
        if constexpr (std::is_floating_point_v<C>) {
          acc[o] = static_cast<C>(beta) * static_cast<C>(cd[in[0]]);
        } else {
          acc[o] = ScaleInteger<T>(cd[in[0]], beta);
        }
      });
    }
    if constexpr (kIsNarrowFloat<T>) {
      std::vector<float> wide_a = Widened<T>(a), wide_b = Widened<T>(b);
      GemmInto<float>(wide_a.data(), wide_b.data(), acc.data(), m, k, n, trans_a, trans_b,
                      alpha);
      StoreNarrowed<T>(acc, y);
    } else {
      GemmInto<T>(a.data<T>().data(), b.data<T>().data(), acc.data(), m, k, n, trans_a, trans_b,
                  alpha);
      std::copy(acc.begin(), acc.end(), y.mutable_data<T>().begin());
    }
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  });
}

// Opsets 1 and 6: the `broadcast` attribute allows C to broadcast.
ONNXFORGE_KERNEL(Onnx, Gemm, 1, 6) { return RunGemm(ctx, /*legacy_broadcast_attr=*/true); }

// Opset 7 on: C broadcasts to [M, N]; from opset 11 it is optional.
ONNXFORGE_KERNEL(Onnx, Gemm, 7, 13) { return RunGemm(ctx, /*legacy_broadcast_attr=*/false); }

// ---- Softmax, LogSoftmax ---------------------------------------------------------

// Softmax (or its log) of x viewed as [outer, n, inner], along the middle
// axis. The maximum is subtracted first so exp never overflows.
template <typename T>
Tensor SoftmaxAlong(const Tensor& x, int64_t outer, int64_t n, int64_t inner, bool log) {
  using C = ComputeType<T>;
  Tensor y(x.type(), x.shape());
  auto in = x.data<T>();
  auto out = y.mutable_data<T>();
  std::vector<C> row(n);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const int64_t base = o * n * inner + i;
      C max = -std::numeric_limits<C>::infinity();
      for (int64_t j = 0; j < n; ++j) {
        row[j] = static_cast<C>(in[base + j * inner]);
        if (row[j] > max || std::isnan(row[j])) max = row[j];
      }
      // Softmax keeps exp(x - max) in `row`; LogSoftmax keeps x - max.
      double sum = 0;
      for (int64_t j = 0; j < n; ++j) {
        const C shifted = row[j] - max;
        const C e = std::exp(shifted);
        sum += e;
        row[j] = log ? shifted : e;
      }
      if (log) {
        const C log_sum = static_cast<C>(std::log(sum));
        for (int64_t j = 0; j < n; ++j) out[base + j * inner] = T(row[j] - log_sum);
      } else {
        const C inv_sum = static_cast<C>(1.0 / sum);
        for (int64_t j = 0; j < n; ++j) out[base + j * inner] = T(row[j] * inv_sum);
      }
    }
  }
  return y;
}

// Opsets 1 and 11: x is coerced to 2-D at `axis` ([d0*...*d(axis-1),
// d(axis)*...]) and each row normalized.
absl::Status RunCoercedSoftmax(KernelContext& ctx, bool log) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis,
                             ResolveAxis(ctx.attr_int("axis", 1), x.rank(), "attribute 'axis'"));
  const int64_t outer = Product(x.shape(), 0, axis);
  const int64_t n = Product(x.shape(), axis, x.shape().size());
  return Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ctx.set_output(0, SoftmaxAlong<T>(x, outer, n, 1, log));
    return absl::OkStatus();
  });
}

// Opset 13: normalized along the single axis `axis`.
absl::Status RunAxisSoftmax(KernelContext& ctx, bool log) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis,
                             ResolveAxis(ctx.attr_int("axis", -1), x.rank(), "attribute 'axis'"));
  const int64_t outer = Product(x.shape(), 0, axis);
  const int64_t n = x.dim(axis);
  const int64_t inner = Product(x.shape(), axis + 1, x.shape().size());
  return Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ctx.set_output(0, SoftmaxAlong<T>(x, outer, n, inner, log));
    return absl::OkStatus();
  });
}

ONNXFORGE_KERNEL(Onnx, Softmax, 1, 12) { return RunCoercedSoftmax(ctx, /*log=*/false); }
ONNXFORGE_KERNEL(Onnx, Softmax, 13, 13) { return RunAxisSoftmax(ctx, /*log=*/false); }
ONNXFORGE_KERNEL(Onnx, LogSoftmax, 1, 12) { return RunCoercedSoftmax(ctx, /*log=*/true); }
ONNXFORGE_KERNEL(Onnx, LogSoftmax, 13, 13) { return RunAxisSoftmax(ctx, /*log=*/true); }

// ---- TopK ------------------------------------------------------------------------

// Orders values with NaN above every number (as a sort puts it last).
template <typename C>
bool NanLastLess(C a, C b) {
  if constexpr (std::is_floating_point_v<C>) {
    if (std::isnan(a)) return false;
    if (std::isnan(b)) return true;
  }
  return a < b;
}

// The k largest (or smallest) entries along `axis`, sorted, equal values
// keeping the lower index first. Outputs: values and int64 indices.
absl::Status RunTopK(KernelContext& ctx, int64_t k, int64_t axis_attr, bool largest) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis,
                             ResolveAxis(axis_attr, x.rank(), "attribute 'axis'"));
  const int64_t n = x.dim(axis);
  if (k < 0 || k > n) {
    return KernelError("k = ", k, " is out of range for axis ", axis, " of size ", n,
                       " (expected 0..", n, ")");
  }
  const int64_t outer = Product(x.shape(), 0, axis);
  const int64_t inner = Product(x.shape(), axis + 1, x.shape().size());
  Shape out_shape = x.shape();
  out_shape[axis] = k;
  Tensor values(x.type(), out_shape);
  Tensor indices(TensorProto::INT64, out_shape);
  return Dispatch<types::Numeric>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using C = ComputeType<T>;
    auto in = x.data<T>();
    auto out_values = values.mutable_data<T>();
    auto out_indices = indices.mutable_data<int64_t>();
    std::vector<C> slice(n);
    std::vector<int64_t> order(n);
    // Whether position a ranks ahead of position b.
    auto ranks_higher = [&](int64_t a, int64_t b) {
      return largest ? NanLastLess(slice[b], slice[a]) : NanLastLess(slice[a], slice[b]);
    };
    auto before = [&](int64_t a, int64_t b) {
      return ranks_higher(a, b) || (!ranks_higher(b, a) && a < b);
    };
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const int64_t base = o * n * inner + i;
        for (int64_t j = 0; j < n; ++j) slice[j] = static_cast<C>(in[base + j * inner]);
        std::iota(order.begin(), order.end(), int64_t{0});
        std::partial_sort(order.begin(), order.begin() + k, order.end(), before);
        const int64_t out_base = o * k * inner + i;
        for (int64_t j = 0; j < k; ++j) {
          out_values[out_base + j * inner] = in[base + order[j] * inner];
          out_indices[out_base + j * inner] = order[j];
        }
      }
    }
    ctx.set_output(0, std::move(values));
    ctx.set_output(1, std::move(indices));
    return absl::OkStatus();
  });
}

// Opset 1: k is an attribute.
ONNXFORGE_KERNEL(Onnx, TopK, 1, 9) {
  return RunTopK(ctx, ctx.attr_int("k"), ctx.attr_int("axis", -1), /*largest=*/true);
}

// Opset 10 on: k is input K, a one-element int64 tensor; opset 11 adds
// `largest` (and `sorted`, which only frees the order: sorted output is
// always valid).
ONNXFORGE_KERNEL(Onnx, TopK, 10, 24) {
  const Tensor& k_input = ctx.input(1);
  if (k_input.size() != 1 || k_input.rank() > 1) {
    return KernelError("input K must hold a single value, got shape ",
                       ShapeString(k_input.shape()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> k, k_input.ToInt64s());
  return RunTopK(ctx, k[0], ctx.attr_int("axis", -1), ctx.attr_int("largest", 1) != 0);
}

}  // namespace
}  // namespace onnxforge::reference
