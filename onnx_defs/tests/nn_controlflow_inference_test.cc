// Type and shape inference of the neural-network ops (Conv, pooling,
// normalization, Dropout) and the control-flow ops (If, Loop).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/function_body.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using testing::InferNode;
using testing::ShapeString;
using testing::TensorType;
using testing::TensorTypeNoShape;

constexpr int32_t kFloat = TensorProto::FLOAT;
constexpr int32_t kFloat16 = TensorProto::FLOAT16;
constexpr int32_t kDouble = TensorProto::DOUBLE;
constexpr int32_t kInt8 = TensorProto::INT8;
constexpr int32_t kInt64 = TensorProto::INT64;
constexpr int32_t kBool = TensorProto::BOOL;

// The outputs of one node as ShapeStrings, or its error message.
std::vector<std::string> Shapes(const absl::StatusOr<std::vector<TypeProto>>& result) {
  if (!result.ok()) return {"error: " + std::string(result.status().message())};
  std::vector<std::string> out;
  for (const auto& t : *result) out.push_back(ShapeString(t));
  return out;
}

std::string Error(const absl::StatusOr<std::vector<TypeProto>>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

using Strings = std::vector<std::string>;

// ---- Conv -----------------------------------------------------------------------------

TEST(ConvInference, KernelFromWeights) {
  EXPECT_EQ(
      Shapes(InferNode("Conv", 22,
                       {TensorType(kFloat, {1, 3, 5, 5}), TensorType(kFloat, {2, 3, 3, 3})}, {})),
      Strings{"float[1,2,3,3]"});
}

TEST(ConvInference, PadsStridesDilations) {
  // Dilated kernel 5, padded input 9: (9 - 5) / 2 + 1 = 3.
  EXPECT_EQ(Shapes(InferNode("Conv", 11,
                             {TensorType(kFloat, {"N", 3, 7, 7}), TensorType(kFloat, {4, 3, 3, 3})},
                             {IntsAttr("pads", {1, 1, 1, 1}), IntsAttr("strides", {2, 2}),
                              IntsAttr("dilations", {2, 2})})),
            Strings{"float[N,4,3,3]"});
}

TEST(ConvInference, SymbolicKernelDimLeavesThatAxisUnknown) {
  EXPECT_EQ(
      Shapes(InferNode("Conv", 1,
                       {TensorType(kFloat, {1, 3, 5, 5}), TensorType(kFloat, {2, 3, "K", 3})}, {})),
      Strings{"float[1,2,?,3]"});
}

TEST(ConvInference, AutoPad) {
  const auto x = TensorType(kFloat, {1, 1, 5, 6});
  const auto w = TensorType(kFloat, {1, 1, 3, 3});
  for (const char* same : {"SAME_UPPER", "SAME_LOWER"}) {
    EXPECT_EQ(Shapes(InferNode("Conv", 22, {x, w},
                               {StringAttr("auto_pad", same), IntsAttr("strides", {2, 2})})),
              Strings{"float[1,1,3,3]"})
        << same;
  }
  EXPECT_EQ(Shapes(InferNode("Conv", 22, {x, w},
                             {StringAttr("auto_pad", "VALID"), IntsAttr("strides", {2, 2})})),
            Strings{"float[1,1,2,2]"});
}

TEST(ConvInference, GroupsAndBias) {
  EXPECT_EQ(Shapes(InferNode("Conv", 22,
                             {TensorType(kFloat, {1, 4, 5, 5}), TensorType(kFloat, {6, 2, 3, 3}),
                              TensorType(kFloat, {6})},
                             {IntAttr("group", 2)})),
            Strings{"float[1,6,3,3]"});
  EXPECT_EQ(Error(InferNode("Conv", 22,
                            {TensorType(kFloat, {1, 4, 5, 5}), TensorType(kFloat, {6, 2, 3, 3})},
                            {IntAttr("group", 3)})),
            "X has 4 channels but W expects 2 per group times group 3 = 6");
  EXPECT_EQ(Error(InferNode("Conv", 22,
                            {TensorType(kFloat, {1, 4, 5, 5}), TensorType(kFloat, {6, 1, 3, 3})},
                            {IntAttr("group", 4)})),
            "W has 6 feature maps, not a multiple of group 4");
  EXPECT_EQ(Error(InferNode("Conv", 22,
                            {TensorType(kFloat, {1, 2, 5, 5}), TensorType(kFloat, {6, 2, 3, 3}),
                             TensorType(kFloat, {5})},
                            {})),
            "B has 5 values but W has 6 feature maps");
}

TEST(ConvInference, PartialShapes) {
  // W's shape unknown: kernel_shape still gives the spatial sizes.
  EXPECT_EQ(
      Shapes(InferNode("Conv", 22, {TensorType(kFloat, {2, 3, 8, 8}), TensorTypeNoShape(kFloat)},
                       {IntsAttr("kernel_shape", {3, 3})})),
      Strings{"float[2,?,6,6]"});
  // X's shape unknown: W gives the rank and the channels.
  EXPECT_EQ(Shapes(InferNode("Conv", 22,
                             {TensorTypeNoShape(kFloat), TensorType(kFloat, {8, 3, 3, 3})}, {})),
            Strings{"float[?,8,?,?]"});
}

TEST(ConvInference, Errors) {
  const auto w = TensorType(kFloat, {2, 3, 3, 3});
  EXPECT_EQ(Error(InferNode("Conv", 22, {TensorType(kFloat, {3, 5}), w}, {})),
            "X has rank 2; it needs a batch axis, a channel axis and at least one spatial axis "
            "(rank >= 3)");
  EXPECT_EQ(Error(InferNode("Conv", 22, {TensorType(kFloat, {1, 3, 5}), w}, {})),
            "W has rank 4 but X has rank 3; they must match");
  const auto x = TensorType(kFloat, {1, 3, 5, 5});
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntsAttr("strides", {1})})),
            "attribute strides has 1 values but X has 2 spatial axes");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntsAttr("dilations", {1, 0})})),
            "attribute dilations must be positive; got [1,0]");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntsAttr("pads", {0, 0, 0})})),
            "attribute pads has 3 values but X has 2 spatial axes, so it needs 4");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntsAttr("pads", {0, -1, 0, 0})})),
            "attribute pads must not be negative; got [0,-1,0,0]");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntsAttr("kernel_shape", {3, 2})})),
            "attribute kernel_shape [3,2] disagrees with W's spatial dim 1 = 3");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntsAttr("dilations", {3, 1})})),
            "along spatial axis 0 the padded input size 5 is smaller than the (dilated) kernel "
            "size 7");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {StringAttr("auto_pad", "SAME")})),
            "attribute auto_pad is 'SAME'; expected NOTSET, SAME_UPPER, SAME_LOWER or VALID");
  EXPECT_EQ(Error(InferNode(
                "Conv", 22, {x, TensorTypeNoShape(kFloat)},
                {IntsAttr("kernel_shape", {int64_t{1} << 62, 3}), IntsAttr("dilations", {4, 1})})),
            "along spatial axis 0 the window attributes overflow 64-bit sizes");
  EXPECT_EQ(Error(InferNode("Conv", 22, {x, w}, {IntAttr("group", 0)})),
            "attribute group must be positive; got 0");
}

// ---- Pooling ---------------------------------------------------------------------------

TEST(PoolInference, MaxPoolIndicesShareTheOutputShape) {
  EXPECT_EQ(
      Shapes(InferNode("MaxPool", 8, {TensorType(kFloat, {1, 1, 4, 4})},
                       {IntsAttr("kernel_shape", {2, 2}), IntsAttr("strides", {2, 2})}, {}, "", 2)),
      (Strings{"float[1,1,2,2]", "int64[1,1,2,2]"}));
  EXPECT_EQ(Shapes(InferNode("MaxPool", 12, {TensorType(kInt8, {"N", "C", 9})},
                             {IntsAttr("kernel_shape", {3}), IntsAttr("strides", {3})}, {}, "", 2)),
            (Strings{"int8[N,C,3]", "int64[N,C,3]"}));
}

TEST(PoolInference, CeilMode) {
  const std::vector<AttributeProto> attrs = {IntsAttr("kernel_shape", {2, 2}),
                                             IntsAttr("strides", {2, 2}), IntAttr("ceil_mode", 1)};
  EXPECT_EQ(Shapes(InferNode("MaxPool", 10, {TensorType(kFloat, {1, 1, 5, 5})}, attrs)),
            Strings{"float[1,1,3,3]"});
  EXPECT_EQ(Shapes(InferNode("AveragePool", 10, {TensorType(kFloat, {1, 1, 5, 5})},
                             {IntsAttr("kernel_shape", {2, 2}), IntsAttr("strides", {2, 2})})),
            Strings{"float[1,1,2,2]"});
}

TEST(PoolInference, Opset22DropsAWindowStartingInTheEndPadding) {
  // Input 4 padded to 5 at the end: ceil((5 - 2) / 2) + 1 = 3 windows, the
  // last starting at 4, inside the padding.
  const std::vector<AttributeProto> attrs = {IntsAttr("kernel_shape", {2}),
                                             IntsAttr("strides", {2}), IntsAttr("pads", {0, 1}),
                                             IntAttr("ceil_mode", 1)};
  const auto x = TensorType(kFloat, {1, 1, 4});
  EXPECT_EQ(Shapes(InferNode("MaxPool", 12, {x}, attrs)), Strings{"float[1,1,3]"});
  EXPECT_EQ(Shapes(InferNode("MaxPool", 22, {x}, attrs)), Strings{"float[1,1,2]"});
  EXPECT_EQ(Shapes(InferNode("AveragePool", 19, {x}, attrs)), Strings{"float[1,1,3]"});
  EXPECT_EQ(Shapes(InferNode("AveragePool", 22, {x}, attrs)), Strings{"float[1,1,2]"});
}

TEST(PoolInference, Dilations) {
  EXPECT_EQ(Shapes(InferNode("MaxPool", 10, {TensorType(kFloat, {1, 1, 7, 7})},
                             {IntsAttr("kernel_shape", {3, 3}), IntsAttr("dilations", {2, 2})})),
            Strings{"float[1,1,3,3]"});
  EXPECT_EQ(Shapes(InferNode("AveragePool", 19, {TensorType(kFloat, {1, 1, 7, 7})},
                             {IntsAttr("kernel_shape", {3, 3}), IntsAttr("dilations", {3, 1})})),
            Strings{"float[1,1,1,5]"});
}

TEST(PoolInference, PadsAndSamePadding) {
  EXPECT_EQ(Shapes(InferNode("AveragePool", 7, {TensorType(kFloat, {1, 3, 32, 32})},
                             {IntsAttr("kernel_shape", {5, 5}), IntsAttr("pads", {2, 2, 2, 2})})),
            Strings{"float[1,3,32,32]"});
  EXPECT_EQ(Shapes(InferNode("AveragePool", 1, {TensorType(kFloat, {1, 3, 32, 32})},
                             {IntsAttr("kernel_shape", {5, 5})})),
            Strings{"float[1,3,28,28]"});
  EXPECT_EQ(Shapes(InferNode("MaxPool", 22, {TensorType(kFloat, {"N", "C", "H", 10})},
                             {IntsAttr("kernel_shape", {3, 3}), IntsAttr("strides", {2, 2}),
                              StringAttr("auto_pad", "SAME_UPPER")})),
            Strings{"float[N,C,?,5]"});
}

TEST(PoolInference, RankFromKernelShapeWhenXHasNoShape) {
  EXPECT_EQ(Shapes(InferNode("MaxPool", 22, {TensorTypeNoShape(kFloat16)},
                             {IntsAttr("kernel_shape", {3, 3})}, {}, "", 2)),
            (Strings{"float16[?,?,?,?]", "int64[?,?,?,?]"}));
}

TEST(PoolInference, Errors) {
  EXPECT_EQ(Error(InferNode("AveragePool", 22, {TensorType(kFloat, {1, 1, 4, 4})}, {})),
            "attribute kernel_shape is required");
  EXPECT_EQ(Error(InferNode("MaxPool", 22, {TensorType(kFloat, {1, 1, 4, 4})},
                            {IntsAttr("kernel_shape", {2})})),
            "attribute kernel_shape has 1 values but X has 2 spatial axes");
  EXPECT_EQ(Error(InferNode("MaxPool", 22, {TensorType(kFloat, {1, 1, 4, 4})},
                            {IntsAttr("kernel_shape", {2, 0})})),
            "attribute kernel_shape must be positive; got [2,0]");
  EXPECT_EQ(Error(InferNode("MaxPool", 1, {TensorType(kFloat, {1, 1, 4, 4})},
                            {IntsAttr("kernel_shape", {2, 2}), IntsAttr("strides", {0, 1})})),
            "attribute strides must be positive; got [0,1]");
}

// ---- BatchNormalization -------------------------------------------------------------------

std::vector<std::optional<TypeProto>> BatchNormInputs(TypeProto x, int32_t stats_elem,
                                                      std::vector<testing::Dim> stats_dims) {
  return {x, TensorType(kFloat, stats_dims), TensorType(kFloat, stats_dims),
          TensorType(stats_elem, stats_dims), TensorType(stats_elem, stats_dims)};
}

TEST(BatchNormInference, InferenceMode) {
  EXPECT_EQ(Shapes(InferNode("BatchNormalization", 15,
                             BatchNormInputs(TensorType(kFloat16, {2, 3, 4, 4}), kFloat, {3}), {})),
            Strings{"float16[2,3,4,4]"});
}

TEST(BatchNormInference, TrainingModeOutputsTakeTheStatisticsType) {
  EXPECT_EQ(Shapes(InferNode("BatchNormalization", 15,
                             BatchNormInputs(TensorType(kFloat, {2, "C", 4}), kDouble, {3}),
                             {IntAttr("training_mode", 1)}, {}, "", 3)),
            (Strings{"float[2,C,4]", "double[3]", "double[3]"}));
  // A 1-D X has one channel.
  EXPECT_EQ(Shapes(InferNode("BatchNormalization", 14,
                             BatchNormInputs(TensorType(kFloat, {5}), kFloat, {"?"}),
                             {IntAttr("training_mode", 1)}, {}, "", 3)),
            (Strings{"float[5]", "float[1]", "float[1]"}));
}

TEST(BatchNormInference, Errors) {
  EXPECT_EQ(
      Error(InferNode("BatchNormalization", 15,
                      BatchNormInputs(TensorType(kFloat, {2, 3}), kFloat, {3}), {}, {}, "", 3)),
      "outputs running_mean and running_var exist only with training_mode=1; "
      "training_mode is 0");
  EXPECT_EQ(Error(InferNode("BatchNormalization", 15,
                            BatchNormInputs(TensorType(kFloat, {2, 3}), kFloat, {3}),
                            {IntAttr("training_mode", 1)})),
            "with training_mode=1 the outputs running_mean and running_var must both be present");
  EXPECT_EQ(Error(InferNode("BatchNormalization", 14,
                            BatchNormInputs(TensorType(kFloat, {2, 3}), kFloat, {4}), {})),
            "scale has 4 values but there are 3 channels");
  EXPECT_EQ(Error(InferNode("BatchNormalization", 14,
                            BatchNormInputs(TensorType(kFloat, {2, 3}), kFloat, {3, 1}), {})),
            "scale must be 1-D ([C]); it has rank 2");
}

TEST(BatchNormInference, LegacyStatisticsOutputs) {
  const std::vector<std::optional<TypeProto>> inputs =
      BatchNormInputs(TensorType(kFloat, {2, 3, 4, 4}), kFloat, {3});
  EXPECT_EQ(Shapes(InferNode("BatchNormalization", 9, inputs, {}, {}, "", 5)),
            (Strings{"float[2,3,4,4]", "float[3]", "float[3]", "float[3]", "float[3]"}));
  // Per-activation statistics cover every axis after the batch.
  EXPECT_EQ(Shapes(InferNode("BatchNormalization", 7, inputs, {IntAttr("spatial", 0)}, {}, "", 3)),
            (Strings{"float[2,3,4,4]", "float[3,4,4]", "float[3,4,4]"}));
}

// ---- LayerNormalization ------------------------------------------------------------------

TEST(LayerNormInference, StatisticsKeepTheLeadingAxes) {
  EXPECT_EQ(Shapes(InferNode("LayerNormalization", 17,
                             {TensorType(kFloat16, {2, 3, 4}), TensorType(kFloat16, {3, 4})},
                             {IntAttr("axis", 1)}, {}, "", 3)),
            (Strings{"float16[2,3,4]", "float[2,1,1]", "float[2,1,1]"}));
  EXPECT_EQ(Shapes(InferNode("LayerNormalization", 17,
                             {TensorType(kFloat, {"B", "S", 8}), TensorType(kFloat, {8})},
                             {IntAttr("stash_type", TensorProto::BFLOAT16)}, {}, "", 2)),
            (Strings{"float[B,S,8]", "bfloat16[B,S,1]"}));
}

TEST(LayerNormInference, Errors) {
  const std::vector<std::optional<TypeProto>> inputs = {TensorType(kFloat, {2, 3, 4}),
                                                        TensorType(kFloat, {4})};
  EXPECT_EQ(Error(InferNode("LayerNormalization", 17, inputs, {IntAttr("axis", 3)})),
            "attribute axis 3 is out of range for X of rank 3");
  EXPECT_EQ(Error(InferNode("LayerNormalization", 17, inputs, {IntAttr("axis", -4)})),
            "attribute axis -4 is out of range for X of rank 3");
  EXPECT_EQ(Error(InferNode("LayerNormalization", 17, inputs, {IntAttr("stash_type", 11)})),
            "attribute stash_type is 11; expected 1 (float) or 16 (bfloat16)");
}

class FakeBodyContext : public FunctionBodyContext {
 public:
  FakeBodyContext(std::vector<AttributeProto> attributes, std::optional<TypeProto> x, bool has_bias,
                  std::vector<bool> outputs)
      : attributes_(std::move(attributes)),
        x_(std::move(x)),
        has_bias_(has_bias),
        outputs_(std::move(outputs)) {}
  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : attributes_) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  bool has_input(size_t i) const override { return i < 2 || (i == 2 && has_bias_); }
  bool has_output(size_t i) const override { return i < outputs_.size() && outputs_[i]; }
  const TypeProto* input_type(size_t i) const override { return i == 0 && x_ ? &*x_ : nullptr; }

 private:
  std::vector<AttributeProto> attributes_;
  std::optional<TypeProto> x_;
  bool has_bias_;
  std::vector<bool> outputs_;
};

std::string LayerNormBodyText(int opset, const FunctionBodyContext& ctx) {
  const OpSchema* schema = SchemaRegistry::Instance().Exact("LayerNormalization", 17);
  if (schema == nullptr) return "no schema";
  const FunctionBodyBuilder* builder = schema->FunctionBodyBuilderAt(opset);
  if (builder == nullptr) return "no builder";
  absl::StatusOr<std::string> body = (*builder)(ctx);
  return body.ok() ? *body : "error: " + std::string(body.status().message());
}

TEST(LayerNormBody, Opset17ReducesOverTheTrailingAxes) {
  FakeBodyContext ctx({IntAttr("axis", -2), FloatAttr("epsilon", 0.001f)},
                      TensorTypeNoShape(kFloat16), /*has_bias=*/true, {true, true, true});
  EXPECT_EQ(LayerNormBodyText(17, ctx),
            "XU = Cast <to = 1> (X)\n"
            "MeanU = ReduceMean <axes = [-2, -1]> (XU)\n"
            "Centered = Sub (XU, MeanU)\n"
            "Squared = Mul (Centered, Centered)\n"
            "Variance = ReduceMean <axes = [-2, -1]> (Squared)\n"
            "EpsilonF = Constant <value_float = 0.001> ()\n"
            "EpsilonU = Cast <to = 1> (EpsilonF)\n"
            "Shifted = Add (Variance, EpsilonU)\n"
            "StdDev = Sqrt (Shifted)\n"
            "NormalizedU = Div (Centered, StdDev)\n"
            "Normalized = Cast <to = 10> (NormalizedU)\n"
            "Scaled = Mul (Normalized, Scale)\n"
            "Y = Add (Scaled, B)\n"
            "Mean = Identity (MeanU)\n"
            "OneF = Constant <value_float = 1.0> ()\n"
            "OneU = Cast <to = 1> (OneF)\n"
            "InvStdDev = Div (OneU, StdDev)\n");
}

TEST(LayerNormBody, Opset18PassesAxesAsAnInput) {
  FakeBodyContext ctx({IntAttr("axis", 1), IntAttr("stash_type", TensorProto::BFLOAT16)},
                      TensorType(kFloat, {2, 3, 4}), /*has_bias=*/false, {true});
  EXPECT_EQ(LayerNormBodyText(18, ctx),
            "Axes = Constant <value_ints = [1, 2]> ()\n"
            "XU = Cast <to = 16> (X)\n"
            "MeanU = ReduceMean (XU, Axes)\n"
            "Centered = Sub (XU, MeanU)\n"
            "Squared = Mul (Centered, Centered)\n"
            "Variance = ReduceMean (Squared, Axes)\n"
            "EpsilonF = Constant <value_float = 1e-05> ()\n"
            "EpsilonU = Cast <to = 16> (EpsilonF)\n"
            "Shifted = Add (Variance, EpsilonU)\n"
            "StdDev = Sqrt (Shifted)\n"
            "NormalizedU = Div (Centered, StdDev)\n"
            "Normalized = Cast <to = 1> (NormalizedU)\n"
            "Y = Mul (Normalized, Scale)\n");
}

TEST(LayerNormBody, NonNegativeAxisWithUnknownRank) {
  FakeBodyContext ctx({IntAttr("axis", 1)}, TensorTypeNoShape(kFloat), /*has_bias=*/false, {true});
  // Opset 18 ranges over the runtime rank; opset 17 cannot.
  const std::string prefix =
      "XShape = Shape (X)\n"
      "RankList = Shape (XShape)\n"
      "Rank = Squeeze (RankList)\n"
      "First = Constant <value_int = 1> ()\n"
      "Step = Constant <value_int = 1> ()\n"
      "Axes = Range (First, Rank, Step)\n"
      "XU = Cast <to = 1> (X)\n"
      "MeanU = ReduceMean (XU, Axes)\n";
  EXPECT_EQ(LayerNormBodyText(18, ctx).substr(0, prefix.size()), prefix);
  EXPECT_EQ(LayerNormBodyText(17, ctx),
            "error: the opset-17 body of LayerNormalization needs the rank of X when axis (1) "
            "is not negative");
}

TEST(LayerNormBody, Errors) {
  FakeBodyContext unknown_x({}, std::nullopt, /*has_bias=*/false, {true});
  EXPECT_EQ(LayerNormBodyText(17, unknown_x),
            "error: the LayerNormalization body needs the element type of X");
  FakeBodyContext bad_axis({IntAttr("axis", 2)}, TensorType(kFloat, {2, 3}), false, {true});
  EXPECT_EQ(LayerNormBodyText(18, bad_axis),
            "error: attribute axis 2 is out of range for X of rank 2");
}

TEST(LayerNormBody, ExpandsThroughTheParser) {
  const OpSchema* schema = SchemaRegistry::Instance().Exact("LayerNormalization", 17);
  ASSERT_NE(schema, nullptr);
  absl::StatusOr<NodeProto> call =
      ParseNode("y, mean, inv = LayerNormalization <axis = -1> (x, scale, b)");
  ASSERT_TRUE(call.ok()) << call.status();
  const TypeProto x = TensorType(kFloat, {2, 3});
  // Opset 18 adds the Constant that holds the axes.
  for (const auto& [opset, count] : std::map<int, size_t>{{17, 17}, {18, 18}}) {
    absl::StatusOr<std::vector<NodeProto>> nodes =
        ExpandFunctionBody(*schema, *call, opset, {&x, &x, &x});
    ASSERT_TRUE(nodes.ok()) << opset << ": " << nodes.status();
    EXPECT_EQ(nodes->size(), count) << opset;
  }
}

TEST(FloatLiteralTest, ReadsBackAsAFloat) {
  FakeBodyContext ctx({FloatAttr("epsilon", 1.0f)}, TensorTypeNoShape(kFloat), false, {true});
  EXPECT_NE(LayerNormBodyText(17, ctx).find("<value_float = 1.0>"), std::string::npos);
}

// ---- Dropout ---------------------------------------------------------------------------

TEST(DropoutInference, MaskType) {
  const TypeProto data = TensorType(kDouble, {"N", 4});
  EXPECT_EQ(Shapes(InferNode("Dropout", 1, {data}, {}, {}, "", 2)),
            (Strings{"double[N,4]", "double[N,4]"}));
  EXPECT_EQ(Shapes(InferNode("Dropout", 10, {data}, {}, {}, "", 2)),
            (Strings{"double[N,4]", "bool[N,4]"}));
  EXPECT_EQ(Shapes(InferNode("Dropout", 22, {data, TensorType(kFloat, {}), TensorType(kBool, {})},
                             {}, {}, "", 2)),
            (Strings{"double[N,4]", "bool[N,4]"}));
  EXPECT_EQ(Shapes(InferNode("Dropout", 13, {data}, {})), Strings{"double[N,4]"});
}

TEST(DropoutInference, ScalarInputs) {
  const TypeProto data = TensorType(kFloat, {3});
  EXPECT_EQ(Error(InferNode("Dropout", 12, {data, TensorType(kFloat, {1})}, {})),
            "input ratio must be a scalar; it has rank 1");
  EXPECT_EQ(Error(InferNode("Dropout", 13, {data, std::nullopt, TensorType(kBool, {1, 1})}, {})),
            "input training_mode must be a scalar; it has rank 2");
}

// ---- If and Loop ------------------------------------------------------------------------

// A subgraph whose inference returns preset types and records what it was
// given.
class FakeGraph : public GraphInferencer {
 public:
  explicit FakeGraph(absl::StatusOr<std::vector<TypeProto>> result) : result_(std::move(result)) {}
  absl::StatusOr<std::vector<TypeProto>> Infer(
      const std::vector<const TypeProto*>& input_types,
      const std::vector<const TensorProto*>& input_data) override {
    seen_.clear();
    for (const TypeProto* t : input_types) seen_.push_back(t ? ShapeString(*t) : "null");
    for (const TensorProto* d : input_data) {
      if (d != nullptr) seen_.push_back("unexpected constant");
    }
    return result_;
  }
  const std::vector<std::string>& seen() const { return seen_; }

 private:
  absl::StatusOr<std::vector<TypeProto>> result_;
  std::vector<std::string> seen_;
};

// A node with graph attributes served by fakes.
class SubgraphNodeContext : public InferenceContext {
 public:
  SubgraphNodeContext(std::vector<std::optional<TypeProto>> inputs, size_t num_outputs,
                      std::map<std::string, GraphInferencer*> graphs)
      : inputs_(std::move(inputs)), outputs_(num_outputs), graphs_(std::move(graphs)) {}
  const AttributeProto* attribute(std::string_view) const override { return nullptr; }
  size_t num_inputs() const override { return inputs_.size(); }
  bool has_input(size_t i) const override { return i < inputs_.size() && inputs_[i]; }
  const TypeProto* input_type(size_t i) const override {
    return has_input(i) ? &*inputs_[i] : nullptr;
  }
  const TensorProto* input_data(size_t) const override { return nullptr; }
  const TensorShapeProto* input_shape_data(size_t) const override { return nullptr; }
  size_t num_outputs() const override { return outputs_.size(); }
  bool has_output(size_t i) const override { return i < outputs_.size(); }
  TypeProto* output_type(size_t i) override { return i < outputs_.size() ? &outputs_[i] : nullptr; }
  GraphInferencer* graph_inferencer(std::string_view name) override {
    auto it = graphs_.find(std::string(name));
    return it == graphs_.end() ? nullptr : it->second;
  }
  int opset_version(std::string_view) const override { return -1; }
  const std::vector<TypeProto>& outputs() const { return outputs_; }

 private:
  std::vector<std::optional<TypeProto>> inputs_;
  std::vector<TypeProto> outputs_;
  std::map<std::string, GraphInferencer*> graphs_;
};

std::vector<std::string> RunInference(std::string_view op, int opset, SubgraphNodeContext& ctx) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset);
  if (schema == nullptr || !schema->has_inference_function()) return {"no inference"};
  absl::Status status = schema->inference_function()(ctx);
  if (!status.ok()) return {"error: " + std::string(status.message())};
  std::vector<std::string> out;
  for (const auto& t : ctx.outputs()) out.push_back(ShapeString(t));
  return out;
}

TypeProto SequenceOf(TypeProto elem) {
  TypeProto t;
  *t.mutable_sequence_type()->mutable_elem_type() = std::move(elem);
  return t;
}

TypeProto OptionalOf(TypeProto elem) {
  TypeProto t;
  *t.mutable_optional_type()->mutable_elem_type() = std::move(elem);
  return t;
}

Strings InferIf(int opset, std::vector<TypeProto> then_types, std::vector<TypeProto> else_types,
                size_t num_outputs) {
  FakeGraph then_graph(then_types), else_graph(else_types);
  SubgraphNodeContext ctx({TensorType(kBool, {})}, num_outputs,
                          {{"then_branch", &then_graph}, {"else_branch", &else_graph}});
  return RunInference("If", opset, ctx);
}

TEST(IfInference, OutputsAreTheUnionOfTheBranches) {
  EXPECT_EQ(InferIf(16,
                    {TensorType(kFloat, {2, 3}), TensorType(kInt64, {"N", 3}),
                     TensorType(kFloat, {2}), TensorType(kFloat, {"A"})},
                    {TensorType(kFloat, {2, 4}), TensorType(kInt64, {"N", 3}),
                     TensorType(kFloat, {2, 1}), TensorType(kFloat, {"B"})},
                    4),
            (Strings{"float[2,?]", "int64[N,3]", "float", "float[?]"}));
}

TEST(IfInference, SequencesAndOptionals) {
  EXPECT_EQ(
      InferIf(13, {SequenceOf(TensorType(kFloat, {2}))}, {SequenceOf(TensorType(kFloat, {3}))}, 1),
      Strings{"seq(float[?])"});
  EXPECT_EQ(InferIf(16, {OptionalOf(TensorType(kFloat, {2, 2}))},
                    {OptionalOf(TensorType(kFloat, {2, 2}))}, 1),
            Strings{"optional(float[2,2])"});
  EXPECT_EQ(
      InferIf(11, {SequenceOf(TensorType(kFloat, {2}))}, {SequenceOf(TensorType(kFloat, {2}))}, 1),
      Strings{"error: then_branch output 0 is seq(tensor(float)); this version accepts only "
              "tensors"});
  EXPECT_EQ(
      InferIf(13, {OptionalOf(TensorType(kFloat, {2}))}, {OptionalOf(TensorType(kFloat, {2}))}, 1),
      Strings{"error: then_branch output 0 is optional(tensor(float)); this version "
              "accepts only tensors or sequences"});
}

TEST(IfInference, Opset1NeedsMatchingShapes) {
  EXPECT_EQ(InferIf(1, {TensorType(kFloat, {2, "?"})}, {TensorType(kFloat, {"?", 3})}, 1),
            Strings{"float[2,3]"});
  EXPECT_EQ(InferIf(1, {TensorType(kFloat, {2})}, {TensorType(kFloat, {3})}, 1),
            Strings{"error: output 0: then_branch yields tensor(float)[2] and else_branch "
                    "tensor(float)[3]: dimension mismatch: 2 vs 3"});
  EXPECT_EQ(InferIf(1, {TensorType(kFloat, {2})}, {TensorType(kFloat, {2, 1})}, 1),
            Strings{"error: output 0: then_branch yields tensor(float)[2] and else_branch "
                    "tensor(float)[2,1]: ranks differ"});
}

TEST(IfInference, Errors) {
  EXPECT_EQ(InferIf(25, {TensorType(kFloat, {2})}, {TensorType(kInt64, {2})}, 1),
            Strings{"error: output 0: then_branch yields tensor(float)[2] and else_branch "
                    "tensor(int64)[2]: element types differ"});
  EXPECT_EQ(InferIf(25, {TensorType(kFloat, {2})}, {SequenceOf(TensorType(kFloat, {2}))}, 1),
            Strings{"error: output 0: then_branch yields tensor(float)[2] and else_branch "
                    "seq(tensor(float)): kinds differ"});
  EXPECT_EQ(InferIf(25, {TensorType(kFloat, {2})}, {}, 1),
            Strings{"error: then_branch yields 1 values but else_branch yields 0"});
  EXPECT_EQ(InferIf(25, {TensorType(kFloat, {2})}, {TensorType(kFloat, {2})}, 2),
            Strings{"error: the node has 2 outputs but its branches yield 1 values"});
}

TEST(IfInference, BranchErrorsPassThrough) {
  FakeGraph then_graph(absl::InvalidArgumentError("attribute 'then_branch': node 3 failed"));
  FakeGraph else_graph(std::vector<TypeProto>{});
  SubgraphNodeContext ctx({TensorType(kBool, {})}, 1,
                          {{"then_branch", &then_graph}, {"else_branch", &else_graph}});
  EXPECT_EQ(RunInference("If", 21, ctx), Strings{"error: attribute 'then_branch': node 3 failed"});
  EXPECT_EQ(then_graph.seen(), Strings{});
}

TEST(IfInference, NothingWithoutInferencers) {
  SubgraphNodeContext ctx({TensorType(kBool, {})}, 1, {});
  EXPECT_EQ(RunInference("If", 25, ctx), Strings{"none"});
}

TEST(LoopInference, CarriedValuesAndScanOutputs) {
  FakeGraph body(std::vector<TypeProto>{TensorType(kBool, {}), TensorType(kFloat, {2, 3}),
                                        TensorType(kInt64, {"K"}), TensorType(kFloat, {5})});
  SubgraphNodeContext ctx({TensorType(kInt64, {}), TensorType(kBool, {}),
                           TensorType(kFloat, {2, 3}), TensorType(kInt64, {1})},
                          3, {{"body", &body}});
  // The final carried value is the initial one or the body's: [2,3] both
  // times, but [1] or [K] for the second.
  EXPECT_EQ(RunInference("Loop", 16, ctx), (Strings{"float[2,3]", "int64[?]", "float[?,5]"}));
  // The body sees the carried values without their shapes.
  EXPECT_EQ(body.seen(), (Strings{"int64", "bool", "float", "int64"}));
}

TEST(LoopInference, OmittedCondAndTripCount) {
  FakeGraph body(std::vector<TypeProto>{TensorType(kBool, {}), TensorType(kFloat, {"N"})});
  SubgraphNodeContext ctx({std::nullopt, std::nullopt}, 1, {{"body", &body}});
  EXPECT_EQ(RunInference("Loop", 11, ctx), Strings{"float[?,N]"});
  EXPECT_EQ(body.seen(), (Strings{"int64", "bool"}));
}

TEST(LoopInference, SequencesAndOptionalsCarried) {
  FakeGraph body(std::vector<TypeProto>{TensorType(kBool, {}), SequenceOf(TensorType(kFloat, {2})),
                                        OptionalOf(TensorType(kFloat, {3}))});
  SubgraphNodeContext ctx(
      {TensorType(kInt64, {}), std::nullopt, SequenceOf(TensorType(kFloat, {2})),
       OptionalOf(TensorType(kFloat, {4}))},
      2, {{"body", &body}});
  EXPECT_EQ(RunInference("Loop", 16, ctx), (Strings{"seq(float[2])", "optional(float[?])"}));
  EXPECT_EQ(body.seen(), (Strings{"int64", "bool", "seq(float)", "optional(float)"}));
  SubgraphNodeContext ctx13(
      {TensorType(kInt64, {}), std::nullopt, SequenceOf(TensorType(kFloat, {2})),
       OptionalOf(TensorType(kFloat, {4}))},
      2, {{"body", &body}});
  EXPECT_EQ(RunInference("Loop", 13, ctx13),
            Strings{"error: loop-carried value 1 is optional(tensor(float)); this version "
                    "accepts only tensors or sequences"});
}

TEST(LoopInference, Errors) {
  const std::vector<std::optional<TypeProto>> inputs = {
      TensorType(kInt64, {}), TensorType(kBool, {}), TensorType(kFloat, {2})};
  {
    FakeGraph body(std::vector<TypeProto>{TensorType(kBool, {}), TensorType(kInt64, {2})});
    SubgraphNodeContext ctx(inputs, 1, {{"body", &body}});
    EXPECT_EQ(RunInference("Loop", 25, ctx),
              Strings{"error: loop-carried value 0: the initial value is tensor(float)[2] but "
                      "the body yields tensor(int64)[2]: element types differ"});
  }
  {
    FakeGraph body(std::vector<TypeProto>{TensorType(kBool, {}), TensorType(kFloat, {2}),
                                          SequenceOf(TensorType(kFloat, {2}))});
    SubgraphNodeContext ctx(inputs, 2, {{"body", &body}});
    EXPECT_EQ(RunInference("Loop", 25, ctx),
              Strings{"error: scan output 0 is seq(tensor(float)); scan outputs must be tensors"});
  }
  {
    FakeGraph body(std::vector<TypeProto>{TensorType(kBool, {}), TensorType(kFloat, {2})});
    SubgraphNodeContext ctx(inputs, 2, {{"body", &body}});
    EXPECT_EQ(RunInference("Loop", 25, ctx),
              Strings{"error: the body yields 2 values but a node with 2 outputs needs 3 (the "
                      "next cond, then one per output)"});
  }
  {
    FakeGraph body(std::vector<TypeProto>{TensorType(kFloat, {}), TensorType(kFloat, {2})});
    SubgraphNodeContext ctx(inputs, 1, {{"body", &body}});
    EXPECT_EQ(RunInference("Loop", 25, ctx),
              Strings{"error: the body's first output (the next cond) is tensor(float); it must "
                      "be tensor(bool)"});
  }
  {
    SubgraphNodeContext ctx(inputs, 0, {});
    EXPECT_EQ(RunInference("Loop", 25, ctx),
              Strings{"error: the node has 1 loop-carried inputs but only 0 outputs; each "
                      "loop-carried value needs one"});
  }
}

TEST(LoopInference, WithoutABodyInferencerCarriedTypesPassThrough) {
  SubgraphNodeContext ctx({TensorType(kInt64, {}), TensorType(kBool, {}), TensorType(kFloat, {2})},
                          2, {});
  EXPECT_EQ(RunInference("Loop", 1, ctx), (Strings{"float", "none"}));
}

// ---- Through the whole-model engine ---------------------------------------------------------

std::string InferredOutput(std::string_view model_text) {
  absl::StatusOr<ModelProto> model = ParseModel(model_text);
  if (!model.ok()) return "parse error: " + std::string(model.status().message());
  ShapeInferenceOptions options;
  options.strict = true;
  absl::StatusOr<ModelProto> inferred = InferShapes(*model, options);
  if (!inferred.ok()) return "error: " + std::string(inferred.status().message());
  std::string out;
  for (const auto& o : inferred->graph().output()) out += ShapeString(o.type()) + ";";
  return out;
}

TEST(ControlFlowEngine, IfBranchesWithDifferentShapes) {
  EXPECT_EQ(InferredOutput(R"(
    <ir_version: 8, opset_import: ["" : 16]>
    g (bool c, float[2,3] a) => (y, z) {
      y, z = If (c) <
        then_branch = t () => (float[2,3] ta, float[1] tb) {
          ta = Identity (a)
          tb = Constant <value = float[1] {1.0}> ()
        },
        else_branch = e () => (float[2,3] ea, float[2] eb) {
          ea = Neg (a)
          eb = Constant <value = float[2] {1.0, 2.0}> ()
        }
      >
    }
  )"),
            "float[2,3];float[?];");
}

TEST(ControlFlowEngine, LoopWithScanOutput) {
  EXPECT_EQ(InferredOutput(R"(
    <ir_version: 8, opset_import: ["" : 16]>
    g (int64 m, bool c, float[4] v) => (v_out, scan) {
      v_out, scan = Loop (m, c, v) <
        body = b (int64 i, bool ci, float[4] vi) => (bool co, float[] vo, float[] so) {
          co = Identity (ci)
          vo = Identity (vi)
          so = Identity (vi)
        }
      >
    }
  )"),
            "float[4];float[?,4];");
}

}  // namespace
}  // namespace onnxforge
