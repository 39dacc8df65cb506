// The executor with the small test kernels: scopes, subgraphs, functions,
// function-body expansion and its error messages.
#include "reference/executor.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tests/function_test_schemas.h"
#include "reference/tests/test_kernels.h"

namespace onnxforge::reference {
namespace {

std::string Message(const absl::Status& s) { return std::string(s.message()); }

ModelProto Parse(const std::string& text) {
  absl::StatusOr<ModelProto> model = ParseModel(text);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *model : ModelProto();
}

std::vector<float> Floats(const Value& v) {
  auto d = v.tensor().data<float>();
  return std::vector<float>(d.begin(), d.end());
}

Value FloatVector(std::vector<float> values) { return Tensor::Vector<float>(values); }

absl::StatusOr<std::vector<Value>> RunText(const std::string& text,
                                           const std::map<std::string, Value>& feeds,
                                           std::vector<std::string> outputs = {}) {
  return Evaluator(Parse(text)).Run(outputs, feeds);
}

const char kIfModel[] = R"(
<ir_version: 8, opset_import: ["" : 18]>
g (bool cond, float[2] X) => (float[2] Y) {
    S = Add (X, X)
    Y = If (cond) <
        then_branch = then_g () => (float[2] T) { T = Add (S, X) },
        else_branch = else_g () => (float[2] E) { E = Mul (S, X) }
    >
}
)";

TEST(Evaluator, IfBranchesSeeOuterScope) {
  Evaluator evaluator(Parse(kIfModel));
  Value x = FloatVector({1, 2});
  absl::StatusOr<std::vector<Value>> then_out =
      evaluator.Run({"Y"}, {{"cond", Tensor::Scalar<bool>(true)}, {"X", x}});
  ASSERT_TRUE(then_out.ok()) << then_out.status();
  EXPECT_EQ(Floats((*then_out)[0]), (std::vector<float>{3, 6}));
  absl::StatusOr<std::vector<Value>> else_out =
      evaluator.Run({}, {{"cond", Tensor::Scalar<bool>(false)}, {"X", x}});
  ASSERT_TRUE(else_out.ok()) << else_out.status();
  EXPECT_EQ(Floats((*else_out)[0]), (std::vector<float>{2, 8}));
}

TEST(Evaluator, ErrorsInsideASubgraphNameBothNodes) {
  absl::StatusOr<std::vector<Value>> out = RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (bool cond, float[2] X, float[3] Z) => (float[2] Y) {
    Y = If (cond) <
        then_branch = then_g () => (float[2] T) { T = Add (X, Z) },
        else_branch = else_g () => (float[2] E) { E = Mul (X, X) }
    >
}
)",
      {{"cond", Tensor::Scalar<bool>(true)}, {"X", FloatVector({1, 2})},
       {"Z", FloatVector({1, 2, 3})}});
  EXPECT_EQ(Message(out.status()),
            "node 0 (If-16): in attribute 'then_branch': node 0 (Add-14): cannot broadcast "
            "shapes [2] and [3]");
}

TEST(Evaluator, ModelLocalFunctionWithAttributeReference) {
  const char* text = R"(
<ir_version: 8, opset_import: ["" : 18, "local" : 1]>
g (float[3] X) => (double[3] Y, int64[3] W) {
    Y = local.Twice (X)
    W = local.Twice <to = 7> (X)
}
<domain: "local", opset_import: ["" : 18]>
Twice <to: int = 11> (A) => (B) {
    C = Cast <to = @to> (A)
    B = Add (C, C)
}
)";
  absl::StatusOr<std::vector<Value>> out = RunText(text, {{"X", FloatVector({-1, 1.5f, 4})}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].tensor(), Tensor::Vector<double>({-2, 3, 8}));
  EXPECT_EQ((*out)[1].tensor(), Tensor::Vector<int64_t>({-2, 2, 8}));
}

TEST(Evaluator, FunctionBodyOpRunsByExpansion) {
  // HardSwish has no kernel here; its schema's body uses HardSigmoid and Mul.
  if (SchemaRegistry::Instance().Lookup("HardSigmoid", 18) == nullptr) {
    GTEST_SKIP() << "HardSigmoid, which HardSwish's body calls, is not registered";
  }
  absl::StatusOr<std::vector<Value>> out = RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[4] X) => (float[4] Y) {
    Y = HardSwish (X)
}
)",
                                                   {{"X", FloatVector({-4, 0, 1, 4})}});
  ASSERT_TRUE(out.ok()) << out.status();
  const float alpha = 0.16666667f;
  const float one = std::max(0.0f, std::min(1.0f, alpha * 1.0f + 0.5f)) * 1.0f;
  EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{-0.0f, 0, one, 4}));
}

TEST(Evaluator, FunctionBodiesFixedAndContextDependent) {
  testing::RegisterFunctionTestSchemas();
  // TestOptional's body copies A to Y and B to Z; Z is left out here.
  // Clip without bounds builds a body of one Identity.
  absl::StatusOr<std::vector<Value>> out = RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y, float[2] C) {
    Y = TestOptional (X)
    C = Clip (Y)
}
)",
                                                   {{"X", FloatVector({-1, 2})}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{-1, 2}));
  EXPECT_EQ(Floats((*out)[1]), (std::vector<float>{-1, 2}));
}

TEST(EvaluatorErrors, InsideAFunctionBody) {
  testing::RegisterFunctionTestSchemas();
  // TestSoftNeg's body calls Softmax, whose own body starts with a Constant;
  // neither has a kernel here.
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    [b] Y = TestSoftNeg (X)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 0 'b' (TestSoftNeg-1): in its function body: node 0 (Softmax-13): in its "
            "function body: node 0 (Constant-13): no kernel for Constant-13 (ai.onnx) and it has "
            "no function body");
  // The context-dependent body of TestBuilt casts int64 input to float.
  absl::StatusOr<std::vector<Value>> built = RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (int64[2] X) => (float[2] Y) {
    Y = TestBuilt (X)
}
)",
                                                     {{"X", Tensor::Vector<int64_t>({1, 2})}});
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ((*built)[0].tensor(), Tensor::Vector<float>({1, 2}));
  absl::Status deep = RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    Y = TestSelfCall (X)
}
)",
                              {{"X", FloatVector({1, 2})}})
                          .status();
  EXPECT_EQ(Message(deep).substr(0, 92),
            "node 0 (TestSelfCall-1): in its function body: node 0 (TestSelfCall-1): in its "
            "function body");
  EXPECT_NE(Message(deep).find("functions and subgraphs nest deeper than 64 levels"),
            std::string::npos);
}

TEST(Evaluator, InitializersAreDefaultsFeedsOverride) {
  const char* text = R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X, float[2] B) => (float[2] Y) <float[2] B = {10, 20}> {
    Y = Add (X, B)
}
)";
  Evaluator evaluator(Parse(text));
  absl::StatusOr<std::vector<Value>> out = evaluator.Run({}, {{"X", FloatVector({1, 2})}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{11, 22}));
  out = evaluator.Run({}, {{"X", FloatVector({1, 2})}, {"B", FloatVector({0, 1})}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{1, 3}));
}

// Initializers are converted once and shared by runs; a node output of the
// same name is still a redefinition.
TEST(Evaluator, InitializersSharedByRunsStayReadOnly) {
  Evaluator evaluator(Parse(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) <float[2] B = {10, 20}> {
    Y = Add (X, B)
}
)"));
  for (int run = 0; run < 2; ++run) {
    absl::StatusOr<std::vector<Value>> out = evaluator.Run({}, {{"X", FloatVector({1, 2})}});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ(Floats((*out)[0]), (std::vector<float>{11, 22}));
  }
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) <float[2] B = {10, 20}> {
    B = Add (X, X)
    Y = Add (X, B)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 0 (Add-14): 'B' is already defined in this graph (names must be unique)");
}

// Two Cast nodes whose kernel keeps its attribute across runs.
const char kKeptStateModel[] = R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (double[2] Y, int64[2] Z) {
    Y = Cast <to = 11> (X)
    Z = Cast <to = 7> (X)
}
)";

void ExpectKeptStateModelOutputs(const absl::StatusOr<std::vector<Value>>& out) {
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ((*out)[0].tensor(), Tensor::Vector<double>({1.5, -2}));
  EXPECT_EQ((*out)[1].tensor(), Tensor::Vector<int64_t>({1, -2}));
}

TEST(Evaluator, KeptStatesAreBuiltOncePerNode) {
  const Evaluator evaluator(Parse(kKeptStateModel));
  const int before = test_kernels::CastStatesBuilt();
  for (int run = 0; run < 3; ++run) {
    ExpectKeptStateModelOutputs(evaluator.Run({}, {{"X", FloatVector({1.5f, -2})}}));
    EXPECT_EQ(test_kernels::CastStatesBuilt() - before, 2) << "run " << run;
  }
  // A copy keeps nothing of the original's: its nodes are its own.
  const Evaluator copy = evaluator;  // NOLINT(performance-unnecessary-copy-initialization)
  ExpectKeptStateModelOutputs(copy.Run({}, {{"X", FloatVector({1.5f, -2})}}));
  EXPECT_EQ(test_kernels::CastStatesBuilt() - before, 4);
  ExpectKeptStateModelOutputs(evaluator.Run({}, {{"X", FloatVector({1.5f, -2})}}));
  EXPECT_EQ(test_kernels::CastStatesBuilt() - before, 4);
}

TEST(Evaluator, KeptStatesAreSharedByConcurrentRuns) {
  const Evaluator evaluator(Parse(kKeptStateModel));
  const int before = test_kernels::CastStatesBuilt();
  const std::vector<Value> want = {Tensor::Vector<double>({1.5, -2}),
                                   Tensor::Vector<int64_t>({1, -2})};
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int run = 0; run < 50; ++run) {
        absl::StatusOr<std::vector<Value>> out =
            evaluator.Run({}, {{"X", FloatVector({1.5f, -2})}});
        if (!out.ok() || *out != want) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(failures, std::vector<int>(4, 0));
  // Threads that reached a node before its state was kept may each have
  // built one; from then on every run reuses the kept one.
  const int built = test_kernels::CastStatesBuilt() - before;
  EXPECT_GE(built, 2);
  EXPECT_LE(built, 8);
  ExpectKeptStateModelOutputs(evaluator.Run({}, {{"X", FloatVector({1.5f, -2})}}));
  EXPECT_EQ(test_kernels::CastStatesBuilt() - before, built);
}

TEST(Evaluator, FunctionBodyNodesKeepNothing) {
  // The body's nodes are made afresh for every call, so the Cast inside is
  // built on every run.
  const Evaluator evaluator(Parse(R"(
<ir_version: 8, opset_import: ["" : 18, "local" : 1]>
g (float[2] X) => (double[2] Y) {
    Y = local.ToDouble (X)
}
<domain: "local", opset_import: ["" : 18]>
ToDouble (A) => (B) {
    B = Cast <to = 11> (A)
}
)"));
  const int before = test_kernels::CastStatesBuilt();
  for (int run = 1; run <= 2; ++run) {
    absl::StatusOr<std::vector<Value>> out = evaluator.Run({}, {{"X", FloatVector({1.5f, -2})}});
    ASSERT_TRUE(out.ok()) << out.status();
    EXPECT_EQ((*out)[0].tensor(), Tensor::Vector<double>({1.5, -2}));
    EXPECT_EQ(test_kernels::CastStatesBuilt() - before, run);
  }
}

const char kAddModel[] = R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    Y = Add (X, X)
}
)";

TEST(EvaluatorErrors, Feeds) {
  Evaluator evaluator(Parse(kAddModel));
  EXPECT_EQ(Message(evaluator.Run({}, {}).status()),
            "missing input 'X': no feed and no initializer");
  EXPECT_EQ(Message(evaluator.Run({}, {{"X", FloatVector({1, 2})}, {"Z", FloatVector({1})}})
                        .status()),
            "feed 'Z' is not a graph input (inputs: X)");
  EXPECT_EQ(Message(evaluator.Run({}, {{"X", Tensor::Vector<int64_t>({1, 2})}}).status()),
            "input 'X' expects tensor(float), got tensor(int64)");
  EXPECT_EQ(Message(evaluator.Run({"Nope"}, {{"X", FloatVector({1, 2})}}).status()),
            "output 'Nope' is not a value the graph computes");
}

TEST(EvaluatorErrors, Nodes) {
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    [n0] Y = Sub (X, X)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 0 'n0' (Sub-14): no kernel for Sub-14 (ai.onnx) and it has no function body");
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    Y = Frobnicate (X)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 0 (Frobnicate): no operator Frobnicate in domain 'ai.onnx' at opset 18 and "
            "no model-local function of that name");
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    Y = com.example.Op (X)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 0 (com.example.Op): the model imports no opset for domain 'com.example'");
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    T = Add (X, X)
    Y = Add (T, Q)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 1 (Add): input 1 'Q' is not a graph input, an initializer, or an output of an "
            "earlier node");
}

TEST(EvaluatorErrors, TypesCheckedAgainstTheSchema) {
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X, double[2] D) => (float[2] Y) {
    Y = Add (X, D)
}
)",
                            {{"X", FloatVector({1, 2})},
                             {"D", Tensor::Vector<double>({1, 2})}})
                        .status()),
            "node 0 (Add-14): input 1 'D' has type tensor(double), but input 0 'X' bound T to "
            "tensor(float)");
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (bool[2] X) => (bool[2] Y) {
    Y = Add (X, X)
}
)",
                            {{"X", Tensor::Vector<bool>({true, false})}})
                        .status()),
            "node 0 (Add-14): input 0 'X' has type tensor(bool), but A accepts "
            "tensor(bfloat16), tensor(double), tensor(float), tensor(float16), tensor(int16), "
            "tensor(int32), tensor(int64), tensor(int8), tensor(uint16), tensor(uint32), "
            "tensor(uint64), tensor(uint8)");
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    Y = Add (X)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 0 (Add-14): required input 1 'B' is missing");
}

TEST(EvaluatorErrors, KernelErrorsAndRedefinitions) {
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X, float[3] Z) => (float[2] Y) {
    [sum] Y = Add (X, Z)
}
)",
                            {{"X", FloatVector({1, 2})}, {"Z", FloatVector({1, 2, 3})}})
                        .status()),
            "node 0 'sum' (Add-14): cannot broadcast shapes [2] and [3]");
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18]>
g (float[2] X) => (float[2] Y) {
    Y = Add (X, X)
    Y = Mul (X, X)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status()),
            "node 1 (Mul-14): 'Y' is already defined in this graph (names must be unique)");
}

TEST(EvaluatorErrors, RecursiveFunctionStops) {
  EXPECT_EQ(Message(RunText(R"(
<ir_version: 8, opset_import: ["" : 18, "local" : 1]>
g (float[2] X) => (float[2] Y) {
    Y = local.Loop (X)
}
<domain: "local", opset_import: ["" : 18, "local" : 1]>
Loop (A) => (B) {
    B = local.Loop (A)
}
)",
                            {{"X", FloatVector({1, 2})}})
                        .status())
                .substr(0, 60),
            "node 0 (local.Loop): in function Loop: node 0 (local.Loop): ");
  absl::Status deep = RunText(R"(
<ir_version: 8, opset_import: ["" : 18, "local" : 1]>
g (float[2] X) => (float[2] Y) {
    Y = local.Loop (X)
}
<domain: "local", opset_import: ["" : 18, "local" : 1]>
Loop (A) => (B) {
    B = local.Loop (A)
}
)",
                              {{"X", FloatVector({1, 2})}})
                          .status();
  EXPECT_NE(Message(deep).find("functions and subgraphs nest deeper than 64 levels (does a "
                               "function call itself?)"),
            std::string::npos);
}

}  // namespace
}  // namespace onnxforge::reference
