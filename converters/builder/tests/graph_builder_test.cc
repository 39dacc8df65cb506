#include "converters/builder/graph_builder.h"

#include <string>
#include <vector>

#include "converters/builder/finalize.h"
#include "gtest/gtest.h"
#include "ir/syntax/printer.h"
#include "ir/tensor_util.h"

namespace onnxforge::builder {
namespace {

std::vector<std::string> NodeLines(const GraphProto& graph) {
  std::vector<std::string> lines;
  for (const NodeProto& node : graph.node()) lines.push_back(PrintNode(node));
  return lines;
}

std::string Imports(const ModelProto& model) {
  std::string text;
  for (const OperatorSetIdProto& import : model.opset_import()) {
    text += "'" + import.domain() + "':" + std::to_string(import.version()) + " ";
  }
  return text;
}

std::string ErrorOf(const absl::StatusOr<ModelProto>& result) {
  return result.ok() ? "ok" : std::string(result.status().message());
}

TEST(GraphBuilderTest, NamesAreUniqueAndFollowTheHint) {
  GraphBuilder b({{"", 21}});
  EXPECT_EQ(b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 2})), "X");
  EXPECT_EQ(b.AddInitializer("X", MakeTensor<float>("", {1}, {2.0f})), "X_1");
  EXPECT_EQ(b.UniqueName("X"), "X_2");
  EXPECT_EQ(b.AddNode("Mul", {"X", "X_1"}, 1), std::vector<std::string>{"Mul"});
  EXPECT_EQ(b.AddNode("Mul", {"Mul", "X_1"}, 1), std::vector<std::string>{"Mul_1"});
  EXPECT_EQ(b.AddNode("TopK", {"Mul_1", "K"}, 2),
            (std::vector<std::string>{"TopK_Values", "TopK_Indices"}));
  EXPECT_EQ(b.AddNode("Identity", {"Mul"}, std::vector<std::string>{"Y"}),
            std::vector<std::string>{"Y"});
  EXPECT_TRUE(b.IsUsedName("Y"));
  EXPECT_TRUE(b.status().ok());
}

TEST(GraphBuilderTest, BuildImportsOnlyTheDomainsItUses) {
  GraphBuilder b({{"", 21}, {"ai.onnx.ml", 5}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 2}));
  const std::string y = b.AddNode("Relu", {"X"}, 1)[0];
  b.AddOutput(y, TensorType(TensorProto::FLOAT, {-1, 2}));
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(Imports(*model), "'':21 ");
  EXPECT_EQ(model->ir_version(), 10);
  EXPECT_EQ(model->graph().name(), "graph");
  EXPECT_EQ(model->producer_name(), "onnxforge");
  EXPECT_EQ(NodeLines(model->graph()), std::vector<std::string>{"Relu = Relu(X)"});
}

TEST(GraphBuilderTest, IrVersionFollowsTheOldestRelease) {
  GraphBuilder b({{"", 13}, {"ai.onnx.ml", 2}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 2}));
  const std::string y = b.AddNode("Normalizer", {"X"}, 1, {StringAttr("norm", "L1")},
                                  "ai.onnx.ml")[0];
  b.AddOutput(b.AddNode("Relu", {y}, 1)[0]);
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(Imports(*model), "'':13 'ai.onnx.ml':2 ");
  EXPECT_EQ(model->ir_version(), 7);
}

TEST(GraphBuilderTest, ReportsTheFirstMistake) {
  GraphBuilder b({{"", 13}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  b.AddNode("HardSwish", {"X"}, 1);
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  EXPECT_EQ(ErrorOf(b.Build()),
            "HardSwish does not exist at the authoring opset 13 of ai.onnx: its first version "
            "is 14");
}

TEST(GraphBuilderTest, ANameUniqueNameHandsOutIsTakenOnce) {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  const std::string y = b.UniqueName("Y");
  EXPECT_EQ(b.AddNode("Relu", {"X"}, std::vector<std::string>{y}), std::vector<std::string>{"Y"});
  EXPECT_TRUE(b.status().ok()) << b.status();
  b.AddNode("Relu", {"X"}, std::vector<std::string>{y});
  EXPECT_EQ(ErrorOf(b.Build()), "Relu output 'Y': the name is already used");
}

TEST(GraphBuilderTest, RejectsNamesAlreadyUsed) {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  b.AddNode("Relu", {"X"}, std::vector<std::string>{"X"});
  EXPECT_EQ(ErrorOf(b.Build()), "Relu output 'X': the name is already used");
}

TEST(GraphBuilderTest, RejectsDomainsWithoutAuthoringOpset) {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  b.AddNode("Binarizer", {"X"}, 1, {}, "ai.onnx.ml");
  EXPECT_EQ(ErrorOf(b.Build()),
            "Binarizer: the builder has no authoring opset for domain ai.onnx.ml; name one when "
            "creating the builder");
}

TEST(GraphBuilderTest, RejectsUnknownOps) {
  GraphBuilder b({{"", 21}});
  b.AddNode("Frobnicate", {}, 1);
  EXPECT_EQ(ErrorOf(b.Build()), "Frobnicate is not an op of ai.onnx");
}

TEST(GraphBuilderTest, RejectsOutputsNothingDefines) {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  b.AddOutput("Y");
  EXPECT_EQ(ErrorOf(b.Build()), "graph output 'Y' is not a value of graph 'graph'");
}

TEST(GraphBuilderTest, LeavesOutTrailingOmittedInputs) {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  b.AddInput("hi", TensorType(TensorProto::FLOAT, {}));
  b.AddOutput(b.AddNode("Clip", {"X", "", ""}, 1)[0]);
  b.AddOutput(b.AddNode("Clip", {"X", "", "hi"}, 1)[0]);
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(NodeLines(model->graph()),
            (std::vector<std::string>{"Clip = Clip(X)", "Clip_1 = Clip(X, , hi)"}));
}

TEST(GraphBuilderTest, SubgraphsShareNamesAndDomains) {
  GraphBuilder b({{"", 21}, {"ai.onnx.ml", 5}});
  b.AddInput("cond", TensorType(TensorProto::BOOL, {}));
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  GraphBuilder then_branch = b.Subgraph("then");
  then_branch.AddOutput(then_branch.AddNode("Relu", {"X"}, 1)[0],
                        TensorType(TensorProto::FLOAT, {2}));
  GraphBuilder else_branch = b.Subgraph("else");
  else_branch.AddOutput(
      else_branch.AddNode("Binarizer", {"X"}, 1, {FloatAttr("threshold", 0.5f)},
                          "ai.onnx.ml")[0],
      TensorType(TensorProto::FLOAT, {2}));
  absl::StatusOr<GraphProto> then_graph = then_branch.BuildGraph();
  absl::StatusOr<GraphProto> else_graph = else_branch.BuildGraph();
  ASSERT_TRUE(then_graph.ok() && else_graph.ok());
  const std::string y = b.AddNode("If", {"cond"}, 1,
                                  {GraphAttr("then_branch", *then_graph),
                                   GraphAttr("else_branch", *else_graph)})[0];
  EXPECT_EQ(y, "If");
  EXPECT_EQ(b.UniqueName("Relu"), "Relu_1");
  b.AddOutput(y);
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(Imports(*model), "'':21 'ai.onnx.ml':5 ");
  absl::StatusOr<ModelProto> final_model = Finalize(*model, 13);
  ASSERT_TRUE(final_model.ok()) << final_model.status();
  EXPECT_EQ(PrintType(final_model->graph().output(0).type()), "float[2]");
}

// ---- Finalize ----------------------------------------------------------------

ModelProto HardSwishModel() {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 3}));
  b.AddOutput(b.AddNode("Relu", {b.AddNode("HardSwish", {"X"}, 1)[0]}, 1)[0]);
  return *b.Build();
}

TEST(FinalizeTest, InfersOutputTypesNotDeclared) {
  absl::StatusOr<ModelProto> model = Finalize(HardSwishModel(), 14);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(PrintType(model->graph().output(0).type()), "float[?, 3]");
  EXPECT_EQ(Imports(*model), "'':14 ");
  EXPECT_EQ(model->ir_version(), 7);
  EXPECT_EQ(NodeLines(model->graph()),
            (std::vector<std::string>{"HardSwish = HardSwish(X)", "Relu = Relu(HardSwish)"}));
}

TEST(FinalizeTest, NamesTheOpItsVersionsAndTheLowestOpsetThatWorks) {
  EXPECT_EQ(ErrorOf(Finalize(HardSwishModel(), 13)),
            "cannot convert the model to ai.onnx opset 13: node 0 (\"\", HardSwish): cannot "
            "convert HardSwish-14 to an earlier opset (ai.onnx opset 21 to 13): HardSwish first "
            "appears in ai.onnx opset 14; HardSwish has versions 14, 22; the lowest ai.onnx "
            "opset that can express this model is 14");
}

TEST(FinalizeTest, FindsTheLowestOpsetByTrying) {
  // TopK with largest=0 exists from opset 1 but cannot go below 11, where
  // the attribute appeared.
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2, 5}));
  const std::string k = b.AddInitializer("k", MakeTensor<int64_t>("", {1}, {2}));
  const std::vector<std::string> top = b.AddNode("TopK", {"X", k}, 2, {IntAttr("largest", 0)});
  b.AddOutput(top[0]);
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string error = ErrorOf(Finalize(*model, 9));
  EXPECT_NE(error.find("node 0 (\"\", TopK): cannot convert TopK-11 to TopK-10"),
            std::string::npos)
      << error;
  EXPECT_NE(error.find("; TopK has versions 1, 10, 11, 24; the lowest ai.onnx opset that can "
                       "express this model is 11"),
            std::string::npos)
      << error;
}

TEST(FinalizeTest, ReportsModelsBrokenAsWritten) {
  GraphBuilder b({{"", 21}});
  b.AddInput("X", TensorType(TensorProto::FLOAT, {2}));
  b.AddOutput(b.AddNode("Relu", {"X", "X"}, 1)[0], TensorType(TensorProto::FLOAT, {2}));
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string error = ErrorOf(Finalize(*model, 13));
  EXPECT_EQ(error.rfind("the model as written (ai.onnx opset 21) fails the checker: node 0", 0),
            0u)
      << error;
}

TEST(FinalizeTest, ReportsShapesThatDoNotInferAsWritten) {
  GraphBuilder b({{"", 21}});
  b.AddInput("A", TensorType(TensorProto::FLOAT, {2, 3}));
  b.AddInput("B", TensorType(TensorProto::FLOAT, {4, 5}));
  b.AddOutput(b.AddNode("MatMul", {"A", "B"}, 1)[0], TensorType(TensorProto::FLOAT, {2, 5}));
  absl::StatusOr<ModelProto> model = b.Build();
  ASSERT_TRUE(model.ok()) << model.status();
  const std::string error = ErrorOf(Finalize(*model, 13));
  EXPECT_EQ(error.rfind("the model as written (ai.onnx opset 21) fails shape inference: node 0 "
                        "(\"\", MatMul)",
                        0),
            0u)
      << error;
}

TEST(FinalizeTest, KeepsTheAuthoringOpsetsWithoutTargets) {
  absl::StatusOr<ModelProto> model = Finalize(HardSwishModel(), std::map<std::string, int>{});
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(Imports(*model), "'':21 ");
}

TEST(FinalizeTest, RejectsTargetsOutsideTheKnownRange) {
  EXPECT_EQ(ErrorOf(Finalize(HardSwishModel(), 99)),
            "cannot convert the model to ai.onnx opset 99: target opset 99 of ai.onnx is "
            "outside the known range 1 to 28");
}

}  // namespace
}  // namespace onnxforge::builder
