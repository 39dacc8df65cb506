// Prints every model of ONNX's backend node test suite, reads the text back
// and compares the protos field by field.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/onnx.pb.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/printer.h"
#include "ir/syntax/tests/test_util.h"

namespace onnxforge {
namespace {

namespace fs = std::filesystem;

// Models the text form cannot carry exactly, with the reason.
const std::map<std::string, std::string>& KnownLosses() {
  static const auto* losses = new std::map<std::string, std::string>{};
  return *losses;
}

fs::path NodeTestDir() {
  if (const char* dir = std::getenv("ONNXFORGE_BACKEND_NODE_DIR")) return dir;
  fs::path shared = "/work/shared/testdata/onnx-backend-v1.22/node";
  if (fs::exists(shared)) return shared;
  return "/usr/include/onnx/backend/test/data/node";
}

// The text form always gives a node a domain, "" for the default one, as
// ONNX's reader does; a node read from a file may leave the field unset.
void SetNodeDomains(GraphProto* graph);

void SetNodeDomains(google::protobuf::RepeatedPtrField<NodeProto>* nodes) {
  for (NodeProto& node : *nodes) {
    node.set_domain(node.domain());
    for (AttributeProto& attribute : *node.mutable_attribute()) {
      if (attribute.has_g()) SetNodeDomains(attribute.mutable_g());
      for (GraphProto& g : *attribute.mutable_graphs()) SetNodeDomains(&g);
    }
  }
}

void SetNodeDomains(GraphProto* graph) { SetNodeDomains(graph->mutable_node()); }

TEST(BackendRoundTrip, EveryNodeTestModel) {
  fs::path dir = NodeTestDir();
  if (!fs::exists(dir)) GTEST_SKIP() << "no backend node tests at " << dir;
  std::vector<fs::path> models;
  for (const auto& entry : fs::directory_iterator(dir)) {
    fs::path model = entry.path() / "model.onnx";
    if (fs::exists(model)) models.push_back(model);
  }
  std::sort(models.begin(), models.end());
  ASSERT_FALSE(models.empty()) << dir;

  int passed = 0;
  for (const fs::path& path : models) {
    const std::string test = path.parent_path().filename().string();
    SCOPED_TRACE(test);
    ModelProto original;
    std::ifstream in(path, std::ios::binary);
    ASSERT_TRUE(original.ParseFromIstream(&in)) << path;
    SetNodeDomains(original.mutable_graph());
    for (FunctionProto& f : *original.mutable_functions()) SetNodeDomains(f.mutable_node());

    const std::string text = PrintModel(original);
    absl::StatusOr<ModelProto> parsed = ParseModel(text);
    std::string problem;
    if (!parsed.ok()) {
      problem = std::string(parsed.status().message());
    } else {
      problem = testing::Differences(original, *parsed);
      if (problem.empty() && PrintModel(*parsed) != text)
        problem = "text differs when printed again";
    }
    auto known = KnownLosses().find(test);
    if (known != KnownLosses().end()) {
      EXPECT_FALSE(problem.empty()) << test << " now round-trips; drop it from KnownLosses";
      continue;
    }
    EXPECT_EQ(problem, "") << text;
    if (problem.empty()) ++passed;
  }
  std::cout << passed << " of " << models.size() << " models round-trip\n";
}

}  // namespace
}  // namespace onnxforge
