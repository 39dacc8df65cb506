#include "reference/narrow_types.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "gtest/gtest.h"

namespace onnxforge::reference {
namespace {

const float kInf = std::numeric_limits<float>::infinity();
const float kNan = std::numeric_limits<float>::quiet_NaN();

float FloatFromBits(uint32_t bits) {
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

TEST(Float16, RoundsToNearestEven) {
  EXPECT_EQ(Float16(1.0f).bits, 0x3C00);
  EXPECT_EQ(Float16(-2.0f).bits, 0xC000);
  // 1 + 2^-11 lies halfway between 1 and the next float16: ties to even.
  EXPECT_EQ(Float16(1.0f + std::ldexp(1.0f, -11)).bits, 0x3C00);
  EXPECT_EQ(Float16(1.0f + 3 * std::ldexp(1.0f, -11)).bits, 0x3C02);
  EXPECT_EQ(Float16(0.1f).bits, 0x2E66);
}

TEST(Float16, LimitsAndSpecialValues) {
  EXPECT_EQ(Float16(65504.0f).bits, 0x7BFF);
  EXPECT_EQ(Float16(65519.0f).bits, 0x7BFF);
  EXPECT_EQ(Float16(65520.0f).bits, 0x7C00);  // halfway to 65536: rounds to infinity
  EXPECT_EQ(Float16(kInf).bits, 0x7C00);
  EXPECT_EQ(Float16(-kInf).bits, 0xFC00);
  EXPECT_EQ(Float16(kNan).bits, 0x7E00);
  EXPECT_EQ(Float16(-0.0f).bits, 0x8000);
  // Subnormals: the smallest is 2^-24; half of it ties to zero.
  EXPECT_EQ(Float16(std::ldexp(1.0f, -24)).bits, 0x0001);
  EXPECT_EQ(Float16(std::ldexp(1.0f, -25)).bits, 0x0000);
  EXPECT_EQ(Float16(std::ldexp(3.0f, -26)).bits, 0x0001);
  EXPECT_EQ(Float16(std::ldexp(1.0f, -14) - std::ldexp(1.0f, -24)).bits, 0x03FF);
}

TEST(Float16, ToFloat) {
  EXPECT_EQ(Float16::FromBits(0x7BFF).ToFloat(), 65504.0f);
  EXPECT_EQ(Float16::FromBits(0x0001).ToFloat(), std::ldexp(1.0f, -24));
  EXPECT_EQ(Float16::FromBits(0xFC00).ToFloat(), -kInf);
  EXPECT_TRUE(std::isnan(Float16::FromBits(0x7E01).ToFloat()));
  EXPECT_EQ(Float16::FromBits(0x3555).ToFloat(), 0.333251953125f);
  // Arithmetic goes through float.
  Float16 a(1.5f), b(2.25f);
  EXPECT_EQ(Float16(a + b).bits, Float16(3.75f).bits);
}

TEST(Float16, FromDoubleRoundsOnce) {
  // Rounding the double straight to float16 (not through float).
  const double just_above_tie = 1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40);
  EXPECT_EQ(Float16(just_above_tie).bits, 0x3C01);
}

TEST(BFloat16, Conversions) {
  EXPECT_EQ(BFloat16(1.0f).bits, 0x3F80);
  EXPECT_EQ(BFloat16(FloatFromBits(0x3F808000)).bits, 0x3F80);  // tie, even stays
  EXPECT_EQ(BFloat16(FloatFromBits(0x3F818000)).bits, 0x3F82);  // tie, odd rounds up
  EXPECT_EQ(BFloat16(FloatFromBits(0x3F808001)).bits, 0x3F81);
  EXPECT_EQ(BFloat16(FloatFromBits(0x7F7FFFFF)).bits, 0x7F80);  // float max rounds to inf
  EXPECT_EQ(BFloat16(kNan).bits, 0x7FC0);
  EXPECT_EQ(BFloat16(-kInf).bits, 0xFF80);
  EXPECT_EQ(BFloat16::FromBits(0x4049).ToFloat(), 3.140625f);
  EXPECT_EQ(BFloat16::FromBits(0x0001).ToFloat(), FloatFromBits(0x00010000));
}

TEST(Float8E4M3FN, SaturatingConversions) {
  EXPECT_EQ(Float8E4M3FN(1.0f).bits, 0x38);
  EXPECT_EQ(Float8E4M3FN(448.0f).bits, 0x7E);
  EXPECT_EQ(Float8E4M3FN(1000.0f).bits, 0x7E);
  EXPECT_EQ(Float8E4M3FN(-1000.0f).bits, 0xFE);
  EXPECT_EQ(Float8E4M3FN(kInf).bits, 0x7E);
  EXPECT_EQ(Float8E4M3FN(-kInf).bits, 0xFE);
  EXPECT_EQ(Float8E4M3FN(kNan).bits, 0x7F);
  EXPECT_EQ(Float8E4M3FN(-0.0f).bits, 0x80);
  EXPECT_EQ(Float8E4M3FN(std::ldexp(1.0f, -9)).bits, 0x01);   // smallest subnormal
  EXPECT_EQ(Float8E4M3FN(std::ldexp(1.0f, -10)).bits, 0x00);  // tie to zero
  EXPECT_EQ(Float8E4M3FN(std::ldexp(3.0f, -11)).bits, 0x01);
}

TEST(Float8E4M3FN, WithoutSaturation) {
  EXPECT_EQ(Float8E4M3FN::FromDouble(464.0, false).bits, 0x7E);  // tie rounds to 448
  EXPECT_EQ(Float8E4M3FN::FromDouble(465.0, false).bits, 0x7F);  // NaN
  EXPECT_EQ(Float8E4M3FN::FromDouble(-480.0, false).bits, 0xFF);
  EXPECT_EQ(Float8E4M3FN::FromDouble(HUGE_VAL, false).bits, 0x7F);
  EXPECT_EQ(Float8E4M3FN::FromDouble(-HUGE_VAL, false).bits, 0xFF);
  EXPECT_EQ(Float8E4M3FN::FromDouble(-std::nan(""), false).bits, 0xFF);
}

TEST(Float8E4M3FN, ToFloat) {
  EXPECT_EQ(Float8E4M3FN::FromBits(0x7E).ToFloat(), 448.0f);
  EXPECT_EQ(Float8E4M3FN::FromBits(0x01).ToFloat(), std::ldexp(1.0f, -9));
  EXPECT_EQ(Float8E4M3FN::FromBits(0x78).ToFloat(), 256.0f);  // not infinity
  EXPECT_TRUE(std::isnan(Float8E4M3FN::FromBits(0xFF).ToFloat()));
  EXPECT_EQ(Float8E4M3FN::FromBits(0x80).ToFloat(), 0.0f);
  EXPECT_TRUE(std::signbit(Float8E4M3FN::FromBits(0x80).ToFloat()));
}

TEST(Float8E4M3FNUZ, Conversions) {
  EXPECT_EQ(Float8E4M3FNUZ(1.0f).bits, 0x40);
  EXPECT_EQ(Float8E4M3FNUZ(240.0f).bits, 0x7F);
  EXPECT_EQ(Float8E4M3FNUZ(1000.0f).bits, 0x7F);
  EXPECT_EQ(Float8E4M3FNUZ(-kInf).bits, 0xFF);
  EXPECT_EQ(Float8E4M3FNUZ(-0.0f).bits, 0x00);  // no negative zero
  EXPECT_EQ(Float8E4M3FNUZ(-std::ldexp(1.0f, -12)).bits, 0x00);
  EXPECT_EQ(Float8E4M3FNUZ(kNan).bits, 0x80);
  EXPECT_EQ(Float8E4M3FNUZ(std::ldexp(1.0f, -10)).bits, 0x01);
  EXPECT_EQ(Float8E4M3FNUZ::FromDouble(HUGE_VAL, false).bits, 0x80);
  EXPECT_EQ(Float8E4M3FNUZ::FromDouble(-1000, false).bits, 0x80);
  EXPECT_TRUE(std::isnan(Float8E4M3FNUZ::FromBits(0x80).ToFloat()));
  EXPECT_EQ(Float8E4M3FNUZ::FromBits(0xFF).ToFloat(), -240.0f);
}

TEST(Float8E5M2, Conversions) {
  EXPECT_EQ(Float8E5M2(1.0f).bits, 0x3C);
  EXPECT_EQ(Float8E5M2(57344.0f).bits, 0x7B);
  EXPECT_EQ(Float8E5M2(61440.0f).bits, 0x7B);  // saturates
  EXPECT_EQ(Float8E5M2(kInf).bits, 0x7B);
  EXPECT_EQ(Float8E5M2(kNan).bits, 0x7E);
  EXPECT_EQ(Float8E5M2(std::ldexp(1.0f, -16)).bits, 0x01);
  EXPECT_EQ(Float8E5M2::FromDouble(61440.0, false).bits, 0x7C);  // tie rounds to infinity
  EXPECT_EQ(Float8E5M2::FromDouble(61439.0, false).bits, 0x7B);
  EXPECT_EQ(Float8E5M2::FromDouble(-HUGE_VAL, false).bits, 0xFC);
  EXPECT_EQ(Float8E5M2::FromBits(0x7C).ToFloat(), kInf);
  EXPECT_EQ(Float8E5M2::FromBits(0x7B).ToFloat(), 57344.0f);
}

TEST(Float8E5M2FNUZ, Conversions) {
  EXPECT_EQ(Float8E5M2FNUZ(1.0f).bits, 0x40);
  EXPECT_EQ(Float8E5M2FNUZ(57344.0f).bits, 0x7F);
  EXPECT_EQ(Float8E5M2FNUZ(-kInf).bits, 0xFF);
  EXPECT_EQ(Float8E5M2FNUZ(-0.0f).bits, 0x00);
  EXPECT_EQ(Float8E5M2FNUZ(std::ldexp(1.0f, -17)).bits, 0x01);
  EXPECT_EQ(Float8E5M2FNUZ::FromDouble(HUGE_VAL, false).bits, 0x80);
  EXPECT_EQ(Float8E5M2FNUZ::FromDouble(kNan, false).bits, 0x80);
  EXPECT_EQ(Float8E5M2FNUZ::FromBits(0x01).ToFloat(), std::ldexp(1.0f, -17));
}

TEST(Float4E2M1, RoundsAndSaturates) {
  EXPECT_EQ(Float4E2M1(6.0f).bits, 0x7);
  EXPECT_EQ(Float4E2M1(100.0f).bits, 0x7);
  EXPECT_EQ(Float4E2M1(-100.0f).bits, 0xF);
  EXPECT_EQ(Float4E2M1(kInf).bits, 0x7);
  EXPECT_EQ(Float4E2M1(kNan).bits, 0x8);
  EXPECT_EQ(Float4E2M1(-0.0f).bits, 0x8);
  // Ties go to the even encoding.
  EXPECT_EQ(Float4E2M1(0.25f).bits, 0x0);
  EXPECT_EQ(Float4E2M1(0.75f).bits, 0x2);
  EXPECT_EQ(Float4E2M1(1.25f).bits, 0x2);
  EXPECT_EQ(Float4E2M1(1.75f).bits, 0x4);
  EXPECT_EQ(Float4E2M1(2.5f).bits, 0x4);
  EXPECT_EQ(Float4E2M1(3.5f).bits, 0x6);
  EXPECT_EQ(Float4E2M1(5.0f).bits, 0x6);
  EXPECT_EQ(Float4E2M1::FromBits(0x1).ToFloat(), 0.5f);
  EXPECT_EQ(Float4E2M1::FromBits(0xD).ToFloat(), -3.0f);
}

TEST(Float8E8M0, Rounding) {
  using R = E8M0Rounding;
  EXPECT_EQ(Float8E8M0(1.0f).bits, 0x7F);
  EXPECT_EQ(Float8E8M0::FromDouble(1.5, true, R::kUp).bits, 0x80);
  EXPECT_EQ(Float8E8M0::FromDouble(3.0, true, R::kUp).bits, 0x81);
  EXPECT_EQ(Float8E8M0::FromDouble(3.0, true, R::kDown).bits, 0x80);
  EXPECT_EQ(Float8E8M0::FromDouble(1.5, true, R::kNearest).bits, 0x80);  // tie rounds up
  EXPECT_EQ(Float8E8M0::FromDouble(1.25, true, R::kNearest).bits, 0x7F);
  EXPECT_EQ(Float8E8M0::FromDouble(1.75, true, R::kNearest).bits, 0x80);
  EXPECT_EQ(Float8E8M0::FromDouble(0.0, true, R::kUp).bits, 0x00);
  EXPECT_EQ(Float8E8M0::FromDouble(kNan, true, R::kUp).bits, 0xFF);
  EXPECT_EQ(Float8E8M0::FromDouble(kInf, true, R::kUp).bits, 0xFF);
  const double float_max = std::numeric_limits<float>::max();
  EXPECT_EQ(Float8E8M0::FromDouble(float_max, true, R::kUp).bits, 0xFE);
  EXPECT_EQ(Float8E8M0::FromDouble(float_max, false, R::kUp).bits, 0xFF);
  EXPECT_EQ(Float8E8M0::FromBits(0x7F).ToFloat(), 1.0f);
  EXPECT_EQ(Float8E8M0::FromBits(0xFE).ToFloat(), std::ldexp(1.0f, 127));
  EXPECT_EQ(Float8E8M0::FromBits(0x00).ToFloat(), std::ldexp(1.0f, -127));
  EXPECT_TRUE(std::isnan(Float8E8M0::FromBits(0xFF).ToFloat()));
}

TEST(SmallInts, FromFloatTruncatesAndWraps) {
  EXPECT_EQ(Int4(7.5f).value, 7);
  EXPECT_EQ(Int4(-2.7f).value, -2);
  EXPECT_EQ(Int4(8.0f).value, -8);
  EXPECT_EQ(Int4(-9.0f).value, 7);
  EXPECT_EQ(Int4(kNan).value, 0);
  EXPECT_EQ(UInt4(-1.0f).value, 15);
  EXPECT_EQ(UInt4(17.9f).value, 1);
  EXPECT_EQ(Int2(2.0f).value, -2);
  EXPECT_EQ(UInt2(-3.0f).value, 1);
}

TEST(SmallInts, RoundAndClamp) {
  EXPECT_EQ(Int4::RoundAndClamp(7.5).value, 7);
  EXPECT_EQ(Int4::RoundAndClamp(-8.5).value, -8);
  EXPECT_EQ(Int4::RoundAndClamp(2.5).value, 2);
  EXPECT_EQ(Int4::RoundAndClamp(3.5).value, 4);
  EXPECT_EQ(Int4::RoundAndClamp(std::nan("")).value, 0);
  EXPECT_EQ(UInt4::RoundAndClamp(-1.0).value, 0);
  EXPECT_EQ(UInt4::RoundAndClamp(100.0).value, 15);
  EXPECT_EQ(Int2::RoundAndClamp(1.5).value, 1);
  EXPECT_EQ(Int2::RoundAndClamp(-3.0).value, -2);
  EXPECT_EQ(UInt2::RoundAndClamp(2.5).value, 2);
}

TEST(SmallInts, FromIntegersWrap) {
  EXPECT_EQ(Int4(9).value, -7);
  EXPECT_EQ(Int4(-9).value, 7);
  EXPECT_EQ(Int4(int64_t{-8}).value, -8);
  EXPECT_EQ(UInt4(uint32_t{17}).value, 1);
  EXPECT_EQ(Int2(2).value, -2);
  EXPECT_EQ(UInt2(int8_t{5}).value, 1);
  EXPECT_EQ(static_cast<int>(Int4(-3)), -3);
}

TEST(SubBytePacking, LowBitsFirst) {
  const uint8_t four[] = {1, 2, 3};
  uint8_t packed[2];
  PackSubByte(four, 3, 4, packed);
  EXPECT_EQ(packed[0], 0x21);
  EXPECT_EQ(packed[1], 0x03);
  uint8_t back[3];
  UnpackSubByte(packed, 3, 4, back);
  EXPECT_EQ(back[0], 1);
  EXPECT_EQ(back[2], 3);

  const uint8_t two[] = {1, 2, 3, 0, 1};
  PackSubByte(two, 5, 2, packed);
  EXPECT_EQ(packed[0], 0x39);
  EXPECT_EQ(packed[1], 0x01);
}

}  // namespace
}  // namespace onnxforge::reference
