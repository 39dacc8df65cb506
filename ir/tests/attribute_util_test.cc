#include "ir/attribute_util.h"

#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace onnxforge {
namespace {

using ::testing::ElementsAre;

TEST(AttributeUtil, Int) {
  AttributeProto a = IntAttr("axis", -3);
  EXPECT_EQ(a.name(), "axis");
  EXPECT_EQ(a.type(), AttributeProto::INT);
  EXPECT_EQ(a.i(), -3);
}

TEST(AttributeUtil, Float) {
  AttributeProto a = FloatAttr("alpha", 0.25f);
  EXPECT_EQ(a.name(), "alpha");
  EXPECT_EQ(a.type(), AttributeProto::FLOAT);
  EXPECT_EQ(a.f(), 0.25f);
}

TEST(AttributeUtil, String) {
  AttributeProto a = StringAttr("mode", "constant");
  EXPECT_EQ(a.name(), "mode");
  EXPECT_EQ(a.type(), AttributeProto::STRING);
  EXPECT_EQ(a.s(), "constant");
}

TEST(AttributeUtil, Ints) {
  AttributeProto a = IntsAttr("perm", {2, 0, 1});
  EXPECT_EQ(a.name(), "perm");
  EXPECT_EQ(a.type(), AttributeProto::INTS);
  EXPECT_THAT(a.ints(), ElementsAre(2, 0, 1));
}

TEST(AttributeUtil, EmptyIntsKeepsItsType) {
  AttributeProto a = IntsAttr("axes", {});
  EXPECT_EQ(a.name(), "axes");
  EXPECT_EQ(a.type(), AttributeProto::INTS);
  EXPECT_EQ(a.ints_size(), 0);
}

TEST(AttributeUtil, Floats) {
  AttributeProto a = FloatsAttr("scales", {1.5f, -2.0f});
  EXPECT_EQ(a.name(), "scales");
  EXPECT_EQ(a.type(), AttributeProto::FLOATS);
  EXPECT_THAT(a.floats(), ElementsAre(1.5f, -2.0f));
}

TEST(AttributeUtil, Strings) {
  AttributeProto a = StringsAttr("classlabels_strings", {"cat", "", "dog"});
  EXPECT_EQ(a.name(), "classlabels_strings");
  EXPECT_EQ(a.type(), AttributeProto::STRINGS);
  EXPECT_THAT(a.strings(), ElementsAre("cat", "", "dog"));
}

TensorProto Int64Scalar(int64_t v) {
  TensorProto t;
  t.set_data_type(TensorProto::INT64);
  t.add_int64_data(v);
  return t;
}

TEST(AttributeUtil, Tensor) {
  AttributeProto a = TensorAttr("value", Int64Scalar(7));
  EXPECT_EQ(a.name(), "value");
  EXPECT_EQ(a.type(), AttributeProto::TENSOR);
  EXPECT_EQ(a.t().data_type(), TensorProto::INT64);
  EXPECT_THAT(a.t().int64_data(), ElementsAre(7));
}

TEST(AttributeUtil, TensorTakenOver) {
  TensorProto big;
  big.set_data_type(TensorProto::FLOAT);
  big.mutable_float_data()->Resize(1000, 0.5f);
  AttributeProto a = TensorAttr("value", std::move(big));
  EXPECT_EQ(a.name(), "value");
  EXPECT_EQ(a.type(), AttributeProto::TENSOR);
  EXPECT_EQ(a.t().data_type(), TensorProto::FLOAT);
  EXPECT_EQ(a.t().float_data_size(), 1000);
  EXPECT_EQ(a.t().float_data(999), 0.5f);
}

TEST(AttributeUtil, Tensors) {
  AttributeProto a = TensorsAttr("pieces", {Int64Scalar(1), Int64Scalar(2)});
  EXPECT_EQ(a.name(), "pieces");
  EXPECT_EQ(a.type(), AttributeProto::TENSORS);
  ASSERT_EQ(a.tensors_size(), 2);
  EXPECT_THAT(a.tensors(0).int64_data(), ElementsAre(1));
  EXPECT_THAT(a.tensors(1).int64_data(), ElementsAre(2));
}

TEST(AttributeUtil, SparseTensor) {
  SparseTensorProto sparse;
  sparse.add_dims(10);
  sparse.add_dims(4);
  *sparse.mutable_values() = Int64Scalar(5);
  AttributeProto a = SparseTensorAttr("sparse_value", sparse);
  EXPECT_EQ(a.name(), "sparse_value");
  EXPECT_EQ(a.type(), AttributeProto::SPARSE_TENSOR);
  EXPECT_THAT(a.sparse_tensor().dims(), ElementsAre(10, 4));
  EXPECT_THAT(a.sparse_tensor().values().int64_data(), ElementsAre(5));
}

GraphProto NamedGraph(const std::string& name) {
  GraphProto g;
  g.set_name(name);
  return g;
}

TEST(AttributeUtil, Graph) {
  AttributeProto a = GraphAttr("then_branch", NamedGraph("then"));
  EXPECT_EQ(a.name(), "then_branch");
  EXPECT_EQ(a.type(), AttributeProto::GRAPH);
  EXPECT_EQ(a.g().name(), "then");
}

TEST(AttributeUtil, Graphs) {
  AttributeProto a = GraphsAttr("bodies", {NamedGraph("a"), NamedGraph("b")});
  EXPECT_EQ(a.name(), "bodies");
  EXPECT_EQ(a.type(), AttributeProto::GRAPHS);
  ASSERT_EQ(a.graphs_size(), 2);
  EXPECT_EQ(a.graphs(0).name(), "a");
  EXPECT_EQ(a.graphs(1).name(), "b");
}

TEST(AttributeUtil, Type) {
  TypeProto type;
  type.mutable_tensor_type()->set_elem_type(TensorProto::FLOAT);
  AttributeProto a = TypeAttr("dtype", type);
  EXPECT_EQ(a.name(), "dtype");
  EXPECT_EQ(a.type(), AttributeProto::TYPE_PROTO);
  EXPECT_EQ(a.tp().tensor_type().elem_type(), TensorProto::FLOAT);
}

}  // namespace
}  // namespace onnxforge
