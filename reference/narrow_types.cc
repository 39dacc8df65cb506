#include "reference/narrow_types.h"

#include <cfenv>
#include <cmath>
#include <cstring>
#include <limits>

namespace onnxforge::reference {
namespace {

// How a format spells NaN.
enum class NanStyle {
  kIeee,     // exponent all ones, mantissa non-zero (infinity when zero)
  kAllOnes,  // only exponent and mantissa all ones ("fn" formats)
  kNegZero,  // the negative-zero pattern ("fnuz" formats)
  kNone,
};

// A binary floating-point format of at most 16 bits: a sign bit, then
// `exp_bits` biased exponent bits, then `man_bits` mantissa bits.
struct Format {
  int exp_bits;
  int man_bits;
  int bias;
  NanStyle nan;
  // Largest finite value's bit pattern (without the sign).
  uint32_t max_bits;
  // Bits of the NaN produced for a positive NaN input (sign added for
  // formats with a signed NaN).
  uint32_t nan_bits;

  int total_bits() const { return 1 + exp_bits + man_bits; }
  uint32_t sign_bit() const { return 1u << (exp_bits + man_bits); }
  bool has_inf() const { return nan == NanStyle::kIeee; }
  uint32_t inf_bits() const { return ((1u << exp_bits) - 1) << man_bits; }
};

constexpr Format kFloat16{5, 10, 15, NanStyle::kIeee, 0x7BFF, 0x7E00};
constexpr Format kBFloat16{8, 7, 127, NanStyle::kIeee, 0x7F7F, 0x7FC0};
constexpr Format kE4M3FN{4, 3, 7, NanStyle::kAllOnes, 0x7E, 0x7F};
constexpr Format kE4M3FNUZ{4, 3, 8, NanStyle::kNegZero, 0x7F, 0x80};
constexpr Format kE5M2{5, 2, 15, NanStyle::kIeee, 0x7B, 0x7E};
constexpr Format kE5M2FNUZ{5, 2, 16, NanStyle::kNegZero, 0x7F, 0x80};
constexpr Format kE2M1{2, 1, 1, NanStyle::kNone, 0x7, 0x8};

double Decode(const Format& f, uint32_t bits) {
  const bool negative = (bits & f.sign_bit()) != 0;
  const uint32_t magnitude = bits & (f.sign_bit() - 1);
  const uint32_t exp_mask = (1u << f.exp_bits) - 1;
  const uint32_t exponent = magnitude >> f.man_bits;
  const uint32_t mantissa = magnitude & ((1u << f.man_bits) - 1);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  switch (f.nan) {
    case NanStyle::kIeee:
      if (exponent == exp_mask) {
        if (mantissa != 0) return negative ? -nan : nan;
        return negative ? -HUGE_VAL : HUGE_VAL;
      }
      break;
    case NanStyle::kAllOnes:
      if (exponent == exp_mask && mantissa == ((1u << f.man_bits) - 1)) {
        return negative ? -nan : nan;
      }
      break;
    case NanStyle::kNegZero:
      if (bits == f.sign_bit()) return nan;
      break;
    case NanStyle::kNone:
      break;
  }
  double value = exponent == 0
                     ? std::ldexp(static_cast<double>(mantissa), 1 - f.bias - f.man_bits)
                     : std::ldexp(static_cast<double>(mantissa + (1u << f.man_bits)),
                                  static_cast<int>(exponent) - f.bias - f.man_bits);
  return negative ? -value : value;
}

// Rounds `value` to the format, nearest with ties to even. Out-of-range
// values (after rounding) and infinities become the largest finite value
// when `saturate`, else infinity, else NaN.
uint32_t Encode(const Format& f, double value, bool saturate) {
  const bool negative = std::signbit(value);
  const uint32_t sign = negative ? f.sign_bit() : 0;
  // Zero keeps its sign, except where the negative-zero pattern means NaN.
  const uint32_t zero = f.nan == NanStyle::kNegZero ? 0 : sign;
  if (std::isnan(value)) {
    if (f.nan == NanStyle::kNegZero || f.nan == NanStyle::kNone) return f.nan_bits;
    return (negative ? f.sign_bit() : 0) | f.nan_bits;
  }
  auto overflow = [&]() -> uint32_t {
    if (saturate || f.nan == NanStyle::kNone) return sign | f.max_bits;
    if (f.has_inf()) return sign | f.inf_bits();
    if (f.nan == NanStyle::kNegZero) return f.nan_bits;
    return (negative ? f.sign_bit() : 0) | f.nan_bits;
  };
  const double magnitude = std::fabs(value);
  if (std::isinf(magnitude)) return overflow();
  if (magnitude == 0) return zero;

  // The spacing of representable values around `magnitude`.
  const int min_exponent = 1 - f.bias;
  int exponent = std::ilogb(magnitude);
  if (exponent < min_exponent) exponent = min_exponent;
  const int quantum_exp = exponent - f.man_bits;
  // Scaling by a power of two is exact; nearbyint rounds ties to even in
  // the default rounding mode.
  const double units = std::nearbyint(std::ldexp(magnitude, -quantum_exp));
  const double rounded = std::ldexp(units, quantum_exp);
  if (rounded > Decode(f, f.max_bits)) return overflow();
  if (rounded == 0) return zero;

  int rounded_exp = std::ilogb(rounded);
  if (rounded_exp < min_exponent) {
    // Subnormal: exponent field 0.
    const auto mantissa = static_cast<uint32_t>(std::ldexp(rounded, f.bias - 1 + f.man_bits));
    return sign | mantissa;
  }
  const auto scaled = static_cast<uint32_t>(std::ldexp(rounded, f.man_bits - rounded_exp));
  const uint32_t mantissa = scaled - (1u << f.man_bits);
  const auto biased = static_cast<uint32_t>(rounded_exp + f.bias);
  return sign | (biased << f.man_bits) | mantissa;
}

template <typename Storage>
Storage WrapBits(int64_t v, int bits, bool is_signed) {
  const uint64_t mask = (uint64_t{1} << bits) - 1;
  const uint64_t low = static_cast<uint64_t>(v) & mask;
  if (!is_signed) return static_cast<Storage>(low);
  const uint64_t sign = uint64_t{1} << (bits - 1);
  return static_cast<Storage>(static_cast<int64_t>(low ^ sign) - static_cast<int64_t>(sign));
}

double RoundAndClampTo(double v, int min, int max) {
  if (std::isnan(v)) return 0;
  if (v < min) v = min;
  if (v > max) v = max;
  return std::nearbyint(v);
}

// Truncates toward zero into int64 (NaN to 0, beyond the range to its ends).
int64_t TruncateToInt64(double v) {
  if (std::isnan(v)) return 0;
  if (v <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  if (v >= 9223372036854775808.0) return std::numeric_limits<int64_t>::max();
  return static_cast<int64_t>(v);
}

}  // namespace

Float16 Float16::FromDouble(double value) {
  return FromBits(static_cast<uint16_t>(Encode(kFloat16, value, false)));
}
float Float16::ToFloat() const { return static_cast<float>(Decode(kFloat16, bits)); }

BFloat16 BFloat16::FromDouble(double value) {
  return FromBits(static_cast<uint16_t>(Encode(kBFloat16, value, false)));
}
float BFloat16::ToFloat() const {
  // bfloat16 is the top half of a float32: widening is a shift.
  uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float out;
  std::memcpy(&out, &wide, sizeof(out));
  return out;
}

#define ONNXFORGE_DEFINE_MINIFLOAT(Name, format)                       \
  Name Name::FromDouble(double value, bool saturate) {                 \
    return FromBits(static_cast<uint8_t>(Encode(format, value, saturate))); \
  }                                                                    \
  float Name::ToFloat() const { return static_cast<float>(Decode(format, bits)); }

ONNXFORGE_DEFINE_MINIFLOAT(Float8E4M3FN, kE4M3FN)
ONNXFORGE_DEFINE_MINIFLOAT(Float8E4M3FNUZ, kE4M3FNUZ)
ONNXFORGE_DEFINE_MINIFLOAT(Float8E5M2, kE5M2)
ONNXFORGE_DEFINE_MINIFLOAT(Float8E5M2FNUZ, kE5M2FNUZ)
ONNXFORGE_DEFINE_MINIFLOAT(Float4E2M1, kE2M1)

#undef ONNXFORGE_DEFINE_MINIFLOAT

Float8E8M0 Float8E8M0::FromDouble(double value, bool saturate, E8M0Rounding rounding) {
  // Works on the float32 bits: the result is the float's exponent field,
  // moved up one when the rounding asks for it. The sign is ignored.
  const float f = static_cast<float>(value);
  uint32_t bits;
  std::memcpy(&bits, &f, sizeof(bits));
  uint32_t exponent = (bits >> 23) & 0xFF;
  if (exponent == 0xFF) return FromBits(0xFF);  // NaN and infinities
  bool round_up = false;
  switch (rounding) {
    case E8M0Rounding::kUp:
      round_up = (bits & 0x7FFFFF) != 0;
      break;
    case E8M0Rounding::kNearest: {
      // Guard bit set, and either more bits below it or a normal number
      // (whose implicit leading one makes the tie round up).
      const bool guard = (bits & 0x400000) != 0;
      const bool rest = (bits & 0x3FFFFF) != 0;
      round_up = guard && (rest || exponent > 0);
      break;
    }
    case E8M0Rounding::kDown:
      break;
  }
  if (round_up && !(saturate && exponent == 0xFE)) ++exponent;
  return FromBits(static_cast<uint8_t>(exponent));
}

float Float8E8M0::ToFloat() const {
  if (bits == 0xFF) return std::numeric_limits<float>::quiet_NaN();
  return std::ldexp(1.0f, static_cast<int>(bits) - 127);
}

#define ONNXFORGE_DEFINE_SMALL_INT(Name, Storage, width, is_signed)                     \
  Name Name::FromDouble(double v) {                                                    \
    Name out;                                                                          \
    out.value = Wrap(TruncateToInt64(v));                                              \
    return out;                                                                        \
  }                                                                                    \
  Name Name::RoundAndClamp(double v) {                                                 \
    Name out;                                                                          \
    out.value = static_cast<Storage>(RoundAndClampTo(v, kMinValue, kMaxValue));        \
    return out;                                                                        \
  }                                                                                    \
  Storage Name::Wrap(int64_t v) { return WrapBits<Storage>(v, width, is_signed); }

ONNXFORGE_DEFINE_SMALL_INT(Int4, int8_t, 4, true)
ONNXFORGE_DEFINE_SMALL_INT(UInt4, uint8_t, 4, false)
ONNXFORGE_DEFINE_SMALL_INT(Int2, int8_t, 2, true)
ONNXFORGE_DEFINE_SMALL_INT(UInt2, uint8_t, 2, false)

#undef ONNXFORGE_DEFINE_SMALL_INT

void PackSubByte(const uint8_t* values, int64_t count, int bits_per_value, uint8_t* packed) {
  const int per_byte = 8 / bits_per_value;
  const uint8_t mask = static_cast<uint8_t>((1u << bits_per_value) - 1);
  const int64_t bytes = (count + per_byte - 1) / per_byte;
  for (int64_t i = 0; i < bytes; ++i) packed[i] = 0;
  for (int64_t i = 0; i < count; ++i) {
    const int shift = static_cast<int>(i % per_byte) * bits_per_value;
    packed[i / per_byte] |= static_cast<uint8_t>((values[i] & mask) << shift);
  }
}

void UnpackSubByte(const uint8_t* packed, int64_t count, int bits_per_value, uint8_t* values) {
  const int per_byte = 8 / bits_per_value;
  const uint8_t mask = static_cast<uint8_t>((1u << bits_per_value) - 1);
  for (int64_t i = 0; i < count; ++i) {
    const int shift = static_cast<int>(i % per_byte) * bits_per_value;
    values[i] = static_cast<uint8_t>((packed[i / per_byte] >> shift) & mask);
  }
}

}  // namespace onnxforge::reference
