// The generic adapter kinds, each through a change that uses it: the exact
// rewritten model, and the exact message of each refusal.
#include <string>

#include "gtest/gtest.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/schema.h"
#include "version_converter/adapters/attribute_default.h"
#include "version_converter/adapters/compatible.h"
#include "version_converter/adapters/refuse.h"
#include "version_converter/adapters/type_restriction.h"
#include "version_converter/scope.h"
#include "version_converter/step.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
namespace {

// ---- Compatible ----

TEST(Compatible, ChangesOnlyTheImportAndIrVersion) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[1,1,3,3] X, float[1,1,2,2] W) => (float[1,1,2,2] Y) { Y = Conv <strides = [1, 1]> (X, W) })",
                    {{"", 1}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 1]
>
g (float[1, 1, 3, 3] X, float[1, 1, 2, 2] W) => (float[1, 1, 2, 2] Y)
{
    Y = Conv <strides = [1, 1]> (X, W)
})");
}

// ---- RestrictTypes ----

TEST(RestrictTypes, RefusesATypeTheOlderSchemaLacks) {
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 14]>
g (int8[2] X) => (int8[2] Y) { Y = Relu (X) })",
                    {{"", 13}}),
            "error: node 0 (\"\", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx opset 14 to "
            "13): input 0 ('X') has type tensor(int8), which type parameter T does not allow "
            "(allowed: tensor(float16), tensor(float), tensor(double), tensor(bfloat16))");
}

TEST(RestrictTypes, RefusesValuesThatMustShareATypeParameter) {
  // Pow-12 lets the exponent have its own type; Pow-7 does not.
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 12]>
g (float[2] X, int64[2] E) => (float[2] Y) { Y = Pow (X, E) })",
                    {{"", 7}}),
            "error: node 0 (\"\", Pow): cannot convert Pow-12 to Pow-7 (ai.onnx opset 12 to 7): "
            "input 1 ('E') has type tensor(int64), which type parameter T does not allow "
            "(allowed: tensor(float16), tensor(float), tensor(double))");
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 12]>
g (float[2] X, double[2] E) => (float[2] Y) { Y = Pow (X, E) })",
                    {{"", 7}}),
            "error: node 0 (\"\", Pow): cannot convert Pow-12 to Pow-7 (ai.onnx opset 12 to 7): "
            "input 1 ('E') has type tensor(double), but T is tensor(float) from input 0 ('X')");
}

TEST(RestrictTypes, UsesInferredTypesOfIntermediateValues) {
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 14]>
g (int8[2] X) => (int8[2] Z) { Y = Neg (X)  Z = Relu (Y) })",
                    {{"", 13}}),
            "error: node 1 (\"\", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx opset 14 to "
            "13): input 0 ('Y') has type tensor(int8), which type parameter T does not allow "
            "(allowed: tensor(float16), tensor(float), tensor(double), tensor(bfloat16))");
}

// ---- Attributes with defaults ----

TEST(DropAttribute, RemovesTheDefaultAndRefusesOtherValues) {
  const std::string last = R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] X) => (int64[1,3] Y) { Y = ArgMax <select_last_index = 1> (X) })";
  EXPECT_EQ(Convert(last, {{"", 11}}),
            "error: node 0 (\"\", ArgMax): cannot convert ArgMax-12 to ArgMax-11 (ai.onnx opset "
            "13 to 11): attribute 'select_last_index' is 1, but ArgMax-11 has no "
            "'select_last_index' and behaves as if it were 0");
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] X) => (int64[1,3] Y) { Y = ArgMax <select_last_index = 0> (X) })",
                    {{"", 11}}),
            R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[2, 3] X) => (int64[1, 3] Y)
{
    Y = ArgMax(X)
})");
}

TEST(DropAttribute, AcceptsDilationsOfOne) {
  const char* model = R"(<ir_version: 9, opset_import: ["" : 19]>
g (float[1,1,4,4] X) => (float[1,1,3,3] Y) {
    Y = AveragePool <kernel_shape = [2, 2], dilations = [%s]> (X)
})";
  char ones[512], twos[512];
  snprintf(ones, sizeof(ones), model, "1, 1");
  snprintf(twos, sizeof(twos), model, "2, 2");
  EXPECT_EQ(Convert(ones, {{"", 11}}),
            R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[1, 1, 4, 4] X) => (float[1, 1, 3, 3] Y)
{
    Y = AveragePool <kernel_shape = [2, 2]> (X)
})");
  EXPECT_EQ(Convert(twos, {{"", 11}}),
            "error: node 0 (\"\", AveragePool): cannot convert AveragePool-19 to AveragePool-11 "
            "(ai.onnx opset 19 to 11): attribute 'dilations' is [2, 2], but AveragePool-11 has "
            "no 'dilations'");
}

TEST(DropAttribute, UpgradesRefuseAValueTheNewerVersionCannotTake) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 7]>
g (float[2,3,4] X, float[3,4] s, float[3,4] b, float[3,4] m, float[3,4] v) => (float[2,3,4] Y) {
    Y = BatchNormalization <spatial = 0> (X, s, b, m, v)
})",
                    {{"", 9}}),
            "error: node 0 (\"\", BatchNormalization): cannot convert BatchNormalization-7 to "
            "BatchNormalization-9 (ai.onnx opset 7 to 9): attribute 'spatial' is 0, but "
            "BatchNormalization-9 has no 'spatial' and behaves as if it were 1");
}

TEST(RemoveAttribute, RemovesWhateverTheValue) {
  EXPECT_EQ(Convert(R"(<ir_version: 9, opset_import: ["" : 19]>
g (float[2] X) => (int32[2] Y) { Y = Cast <to = 6, saturate = 0> (X) })",
                    {{"", 13}}),
            R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[2] X) => (int32[2] Y)
{
    Y = Cast <to = 6> (X)
})");
}

TEST(SetAttribute, WritesTheValueTheOlderVersionNeeds) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 7]>
g (float[2,3] A, float[3,4] B, float[4] C) => (float[2,4] Y) { Y = Gemm (A, B, C) })",
                    {{"", 6}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[2, 3] A, float[3, 4] B, float[4] C) => (float[2, 4] Y)
{
    Y = Gemm <broadcast = 1> (A, B, C)
})");
}

TEST(SetAttributeIfAbsent, NamesTheOldDefault) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2,3] A, float[2,3] B) => (float[2,6] Y) { Y = Concat (A, B) })",
                    {{"", 4}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 4]
>
g (float[2, 3] A, float[2, 3] B) => (float[2, 6] Y)
{
    Y = Concat <axis = 1> (A, B)
})");
}

TEST(RenameAttribute, MovesTheValueBothWays) {
  const std::string one = R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2] X) => (float[4] Y) { Y = Pad <paddings = [1, 1]> (X) })";
  const std::string two = Convert(one, {{"", 2}});
  EXPECT_EQ(two, R"(<
  ir_version: 3,
  opset_import: ["" : 2]
>
g (float[2] X) => (float[4] Y)
{
    Y = Pad <pads = [1, 1]> (X)
})");
  EXPECT_EQ(Convert(two, {{"", 1}}), Convert(one, {{"", 1}}));
}

TEST(RefuseValue, RefusesTheNewValueOnly) {
  const char* model = R"(<ir_version: 9, opset_import: ["" : 19]>
g (float[3] X, int64[2] P) => (float[5] Y) { Y = Pad <mode = "%s"> (X, P) })";
  char wrap[512], edge[512];
  snprintf(wrap, sizeof(wrap), model, "wrap");
  snprintf(edge, sizeof(edge), model, "edge");
  EXPECT_EQ(Convert(wrap, {{"", 18}}),
            "error: node 0 (\"\", Pad): cannot convert Pad-19 to Pad-18 (ai.onnx opset 19 to 18): "
            "attribute 'mode' is \"wrap\", which Pad-18 does not have");
  EXPECT_EQ(Convert(edge, {{"", 18}}).substr(0, 44), "<\n  ir_version: 8,\n  opset_import: [\"\" : 18]");
}

// ---- Attributes that became inputs ----

TEST(AttributeToInput, WritesAnInitializer) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[1,3] X) => (float[3] Y) { Y = Squeeze <axes = [0]> (X) })",
                    {{"", 13}}),
            R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[1, 3] X) => (float[3] Y)
  <int64[1] Y_axes = {0}>
{
    Y = Squeeze(X, Y_axes)
})");
}

TEST(AttributeToInput, WritesAConstantNodeInAFunctionBody) {
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 11, "local" : 1]>
g (float[1,3] X) => (float[3] Y) { Y = local.Drop (X) }
<domain: "local", opset_import: ["" : 11]>
Drop (A) => (B) { B = Squeeze <axes = [0]> (A) })",
                    {{"", 13}}),
            R"(<
  ir_version: 8,
  opset_import: ["" : 13, "local" : 1]
>
g (float[1, 3] X) => (float[3] Y)
{
    Y = local.Drop(X)
}

<
  domain: "local",
  opset_import: ["" : 13]
>
Drop (A) => (B)
{
    B_axes = Constant <value = int64[1] {0}> ()
    B = Squeeze(A, B_axes)
})");
}

TEST(AttributeToInput, RefusesAMissingRequiredAttribute) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[3] X) => (float[1,3] Y) { Y = Unsqueeze (X) })",
                    {{"", 13}}),
            "error: node 0 (\"\", Unsqueeze): cannot convert Unsqueeze-11 to Unsqueeze-13 "
            "(ai.onnx opset 11 to 13): attribute 'axes' is missing, and Unsqueeze-13 requires "
            "it as input 1");
}

TEST(InputToAttribute, ReadsAnInitializerAndDropsIt) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,3] X) => (float[3] Y) <int64[1] axes = {0}> { Y = Squeeze (X, axes) })",
                    {{"", 11}}),
            R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[1, 3] X) => (float[3] Y)
{
    Y = Squeeze <axes = [0]> (X)
})");
}

TEST(InputToAttribute, ReadsAConstantNodeAndDropsIt) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,3] X) => (float[3] Y) {
    axes = Constant <value_ints = [0]> ()
    Y = Squeeze (X, axes)
})",
                    {{"", 11}}),
            R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[1, 3] X) => (float[3] Y)
{
    Y = Squeeze <axes = [0]> (X)
})");
}

TEST(InputToAttribute, KeepsAConstantOthersStillUse) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,3] X) => (float[3] Y, int64[1] Z) <int64[1] axes = {0}> {
    Y = Squeeze (X, axes)
    Z = Identity (axes)
})",
                    {{"", 11}}),
            R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[1, 3] X) => (float[3] Y, int64[1] Z)
  <int64[1] axes = {0}>
{
    Y = Squeeze <axes = [0]> (X)
    Z = Identity(axes)
})");
}

TEST(InputToAttribute, RefusesAValueComputedAtRunTime) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,3] X, int64[1] axes) => (float[3] Y) { Y = Squeeze (X, axes) })",
                    {{"", 11}}),
            "error: node 0 (\"\", Squeeze): cannot convert Squeeze-13 to Squeeze-11 (ai.onnx "
            "opset 13 to 11): input 1 ('axes') is computed at run time, but Squeeze-11 takes "
            "'axes' as an attribute; it must be an initializer or a Constant node's output");
}

TEST(InputToAttribute, ReadsOneValueForASingleAttribute) {
  EXPECT_EQ(Convert(R"(<ir_version: 5, opset_import: ["" : 10]>
g (float[5] X) => (float[2] V, int64[2] I) <int64[1] K = {2}> { V, I = TopK (X, K) })",
                    {{"", 9}}),
            R"(<
  ir_version: 4,
  opset_import: ["" : 9]
>
g (float[5] X) => (float[2] V, int64[2] I)
{
    V, I = TopK <k = 2> (X)
})");
  EXPECT_EQ(Convert(R"(<ir_version: 5, opset_import: ["" : 10]>
g (float[5] X) => (float[2] V, int64[2] I) <int64[2] K = {2, 3}> { V, I = TopK (X, K) })",
                    {{"", 9}}),
            "error: node 0 (\"\", TopK): cannot convert TopK-10 to TopK-1 (ai.onnx opset 10 to "
            "9): input 1 ('K') holds 2 values; 'k' takes one");
}

// ---- Broadcasting ----

TEST(Broadcast, LegacyAxisBecomesTrailingOnes) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3,4] A, float[3] B) => (float[2,3,4] Y) { Y = Add <broadcast = 1, axis = 1> (A, B) })",
                    {{"", 7}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 7]
>
g (float[2, 3, 4] A, float[3] B) => (float[2, 3, 4] Y)
{
    B_aligned = Unsqueeze <axes = [1]> (B)
    Y = Add(A, B_aligned)
})");
}

TEST(Broadcast, SuffixAlignmentNeedsNothing) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3,4] A, float[3,4] B) => (float[2,3,4] Y) { Y = Mul <broadcast = 1, axis = 1> (A, B) })",
                    {{"", 7}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 7]
>
g (float[2, 3, 4] A, float[3, 4] B) => (float[2, 3, 4] Y)
{
    Y = Mul(A, B)
})");
}

TEST(Broadcast, UpgradeRefusesUnknownRanks) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3,4] A, float[] B) => (float[2,3,4] Y) { Y = Sub <broadcast = 1, axis = 1> (A, B) })",
                    {{"", 7}}),
            "error: node 0 (\"\", Sub): cannot convert Sub-6 to Sub-7 (ai.onnx opset 6 to 7): "
            "attribute 'axis' is 1 and the rank of input 1 ('B') is unknown; Sub-7 lines B up "
            "with A's last dims, so B needs reshaping that depends on both ranks");
}

TEST(Broadcast, DowngradeSetsBroadcastWhenTheSecondInputFits) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] A, float[3] B, float[2,3] C) => (float[2,3] Y, float[2,3] Z) {
    Y = Div (A, B)
    Z = Div (A, C)
})",
                    {{"", 6}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[2, 3] A, float[3] B, float[2, 3] C) => (float[2, 3] Y, float[2, 3] Z)
{
    Y = Div <broadcast = 1> (A, B)
    Z = Div(A, C)
})");
}

TEST(Broadcast, DowngradeSwapsTheInputsOfACommutativeOp) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[3] A, float[2,3] B) => (float[2,3] Y) { Y = Add (A, B) })",
                    {{"", 6}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[3] A, float[2, 3] B) => (float[2, 3] Y)
{
    Y = Add <broadcast = 1> (B, A)
})");
}

TEST(Broadcast, DowngradeSqueezesOnesThatOnlyStretch) {
  const std::string model = R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[3,4,5] A, float[3,4,1] B) => (float[3,4,5] Y) { Y = Sub (A, B) })";
  const std::string six = Convert(model, {{"", 6}});
  EXPECT_EQ(six, R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[3, 4, 5] A, float[3, 4, 1] B) => (float[3, 4, 5] Y)
{
    B_squeezed = Squeeze <axes = [2]> (B)
    Y = Sub <broadcast = 1, axis = 0> (A, B_squeezed)
})");
  EXPECT_EQ(CompareOutputs(Parse(model), Parse(six)), "");
}

TEST(Broadcast, DowngradeRefusesBroadcastingBothWays) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,1] A, float[1,3] B) => (float[2,3] Y) { Y = Sub (A, B) })",
                    {{"", 6}}),
            "error: node 0 (\"\", Sub): cannot convert Sub-7 to Sub-6 (ai.onnx opset 13 to 6): "
            "input 0 ('A') [2,1] and input 1 ('B') [1,3] do not show that the second fits the "
            "first; Sub-6 broadcasts only its second input");
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] A, float[] B) => (float[2,3] Y) { Y = Sub (A, B) })",
                    {{"", 6}}),
            "error: node 0 (\"\", Sub): cannot convert Sub-7 to Sub-6 (ai.onnx opset 13 to 6): "
            "the shape of input 1 ('B') is unknown; Sub-6 broadcasts only its second input, so "
            "the shapes must show that it fits the first");
}

// ---- consumed_inputs ----

TEST(ConsumedInputs, UpgradeRemovesIt) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2] X) => (float[2] Y) { Y = Relu <consumed_inputs = [0]> (X) })",
                    {{"", 6}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[2] X) => (float[2] Y)
{
    Y = Relu(X)
})");
}

TEST(ConsumedInputs, DowngradeAddsItWhereRequired) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[1,2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[1,2] Y) {
    Y = BatchNormalization (X, s, b, m, v)
})",
                    {{"", 1}}),
            R"(<
  ir_version: 3,
  opset_import: ["" : 1]
>
g (float[1, 2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[1, 2] Y)
{
    Y = BatchNormalization <consumed_inputs = [0, 0, 0, 0, 0]> (X, s, b, m, v)
})");
}

// ---- Negative axes ----

TEST(NonNegativeAxis, CountsFromTheFrontWithAKnownRank) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax <axis = -2> (X) })",
                    {{"", 10}}),
            R"(<
  ir_version: 5,
  opset_import: ["" : 10]
>
g (float[2, 3, 4] X) => (float[2, 3, 4] Y)
{
    Y = Softmax <axis = 1> (X)
})");
}

TEST(NonNegativeAxis, UnsqueezeCountsInItsOutput) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2,3] X) => (float[2,3,1] Y) { Y = Unsqueeze <axes = [-1]> (X) })",
                    {{"", 10}}),
            R"(<
  ir_version: 5,
  opset_import: ["" : 10]
>
g (float[2, 3] X) => (float[2, 3, 1] Y)
{
    Y = Unsqueeze <axes = [2]> (X)
})");
}

TEST(NonNegativeAxis, RefusesAnUnknownRank) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[] X) => (float[] Y) { Y = Flatten <axis = -1> (X) })",
                    {{"", 9}}),
            "error: node 0 (\"\", Flatten): cannot convert Flatten-11 to Flatten-9 (ai.onnx "
            "opset 11 to 9): attribute 'axis' is -1 and the rank of input 0 ('X') is unknown; "
            "Flatten-9 counts axes from the front only");
}

// ---- Refuse and Then ----

TEST(Refuse, GivesItsReason) {
  const ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2] X) => (float[2] Y) { Y = Relu (X) })");
  ConversionScope scope(model);
  NodeProto node = model.graph().node(0);
  const SchemaRegistry& schemas = SchemaRegistry::Instance();
  Step step(node, *schemas.Exact("Relu", 14), *schemas.Exact("Relu", 13), 13, scope, nullptr);
  const Adapter refuse = Refuse("no runtime takes it");
  EXPECT_TRUE(refuse.refuses);
  EXPECT_EQ(refuse.kind, "refuse: no runtime takes it");
  const absl::Status status = refuse.apply(step);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(), "no runtime takes it");
}

TEST(Then, RunsInOrderAndCombinesWhatItKnows) {
  const Adapter both = Then(RestrictTypes(), DropAttribute("saturate"));
  EXPECT_EQ(both.kind, "restrict types, then drop attribute 'saturate' at its default");
  EXPECT_TRUE(both.restricts_types);
  EXPECT_EQ(both.attributes, std::vector<std::string>{"saturate"});
  EXPECT_FALSE(both.refuses);
  EXPECT_EQ(Then(Compatible(), Refuse("x")).refuses, true);
}

}  // namespace
}  // namespace onnxforge::version_converter::testing
