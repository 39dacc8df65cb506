// The generated op-as-function API: models written with it, their exact
// node lists at the authoring opset and after Finalize, and their values
// under the reference evaluator.
#include "converters/builder/ops.h"

#include <map>
#include <string>
#include <vector>

#include "converters/builder/finalize.h"
#include "converters/builder/graph_builder.h"
#include "gtest/gtest.h"
#include "ir/syntax/printer.h"
#include "ir/tensor_util.h"
#include "reference/executor.h"

namespace onnxforge::builder {
namespace {

using reference::Evaluator;
using reference::Tensor;
using reference::Value;

std::vector<std::string> NodeLines(const ModelProto& model) {
  std::vector<std::string> lines;
  for (const NodeProto& node : model.graph().node()) lines.push_back(PrintNode(node));
  return lines;
}

std::vector<std::string> InitializerNames(const ModelProto& model) {
  std::vector<std::string> names;
  for (const TensorProto& t : model.graph().initializer()) names.push_back(t.name());
  return names;
}

// The model's first output on `x` fed to its input "X", as floats.
std::vector<float> Evaluate(const ModelProto& model, const Tensor& x) {
  absl::StatusOr<std::vector<Value>> out = Evaluator(model).Run({}, {{"X", Value(x)}});
  EXPECT_TRUE(out.ok()) << out.status();
  if (!out.ok()) return {};
  absl::Span<const float> data = (*out)[0].tensor().data<float>();
  return std::vector<float>(data.begin(), data.end());
}

ModelProto Finalized(const ModelProto& model, int opset) {
  absl::StatusOr<ModelProto> result = Finalize(model, opset);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : ModelProto();
}

// ---- A two-layer perceptron: Gemm, Relu, Gemm ----

ModelProto Perceptron() {
  GraphBuilder b({{"", 21}});
  const std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 4}));
  // The first layer's weights are stored transposed, as (units, features).
  const std::string w1 = b.AddInitializer(
      "W1", MakeTensor<float>("", {3, 4}, {1, 0, 1, -1, 0, 1, 1, 0, -1, 0, 1, 2}));
  const std::string b1 = b.AddInitializer("B1", MakeTensor<float>("", {3}, {0.5f, -1, 0}));
  const std::string w2 =
      b.AddInitializer("W2", MakeTensor<float>("", {3, 2}, {1, -1, 0.5f, 0, 0, 0.25f}));
  const std::string b2 = b.AddInitializer("B2", MakeTensor<float>("", {2}, {0, 1}));
  const std::string hidden =
      ops::Relu(b, ops::Gemm(b, x, w1, b1, /*transA=*/std::nullopt, /*transB=*/1));
  b.AddOutput(ops::Gemm(b, hidden, w2, b2), TensorType(TensorProto::FLOAT, {-1, 2}));
  absl::StatusOr<ModelProto> model = b.Build();
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *model : ModelProto();
}

TEST(OpsTest, PerceptronNodes) {
  const ModelProto model = Perceptron();
  const std::vector<std::string> nodes = {
      "Gemm = Gemm <transB = 1> (X, W1, B1)",
      "Relu = Relu(Gemm)",
      "Gemm_1 = Gemm(Relu, W2, B2)",
  };
  EXPECT_EQ(NodeLines(model), nodes);
  EXPECT_EQ(NodeLines(Finalized(model, 21)), nodes);
  EXPECT_EQ(NodeLines(Finalized(model, 13)), nodes);
  // Gemm-6 broadcasts only when told to.
  EXPECT_EQ(NodeLines(Finalized(model, 6)),
            (std::vector<std::string>{
                "Gemm = Gemm <transB = 1, broadcast = 1> (X, W1, B1)",
                "Relu = Relu(Gemm)",
                "Gemm_1 = Gemm <broadcast = 1> (Relu, W2, B2)",
            }));
}

TEST(OpsTest, PerceptronValues) {
  const Tensor x = Tensor::FromVector<float>({2, 4}, {1, 2, 3, 4, -1, 0, 1, -2});
  // Hidden rows: relu([0.5, 4, 10]) and relu([2.5, 0, -2]).
  const std::vector<float> expected = {2.5f, 3.0f, 2.5f, -1.5f};
  const ModelProto model = Perceptron();
  EXPECT_EQ(Evaluate(model, x), expected);
  for (int opset : {21, 13, 9, 7, 6}) {
    EXPECT_EQ(Evaluate(Finalized(model, opset), x), expected) << "opset " << opset;
  }
}

// ---- ReduceSum: axes an input from opset 13, an attribute before ----

const Tensor kMatrix = Tensor::FromVector<float>({2, 3}, {1, 2, 3, 4, 5, 6});

TEST(OpsTest, ReduceSumWrittenAt18ReachesOpset11) {
  GraphBuilder b({{"", 18}});
  const std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {2, 3}));
  const std::string axes = b.AddInitializer("axes", MakeTensor<int64_t>("", {1}, {1}));
  b.AddOutput(ops::ReduceSum(b, x, axes, /*keepdims=*/0));
  const ModelProto model = *b.Build();
  EXPECT_EQ(NodeLines(model),
            std::vector<std::string>{"ReduceSum = ReduceSum <keepdims = 0> (X, axes)"});

  const ModelProto at11 = Finalized(model, 11);
  EXPECT_EQ(NodeLines(at11), std::vector<std::string>{
                                 "ReduceSum = ReduceSum <keepdims = 0, axes = [1]> (X)"});
  EXPECT_EQ(InitializerNames(at11), std::vector<std::string>{});
  EXPECT_EQ(PrintType(at11.graph().output(0).type()), "float[2]");
  EXPECT_EQ(Evaluate(model, kMatrix), (std::vector<float>{6, 15}));
  EXPECT_EQ(Evaluate(at11, kMatrix), (std::vector<float>{6, 15}));
}

TEST(OpsTest, ReduceSumWrittenAt11ReachesOpset18) {
  GraphBuilder b({{"", 11}});
  const std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {2, 3}));
  b.AddOutput(
      b.AddNode("ReduceSum", {x}, 1, {IntsAttr("axes", {1}), IntAttr("keepdims", 0)})[0]);
  const ModelProto model = *b.Build();
  EXPECT_EQ(NodeLines(model), std::vector<std::string>{
                                  "ReduceSum = ReduceSum <axes = [1], keepdims = 0> (X)"});

  const ModelProto at18 = Finalized(model, 18);
  ASSERT_EQ(at18.graph().node_size(), 1);
  const NodeProto& node = at18.graph().node(0);
  EXPECT_EQ(PrintNode(node), "ReduceSum = ReduceSum <keepdims = 0> (X, ReduceSum_axes)");
  EXPECT_EQ(InitializerNames(at18), std::vector<std::string>{"ReduceSum_axes"});
  EXPECT_EQ(Evaluate(at18, kMatrix), (std::vector<float>{6, 15}));
}

TEST(OpsTest, NewestFormBelowItsOpsetFailsAsWritten) {
  // The API writes ReduceSum-13's form (axes an input); opset 11 has none.
  GraphBuilder b({{"", 11}});
  const std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {2, 3}));
  b.AddOutput(ops::ReduceSum(b, x, b.AddInitializer("axes", MakeTensor<int64_t>("", {1}, {1}))));
  absl::StatusOr<ModelProto> result = Finalize(*b.Build(), 11);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(std::string(result.status().message())
                .rfind("the model as written (ai.onnx opset 11) fails the checker: node 0 "
                       "(\"\", ReduceSum)",
                       0),
            0u)
      << result.status();
}

// ---- Parameter and result forms ----

TEST(OpsTest, MultipleOutputsComeBackAsLists) {
  GraphBuilder b({{"", 21}});
  const std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {6}));
  const std::string k = b.AddInitializer("k", MakeTensor<int64_t>("", {1}, {2}));
  const std::vector<std::string> top = ops::TopK(b, x, k, /*axis=*/0, /*largest=*/0);
  EXPECT_EQ(top, (std::vector<std::string>{"TopK_Values", "TopK_Indices"}));
  const std::vector<std::string> parts = ops::Split(b, x, "", 3, std::nullopt, 3);
  EXPECT_EQ(parts, (std::vector<std::string>{"Split_outputs", "Split_outputs_1",
                                             "Split_outputs_2"}));
  EXPECT_EQ(ops::Dropout(b, x), std::vector<std::string>{"Dropout"});
  EXPECT_EQ(ops::Dropout(b, x, "", "", 2),
            (std::vector<std::string>{"Dropout_output", "Dropout_mask"}));
  const std::string joined = ops::Concat(b, {top[0], parts[0], parts[2]}, 0);
  const std::string c = ops::Constant(b, std::nullopt, std::nullopt, std::nullopt, std::nullopt,
                                      std::nullopt, std::vector<int64_t>{3, 2});
  b.AddOutput(ops::Reshape(b, joined, c));
  const ModelProto model = *b.Build();
  EXPECT_EQ(NodeLines(model),
            (std::vector<std::string>{
                "TopK_Values, TopK_Indices = TopK <axis = 0, largest = 0> (X, k)",
                "Split_outputs, Split_outputs_1, Split_outputs_2 = Split <num_outputs = 3> (X)",
                "Dropout = Dropout(X)",
                "Dropout_output, Dropout_mask = Dropout(X)",
                "Concat = Concat <axis = 0> (TopK_Values, Split_outputs, Split_outputs_2)",
                "Constant = Constant <value_ints = [3, 2]> ()",
                "Reshape = Reshape(Concat, Constant)",
            }));
  const Tensor x_value = Tensor::FromVector<float>({6}, {5, 1, 4, 2, 6, 3});
  EXPECT_EQ(Evaluate(Finalized(model, 18), x_value), (std::vector<float>{1, 2, 5, 1, 6, 3}));
}

TEST(OpsTest, MlOpsLiveInTheirNamespace) {
  GraphBuilder b({{"", 21}, {"ai.onnx.ml", 5}});
  const std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 2}));
  b.AddOutput(ops::ml::Binarizer(b, x, /*threshold=*/0.5f));
  const ModelProto model = *b.Build();
  EXPECT_EQ(NodeLines(model), std::vector<std::string>{
                                  "Binarizer = ai.onnx.ml.Binarizer <threshold = 0.5> (X)"});
  EXPECT_EQ(Evaluate(Finalized(model, 13), Tensor::FromVector<float>({1, 2}, {0.25f, 0.75f})),
            (std::vector<float>{0, 1}));
}

}  // namespace
}  // namespace onnxforge::builder
