// Shape inference and data propagation of the tensor-manipulation ops
// (onnx_defs/tensor/defs.cc and old.cc): Cast, Reshape, Squeeze, Unsqueeze,
// Concat, Split, Transpose, Flatten, Shape, Identity.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using testing::InferNode;
using testing::Int64Tensor;
using testing::ShapeString;
using testing::TensorType;
using testing::TensorTypeNoShape;

constexpr int32_t kFloat = TensorProto::FLOAT;
constexpr int32_t kInt64 = TensorProto::INT64;

// The shape strings of the outputs ("a | b"), or "error: <message>".
std::string Infer(std::string_view op, int opset, std::vector<std::optional<TypeProto>> inputs,
                  std::vector<AttributeProto> attrs = {},
                  std::vector<std::optional<TensorProto>> constants = {}, int num_outputs = 1) {
  auto result = InferNode(op, opset, std::move(inputs), std::move(attrs), std::move(constants), "",
                          num_outputs);
  if (!result.ok()) return "error: " + std::string(result.status().message());
  std::vector<std::string> shapes;
  for (const auto& t : *result) shapes.push_back(ShapeString(t));
  return absl::StrJoin(shapes, " | ");
}

TypeProto Int64Vector(int64_t length) { return TensorType(kInt64, {length}); }

// A 1-D int64 constant and its type, for inputs such as Reshape's shape.
std::pair<TypeProto, TensorProto> Ints(std::vector<int64_t> values) {
  const int64_t n = static_cast<int64_t>(values.size());
  return {Int64Vector(n), Int64Tensor(std::move(values), {n})};
}

// Infers `op` with a data input and a constant int64 second input.
std::string InferWithInts(std::string_view op, int opset, TypeProto data,
                          std::vector<int64_t> values, std::vector<AttributeProto> attrs = {},
                          int num_outputs = 1) {
  auto [type, constant] = Ints(std::move(values));
  return Infer(op, opset, {data, type}, std::move(attrs), {std::nullopt, constant}, num_outputs);
}

// ---- Cast ----------------------------------------------------------------------

TEST(Cast, TakesTheElementTypeFromToAndKeepsTheShape) {
  EXPECT_EQ(Infer("Cast", 25, {TensorType(kFloat, {2, "N"})}, {IntAttr("to", kInt64)}),
            "int64[2,N]");
  EXPECT_EQ(Infer("Cast", 6, {TensorTypeNoShape(kInt64)}, {IntAttr("to", TensorProto::BOOL)}),
            "bool");
  EXPECT_EQ(Infer("Cast", 19, {TensorType(kFloat, {3})},
                  {IntAttr("to", TensorProto::FLOAT8E4M3FN), IntAttr("saturate", 0)}),
            "float8e4m3fn[3]");
}

TEST(Cast, OpsetOneNamesTheType) {
  EXPECT_EQ(Infer("Cast", 1, {TensorType(kInt64, {4})}, {StringAttr("to", "FLOAT")}), "float[4]");
  EXPECT_EQ(Infer("Cast", 1, {TensorType(kInt64, {4})}, {StringAttr("to", "COMPLEX")}),
            "error: attribute 'to' is \"COMPLEX\", which names no element type (use a "
            "TensorProto.DataType name such as \"FLOAT\")");
}

TEST(Cast, RejectsTargetsTheVersionLacks) {
  EXPECT_EQ(
      Infer("Cast", 13, {TensorType(kFloat, {3})}, {IntAttr("to", TensorProto::FLOAT8E4M3FN)}),
      "error: attribute 'to' asks for float8e4m3fn, which this version of Cast does not "
      "convert to");
  EXPECT_EQ(Infer("Cast", 6, {TensorType(kFloat, {3})}, {IntAttr("to", TensorProto::STRING)}),
            "error: attribute 'to' asks for string, which this version of Cast does not "
            "convert to");
  EXPECT_EQ(Infer("Cast", 9, {TensorType(kFloat, {3})}, {IntAttr("to", TensorProto::STRING)}),
            "string[3]");
  EXPECT_EQ(Infer("Cast", 25, {TensorType(kFloat, {3})}, {IntAttr("to", 99)}),
            "error: attribute 'to' is 99, which is no TensorProto.DataType value");
  EXPECT_EQ(Infer("Cast", 25, {TensorType(kFloat, {3})}, {}), "error: attribute 'to' is required");
}

TEST(Cast, ChecksRoundMode) {
  EXPECT_EQ(Infer("Cast", 24, {TensorType(kFloat, {3})},
                  {IntAttr("to", TensorProto::FLOAT8E8M0), StringAttr("round_mode", "nearest")}),
            "float8e8m0[3]");
  EXPECT_EQ(Infer("Cast", 24, {TensorType(kFloat, {3})},
                  {IntAttr("to", TensorProto::FLOAT8E8M0), StringAttr("round_mode", "even")}),
            "error: attribute 'round_mode' is \"even\"; expected \"up\", \"down\" or \"nearest\"");
}

// ---- Reshape -------------------------------------------------------------------

TEST(Reshape, CopiesZerosAndInfersMinusOne) {
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {2, 3, 4}), {0, -1}), "float[2,12]");
  EXPECT_EQ(InferWithInts("Reshape", 5, TensorType(kFloat, {2, 3, 4}), {-1}), "float[24]");
  EXPECT_EQ(InferWithInts("Reshape", 13, TensorType(kFloat, {2, 3, 4}), {4, 0, 2}), "float[4,3,2]");
  EXPECT_EQ(InferWithInts("Reshape", 14, TensorType(kFloat, {1, 1}), {}), "float[]");
}

TEST(Reshape, KeepsSymbolsCopiedByZero) {
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {"N", 3, 4}), {0, 12}), "float[N,12]");
  // The copied symbol appears on both sides, so the -1 is still known.
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {"N", 3, 4}), {0, -1}), "float[N,12]");
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {3, "N"}), {-1, 3}), "float[?,3]");
}

TEST(Reshape, AllowZeroKeepsZeros) {
  EXPECT_EQ(
      InferWithInts("Reshape", 14, TensorType(kFloat, {0, 3}), {3, 0}, {IntAttr("allowzero", 1)}),
      "float[3,0]");
  EXPECT_EQ(
      InferWithInts("Reshape", 14, TensorType(kFloat, {0, 3}), {0, -1}, {IntAttr("allowzero", 1)}),
      "error: the target shape [0,-1] has a -1 and a dimension of size 0; the -1 cannot "
      "be inferred");
}

TEST(Reshape, RejectsBadTargets) {
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {2, 3}), {-1, -1}),
            "error: the target shape [-1,-1] has more than one -1 (entries 0 and 1)");
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {2, 3}), {-2, 3}),
            "error: the target shape [-2,3] has -2 at entry 0; entries must be -1 or more");
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {6}), {2, 0}),
            "error: the target shape [2,0] has 0 at entry 1, which copies an input dimension, "
            "but the input [6] has rank 1");
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {2, 3}), {4, -1}),
            "error: cannot reshape [2,3] into [4,-1]: 6 elements do not divide by 4");
  EXPECT_EQ(InferWithInts("Reshape", 25, TensorType(kFloat, {2, 3}), {4, 2}),
            "error: cannot reshape [2,3] (6 elements) into [4,2] (8 elements)");
}

TEST(Reshape, NonConstantShapeGivesTheRank) {
  EXPECT_EQ(Infer("Reshape", 25, {TensorType(kFloat, {2, 3}), Int64Vector(3)}), "float[?,?,?]");
  EXPECT_EQ(Infer("Reshape", 25, {TensorType(kFloat, {2, 3}), TensorType(kInt64, {"K"})}), "float");
  EXPECT_EQ(Infer("Reshape", 25, {TensorType(kFloat, {2, 3}), TensorType(kInt64, {2, 2})}),
            "error: the shape input must be 1-D; it has shape [2,2]");
}

TEST(Reshape, OpsetOneReadsTheAttribute) {
  EXPECT_EQ(Infer("Reshape", 1, {TensorType(kFloat, {2, 3})}, {IntsAttr("shape", {3, -1})}),
            "float[3,2]");
  EXPECT_EQ(Infer("Reshape", 1, {TensorType(kFloat, {2, 3})}), "float");
}

// An inference context whose input 1 carries a propagated shape value.
class ShapeValueContext : public InferenceContext {
 public:
  ShapeValueContext(TypeProto data, TensorShapeProto value) : data_(std::move(data)) {
    shape_type_ = TensorType(kInt64, {value.dim_size()});
    value_ = std::move(value);
  }
  const AttributeProto* attribute(std::string_view) const override { return nullptr; }
  size_t num_inputs() const override { return 2; }
  bool has_input(size_t i) const override { return i < 2; }
  const TypeProto* input_type(size_t i) const override {
    return i == 0 ? &data_ : i == 1 ? &shape_type_ : nullptr;
  }
  const TensorProto* input_data(size_t) const override { return nullptr; }
  const TensorShapeProto* input_shape_data(size_t i) const override {
    return i == 1 ? &value_ : nullptr;
  }
  size_t num_outputs() const override { return 1; }
  bool has_output(size_t i) const override { return i == 0; }
  TypeProto* output_type(size_t i) override { return i == 0 ? &output_ : nullptr; }
  GraphInferencer* graph_inferencer(std::string_view) override { return nullptr; }
  int opset_version(std::string_view) const override { return 25; }

  const TypeProto& output() const { return output_; }

 private:
  TypeProto data_, shape_type_, output_;
  TensorShapeProto value_;
};

TEST(Reshape, TakesSymbolsFromAPropagatedShapeValue) {
  TensorShapeProto value;
  value.add_dim()->set_dim_param("B");
  value.add_dim()->set_dim_value(-1);
  value.add_dim()->set_dim_value(4);
  ShapeValueContext ctx(TensorType(kFloat, {"B", 8}), value);
  const OpSchema* schema = SchemaRegistry::Instance().Lookup("Reshape", 25);
  ASSERT_NE(schema, nullptr);
  ASSERT_TRUE(schema->inference_function()(ctx).ok());
  // The symbol's value is unknown, so the -1 stays unknown.
  EXPECT_EQ(ShapeString(ctx.output()), "float[B,?,4]");
}

// ---- Squeeze ---------------------------------------------------------------------

TEST(Squeeze, RemovesListedAxes) {
  EXPECT_EQ(InferWithInts("Squeeze", 25, TensorType(kFloat, {1, 3, 1, "N"}), {0, -2}),
            "float[3,N]");
  EXPECT_EQ(InferWithInts("Squeeze", 13, TensorType(kFloat, {"N", 3}), {0}), "float[3]");
  EXPECT_EQ(Infer("Squeeze", 11, {TensorType(kFloat, {3, 1})}, {IntsAttr("axes", {-1})}),
            "float[3]");
  EXPECT_EQ(Infer("Squeeze", 1, {TensorType(kFloat, {1, 2})}, {IntsAttr("axes", {0})}), "float[2]");
}

TEST(Squeeze, WithoutAxesRemovesEveryOne) {
  EXPECT_EQ(Infer("Squeeze", 25, {TensorType(kFloat, {1, 3, 1})}), "float[3]");
  EXPECT_EQ(Infer("Squeeze", 25, {TensorType(kFloat, {1, 1})}), "float[]");
  // An unknown dim may be 1: the rank is unknown.
  EXPECT_EQ(Infer("Squeeze", 25, {TensorType(kFloat, {1, "N"})}), "float");
  EXPECT_EQ(Infer("Squeeze", 1, {TensorType(kFloat, {2, 1})}), "float[2]");
}

TEST(Squeeze, NonConstantAxesGiveTheRank) {
  EXPECT_EQ(Infer("Squeeze", 25, {TensorType(kFloat, {1, 3, 1}), Int64Vector(1)}), "float[?,?]");
  EXPECT_EQ(Infer("Squeeze", 25, {TensorType(kFloat, {1, 3, 1}), TensorType(kInt64, {"K"})}),
            "float");
}

TEST(Squeeze, RejectsBadAxes) {
  EXPECT_EQ(InferWithInts("Squeeze", 25, TensorType(kFloat, {1, 3}), {1}),
            "error: cannot squeeze axis 1 of [1,3]: its size is 3, not 1");
  EXPECT_EQ(InferWithInts("Squeeze", 25, TensorType(kFloat, {1, 3}), {2}),
            "error: axes entry is 2, outside [-2, 1] for rank 2");
  EXPECT_EQ(InferWithInts("Squeeze", 25, TensorType(kFloat, {1, 3}), {0, -2}),
            "error: axes entry -2 repeats axis 0");
}

// ---- Unsqueeze -------------------------------------------------------------------

TEST(Unsqueeze, InsertsOnesAtOutputPositions) {
  EXPECT_EQ(InferWithInts("Unsqueeze", 25, TensorType(kFloat, {3, 4}), {0, -1}), "float[1,3,4,1]");
  EXPECT_EQ(InferWithInts("Unsqueeze", 13, TensorType(kFloat, {2, "N"}), {3, 0}), "float[1,2,N,1]");
  EXPECT_EQ(InferWithInts("Unsqueeze", 25, TensorType(kFloat, {}), {0}), "float[1]");
  EXPECT_EQ(Infer("Unsqueeze", 11, {TensorType(kFloat, {3, 4})}, {IntsAttr("axes", {-2})}),
            "float[3,1,4]");
  EXPECT_EQ(Infer("Unsqueeze", 1, {TensorType(kFloat, {3, 4})}, {IntsAttr("axes", {1})}),
            "float[3,1,4]");
}

TEST(Unsqueeze, NonConstantAxesGiveTheRank) {
  EXPECT_EQ(Infer("Unsqueeze", 25, {TensorType(kFloat, {3}), Int64Vector(2)}), "float[?,?,?]");
}

TEST(Unsqueeze, RejectsBadAxes) {
  EXPECT_EQ(InferWithInts("Unsqueeze", 25, TensorType(kFloat, {3, 4}), {0, -4}),
            "error: axes entry -4 repeats axis 0");
  EXPECT_EQ(InferWithInts("Unsqueeze", 25, TensorType(kFloat, {3}), {2}),
            "error: axes entry is 2, outside [-2, 1] for rank 2");
  EXPECT_EQ(Infer("Unsqueeze", 1, {TensorType(kFloat, {3})}),
            "error: attribute 'axes' is required");
}

// ---- Concat ------------------------------------------------------------------------

TEST(Concat, SumsTheAxisAndMergesTheRest) {
  EXPECT_EQ(Infer("Concat", 13, {TensorType(kFloat, {2, "N"}), TensorType(kFloat, {3, "N"})},
                  {IntAttr("axis", 0)}),
            "float[5,N]");
  EXPECT_EQ(Infer("Concat", 11, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {"?", 4})},
                  {IntAttr("axis", -1)}),
            "float[2,7]");
  EXPECT_EQ(Infer("Concat", 13, {TensorType(kFloat, {2, 3}), TensorTypeNoShape(kFloat)},
                  {IntAttr("axis", 0)}),
            "float[?,3]");
  EXPECT_EQ(Infer("Concat", 4, {TensorType(kFloat, {2, 3})}, {IntAttr("axis", 1)}), "float[2,3]");
}

TEST(Concat, OpsetOneDefaultsTheAxisToOne) {
  EXPECT_EQ(Infer("Concat", 1, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {2, 4})}),
            "float[2,7]");
  EXPECT_EQ(Infer("Concat", 4, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {2, 4})}),
            "error: attribute 'axis' is required");
}

TEST(Concat, RejectsMismatches) {
  EXPECT_EQ(Infer("Concat", 13, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {3, 3})},
                  {IntAttr("axis", 1)}),
            "error: input 1 has shape [3,3], which differs from the other inputs at axis 0 "
            "(only axis 1 may differ)");
  EXPECT_EQ(Infer("Concat", 13, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {2})},
                  {IntAttr("axis", 0)}),
            "error: input 1 has rank 1 but input 0 has rank 2");
  EXPECT_EQ(
      Infer("Concat", 13, {TensorType(kFloat, {2}), TensorType(kInt64, {2})}, {IntAttr("axis", 0)}),
      "error: input 1 has element type int64 but input 0 has float");
  EXPECT_EQ(
      Infer("Concat", 13, {TensorType(kFloat, {}), TensorType(kFloat, {})}, {IntAttr("axis", 0)}),
      "error: attribute 'axis' is 0 but the input is a scalar (rank 0)");
  EXPECT_EQ(
      Infer("Concat", 13, {TensorType(kFloat, {2}), TensorType(kFloat, {2})}, {IntAttr("axis", 1)}),
      "error: attribute 'axis' is 1, outside [-1, 0] for rank 1");
}

// ---- Split -------------------------------------------------------------------------

TEST(Split, NumOutputsCutsCeilSizedParts) {
  EXPECT_EQ(Infer("Split", 18, {TensorType(kFloat, {7, 2})}, {IntAttr("num_outputs", 3)}, {}, 3),
            "float[3,2] | float[3,2] | float[1,2]");
  EXPECT_EQ(Infer("Split", 18, {TensorType(kFloat, {"N", 6})},
                  {IntAttr("num_outputs", 2), IntAttr("axis", -1)}, {}, 2),
            "float[N,3] | float[N,3]");
  EXPECT_EQ(Infer("Split", 18, {TensorType(kFloat, {"N"})}, {IntAttr("num_outputs", 2)}, {}, 2),
            "float[?] | float[?]");
}

TEST(Split, NumOutputsErrors) {
  EXPECT_EQ(Infer("Split", 18, {TensorType(kFloat, {2})}, {IntAttr("num_outputs", 4)}, {}, 4),
            "error: cannot cut length 2 into 4 parts of 1 with a smaller last part; use fewer "
            "outputs or the 'split' input");
  EXPECT_EQ(Infer("Split", 18, {TensorType(kFloat, {6})}, {IntAttr("num_outputs", 3)}, {}, 2),
            "error: attribute 'num_outputs' is 3 but the node has 2 outputs");
  EXPECT_EQ(Infer("Split", 18, {TensorType(kFloat, {6})}, {}, {}, 2),
            "error: needs the 'split' input or attribute 'num_outputs'");
  EXPECT_EQ(
      InferWithInts("Split", 18, TensorType(kFloat, {6}), {3, 3}, {IntAttr("num_outputs", 2)}, 2),
      "error: give either the 'split' input or attribute 'num_outputs', not both");
}

TEST(Split, SizesFromTheInput) {
  EXPECT_EQ(InferWithInts("Split", 13, TensorType(kFloat, {7}), {2, 5}, {}, 2),
            "float[2] | float[5]");
  EXPECT_EQ(
      InferWithInts("Split", 18, TensorType(kFloat, {"N", 3}), {1, 2}, {IntAttr("axis", 1)}, 2),
      "float[N,1] | float[N,2]");
  // Known sizes fill in an unknown length.
  EXPECT_EQ(InferWithInts("Split", 13, TensorType(kFloat, {"N"}), {1, 2}, {}, 2),
            "float[1] | float[2]");
  EXPECT_EQ(
      Infer("Split", 13, {TensorType(kFloat, {4, 6}), Int64Vector(2)}, {IntAttr("axis", 1)}, {}, 2),
      "float[4,?] | float[4,?]");
  EXPECT_EQ(InferWithInts("Split", 13, TensorType(kFloat, {7}), {2, 4}, {}, 2),
            "error: 'split' sizes add up to 6 but axis 0 of the input has length 7");
  EXPECT_EQ(InferWithInts("Split", 13, TensorType(kFloat, {7}), {7}, {}, 2),
            "error: 'split' has 1 entries but the node has 2 outputs");
}

TEST(Split, EqualPartsWithoutSizes) {
  EXPECT_EQ(Infer("Split", 13, {TensorType(kFloat, {6, 2})}, {}, {}, 3),
            "float[2,2] | float[2,2] | float[2,2]");
  EXPECT_EQ(Infer("Split", 13, {TensorType(kFloat, {7})}, {}, {}, 2),
            "error: axis 0 has length 7, which does not split evenly into 2 outputs");
  EXPECT_EQ(Infer("Split", 2, {TensorType(kFloat, {2, 4})}, {IntAttr("axis", 1)}, {}, 2),
            "float[2,2] | float[2,2]");
}

TEST(Split, SizesFromTheAttribute) {
  EXPECT_EQ(Infer("Split", 11, {TensorType(kFloat, {2, 4})},
                  {IntAttr("axis", 1), IntsAttr("split", {1, 3})}, {}, 2),
            "float[2,1] | float[2,3]");
  EXPECT_EQ(Infer("Split", 1, {TensorType(kFloat, {5})}, {IntsAttr("split", {2, 3})}, {}, 2),
            "float[2] | float[3]");
}

TEST(Split, OpsetOneReadsAFloatSizesInput) {
  TensorProto sizes;
  sizes.set_data_type(TensorProto::FLOAT);
  sizes.add_dims(2);
  sizes.add_float_data(1);
  sizes.add_float_data(4);
  EXPECT_EQ(Infer("Split", 1, {TensorType(kFloat, {5}), TensorType(kFloat, {2})}, {},
                  {std::nullopt, sizes}, 2),
            "float[1] | float[4]");
}

// ---- Transpose -------------------------------------------------------------------

TEST(Transpose, PermutesOrReverses) {
  EXPECT_EQ(Infer("Transpose", 25, {TensorType(kFloat, {2, "N", 4})}), "float[4,N,2]");
  EXPECT_EQ(Infer("Transpose", 1, {TensorType(kFloat, {2, 3, 4})}, {IntsAttr("perm", {1, 0, 2})}),
            "float[3,2,4]");
  EXPECT_EQ(Infer("Transpose", 13, {TensorType(kFloat, {})}), "float[]");
  EXPECT_EQ(Infer("Transpose", 25, {TensorTypeNoShape(kFloat)}, {IntsAttr("perm", {1, 0})}),
            "float[?,?]");
}

TEST(Transpose, RejectsBadPermutations) {
  EXPECT_EQ(Infer("Transpose", 25, {TensorType(kFloat, {2, 3})}, {IntsAttr("perm", {0})}),
            "error: attribute 'perm' has 1 entries but the input [2,3] has rank 2");
  EXPECT_EQ(Infer("Transpose", 25, {TensorType(kFloat, {2, 3})}, {IntsAttr("perm", {0, 2})}),
            "error: attribute 'perm' has 2, outside [0, 1]");
  EXPECT_EQ(Infer("Transpose", 25, {TensorType(kFloat, {2, 3})}, {IntsAttr("perm", {1, 1})}),
            "error: attribute 'perm' repeats axis 1");
}

// ---- Flatten -----------------------------------------------------------------------

TEST(Flatten, CollapsesBothSidesOfTheAxis) {
  EXPECT_EQ(Infer("Flatten", 25, {TensorType(kFloat, {2, 3, 4, 5})}, {IntAttr("axis", 2)}),
            "float[6,20]");
  EXPECT_EQ(Infer("Flatten", 25, {TensorType(kFloat, {2, 3, 4, 5})}, {IntAttr("axis", 0)}),
            "float[1,120]");
  EXPECT_EQ(Infer("Flatten", 11, {TensorType(kFloat, {2, 3, 4, 5})}, {IntAttr("axis", -1)}),
            "float[24,5]");
  EXPECT_EQ(Infer("Flatten", 1, {TensorType(kFloat, {2, 3})}), "float[2,3]");
  EXPECT_EQ(Infer("Flatten", 25, {TensorType(kFloat, {2, 3})}, {IntAttr("axis", 2)}), "float[6,1]");
}

TEST(Flatten, KeepsALoneSymbol) {
  EXPECT_EQ(Infer("Flatten", 25, {TensorType(kFloat, {"N", 1, 4})}, {IntAttr("axis", 2)}),
            "float[N,4]");
  EXPECT_EQ(Infer("Flatten", 25, {TensorType(kFloat, {"N", 2, 4})}, {IntAttr("axis", 2)}),
            "float[?,4]");
  EXPECT_EQ(Infer("Flatten", 25, {TensorTypeNoShape(kFloat)}), "float[?,?]");
}

TEST(Flatten, RejectsBadAxes) {
  EXPECT_EQ(Infer("Flatten", 9, {TensorType(kFloat, {2, 3})}, {IntAttr("axis", -1)}),
            "error: attribute 'axis' is -1; this version takes [0, rank] (negative axes arrive "
            "in opset 11)");
  EXPECT_EQ(Infer("Flatten", 13, {TensorType(kFloat, {2, 3})}, {IntAttr("axis", 3)}),
            "error: attribute 'axis' is 3, outside [-2, 2] for rank 2");
  EXPECT_EQ(Infer("Flatten", 9, {TensorType(kFloat, {2, 3})}, {IntAttr("axis", 3)}),
            "error: attribute 'axis' is 3, outside [0, 2] for rank 2");
}

// ---- Shape -------------------------------------------------------------------------

TEST(Shape, LengthIsTheRankOrTheRange) {
  EXPECT_EQ(Infer("Shape", 25, {TensorType(kFloat, {2, "N", 4})}), "int64[3]");
  EXPECT_EQ(Infer("Shape", 1, {TensorType(kFloat, {})}), "int64[0]");
  EXPECT_EQ(Infer("Shape", 15, {TensorType(kFloat, {2, "N", 4})}, {IntAttr("start", 1)}),
            "int64[2]");
  EXPECT_EQ(Infer("Shape", 25, {TensorType(kFloat, {2, "N", 4})},
                  {IntAttr("start", -1), IntAttr("end", 10)}),
            "int64[1]");
  EXPECT_EQ(Infer("Shape", 25, {TensorType(kFloat, {2, "N", 4})},
                  {IntAttr("start", 2), IntAttr("end", 1)}),
            "int64[0]");
  EXPECT_EQ(Infer("Shape", 13, {TensorTypeNoShape(kFloat)}), "int64[?]");
}

// ---- Identity ----------------------------------------------------------------------

TEST(Identity, PassesAnyTypeOn) {
  EXPECT_EQ(Infer("Identity", 1, {TensorType(kFloat, {2, "N"})}), "float[2,N]");
  TypeProto seq;
  *seq.mutable_sequence_type()->mutable_elem_type() = TensorType(kInt64, {3});
  EXPECT_EQ(Infer("Identity", 14, {seq}), "seq(int64[3])");
  TypeProto opt;
  *opt.mutable_optional_type()->mutable_elem_type() = TensorType(kFloat, {});
  EXPECT_EQ(Infer("Identity", 25, {opt}), "optional(float[])");
}

// ---- Data propagation --------------------------------------------------------------

// A propagation context over given input types, values and attributes.
class FakePropagation : public DataPropagationContext {
 public:
  FakePropagation(std::vector<TypeProto> types, std::vector<std::optional<TensorShapeProto>> values,
                  std::vector<AttributeProto> attrs)
      : types_(std::move(types)), values_(std::move(values)), attrs_(std::move(attrs)) {}
  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : attrs_) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  size_t num_inputs() const override { return types_.size(); }
  const TypeProto* input_type(size_t i) const override {
    return i < types_.size() ? &types_[i] : nullptr;
  }
  const TensorShapeProto* input_data(size_t i) const override {
    return i < values_.size() && values_[i] ? &*values_[i] : nullptr;
  }
  size_t num_outputs() const override { return 1; }
  void set_output_data(size_t, TensorShapeProto value) override { output_ = std::move(value); }
  int opset_version(std::string_view) const override { return 25; }

  std::optional<TensorShapeProto> output_;

 private:
  std::vector<TypeProto> types_;
  std::vector<std::optional<TensorShapeProto>> values_;
  std::vector<AttributeProto> attrs_;
};

TensorShapeProto Dims(std::vector<testing::Dim> dims) {
  return TensorType(kInt64, std::move(dims)).tensor_type().shape();
}

// The propagated value of `op`'s output as dims ("[2,N]"), or "none".
std::string Propagate(std::string_view op, int opset, std::vector<TypeProto> types,
                      std::vector<std::optional<TensorShapeProto>> values,
                      std::vector<AttributeProto> attrs = {}) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset);
  if (schema == nullptr || !schema->has_data_propagation_function()) return "no function";
  FakePropagation ctx(std::move(types), std::move(values), std::move(attrs));
  absl::Status status = schema->data_propagation_function()(ctx);
  if (!status.ok()) return "error: " + std::string(status.message());
  if (!ctx.output_) return "none";
  TypeProto as_type;
  *as_type.mutable_tensor_type()->mutable_shape() = *ctx.output_;
  as_type.mutable_tensor_type()->set_elem_type(kInt64);
  return ShapeString(as_type).substr(5);  // drop "int64"
}

TEST(DataPropagation, ShapeGivesTheDims) {
  EXPECT_EQ(Propagate("Shape", 25, {TensorType(kFloat, {2, "N", 4})}, {}), "[2,N,4]");
  EXPECT_EQ(Propagate("Shape", 25, {TensorType(kFloat, {2, "N", 4})}, {},
                      {IntAttr("start", 1), IntAttr("end", -1)}),
            "[N]");
  EXPECT_EQ(Propagate("Shape", 1, {TensorType(kFloat, {"B", 3})}, {}), "[B,3]");
  EXPECT_EQ(Propagate("Shape", 25, {TensorTypeNoShape(kFloat)}, {}), "none");
}

TEST(DataPropagation, ConcatJoinsAlongAxisZero) {
  const TypeProto vec = Int64Vector(1);
  EXPECT_EQ(Propagate("Concat", 13, {vec, vec}, {Dims({2}), Dims({"N"})}, {IntAttr("axis", 0)}),
            "[2,N]");
  EXPECT_EQ(Propagate("Concat", 13, {vec, vec}, {Dims({2}), Dims({"N"})}, {IntAttr("axis", -1)}),
            "[2,N]");
  EXPECT_EQ(Propagate("Concat", 13, {vec, vec}, {Dims({2}), std::nullopt}, {IntAttr("axis", 0)}),
            "none");
}

TEST(DataPropagation, CastSqueezeUnsqueezeKeepTheValue) {
  EXPECT_EQ(Propagate("Cast", 13, {Int64Vector(2)}, {Dims({3, "K"})}, {IntAttr("to", 7)}), "[3,K]");
  EXPECT_EQ(Propagate("Squeeze", 25, {Int64Vector(1)}, {Dims({"K"})}), "[K]");
  EXPECT_EQ(Propagate("Unsqueeze", 13, {TensorType(kInt64, {})}, {Dims({5})}), "[5]");
}

TEST(DataPropagation, VersionsWithoutAFunction) {
  EXPECT_EQ(Propagate("Cast", 9, {Int64Vector(1)}, {Dims({3})}), "no function");
  EXPECT_EQ(Propagate("Squeeze", 11, {Int64Vector(1)}, {Dims({3})}), "no function");
  EXPECT_EQ(Propagate("Concat", 11, {Int64Vector(1)}, {Dims({3})}), "no function");
  EXPECT_EQ(Propagate("Reshape", 25, {Int64Vector(1)}, {Dims({3})}), "no function");
  EXPECT_EQ(Propagate("Identity", 25, {Int64Vector(1)}, {Dims({3})}), "no function");
}

}  // namespace
}  // namespace onnxforge
