// Element conversions as ONNX's Cast defines them, between every pair of
// non-complex element types, strings included.
//
// Numbers:
//   - to bool: zero (and -0.0) is false, anything else (NaN too) is true;
//     from bool: 1 and 0.
//   - integer to integer (4- and 2-bit ones too): the low bits are kept, so
//     int32 300 becomes uint8 44 and int8 -9 becomes int4 7.
//   - integer or float to a float type: rounded to nearest, ties to even;
//     out of range gives infinity, except for the float8 types, which follow
//     `saturate` (largest finite value when set), float4e2m1, which always
//     saturates (NaN becomes -0), and float8e8m0, which follows `saturate`
//     and `rounding`.
//   - float to integer: truncated toward zero, then wrapped like an integer
//     (300.7 becomes uint8 44). ONNX leaves out-of-range values undefined;
//     here NaN gives 0 and values beyond int64 clamp to it before wrapping.
// Strings:
//   - numbers print as numpy prints them: integers in decimal, bool as
//     "True"/"False", floats in the shortest form that reads back to the same
//     value of their type: positional ("0.1", "100.0") for magnitudes in
//     [1e-4, 1e16) and zero, scientific ("1e-05", "1.5e+16") otherwise;
//     "nan", "inf", "-inf".
//   - strings parse as decimal or scientific numbers with optional sign and
//     surrounding spaces; "inf", "infinity" and "nan" in any letter case are
//     the special values. Integer targets take an integer literal exactly,
//     else a number truncated toward zero ("100.5" gives 100). Bool targets
//     take "true"/"false" in any case or a number (nonzero is true).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>

#include "absl/status/statusor.h"
#include "reference/dispatch.h"
#include "reference/narrow_types.h"
#include "reference/tensor.h"

namespace onnxforge::reference {

struct CastOptions {
  // Float8 and float8e8m0 targets: out-of-range values become the largest
  // finite value (true) or infinity/NaN (false). Cast-19's `saturate`.
  bool saturate = true;
  // Float8e8m0 targets: how values between two powers of two round.
  // Cast-24's `round_mode`.
  E8M0Rounding rounding = E8M0Rounding::kUp;
};

// Every element type Cast converts between: all but the complex types.
namespace types {
using Castable = Concat<Numeric, Bool, String, Float8, SmallInt, TypeList<Float4E2M1, Float8E8M0>>;
}  // namespace types

// `x` converted to element type `to`. Errors: a complex or unknown type, or
// a string that does not parse as the target type (naming the element).
absl::StatusOr<Tensor> CastTensor(const Tensor& x, int32_t to, const CastOptions& options);

// ---- Single values ---------------------------------------------------------------

namespace cast_internal {

template <typename T, typename... Ts>
inline constexpr bool kIsAnyOf = (std::is_same_v<T, Ts> || ...);

// The float types narrower than float, each a bit-pattern struct.
template <typename T>
inline constexpr bool kIsNarrowFloat =
    kIsAnyOf<T, Float16, BFloat16, Float8E4M3FN, Float8E4M3FNUZ, Float8E5M2, Float8E5M2FNUZ,
             Float4E2M1, Float8E8M0>;
template <typename T>
inline constexpr bool kIsSmallInt = kIsAnyOf<T, Int4, UInt4, Int2, UInt2>;
template <typename T>
inline constexpr bool kIsFloatLike = std::is_floating_point_v<T> || kIsNarrowFloat<T>;
// bool counts as an integer source (0 or 1).
template <typename T>
inline constexpr bool kIsIntegerLike = std::is_integral_v<T> || kIsSmallInt<T>;

// float <-> float16 and float -> bfloat16 on the bits, for the common
// casts; the same results as Float16::FromDouble and friends, faster.
inline uint32_t FloatBits(float v) {
  uint32_t bits;
  std::memcpy(&bits, &v, sizeof(bits));
  return bits;
}
inline float FloatFromBits(uint32_t bits) {
  float v;
  std::memcpy(&v, &bits, sizeof(v));
  return v;
}

inline Float16 Float16FromFloat(float v) {
  const uint32_t bits = FloatBits(v);
  const uint16_t sign = static_cast<uint16_t>((bits >> 16) & 0x8000);
  const uint32_t magnitude = bits & 0x7FFFFFFF;
  if (magnitude >= 0x7F800000) {  // infinity or NaN
    return Float16::FromBits(sign | (magnitude > 0x7F800000 ? 0x7E00 : 0x7C00));
  }
  if (magnitude >= 0x477FF000) return Float16::FromBits(sign | 0x7C00);  // rounds past 65504
  if (magnitude < 0x38800000) {
    // Below float16's smallest normal: adding 0.5 leaves the float16
    // subnormal's units in the low mantissa bits, rounded to nearest even
    // by the float addition itself.
    const float shifted = FloatFromBits(magnitude) + 0.5f;
    return Float16::FromBits(sign | static_cast<uint16_t>(FloatBits(shifted) - 0x3F000000));
  }
  // Normal: rebias the exponent (127 -> 15) and round the 13 dropped
  // mantissa bits to nearest even; a carry moves into the exponent.
  const uint32_t odd = (magnitude >> 13) & 1;
  const uint32_t rounded = magnitude - (112u << 23) + 0xFFF + odd;
  return Float16::FromBits(sign | static_cast<uint16_t>(rounded >> 13));
}

inline float FloatFromFloat16(Float16 h) {
  const uint32_t sign = static_cast<uint32_t>(h.bits & 0x8000) << 16;
  const uint32_t exponent = (h.bits >> 10) & 0x1F;
  const uint32_t mantissa = h.bits & 0x3FF;
  if (exponent == 0) {  // zero or subnormal: mantissa * 2^-24, exact in float
    const float magnitude = static_cast<float>(mantissa) * 5.9604644775390625e-8f;
    return FloatFromBits(sign | FloatBits(magnitude));
  }
  if (exponent == 0x1F) return FloatFromBits(sign | 0x7F800000 | (mantissa << 13));
  return FloatFromBits(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

inline BFloat16 BFloat16FromFloat(float v) {
  const uint32_t bits = FloatBits(v);
  if ((bits & 0x7FFFFFFF) > 0x7F800000) {
    return BFloat16::FromBits(static_cast<uint16_t>(((bits >> 16) & 0x8000) | 0x7FC0));
  }
  // Round the low 16 bits to nearest even; overflow carries into infinity.
  const uint32_t rounded = bits + 0x7FFF + ((bits >> 16) & 1);
  return BFloat16::FromBits(static_cast<uint16_t>(rounded >> 16));
}

template <typename T>
double ToDouble(const T& v) {
  if constexpr (kIsNarrowFloat<T>) {
    return static_cast<double>(v.ToFloat());
  } else {
    return static_cast<double>(v);
  }
}

// A narrow float from a double, honouring the options where the type has them.
template <typename To>
To NarrowFloatFromDouble(double v, const CastOptions& options) {
  if constexpr (std::is_same_v<To, Float16> || std::is_same_v<To, BFloat16>) {
    return To::FromDouble(v);
  } else if constexpr (std::is_same_v<To, Float8E8M0>) {
    return To::FromDouble(v, options.saturate, options.rounding);
  } else if constexpr (std::is_same_v<To, Float4E2M1>) {
    // float4e2m1 has no NaN; ONNX maps it to the -0 pattern. Everything
    // else saturates.
    if (std::isnan(v)) return To::FromBits(0x8);
    return To::FromDouble(v, true);
  } else {
    return To::FromDouble(v, options.saturate);
  }
}

// Truncates toward zero; NaN gives 0 and values beyond int64 clamp to it.
inline int64_t TruncateToInt64(double v) {
  if (std::isnan(v)) return 0;
  if (v >= 9223372036854775808.0) return std::numeric_limits<int64_t>::max();
  if (v <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(v);
}

// An integer-like `To` from a float value: truncated, then wrapped.
template <typename To>
To IntegerFromDouble(double v) {
  if constexpr (std::is_same_v<To, uint64_t>) {
    if (v >= 9223372036854775808.0) {
      return v >= 18446744073709551616.0 ? std::numeric_limits<uint64_t>::max()
                                          : static_cast<uint64_t>(v);
    }
  }
  return static_cast<To>(TruncateToInt64(v));
}

// An integer-like `To` from an integer value: wrapped (the low bits kept).
template <typename To, typename From>
To IntegerFromInteger(From v) {
  if constexpr (kIsSmallInt<From>) {
    return To(static_cast<int>(v));
  } else if constexpr (kIsSmallInt<To>) {
    return To(static_cast<int64_t>(v));
  } else {
    return static_cast<To>(v);
  }
}

}  // namespace cast_internal

// One number converted; neither type is a string.
template <typename To, typename From>
To CastNumber(const From& v, const CastOptions& options) {
  using namespace cast_internal;  // NOLINT(build/namespaces)
  if constexpr (std::is_same_v<To, From>) {
    return v;
  } else if constexpr (std::is_same_v<From, float> && std::is_same_v<To, Float16>) {
    return Float16FromFloat(v);
  } else if constexpr (std::is_same_v<From, float> && std::is_same_v<To, BFloat16>) {
    return BFloat16FromFloat(v);
  } else if constexpr (std::is_same_v<From, Float16> && std::is_floating_point_v<To>) {
    return static_cast<To>(FloatFromFloat16(v));
  } else if constexpr (std::is_same_v<To, bool>) {
    if constexpr (kIsFloatLike<From>) {
      return ToDouble(v) != 0.0;
    } else {
      return static_cast<int64_t>(v) != 0;
    }
  } else if constexpr (kIsIntegerLike<From>) {
    if constexpr (kIsIntegerLike<To>) {
      return IntegerFromInteger<To>(v);
    } else if constexpr (std::is_floating_point_v<To>) {
      // Direct conversion rounds once, correctly, even for wide int64s.
      if constexpr (kIsSmallInt<From>) {
        return static_cast<To>(static_cast<int>(v));
      } else {
        return static_cast<To>(v);
      }
    } else {
      // Through double: exact below 2^53, and rounding twice (to 53 bits,
      // then to at most 11) gives the same result as rounding once.
      double wide;
      if constexpr (kIsSmallInt<From>) {
        wide = static_cast<int>(v);
      } else {
        wide = static_cast<double>(v);
      }
      return NarrowFloatFromDouble<To>(wide, options);
    }
  } else {
    const double wide = ToDouble(v);
    if constexpr (std::is_floating_point_v<To>) {
      return static_cast<To>(wide);
    } else if constexpr (kIsNarrowFloat<To>) {
      return NarrowFloatFromDouble<To>(wide, options);
    } else {
      return IntegerFromDouble<To>(wide);
    }
  }
}

namespace cast_internal {
// Lays out a decimal (digits d1 d2 ..., value 0.d1d2... * 10^(exponent+1),
// i.e. d1.d2... * 10^exponent) as numpy does; `magnitude` picks the form.
std::string LayoutDecimal(bool negative, const std::string& digits, int exponent,
                          double magnitude);
// `value` with `precision` significant digits: its digits and exponent.
void DecimalDigits(double value, int precision, std::string* digits, int* exponent);
// The double nearest to the decimal.
double DecimalValue(bool negative, const std::string& digits, int exponent);
}  // namespace cast_internal

// The shortest decimal form of `value` (of a narrow float type) that
// `reads_back(candidate)` accepts, laid out as FormatForCast(double) does.
template <typename ReadsBack>
std::string FormatNarrowFloat(double value, ReadsBack reads_back) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  const bool negative = std::signbit(value);
  if (value == 0) return negative ? "-0.0" : "0.0";
  std::string digits;
  int exponent = 0;
  for (int precision = 1; precision <= 17; ++precision) {
    cast_internal::DecimalDigits(value, precision, &digits, &exponent);
    if (reads_back(cast_internal::DecimalValue(negative, digits, exponent))) break;
  }
  return cast_internal::LayoutDecimal(negative, digits, exponent, std::fabs(value));
}

// A number as Cast writes it into a string tensor.
std::string FormatForCast(bool v);
std::string FormatForCast(int64_t v);
std::string FormatForCast(uint64_t v);
std::string FormatForCast(float v);
std::string FormatForCast(double v);
template <typename T>
std::string FormatForCast(const T& v) {
  using namespace cast_internal;  // NOLINT(build/namespaces)
  if constexpr (kIsSmallInt<T>) {
    return FormatForCast(static_cast<int64_t>(static_cast<int>(v)));
  } else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    return FormatForCast(static_cast<int64_t>(v));
  } else if constexpr (std::is_integral_v<T>) {
    return FormatForCast(static_cast<uint64_t>(v));
  } else {
    static_assert(kIsNarrowFloat<T>, "FormatForCast: not a castable number type");
    const double value = v.ToFloat();
    if constexpr (std::is_same_v<T, Float8E8M0>) {
      // A power of two 2^k: any decimal in [0.75, 1.5) * 2^k names it.
      return FormatNarrowFloat(value, [value](double candidate) {
        return candidate >= 0.75 * value && candidate < 1.5 * value;
      });
    } else {
      return FormatNarrowFloat(value, [&v](double candidate) {
        return NarrowFloatFromDouble<T>(candidate, CastOptions{}).bits == v.bits;
      });
    }
  }
}

// Parses `text` as Cast reads strings (see the file comment); false when it
// is not a number of that kind.
bool ParseFloatForCast(const std::string& text, double* value);
bool ParseIntegerForCast(const std::string& text, int64_t* value);
bool ParseUnsignedForCast(const std::string& text, uint64_t* value);
bool ParseBoolForCast(const std::string& text, bool* value);

// A string converted to a number type; false when it does not parse.
template <typename To>
bool ParseForCast(const std::string& text, const CastOptions& options, To* out) {
  using namespace cast_internal;  // NOLINT(build/namespaces)
  if constexpr (std::is_same_v<To, bool>) {
    return ParseBoolForCast(text, out);
  } else if constexpr (kIsFloatLike<To>) {
    double v;
    if (!ParseFloatForCast(text, &v)) return false;
    *out = CastNumber<To>(v, options);
    return true;
  } else {
    if constexpr (std::is_same_v<To, uint64_t>) {
      uint64_t u;
      if (ParseUnsignedForCast(text, &u)) {
        *out = u;
        return true;
      }
    }
    int64_t i;
    if (ParseIntegerForCast(text, &i)) {
      *out = CastNumber<To>(i, options);
      return true;
    }
    double v;
    if (!ParseFloatForCast(text, &v)) return false;
    *out = CastNumber<To>(v, options);
    return true;
  }
}

}  // namespace onnxforge::reference
