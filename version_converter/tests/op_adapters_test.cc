// The op-specific adapters: the exact rewritten models, the exact refusals,
// and for each rewrite the same outputs as the original on random inputs.
#include <string>

#include "gtest/gtest.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
namespace {

// Converts `text`, expects `expected`, and checks that the result computes
// what the original does.
void ExpectConverted(const std::string& text, const std::map<std::string, int>& targets,
                     const std::string& expected) {
  const std::string converted = Convert(text, targets);
  ASSERT_EQ(converted, expected);
  EXPECT_EQ(CompareOutputs(Parse(text), Parse(converted)), "");
}

// ---- Softmax and LogSoftmax, 11 <-> 13 ----

TEST(Softmax, UpgradeFlattensAroundAnInnerAxis) {
  ExpectConverted(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax <axis = 1> (X) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[2, 3, 4] X) => (float[2, 3, 4] Y)
  <int64[3] X_shape = {2, 3, 4}>
{
    X_2d = Flatten <axis = 1> (X)
    Y_2d = Softmax <axis = 1> (X_2d)
    Y = Reshape(Y_2d, X_shape)
})");
}

TEST(Softmax, UpgradeReadsAShapeNotKnownBeforeRunTime) {
  ExpectConverted(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[N,3,4] X) => (float[N,3,4] Y) { Y = Softmax <axis = 1> (X) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[N, 3, 4] X) => (float[N, 3, 4] Y)
{
    X_shape = Shape(X)
    X_2d = Flatten <axis = 1> (X)
    Y_2d = Softmax <axis = 1> (X_2d)
    Y = Reshape(Y_2d, X_shape)
})");
}

TEST(Softmax, UpgradeKeepsTheLastAxis) {
  ExpectConverted(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2,3] X) => (float[2,3] Y) { Y = LogSoftmax (X) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[2, 3] X) => (float[2, 3] Y)
{
    Y = LogSoftmax <axis = -1> (X)
})");
}

TEST(Softmax, DowngradeMovesAnInnerAxisLast) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax <axis = 0> (X) })",
                  {{"", 11}}, R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[2, 3, 4] X) => (float[2, 3, 4] Y)
{
    X_moved = Transpose <perm = [2, 1, 0]> (X)
    Y_moved = Softmax <axis = 2> (X_moved)
    Y = Transpose <perm = [2, 1, 0]> (Y_moved)
})");
}

TEST(Softmax, DowngradeNamesTheDefaultLastAxis) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = LogSoftmax (X) })",
                  {{"", 1}}, R"(<
  ir_version: 3,
  opset_import: ["" : 1]
>
g (float[2, 3, 4] X) => (float[2, 3, 4] Y)
{
    Y = LogSoftmax <axis = 2> (X)
})");
}

TEST(Softmax, DowngradeRefusesAnInnerAxisOfUnknownRank) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[] X) => (float[] Y) { Y = Softmax <axis = 0> (X) })",
                    {{"", 11}}),
            "error: node 0 (\"\", Softmax): cannot convert Softmax-13 to Softmax-11 (ai.onnx "
            "opset 13 to 11): attribute 'axis' is 0 and the rank of input 0 ('X') is unknown; "
            "Softmax-11 normalizes over every dim from 'axis' on, so any axis but the last "
            "needs the rank to be moved last");
}

// ---- Clip, 6 <-> 11 ----

TEST(Clip, UpgradeWritesBoundsOfTheInputType) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["" : 6]>
g (double[4] X) => (double[4] Y) { Y = Clip <max = 0.5> (X) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (double[4] X) => (double[4] Y)
  <double Y_max = raw {0.5}>
{
    Y = Clip(X, , Y_max)
})");
}

TEST(Clip, DowngradeReadsConstantBounds) {
  ExpectConverted(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[4] X) => (float[4] Y) <float lo = {-1.5}> { Y = Clip (X, lo) })",
                  {{"", 6}}, R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[4] X) => (float[4] Y)
{
    Y = Clip <min = -1.5> (X)
})");
}

TEST(Clip, DowngradeRefusesABoundAFloatCannotHold) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (double[4] X) => (double[4] Y) <double lo = {0.1}> { Y = Clip (X, lo) })",
                    {{"", 6}}),
            "error: node 0 (\"\", Clip): cannot convert Clip-11 to Clip-6 (ai.onnx opset 11 to "
            "6): input 1 ('lo') holds 0.1, which the float attribute 'min' of Clip-6 cannot "
            "hold exactly");
}

TEST(Clip, DowngradeRefusesBoundsComputedAtRunTime) {
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[4] X, float hi) => (float[4] Y) { Y = Clip (X, , hi) })",
                    {{"", 6}}),
            "error: node 0 (\"\", Clip): cannot convert Clip-11 to Clip-6 (ai.onnx opset 11 to "
            "6): input 2 ('hi') is computed at run time, but Clip-6 takes 'max' as a float "
            "attribute; it must be a one-value constant");
}

// ---- Split ----

TEST(Split, SizesFromTheSecondInputBecomeTheAttribute) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[6] X) => (float[2] A, float[4] B) <float[2] s = {2.0, 4.0}> { A, B = Split <axis = 0> (X, s) })",
                  {{"", 2}}, R"(<
  ir_version: 3,
  opset_import: ["" : 2]
>
g (float[6] X) => (float[2] A, float[4] B)
{
    A, B = Split <axis = 0, split = [2, 4]> (X)
})");
}

TEST(Split, UpgradeTo18CountsTheOutputs) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[6] X) => (float[3] A, float[3] B) { A, B = Split (X) })",
                  {{"", 18}}, R"(<
  ir_version: 8,
  opset_import: ["" : 18]
>
g (float[6] X) => (float[3] A, float[3] B)
{
    A, B = Split <num_outputs = 2> (X)
})");
}

TEST(Split, DowngradeFrom18WritesUnevenSizes) {
  const std::string model = R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[7] X) => (float[3] A, float[3] B, float[1] C) { A, B, C = Split <num_outputs = 3> (X) })";
  ExpectConverted(model, {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[7] X) => (float[3] A, float[3] B, float[1] C)
  <int64[3] A_split = {3, 3, 1}>
{
    A, B, C = Split(X, A_split)
})");
  ExpectConverted(model, {{"", 11}}, R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[7] X) => (float[3] A, float[3] B, float[1] C)
{
    A, B, C = Split <split = [3, 3, 1]> (X)
})");
}

// ---- Reductions ----

TEST(Reduce, NoOpReductionBecomesIdentity) {
  ExpectConverted(R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X) => (float[2,3] Y) { Y = ReduceMean <noop_with_empty_axes = 1> (X) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[2, 3] X) => (float[2, 3] Y)
{
    Y = Identity(X)
})");
}

TEST(Reduce, AxesMoveBetweenInputAndAttribute) {
  ExpectConverted(R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X) => (float[2] Y) <int64[1] ax = {1}> { Y = ReduceMax <keepdims = 0> (X, ax) })",
                  {{"", 17}}, R"(<
  ir_version: 8,
  opset_import: ["" : 17]
>
g (float[2, 3] X) => (float[2] Y)
{
    Y = ReduceMax <keepdims = 0, axes = [1]> (X)
})");
  ExpectConverted(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2,3] X) => (float[2] Y) { Y = ReduceSum <keepdims = 0, axes = [-1]> (X) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[2, 3] X) => (float[2] Y)
  <int64[1] Y_axes = {-1}>
{
    Y = ReduceSum <keepdims = 0> (X, Y_axes)
})");
}

TEST(Reduce, NoOpWithAxesComputedAtRunTimeRefuses) {
  EXPECT_EQ(Convert(R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X, int64[1] ax) => (float[2] Y) { Y = ReduceMax <noop_with_empty_axes = 1> (X, ax) })",
                    {{"", 17}}),
            "error: node 0 (\"\", ReduceMax): cannot convert ReduceMax-18 to ReduceMax-13 "
            "(ai.onnx opset 18 to 17): attribute 'noop_with_empty_axes' is 1 and input 1 ('ax') "
            "is computed at run time; ReduceMax-13 reduces every axis when the axes are empty");
}

// ---- Pad ----

TEST(Pad, AttributesBecomeInputsAndBack) {
  const std::string two = R"(<ir_version: 3, opset_import: ["" : 2]>
g (float[2] X) => (float[5] Y) { Y = Pad <pads = [1, 2], value = 1.5> (X) })";
  const std::string eleven = Convert(two, {{"", 11}});
  EXPECT_EQ(eleven, R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[2] X) => (float[5] Y)
  <float Y_value = raw {1.5}, int64[2] Y_pads = {1, 2}>
{
    Y = Pad(X, Y_pads, Y_value)
})");
  EXPECT_EQ(CompareOutputs(Parse(two), Parse(eleven)), "");
  EXPECT_EQ(Convert(eleven, {{"", 2}}), R"(<
  ir_version: 3,
  opset_import: ["" : 2]
>
g (float[2] X) => (float[5] Y)
{
    Y = Pad <value = 1.5, pads = [1, 2]> (X)
})");
}

TEST(Pad, AxesSpreadOverEveryAxis) {
  ExpectConverted(R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X) => (float[2,6] Y) <int64[2] p = {1, 2}, int64[1] a = {-1}> { Y = Pad (X, p, , a) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[2, 3] X) => (float[2, 6] Y)
  <int64[4] Y_pads = {0, 1, 0, 2}>
{
    Y = Pad(X, Y_pads)
})");
}

// ---- Dropout ----

TEST(Dropout, TrainingModeOfVersion6Refuses) {
  EXPECT_EQ(Convert(R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[4] X) => (float[4] Y) { Y = Dropout (X) })",
                    {{"", 7}}),
            "error: node 0 (\"\", Dropout): cannot convert Dropout-6 to Dropout-7 (ai.onnx opset "
            "6 to 7): attribute 'is_test' is 0: Dropout-6 runs in training mode and drops values "
            "at random, which Dropout-7 cannot express; set is_test=1 if the model is for "
            "inference");
}

TEST(Dropout, InferenceModeGoesUpWithItsMask) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[4] X) => (float[4] Y, float[4] M) { Y, M = Dropout <is_test = 1, ratio = 0.25> (X) })",
                  {{"", 12}}, R"(<
  ir_version: 7,
  opset_import: ["" : 12]
>
g (float[4] X) => (float[4] Y, float[4] M)
  <float Y_ratio = {0.25}>
{
    Y, M_bool = Dropout(X, Y_ratio)
    M = Cast <to = 1> (M_bool)
})");
}

TEST(Dropout, DowngradeCastsTheMaskBackToBool) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 12]>
g (float[4] X) => (float[4] Y, bool[4] M) { Y, M = Dropout <seed = 3> (X) })",
                  {{"", 7}}, R"(<
  ir_version: 3,
  opset_import: ["" : 7]
>
g (float[4] X) => (float[4] Y, bool[4] M)
{
    Y, M_typed = Dropout(X)
    M = Cast <to = 9> (M_typed)
})");
}

TEST(Dropout, DowngradeRefusesARunTimeTrainingMode) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 12]>
g (float[4] X, bool t) => (float[4] Y) { Y = Dropout (X, , t) })",
                    {{"", 10}}),
            "error: node 0 (\"\", Dropout): cannot convert Dropout-12 to Dropout-10 (ai.onnx "
            "opset 12 to 10): input 2 ('t') is computed at run time; it may ask for training "
            "mode, which Dropout-10 cannot express (it always runs in inference mode)");
}

// ---- BatchNormalization, 9 <-> 14 ----

TEST(BatchNormalization, StatisticsOutputsBecomeTrainingMode) {
  ExpectConverted(R"(<ir_version: 4, opset_import: ["" : 9]>
g (float[2,2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[2,2] Y, float[2] M, float[2] V) {
    Y, M, V = BatchNormalization (X, s, b, m, v)
})",
                  {{"", 14}}, R"(<
  ir_version: 7,
  opset_import: ["" : 14]
>
g (float[2, 2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[2, 2] Y, float[2] M, float[2] V)
{
    Y, M, V = BatchNormalization <training_mode = 1> (X, s, b, m, v)
})");
}

TEST(BatchNormalization, BatchStatisticsHaveNoCounterpart) {
  EXPECT_EQ(Convert(R"(<ir_version: 4, opset_import: ["" : 9]>
g (float[2,2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[2,2] Y, float[2] S) {
    Y, , , S = BatchNormalization (X, s, b, m, v)
})",
                    {{"", 14}}),
            "error: node 0 (\"\", BatchNormalization): cannot convert BatchNormalization-9 to "
            "BatchNormalization-14 (ai.onnx opset 9 to 14): output 3 ('S') gives the batch's "
            "mean, which BatchNormalization-14 does not output");
}

TEST(BatchNormalization, TrainingModeAsksForAStatisticsOutput) {
  ExpectConverted(R"(<ir_version: 8, opset_import: ["" : 15]>
g (float[2,2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[2,2] Y) {
    Y = BatchNormalization <training_mode = 1> (X, s, b, m, v)
})",
                  {{"", 9}}, R"(<
  ir_version: 4,
  opset_import: ["" : 9]
>
g (float[2, 2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[2, 2] Y)
{
    Y, Y_running_mean = BatchNormalization(X, s, b, m, v)
})");
}

// ---- Cast ----

TEST(Cast, TypeNamesAndNumbers) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2] X) => (int64[2] Y) { Y = Cast <to = "INT64"> (X) })",
                  {{"", 6}}, R"(<
  ir_version: 3,
  opset_import: ["" : 6]
>
g (float[2] X) => (int64[2] Y)
{
    Y = Cast <to = 7> (X)
})");
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2] X) => (int32[2] Y) { Y = Cast <to = 6> (X) })",
                  {{"", 1}}, R"(<
  ir_version: 3,
  opset_import: ["" : 1]
>
g (float[2] X) => (int32[2] Y)
{
    Y = Cast <to = "INT32"> (X)
})");
}

TEST(Cast, RefusesATargetTheOlderVersionLacks) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2] X) => (string[2] Y) { Y = Cast <to = 8> (X) })",
                    {{"", 6}}),
            "error: node 0 (\"\", Cast): cannot convert Cast-9 to Cast-6 (ai.onnx opset 13 to 6): "
            "attribute 'to' asks for tensor(string), which Cast-6 cannot produce");
}

// ---- Constant ----

TEST(Constant, ValueAttributesBecomeATensor) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 12]>
g (float[2] X) => (float[2] Y) { c = Constant <value_floats = [1.0, 2.0]> ()  Y = Add (X, c) })",
                  {{"", 11}}, R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[2] X) => (float[2] Y)
{
    c = Constant <value = float[2] {1.0, 2.0}> ()
    Y = Add(X, c)
})");
}

TEST(Constant, IntegerConstantsBecomeInitializersBelow9) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[6] X) => (float[2,3] Y) { s = Constant <value = int64[2] {2, 3}> ()  Y = Reshape (X, s) })",
                  {{"", 8}}, R"(<
  ir_version: 3,
  opset_import: ["" : 8]
>
g (float[6] X, int64[2] s) => (float[2, 3] Y)
  <int64[2] s = {2, 3}>
{
    Y = Reshape(X, s)
})");
}

TEST(Constant, SparseValuesBecomeDense) {
  ExpectConverted(R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[4] X) => (float[4] Y) {
    c = Constant <sparse_value = sparse_tensor(float[2] {1.0, 2.0}, int64[2] {1, 3}, [4])> ()
    Y = Add (X, c)
})",
                  {{"", 9}}, R"(<
  ir_version: 4,
  opset_import: ["" : 9]
>
g (float[4] X) => (float[4] Y)
{
    c = Constant <value = float[4] = raw {0.0, 1.0, 0.0, 2.0}> ()
    Y = Add(X, c)
})");
}

// ---- Reshape and Shape ----

TEST(Reshape, ShapeAttributeBecomesAnInput) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["" : 4]>
g (float[6] X) => (float[2,3] Y) { Y = Reshape <shape = [2, 3]> (X) })",
                  {{"", 5}}, R"(<
  ir_version: 3,
  opset_import: ["" : 5]
>
g (float[6] X, int64[2] Y_shape) => (float[2, 3] Y)
  <int64[2] Y_shape = {2, 3}>
{
    Y = Reshape(X, Y_shape)
})");
}

TEST(Reshape, AllowZeroNeedsAShapeWithoutZeros) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 14]>
g (float[6] X) => (float[2,3] Y) <int64[2] s = {2, 3}> { Y = Reshape <allowzero = 1> (X, s) })",
                  {{"", 13}}, R"(<
  ir_version: 7,
  opset_import: ["" : 13]
>
g (float[6] X) => (float[2, 3] Y)
  <int64[2] s = {2, 3}>
{
    Y = Reshape(X, s)
})");
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 14]>
g (float[0,3] X) => (float[3,0] Y) <int64[2] s = {3, 0}> { Y = Reshape <allowzero = 1> (X, s) })",
                    {{"", 13}}),
            "error: node 0 (\"\", Reshape): cannot convert Reshape-14 to Reshape-13 (ai.onnx "
            "opset 14 to 13): attribute 'allowzero' is 1 and input 1 ('s') holds a 0, which "
            "Reshape-13 would read as 'keep this dim'");
}

TEST(Shape, StartAndEndBecomeASlice) {
  ExpectConverted(R"(<ir_version: 8, opset_import: ["" : 15]>
g (float[2,3,4] X) => (int64[2] Y) { Y = Shape <start = -2, end = 3> (X) })",
                  {{"", 1}}, R"(<
  ir_version: 3,
  opset_import: ["" : 1]
>
g (float[2, 3, 4] X) => (int64[2] Y)
{
    Y_whole = Shape(X)
    Y = Slice <starts = [-2], ends = [3]> (Y_whole)
})");
}

// ---- Slice and Gather ----

TEST(Slice, AttributesBecomeInputs) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[4,5] X) => (float[2,5] Y) { Y = Slice <starts = [1], ends = [3], axes = [0]> (X) })",
                  {{"", 10}}, R"(<
  ir_version: 5,
  opset_import: ["" : 10]
>
g (float[4, 5] X) => (float[2, 5] Y)
  <int64[1] Y_starts = {1}, int64[1] Y_ends = {3}, int64[1] Y_axes = {0}>
{
    Y = Slice(X, Y_starts, Y_ends, Y_axes)
})");
}

TEST(Slice, StepsOtherThanOneRefuse) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[4,5] X) => (float[2,5] Y) <int64[1] st = {1}, int64[1] en = {3}, int64[1] ax = {0}, int64[1] sp = {2}> {
    Y = Slice (X, st, en, ax, sp)
})",
                    {{"", 9}}),
            "error: node 0 (\"\", Slice): cannot convert Slice-10 to Slice-1 (ai.onnx opset 13 to "
            "9): input 4 ('sp') holds a step of 2, which Slice-1 cannot take (it has no steps)");
}

TEST(Slice, NegativeAxesCountFromTheFront) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[4,5] X) => (float[4,2] Y) <int64[1] st = {1}, int64[1] en = {3}, int64[1] ax = {-1}> {
    Y = Slice (X, st, en, ax)
})",
                  {{"", 10}}, R"(<
  ir_version: 5,
  opset_import: ["" : 10]
>
g (float[4, 5] X) => (float[4, 2] Y)
  <int64[1] st = {1}, int64[1] en = {3}, int64[1] Y_axes = raw {1}>
{
    Y = Slice(X, st, en, Y_axes)
})");
}

TEST(Gather, NegativeConstantIndicesCountFromTheFront) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[4,5] X) => (float[2,5] Y) <int64[2] i = {-1, 0}> { Y = Gather (X, i) })",
                  {{"", 10}}, R"(<
  ir_version: 5,
  opset_import: ["" : 10]
>
g (float[4, 5] X) => (float[2, 5] Y)
  <int64[2] i_positive = raw {3, 0}>
{
    Y = Gather(X, i_positive)
})");
}

// ---- Gemm and pooling ----

TEST(Gemm, AnOmittedBiasBecomesZero) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] A, float[3,4] B) => (float[2,4] Y) { Y = Gemm (A, B) })",
                  {{"", 9}}, R"(<
  ir_version: 4,
  opset_import: ["" : 9]
>
g (float[2, 3] A, float[3, 4] B) => (float[2, 4] Y)
  <float Y_C = raw {0.0}>
{
    Y = Gemm(A, B, Y_C)
})");
}

TEST(MaxPool, IndicesRefuseBelow8) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 12]>
g (float[1,1,4,4] X) => (float[1,1,2,2] Y, int64[1,1,2,2] I) {
    Y, I = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (X)
})",
                    {{"", 7}}),
            "error: node 0 (\"\", MaxPool): cannot convert MaxPool-8 to MaxPool-1 (ai.onnx opset "
            "12 to 7): output 1 ('I') asks for the indices of the maxima, which MaxPool-1 does "
            "not output");
}

TEST(MaxPool, CeilModeWindowsMustAgree) {
  const char* model = R"(<ir_version: 10, opset_import: ["" : 22]>
g (float[1,1,%d,%d] X) => (float[1,1,2,2] Y) {
    Y = MaxPool <kernel_shape = [2, 2], strides = [2, 2], pads = [0, 0, 1, 1], ceil_mode = 1> (X)
})";
  char fits[512], dropped[512];
  snprintf(fits, sizeof(fits), model, 3, 3);
  snprintf(dropped, sizeof(dropped), model, 4, 4);
  EXPECT_EQ(Convert(fits, {{"", 12}}).substr(0, 44), "<\n  ir_version: 7,\n  opset_import: [\"\" : 12]");
  EXPECT_EQ(Convert(dropped, {{"", 12}}),
            "error: node 0 (\"\", MaxPool): cannot convert MaxPool-22 to MaxPool-12 (ai.onnx "
            "opset 22 to 12): ceil_mode is 1 and along spatial axis 0 the last window starts in "
            "the end padding; MaxPool-22 drops it and MaxPool-12 keeps it");
}

// ---- Control flow ----

TEST(If, BranchesAreConverted) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (bool c, float[1,3] X) => (float[3] Y) {
    Y = If (c) <then_branch = t () => (float[3] A) <int64[1] ax = {0}> { A = Squeeze (X, ax) },
                else_branch = e () => (float[3] B) { B = ReduceSum <keepdims = 0> (X) }>
})",
                  {{"", 11}}, R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (bool c, float[1, 3] X) => (float[3] Y)
{
    Y = If(c) <then_branch = t () => (float[3] A) {
        A = Squeeze <axes = [0]> (X)
    }, else_branch = e () => (float[3] B) {
        B = ReduceSum <keepdims = 0> (X)
    }>
})");
}

TEST(If, RefusalsNameTheBranch) {
  EXPECT_EQ(Convert(R"(<ir_version: 7, opset_import: ["" : 13]>
g (bool c, float[1,3] X, int64[1] ax) => (float[3] Y) {
    Y = If (c) <then_branch = t () => (float[3] A) { A = Squeeze (X, ax) },
                else_branch = e () => (float[3] B) { B = ReduceSum <keepdims = 0> (X) }>
})",
                    {{"", 11}}),
            "error: node 0 (\"\", If), attribute 'then_branch': node 0 (\"\", Squeeze): cannot "
            "convert Squeeze-13 to Squeeze-11 (ai.onnx opset 13 to 11): input 1 ('ax') is "
            "computed at run time, but Squeeze-11 takes 'axes' as an attribute; it must be an "
            "initializer or a Constant node's output");
}

TEST(Loop, BodyIsConverted) {
  ExpectConverted(R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,2] X) => (float[1,2] Y) <int64 n = {3}, bool t = {1}> {
    Y = Loop (n, t, X) <body = b (int64 i, bool c, float[1,2] s) => (bool c2, float[1,2] s2)
                                 <int64[1] ax = {0}> {
        c2 = Identity (c)
        q = Squeeze (s, ax)
        r = Neg (q)
        s2 = Unsqueeze (r, ax)
    }>
})",
                  {{"", 11}}, R"(<
  ir_version: 6,
  opset_import: ["" : 11]
>
g (float[1, 2] X) => (float[1, 2] Y)
  <int64 n = {3}, bool t = {1}>
{
    Y = Loop(n, t, X) <body = b (int64 i, bool c, float[1, 2] s) => (bool c2, float[1, 2] s2) {
        c2 = Identity(c)
        q = Squeeze <axes = [0]> (s)
        r = Neg(q)
        s2 = Unsqueeze <axes = [0]> (r)
    }>
})");
}

// ---- ai.onnx.ml ----

TEST(LabelEncoder, ClassesBecomeKeysAndValues) {
  ExpectConverted(R"(<ir_version: 3, opset_import: ["ai.onnx.ml" : 1]>
g (string[3] X) => (int64[3] Y) {
    Y = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b", "c"], default_int64 = 7> (X)
})",
                  {{"ai.onnx.ml", 2}}, R"(<
  ir_version: 6,
  opset_import: ["ai.onnx.ml" : 2]
>
g (string[3] X) => (int64[3] Y)
{
    Y = ai.onnx.ml.LabelEncoder <default_int64 = 7, keys_strings = ["a", "b", "c"], values_int64s = [0, 1, 2]> (X)
})");
  ExpectConverted(R"(<ir_version: 3, opset_import: ["ai.onnx.ml" : 1]>
g (int64[3] X) => (string[3] Y) { Y = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b", "c"]> (X) })",
                  {{"ai.onnx.ml", 2}}, R"(<
  ir_version: 6,
  opset_import: ["ai.onnx.ml" : 2]
>
g (int64[3] X) => (string[3] Y)
{
    Y = ai.onnx.ml.LabelEncoder <keys_int64s = [0, 1, 2], values_strings = ["a", "b", "c"]> (X)
})");
}

TEST(LabelEncoder, OnlyAListOfPositionsGoesBackToVersion1) {
  ExpectConverted(R"(<ir_version: 6, opset_import: ["ai.onnx.ml" : 2]>
g (string[3] X) => (int64[3] Y) {
    Y = ai.onnx.ml.LabelEncoder <keys_strings = ["b", "a", "zz"], values_int64s = [1, 0, 2]> (X)
})",
                  {{"ai.onnx.ml", 1}}, R"(<
  ir_version: 3,
  opset_import: ["ai.onnx.ml" : 1]
>
g (string[3] X) => (int64[3] Y)
{
    Y = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b", "zz"]> (X)
})");
  EXPECT_EQ(Convert(R"(<ir_version: 6, opset_import: ["ai.onnx.ml" : 2]>
g (string[3] X) => (int64[3] Y) {
    Y = ai.onnx.ml.LabelEncoder <keys_strings = ["b", "a"], values_int64s = [5, 0]> (X)
})",
                    {{"ai.onnx.ml", 1}}),
            "error: node 0 (\"\", ai.onnx.ml.LabelEncoder): cannot convert LabelEncoder-2 to "
            "LabelEncoder-1 (ai.onnx.ml opset 2 to 1): the keys and values do not pair strings "
            "with the positions 0..n-1 of a list, the only map LabelEncoder-1 has");
}

TEST(LabelEncoder, TensorsBecomeLists) {
  ExpectConverted(R"(<ir_version: 9, opset_import: ["ai.onnx.ml" : 4]>
g (int64[3] X) => (float[3] Y) {
    Y = ai.onnx.ml.LabelEncoder <keys_tensor = int64[2] {1, 2}, values_tensor = float[2] {0.5, 1.5},
                                 default_tensor = float[1] {-1.0}> (X)
})",
                  {{"ai.onnx.ml", 2}}, R"(<
  ir_version: 6,
  opset_import: ["ai.onnx.ml" : 2]
>
g (int64[3] X) => (float[3] Y)
{
    Y = ai.onnx.ml.LabelEncoder <keys_int64s = [1, 2], values_floats = [0.5, 1.5], default_float = -1.0> (X)
})");
}

}  // namespace
}  // namespace onnxforge::version_converter::testing
