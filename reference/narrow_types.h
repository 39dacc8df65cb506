// Element types narrower than float: float16, bfloat16, the float8 and
// float4 formats, and 4-bit and 2-bit integers. Each is a small value type
// holding its bit pattern (sub-byte types: one value per byte, unpacked).
//
// Conversions from float and double round to nearest, ties to even. Float8
// conversions take ONNX's `saturate` flag (Cast-19): when set, finite values
// beyond the largest finite value become that value, with the sign kept;
// otherwise they become infinity where the format has it, NaN where not.
// Float types convert implicitly to float, so `a + b` computes in float; the
// result is converted back with an explicit constructor.
#pragma once

#include <cstdint>
#include <type_traits>

namespace onnxforge::reference {

namespace internal {
// True for a type a narrow type may be built from: any arithmetic type or
// other narrow type, except `Self` (which the copy constructor takes).
template <typename V, typename Self>
inline constexpr bool kConvertibleFrom =
    !std::is_same_v<std::decay_t<V>, Self> && std::is_convertible_v<V, double>;
}  // namespace internal

// IEEE 754 binary16.
struct Float16 {
  uint16_t bits = 0;
  Float16() = default;
  template <typename V, std::enable_if_t<internal::kConvertibleFrom<V, Float16>, int> = 0>
  explicit Float16(V value) : bits(FromDouble(static_cast<double>(value)).bits) {}
  static Float16 FromBits(uint16_t bits) { Float16 f; f.bits = bits; return f; }
  static Float16 FromDouble(double value);
  float ToFloat() const;
  operator float() const { return ToFloat(); }
};

// The upper half of a float32: 8 exponent bits, 7 mantissa bits.
struct BFloat16 {
  uint16_t bits = 0;
  BFloat16() = default;
  template <typename V, std::enable_if_t<internal::kConvertibleFrom<V, BFloat16>, int> = 0>
  explicit BFloat16(V value) : bits(FromDouble(static_cast<double>(value)).bits) {}
  static BFloat16 FromBits(uint16_t bits) { BFloat16 f; f.bits = bits; return f; }
  static BFloat16 FromDouble(double value);
  float ToFloat() const;
  operator float() const { return ToFloat(); }
};

// Declares a float8/float4 type; the constructor from float saturates, the
// default of Cast's `saturate` attribute.
#define ONNXFORGE_MINIFLOAT_TYPE(Name)                                          \
  struct Name {                                                                \
    uint8_t bits = 0;                                                          \
    Name() = default;                                                          \
    template <typename V,                                                      \
              std::enable_if_t<internal::kConvertibleFrom<V, Name>, int> = 0>  \
    explicit Name(V value)                                                     \
        : bits(FromDouble(static_cast<double>(value), true).bits) {}           \
    static Name FromBits(uint8_t bits) { Name f; f.bits = bits; return f; }    \
    static Name FromDouble(double value, bool saturate);                       \
    float ToFloat() const;                                                     \
    operator float() const { return ToFloat(); }                               \
  }

// 4 exponent bits (bias 7), 3 mantissa bits; no infinity; NaN is S.1111.111;
// largest finite 448.
ONNXFORGE_MINIFLOAT_TYPE(Float8E4M3FN);
// As E4M3FN with bias 8 and a single NaN 0x80 (no negative zero); largest 240.
ONNXFORGE_MINIFLOAT_TYPE(Float8E4M3FNUZ);
// 5 exponent bits (bias 15), 2 mantissa bits, IEEE-like with infinities;
// largest finite 57344.
ONNXFORGE_MINIFLOAT_TYPE(Float8E5M2);
// As E5M2 with bias 16, no infinities, a single NaN 0x80; largest 57344.
ONNXFORGE_MINIFLOAT_TYPE(Float8E5M2FNUZ);
// 2 exponent bits (bias 1), 1 mantissa bit; no infinity or NaN; largest 6.
// Always saturates (the flag is ignored); NaN converts to 0x8 (-0), as
// ONNX's Cast test data has it.
ONNXFORGE_MINIFLOAT_TYPE(Float4E2M1);

#undef ONNXFORGE_MINIFLOAT_TYPE

// How a value converts to float8e8m0, which holds only powers of two
// (Cast-24's `round_mode`).
enum class E8M0Rounding { kUp, kDown, kNearest };

// An unsigned 8-bit exponent, bias 127: the value is 2^(bits-127); 0xFF is
// NaN. No sign, no zero.
struct Float8E8M0 {
  uint8_t bits = 0;
  Float8E8M0() = default;
  template <typename V, std::enable_if_t<internal::kConvertibleFrom<V, Float8E8M0>, int> = 0>
  explicit Float8E8M0(V value)
      : bits(FromDouble(static_cast<double>(value), true, E8M0Rounding::kUp).bits) {}
  static Float8E8M0 FromBits(uint8_t bits) { Float8E8M0 f; f.bits = bits; return f; }
  static Float8E8M0 FromDouble(double value, bool saturate, E8M0Rounding rounding);
  float ToFloat() const;
  operator float() const { return ToFloat(); }
};

// Sub-byte integers, held sign-extended in a byte. Conversions from
// integers wrap (keep the low bits, as Cast does). From floating values,
// FromDouble (and the constructor) truncates toward zero and then wraps,
// as ONNX's Cast test data does; RoundAndClamp rounds to nearest even and
// clamps to the range, as QuantizeLinear does. NaN becomes 0 in both.
#define ONNXFORGE_SMALL_INT_TYPE(Name, Storage, kMin, kMax)                      \
  struct Name {                                                                  \
    Storage value = 0;                                                           \
    static constexpr int kMinValue = kMin;                                       \
    static constexpr int kMaxValue = kMax;                                       \
    Name() = default;                                                            \
    /* From integers: wraps into range, keeping the low bits. */                 \
    template <typename V, std::enable_if_t<std::is_integral_v<V>, int> = 0>      \
    explicit Name(V v) : value(Wrap(static_cast<int64_t>(v))) {}                 \
    /* From floating values: truncates, then wraps. */                         \
    template <typename V,                                                        \
              std::enable_if_t<!std::is_integral_v<V> &&                         \
                                   internal::kConvertibleFrom<V, Name>,          \
                               int> = 0>                                         \
    explicit Name(V v) : value(FromDouble(static_cast<double>(v)).value) {}      \
    static Name FromDouble(double v);                                            \
    static Name RoundAndClamp(double v);                                         \
    static Storage Wrap(int64_t v);                                              \
    operator int() const { return value; }                                       \
  }

ONNXFORGE_SMALL_INT_TYPE(Int4, int8_t, -8, 7);
ONNXFORGE_SMALL_INT_TYPE(UInt4, uint8_t, 0, 15);
ONNXFORGE_SMALL_INT_TYPE(Int2, int8_t, -2, 1);
ONNXFORGE_SMALL_INT_TYPE(UInt2, uint8_t, 0, 3);

#undef ONNXFORGE_SMALL_INT_TYPE

// Sub-byte packing as raw_data stores it: two 4-bit values (or four 2-bit
// values) per byte, the first value in the lowest bits.
// `bits_per_value` is 4 or 2; `values` hold one value per byte (low bits).
void PackSubByte(const uint8_t* values, int64_t count, int bits_per_value, uint8_t* packed);
void UnpackSubByte(const uint8_t* packed, int64_t count, int bits_per_value, uint8_t* values);

}  // namespace onnxforge::reference
