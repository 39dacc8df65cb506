#include "ir/tensor_util.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace onnxforge {
namespace {

using ::testing::ElementsAre;

TensorProto RawTensor(int32_t type, std::vector<int64_t> dims,
                      const std::string& bytes) {
  TensorProto t;
  t.set_name("w");
  t.set_data_type(type);
  for (int64_t d : dims) t.add_dims(d);
  t.set_raw_data(bytes);
  return t;
}

TEST(ElementTypeTest, NamesMatchOnnxTypeStrings) {
  const std::vector<std::pair<int32_t, std::string>> expected = {
      {TensorProto::FLOAT, "float"},
      {TensorProto::UINT8, "uint8"},
      {TensorProto::INT8, "int8"},
      {TensorProto::UINT16, "uint16"},
      {TensorProto::INT16, "int16"},
      {TensorProto::INT32, "int32"},
      {TensorProto::INT64, "int64"},
      {TensorProto::STRING, "string"},
      {TensorProto::BOOL, "bool"},
      {TensorProto::FLOAT16, "float16"},
      {TensorProto::DOUBLE, "double"},
      {TensorProto::UINT32, "uint32"},
      {TensorProto::UINT64, "uint64"},
      {TensorProto::COMPLEX64, "complex64"},
      {TensorProto::COMPLEX128, "complex128"},
      {TensorProto::BFLOAT16, "bfloat16"},
      {TensorProto::FLOAT8E4M3FN, "float8e4m3fn"},
      {TensorProto::FLOAT8E4M3FNUZ, "float8e4m3fnuz"},
      {TensorProto::FLOAT8E5M2, "float8e5m2"},
      {TensorProto::FLOAT8E5M2FNUZ, "float8e5m2fnuz"},
      {TensorProto::UINT4, "uint4"},
      {TensorProto::INT4, "int4"},
      {TensorProto::FLOAT4E2M1, "float4e2m1"},
      {TensorProto::FLOAT8E8M0, "float8e8m0"},
      {TensorProto::UINT2, "uint2"},
      {TensorProto::INT2, "int2"},
  };
  for (const auto& [type, name] : expected) {
    EXPECT_EQ(ElementTypeName(type), name);
    absl::StatusOr<int32_t> back = ElementTypeFromName(name);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(*back, type);
  }
  EXPECT_EQ(ElementTypeName(TensorProto::UNDEFINED), "");
  EXPECT_EQ(ElementTypeName(99), "");
}

TEST(ElementTypeTest, UnknownNameIsAnError) {
  EXPECT_EQ(ElementTypeFromName("float128").status().message(),
            "unknown element type 'float128'");
  EXPECT_EQ(ElementTypeFromName("undefined").status().message(),
            "unknown element type 'undefined'");
  EXPECT_EQ(ElementTypeFromName("Float").status().message(),
            "unknown element type 'Float'");
}

TEST(ElementTypeTest, BitWidths) {
  EXPECT_EQ(ElementBitWidth(TensorProto::FLOAT), 32);
  EXPECT_EQ(ElementBitWidth(TensorProto::BOOL), 8);
  EXPECT_EQ(ElementBitWidth(TensorProto::FLOAT16), 16);
  EXPECT_EQ(ElementBitWidth(TensorProto::BFLOAT16), 16);
  EXPECT_EQ(ElementBitWidth(TensorProto::COMPLEX64), 64);
  EXPECT_EQ(ElementBitWidth(TensorProto::COMPLEX128), 128);
  EXPECT_EQ(ElementBitWidth(TensorProto::FLOAT8E5M2FNUZ), 8);
  EXPECT_EQ(ElementBitWidth(TensorProto::FLOAT8E8M0), 8);
  EXPECT_EQ(ElementBitWidth(TensorProto::INT4), 4);
  EXPECT_EQ(ElementBitWidth(TensorProto::UINT4), 4);
  EXPECT_EQ(ElementBitWidth(TensorProto::FLOAT4E2M1), 4);
  EXPECT_EQ(ElementBitWidth(TensorProto::INT2), 2);
  EXPECT_EQ(ElementBitWidth(TensorProto::UINT2), 2);
  EXPECT_EQ(ElementBitWidth(TensorProto::STRING), 0);
  EXPECT_EQ(ElementBitWidth(TensorProto::UNDEFINED), 0);
  EXPECT_EQ(ElementBitWidth(1000), 0);
}

TEST(ElementCountTest, Products) {
  EXPECT_EQ(*ElementCount(std::vector<int64_t>{}), 1);
  EXPECT_EQ(*ElementCount(std::vector<int64_t>{2, 3, 4}), 24);
  EXPECT_EQ(*ElementCount(std::vector<int64_t>{2, 0, 5}), 0);
}

TEST(ElementCountTest, NegativeDimensionIsAnError) {
  EXPECT_EQ(ElementCount(std::vector<int64_t>{2, -1}).status().message(),
            "shape [2,-1] has negative dimension -1");
}

TEST(ElementCountTest, OverflowIsAnErrorNotACrash) {
  const std::vector<int64_t> huge = {int64_t{1} << 32, int64_t{1} << 32};
  EXPECT_EQ(ElementCount(huge).status().message(),
            "shape [4294967296,4294967296] has more elements than int64 holds");
  const std::vector<int64_t> max = {std::numeric_limits<int64_t>::max(), 2};
  EXPECT_FALSE(ElementCount(max).ok());
  TensorProto t = RawTensor(TensorProto::FLOAT, {int64_t{1} << 40, int64_t{1} << 40}, "");
  EXPECT_EQ(ElementCount(t).status().message(),
            "tensor 'w': shape [1099511627776,1099511627776] has more "
            "elements than int64 holds");
}

TEST(RawByteSizeTest, PackedTypesRoundUp) {
  EXPECT_EQ(*RawByteSize(RawTensor(TensorProto::FLOAT, {2, 3}, "")), 24);
  EXPECT_EQ(*RawByteSize(RawTensor(TensorProto::INT4, {3}, "")), 2);
  EXPECT_EQ(*RawByteSize(RawTensor(TensorProto::UINT2, {5}, "")), 2);
  EXPECT_EQ(*RawByteSize(RawTensor(TensorProto::COMPLEX128, {2}, "")), 32);
  EXPECT_EQ(*RawByteSize(RawTensor(TensorProto::BOOL, {}, "")), 1);
}

TEST(RawByteSizeTest, Errors) {
  TensorProto strings = RawTensor(TensorProto::STRING, {2}, "");
  strings.set_name("s");
  EXPECT_EQ(RawByteSize(strings).status().message(),
            "tensor 's' of type string has no fixed-size raw form");
  EXPECT_EQ(RawByteSize(RawTensor(0, {2}, "")).status().message(),
            "tensor 'w' of type <data_type 0> has no fixed-size raw form");
  EXPECT_EQ(
      RawByteSize(RawTensor(TensorProto::FLOAT, {int64_t{1} << 62}, ""))
          .status()
          .message(),
      "tensor 'w': shape [4611686018427387904] of type float needs more bytes "
      "than int64 holds");
}

TEST(RawByteSizeTest, RawDataLengthMustMatch) {
  EXPECT_TRUE(CheckRawDataSize(RawTensor(TensorProto::FLOAT, {2}, "12345678")).ok());
  EXPECT_EQ(CheckRawDataSize(RawTensor(TensorProto::FLOAT, {2, 3}, "0123456789"))
                .message(),
            "tensor 'w' has 10 bytes of raw_data but shape [2,3] of type float "
            "needs 24");
  TensorProto unnamed = RawTensor(TensorProto::INT4, {3}, "x");
  unnamed.clear_name();
  EXPECT_EQ(CheckRawDataSize(unnamed).message(),
            "unnamed tensor has 1 bytes of raw_data but shape [3] of type int4 "
            "needs 2");
}

TEST(ReadInt64sTest, TypedFields) {
  EXPECT_THAT(*ReadInt64s(MakeTensor<int64_t>("a", {3}, {1, -2, 1LL << 40})),
              ElementsAre(1, -2, 1LL << 40));
  EXPECT_THAT(*ReadInt64s(MakeTensor<int32_t>("a", {2}, {-7, 9})),
              ElementsAre(-7, 9));
  EXPECT_THAT(*ReadInt64s(MakeTensor<bool>("a", {3}, {true, false, true})),
              ElementsAre(1, 0, 1));
  TensorProto i16 = MakeTensor<int32_t>("a", {2}, {-300, 300});
  i16.set_data_type(TensorProto::INT16);
  EXPECT_THAT(*ReadInt64s(i16), ElementsAre(-300, 300));
  TensorProto u32;
  u32.set_data_type(TensorProto::UINT32);
  u32.add_dims(2);
  u32.add_uint64_data(4000000000u);
  u32.add_uint64_data(7);
  EXPECT_THAT(*ReadInt64s(u32), ElementsAre(4000000000LL, 7));
}

TEST(ReadInt64sTest, RawLittleEndian) {
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::INT32, {2},
                                    std::string("\xff\xff\xff\xff\x02\x01\x00\x00", 8))),
              ElementsAre(-1, 258));
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::UINT8, {2}, "\xff\x01")),
              ElementsAre(255, 1));
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::INT8, {2}, "\xff\x01")),
              ElementsAre(-1, 1));
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::UINT16, {1}, "\x34\x12")),
              ElementsAre(0x1234));
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::INT64, {1},
                                    std::string("\xfe\xff\xff\xff\xff\xff\xff\xff", 8))),
              ElementsAre(-2));
}

TEST(ReadInt64sTest, PackedFourAndTwoBitTypes) {
  // Low nibble first: 0x21 holds 1 then 2; 0xF8 holds 8 then 15.
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::INT4, {4}, "\x21\xf8")),
              ElementsAre(1, 2, -8, -1));
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::UINT4, {3}, "\x21\xf8")),
              ElementsAre(1, 2, 8));
  // 0xE4 = 0b11'10'01'00 holds 0, 1, 2, 3 from the low bits up.
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::UINT2, {4}, "\xe4")),
              ElementsAre(0, 1, 2, 3));
  EXPECT_THAT(*ReadInt64s(RawTensor(TensorProto::INT2, {4}, "\xe4")),
              ElementsAre(0, 1, -2, -1));
  // In int32_data each value holds one packed byte.
  TensorProto typed;
  typed.set_data_type(TensorProto::INT4);
  typed.add_dims(3);
  typed.add_int32_data(0x21);
  typed.add_int32_data(0x0F);
  EXPECT_THAT(*ReadInt64s(typed), ElementsAre(1, 2, -1));
}

TEST(ReadInt64sTest, Errors) {
  EXPECT_EQ(ReadInt64s(MakeTensor<float>("w", {1}, {1.0f})).status().message(),
            "tensor 'w' has element type float; expected an integer or bool "
            "type");
  EXPECT_EQ(ReadInt64s(MakeTensor<int64_t>("w", {3}, {1, 2})).status().message(),
            "tensor 'w' has 2 values in int64_data but shape [3] of type int64 "
            "needs 3");
  EXPECT_EQ(ReadInt64s(RawTensor(TensorProto::INT32, {2}, "abc")).status().message(),
            "tensor 'w' has 3 bytes of raw_data but shape [2] of type int32 "
            "needs 8");
  TensorProto too_big;
  too_big.set_name("u");
  too_big.set_data_type(TensorProto::UINT64);
  too_big.add_dims(1);
  too_big.add_uint64_data(std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(ReadInt64s(too_big).status().message(),
            "tensor 'u' holds 18446744073709551615 at index 0, which does not "
            "fit in int64");
  TensorProto external = MakeTensor<int64_t>("e", {1}, {});
  external.set_data_location(TensorProto::EXTERNAL);
  EXPECT_EQ(ReadInt64s(external).status().message(),
            "tensor 'e' keeps its data in an external file; load the external "
            "data first");
  TensorProto negative = MakeTensor<int64_t>("n", {-2}, {});
  EXPECT_EQ(ReadInt64s(negative).status().message(),
            "tensor 'n': shape [-2] has negative dimension -2");
}

TEST(ReadDoublesTest, FloatTypes) {
  EXPECT_THAT(*ReadDoubles(MakeTensor<float>("f", {2}, {1.5f, -2.25f})),
              ElementsAre(1.5, -2.25));
  EXPECT_THAT(*ReadDoubles(MakeTensor<double>("d", {1}, {0.1})),
              ElementsAre(0.1));
  EXPECT_THAT(*ReadDoubles(RawTensor(TensorProto::FLOAT, {1},
                                     std::string("\x00\x00\xc0\x3f", 4))),
              ElementsAre(1.5));
  const std::vector<double> halves = *ReadDoubles(RawTensor(
      TensorProto::FLOAT16, {5},
      std::string("\x00\x3c\x00\xc0\x00\x7c\x01\x00\x00\x7e", 10)));
  EXPECT_EQ(halves[0], 1.0);
  EXPECT_EQ(halves[1], -2.0);
  EXPECT_EQ(halves[2], std::numeric_limits<double>::infinity());
  EXPECT_EQ(halves[3], std::ldexp(1.0, -24));
  EXPECT_TRUE(std::isnan(halves[4]));
  TensorProto bf16;
  bf16.set_data_type(TensorProto::BFLOAT16);
  bf16.add_dims(2);
  bf16.add_int32_data(0x3F80);
  bf16.add_int32_data(0x4049);
  EXPECT_THAT(*ReadDoubles(bf16), ElementsAre(1.0, 3.140625));
}

TEST(ReadDoublesTest, WrongTypeIsAnError) {
  EXPECT_EQ(ReadDoubles(MakeTensor<int64_t>("i", {1}, {1})).status().message(),
            "tensor 'i' has element type int64; expected float, double, "
            "float16 or bfloat16");
}

TEST(ReadStringsTest, ValuesAndErrors) {
  TensorProto t;
  t.set_name("s");
  t.set_data_type(TensorProto::STRING);
  t.add_dims(2);
  t.add_string_data("a");
  t.add_string_data(std::string("b\0c", 3));
  EXPECT_THAT(*ReadStrings(t), ElementsAre("a", std::string("b\0c", 3)));
  t.add_dims(2);
  EXPECT_EQ(ReadStrings(t).status().message(),
            "tensor 's' has 2 values in string_data but shape [2,2] of type "
            "string needs 4");
  EXPECT_EQ(ReadStrings(MakeTensor<float>("f", {}, {1})).status().message(),
            "tensor 'f' has element type float; expected string");
}

TEST(MakeTensorTest, UsesTheTypedField) {
  TensorProto i = MakeTensor<int64_t>("i", {2}, {4, 5});
  EXPECT_EQ(i.name(), "i");
  EXPECT_EQ(i.data_type(), TensorProto::INT64);
  EXPECT_THAT(i.dims(), ElementsAre(2));
  EXPECT_THAT(i.int64_data(), ElementsAre(4, 5));
  TensorProto f = MakeTensor<float>("f", {1, 2}, {0.5f, 1.5f});
  EXPECT_EQ(f.data_type(), TensorProto::FLOAT);
  EXPECT_THAT(f.float_data(), ElementsAre(0.5f, 1.5f));
  TensorProto d = MakeTensor<double>("d", {}, {2.5});
  EXPECT_EQ(d.data_type(), TensorProto::DOUBLE);
  EXPECT_EQ(d.dims_size(), 0);
  EXPECT_THAT(d.double_data(), ElementsAre(2.5));
  TensorProto b = MakeTensor<bool>("b", {2}, {false, true});
  EXPECT_EQ(b.data_type(), TensorProto::BOOL);
  EXPECT_THAT(b.int32_data(), ElementsAre(0, 1));
  EXPECT_FALSE(b.has_raw_data());
}

TEST(TensorRawBytesTest, ConvertsTypedFieldsToLittleEndian) {
  EXPECT_EQ(*TensorRawBytes(MakeTensor<int32_t>("i", {2}, {1, -1})),
            std::string("\x01\x00\x00\x00\xff\xff\xff\xff", 8));
  EXPECT_EQ(*TensorRawBytes(MakeTensor<float>("f", {1}, {1.5f})),
            std::string("\x00\x00\xc0\x3f", 4));
  TensorProto half;
  half.set_data_type(TensorProto::FLOAT16);
  half.add_dims(1);
  half.add_int32_data(0x3C00);
  EXPECT_EQ(*TensorRawBytes(half), std::string("\x00\x3c", 2));
  TensorProto u32;
  u32.set_data_type(TensorProto::UINT32);
  u32.add_dims(1);
  u32.add_uint64_data(0x01020304);
  EXPECT_EQ(*TensorRawBytes(u32), "\x04\x03\x02\x01");
  TensorProto c64 = MakeTensor<float>("c", {1}, {1.0f, 2.0f});
  c64.set_data_type(TensorProto::COMPLEX64);
  EXPECT_EQ(TensorRawBytes(c64)->size(), 8u);
  TensorProto packed;
  packed.set_data_type(TensorProto::UINT4);
  packed.add_dims(3);
  packed.add_int32_data(0x21);
  packed.add_int32_data(0x03);
  EXPECT_EQ(*TensorRawBytes(packed), "\x21\x03");
}

TEST(TypeStringTest, ToString) {
  TypeProto tensor;
  tensor.mutable_tensor_type()->set_elem_type(TensorProto::FLOAT);
  tensor.mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(3);
  EXPECT_EQ(TypeToString(tensor), "tensor(float)");

  TypeProto seq;
  seq.mutable_sequence_type()->mutable_elem_type()->mutable_tensor_type()
      ->set_elem_type(TensorProto::INT64);
  EXPECT_EQ(TypeToString(seq), "seq(tensor(int64))");

  TypeProto map;
  map.mutable_map_type()->set_key_type(TensorProto::INT64);
  map.mutable_map_type()->mutable_value_type()->mutable_tensor_type()
      ->set_elem_type(TensorProto::FLOAT);
  EXPECT_EQ(TypeToString(map), "map(int64,tensor(float))");

  TypeProto optional;
  *optional.mutable_optional_type()->mutable_elem_type() = seq;
  EXPECT_EQ(TypeToString(optional), "optional(seq(tensor(int64)))");

  TypeProto sparse;
  sparse.mutable_sparse_tensor_type()->set_elem_type(TensorProto::BFLOAT16);
  EXPECT_EQ(TypeToString(sparse), "sparse_tensor(bfloat16)");

  TypeProto opaque;
  opaque.mutable_opaque_type()->set_domain("com.example");
  opaque.mutable_opaque_type()->set_name("Blob");
  EXPECT_EQ(TypeToString(opaque), "opaque(com.example,Blob)");
  opaque.mutable_opaque_type()->clear_domain();
  EXPECT_EQ(TypeToString(opaque), "opaque(Blob)");

  EXPECT_EQ(TypeToString(TypeProto()), "undefined");
  TypeProto bad;
  bad.mutable_tensor_type()->set_elem_type(77);
  EXPECT_EQ(TypeToString(bad), "tensor(undefined)");
}

TEST(TypeStringTest, RoundTrips) {
  for (const std::string text :
       {"tensor(float)", "tensor(float8e4m3fnuz)", "tensor(int2)",
        "seq(tensor(uint4))", "map(string,tensor(int64))",
        "map(int64,seq(tensor(float)))", "optional(seq(tensor(bool)))",
        "optional(tensor(complex128))", "seq(map(string,tensor(float)))",
        "sparse_tensor(float16)", "opaque(com.example,Blob)", "opaque()"}) {
    absl::StatusOr<TypeProto> type = TypeFromString(text);
    ASSERT_TRUE(type.ok()) << text << ": " << type.status();
    EXPECT_EQ(TypeToString(*type), text);
  }
}

TEST(TypeStringTest, AcceptsSpacesAndBareElementNames) {
  // The ai.onnx.ml schemas spell map types this way.
  absl::StatusOr<TypeProto> type = TypeFromString("map(int64, float)");
  ASSERT_TRUE(type.ok()) << type.status();
  EXPECT_EQ(TypeToString(*type), "map(int64,tensor(float))");
  EXPECT_FALSE(type->map_type().value_type().tensor_type().has_shape());
  EXPECT_EQ(TypeToString(*TypeFromString(" seq ( tensor( double ) ) ")),
            "seq(tensor(double))");
  EXPECT_EQ(TypeToString(*TypeFromString("int8")), "tensor(int8)");
}

TEST(TypeStringTest, Errors) {
  EXPECT_EQ(TypeFromString("tensor(flaot)").status().message(),
            "invalid type string 'tensor(flaot)': unknown element type 'flaot'");
  EXPECT_EQ(TypeFromString("map(float,tensor(int64))").status().message(),
            "invalid type string 'map(float,tensor(int64))': map key type "
            "'float' must be string or an integer type");
  EXPECT_EQ(TypeFromString("map(int64)").status().message(),
            "invalid type string 'map(int64)': map needs a key type and a "
            "value type");
  EXPECT_EQ(TypeFromString("list(float)").status().message(),
            "invalid type string 'list(float)': unknown type constructor "
            "'list'");
  EXPECT_EQ(TypeFromString("tensor(float").status().message(),
            "invalid type string 'tensor(float': expected ')' at the end");
  EXPECT_EQ(TypeFromString("").status().message(),
            "invalid type string '': unknown element type ''");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "seq(";
  deep += "tensor(float)";
  for (int i = 0; i < 100; ++i) deep += ")";
  EXPECT_EQ(TypeFromString(deep).status().message(),
            "invalid type string '" + deep + "': types nest too deeply");
}

}  // namespace
}  // namespace onnxforge
