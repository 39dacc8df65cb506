// Round trips: a model converted to another opset and back computes what it
// computed before, on random inputs, at every stop (checked with the
// reference evaluator). The first half starts at a new opset and goes down,
// the second starts low and goes up.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
namespace {

struct RoundTrip {
  std::string name;
  std::string model;
  std::map<std::string, int> there;
};

std::map<std::string, int> OpsetsOf(const ModelProto& model) {
  std::map<std::string, int> opsets;
  for (const OperatorSetIdProto& import : model.opset_import()) {
    if (import.domain().empty() || import.domain() == "ai.onnx.ml") {
      opsets[import.domain()] = static_cast<int>(import.version());
    }
  }
  return opsets;
}

class RoundTripTest : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(RoundTripTest, ComputesTheSameThereAndBack) {
  const RoundTrip& c = GetParam();
  const ModelProto original = Parse(c.model);
  const std::string there = Convert(original, c.there);
  ASSERT_EQ(there.rfind("error", 0), std::string::npos) << there;
  EXPECT_EQ(CompareOutputs(original, Parse(there)), "") << there;
  const std::string back = Convert(Parse(there), OpsetsOf(original));
  ASSERT_EQ(back.rfind("error", 0), std::string::npos) << back;
  EXPECT_EQ(CompareOutputs(original, Parse(back)), "") << back;
}

const char kBatchNorm[] = R"(<ir_version: 8, opset_import: ["" : 15]>
g (float[2,3,2] X) => (float[2,3,2] Y) <float[3] s = {1.0, 0.5, 2.0}, float[3] b = {0.0, 1.0, -1.0},
                                        float[3] m = {0.1, 0.2, 0.3}, float[3] v = {1.0, 2.0, 0.5}> {
    Y = BatchNormalization <epsilon = 0.001> (X, s, b, m, v)
})";

const char kRegressor[] = R"(<ir_version: 8, opset_import: ["ai.onnx.ml" : 3]>
g (float[6,2] X) => (float[6,2] Y) {
    Y = ai.onnx.ml.TreeEnsembleRegressor <
        nodes_treeids = [0, 0, 0, 1, 1, 1, 1, 1], nodes_nodeids = [0, 1, 2, 0, 1, 2, 3, 4],
        nodes_featureids = [0, 0, 0, 1, 0, 0, 0, 0],
        nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_GT", "BRANCH_LT", "LEAF", "LEAF", "LEAF"],
        nodes_values = [0.5, 0.0, 0.0, -1.0, 1.25, 0.0, 0.0, 0.0],
        nodes_truenodeids = [1, 0, 0, 1, 3, 0, 0, 0], nodes_falsenodeids = [2, 0, 0, 2, 4, 0, 0, 0],
        target_treeids = [0, 0, 0, 1, 1, 1], target_nodeids = [1, 2, 2, 2, 3, 4],
        target_ids = [0, 0, 1, 1, 0, 1], target_weights = [1.0, 2.0, 3.0, 10.0, 20.0, 30.0],
        base_values = [0.25, -0.5], n_targets = 2, post_transform = "NONE",
        aggregate_function = "SUM"> (X)
})";

const char kClassifier[] = R"(<ir_version: 8, opset_import: ["ai.onnx.ml" : 3, "" : 15]>
g (float[6,2] X) => (int64[6] L, float[6,3] P) {
    L, P = ai.onnx.ml.TreeEnsembleClassifier <
        nodes_treeids = [0, 0, 0, 1, 1, 1], nodes_nodeids = [0, 1, 2, 0, 1, 2],
        nodes_featureids = [0, 0, 0, 1, 0, 0],
        nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_GTE", "LEAF", "LEAF"],
        nodes_values = [0.5, 0.0, 0.0, 0.0, 0.0, 0.0],
        nodes_truenodeids = [1, 0, 0, 1, 0, 0], nodes_falsenodeids = [2, 0, 0, 2, 0, 0],
        class_treeids = [0, 0, 0, 0, 1, 1, 1], class_nodeids = [1, 1, 2, 2, 1, 2, 2],
        class_ids = [0, 1, 1, 2, 0, 0, 2], class_weights = [0.6, 0.4, 0.3, 0.7, 0.9, 0.2, 0.8],
        classlabels_int64s = [10, 20, 30], post_transform = "SOFTMAX"> (X)
})";

const char kBinaryClassifier[] = R"(<ir_version: 8, opset_import: ["ai.onnx.ml" : 3, "" : 15]>
g (float[6,2] X) => (string[6] L, float[6,2] P) {
    L, P = ai.onnx.ml.TreeEnsembleClassifier <
        nodes_treeids = [0, 0, 0], nodes_nodeids = [0, 1, 2], nodes_featureids = [1, 0, 0],
        nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF"], nodes_values = [0.5, 0.0, 0.0],
        nodes_truenodeids = [1, 0, 0], nodes_falsenodeids = [2, 0, 0],
        class_treeids = [0, 0], class_nodeids = [1, 2], class_ids = [1, 1],
        class_weights = [-1.0, 2.0], base_values = [0.0, 0.5],
        classlabels_strings = ["no", "yes"], post_transform = "LOGISTIC"> (X)
})";

const char kMembershipTrees[] = R"(<ir_version: 10, opset_import: ["ai.onnx.ml" : 5]>
g (float[6,2] X) => (float[6,1] Y) {
    Y = ai.onnx.ml.TreeEnsemble <tree_roots = [0], nodes_featureids = [0, 1],
        nodes_modes = uint8[2] {6, 0}, nodes_splits = float[2] {0.0, 1.5},
        nodes_truenodeids = [0, 1], nodes_trueleafs = [1, 1],
        nodes_falsenodeids = [1, 2], nodes_falseleafs = [0, 1],
        membership_values = float[4] {-1.0, 2.0, 0.0, nan},
        leaf_targetids = [0, 0, 0], leaf_weights = float[3] {1.0, 2.0, 3.0}, n_targets = 1> (X)
})";

const RoundTrip kDownAndUp[] = {
    {"Relu", R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2,3] X) => (float[2,3] Y) { Y = Relu (X) })", {{"", 1}}},
    {"AddBroadcast", R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2,3] A, float[3] B) => (float[2,3] Y) { Y = Add (A, B) })", {{"", 1}}},
    {"CompareAndLogic", R"(<ir_version: 9, opset_import: ["" : 19]>
g (float[2,3] A, float[2,3] B) => (bool[2,3] Y) {
    e = Equal (A, B)
    g = Greater (A, B)
    l = Less (A, B)
    o = Or (e, g)
    n = Not (l)
    Y = And (o, n)
})", {{"", 11}}},
    {"BoolLogic", R"(<ir_version: 7, opset_import: ["" : 13]>
g (bool[2,3] A, bool[3] B) => (bool[2,3] Y) { o = Or (A, B)  n = Not (o)  Y = And (n, A) })",
     {{"", 1}}},
    {"SoftmaxInnerAxis", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax <axis = 1> (X) })", {{"", 1}}},
    {"LogSoftmaxDefault", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = LogSoftmax (X) })", {{"", 11}}},
    {"ClipConstantBounds", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] X) => (float[2,3] Y) <float lo = {-0.5}, float hi = {1.25}> { Y = Clip (X, lo, hi) })",
     {{"", 6}}},
    {"TopK", R"(<ir_version: 9, opset_import: ["" : 24]>
g (float[3,5] X) => (float[3,2] V, int64[3,2] I) <int64[1] k = {2}> { V, I = TopK (X, k) })",
     {{"", 1}}},
    {"SplitNumOutputs", R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[7,2] X) => (float[3,2] A, float[3,2] B, float[1,2] C) { A, B, C = Split <num_outputs = 3> (X) })",
     {{"", 2}}},
    {"ReduceSumConstantAxes", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,4] Y) <int64[1] ax = {-2}> { Y = ReduceSum <keepdims = 0> (X, ax) })",
     {{"", 1}}},
    {"ReduceMeanAndMax", R"(<ir_version: 10, opset_import: ["" : 20]>
g (float[2,3,4] X) => (float[2,1,4] Y, float[2,3] Z) <int64[1] a = {1}, int64[1] b = {2}> {
    Y = ReduceMean (X, a)
    Z = ReduceMax <keepdims = 0> (X, b)
})", {{"", 1}}},
    {"PadConstant", R"(<ir_version: 9, opset_import: ["" : 19]>
g (float[2,3] X) => (float[4,6] Y) <int64[4] p = {1, 2, 1, 1}, float v = {0.5}> { Y = Pad (X, p, v) })",
     {{"", 2}}},
    {"DropoutInference", R"(<ir_version: 10, opset_import: ["" : 22]>
g (float[2,3] X) => (float[2,3] Y, bool[2,3] M) { Y, M = Dropout (X) })", {{"", 7}}},
    {"BatchNormalization", kBatchNorm, {{"", 7}}},
    {"Cast", R"(<ir_version: 9, opset_import: ["" : 19]>
g (float[2,3] X) => (int32[2,3] Y, double[2,3] Z) { Y = Cast <to = 6> (X)  Z = Cast <to = 11> (X) })",
     {{"", 1}}},
    {"ReshapeConstantShape", R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2,6] X) => (float[3,4] Y) <int64[2] s = {3, -1}> { Y = Reshape (X, s) })", {{"", 1}}},
    {"SqueezeUnsqueeze", R"(<ir_version: 10, opset_import: ["" : 21]>
g (float[1,3] X) => (float[3,1] Y) <int64[1] a = {0}, int64[1] b = {-1}> {
    s = Squeeze (X, a)
    Y = Unsqueeze (s, b)
})", {{"", 1}}},
    {"SliceConstants", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[4,5] X) => (float[2,3] Y) <int64[2] st = {1, 1}, int64[2] en = {3, -1}, int64[2] ax = {0, -1}> {
    Y = Slice (X, st, en, ax)
})", {{"", 1}}},
    {"GemmWithBias", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] A, float[3,4] B, float[4] C) => (float[2,4] Y) { Y = Gemm <alpha = 0.5, transB = 0> (A, B, C) })",
     {{"", 1}}},
    {"GemmWithoutBias", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] A, float[4,3] B) => (float[2,4] Y) { Y = Gemm <transB = 1> (A, B) })", {{"", 1}}},
    {"ConvAndPools", R"(<ir_version: 10, opset_import: ["" : 22]>
g (float[1,2,5,5] X, float[3,2,2,2] W) => (float[1,3,2,2] Y, float[1,3,2,2] Z) {
    c = Conv <strides = [1, 1]> (X, W)
    Y = MaxPool <kernel_shape = [2, 2], strides = [2, 2]> (c)
    Z = AveragePool <kernel_shape = [2, 2], strides = [2, 2], count_include_pad = 0> (c)
})", {{"", 1}}},
    {"TensorOps", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X, float[4,2] W) => (float[2,3,2] Y, float[2,12] F, float[4,3,2] T, float[2,2,4] G,
                                      float[2,6,4] C) <int64[2] idx = {-1, 0}> {
    Y = MatMul (X, W)
    F = Flatten <axis = -2> (X)
    T = Transpose <perm = [2, 1, 0]> (X)
    G = Gather <axis = 1> (X, idx)
    C = Concat <axis = -2> (X, X)
})", {{"", 1}}},
    {"ShapeSlice", R"(<ir_version: 8, opset_import: ["" : 15]>
g (float[2,3,4] X) => (int64[2] Y) { Y = Shape <start = 1> (X) })", {{"", 1}}},
    {"Pow", R"(<ir_version: 8, opset_import: ["" : 15]>
g (float[2,3] X, float[3] E) => (float[2,3] Y) { a = Abs (X)  Y = Pow (a, E) })", {{"", 1}}},
    {"UnaryMath", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3] X) => (float[2,3] Y) {
    a = Abs (X)
    b = Sqrt (a)
    c = Exp (b)
    d = Log (c)
    e = Tanh (d)
    f = Sigmoid (e)
    g = Neg (f)
    h = Sub (g, X)
    i = Mul (h, X)
    Y = Div (i, c)
})", {{"", 1}}},
    {"IfBranches", R"(<ir_version: 7, opset_import: ["" : 13]>
g (bool c, float[1,3] X) => (float[3] Y) {
    Y = If (c) <then_branch = t () => (float[3] A) <int64[1] ax = {0}> { A = Squeeze (X, ax) },
                else_branch = e () => (float[3] B) { B = ReduceSum <keepdims = 0> (X) }>
})", {{"", 1}}},
    {"LoopBody", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[1,2] X) => (float[1,2] Y) <int64 n = {3}, bool t = {1}> {
    Y = Loop (n, t, X) <body = b (int64 i, bool c, float[1,2] s) => (bool c2, float[1,2] s2)
                                 <int64[1] ax = {0}> {
        c2 = Identity (c)
        q = Squeeze (s, ax)
        r = Neg (q)
        s2 = Unsqueeze (r, ax)
    }>
})", {{"", 11}}},
    {"ModelLocalFunction", R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
g (float[1,3] X) => (float[3] Y) { Y = local.SqueezeFirst (X) }
<domain: "local", opset_import: ["" : 13]>
SqueezeFirst (A) => (B) {
    axes = Constant <value = int64[1] {0}> ()
    B = Squeeze (A, axes)
})", {{"", 11}}},
    {"LabelEncoder", R"(<ir_version: 9, opset_import: ["ai.onnx.ml" : 4]>
g (string[4] X) => (int64[4] Y) {
    Y = ai.onnx.ml.LabelEncoder <keys_strings = ["b", "a", "c"], values_int64s = [1, 0, 2], default_int64 = -3> (X)
})", {{"ai.onnx.ml", 1}}},
    {"TreeEnsembleWithSets", kMembershipTrees, {{"ai.onnx.ml", 3}}},
};

const RoundTrip kUpAndDown[] = {
    {"LegacyBroadcastAxis", R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3,4] A, float[3] B) => (float[2,3,4] Y) { Y = Mul <broadcast = 1, axis = 1> (A, B) })",
     {{"", 28}}},
    {"ConsumedInputs", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2,3] X) => (float[2,3] Y) { r = Relu <consumed_inputs = [0]> (X)  Y = Sigmoid (r) })",
     {{"", 28}}},
    {"Softmax1", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax (X) })", {{"", 13}}},
    {"Clip6", R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3] X) => (float[2,3] Y) { Y = Clip <min = -0.5, max = 0.75> (X) })", {{"", 13}}},
    {"Pad2", R"(<ir_version: 3, opset_import: ["" : 2]>
g (float[2,3] X) => (float[3,5] Y) { Y = Pad <pads = [1, 0, 0, 2], value = 2.0> (X) })", {{"", 25}}},
    {"Reshape1", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2,6] X) => (float[4,3] Y) { Y = Reshape <shape = [4, 3]> (X) })", {{"", 25}}},
    {"Slice1", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[4,5] X) => (float[2,4] Y) { Y = Slice <starts = [1, 1], ends = [3, 5]> (X) })", {{"", 13}}},
    {"TopK1", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[3,5] X) => (float[3,2] V, int64[3,2] I) { V, I = TopK <k = 2> (X) })", {{"", 24}}},
    {"Split2", R"(<ir_version: 3, opset_import: ["" : 2]>
g (float[6] X) => (float[2] A, float[4] B) { A, B = Split <split = [2, 4]> (X) })", {{"", 18}}},
    {"Gemm6", R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3] A, float[3,4] B, float[4] C) => (float[2,4] Y) { Y = Gemm <broadcast = 1> (A, B, C) })",
     {{"", 13}}},
    {"Cast1", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2,3] X) => (int64[2,3] Y) { Y = Cast <to = "INT64"> (X) })", {{"", 25}}},
    {"Dropout7", R"(<ir_version: 3, opset_import: ["" : 7]>
g (float[2,3] X) => (float[2,3] Y, float[2,3] M) { Y, M = Dropout <ratio = 0.3> (X) })", {{"", 22}}},
    {"BatchNormTraining9", R"(<ir_version: 4, opset_import: ["" : 9]>
g (float[4,2] X, float[2] s, float[2] b, float[2] m, float[2] v) => (float[4,2] Y, float[2] M, float[2] V) {
    Y, M, V = BatchNormalization <momentum = 0.8> (X, s, b, m, v)
})", {{"", 15}}},
    {"Constant1", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[2] X) => (float[2] Y) { c = Constant <value = float[2] {1.5, -2.0}> ()  Y = Add (X, c) })",
     {{"", 25}}},
    {"LabelEncoder1", R"(<ir_version: 3, opset_import: ["ai.onnx.ml" : 1]>
g (int64[4] X) => (string[4] Y) {
    Y = ai.onnx.ml.LabelEncoder <classes_strings = ["x", "y", "z"], default_string = "?"> (X)
})", {{"ai.onnx.ml", 4}}},
    {"TreeEnsembleRegressor", kRegressor, {{"ai.onnx.ml", 5}}},
    {"TreeEnsembleClassifier", kClassifier, {{"ai.onnx.ml", 5}}},
    {"BinaryTreeEnsembleClassifier", kBinaryClassifier, {{"ai.onnx.ml", 5}}},
};

std::string Name(const ::testing::TestParamInfo<RoundTrip>& info) { return info.param.name; }

INSTANTIATE_TEST_SUITE_P(DownAndUp, RoundTripTest, ::testing::ValuesIn(kDownAndUp), Name);
INSTANTIATE_TEST_SUITE_P(UpAndDown, RoundTripTest, ::testing::ValuesIn(kUpAndDown), Name);

}  // namespace
}  // namespace onnxforge::version_converter::testing
