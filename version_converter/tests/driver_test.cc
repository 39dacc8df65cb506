// ConvertVersion as a whole: targets, imports, IR versions, functions,
// errors, and time linear in the model's size.
#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ir/syntax/printer.h"
#include "version_converter/driver.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
namespace {

const char kRelu14[] = R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2] X) => (float[2] Y) { Y = Relu (X) })";

TEST(IrVersionForOpset, FollowsOnnxReleases) {
  EXPECT_EQ(IrVersionForOpset("", 1), 3);
  EXPECT_EQ(IrVersionForOpset("", 8), 3);
  EXPECT_EQ(IrVersionForOpset("", 9), 4);
  EXPECT_EQ(IrVersionForOpset("", 10), 5);
  EXPECT_EQ(IrVersionForOpset("", 11), 6);
  EXPECT_EQ(IrVersionForOpset("ai.onnx", 14), 7);
  EXPECT_EQ(IrVersionForOpset("", 15), 8);
  EXPECT_EQ(IrVersionForOpset("", 19), 9);
  EXPECT_EQ(IrVersionForOpset("", 21), 10);
  EXPECT_EQ(IrVersionForOpset("", 23), 11);
  EXPECT_EQ(IrVersionForOpset("", 24), 12);
  EXPECT_EQ(IrVersionForOpset("", 27), 13);
  EXPECT_EQ(IrVersionForOpset("ai.onnx.ml", 1), 3);
  EXPECT_EQ(IrVersionForOpset("ai.onnx.ml", 2), 6);
  EXPECT_EQ(IrVersionForOpset("ai.onnx.ml", 3), 8);
  EXPECT_EQ(IrVersionForOpset("ai.onnx.ml", 5), 10);
  EXPECT_EQ(IrVersionForOpset("com.example", 1), 0);
}

TEST(MlOpsetReleasedWith, FollowsOnnxReleases) {
  const int expected[] = {1, 1, 2, 2, 3, 3, 4, 5, 5};
  const int onnx_opsets[] = {1, 10, 11, 15, 16, 19, 20, 21, 28};
  for (int i = 0; i < 9; ++i) {
    EXPECT_EQ(MlOpsetReleasedWith(onnx_opsets[i]), expected[i]) << "ai.onnx " << onnx_opsets[i];
  }
}

TEST(Targets, AcceptTheAiOnnxAlias) {
  EXPECT_EQ(Convert(kRelu14, {{"ai.onnx", 6}}), Convert(kRelu14, {{"", 6}}));
}

TEST(Targets, RejectOtherDomainsAndOpsetsOutOfRange) {
  EXPECT_EQ(Convert(kRelu14, {{"com.example", 1}}),
            "error: cannot convert domain 'com.example': adapters exist for ai.onnx and "
            "ai.onnx.ml only");
  EXPECT_EQ(Convert(kRelu14, {{"", 0}}),
            "error: target opset 0 of ai.onnx is outside the known range 1 to 28");
  EXPECT_EQ(Convert(kRelu14, {{"ai.onnx.ml", 6}}),
            "error: target opset 6 of ai.onnx.ml is outside the known range 1 to 5");
  EXPECT_EQ(Convert(kRelu14, {{"", 6}, {"ai.onnx", 7}}), "error: the targets name ai.onnx twice");
}

TEST(Imports, OutOfRangeRefuses) {
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 40]>
g (float[2] X) => (float[2] Y) { Y = Relu (X) })",
                    {{"", 13}}),
            "error: the model imports ai.onnx opset 40, outside the known range 1 to 28");
}

TEST(Imports, TheSameOpsetChangesNothing) {
  EXPECT_EQ(Convert(kRelu14, {{"", 14}}), PrintModel(Parse(kRelu14)));
  EXPECT_EQ(Convert(kRelu14, {}), PrintModel(Parse(kRelu14)));
}

TEST(Imports, EachDomainMovesToItsOwnTarget) {
  const std::string model = R"(<ir_version: 8, opset_import: ["" : 14, "ai.onnx.ml" : 2]>
g (string[2] X) => (float[2] Y) {
    i = ai.onnx.ml.LabelEncoder <keys_strings = ["a", "b"], values_int64s = [0, 1]> (X)
    f = Cast <to = 1> (i)
    Y = Relu (f)
})";
  EXPECT_EQ(Convert(model, {{"ai.onnx.ml", 1}}), R"(<
  ir_version: 7,
  opset_import: ["" : 14, "ai.onnx.ml" : 1]
>
g (string[2] X) => (float[2] Y)
{
    i = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b"]> (X)
    f = Cast <to = 1> (i)
    Y = Relu(f)
})");
  EXPECT_EQ(Convert(model, {{"", 6}, {"ai.onnx.ml", 2}}), R"(<
  ir_version: 6,
  opset_import: ["" : 6, "ai.onnx.ml" : 2]
>
g (string[2] X) => (float[2] Y)
{
    i = ai.onnx.ml.LabelEncoder <keys_strings = ["a", "b"], values_int64s = [0, 1]> (X)
    f = Cast <to = 1> (i)
    Y = Relu(f)
})");
}

TEST(IrVersion, NeverBelowWhatTheModelUses) {
  // Model-local functions need IR version 8 whatever the opset.
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 14, "local" : 1]>
g (float[2] X) => (float[2] Y) { Y = local.F (X) }
<domain: "local", opset_import: ["" : 14]>
F (A) => (B) { B = Relu (A) })",
                    {{"", 6}}),
            R"(<
  ir_version: 8,
  opset_import: ["" : 6, "local" : 1]
>
g (float[2] X) => (float[2] Y)
{
    Y = local.F(X)
}

<
  domain: "local",
  opset_import: ["" : 6]
>
F (A) => (B)
{
    B = Relu(A)
})");
}

TEST(IrVersion, UpgradesKeepAHigherIrVersion) {
  EXPECT_EQ(Convert(R"(<ir_version: 10, opset_import: ["" : 13]>
g (float[2] X) => (float[2] Y) { Y = Relu (X) })",
                    {{"", 14}})
                .substr(0, 19),
            "<\n  ir_version: 10,");
}

TEST(Errors, AnOpMissingAtTheTargetOpset) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[3] X, int64[2] S) => (float[2,3] Y) { Y = Expand (X, S) })",
                    {{"", 7}}),
            "error: node 0 (\"\", Expand): cannot convert Expand-8 to an earlier opset (ai.onnx "
            "opset 13 to 7): Expand first appears in ai.onnx opset 8");
}

TEST(Errors, AnOpWithoutSchema) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[3] X) => (float[3] Y) { Y = NoSuchOp (X) })",
                    {{"", 11}}),
            "error: node 0 (\"\", NoSuchOp): NoSuchOp has no schema in ai.onnx opset 13");
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 7]>
g (float[3] X, int64[1] S) => (float[3] Y) { Y = Expand (X, S) })",
                    {{"", 13}}),
            "error: node 0 (\"\", Expand): Expand has no schema in ai.onnx opset 7 (its first "
            "version is 8)");
}

TEST(Errors, NodesOfFunctionsAreNamed) {
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
g (float[1,2] X, int64[1] A) => (float[2] Y) { Y = local.F (X, A) }
<domain: "local", opset_import: ["" : 13]>
F (D, A) => (B) { C = Neg (D)  B = Squeeze (C, A) })",
                    {{"", 11}}),
            "error: function 'local.F': node 1 (\"\", Squeeze): cannot convert Squeeze-13 to "
            "Squeeze-11 (ai.onnx opset 13 to 11): input 1 ('A') is computed at run time, but "
            "Squeeze-11 takes 'axes' as an attribute; it must be an initializer or a Constant "
            "node's output");
}

TEST(Errors, FunctionBodiesHaveNoTypesToRestrict) {
  // A function is generic: its values have no declared types, so only the
  // checker of a call's expansion could object.
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 14, "local" : 1]>
g (float[2] X) => (float[2] Y) { Y = local.F (X) }
<domain: "local", opset_import: ["" : 14]>
F (A) => (B) { B = Relu (A) })",
                    {{"", 13}})
                .substr(0, 18),
            "<\n  ir_version: 8,");
}

TEST(Errors, TheCheckerRunsOnTheResult) {
  // The source model already breaks a rule (Y is never defined).
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2] X) => (float[2] Y) { Z = Relu (X) })",
                    {{"", 13}}),
            "error: the converted model fails the checker: graph output 'Y' is not a graph input, "
            "an initializer or a node output of the graph");
}

TEST(Options, TheCheckCanBeSkipped) {
  ConvertOptions options;
  options.check_result = false;
  absl::StatusOr<ModelProto> converted = ConvertVersion(Parse(R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2] X) => (float[2] Y) { Z = Relu (X) })"),
                                                        {{"", 13}}, options);
  EXPECT_TRUE(converted.ok()) << converted.status();
}

TEST(Pruning, KeepsInitializersTheConverterDidNotFree) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,3] X) => (float[3] Y) <int64[1] axes = {0}, float unused = {1.0}> { Y = Squeeze (X, axes) })",
                    {{"", 11}}),
            R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[1, 3] X) => (float[3] Y)
  <float unused = {1.0}>
{
    Y = Squeeze <axes = [0]> (X)
})");
}

TEST(Initializers, NewConstantsOfSubgraphsLiveInTheMainGraph) {
  // At IR version 3 an initializer must also be an input, which an If
  // branch cannot have; the main graph's values are visible in it.
  const std::string model = R"(<ir_version: 7, opset_import: ["" : 13]>
g (bool c, float[2,3] A, float[3,4] B) => (float[2,4] Y) {
    Y = If (c) <then_branch = t () => (float[2,4] P) { P = Gemm (A, B) },
                else_branch = e () => (float[2,4] Q) { Q = Gemm <alpha = 2.0> (A, B) }>
})";
  const std::string eight = Convert(model, {{"", 8}});
  EXPECT_EQ(eight, R"(<
  ir_version: 3,
  opset_import: ["" : 8]
>
g (bool c, float[2, 3] A, float[3, 4] B, float P_C, float Q_C) => (float[2, 4] Y)
  <float P_C = raw {0.0}, float Q_C = raw {0.0}>
{
    Y = If(c) <then_branch = t () => (float[2, 4] P) {
        P = Gemm(A, B, P_C)
    }, else_branch = e () => (float[2, 4] Q) {
        Q = Gemm <alpha = 2.0> (A, B, Q_C)
    }>
})");
  EXPECT_EQ(CompareOutputs(Parse(model), Parse(eight)), "");
}

// A chain of `n` nodes whose every other node needs a rewrite.
ModelProto Chain(int n) {
  std::string text = R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[1,4] X) => (float[1,4] Y) <int64[1] axes = {0}> {
)";
  std::string last = "X";
  for (int i = 0; i < n; ++i) {
    const std::string out = i + 1 == n ? "Y" : absl::StrCat("v", i);
    if (i % 2 == 0) {
      absl::StrAppend(&text, "    ", out, "_s = Squeeze (", last, ", axes)\n");
      absl::StrAppend(&text, "    ", out, " = Unsqueeze (", out, "_s, axes)\n");
    } else {
      absl::StrAppend(&text, "    ", out, " = Relu (", last, ")\n");
    }
    last = out;
  }
  text += "}";
  return Parse(text);
}

double SecondsToConvert(const ModelProto& model) {
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<ModelProto> converted = ConvertVersion(model, {{"", 11}});
  EXPECT_TRUE(converted.ok()) << converted.status();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(Scaling, TimeGrowsLinearly) {
  const ModelProto small = Chain(2000);
  const ModelProto big = Chain(16000);
  SecondsToConvert(small);  // warm up
  const double t_small = SecondsToConvert(small);
  const double t_big = SecondsToConvert(big);
  // Eight times the nodes: a quadratic walk would take ~64 times as long.
  EXPECT_LT(t_big, 20 * t_small + 0.05) << t_small << " s vs " << t_big << " s";
  if (getenv("SHOW_TIMES")) printf("%f %f\n", t_small, t_big);
}

}  // namespace
}  // namespace onnxforge::version_converter::testing
