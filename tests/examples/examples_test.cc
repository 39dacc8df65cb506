// Runs every example under tests/examples (one test per example:
// Examples/Run.MatchesExpected/<name>), checks that every file reads, and
// lints coverage: every schema version of every op of the slice needs an
// example whose model imports an opset where that version is in force.
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "data_paths.h"
#include "gtest/gtest.h"
#include "onnx_defs/schema.h"
#include "tests/examples/op_usage.h"
#include "tests/examples/runner.h"

namespace onnxforge::examples {
namespace {

using testing::OpKey;

constexpr char kExampleRoot[] = "tests/examples";

const ExampleSet& AllExamples() {
  static const ExampleSet* set = new ExampleSet(ReadExampleTree(kExampleRoot));
  return *set;
}

class Run : public ::testing::TestWithParam<size_t> {};

TEST_P(Run, MatchesExpected) {
  const Example& example = AllExamples().examples[GetParam()];
  const ExampleOutcome outcome = RunExample(example);
  EXPECT_TRUE(outcome.passed) << example.file << ":" << example.line << ": example '"
                              << example.name << "' fails\n"
                              << outcome.message;
}

GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Run);
INSTANTIATE_TEST_SUITE_P(Examples, Run,
                         ::testing::Range<size_t>(0, AllExamples().examples.size()),
                         [](const ::testing::TestParamInfo<size_t>& info) {
                           return AllExamples().examples[info.param].name;
                         });

TEST(ExampleFiles, EveryFileReads) {
  const ExampleSet& set = AllExamples();
  for (const std::string& error : set.errors) ADD_FAILURE() << error;
  std::cout << set.files << " example files, " << set.examples.size() << " examples\n";
}

TEST(ExampleFiles, EveryExampleUsesTheOpOfItsFile) {
  for (const Example& example : AllExamples().examples) {
    if (example.op.empty()) {
      ADD_FAILURE() << example.file << ": example files live in <domain>/<Op>.txt";
      continue;
    }
    const OpKey op{std::string(CanonicalDomain(example.domain)), example.op};
    if (testing::ModelOps(example.model).count(op) == 0) {
      ADD_FAILURE() << example.file << ":" << example.line << ": example '" << example.name
                    << "' does not use " << testing::OpKeyName(op);
    }
  }
}

// "Relu-6 (opsets 6 to 12)".
std::string VersionText(const OpSchema& schema, const std::vector<const OpSchema*>& versions) {
  int last = 0;
  if (const DomainOpsetRange* range = FindDomainOpsetRange(schema.domain())) {
    last = range->max_version;
  }
  for (const OpSchema* later : versions) {
    if (later->since_version() > schema.since_version()) {
      last = later->since_version() - 1;
      break;
    }
  }
  const std::string opsets = last == schema.since_version()
                                 ? absl::StrCat("opset ", last)
                                 : absl::StrCat("opsets ", schema.since_version(), " to ", last);
  return absl::StrCat(schema.name(), "-", schema.since_version(), " (", opsets, ")");
}

TEST(ExampleCoverage, EverySliceOpVersionHasAnExample) {
  if (std::string(data::kSliceTxt).empty()) GTEST_SKIP() << "no slice file in this checkout";
  absl::StatusOr<std::set<OpKey>> slice = testing::ReadSliceOps(data::kSliceTxt);
  ASSERT_TRUE(slice.ok()) << slice.status();

  const SchemaRegistry& registry = SchemaRegistry::Instance();
  std::set<std::pair<OpKey, int>> covered;  // (op, since_version)
  for (const Example& example : AllExamples().examples) {
    for (const testing::OpUse& use : testing::ModelOpUses(example.model)) {
      const OpSchema* schema = registry.Lookup(use.op.second, use.opset, use.op.first);
      if (schema != nullptr) covered.insert({use.op, schema->since_version()});
    }
  }

  int total = 0;
  std::map<std::string, std::vector<std::string>> missing;  // by example file
  for (const OpKey& op : *slice) {
    const std::vector<const OpSchema*> versions = registry.Versions(op.second, op.first);
    if (versions.empty()) {
      ADD_FAILURE() << "slice op " << testing::OpKeyName(op) << " has no schema";
      continue;
    }
    for (const OpSchema* schema : versions) {
      ++total;
      if (covered.count({op, schema->since_version()}) == 0) {
        const std::string file = absl::StrCat(kExampleRoot, "/",
                                              op.first.empty() ? "ai.onnx" : op.first, "/",
                                              op.second, ".txt");
        missing[file].push_back(VersionText(*schema, versions));
      }
    }
  }
  int missing_count = 0;
  for (const auto& [file, list] : missing) {
    missing_count += static_cast<int>(list.size());
    std::cout << file << ": no example for " << absl::StrJoin(list, ", ") << "\n";
  }
  std::cout << (total - missing_count) << " of " << total
            << " schema versions of the slice's ops have an example\n";
  EXPECT_EQ(missing_count, 0) << missing_count
                              << " op versions have no example; the list is above";
}

}  // namespace
}  // namespace onnxforge::examples
