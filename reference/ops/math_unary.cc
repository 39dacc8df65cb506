// Kernels of the ai.onnx elementwise math operators of one input: Abs, Neg,
// Exp, Log, Sqrt, Relu, Sigmoid, Tanh, HardSwish and Clip.
//
// Narrow float types (float16, bfloat16) compute in float and round back.
// Float tensors take Eigen's vectorized functions where those are exact or
// within a few ulps, with a scalar pass where they are not.
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/compute_type.h"

namespace onnxforge::reference {
namespace {

// -x, wrapping for the lowest signed integer (-(-128) is -128 in int8), as
// two's complement hardware does.
template <typename T>
T Negate(T x) {
  if constexpr (std::is_integral_v<T>) {
    using Wide = std::conditional_t<(sizeof(T) < sizeof(unsigned)), unsigned,
                                    std::make_unsigned_t<T>>;
    return static_cast<T>(Wide(0) - static_cast<Wide>(x));
  } else {
    return -x;
  }
}

Eigen::Map<const Eigen::ArrayXf> FloatsIn(const float* data, int64_t n) {
  return Eigen::Map<const Eigen::ArrayXf>(data, n);
}
Eigen::Map<Eigen::ArrayXf> FloatsOut(float* data, int64_t n) {
  return Eigen::Map<Eigen::ArrayXf>(data, n);
}

// Recomputes y[i] = exact(x[i]) where x[i] < `below`: the inputs where an
// Eigen function is not accurate. One vectorized min (NaNs skipped) finds
// whether there are any.
template <typename Exact>
void RedoBelow(float below, Exact exact, const float* x, float* y, int64_t n) {
  if (n == 0 || !(FloatsIn(x, n).minCoeff<Eigen::PropagateNumbers>() < below)) return;
  for (int64_t i = 0; i < n; ++i) {
    if (x[i] < below) y[i] = exact(x[i]);
  }
}

// Marks an op with no float fast path.
struct NoFloatPath {};

// Sets output 0 to scalar_fn applied to each element of input 0, for the
// element types of List. `float_path(x, y, n)`, when given, computes float
// tensors instead.
template <typename List, typename ScalarFn, typename FloatPath = NoFloatPath>
absl::Status MapInput(KernelContext& ctx, ScalarFn scalar_fn, FloatPath float_path = {}) {
  const Tensor& x = ctx.input(0);
  return Dispatch<List>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    if constexpr (std::is_same_v<T, float> && !std::is_same_v<FloatPath, NoFloatPath>) {
      Tensor y = Tensor::Uninitialized(x.type(), x.shape());
      float_path(x.data<float>().data(), y.mutable_data<float>().data(), x.size());
      ctx.set_output(0, std::move(y));
    } else {
      ctx.set_output(0, UnaryMap<T, T>(x, [&](T v) {
                       return static_cast<T>(scalar_fn(static_cast<ComputeType<T>>(v)));
                     }));
    }
    return absl::OkStatus();
  });
}

// Eigen's float exp is not accurate where the result is subnormal (below
// about e^-87.3); those elements are recomputed.
constexpr float kExpSubnormalBelow = -87.0f;

void ExpFloats(const float* x, float* y, int64_t n) {
  FloatsOut(y, n) = FloatsIn(x, n).exp();
  RedoBelow(kExpSubnormalBelow, [](float v) { return std::exp(v); }, x, y, n);
}

// Eigen's float log treats subnormal inputs as the smallest normal one;
// those (and zeros and negatives, rare) are recomputed.
void LogFloats(const float* x, float* y, int64_t n) {
  FloatsOut(y, n) = FloatsIn(x, n).log();
  RedoBelow(std::numeric_limits<float>::min(), [](float v) { return std::log(v); }, x, y, n);
}

// 1 / (1 + e^-x). For negative x it takes the form e^x / (1 + e^x), where
// e^-x cannot overflow, so tiny results keep their precision.
template <typename C>
C Sigmoid(C x) {
  if (x >= 0) return C(1) / (C(1) + std::exp(-x));
  const C e = std::exp(x);
  return e / (C(1) + e);
}

// The vectorized form overflows e^-x far below zero; that tail is redone.
void SigmoidFloats(const float* x, float* y, int64_t n) {
  FloatsOut(y, n) = 1.0f / (1.0f + (-FloatsIn(x, n)).exp());
  RedoBelow(-80.0f, [](float v) { return Sigmoid(v); }, x, y, n);
}

// x * max(0, min(1, x / 6 + 1/2)); NaN stays NaN.
template <typename C>
C HardSwish(C x) {
  C gate = x / C(6) + C(0.5);
  gate = gate < C(0) ? C(0) : (gate > C(1) ? C(1) : gate);
  return x * gate;
}

}  // namespace

ONNXFORGE_KERNEL(Onnx, Abs, 1, 13) {
  return MapInput<types::Numeric>(
      ctx,
      [](auto v) {
        using C = decltype(v);
        if constexpr (std::is_unsigned_v<C>) {
          return v;
        } else if constexpr (std::is_integral_v<C>) {
          return v < 0 ? Negate(v) : v;
        } else {
          return std::fabs(v);
        }
      },
      [](const float* x, float* y, int64_t n) { FloatsOut(y, n) = FloatsIn(x, n).abs(); });
}

ONNXFORGE_KERNEL(Onnx, Neg, 1, 13) {
  return MapInput<types::SignedNumeric>(
      ctx, [](auto v) { return Negate(v); },
      [](const float* x, float* y, int64_t n) { FloatsOut(y, n) = -FloatsIn(x, n); });
}

ONNXFORGE_KERNEL(Onnx, Exp, 1, 13) {
  return MapInput<types::Float>(ctx, [](auto v) { return std::exp(v); }, ExpFloats);
}

// log of 0 is -inf, of a negative value NaN.
ONNXFORGE_KERNEL(Onnx, Log, 1, 13) {
  return MapInput<types::Float>(ctx, [](auto v) { return std::log(v); }, LogFloats);
}

// sqrt of a negative value is NaN; of -0 it is -0. (Eigen's float sqrt
// trades those cases for speed, so every type takes the scalar path.)
ONNXFORGE_KERNEL(Onnx, Sqrt, 1, 13) {
  return MapInput<types::Float>(ctx, [](auto v) { return std::sqrt(v); });
}

// max(x, 0); NaN stays NaN. Opset 14 adds the signed integer types.
ONNXFORGE_KERNEL(Onnx, Relu, 1, 14) {
  return MapInput<types::SignedNumeric>(
      ctx, [](auto v) { return v < 0 ? decltype(v)(0) : v; },
      [](const float* x, float* y, int64_t n) { FloatsOut(y, n) = FloatsIn(x, n).max(0.0f); });
}

ONNXFORGE_KERNEL(Onnx, Sigmoid, 1, 13) {
  return MapInput<types::Float>(ctx, [](auto v) { return Sigmoid(v); }, SigmoidFloats);
}

ONNXFORGE_KERNEL(Onnx, Tanh, 1, 13) {
  return MapInput<types::Float>(
      ctx, [](auto v) { return std::tanh(v); },
      [](const float* x, float* y, int64_t n) { FloatsOut(y, n) = FloatsIn(x, n).tanh(); });
}

// HardSwish has a function body (HardSigmoid, then Mul); this kernel
// computes it in one pass.
ONNXFORGE_KERNEL(Onnx, HardSwish, 14, 22) {
  return MapInput<types::Float>(ctx, [](auto v) { return HardSwish(v); },
                                [](const float* x, float* y, int64_t n) {
                                  auto in = FloatsIn(x, n);
                                  FloatsOut(y, n) =
                                      in * (in / 6.0f + 0.5f).max(0.0f).min(1.0f);
                                });
}

// ---- Clip ----------------------------------------------------------------------------

namespace {

// The bound an absent min or max leaves: no bound at all.
template <typename C>
constexpr C Unbounded(bool upper) {
  if constexpr (std::is_floating_point_v<C>) {
    return upper ? std::numeric_limits<C>::infinity() : -std::numeric_limits<C>::infinity();
  } else {
    return upper ? std::numeric_limits<C>::max() : std::numeric_limits<C>::lowest();
  }
}

// min(max(x, lo), hi) for every element: NaN stays NaN, and lo > hi sets
// every element to hi.
template <typename T>
Tensor ClipElements(const Tensor& x, ComputeType<T> lo, ComputeType<T> hi) {
  if constexpr (std::is_same_v<T, float>) {
    Tensor y = Tensor::Uninitialized(x.type(), x.shape());
    FloatsOut(y.mutable_data<float>().data(), y.size()) =
        FloatsIn(x.data<float>().data(), x.size()).max(lo).min(hi);
    return y;
  } else {
    return UnaryMap<T, T>(x, [lo, hi](T v) {
      ComputeType<T> c = static_cast<ComputeType<T>>(v);
      c = c < lo ? lo : c;
      return static_cast<T>(c > hi ? hi : c);
    });
  }
}

// Opset 11 on: the bound is input `index`, a scalar of the input's type, or
// absent.
template <typename T>
absl::StatusOr<ComputeType<T>> BoundInput(const KernelContext& ctx, int index, const char* name) {
  if (!ctx.has_input(index)) return Unbounded<ComputeType<T>>(index == 2);
  const Tensor& bound = ctx.input(index);
  auto values = bound.data<T>();
  if (bound.size() != 1 || values.size() != 1) {
    return KernelError("input '", name, "' must be a single value of the input's type ",
                       ElementTypeString(kElementTypeOf<T>), ", got ",
                       ElementTypeString(bound.type()), ShapeString(bound.shape()));
  }
  return static_cast<ComputeType<T>>(values[0]);
}

}  // namespace

// Opsets 1 and 6: the bounds are float attributes (opset 6 defaults them to
// the float range).
ONNXFORGE_KERNEL(Onnx, Clip, 1, 6) {
  const Tensor& x = ctx.input(0);
  const float lo = ctx.attr_float("min", -std::numeric_limits<float>::infinity());
  const float hi = ctx.attr_float("max", std::numeric_limits<float>::infinity());
  return Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ctx.set_output(0, ClipElements<T>(x, lo, hi));
    return absl::OkStatus();
  });
}

// Opset 11 on: the bounds are optional scalar inputs; opset 12 adds the
// integer types.
ONNXFORGE_KERNEL(Onnx, Clip, 11, 13) {
  const Tensor& x = ctx.input(0);
  return Dispatch<types::Numeric>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ONNXFORGE_ASSIGN_OR_RETURN(ComputeType<T> lo, BoundInput<T>(ctx, 1, "min"));
    ONNXFORGE_ASSIGN_OR_RETURN(ComputeType<T> hi, BoundInput<T>(ctx, 2, "max"));
    ctx.set_output(0, ClipElements<T>(x, lo, hi));
    return absl::OkStatus();
  });
}

}  // namespace onnxforge::reference
