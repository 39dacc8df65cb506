#include "reference/tensor.h"

#include "gtest/gtest.h"
#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

TEST(Tensor, ConstructsZeroFilled) {
  Tensor t(TensorProto::FLOAT, {2, 3});
  EXPECT_EQ(t.type(), TensorProto::FLOAT);
  EXPECT_EQ(t.rank(), 2);
  EXPECT_EQ(t.size(), 6);
  EXPECT_EQ(t.strides(), (std::vector<int64_t>{3, 1}));
  for (float v : t.data<float>()) EXPECT_EQ(v, 0.0f);
  t.at<float>({1, 2}) = 5.0f;
  EXPECT_EQ(t.at<float>(5), 5.0f);
  EXPECT_EQ(t.DebugString(), "float[2,3]");
}

TEST(Tensor, ScalarAndVector) {
  Tensor s = Tensor::Scalar<int64_t>(7);
  EXPECT_EQ(s.rank(), 0);
  EXPECT_EQ(s.size(), 1);
  EXPECT_EQ(s.at<int64_t>(0), 7);
  Tensor v = Tensor::Vector<std::string>({"a", "bc"});
  EXPECT_EQ(v.shape(), (std::vector<int64_t>{2}));
  EXPECT_EQ(v.at<std::string>(1), "bc");
}

TEST(Tensor, WrongTypedViewIsEmpty) {
  Tensor t(TensorProto::INT32, {4});
  EXPECT_TRUE(t.data<float>().empty());
  EXPECT_EQ(t.data<int32_t>().size(), 4u);
}

TEST(Tensor, CreateRejectsBadShapes) {
  EXPECT_EQ(Tensor::Create(TensorProto::FLOAT, {2, -1}).status().message(),
            "shape [2,-1] has negative dimension -1");
  EXPECT_EQ(Tensor::Create(TensorProto::FLOAT, {1 << 20, 1 << 20}).status().message(),
            "a float tensor of shape [1048576,1048576] would need 1099511627776 elements of 4 "
            "bytes, above the evaluator's limit of 4294967296 bytes");
  EXPECT_EQ(Tensor::Create(99, {1}).status().message(),
            "unknown tensor element type undefined(99)");
  // The constructor gives an empty tensor instead.
  Tensor bad(TensorProto::FLOAT, {-3});
  EXPECT_EQ(bad.size(), 0);
  EXPECT_EQ(bad.shape(), (std::vector<int64_t>{0}));
}

TEST(Tensor, FromProtoTypedField) {
  TensorProto proto = MakeTensor<float>("w", {2, 2}, {1, 2, 3, 4});
  absl::StatusOr<Tensor> t = Tensor::FromProto(proto);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->shape(), (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(t->at<float>({1, 0}), 3.0f);
}

TEST(Tensor, FromProtoRawDataAndBack) {
  Tensor t = Tensor::FromVector<int64_t>({3}, {1, -2, 3});
  TensorProto proto = t.ToProto("y");
  EXPECT_EQ(proto.name(), "y");
  EXPECT_EQ(proto.raw_data().size(), 24u);
  EXPECT_EQ(proto.int64_data_size(), 0);
  absl::StatusOr<Tensor> back = Tensor::FromProto(proto);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, t);
}

TEST(Tensor, Int4PackedAndSignExtended) {
  TensorProto proto;
  proto.set_data_type(TensorProto::INT4);
  proto.add_dims(3);
  proto.set_raw_data(std::string("\x8F\x07", 2));  // -1, -8, 7
  absl::StatusOr<Tensor> t = Tensor::FromProto(proto);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->at<Int4>(0).value, -1);
  EXPECT_EQ(t->at<Int4>(1).value, -8);
  EXPECT_EQ(t->at<Int4>(2).value, 7);
  EXPECT_EQ(t->ToProto().raw_data(), std::string("\x8F\x07", 2));
  EXPECT_EQ(*t->ToInt64s(), (std::vector<int64_t>{-1, -8, 7}));
}

TEST(Tensor, BoolAndStrings) {
  TensorProto b;
  b.set_data_type(TensorProto::BOOL);
  b.add_dims(2);
  b.add_int32_data(1);
  b.add_int32_data(0);
  absl::StatusOr<Tensor> tb = Tensor::FromProto(b);
  ASSERT_TRUE(tb.ok());
  EXPECT_TRUE(tb->at<bool>(0));
  EXPECT_FALSE(tb->at<bool>(1));

  TensorProto s;
  s.set_data_type(TensorProto::STRING);
  s.add_dims(2);
  s.add_string_data("x");
  s.add_string_data("yz");
  absl::StatusOr<Tensor> ts = Tensor::FromProto(s);
  ASSERT_TRUE(ts.ok());
  EXPECT_EQ(ts->at<std::string>(1), "yz");
  EXPECT_EQ(ts->ToProto().string_data_size(), 2);
}

TEST(Tensor, FromProtoErrorsNameTheTensor) {
  TensorProto proto;
  proto.set_name("w");
  proto.set_data_type(TensorProto::FLOAT);
  proto.add_dims(3);
  proto.set_raw_data(std::string(8, '\0'));
  EXPECT_EQ(std::string(Tensor::FromProto(proto).status().message()),
            "tensor 'w' has 8 bytes of raw_data but shape [3] of type float needs 12");

  TensorProto strings;
  strings.set_name("s");
  strings.set_data_type(TensorProto::STRING);
  strings.add_dims(2);
  strings.add_string_data("only one");
  EXPECT_EQ(Tensor::FromProto(strings).status().message(),
            "tensor 's' has shape [2] but 1 strings");

  TensorProto external = MakeTensor<float>("e", {1}, {1});
  external.set_data_location(TensorProto::EXTERNAL);
  EXPECT_EQ(Tensor::FromProto(external).status().message(),
            "tensor 'e' keeps its data in an external file; load it with the model first");
}

TEST(Tensor, Reshaped) {
  Tensor t = Tensor::FromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});
  absl::StatusOr<Tensor> r = t.Reshaped({3, 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->at<float>({2, 1}), 6.0f);
  EXPECT_EQ(t.Reshaped({4}).status().message(),
            "cannot reshape [2,3] (6 elements) to [4] (4 elements)");
}

TEST(Tensor, ToDoubles) {
  Tensor h = Tensor::Vector<Float16>({Float16(1.5f), Float16(-2.0f)});
  EXPECT_EQ(*h.ToDoubles(), (std::vector<double>{1.5, -2.0}));
  EXPECT_EQ(Tensor::Vector<std::string>({"a"}).ToDoubles().status().message(),
            "expected a numeric tensor, got string[1]");
  EXPECT_EQ(Tensor::Vector<float>({1}).ToInt64s().status().message(),
            "expected an integer tensor, got float[1]");
}

}  // namespace
}  // namespace onnxforge::reference
