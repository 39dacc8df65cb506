// The tree ensemble kernels keep their compiled trees across runs of one
// Evaluator, one compilation per X element type: the element type decides
// whether thresholds compare in float or in double.
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"
#include "reference/executor.h"

namespace onnxforge::reference {
namespace {

// One tree: X[0] <= 2^24 gives 1, else 2. X's type is left open, so the
// same evaluator takes float and int64 rows.
ModelProto OneSplitRegressor() {
  ModelProto model;
  model.set_ir_version(8);
  model.add_opset_import()->set_version(17);
  OperatorSetIdProto* ml = model.add_opset_import();
  ml->set_domain("ai.onnx.ml");
  ml->set_version(3);
  GraphProto* graph = model.mutable_graph();
  NodeProto* node = graph->add_node();
  node->set_op_type("TreeEnsembleRegressor");
  node->set_domain("ai.onnx.ml");
  node->add_input("X");
  node->add_output("Y");
  *node->add_attribute() = IntAttr("n_targets", 1);
  *node->add_attribute() = IntsAttr("nodes_treeids", {0, 0, 0});
  *node->add_attribute() = IntsAttr("nodes_nodeids", {0, 1, 2});
  *node->add_attribute() = IntsAttr("nodes_featureids", {0, 0, 0});
  *node->add_attribute() = FloatsAttr("nodes_values", {16777216.0f, 0, 0});
  *node->add_attribute() = StringsAttr("nodes_modes", {"BRANCH_LEQ", "LEAF", "LEAF"});
  *node->add_attribute() = IntsAttr("nodes_truenodeids", {1, 0, 0});
  *node->add_attribute() = IntsAttr("nodes_falsenodeids", {2, 0, 0});
  *node->add_attribute() = IntsAttr("target_treeids", {0, 0});
  *node->add_attribute() = IntsAttr("target_nodeids", {1, 2});
  *node->add_attribute() = IntsAttr("target_ids", {0, 0});
  *node->add_attribute() = FloatsAttr("target_weights", {1, 2});
  graph->add_input()->set_name("X");
  graph->add_output()->set_name("Y");
  return model;
}

float RunOnce(const Evaluator& evaluator, const Tensor& x) {
  absl::StatusOr<std::vector<Value>> out = evaluator.Run({}, {{"X", Value(x)}});
  EXPECT_TRUE(out.ok()) << out.status();
  return out.ok() ? (*out)[0].tensor().at<float>(0) : -1;
}

TEST(TreeKernelsTest, CompiledTreesAreKeptPerElementType) {
  const Evaluator evaluator(OneSplitRegressor());
  // 2^24 + 1 rounds to 2^24 in float, so a float comparison sends it left;
  // int64 features compare in double, where it is larger.
  const Tensor as_float = Tensor::FromVector<float>({1, 1}, {16777216.0f});
  const Tensor as_int = Tensor::FromVector<int64_t>({1, 1}, {16777217});
  for (int run = 0; run < 2; ++run) {
    SCOPED_TRACE(run);
    EXPECT_EQ(RunOnce(evaluator, as_float), 1.0f);
    EXPECT_EQ(RunOnce(evaluator, as_int), 2.0f);
  }
}

}  // namespace
}  // namespace onnxforge::reference
