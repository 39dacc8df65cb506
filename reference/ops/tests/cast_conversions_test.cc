// Cast's element conversions at their edges: numpy's float printing, string
// parsing, wrapping, truncation, saturation and the narrow formats.
#include "reference/ops/cast_conversions.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace onnxforge::reference {
namespace {

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(FormatForCast, FloatsPrintAsNumpyDoes) {
  EXPECT_EQ(FormatForCast(0.1f), "0.1");
  EXPECT_EQ(FormatForCast(1.0f), "1.0");
  EXPECT_EQ(FormatForCast(100.0f), "100.0");
  EXPECT_EQ(FormatForCast(0.039187793f), "0.039187793");
  EXPECT_EQ(FormatForCast(0.33333334f), "0.33333334");
  EXPECT_EQ(FormatForCast(12345678.0f), "12345678.0");
  EXPECT_EQ(FormatForCast(1e15f), "1000000000000000.0");
  // float32(1e-4) lies just below 1e-4, so it prints in scientific form.
  EXPECT_EQ(FormatForCast(1e-4f), "1e-04");
  EXPECT_EQ(FormatForCast(9.9e-5f), "9.9e-05");
  EXPECT_EQ(FormatForCast(1.5e-5f), "1.5e-05");
  EXPECT_EQ(FormatForCast(1e16f), "1e+16");
  EXPECT_EQ(FormatForCast(1.2345679e17f), "1.2345679e+17");
  EXPECT_EQ(FormatForCast(3.4e38f), "3.4e+38");
  EXPECT_EQ(FormatForCast(1e-45f), "1e-45");
  EXPECT_EQ(FormatForCast(-0.0f), "-0.0");
  EXPECT_EQ(FormatForCast(-2.5f), "-2.5");
  EXPECT_EQ(FormatForCast(std::numeric_limits<float>::quiet_NaN()), "nan");
  EXPECT_EQ(FormatForCast(-std::numeric_limits<float>::infinity()), "-inf");
}

TEST(FormatForCast, DoublesUseTheirOwnShortestDigits) {
  EXPECT_EQ(FormatForCast(0.1), "0.1");
  EXPECT_EQ(FormatForCast(1e-4), "0.0001");
  EXPECT_EQ(FormatForCast(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(FormatForCast(123456789012345678.0), "1.2345678901234568e+17");
  EXPECT_EQ(FormatForCast(1e-100), "1e-100");
  EXPECT_EQ(FormatForCast(kInf), "inf");
}

TEST(FormatForCast, NarrowFloatsUseTheShortestDigitsOfTheirFormat) {
  EXPECT_EQ(FormatForCast(Float16(0.1)), "0.1");
  EXPECT_EQ(FormatForCast(Float16(65504.0)), "65500.0");
  EXPECT_EQ(FormatForCast(Float16(1e-4)), "0.0001");
  EXPECT_EQ(FormatForCast(Float16(1.0 / 3.0)), "0.3333");
  EXPECT_EQ(FormatForCast(BFloat16(0.1)), "0.1");
  EXPECT_EQ(FormatForCast(BFloat16(3.0)), "3.0");
  // 450 is the shortest decimal that rounds to float8e4m3fn's 448.
  EXPECT_EQ(FormatForCast(Float8E4M3FN::FromDouble(448, true)), "450.0");
  EXPECT_EQ(FormatForCast(Float8E4M3FN::FromBits(0x7F)), "nan");
  EXPECT_EQ(FormatForCast(Float4E2M1::FromBits(0xF)), "-6.0");
  EXPECT_EQ(FormatForCast(Float8E8M0::FromBits(127)), "1.0");
  EXPECT_EQ(FormatForCast(Float8E8M0::FromBits(0)), "6e-39");
}

TEST(FormatForCast, IntegersAndBools) {
  EXPECT_EQ(FormatForCast(int8_t{-5}), "-5");
  EXPECT_EQ(FormatForCast(uint8_t{200}), "200");
  EXPECT_EQ(FormatForCast(std::numeric_limits<uint64_t>::max()), "18446744073709551615");
  EXPECT_EQ(FormatForCast(std::numeric_limits<int64_t>::min()), "-9223372036854775808");
  EXPECT_EQ(FormatForCast(Int4(-8)), "-8");
  EXPECT_EQ(FormatForCast(UInt2(3)), "3");
  EXPECT_EQ(FormatForCast(true), "True");
  EXPECT_EQ(FormatForCast(false), "False");
}

template <typename T>
T Parsed(const std::string& text, const CastOptions& options = {}) {
  T value{};
  EXPECT_TRUE(ParseForCast<T>(text, options, &value)) << text;
  return value;
}

TEST(ParseForCast, FloatsTakeDecimalScientificAndSpecialWords) {
  EXPECT_EQ(Parsed<float>("3.14"), 3.14f);
  EXPECT_EQ(Parsed<float>(" 2.5 "), 2.5f);
  EXPECT_EQ(Parsed<float>("1E8"), 1e8f);
  EXPECT_EQ(Parsed<float>("+.5"), 0.5f);
  EXPECT_EQ(Parsed<double>("1e-5"), 1e-5);
  EXPECT_EQ(Parsed<float>("INF"), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Parsed<float>("+INF"), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Parsed<float>("-Infinity"), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(Parsed<float>("NaN")));
  EXPECT_TRUE(std::isnan(Parsed<double>("nan")));
  EXPECT_EQ(Parsed<float>("1e400"), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Parsed<float>("1e39"), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Parsed<double>("1e-400"), 0.0);
  EXPECT_EQ(Parsed<Float16>("70000").bits, 0x7C00);  // infinity
  EXPECT_EQ(Parsed<Float8E4M3FN>("1000").bits, 0x7E);  // saturated to 448
  EXPECT_EQ(Parsed<Float8E4M3FN>("1000", CastOptions{false, E8M0Rounding::kUp}).bits, 0x7F);
  float unused;
  EXPECT_FALSE(ParseForCast<float>("abc", {}, &unused));
  EXPECT_FALSE(ParseForCast<float>("", {}, &unused));
  EXPECT_FALSE(ParseForCast<float>("1.5x", {}, &unused));
  EXPECT_FALSE(ParseForCast<float>("0x10", {}, &unused));
}

TEST(ParseForCast, IntegersTakeIntegersExactlyAndTruncateDecimals) {
  EXPECT_EQ(Parsed<int64_t>("9007199254740993"), 9007199254740993);
  EXPECT_EQ(Parsed<int64_t>(" -3 "), -3);
  EXPECT_EQ(Parsed<int32_t>("+5"), 5);
  EXPECT_EQ(Parsed<int32_t>("100.5"), 100);
  EXPECT_EQ(Parsed<int32_t>("-2.9"), -2);
  EXPECT_EQ(Parsed<int32_t>("1e3"), 1000);
  EXPECT_EQ(Parsed<uint8_t>("300"), 44);
  EXPECT_EQ(Parsed<uint8_t>("-1"), 255);
  EXPECT_EQ(Parsed<uint64_t>("18446744073709551615"), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(Parsed<Int4>("9").value, -7);
  int64_t unused;
  EXPECT_FALSE(ParseForCast<int64_t>("seven", {}, &unused));
}

TEST(ParseForCast, Bools) {
  EXPECT_TRUE(Parsed<bool>("True"));
  EXPECT_FALSE(Parsed<bool>("false"));
  EXPECT_FALSE(Parsed<bool>("0"));
  EXPECT_TRUE(Parsed<bool>(" 2 "));
  EXPECT_TRUE(Parsed<bool>("0.5"));
  EXPECT_FALSE(Parsed<bool>("-0.0"));
  bool unused;
  EXPECT_FALSE(ParseForCast<bool>("yes", {}, &unused));
}

TEST(CastNumber, IntegersWrap) {
  EXPECT_EQ((CastNumber<int8_t>(int16_t{200}, {})), -56);
  EXPECT_EQ((CastNumber<uint8_t>(int32_t{300}, {})), 44);
  EXPECT_EQ((CastNumber<uint32_t>(int64_t{-1}, {})), 4294967295u);
  EXPECT_EQ((CastNumber<int64_t>(std::numeric_limits<uint64_t>::max(), {})), -1);
  EXPECT_EQ((CastNumber<Int4>(int8_t{-9}, {})).value, 7);
  EXPECT_EQ((CastNumber<UInt4>(int32_t{16}, {})).value, 0);
  EXPECT_EQ((CastNumber<Int2>(int8_t{2}, {})).value, -2);
  EXPECT_EQ((CastNumber<int8_t>(UInt4(15), {})), 15);
  EXPECT_EQ((CastNumber<uint8_t>(Int4(-1), {})), 255);
}

TEST(CastNumber, FloatsToIntegersTruncateThenWrap) {
  EXPECT_EQ((CastNumber<int32_t>(2.9f, {})), 2);
  EXPECT_EQ((CastNumber<int32_t>(-2.9f, {})), -2);
  EXPECT_EQ((CastNumber<uint8_t>(300.7, {})), 44);
  EXPECT_EQ((CastNumber<uint8_t>(-1.5f, {})), 255);
  EXPECT_EQ((CastNumber<int64_t>(kNan, {})), 0);
  EXPECT_EQ((CastNumber<int64_t>(1e30, {})), std::numeric_limits<int64_t>::max());
  EXPECT_EQ((CastNumber<uint64_t>(1.5e19, {})), 15000000000000000000u);
  EXPECT_EQ((CastNumber<Int4>(-9.0f, {})).value, 7);
  EXPECT_EQ((CastNumber<Int4>(7.9f, {})).value, 7);
  EXPECT_EQ((CastNumber<UInt2>(Float16(3.5), {})).value, 3);
}

TEST(CastNumber, Bools) {
  EXPECT_TRUE((CastNumber<bool>(-0.5f, {})));
  EXPECT_FALSE((CastNumber<bool>(-0.0, {})));
  EXPECT_TRUE((CastNumber<bool>(kNan, {})));
  EXPECT_TRUE((CastNumber<bool>(int64_t{256}, {})));
  EXPECT_FALSE((CastNumber<bool>(Float16(0.0), {})));
  EXPECT_TRUE((CastNumber<bool>(Int4(-1), {})));
  EXPECT_EQ((CastNumber<float>(true, {})), 1.0f);
  EXPECT_EQ((CastNumber<Float8E5M2>(true, {})).bits, 0x3C);
  EXPECT_EQ((CastNumber<Int4>(true, {})).value, 1);
}

TEST(CastNumber, FloatsRoundToNearestEven) {
  EXPECT_EQ((CastNumber<float>(1e300, {})), std::numeric_limits<float>::infinity());
  EXPECT_EQ((CastNumber<Float16>(65520.0f, {})).bits, 0x7C00);  // rounds up to infinity
  EXPECT_EQ((CastNumber<Float16>(int64_t{2049}, {})).bits, Float16(2048.0).bits);
  EXPECT_EQ((CastNumber<BFloat16>(int64_t{std::numeric_limits<int64_t>::max()}, {})).bits,
            BFloat16(9.223372036854775807e18).bits);
  EXPECT_EQ((CastNumber<float>(int64_t{16777217}, {})), 16777216.0f);
  EXPECT_TRUE(std::isnan(CastNumber<double>(Float8E4M3FNUZ::FromBits(0x80), {})));
}

TEST(CastNumber, Float8FollowsSaturate) {
  const CastOptions saturate{true, E8M0Rounding::kUp};
  const CastOptions overflow{false, E8M0Rounding::kUp};
  EXPECT_EQ((CastNumber<Float8E4M3FN>(1e6f, saturate)).bits, 0x7E);
  EXPECT_EQ((CastNumber<Float8E4M3FN>(-1e6f, overflow)).bits, 0xFF);
  EXPECT_EQ((CastNumber<Float8E5M2>(kInf, saturate)).bits, 0x7B);
  EXPECT_EQ((CastNumber<Float8E5M2>(kInf, overflow)).bits, 0x7C);
  EXPECT_EQ((CastNumber<Float8E4M3FNUZ>(-1e6, overflow)).bits, 0x80);
  EXPECT_EQ((CastNumber<Float8E5M2FNUZ>(int32_t{100000}, saturate)).bits, 0x7F);
  // float4e2m1 always saturates; NaN becomes -0.
  EXPECT_EQ((CastNumber<Float4E2M1>(9.0f, overflow)).bits, 0x7);
  EXPECT_EQ((CastNumber<Float4E2M1>(kNan, saturate)).bits, 0x8);
  EXPECT_EQ((CastNumber<Float4E2M1>(-3.5f, saturate)).bits, 0xE);
}

TEST(CastNumber, Float8E8M0FollowsRoundMode) {
  EXPECT_EQ((CastNumber<Float8E8M0>(1.1f, {true, E8M0Rounding::kUp})).bits, 128);
  EXPECT_EQ((CastNumber<Float8E8M0>(1.9f, {true, E8M0Rounding::kDown})).bits, 127);
  EXPECT_EQ((CastNumber<Float8E8M0>(1.4f, {true, E8M0Rounding::kNearest})).bits, 127);
  EXPECT_EQ((CastNumber<Float8E8M0>(1.6f, {true, E8M0Rounding::kNearest})).bits, 128);
  EXPECT_EQ((CastNumber<float>(Float8E8M0::FromBits(130), {})), 8.0f);
}

// The bit-level float16/bfloat16 paths agree with the general conversions.
TEST(CastNumber, FastHalfPathsMatchTheGeneralConversion) {
  for (uint32_t h = 0; h <= 0xFFFF; ++h) {
    const Float16 half = Float16::FromBits(static_cast<uint16_t>(h));
    const float fast = CastNumber<float>(half, {});
    const float general = half.ToFloat();
    if (std::isnan(general)) {
      EXPECT_TRUE(std::isnan(fast)) << h;
    } else {
      EXPECT_EQ(cast_internal::FloatBits(fast), cast_internal::FloatBits(general)) << h;
    }
  }
  // Every float bit pattern in steps, plus the neighbourhoods of the
  // rounding and overflow edges.
  std::vector<uint32_t> patterns;
  for (uint64_t bits = 0; bits <= 0xFFFFFFFFu; bits += 4099) {
    patterns.push_back(static_cast<uint32_t>(bits));
  }
  for (uint32_t edge : {0x477FE000u, 0x477FF000u, 0x38800000u, 0x33000000u, 0x7F7FFFFFu,
                        0x7F800000u, 0x00000001u, 0x3F801000u, 0x3F803000u, 0x387FE000u}) {
    for (uint32_t d = 0; d < 64; ++d) {
      patterns.push_back(edge - 32 + d);
      patterns.push_back((edge - 32 + d) | 0x80000000u);
    }
  }
  for (uint32_t bits : patterns) {
    const float v = cast_internal::FloatFromBits(bits);
    if (std::isnan(v)) continue;
    EXPECT_EQ((CastNumber<Float16>(v, {})).bits, Float16::FromDouble(v).bits) << std::hex << bits;
    EXPECT_EQ((CastNumber<BFloat16>(v, {})).bits, BFloat16::FromDouble(v).bits) << std::hex << bits;
  }
  const float nan = std::numeric_limits<float>::quiet_NaN();
  EXPECT_EQ((CastNumber<Float16>(nan, {})).bits, 0x7E00);
  EXPECT_EQ((CastNumber<Float16>(-nan, {})).bits, 0xFE00);
  EXPECT_EQ((CastNumber<BFloat16>(nan, {})).bits, 0x7FC0);
}

TEST(CastTensor, StringErrorsNameTheElement) {
  const Tensor x = Tensor::Vector<std::string>({"1", "two"});
  absl::StatusOr<Tensor> y = CastTensor(x, TensorProto::INT32, {});
  ASSERT_FALSE(y.ok());
  EXPECT_EQ(y.status().message(),
            "element 1 of the input, \"two\", is not a number that converts to int32");
}

TEST(CastTensor, ComplexIsRefused) {
  const Tensor x = Tensor::Vector<float>({1.0f});
  EXPECT_FALSE(CastTensor(x, TensorProto::COMPLEX64, {}).ok());
}

}  // namespace
}  // namespace onnxforge::reference
