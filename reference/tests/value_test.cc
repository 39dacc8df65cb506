#include "reference/value.h"

#include "gtest/gtest.h"
#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

std::string Message(const absl::Status& s) { return std::string(s.message()); }

TypeProto FloatTensorType() {
  TypeProto t;
  t.mutable_tensor_type()->set_elem_type(TensorProto::FLOAT);
  return t;
}

TEST(Value, KindsAndTypes) {
  Value none;
  EXPECT_TRUE(none.is_none());
  EXPECT_EQ(none.TypeString(), "none");

  Value t = Tensor::FromVector<float>({2}, {1, 2});
  EXPECT_TRUE(t.is_tensor());
  EXPECT_EQ(t.TypeString(), "tensor(float)");
  EXPECT_EQ(t.DebugString(), "float[2]");

  Value seq = Value::Sequence({t, Tensor::FromVector<float>({3}, {1, 2, 3})});
  EXPECT_EQ(seq.TypeString(), "seq(tensor(float))");
  EXPECT_EQ(seq.elements().size(), 2u);
  EXPECT_EQ(seq.DebugString(), "seq(float[2], float[3])");

  Value empty_seq = Value::Sequence({}, FloatTensorType());
  EXPECT_EQ(empty_seq.TypeString(), "seq(tensor(float))");

  Value opt = Value::Optional(t);
  EXPECT_TRUE(opt.has_value());
  EXPECT_EQ(opt.TypeString(), "optional(tensor(float))");
  Value empty_opt = Value::EmptyOptional(FloatTensorType());
  EXPECT_FALSE(empty_opt.has_value());
  EXPECT_EQ(empty_opt.TypeString(), "optional(tensor(float))");
  EXPECT_EQ(empty_opt.DebugString(), "optional(empty)");

  // Asking for the wrong part gives an empty one.
  EXPECT_TRUE(seq.tensor().data<float>().empty());
  EXPECT_TRUE(t.elements().empty());
}

TEST(Value, MapOfStringToFloat) {
  MapValue m;
  m.key_type = TensorProto::STRING;
  m.string_keys = {"a", "b"};
  m.values = {Tensor::Scalar<float>(0.25f), Tensor::Scalar<float>(0.75f)};
  Value v = Value::Map(m);
  EXPECT_EQ(v.TypeString(), "map(string,tensor(float))");
  EXPECT_EQ(v.map().size(), 2);

  absl::StatusOr<MapProto> proto = v.ToMapProto("probs");
  ASSERT_TRUE(proto.ok());
  EXPECT_EQ(proto->name(), "probs");
  EXPECT_EQ(proto->string_keys_size(), 2);
  EXPECT_EQ(proto->values().elem_type(), SequenceProto::TENSOR);
  absl::StatusOr<Value> back = Value::FromMapProto(*proto);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, v);
}

TEST(Value, SequenceProtoRoundTrip) {
  Value seq = Value::Sequence({Tensor::FromVector<int64_t>({2}, {1, 2}),
                               Tensor::FromVector<int64_t>({1}, {3})});
  absl::StatusOr<SequenceProto> proto = seq.ToSequenceProto("s");
  ASSERT_TRUE(proto.ok());
  EXPECT_EQ(proto->elem_type(), SequenceProto::TENSOR);
  EXPECT_EQ(proto->tensor_values_size(), 2);
  absl::StatusOr<Value> back = Value::FromSequenceProto(*proto);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, seq);

  // An empty sequence keeps its element kind in the proto; Parse takes the
  // full element type from the expected type.
  Value empty = Value::Sequence({}, FloatTensorType());
  absl::StatusOr<std::string> bytes = empty.Serialize();
  ASSERT_TRUE(bytes.ok());
  TypeProto seq_type;
  *seq_type.mutable_sequence_type()->mutable_elem_type() = FloatTensorType();
  absl::StatusOr<Value> parsed = Value::Parse(*bytes, seq_type);
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(parsed->is_sequence());
  EXPECT_EQ(parsed->TypeString(), "seq(tensor(float))");
}

TEST(Value, OptionalProtoRoundTrip) {
  Value opt = Value::Optional(Value::Sequence({Tensor::Scalar<float>(1)}));
  absl::StatusOr<OptionalProto> proto = opt.ToOptionalProto();
  ASSERT_TRUE(proto.ok());
  EXPECT_EQ(proto->elem_type(), OptionalProto::SEQUENCE);
  absl::StatusOr<Value> back = Value::FromOptionalProto(*proto);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, opt);

  absl::StatusOr<OptionalProto> empty = Value::EmptyOptional(FloatTensorType()).ToOptionalProto();
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->elem_type(), OptionalProto::TENSOR);
  EXPECT_FALSE(empty->has_tensor_value());
}

TEST(Value, EmptyWithoutKindTakesTheExpectedType) {
  OptionalProto empty;
  TypeProto opt_type;
  *opt_type.mutable_optional_type()->mutable_elem_type() = FloatTensorType();
  absl::StatusOr<Value> v = Value::Parse(empty.SerializeAsString(), opt_type);
  ASSERT_TRUE(v.ok()) << v.status();
  EXPECT_FALSE(v->has_value());
  EXPECT_EQ(v->TypeString(), "optional(tensor(float))");

  OptionalProto bad;
  bad.set_name("o");
  *bad.mutable_tensor_value() = MakeTensor<float>("", {}, {1});
  EXPECT_EQ(Message(Value::FromOptionalProto(bad).status()),
            "optional 'o' has unknown elem_type 0");
}

TEST(Value, ProtoErrors) {
  MapProto bad;
  bad.set_name("m");
  bad.set_key_type(TensorProto::INT64);
  bad.add_keys(1);
  bad.add_keys(2);
  bad.mutable_values()->set_elem_type(SequenceProto::TENSOR);
  *bad.mutable_values()->add_tensor_values() = MakeTensor<float>("", {}, {1});
  EXPECT_EQ(Message(Value::FromMapProto(bad).status()), "map 'm' has 2 keys but 1 values");

  bad.set_key_type(TensorProto::FLOAT);
  EXPECT_EQ(Message(Value::FromMapProto(bad).status()),
            "map 'm' has key type float; keys must be integers or strings");

  SequenceProto seq;
  seq.set_elem_type(SequenceProto::TENSOR);
  TensorProto* t = seq.add_tensor_values();
  t->set_name("x");
  t->set_data_type(TensorProto::FLOAT);
  t->add_dims(-1);
  EXPECT_EQ(Message(Value::FromSequenceProto(seq).status()),
            "sequence element 0 (tensor): tensor 'x': shape [-1] has negative dimension -1");

  EXPECT_EQ(Message(Value(Tensor()).ToSequenceProto().status()),
            "expected a sequence, got a tensor");
}

}  // namespace
}  // namespace onnxforge::reference
