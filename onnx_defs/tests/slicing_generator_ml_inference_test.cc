// Type and shape inference of Gather, Slice, Pad, Expand, Where, Constant,
// ConstantOfShape, Range and the ai.onnx.ml operators; data propagation of
// Gather and Slice; the function bodies of Range.
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/function_body.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tensor/slicing_utils.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using ::onnxforge::testing::InferNode;
using ::onnxforge::testing::Int64Tensor;
using ::onnxforge::testing::ShapeString;
using ::onnxforge::testing::TensorType;
using ::onnxforge::testing::TensorTypeNoShape;
using ::testing::ElementsAre;

constexpr int32_t kFloat = TensorProto::FLOAT;
constexpr int32_t kDouble = TensorProto::DOUBLE;
constexpr int32_t kInt64 = TensorProto::INT64;
constexpr int32_t kInt32 = TensorProto::INT32;
constexpr int32_t kString = TensorProto::STRING;
constexpr int32_t kBool = TensorProto::BOOL;
constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

using Inputs = std::vector<std::optional<TypeProto>>;
using Attrs = std::vector<AttributeProto>;
using Constants = std::vector<std::optional<TensorProto>>;

// Every output's ShapeString joined by "; ", or "error: <message>".
std::string Infer(std::string_view op, int opset, Inputs inputs, Attrs attrs = {},
                  Constants constants = {}, std::string_view domain = "", int outputs = 1) {
  auto result = InferNode(op, opset, std::move(inputs), std::move(attrs), std::move(constants),
                          domain, outputs);
  if (!result.ok()) return "error: " + std::string(result.status().message());
  std::string text;
  for (const TypeProto& t : *result) {
    if (!text.empty()) text += "; ";
    text += ShapeString(t);
  }
  return text;
}

std::string InferMl(std::string_view op, int opset, Inputs inputs, Attrs attrs = {},
                    int outputs = 1) {
  return Infer(op, opset, std::move(inputs), std::move(attrs), {}, "ai.onnx.ml", outputs);
}

TypeProto Int64Vector(int64_t length) { return TensorType(kInt64, {length}); }
TypeProto Int64Scalar() { return TensorType(kInt64, {}); }

TensorProto Int64Scalar(int64_t value) { return Int64Tensor({value}, {}); }

TensorProto FloatTensor(std::vector<float> values, std::vector<int64_t> dims,
                        int32_t type = kFloat) {
  TensorProto t;
  t.set_data_type(type);
  for (int64_t d : dims) t.add_dims(d);
  for (float v : values) t.add_float_data(v);
  return t;
}

// ---- Data propagation on one node ----

TensorShapeProto ShapeValue(std::vector<std::variant<int64_t, std::string>> dims) {
  return TensorType(kInt64, std::move(dims)).tensor_type().shape();
}

class FakePropagation : public DataPropagationContext {
 public:
  FakePropagation(std::vector<const TensorShapeProto*> data, std::vector<TypeProto> types,
                  Attrs attrs = {})
      : data_(std::move(data)), types_(std::move(types)), attrs_(std::move(attrs)) {}
  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : attrs_) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  size_t num_inputs() const override { return data_.size(); }
  const TypeProto* input_type(size_t i) const override {
    return i < types_.size() && types_[i].value_case() != TypeProto::VALUE_NOT_SET ? &types_[i]
                                                                                   : nullptr;
  }
  const TensorShapeProto* input_data(size_t i) const override {
    return i < data_.size() ? data_[i] : nullptr;
  }
  size_t num_outputs() const override { return 1; }
  void set_output_data(size_t, TensorShapeProto value) override { output_ = std::move(value); }
  int opset_version(std::string_view) const override { return 13; }

  // "[2,N]" for the output value, "none" when nothing was propagated.
  std::string Output() const {
    if (!output_) return "none";
    TypeProto t;
    *t.mutable_tensor_type()->mutable_shape() = *output_;
    t.mutable_tensor_type()->set_elem_type(kInt64);
    return ShapeString(t).substr(5);  // drop "int64"
  }

 private:
  std::vector<const TensorShapeProto*> data_;
  std::vector<TypeProto> types_;
  Attrs attrs_;
  std::optional<TensorShapeProto> output_;
};

std::string Propagate(std::string_view op, int opset, FakePropagation& ctx) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset);
  if (schema == nullptr || !schema->has_data_propagation_function()) return "no propagation";
  absl::Status status = schema->data_propagation_function()(ctx);
  if (!status.ok()) return "error: " + std::string(status.message());
  return ctx.Output();
}

// ---- Gather ----

TEST(GatherInference, IndicesReplaceTheAxis) {
  EXPECT_EQ(Infer("Gather", 13, {TensorType(kFloat, {5, "N", 3}), TensorType(kInt64, {2, 4})},
                  {IntAttr("axis", 1)}),
            "float[5,2,4,3]");
  EXPECT_EQ(Infer("Gather", 13, {TensorType(kFloat, {5, "N", 3}), TensorType(kInt32, {"K"})},
                  {IntAttr("axis", -1)}),
            "float[5,N,K]");
  EXPECT_EQ(Infer("Gather", 1, {TensorType(kString, {5, 2}), TensorType(kInt64, {3})}),
            "string[3,2]");
}

TEST(GatherInference, ScalarIndicesDropTheAxis) {
  EXPECT_EQ(Infer("Gather", 11, {TensorType(kFloat, {5, 7}), Int64Scalar()}), "float[7]");
  EXPECT_EQ(Infer("Gather", 13, {TensorType(kFloat, {5}), Int64Scalar()}), "float[]");
}

TEST(GatherInference, UnknownShapesGiveTheTypeOnly) {
  EXPECT_EQ(Infer("Gather", 13, {TensorTypeNoShape(kFloat), TensorType(kInt64, {2})}), "float");
}

TEST(GatherInference, Errors) {
  EXPECT_EQ(Infer("Gather", 13, {TensorType(kFloat, {5, 7}), TensorType(kInt64, {2})},
                  {IntAttr("axis", 2)}),
            "error: attribute 'axis' is 2, outside [-2, 1] for 'data' of rank 2");
  EXPECT_EQ(Infer("Gather", 13, {TensorType(kFloat, {}), TensorType(kInt64, {2})}),
            "error: input 'data' must have rank 1 or more, got a scalar");
  EXPECT_EQ(Infer("Gather", 13, {TensorType(kFloat, {5, 7}), TensorType(kInt64, {2})},
                  {IntAttr("axis", 1)}, {std::nullopt, Int64Tensor({3, -8}, {2})}),
            "error: input 'indices' holds -8, outside [-7, 6] for axis 1 of size 7");
}

TEST(GatherPropagation, PicksDimsOfAShapeValue) {
  const TensorShapeProto shape = ShapeValue({"N", 3, 224});
  const TensorShapeProto indices = ShapeValue({2, 0, -2});
  FakePropagation ctx({&shape, &indices}, {Int64Vector(3), Int64Vector(3)});
  EXPECT_EQ(Propagate("Gather", 13, ctx), "[224,N,3]");
}

TEST(GatherPropagation, OnlyAlongAxisZero) {
  const TensorShapeProto shape = ShapeValue({"N", 3});
  const TensorShapeProto indices = ShapeValue({1});
  FakePropagation minus_one({&shape, &indices}, {Int64Vector(2), Int64Vector(1)},
                            {IntAttr("axis", -1)});
  EXPECT_EQ(Propagate("Gather", 1, minus_one), "[3]");
  FakePropagation unknown_rank({&shape, &indices}, {TensorTypeNoShape(kInt64), Int64Vector(1)},
                               {IntAttr("axis", -1)});
  EXPECT_EQ(Propagate("Gather", 11, unknown_rank), "none");
}

TEST(GatherPropagation, IndexOutOfRange) {
  const TensorShapeProto shape = ShapeValue({"N", 3});
  const TensorShapeProto indices = ShapeValue({2});
  FakePropagation ctx({&shape, &indices}, {Int64Vector(2), Int64Vector(1)});
  EXPECT_EQ(Propagate("Gather", 13, ctx),
            "error: input 'indices' holds 2, outside [-2, 1] for a shape value of length 2");
}

// ---- Slice ----

TEST(SlicedLength, ClampsLikeOnnx) {
  using slicing::SlicedLength;
  EXPECT_EQ(SlicedLength(10, 2, 8, 1), 6);
  EXPECT_EQ(SlicedLength(10, 2, 8, 4), 2);
  EXPECT_EQ(SlicedLength(10, -3, kInt64Max, 1), 3);
  EXPECT_EQ(SlicedLength(10, 100, -100, -1), 10);     // start -> 9, end -> -1
  EXPECT_EQ(SlicedLength(10, -1, kInt64Min, -3), 4);  // 9, 6, 3, 0
  EXPECT_EQ(SlicedLength(10, 8, 2, 1), 0);
  EXPECT_EQ(SlicedLength(10, 2, 8, -1), 0);
  EXPECT_EQ(SlicedLength(10, 0, 10, kInt64Max), 1);
  EXPECT_EQ(SlicedLength(10, 9, -11, kInt64Min), 1);
  EXPECT_EQ(SlicedLength(0, 0, 5, 1), 0);
}

TEST(SliceInference, ConstantInputsGiveExactDims) {
  EXPECT_EQ(Infer("Slice", 13,
                  {TensorType(kFloat, {20, 10, 5}), Int64Vector(2), Int64Vector(2), Int64Vector(2),
                   Int64Vector(2)},
                  {},
                  {std::nullopt, Int64Tensor({0, -1}, {2}), Int64Tensor({3, kInt64Min}, {2}),
                   Int64Tensor({0, -2}, {2}), Int64Tensor({1, -2}, {2})}),
            "float[3,5,5]");
  EXPECT_EQ(Infer("Slice", 10, {TensorType(kInt32, {20, 10}), Int64Vector(1), Int64Vector(1)}, {},
                  {std::nullopt, Int64Tensor({-4}, {1}), Int64Tensor({1000}, {1})}),
            "int32[4,10]");
}

TEST(SliceInference, WholeAxisSpellingsKeepSymbolicDims) {
  EXPECT_EQ(Infer("Slice", 13,
                  {TensorType(kFloat, {"N", "M", "K"}), Int64Vector(3), Int64Vector(3),
                   Int64Vector(3), Int64Vector(3)},
                  {},
                  {std::nullopt, Int64Tensor({0, -1, 1}, {3}),
                   Int64Tensor({kInt64Max, kInt64Min, kInt64Max}, {3}), Int64Tensor({0, 1, 2}, {3}),
                   Int64Tensor({1, -1, 1}, {3})}),
            "float[N,M,?]");
}

TEST(SliceInference, UnknownBoundsKeepTheUnslicedAxes) {
  EXPECT_EQ(Infer("Slice", 13,
                  {TensorType(kFloat, {4, 0, 6}), Int64Vector(2), Int64Vector(2), Int64Vector(2)},
                  {}, {std::nullopt, std::nullopt, std::nullopt, Int64Tensor({0, -2}, {2})}),
            "float[?,0,6]");
  EXPECT_EQ(Infer("Slice", 11, {TensorType(kFloat, {4, 5, 6}), Int64Vector(1), Int64Vector(1)}),
            "float[?,5,6]");
  EXPECT_EQ(Infer("Slice", 13,
                  {TensorType(kFloat, {4, 5, 6}), Int64Vector(1), Int64Vector(1), Int64Vector(1)}),
            "float[?,?,?]");
}

TEST(SliceInference, Errors) {
  const Inputs inputs = {TensorType(kFloat, {4, 5}), Int64Vector(2), Int64Vector(2), Int64Vector(2),
                         Int64Vector(2)};
  EXPECT_EQ(Infer("Slice", 13, inputs, {},
                  {std::nullopt, Int64Tensor({0, 0}, {2}), Int64Tensor({1, 1}, {2}),
                   Int64Tensor({0, 1}, {2}), Int64Tensor({1, 0}, {2})}),
            "error: input 'steps' holds 0 at position 1; steps must be nonzero");
  EXPECT_EQ(Infer("Slice", 13, inputs, {},
                  {std::nullopt, Int64Tensor({0, 0}, {2}), Int64Tensor({1, 1}, {2}),
                   Int64Tensor({1, -1}, {2})}),
            "error: input 'axes' names axis 1 more than once");
  EXPECT_EQ(Infer("Slice", 13, inputs, {},
                  {std::nullopt, Int64Tensor({0, 0}, {2}), Int64Tensor({1, 1}, {2}),
                   Int64Tensor({0, 2}, {2})}),
            "error: input 'axes' holds axis 2, outside [-2, 1] for rank 2");
  EXPECT_EQ(Infer("Slice", 13, inputs, {},
                  {std::nullopt, Int64Tensor({0, 0}, {2}), Int64Tensor({1}, {1})}),
            "error: inputs 'starts' and 'ends' must have the same length, got 2 and 1");
  EXPECT_EQ(Infer("Slice", 10, {TensorType(kFloat, {4}), Int64Vector(2), Int64Vector(2)}, {},
                  {std::nullopt, Int64Tensor({0, 0}, {2}), Int64Tensor({1, 1}, {2})}),
            "error: input 'starts' has 2 values, more than the rank 1 of 'data'");
}

TEST(SliceInference, Version1UsesAttributes) {
  EXPECT_EQ(
      Infer("Slice", 1, {TensorType(kFloat, {20, 10, 5})},
            {IntsAttr("starts", {0, 1}), IntsAttr("ends", {3, 1000}), IntsAttr("axes", {2, 0})}),
      "float[19,10,3]");
  EXPECT_EQ(Infer("Slice", 1, {TensorType(kFloat, {"N", 10})},
                  {IntsAttr("starts", {-3}), IntsAttr("ends", {-1}), IntsAttr("axes", {-1})}),
            "float[N,2]");
  EXPECT_EQ(Infer("Slice", 1, {TensorType(kFloat, {4, 4})}, {IntsAttr("starts", {0, 1})}),
            "error: attribute 'ends' is required");
  EXPECT_EQ(Infer("Slice", 1, {TensorType(kFloat, {4, 4})},
                  {IntsAttr("starts", {0}), IntsAttr("ends", {1}), IntsAttr("axes", {0, 1})}),
            "error: attribute 'axes' has 2 values but 'starts' has 1");
}

TEST(SlicePropagation, SlicesAShapeValue) {
  const TensorShapeProto shape = ShapeValue({"N", 3, 224, 224});
  const TensorShapeProto starts = ShapeValue({1});
  const TensorShapeProto ends = ShapeValue({kInt64Max});
  FakePropagation forward({&shape, &starts, &ends},
                          {Int64Vector(4), Int64Vector(1), Int64Vector(1)});
  EXPECT_EQ(Propagate("Slice", 13, forward), "[3,224,224]");

  const TensorShapeProto back_start = ShapeValue({-1});
  const TensorShapeProto back_end = ShapeValue({kInt64Min});
  const TensorShapeProto axes = ShapeValue({0});
  const TensorShapeProto steps = ShapeValue({-2});
  FakePropagation backward(
      {&shape, &back_start, &back_end, &axes, &steps},
      {Int64Vector(4), Int64Vector(1), Int64Vector(1), Int64Vector(1), Int64Vector(1)});
  EXPECT_EQ(Propagate("Slice", 13, backward), "[224,3]");
}

TEST(SlicePropagation, UnknownStepsStopIt) {
  const TensorShapeProto shape = ShapeValue({"N", 3});
  const TensorShapeProto starts = ShapeValue({0});
  const TensorShapeProto ends = ShapeValue({1});
  FakePropagation ctx(
      {&shape, &starts, &ends, nullptr, nullptr},
      {Int64Vector(2), Int64Vector(1), Int64Vector(1), TypeProto(), Int64Vector(1)});
  EXPECT_EQ(Propagate("Slice", 13, ctx), "none");
  EXPECT_EQ(Propagate("Slice", 11, ctx), "no propagation");
}

// ---- Pad ----

TEST(PadInference, AttributeVersions) {
  EXPECT_EQ(Infer("Pad", 2, {TensorType(kFloat, {1, 2, "N"})},
                  {IntsAttr("pads", {0, 1, 0, 0, 2, 0}), StringAttr("mode", "reflect")}),
            "float[1,5,N]");
  EXPECT_EQ(Infer("Pad", 1, {TensorType(kFloat, {3, 3})}, {IntsAttr("paddings", {1, 1, 1, 1})}),
            "float[5,5]");
  EXPECT_EQ(Infer("Pad", 2, {TensorType(kFloat, {3, 3})}, {IntsAttr("pads", {1, 1})}),
            "error: attribute 'pads' has 2 values; 'data' of rank 2 needs 4");
  EXPECT_EQ(Infer("Pad", 2, {TensorType(kFloat, {3})},
                  {IntsAttr("pads", {1, 1}), StringAttr("mode", "wrap")}),
            "error: attribute 'mode' is 'wrap'; expected one of constant, reflect, edge");
}

TEST(PadInference, ConstantPads) {
  EXPECT_EQ(Infer("Pad", 11, {TensorType(kInt32, {3, "N"}), Int64Vector(4)}, {},
                  {std::nullopt, Int64Tensor({1, 0, -1, 0}, {4})}),
            "int32[3,N]");
  EXPECT_EQ(Infer("Pad", 13, {TensorType(kString, {3, "N"}), Int64Vector(4)}, {},
                  {std::nullopt, Int64Tensor({1, 0, 2, 1}, {4})}),
            "string[6,?]");
  EXPECT_EQ(Infer("Pad", 13, {TensorType(kFloat, {3, 4}), Int64Vector(4)}, {},
                  {std::nullopt, Int64Tensor({0, -2, 0, -3}, {4})}),
            "error: padding axis 1 of size 4 by -5 leaves a negative size");
  EXPECT_EQ(Infer("Pad", 13, {TensorType(kFloat, {3, 4}), Int64Vector(2)}, {},
                  {std::nullopt, Int64Tensor({1, 1}, {2})}),
            "error: input 'pads' has 2 values; 2 padded axes need 4");
}

TEST(PadInference, AxesPickThePaddedDims) {
  EXPECT_EQ(Infer("Pad", 18,
                  {TensorType(kFloat, {2, 3, 4}), Int64Vector(2), std::nullopt, Int64Vector(1)}, {},
                  {std::nullopt, Int64Tensor({1, 2}, {2}), std::nullopt, Int64Tensor({-2}, {1})}),
            "float[2,6,4]");
  // Unknown pads: only the padded axes become unknown.
  EXPECT_EQ(Infer("Pad", 25,
                  {TensorType(kFloat, {2, 3, 4}), Int64Vector(2), std::nullopt, Int64Vector(1)}, {},
                  {std::nullopt, std::nullopt, std::nullopt, Int64Tensor({2}, {1})}),
            "float[2,3,?]");
  // Unknown axes: only the rank is known.
  EXPECT_EQ(Infer("Pad", 19,
                  {TensorType(kFloat, {2, 3, 4}), Int64Vector(2), std::nullopt, Int64Vector(1)}, {},
                  {std::nullopt, Int64Tensor({1, 2}, {2})}),
            "float[?,?,?]");
}

TEST(PadInference, WrapModeArrivesInOpset19) {
  const Inputs inputs = {TensorType(kFloat, {2}), Int64Vector(2)};
  const Constants pads = {std::nullopt, Int64Tensor({1, 1}, {2})};
  EXPECT_EQ(Infer("Pad", 19, inputs, {StringAttr("mode", "wrap")}, pads), "float[4]");
  EXPECT_EQ(Infer("Pad", 18, inputs, {StringAttr("mode", "wrap")}, pads),
            "error: attribute 'mode' is 'wrap'; expected one of constant, reflect, edge");
}

// ---- Expand ----

TEST(ExpandInference, BroadcastsBothWays) {
  EXPECT_EQ(Infer("Expand", 13, {TensorType(kFloat, {3, 1}), Int64Vector(3)}, {},
                  {std::nullopt, Int64Tensor({2, 1, 6}, {3})}),
            "float[2,3,6]");
  EXPECT_EQ(Infer("Expand", 8, {TensorType(kFloat, {"N", 1}), Int64Vector(2)}, {},
                  {std::nullopt, Int64Tensor({1, 4}, {2})}),
            "float[N,4]");
  EXPECT_EQ(Infer("Expand", 13, {TensorType(kFloat, {3, 2}), Int64Vector(2)}, {},
                  {std::nullopt, Int64Tensor({3, 4}, {2})}),
            "error: 'input' cannot be expanded to 'shape': shapes cannot be broadcast: dimension "
            "2 vs 4 at axis 1");
}

TEST(ExpandInference, ShapeOfKnownLengthOnly) {
  EXPECT_EQ(Infer("Expand", 13, {TensorType(kFloat, {5, 1}), Int64Vector(3)}), "float[?,5,?]");
  EXPECT_EQ(Infer("Expand", 13, {TensorType(kFloat, {5, 1}), TensorType(kInt64, {"K"})}), "float");
}

TEST(ExpandInference, BadShapeInput) {
  EXPECT_EQ(Infer("Expand", 13, {TensorType(kFloat, {3}), Int64Vector(2)}, {},
                  {std::nullopt, Int64Tensor({2, -1}, {2})}),
            "error: input 'shape' holds the negative value -1 at position 1");
  EXPECT_EQ(Infer("Expand", 13, {TensorType(kFloat, {3}), TensorType(kInt64, {1, 2})}),
            "error: input 'shape' must be 1-D, got rank 2");
}

// ---- Where ----

TEST(WhereInference, BroadcastsAllThree) {
  EXPECT_EQ(Infer("Where", 16,
                  {TensorType(kBool, {2, 1}), TensorType(kFloat, {1, 3}), TensorType(kFloat, {3})}),
            "float[2,3]");
  EXPECT_EQ(
      Infer("Where", 9,
            {TensorType(kBool, {"N", 1}), TensorTypeNoShape(kInt64), TensorType(kInt64, {4})}),
      "int64");
  EXPECT_EQ(Infer("Where", 16,
                  {TensorType(kBool, {2}), TensorType(kFloat, {2}), TensorType(kInt64, {2})}),
            "error: inputs 'X' and 'Y' must have the same element type, got float and int64");
}

// ---- Constant ----

TEST(ConstantInference, TypeAndShapeFromTheAttribute) {
  EXPECT_EQ(
      Infer("Constant", 13, {}, {TensorAttr("value", Int64Tensor({1, 2, 3, 4, 5, 6}, {2, 3}))}),
      "int64[2,3]");
  EXPECT_EQ(Infer("Constant", 12, {}, {IntsAttr("value_ints", {1, 2, 3})}), "int64[3]");
  EXPECT_EQ(Infer("Constant", 25, {}, {FloatAttr("value_float", 1.5f)}), "float[]");
  EXPECT_EQ(Infer("Constant", 19, {}, {StringsAttr("value_strings", {"a", "b"})}), "string[2]");
  EXPECT_EQ(Infer("Constant", 21, {}, {StringAttr("value_string", "a")}), "string[]");
  SparseTensorProto sparse;
  sparse.add_dims(10);
  sparse.add_dims(4);
  sparse.mutable_values()->set_data_type(kDouble);
  EXPECT_EQ(Infer("Constant", 11, {}, {SparseTensorAttr("sparse_value", sparse)}),
            "double[10,4]");
}

TEST(ConstantInference, ExactlyOneValue) {
  EXPECT_EQ(Infer("Constant", 1, {}, {}), "error: attribute 'value' is required");
  EXPECT_EQ(Infer("Constant", 11, {}, {}),
            "error: exactly one of the attributes 'value', 'sparse_value' must be set, got none");
  EXPECT_EQ(Infer("Constant", 13, {}, {IntAttr("value_int", 1), FloatsAttr("value_floats", {1})}),
            "error: exactly one of the attributes 'value', 'sparse_value', 'value_float', "
            "'value_floats', 'value_int', 'value_ints', 'value_string', 'value_strings' must be "
            "set, got 'value_floats', 'value_int'");
}

// ---- ConstantOfShape ----

TEST(ConstantOfShapeInference, ShapeFromTheInputValues) {
  EXPECT_EQ(Infer("ConstantOfShape", 9, {Int64Vector(2)}, {}, {Int64Tensor({2, 3}, {2})}),
            "float[2,3]");
  EXPECT_EQ(Infer("ConstantOfShape", 25, {Int64Vector(0)},
                  {TensorAttr("value", Int64Tensor({7}, {1}))}, {Int64Tensor({}, {0})}),
            "int64[]");
  EXPECT_EQ(Infer("ConstantOfShape", 20, {Int64Vector(3)},
                  {TensorAttr("value", FloatTensor({1}, {}, kDouble))}),
            "double[?,?,?]");
  EXPECT_EQ(Infer("ConstantOfShape", 21, {TensorType(kInt64, {"R"})}), "float");
}

TEST(ConstantOfShapeInference, Errors) {
  EXPECT_EQ(Infer("ConstantOfShape", 9, {Int64Vector(2)}, {}, {Int64Tensor({2, -3}, {2})}),
            "error: input 'input' holds the negative value -3 at position 1");
  EXPECT_EQ(Infer("ConstantOfShape", 9, {Int64Vector(1)},
                  {TensorAttr("value", FloatTensor({1, 2}, {2}))}),
            "error: attribute 'value' must hold exactly one element, got 2");
}

// ---- Range ----

TEST(RangeInference, LengthFromConstantInputs) {
  const Inputs ints = {Int64Scalar(), Int64Scalar(), Int64Scalar()};
  EXPECT_EQ(Infer("Range", 11, ints, {}, {Int64Scalar(3), Int64Scalar(9), Int64Scalar(3)}),
            "int64[2]");
  EXPECT_EQ(Infer("Range", 11, ints, {}, {Int64Scalar(10), Int64Scalar(4), Int64Scalar(-2)}),
            "int64[3]");
  EXPECT_EQ(Infer("Range", 27, ints, {}, {Int64Scalar(0), Int64Scalar(-5), Int64Scalar(1)}),
            "int64[0]");
  const Inputs floats = {TensorType(kFloat, {}), TensorType(kFloat, {}), TensorType(kFloat, {})};
  EXPECT_EQ(Infer("Range", 11, floats, {},
                  {FloatTensor({1}, {}), FloatTensor({2}, {}), FloatTensor({0.3f}, {})}),
            "float[4]");
  EXPECT_EQ(Infer("Range", 11, floats), "float[?]");
}

TEST(RangeInference, Errors) {
  const Inputs ints = {Int64Scalar(), Int64Scalar(), Int64Scalar()};
  EXPECT_EQ(Infer("Range", 11, ints, {}, {Int64Scalar(0), Int64Scalar(4), Int64Scalar(0)}),
            "error: input 'delta' is 0");
  EXPECT_EQ(Infer("Range", 11, {Int64Scalar(), TensorType(kInt32, {}), Int64Scalar()}),
            "error: inputs 'start', 'limit' and 'delta' must share one element type, got int64 "
            "and int32");
}

// Parses a function body and lists its node op types.
std::vector<std::string> BodyOps(const OpSchema& schema, int opset,
                                 const std::vector<const TypeProto*>& types) {
  NodeProto call;
  call.set_op_type("Range");
  for (const char* name : {"s", "l", "d"}) call.add_input(name);
  call.add_output("r");
  auto body = ExpandSchemaCall(schema, call, opset, types);
  if (!body.ok()) return {"error: " + std::string(body.status().message())};
  std::vector<std::string> ops;
  for (const auto& node : body->nodes) ops.push_back(node.op_type());
  return ops;
}

TEST(RangeBody, Opset11LoopsInTheInputType) {
  const OpSchema* range = SchemaRegistry::Instance().Exact("Range", 11);
  ASSERT_NE(range, nullptr);
  EXPECT_THAT(
      BodyOps(*range, 11, {nullptr, nullptr, nullptr}),
      ElementsAre("Cast", "Cast", "Cast", "Sub", "Div", "Ceil", "Relu", "Cast", "Cast", "Loop"));
}

TEST(RangeBody, Opset27CastsACounter) {
  const OpSchema* range = SchemaRegistry::Instance().Exact("Range", 27);
  ASSERT_NE(range, nullptr);
  const TypeProto int32 = TensorType(kInt32, {});
  EXPECT_THAT(
      BodyOps(*range, 27, {&int32, &int32, &int32}),
      ElementsAre("Cast", "Cast", "Cast", "Sub", "Div", "Ceil", "Relu", "Cast", "Constant",
                  "Reshape", "ConstantOfShape", "Constant", "CumSum", "Cast", "Mul", "Add"));
  const TypeProto half = TensorType(TensorProto::FLOAT16, {});
  EXPECT_THAT(BodyOps(*range, 27, {&half, &half, &half}),
              ElementsAre("Cast", "Cast", "Cast", "Sub", "Div", "Ceil", "Relu", "Cast", "Constant",
                          "Reshape", "ConstantOfShape", "Constant", "CumSum", "Cast", "Cast",
                          "Cast", "Mul", "Add", "Cast"));
  EXPECT_THAT(BodyOps(*range, 27, {nullptr, nullptr, nullptr}),
              ElementsAre("error: Range-27 (ai.onnx): building the function body failed: Range "
                          "needs the element type of input 'start' to build its body"));
}

// ---- ai.onnx.ml ----

TEST(MlInference, LinearClassifier) {
  EXPECT_EQ(InferMl("LinearClassifier", 1, {TensorType(kFloat, {"N", 4})},
                    {FloatsAttr("coefficients", std::vector<float>(12, 1.0f)),
                     FloatsAttr("intercepts", {0, 0, 0}),
                     StringsAttr("classlabels_strings", {"a", "b", "c"})},
                    2),
            "string[N]; float[N,3]");
  // Binary: one row of weights, two labels, both scores out.
  EXPECT_EQ(
      InferMl("LinearClassifier", 1, {TensorType(kDouble, {4})},
              {FloatsAttr("coefficients", {1, 2, 3, 4}), IntsAttr("classlabels_ints", {0, 1})}, 2),
      "int64[1]; float[1,2]");
  EXPECT_EQ(InferMl("LinearClassifier", 1, {TensorType(kFloat, {2, 3, 4})},
                    {FloatsAttr("coefficients", {1})}, 2),
            "error: input 'X' must be 1-D or 2-D, got rank 3");
  EXPECT_EQ(InferMl("LinearClassifier", 1, {TensorType(kFloat, {2, 4})},
                    {FloatsAttr("coefficients", {1}), StringsAttr("classlabels_strings", {"a"}),
                     IntsAttr("classlabels_ints", {1})},
                    2),
            "error: only one of the attributes 'classlabels_strings', 'classlabels_ints' may be "
            "set");
}

TEST(MlInference, RegressorsAndTransforms) {
  EXPECT_EQ(InferMl("LinearRegressor", 1, {TensorType(kInt32, {"N", 3})}, {IntAttr("targets", 2)}),
            "float[N,2]");
  EXPECT_EQ(InferMl("Scaler", 1, {TensorType(kInt64, {"N", 3})},
                    {FloatsAttr("offset", {1}), FloatsAttr("scale", {1, 2, 3})}),
            "float[N,3]");
  EXPECT_EQ(InferMl("Scaler", 1, {TensorType(kFloat, {"N", 3})}, {FloatsAttr("scale", {1, 2})}),
            "error: attribute 'scale' has 2 values; expected 1 or 3, the size of the last axis "
            "of 'X'");
  EXPECT_EQ(InferMl("Normalizer", 1, {TensorType(kDouble, {5})}, {StringAttr("norm", "L2")}),
            "float[5]");
  EXPECT_EQ(InferMl("Normalizer", 1, {TensorType(kDouble, {5})}, {StringAttr("norm", "L3")}),
            "error: attribute 'norm' is 'L3'; expected one of MAX, L1, L2");
  EXPECT_EQ(InferMl("Binarizer", 1, {TensorType(kInt32, {2, "N"})}), "int32[2,N]");
}

TEST(MlInference, ArrayFeatureExtractor) {
  EXPECT_EQ(
      InferMl("ArrayFeatureExtractor", 1, {TensorType(kString, {"N", 5}), TensorType(kInt64, {3})}),
      "string[N,3]");
  EXPECT_EQ(
      InferMl("ArrayFeatureExtractor", 1, {TensorType(kFloat, {5}), TensorType(kInt64, {1, 2})}),
      "float[1,2]");
  EXPECT_EQ(InferMl("ArrayFeatureExtractor", 1,
                    {TensorType(kFloat, {2, 3, 5}), TensorType(kInt64, {1, "K"})}),
            "float[2,3,K]");
  EXPECT_EQ(InferMl("ArrayFeatureExtractor", 1,
                    {TensorType(kFloat, {2, 5}), TensorType(kInt64, {"J", "K"})}),
            "float[2,?]");
}

TEST(MlInference, ZipMap) {
  EXPECT_EQ(InferMl("ZipMap", 1, {TensorType(kFloat, {"N", 2})},
                    {StringsAttr("classlabels_strings", {"a", "b"})}),
            "seq(map(string,float[]))");
  EXPECT_EQ(InferMl("ZipMap", 1, {TensorType(kFloat, {"N", 2})},
                    {IntsAttr("classlabels_int64s", {3, 4})}),
            "seq(map(int64,float[]))");
  EXPECT_EQ(InferMl("ZipMap", 1, {TensorType(kFloat, {"N", 3})},
                    {IntsAttr("classlabels_int64s", {3, 4})}),
            "error: input 'X' has 3 columns but there are 2 class labels");
  EXPECT_EQ(InferMl("ZipMap", 1, {TensorType(kFloat, {"N", 3})}),
            "error: one of the attributes 'classlabels_strings', 'classlabels_int64s' must be set");
}

TEST(MlInference, LabelEncoder) {
  EXPECT_EQ(InferMl("LabelEncoder", 1, {TensorType(kString, {"N"})}), "int64[N]");
  EXPECT_EQ(InferMl("LabelEncoder", 2, {TensorType(kFloat, {2, 3})},
                    {FloatsAttr("keys_floats", {1, 2}), StringsAttr("values_strings", {"a", "b"})}),
            "string[2,3]");
  EXPECT_EQ(InferMl("LabelEncoder", 2, {TensorType(kInt64, {2})},
                    {FloatsAttr("keys_floats", {1, 2}), StringsAttr("values_strings", {"a", "b"})}),
            "error: input 'X' has element type int64 but the keys are float");
  EXPECT_EQ(InferMl("LabelEncoder", 4, {TensorType(kInt32, {"N"})},
                    {TensorAttr("keys_tensor",
                                [] {
                                  TensorProto t;
                                  t.set_data_type(kInt32);
                                  t.add_dims(2);
                                  t.add_int32_data(1);
                                  t.add_int32_data(2);
                                  return t;
                                }()),
                     TensorAttr("values_tensor", FloatTensor({1, 2}, {2}, kDouble)),
                     TensorAttr("default_tensor", FloatTensor({0}, {1}, kDouble))}),
            "double[N]");
  EXPECT_EQ(InferMl("LabelEncoder", 4, {TensorType(kInt64, {"N"})},
                    {IntsAttr("keys_int64s", {1, 2}), FloatsAttr("values_floats", {1})}),
            "error: there are 2 keys but 1 values; they pair up one to one");
  EXPECT_EQ(InferMl("LabelEncoder", 4, {TensorType(kInt64, {"N"})},
                    {IntsAttr("keys_int64s", {1}), FloatsAttr("values_floats", {1}),
                     TensorAttr("default_tensor", Int64Tensor({0}, {1}))}),
            "error: attribute 'default_tensor' has element type int64 but the values are float");
}

Attrs SmallTree(std::vector<std::string> modes) {
  return {IntsAttr("nodes_treeids", {0, 0, 0}),         IntsAttr("nodes_nodeids", {0, 1, 2}),
          IntsAttr("nodes_featureids", {0, 0, 0}),      FloatsAttr("nodes_values", {0.5f, 0, 0}),
          StringsAttr("nodes_modes", std::move(modes)), IntsAttr("nodes_truenodeids", {1, 0, 0}),
          IntsAttr("nodes_falsenodeids", {2, 0, 0})};
}

TEST(MlInference, TreeEnsembleClassifier) {
  Attrs attrs = SmallTree({"BRANCH_LEQ", "LEAF", "LEAF"});
  attrs.push_back(IntsAttr("classlabels_int64s", {7, 8, 9}));
  EXPECT_EQ(InferMl("TreeEnsembleClassifier", 3, {TensorType(kFloat, {"N", 4})}, attrs, 2),
            "int64[N]; float[N,3]");
  EXPECT_EQ(InferMl("TreeEnsembleClassifier", 1, {TensorType(kFloat, {4})}, attrs, 2),
            "error: input 'X' must be 2-D [N, F], got rank 1");
  Attrs unlabeled = SmallTree({"BRANCH_LEQ", "LEAF", "LEAF"});
  EXPECT_EQ(InferMl("TreeEnsembleClassifier", 5, {TensorType(kFloat, {"N", 4})}, unlabeled, 2),
            "error: one of the attributes 'classlabels_strings', 'classlabels_int64s' must be set");
  Attrs short_modes = SmallTree({"BRANCH_LEQ", "LEAF"});
  short_modes.push_back(StringsAttr("classlabels_strings", {"x"}));
  EXPECT_EQ(InferMl("TreeEnsembleClassifier", 3, {TensorType(kFloat, {"N", 4})}, short_modes, 2),
            "error: attribute 'nodes_modes' has 2 values but 'nodes_treeids' has 3; they hold "
            "one value per node");
  attrs.push_back(TensorAttr("nodes_values_as_tensor", FloatTensor({0.5f, 0, 0}, {3}, kDouble)));
  EXPECT_EQ(InferMl("TreeEnsembleClassifier", 3, {TensorType(kFloat, {"N", 4})}, attrs, 2),
            "error: attributes 'nodes_values' and 'nodes_values_as_tensor' cannot both be set");
}

TEST(MlInference, TreeEnsembleRegressor) {
  Attrs attrs = SmallTree({"BRANCH_LEQ", "LEAF", "LEAF"});
  attrs.push_back(IntAttr("n_targets", 2));
  EXPECT_EQ(InferMl("TreeEnsembleRegressor", 1, {TensorType(kDouble, {"N", 4})}, attrs),
            "float[N,2]");
  EXPECT_EQ(InferMl("TreeEnsembleRegressor", 3, {TensorType(kDouble, {"N", 4})},
                    SmallTree({"BRANCH_LEQ", "LEAF", "LEAF"})),
            "float[N,?]");
  attrs.push_back(StringAttr("aggregate_function", "MEDIAN"));
  EXPECT_EQ(InferMl("TreeEnsembleRegressor", 5, {TensorType(kDouble, {"N", 4})}, attrs),
            "error: attribute 'aggregate_function' is 'MEDIAN'; expected one of AVERAGE, SUM, "
            "MIN, MAX");
}

Attrs TreeEnsembleAttrs(int32_t split_type) {
  TensorProto modes;
  modes.set_data_type(TensorProto::UINT8);
  modes.add_dims(1);
  modes.add_int32_data(0);
  return {IntsAttr("tree_roots", {0}),
          IntsAttr("nodes_featureids", {0}),
          TensorAttr("nodes_splits", FloatTensor({0.5f}, {1}, split_type)),
          TensorAttr("nodes_modes", modes),
          IntsAttr("nodes_truenodeids", {0}),
          IntsAttr("nodes_falsenodeids", {1}),
          IntsAttr("nodes_trueleafs", {1}),
          IntsAttr("nodes_falseleafs", {1}),
          IntsAttr("leaf_targetids", {0, 0}),
          TensorAttr("leaf_weights", FloatTensor({1, 2}, {2}, split_type)),
          IntAttr("n_targets", 1)};
}

TEST(MlInference, TreeEnsemble) {
  EXPECT_EQ(InferMl("TreeEnsemble", 5, {TensorType(kDouble, {"N", 3})}, TreeEnsembleAttrs(kDouble)),
            "double[N,1]");
  EXPECT_EQ(InferMl("TreeEnsemble", 5, {TensorType(kFloat, {"N", 3})}, TreeEnsembleAttrs(kDouble)),
            "error: attribute 'nodes_splits' has element type double but input 'X' is float");
  Attrs bad_modes = TreeEnsembleAttrs(kFloat);
  bad_modes[3] = TensorAttr("nodes_modes", Int64Tensor({0}, {1}));
  EXPECT_EQ(InferMl("TreeEnsemble", 5, {TensorType(kFloat, {"N", 3})}, bad_modes),
            "error: attribute 'nodes_modes' must have element type uint8, got int64");
  Attrs bad_leaves = TreeEnsembleAttrs(kFloat);
  bad_leaves[8] = IntsAttr("leaf_targetids", {0});
  EXPECT_EQ(InferMl("TreeEnsemble", 5, {TensorType(kFloat, {"N", 3})}, bad_leaves),
            "error: attribute 'leaf_weights' has 2 values but 'leaf_targetids' has 1");
  Attrs bad_transform = TreeEnsembleAttrs(kFloat);
  bad_transform.push_back(IntAttr("post_transform", 5));
  EXPECT_EQ(InferMl("TreeEnsemble", 5, {TensorType(kFloat, {"N", 3})}, bad_transform),
            "error: attribute 'post_transform' is 5; expected 0 (NONE), 1 (SOFTMAX), 2 "
            "(LOGISTIC), 3 (SOFTMAX_ZERO) or 4 (PROBIT)");
}

}  // namespace
}  // namespace onnxforge
