// The tensor, slicing and generator kernels (Cast, Reshape, ..., Range)
// against ONNX's backend node tests: every test whose nodes use only these
// ops runs through the evaluator, each data set compared as the conformance
// suite compares it.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "data_paths.h"
#include "gtest/gtest.h"
#include "ir/model_io.h"
#include "reference/executor.h"
#include "reference/value.h"
#include "tests/examples/value_compare.h"

namespace onnxforge::reference {
namespace {

namespace fs = std::filesystem;

const std::set<std::string>& CoveredOps() {
  static const auto* ops = new std::set<std::string>{
      "Cast",      "Reshape", "Squeeze", "Unsqueeze", "Concat", "Split",           "Transpose",
      "Flatten",   "Shape",   "Identity", "Gather",   "Slice",  "Pad",             "Expand",
      "Where",     "Constant", "ConstantOfShape", "Range"};
  return *ops;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// "" when every data set of the test passes; otherwise why not.
std::string RunBackendTest(const fs::path& dir, const ModelProto& model) {
  const Evaluator evaluator(model);
  std::string problems;
  for (int set = 0;; ++set) {
    const fs::path data = dir / ("test_data_set_" + std::to_string(set));
    if (!fs::exists(data)) break;
    std::map<std::string, Value> feeds;
    for (int i = 0; i < model.graph().input_size(); ++i) {
      const fs::path file = data / ("input_" + std::to_string(i) + ".pb");
      if (!fs::exists(file)) break;
      const ValueInfoProto& input = model.graph().input(i);
      absl::StatusOr<Value> value = Value::Parse(ReadFile(file), input.type());
      if (!value.ok()) return "cannot read " + file.string() + ": " + value.status().ToString();
      feeds[input.name()] = *std::move(value);
    }
    absl::StatusOr<std::vector<Value>> outputs = evaluator.Run({}, feeds);
    if (!outputs.ok()) return outputs.status().ToString();
    for (int i = 0; i < model.graph().output_size(); ++i) {
      const fs::path file = data / ("output_" + std::to_string(i) + ".pb");
      absl::StatusOr<Value> expected =
          Value::Parse(ReadFile(file), model.graph().output(i).type());
      if (!expected.ok()) return "cannot read " + file.string();
      const std::string diff = testing::CompareValues(*expected, (*outputs)[i],
                                                      testing::Tolerances::ForConformance());
      if (!diff.empty()) problems += "output " + std::to_string(i) + ": " + diff + "\n";
    }
  }
  return problems;
}

TEST(TensorOpsBackend, EveryCoveredNodeTestPasses) {
  // ONNXFORGE_BACKEND_NODE_DIR picks another copy of the suite (Debian's
  // libonnx-testdata has older cases, string casts among them).
  const char* override_dir = std::getenv("ONNXFORGE_BACKEND_NODE_DIR");
  const fs::path root = override_dir != nullptr ? override_dir : onnxforge::data::kBackendNodeDir;
  if (!fs::exists(root)) GTEST_SKIP() << "no backend test data at " << root;
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(root)) dirs.push_back(entry.path());
  std::sort(dirs.begin(), dirs.end());
  std::map<std::string, std::pair<int, int>> per_op;  // op -> passed, total
  for (const fs::path& dir : dirs) {
    absl::StatusOr<ModelProto> model = LoadModel((dir / "model.onnx").string());
    if (!model.ok()) continue;
    std::set<std::string> ops;
    bool covered = model->graph().node_size() > 0;
    for (const NodeProto& node : model->graph().node()) {
      covered = covered && (node.domain().empty() || node.domain() == "ai.onnx") &&
                CoveredOps().count(node.op_type()) > 0;
      ops.insert(node.op_type());
    }
    if (!covered) continue;
    const std::string problems = RunBackendTest(dir, *model);
    for (const std::string& op : ops) {
      per_op[op].second++;
      if (problems.empty()) per_op[op].first++;
    }
    EXPECT_EQ(problems, "") << dir.filename().string();
  }
  for (const auto& [op, counts] : per_op) {
    std::cout << op << ": " << counts.first << "/" << counts.second << " passed\n";
  }
}

}  // namespace
}  // namespace onnxforge::reference
