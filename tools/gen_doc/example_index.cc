#include "tools/gen_doc/example_index.h"

#include "tests/examples/op_usage.h"

namespace onnxforge::gen_doc {

ExampleIndex::ExampleIndex(const std::vector<examples::Example>& examples,
                           const SchemaRegistry& registry) {
  std::map<std::string, FileWithoutSchema> without_schema;  // by file
  for (const examples::Example& example : examples) {
    const std::string domain(CanonicalDomain(example.domain));
    if (registry.Versions(example.op, domain).empty()) {
      FileWithoutSchema& entry = without_schema[example.file];
      entry.file = example.file;
      entry.domain = domain;
      ++entry.examples;
      continue;
    }
    IndexedExample indexed;
    indexed.example = &example;
    indexed.opset = testing::ImportedOpset(example.model, domain);
    indexed.schema = registry.Lookup(example.op, indexed.opset, domain);
    for (const testing::OpUse& use : testing::ModelOpUses(example.model)) {
      if (use.op.first != domain || use.op.second != example.op) continue;
      if (const OpSchema* schema = registry.Lookup(example.op, use.opset, domain)) {
        indexed.versions.insert(schema->since_version());
      }
    }
    by_op_[{domain, example.op}].push_back(std::move(indexed));
  }
  for (auto& [file, entry] : without_schema) without_schema_.push_back(std::move(entry));
}

const std::vector<IndexedExample>& ExampleIndex::For(const std::string& domain,
                                                     const std::string& op) const {
  static const std::vector<IndexedExample> kNone;
  auto it = by_op_.find({domain, op});
  return it == by_op_.end() ? kNone : it->second;
}

std::set<int> ExampleIndex::CoveredVersions(const std::string& domain,
                                            const std::string& op) const {
  std::set<int> covered;
  for (const IndexedExample& indexed : For(domain, op)) {
    covered.insert(indexed.versions.begin(), indexed.versions.end());
  }
  return covered;
}

}  // namespace onnxforge::gen_doc
