#include <iostream>
#include "gtest/gtest.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
void Show(const std::string& title, const std::string& text, std::map<std::string,int> t) {
  std::string out = Convert(text, t);
  std::cout << "=== " << title << "\n" << out << "\n";
  if (out.rfind("error", 0) != 0) std::cout << "compare: [" << CompareOutputs(Parse(text), Parse(out)) << "]\n";
}
TEST(Scratch, Print) {
  Show("le1->2 string", R"(<ir_version: 3, opset_import: ["ai.onnx.ml" : 1]>
g (string[3] X) => (int64[3] Y) { Y = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b", "c"], default_int64 = 7> (X) })", {{"ai.onnx.ml", 2}});
  Show("le1->2 int", R"(<ir_version: 3, opset_import: ["ai.onnx.ml" : 1]>
g (int64[3] X) => (string[3] Y) { Y = ai.onnx.ml.LabelEncoder <classes_strings = ["a", "b", "c"]> (X) })", {{"ai.onnx.ml", 2}});
  Show("le2->1 perm", R"(<ir_version: 6, opset_import: ["ai.onnx.ml" : 2]>
g (string[3] X) => (int64[3] Y) { Y = ai.onnx.ml.LabelEncoder <keys_strings = ["b", "a", "zz"], values_int64s = [1, 0, 2]> (X) })", {{"ai.onnx.ml", 1}});
  Show("le2->1 other", R"(<ir_version: 6, opset_import: ["ai.onnx.ml" : 2]>
g (string[3] X) => (int64[3] Y) { Y = ai.onnx.ml.LabelEncoder <keys_strings = ["b", "a"], values_int64s = [5, 0]> (X) })", {{"ai.onnx.ml", 1}});
  Show("le4->2 tensors", R"(<ir_version: 9, opset_import: ["ai.onnx.ml" : 4]>
g (int64[3] X) => (float[3] Y) { Y = ai.onnx.ml.LabelEncoder <keys_tensor = int64[2] {1, 2}, values_tensor = float[2] {0.5, 1.5}, default_tensor = float[1] {-1.0}> (X) })", {{"ai.onnx.ml", 2}});
  Show("reg3->5", R"(<ir_version: 8, opset_import: ["ai.onnx.ml" : 3]>
g (float[5,2] X) => (float[5,1] Y) {
  Y = ai.onnx.ml.TreeEnsembleRegressor <nodes_treeids = [0, 0, 0, 1, 1, 1], nodes_nodeids = [0, 1, 2, 0, 1, 2],
      nodes_featureids = [0, 0, 0, 1, 0, 0], nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF", "BRANCH_GT", "LEAF", "LEAF"],
      nodes_values = [0.5, 0.0, 0.0, -1.0, 0.0, 0.0], nodes_truenodeids = [1, 0, 0, 1, 0, 0], nodes_falsenodeids = [2, 0, 0, 2, 0, 0],
      target_treeids = [0, 0, 1, 1], target_nodeids = [1, 2, 1, 2], target_ids = [0, 0, 0, 0], target_weights = [1.0, 2.0, 10.0, 20.0],
      base_values = [0.25], post_transform = "NONE", aggregate_function = "SUM"> (X)
})", {{"ai.onnx.ml", 5}});
  Show("cls3->5", R"(<ir_version: 8, opset_import: ["ai.onnx.ml" : 3]>
g (float[5,2] X) => (int64[5] L, float[5,3] P) {
  L, P = ai.onnx.ml.TreeEnsembleClassifier <nodes_treeids = [0, 0, 0], nodes_nodeids = [0, 1, 2],
      nodes_featureids = [0, 0, 0], nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF"],
      nodes_values = [0.5, 0.0, 0.0], nodes_truenodeids = [1, 0, 0], nodes_falsenodeids = [2, 0, 0],
      class_treeids = [0, 0, 0], class_nodeids = [1, 2, 2], class_ids = [0, 1, 2], class_weights = [1.0, 2.0, 0.5],
      classlabels_int64s = [10, 20, 30], post_transform = "SOFTMAX"> (X)
})", {{"ai.onnx.ml", 5}, {"", 13}});
  Show("cls3->5 binary", R"(<ir_version: 8, opset_import: ["ai.onnx.ml" : 3, "" : 11]>
g (double[5,2] X) => (string[5] L, float[5,2] P) {
  L, P = ai.onnx.ml.TreeEnsembleClassifier <nodes_treeids = [0, 0, 0], nodes_nodeids = [0, 1, 2],
      nodes_featureids = [0, 0, 0], nodes_modes = ["BRANCH_LEQ", "LEAF", "LEAF"],
      nodes_values = [0.5, 0.0, 0.0], nodes_truenodeids = [1, 0, 0], nodes_falsenodeids = [2, 0, 0],
      class_treeids = [0, 0], class_nodeids = [1, 2], class_ids = [1, 1], class_weights = [-1.0, 2.0],
      base_values = [0.0, 0.5], classlabels_strings = ["no", "yes"], post_transform = "LOGISTIC"> (X)
})", {{"ai.onnx.ml", 5}});
  Show("te5->3", R"(<ir_version: 10, opset_import: ["ai.onnx.ml" : 5]>
g (float[5,2] X) => (float[5,1] Y) {
  Y = ai.onnx.ml.TreeEnsemble <tree_roots = [0], nodes_featureids = [0, 1], nodes_modes = uint8[2] {6, 0},
      nodes_splits = float[2] {0.0, 1.5}, nodes_truenodeids = [0, 1], nodes_trueleafs = [1, 1],
      nodes_falsenodeids = [1, 2], nodes_falseleafs = [0, 1], membership_values = float[4] {1.0, 2.0, 3.0, nan},
      leaf_targetids = [0, 0, 0], leaf_weights = float[3] {1.0, 2.0, 3.0}, n_targets = 1> (X)
})", {{"ai.onnx.ml", 3}});
  Show("if13->11", R"(<ir_version: 7, opset_import: ["" : 13]>
g (bool c, float[1,3] X) => (float[3] Y) {
  Y = If (c) <then_branch = t () => (float[3] A) <int64[1] ax = {0}> { A = Squeeze (X, ax) },
              else_branch = e () => (float[3] B) { B = ReduceSum <keepdims = 0> (X, ax2) }>
})", {{"", 11}});
}
}
