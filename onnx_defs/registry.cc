// Builds the registry from every domain's opset classes, and lets tests add
// ops of their own to it.
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/operator_sets.h"
#include "onnx_defs/operator_sets_ml.h"
#include "onnx_defs/operator_sets_preview.h"
#include "onnx_defs/operator_sets_training.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

SchemaRegistry& SchemaRegistry::MutableInstance() {
  static SchemaRegistry* registry = [] {
    auto* r = new SchemaRegistry();
    auto add = [r](OpSchema&& schema, int version) { r->Register(std::move(schema), version); };
    OnnxOpsetClasses::ForEachSchema(add);
    OnnxMlOpsetClasses::ForEachSchema(add);
    OnnxTrainingOpsetClasses::ForEachSchema(add);
    OnnxPreviewOpsetClasses::ForEachSchema(add);
    OnnxPreviewTrainingOpsetClasses::ForEachSchema(add);
    r->CheckAllDefinedAreRegistered();
    return r;
  }();
  return *registry;
}

const SchemaRegistry& SchemaRegistry::Instance() { return MutableInstance(); }

absl::Status SchemaRegistry::RegisterForTesting(OpSchema schema) {
  SchemaRegistry& registry = MutableInstance();
  const size_t known = registry.problems_.size();
  const int since_version = schema.since_version();
  registry.Register(std::move(schema), since_version);
  if (registry.problems_.size() == known) return absl::OkStatus();
  // A bad test schema is the test's error: the registry's own problem list,
  // which the lint reads, stays as the spec left it.
  std::vector<std::string> messages;
  for (size_t i = known; i < registry.problems_.size(); ++i) {
    const RegistryProblem& problem = registry.problems_[i];
    messages.push_back(absl::StrCat(problem.file, ":", problem.line, ": ", problem.message));
  }
  registry.problems_.resize(known);
  return absl::InvalidArgumentError(absl::StrJoin(messages, "\n"));
}

std::vector<int> RegisteredOpsetClassVersions(std::string_view domain) {
  domain = CanonicalDomain(domain);
  if (domain == kOnnxDomain) return OnnxOpsetClasses::Versions();
  if (domain == kMlDomain) return OnnxMlOpsetClasses::Versions();
  if (domain == kTrainingDomain) return OnnxTrainingOpsetClasses::Versions();
  if (domain == kPreviewDomain) return OnnxPreviewOpsetClasses::Versions();
  if (domain == kPreviewTrainingDomain) return OnnxPreviewTrainingOpsetClasses::Versions();
  return {};
}

}  // namespace onnxforge
