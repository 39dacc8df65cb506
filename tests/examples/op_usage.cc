#include "tests/examples/op_usage.h"

#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "onnx_defs/schema.h"

namespace onnxforge::testing {
namespace {

using Opsets = std::map<std::string, int>;

Opsets OpsetsOf(const google::protobuf::RepeatedPtrField<OperatorSetIdProto>& imports) {
  Opsets opsets;
  for (const auto& import : imports) {
    opsets[std::string(CanonicalDomain(import.domain()))] = static_cast<int>(import.version());
  }
  return opsets;
}

void CollectNodes(const google::protobuf::RepeatedPtrField<NodeProto>& nodes,
                  const Opsets& opsets, const std::set<OpKey>& local_functions,
                  std::vector<OpUse>* uses) {
  for (const NodeProto& node : nodes) {
    OpKey op{std::string(CanonicalDomain(node.domain())), node.op_type()};
    if (local_functions.count(op) == 0) {
      auto it = opsets.find(op.first);
      uses->push_back({op, it == opsets.end() ? 0 : it->second});
    }
    for (const AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) CollectNodes(attr.g().node(), opsets, local_functions, uses);
      for (const GraphProto& g : attr.graphs()) {
        CollectNodes(g.node(), opsets, local_functions, uses);
      }
    }
  }
}

}  // namespace

std::string OpKeyName(const OpKey& op) {
  return op.first.empty() ? op.second : absl::StrCat(op.first, ".", op.second);
}

absl::StatusOr<std::set<OpKey>> ReadSliceOps(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read the slice file '", path, "'"));
  std::set<OpKey> ops;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || text[0] == '#') continue;
    std::vector<std::string> parts = absl::StrSplit(text, ' ', absl::SkipWhitespace());
    if (parts.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": expected 'domain op' but found '", line, "'"));
    }
    ops.insert({std::string(CanonicalDomain(parts[0])), parts[1]});
  }
  return ops;
}

std::vector<OpUse> ModelOpUses(const ModelProto& model) {
  std::set<OpKey> local_functions;
  for (const FunctionProto& f : model.functions()) {
    local_functions.insert({std::string(CanonicalDomain(f.domain())), f.name()});
  }
  const Opsets model_opsets = OpsetsOf(model.opset_import());
  std::vector<OpUse> uses;
  CollectNodes(model.graph().node(), model_opsets, local_functions, &uses);
  for (const FunctionProto& f : model.functions()) {
    Opsets opsets = model_opsets;
    for (const auto& [domain, version] : OpsetsOf(f.opset_import())) opsets[domain] = version;
    CollectNodes(f.node(), opsets, local_functions, &uses);
  }
  return uses;
}

std::set<OpKey> ModelOps(const ModelProto& model) {
  std::set<OpKey> ops;
  for (const OpUse& use : ModelOpUses(model)) ops.insert(use.op);
  return ops;
}

int ImportedOpset(const ModelProto& model, const std::string& domain) {
  const std::string_view wanted = CanonicalDomain(domain);
  for (const auto& import : model.opset_import()) {
    if (CanonicalDomain(import.domain()) == wanted) return static_cast<int>(import.version());
  }
  return 0;
}

}  // namespace onnxforge::testing
