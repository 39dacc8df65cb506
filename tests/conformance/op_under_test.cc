#include "tests/conformance/op_under_test.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "onnx_defs/schema.h"

namespace onnxforge::conformance {
namespace {

using testing::OpKey;

// Lower case, without '_' and '.'.
std::string Squashed(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != '_' && c != '.') out.push_back(absl::ascii_tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The op among `candidates` whose squashed name is the longest prefix of
// `squashed_test`; empty when none is.
OpKey LongestPrefix(const std::string& squashed_test, const std::set<OpKey>& candidates) {
  OpKey best;
  size_t best_length = 0;
  for (const OpKey& op : candidates) {
    const std::string name = Squashed(testing::OpKeyName(op));
    if (name.size() > best_length && absl::StartsWith(squashed_test, name)) {
      best = op;
      best_length = name.size();
    }
  }
  return best;
}

}  // namespace

OpKey OpUnderTest(const std::string& test_name, const ModelProto& model) {
  std::set<OpKey> main_ops;
  for (const NodeProto& node : model.graph().node()) {
    if (node.op_type() != "Constant") {
      main_ops.insert({std::string(CanonicalDomain(node.domain())), node.op_type()});
    }
  }
  if (main_ops.size() == 1) return *main_ops.begin();

  std::string name = test_name;
  if (absl::StartsWith(name, "test_")) name = name.substr(5);
  const std::string squashed = Squashed(name);
  OpKey op = LongestPrefix(squashed, testing::ModelOps(model));
  if (!op.second.empty()) return op;
  std::set<OpKey> registered;
  for (const auto& [domain, op_name] : SchemaRegistry::Instance().Ops()) {
    registered.insert({std::string(CanonicalDomain(domain)), op_name});
  }
  op = LongestPrefix(squashed, registered);
  if (!op.second.empty()) return op;
  if (model.graph().node_size() > 0) {
    const NodeProto& first = model.graph().node(0);
    return {std::string(CanonicalDomain(first.domain())), first.op_type()};
  }
  return {"", "(no nodes)"};
}

std::string UnexpandedName(const std::string& test_name) {
  const size_t at = test_name.find("_expanded");
  return at == std::string::npos ? "" : test_name.substr(0, at);
}

}  // namespace onnxforge::conformance
