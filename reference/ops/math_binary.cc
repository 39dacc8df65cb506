// Kernels of the ai.onnx binary arithmetic operators: Add, Sub, Mul, Div and
// Pow, with numpy broadcasting (opset 7 on) or the legacy broadcast/axis
// attributes (before opset 7).
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "ir/tensor_util.h"
#include "reference/kernel.h"

namespace onnxforge::reference {
namespace {

// ---- Elementwise loops with broadcasting ----------------------------------------

// Integer arithmetic wraps on overflow, as ONNX states for Add, Sub and Mul.
// It is done in an unsigned type at least as wide as `unsigned`, where
// wrapping is defined (narrower types would promote to signed int).
template <typename T>
using Wrapping =
    std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned, std::make_unsigned_t<T>>;

// The broadcast layout of a binary op: the output's axes with neighbours
// merged where both inputs repeat (or run) alike, and each input's stride
// per merged axis, 0 where it repeats. The last merged axis is the inner
// loop, so a row-plus-column broadcast runs as long contiguous rows.
struct BroadcastLayout {
  Shape output_shape;
  std::vector<int64_t> dims;
  std::vector<int64_t> stride_a;
  std::vector<int64_t> stride_b;
};

absl::StatusOr<BroadcastLayout> LayOut(const Shape& a, const Shape& b) {
  BroadcastLayout layout;
  ONNXFORGE_ASSIGN_OR_RETURN(layout.output_shape, BroadcastShape({a, b}));
  const size_t rank = layout.output_shape.size();
  // Whether each input runs (true) or repeats (false) along each merged axis.
  std::vector<bool> runs_a, runs_b;
  for (size_t axis = 0; axis < rank; ++axis) {
    const int64_t extent = layout.output_shape[axis];
    if (extent == 1) continue;  // an axis of one element changes no offset
    const size_t pad_a = rank - a.size(), pad_b = rank - b.size();
    const bool ra = axis >= pad_a && a[axis - pad_a] != 1;
    const bool rb = axis >= pad_b && b[axis - pad_b] != 1;
    if (!layout.dims.empty() && runs_a.back() == ra && runs_b.back() == rb) {
      layout.dims.back() *= extent;
    } else {
      layout.dims.push_back(extent);
      runs_a.push_back(ra);
      runs_b.push_back(rb);
    }
  }
  if (layout.dims.empty()) {  // every axis has one element
    layout.dims = {1};
    runs_a = runs_b = {true};
  }
  const size_t merged = layout.dims.size();
  layout.stride_a.assign(merged, 0);
  layout.stride_b.assign(merged, 0);
  int64_t size_a = 1, size_b = 1;
  for (size_t axis = merged; axis-- > 0;) {
    if (runs_a[axis]) {
      layout.stride_a[axis] = size_a;
      size_a *= layout.dims[axis];
    }
    if (runs_b[axis]) {
      layout.stride_b[axis] = size_b;
      size_b *= layout.dims[axis];
    }
  }
  return layout;
}

template <typename T>
using EigenVector = Eigen::Array<T, Eigen::Dynamic, 1>;
template <typename T>
Eigen::Map<const EigenVector<T>> ConstArray(const T* data, int64_t n) {
  return Eigen::Map<const EigenVector<T>>(data, n);
}

// out[j] = op(a[j * step_a], b[j * step_b]) for j < n; each step is 0 or 1.
// Float and double run Eigen's vectorized form of the op where it has one.
template <typename Out, typename A, typename B, typename Op>
void RunRow(const A* a, int64_t step_a, const B* b, int64_t step_b, Out* out, int64_t n,
            const Op& op) {
  constexpr bool kVectorized = Op::kHasArrayForm && std::is_same_v<A, B> &&
                               std::is_same_v<A, Out> &&
                               (std::is_same_v<A, float> || std::is_same_v<A, double>);
  if constexpr (kVectorized) {
    Eigen::Map<EigenVector<Out>> y(out, n);
    if (step_a && step_b) {
      y = Op::Array(ConstArray(a, n), ConstArray(b, n));
    } else if (step_a) {
      y = Op::Array(ConstArray(a, n), EigenVector<B>::Constant(n, *b));
    } else if (step_b) {
      y = Op::Array(EigenVector<A>::Constant(n, *a), ConstArray(b, n));
    } else {
      y.setConstant(op(*a, *b));
    }
  } else {
    if (step_a && step_b) {
      for (int64_t j = 0; j < n; ++j) out[j] = op(a[j], b[j]);
    } else if (step_a) {
      const B y = *b;
      for (int64_t j = 0; j < n; ++j) out[j] = op(a[j], y);
    } else if (step_b) {
      const A x = *a;
      for (int64_t j = 0; j < n; ++j) out[j] = op(x, b[j]);
    } else {
      const Out v = op(*a, *b);
      for (int64_t j = 0; j < n; ++j) out[j] = v;
    }
  }
}

// c = op(a, b) elementwise with numpy broadcasting; a holds A, b holds B and
// c holds Out.
template <typename Out, typename A, typename B, typename Op>
absl::StatusOr<Tensor> BroadcastElementwise(const Tensor& a, const Tensor& b, const Op& op) {
  ONNXFORGE_ASSIGN_OR_RETURN(BroadcastLayout layout, LayOut(a.shape(), b.shape()));
  auto da = a.data<A>();
  auto db = b.data<B>();
  if (da.size() != static_cast<size_t>(a.size()) || db.size() != static_cast<size_t>(b.size())) {
    return KernelError("inputs of types ", ElementTypeString(a.type()), " and ",
                       ElementTypeString(b.type()), " do not match the kernel's ",
                       ElementTypeString(kElementTypeOf<A>), " and ",
                       ElementTypeString(kElementTypeOf<B>));
  }
  // Every row of c is set below.
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor c,
                             Tensor::CreateUninitialized(kElementTypeOf<Out>, layout.output_shape));
  if (c.size() == 0) return c;
  Out* out = c.mutable_data<Out>().data();
  const size_t outer = layout.dims.size() - 1;
  const int64_t n = layout.dims[outer];
  const int64_t rows = c.size() / n;
  // An odometer over the outer axes, carrying each input's offset.
  std::vector<int64_t> index(outer, 0);
  int64_t offset_a = 0, offset_b = 0;
  for (int64_t row = 0; row < rows; ++row) {
    RunRow(da.data() + offset_a, layout.stride_a[outer], db.data() + offset_b,
           layout.stride_b[outer], out + row * n, n, op);
    for (size_t axis = outer; axis-- > 0;) {
      if (++index[axis] < layout.dims[axis]) {
        offset_a += layout.stride_a[axis];
        offset_b += layout.stride_b[axis];
        break;
      }
      offset_a -= layout.stride_a[axis] * (layout.dims[axis] - 1);
      offset_b -= layout.stride_b[axis] * (layout.dims[axis] - 1);
      index[axis] = 0;
    }
  }
  return c;
}

// Input 1 as the op sees it: before opset 7, aligned to `a` by the
// broadcast/axis attributes (the reshaped copy kept in `aligned`).
absl::StatusOr<const Tensor*> SecondOperand(const KernelContext& ctx, const Tensor& a,
                                            bool legacy, Tensor& aligned) {
  if (!legacy) return &ctx.input(1);
  ONNXFORGE_ASSIGN_OR_RETURN(aligned, LegacyBroadcastOperand(ctx, a, ctx.input(1)));
  return &aligned;
}

// ---- Add, Sub, Mul, Div -----------------------------------------------------------

struct AddOp {
  static constexpr bool kHasArrayForm = true;
  template <typename T>
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Wrapping<T>>(x) + static_cast<Wrapping<T>>(y));
    } else {
      return static_cast<T>(x + y);
    }
  }
  template <typename X, typename Y>
  static auto Array(const X& x, const Y& y) { return x + y; }
};

struct SubOp {
  static constexpr bool kHasArrayForm = true;
  template <typename T>
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Wrapping<T>>(x) - static_cast<Wrapping<T>>(y));
    } else {
      return static_cast<T>(x - y);
    }
  }
  template <typename X, typename Y>
  static auto Array(const X& x, const Y& y) { return x - y; }
};

struct MulOp {
  static constexpr bool kHasArrayForm = true;
  template <typename T>
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(static_cast<Wrapping<T>>(x) * static_cast<Wrapping<T>>(y));
    } else {
      return static_cast<T>(x * y);
    }
  }
  template <typename X, typename Y>
  static auto Array(const X& x, const Y& y) { return x * y; }
};

// Integer quotients truncate toward zero, as C++ does; divisors of 0 are
// rejected before the loop. The lowest signed value divided by -1 wraps
// back to itself rather than trapping.
struct DivOp {
  static constexpr bool kHasArrayForm = true;
  template <typename T>
  T operator()(T x, T y) const {
    if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
      if (y == T(-1)) return static_cast<T>(Wrapping<T>(0) - static_cast<Wrapping<T>>(x));
      return static_cast<T>(x / y);
    } else {
      return static_cast<T>(x / y);
    }
  }
  template <typename X, typename Y>
  static auto Array(const X& x, const Y& y) { return x / y; }
};

template <typename T>
absl::Status CheckNoZeroDivisor(const Tensor& b) {
  auto divisors = b.data<T>();
  for (size_t i = 0; i < divisors.size(); ++i) {
    if (divisors[i] == T(0)) {
      return KernelError("integer division by zero: B[", i, "] is 0 (B has shape ",
                         ShapeString(b.shape()), ")");
    }
  }
  return absl::OkStatus();
}

template <typename Op>
absl::Status Arithmetic(KernelContext& ctx, bool legacy) {
  const Tensor& a = ctx.input(0);
  Tensor aligned;
  ONNXFORGE_ASSIGN_OR_RETURN(const Tensor* b, SecondOperand(ctx, a, legacy, aligned));
  return Dispatch<types::Numeric>(a.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    if constexpr (std::is_same_v<Op, DivOp> && std::is_integral_v<T>) {
      ONNXFORGE_RETURN_IF_ERROR(CheckNoZeroDivisor<T>(*b));
    }
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor c, (BroadcastElementwise<T, T, T>(a, *b, Op{})));
    ctx.set_output(0, std::move(c));
    return absl::OkStatus();
  });
}

}  // namespace

ONNXFORGE_KERNEL(Onnx, Add, 1, 6) { return Arithmetic<AddOp>(ctx, /*legacy=*/true); }
ONNXFORGE_KERNEL(Onnx, Add, 7, 14) { return Arithmetic<AddOp>(ctx, /*legacy=*/false); }
ONNXFORGE_KERNEL(Onnx, Sub, 1, 6) { return Arithmetic<SubOp>(ctx, /*legacy=*/true); }
ONNXFORGE_KERNEL(Onnx, Sub, 7, 14) { return Arithmetic<SubOp>(ctx, /*legacy=*/false); }
ONNXFORGE_KERNEL(Onnx, Mul, 1, 6) { return Arithmetic<MulOp>(ctx, /*legacy=*/true); }
ONNXFORGE_KERNEL(Onnx, Mul, 7, 14) { return Arithmetic<MulOp>(ctx, /*legacy=*/false); }
ONNXFORGE_KERNEL(Onnx, Div, 1, 6) { return Arithmetic<DivOp>(ctx, /*legacy=*/true); }
ONNXFORGE_KERNEL(Onnx, Div, 7, 14) { return Arithmetic<DivOp>(ctx, /*legacy=*/false); }

// ---- Pow ----------------------------------------------------------------------------

namespace {

// x ^ e for an integer base, the result of the base's type. Integer
// exponents multiply exactly (wrapping on overflow); a negative one gives
// the truncated 1 / x^|e|, which is 0 unless x is 1 or -1. Float exponents
// compute in double and truncate toward zero. Results with no integer value
// (0 to a negative power, NaN, out of range) are recorded in `problem`.
template <typename T, typename E>
T IntegerPower(T x, E e, std::string* problem) {
  if constexpr (std::is_integral_v<E>) {
    if constexpr (std::is_signed_v<E>) {
      if (e < 0) {
        if (x == 0 && problem->empty()) {
          *problem = absl::StrCat("0 ^ ", static_cast<int64_t>(e), " is infinite");
        }
        if (x == 1) return 1;
        if (x == -1) return (e % 2 == 0) ? 1 : -1;
        return 0;
      }
    }
    Wrapping<T> result = 1, base = static_cast<Wrapping<T>>(x);
    for (auto n = static_cast<std::make_unsigned_t<E>>(e); n != 0; n >>= 1) {
      if (n & 1) result *= base;
      base *= base;
    }
    return static_cast<T>(result);
  } else {
    const double exponent = static_cast<double>(e);
    const double r = std::pow(static_cast<double>(x), exponent);
    // Values in [lowest, -lowest), [-2^31, 2^31) for int32, truncate into T.
    constexpr double kLowest = static_cast<double>(std::numeric_limits<T>::lowest());
    if (!(r >= kLowest && r < -kLowest)) {
      if (problem->empty()) *problem = absl::StrCat(x, " ^ ", exponent, " is ", r);
      return 0;
    }
    return static_cast<T>(r);
  }
}

// x ^ e for a float base: float ^ float in float, every other pair in double,
// rounded to the base's type.
template <typename T, typename E>
T FloatPower(T x, E e) {
  if constexpr (std::is_same_v<T, float> && std::is_same_v<E, float>) {
    return std::pow(x, e);
  } else {
    return static_cast<T>(std::pow(static_cast<double>(x), static_cast<double>(e)));
  }
}

template <typename T>
struct PowOp {
  static constexpr bool kHasArrayForm = false;
  std::string* problem;
  template <typename E>
  T operator()(T x, E e) const {
    if constexpr (std::is_integral_v<T>) {
      return IntegerPower(x, e, problem);
    } else {
      return FloatPower(x, e);
    }
  }
};

// The base types Pow takes (T); exponents (T1) may be any numeric type.
using PowBaseTypes = TypeList<float, double, Float16, BFloat16, int32_t, int64_t>;

// A float or double base with the single exponent 2 (x ^ 2 in variance and
// distance formulas) is x * x, which IEEE pow also returns exactly.
bool IsSquare(const Tensor& x, const Tensor& e) {
  if (e.size() != 1 || e.rank() > x.rank()) return false;
  absl::StatusOr<std::vector<double>> value = e.ToDoubles();
  return value.ok() && (*value)[0] == 2.0;
}

absl::Status Power(KernelContext& ctx, bool legacy) {
  const Tensor& x = ctx.input(0);
  Tensor aligned;
  ONNXFORGE_ASSIGN_OR_RETURN(const Tensor* exponent, SecondOperand(ctx, x, legacy, aligned));
  const Tensor& e = *exponent;
  return Dispatch<PowBaseTypes>(x.type(), [&](auto base_tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(base_tag);
    if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
      if (IsSquare(x, e)) {
        Tensor y = Tensor::Uninitialized(x.type(), x.shape());
        Eigen::Map<EigenVector<T>>(y.mutable_data<T>().data(), y.size()) =
            ConstArray(x.data<T>().data(), x.size()).square();
        ctx.set_output(0, std::move(y));
        return absl::OkStatus();
      }
    }
    return Dispatch<types::Numeric>(e.type(), [&](auto exponent_tag) -> absl::Status {
      using E = ONNXFORGE_TYPE(exponent_tag);
      std::string problem;
      ONNXFORGE_ASSIGN_OR_RETURN(Tensor y,
                                 (BroadcastElementwise<T, T, E>(x, e, PowOp<T>{&problem})));
      if (!problem.empty()) {
        return KernelError(problem, ", which has no ", ElementTypeString(kElementTypeOf<T>),
                           " value");
      }
      ctx.set_output(0, std::move(y));
      return absl::OkStatus();
    });
  });
}

}  // namespace

ONNXFORGE_KERNEL(Onnx, Pow, 1, 6) { return Power(ctx, /*legacy=*/true); }
ONNXFORGE_KERNEL(Onnx, Pow, 7, 15) { return Power(ctx, /*legacy=*/false); }

}  // namespace onnxforge::reference
