// Shape inference, data propagation and function bodies of the elementwise
// math ops (onnx_defs/math/defs.cc and old.cc).
#include <optional>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using testing::InferNode;
using testing::ShapeString;
using testing::TensorType;
using testing::TensorTypeNoShape;

constexpr int32_t kFloat = TensorProto::FLOAT;
constexpr int32_t kInt32 = TensorProto::INT32;
constexpr int32_t kInt64 = TensorProto::INT64;

// The shape string of the single output, or the error message.
std::string Infer(std::string_view op, int opset, std::vector<std::optional<TypeProto>> inputs,
                  std::vector<AttributeProto> attrs = {}) {
  auto result = InferNode(op, opset, std::move(inputs), std::move(attrs));
  if (!result.ok()) return "error: " + std::string(result.status().message());
  return ShapeString(result->at(0));
}

// ---- Unary ops --------------------------------------------------------------

TEST(MathUnary, OutputCopiesInputTypeAndShape) {
  EXPECT_EQ(Infer("Relu", 14, {TensorType(kInt32, {2, "N"})}), "int32[2,N]");
  EXPECT_EQ(Infer("Sigmoid", 13, {TensorType(kFloat, {})}), "float[]");
  EXPECT_EQ(Infer("Tanh", 6, {TensorType(kFloat, {"?", 3})}), "float[?,3]");
  EXPECT_EQ(Infer("HardSwish", 22, {TensorType(kFloat, {1, 2, 3})}), "float[1,2,3]");
}

TEST(MathUnary, FirstOpsetVersionsInferToo) {
  EXPECT_EQ(Infer("Exp", 1, {TensorTypeNoShape(kFloat)}), "float");
  EXPECT_EQ(Infer("Neg", 1, {TensorType(kFloat, {4})}), "float[4]");
  EXPECT_EQ(Infer("Abs", 1, {TensorType(kFloat, {4, 5})}), "float[4,5]");
}

// ---- Numpy-style broadcasting (opset 7 on) -------------------------------------

TEST(MathBinary, BroadcastsBothWays) {
  EXPECT_EQ(Infer("Add", 14, {TensorType(kFloat, {2, 1, 4}), TensorType(kFloat, {3, 1})}),
            "float[2,3,4]");
  EXPECT_EQ(Infer("Mul", 7, {TensorType(kFloat, {5}), TensorType(kFloat, {2, 1})}),
            "float[2,5]");
  EXPECT_EQ(Infer("Div", 13, {TensorType(kFloat, {}), TensorType(kFloat, {3})}), "float[3]");
}

TEST(MathBinary, KeepsSymbolsAndUnknowns) {
  EXPECT_EQ(Infer("Sub", 14, {TensorType(kFloat, {"N", 3}), TensorType(kFloat, {3})}),
            "float[N,3]");
  EXPECT_EQ(Infer("Sub", 14, {TensorType(kFloat, {"N", 1}), TensorType(kFloat, {"N", 4})}),
            "float[N,4]");
  EXPECT_EQ(Infer("Add", 14, {TensorType(kFloat, {"?", 3}), TensorType(kFloat, {2, 1})}),
            "float[2,3]");
}

TEST(MathBinary, UnknownRankLeavesShapeOpen) {
  EXPECT_EQ(Infer("Add", 14, {TensorTypeNoShape(kInt64), TensorType(kInt64, {3})}), "int64");
}

TEST(MathBinary, IncompatibleDimsAreAnError) {
  EXPECT_EQ(Infer("Add", 14, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {4})}),
            "error: shapes cannot be broadcast: dimension 3 vs 4 at axis 1");
}

TEST(MathBinary, PowTakesTheBaseElementType) {
  EXPECT_EQ(Infer("Pow", 15, {TensorType(kInt32, {2, 3}), TensorType(kFloat, {3})}),
            "int32[2,3]");
  EXPECT_EQ(Infer("Pow", 12, {TensorType(kFloat, {1}), TensorType(kInt64, {4, 1})}),
            "float[4,1]");
}

// ---- Legacy broadcast (opsets 1 and 6) ------------------------------------------

TEST(MathLegacyBroadcast, OutputHasFirstInputShape) {
  EXPECT_EQ(Infer("Add", 6, {TensorType(kFloat, {2, 3, 4, 5}), TensorType(kFloat, {4, 5})},
                  {IntAttr("broadcast", 1)}),
            "float[2,3,4,5]");
  EXPECT_EQ(Infer("Mul", 1, {TensorType(kFloat, {2, 3, 4, 5}), TensorType(kFloat, {})},
                  {IntAttr("broadcast", 1)}),
            "float[2,3,4,5]");
  EXPECT_EQ(Infer("Div", 6, {TensorType(kFloat, {2, 3, 4, 5}), TensorType(kFloat, {1, 1})},
                  {IntAttr("broadcast", 1)}),
            "float[2,3,4,5]");
}

TEST(MathLegacyBroadcast, AxisPlacesTheSecondInput) {
  EXPECT_EQ(Infer("Sub", 6, {TensorType(kFloat, {2, "?", "?", 5}), TensorType(kFloat, {3, 4})},
                  {IntAttr("broadcast", 1), IntAttr("axis", 1)}),
            "float[2,3,4,5]");
  EXPECT_EQ(Infer("Sub", 6, {TensorType(kFloat, {2, "?", "?", 5}), TensorType(kFloat, {3, 4})},
                  {IntAttr("broadcast", 1), IntAttr("axis", -3)}),
            "float[2,3,4,5]");
  EXPECT_EQ(Infer("Pow", 1, {TensorType(kFloat, {"?", 3}), TensorType(kFloat, {2})},
                  {IntAttr("broadcast", 1), IntAttr("axis", 0)}),
            "float[2,3]");
}

TEST(MathLegacyBroadcast, OneElementSecondInputDoesNotRefine) {
  // [1] may be a single element or the trailing dim; the output stays open.
  EXPECT_EQ(Infer("Add", 6, {TensorType(kFloat, {2, "?"}), TensorType(kFloat, {1})},
                  {IntAttr("broadcast", 1)}),
            "float[2,?]");
}

TEST(MathLegacyBroadcast, WithoutBroadcastShapesMustMatch) {
  EXPECT_EQ(Infer("Add", 1, {TensorType(kFloat, {2, "?"}), TensorType(kFloat, {"?", 3})}),
            "float[2,3]");
  EXPECT_EQ(Infer("Add", 6, {TensorType(kFloat, {2, 3}), TensorType(kFloat, {3})}),
            "error: the second input's shape [3] differs from the first input's shape "
            "[2,3]; set broadcast=1 to broadcast it");
}

TEST(MathLegacyBroadcast, MisplacedSecondInputIsAnError) {
  EXPECT_EQ(Infer("Add", 6, {TensorType(kFloat, {2, 3, 4, 5}), TensorType(kFloat, {4})},
                  {IntAttr("broadcast", 1)}),
            "error: with broadcast=1 the second input's shape [4] must equal the first "
            "input's dims from axis 3 (first input's shape [2,3,4,5])");
  EXPECT_EQ(Infer("Add", 6, {TensorType(kFloat, {2, 3, 4, 5}), TensorType(kFloat, {4, 5})},
                  {IntAttr("broadcast", 1), IntAttr("axis", 3)}),
            "error: with broadcast=1 the second input's shape [4,5] must equal the first "
            "input's dims from axis 3 (first input's shape [2,3,4,5])");
  EXPECT_EQ(Infer("Mul", 6, {TensorType(kFloat, {3}), TensorType(kFloat, {1, 3})},
                  {IntAttr("broadcast", 1)}),
            "error: with broadcast=1 the second input's rank 2 (shape [1,3]) must not "
            "exceed the first input's rank 1 (shape [3])");
  EXPECT_EQ(Infer("Mul", 6, {TensorType(kFloat, {3, 4}), TensorType(kFloat, {4})},
                  {IntAttr("broadcast", 1), IntAttr("axis", 2)}),
            "error: attribute axis 2 is out of range for rank 2");
}

// ---- Clip --------------------------------------------------------------------

TEST(MathClip, BoundsAreScalars) {
  EXPECT_EQ(Infer("Clip", 13,
                  {TensorType(kFloat, {2, "N"}), TensorType(kFloat, {}), TensorType(kFloat, {})}),
            "float[2,N]");
  EXPECT_EQ(Infer("Clip", 11, {TensorType(kFloat, {3}), std::nullopt, TensorType(kFloat, {})}),
            "float[3]");
  EXPECT_EQ(Infer("Clip", 12, {TensorType(kInt32, {3}), TensorType(kInt32, {2})}),
            "error: input 'min' must be a scalar; its shape is [2]");
  EXPECT_EQ(Infer("Clip", 13, {TensorType(kFloat, {3}), std::nullopt, TensorType(kFloat, {1, 4})}),
            "error: input 'max' must be a scalar; its shape is [1,4]");
}

TEST(MathClip, AttributeVersionsCopyTheInput) {
  EXPECT_EQ(Infer("Clip", 6, {TensorType(kFloat, {2, 3})}, {FloatAttr("min", 0.0f)}),
            "float[2,3]");
  EXPECT_EQ(Infer("Clip", 1, {TensorType(kFloat, {"B"})}), "float[B]");
}

class FakeBodyContext : public FunctionBodyContext {
 public:
  explicit FakeBodyContext(std::vector<bool> present) : present_(std::move(present)) {}
  const AttributeProto* attribute(std::string_view) const override { return nullptr; }
  bool has_input(size_t i) const override { return i < present_.size() && present_[i]; }
  bool has_output(size_t i) const override { return i == 0; }
  const TypeProto* input_type(size_t) const override { return nullptr; }

 private:
  std::vector<bool> present_;
};

std::string ClipBody(std::vector<bool> present) {
  const OpSchema* clip = SchemaRegistry::Instance().Exact("Clip", 13);
  if (clip == nullptr) return "no Clip-13";
  const FunctionBodyBuilder* builder = clip->FunctionBodyBuilderAt(13);
  if (builder == nullptr) return "no builder";
  auto body = (*builder)(FakeBodyContext(std::move(present)));
  return body.ok() ? *body : std::string(body.status().message());
}

TEST(MathClip, BodyFollowsThePresentBounds) {
  EXPECT_EQ(ClipBody({true, true, true}),
            "AtLeastMin = Max (input, min)\noutput = Min (AtLeastMin, max)");
  EXPECT_EQ(ClipBody({true, true}), "output = Max (input, min)");
  EXPECT_EQ(ClipBody({true, false, true}), "output = Min (input, max)");
  EXPECT_EQ(ClipBody({true}), "output = Identity (input)");
}

// ---- Function bodies ---------------------------------------------------------

TEST(MathFunctions, RegisteredAtTheSpecOpsets) {
  const auto& registry = SchemaRegistry::Instance();
  const OpSchema* relu = registry.Exact("Relu", 14);
  ASSERT_NE(relu, nullptr);
  EXPECT_EQ(relu->function_opset_versions(), std::vector<int>({18}));
  EXPECT_EQ(relu->FunctionBodyText(17), nullptr);
  ASSERT_NE(relu->FunctionBodyText(18), nullptr);
  EXPECT_EQ(*relu->FunctionBodyText(18),
            "Zero = Constant <value_float = 0.0> ()\n"
            "ZeroLikeX = CastLike (Zero, X)\n"
            "Y = Max (X, ZeroLikeX)");

  for (int version : {14, 22}) {
    const OpSchema* hard_swish = registry.Exact("HardSwish", version);
    ASSERT_NE(hard_swish, nullptr);
    EXPECT_EQ(hard_swish->function_opset_versions(), std::vector<int>({version}));
    ASSERT_NE(hard_swish->FunctionBodyText(version), nullptr);
    EXPECT_EQ(*hard_swish->FunctionBodyText(version),
              "Gate = HardSigmoid <alpha = 0.16666667, beta = 0.5> (X)\nY = Mul (X, Gate)");
  }
  const OpSchema* clip = registry.Exact("Clip", 13);
  ASSERT_NE(clip, nullptr);
  EXPECT_EQ(clip->context_dependent_function_opset_versions(), std::vector<int>({13}));
  EXPECT_FALSE(registry.Exact("Clip", 12)->has_context_dependent_function());
}

// ---- Data propagation on shape values -------------------------------------------

class FakePropagationContext : public DataPropagationContext {
 public:
  FakePropagationContext(std::optional<TensorShapeProto> a, std::optional<TensorShapeProto> b)
      : inputs_{std::move(a), std::move(b)} {}
  const AttributeProto* attribute(std::string_view) const override { return nullptr; }
  size_t num_inputs() const override { return 2; }
  const TypeProto* input_type(size_t) const override { return nullptr; }
  const TensorShapeProto* input_data(size_t i) const override {
    return i < inputs_.size() && inputs_[i] ? &*inputs_[i] : nullptr;
  }
  size_t num_outputs() const override { return 1; }
  void set_output_data(size_t, TensorShapeProto value) override { output = std::move(value); }
  int opset_version(std::string_view) const override { return 14; }

  std::optional<TensorShapeProto> output;

 private:
  std::vector<std::optional<TensorShapeProto>> inputs_;
};

// A shape value: numbers are dims, anything else an unknown dim.
TensorShapeProto Value(std::vector<std::optional<int64_t>> dims) {
  TensorShapeProto shape;
  for (const auto& d : dims) {
    auto* dim = shape.add_dim();
    if (d) dim->set_dim_value(*d);
  }
  return shape;
}

// The propagated value as "[3,?,4]", "none" when nothing was propagated, or
// the error message.
std::string Propagate(std::string_view op, std::optional<TensorShapeProto> a,
                      std::optional<TensorShapeProto> b) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, 14);
  if (schema == nullptr || !schema->has_data_propagation_function()) return "no propagation";
  FakePropagationContext ctx(std::move(a), std::move(b));
  absl::Status status = schema->data_propagation_function()(ctx);
  if (!status.ok()) return "error: " + std::string(status.message());
  if (!ctx.output) return "none";
  std::string text = "[";
  for (int i = 0; i < ctx.output->dim_size(); ++i) {
    if (i > 0) text += ",";
    const auto& d = ctx.output->dim(i);
    text += d.has_dim_value() ? std::to_string(d.dim_value()) : "?";
  }
  return text + "]";
}

TEST(MathDataPropagation, CombinesDimsPairwise) {
  EXPECT_EQ(Propagate("Add", Value({2, 3}), Value({10, 20})), "[12,23]");
  EXPECT_EQ(Propagate("Sub", Value({7, 3}), Value({1, 5})), "[6,-2]");
  EXPECT_EQ(Propagate("Mul", Value({2, std::nullopt}), Value({4, 5})), "[8,?]");
}

TEST(MathDataPropagation, OneElementOperandPairsWithEveryDim) {
  EXPECT_EQ(Propagate("Mul", Value({2, 3, 4}), Value({2})), "[4,6,8]");
  EXPECT_EQ(Propagate("Sub", Value({10}), Value({1, 2})), "[9,8]");
  EXPECT_EQ(Propagate("Add", Value({}), Value({1})), "[]");
}

TEST(MathDataPropagation, OverflowGivesUnknownDim) {
  EXPECT_EQ(Propagate("Mul", Value({int64_t{1} << 40, 3}), Value({int64_t{1} << 40})), "[?,3298534883328]");
}

TEST(MathDataPropagation, NeedsBothValues) {
  EXPECT_EQ(Propagate("Add", Value({2}), std::nullopt), "none");
}

TEST(MathDataPropagation, MismatchedLengthsAreAnError) {
  EXPECT_EQ(Propagate("Sub", Value({1, 2}), Value({1, 2, 3})),
            "error: Sub cannot broadcast shape values of 2 and 3 elements");
}

TEST(MathDataPropagation, OnlyTheOpsetsThatHaveIt) {
  const auto& registry = SchemaRegistry::Instance();
  for (const char* op : {"Add", "Sub", "Mul"}) {
    EXPECT_TRUE(registry.Exact(op, 14)->has_data_propagation_function()) << op;
    EXPECT_FALSE(registry.Exact(op, 13)->has_data_propagation_function()) << op;
  }
  EXPECT_FALSE(registry.Exact("Div", 14)->has_data_propagation_function());
}

}  // namespace
}  // namespace onnxforge
