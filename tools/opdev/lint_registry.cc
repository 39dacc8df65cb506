// The compiled schema and kernel registries: problems they found while
// registering, and whether they were built from the sources being linted.
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "onnx_defs/schema.h"
#include "reference/kernel.h"
#include "tools/opdev/lint_facts.h"

namespace onnxforge::opdev {

void CheckCompiledRegistries(const SourceFacts& facts, Findings& out) {
  const SchemaRegistry& registry = SchemaRegistry::Instance();
  for (const RegistryProblem& problem : registry.problems()) {
    out.push_back({problem.file, problem.line, problem.message});
  }
  for (const std::string& problem : reference::KernelRegistry::Instance().problems()) {
    out.push_back(FindingFromMessage(problem, ""));
  }

  // Registered versions the sources lack and the other way round mean this
  // binary was built from other sources: its registry checks would mislead.
  using Key = std::tuple<std::string, std::string, int>;
  std::set<Key> in_sources;
  for (const auto& [key, versions] : facts.ops) {
    for (const SchemaBlock* b : versions) in_sources.insert({b->domain->domain, b->name, b->version});
  }
  std::set<Key> in_registry;
  for (const OpSchema* schema : registry.All()) {
    in_registry.insert({schema->domain(), schema->name(), schema->since_version()});
  }
  constexpr char kHint[] =
      "; this opdev was built from other sources: rebuild it from these (bazel run "
      "//tools/opdev -- lint) or pass --sources_only";
  int reported = 0;
  constexpr int kMaxReported = 5;
  for (const auto& [key, versions] : facts.ops) {
    for (const SchemaBlock* b : versions) {
      if (in_registry.count({b->domain->domain, b->name, b->version}) == 0 &&
          reported++ < kMaxReported) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b), " is not in the compiled registry", kHint)});
      }
    }
  }
  for (const OpSchema* schema : registry.All()) {
    if (in_sources.count({schema->domain(), schema->name(), schema->since_version()}) == 0 &&
        reported++ < kMaxReported) {
      out.push_back({schema->file(), schema->line(),
                     absl::StrCat(schema->Describe(),
                                  " is in the compiled registry but not in the sources", kHint)});
    }
  }
}

}  // namespace onnxforge::opdev
