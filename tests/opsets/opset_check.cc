// The check behind each per-opset test (//tests/opsets:opset_N,
// ml_opset_N, ...): at one opset of one domain,
//
//  1. every op resolves to the version the opset classes of
//     onnx_defs/operator_sets*.h say is in force there (the newest one
//     registered by a class at or below the opset), and an op no class
//     registers by then resolves to nothing;
//  2. every example test whose ops of the domain resolve at the opset to
//     the versions they resolve to at the example's own opset passes when
//     its model imports the opset instead;
//  3. for ai.onnx and ai.onnx.ml, the opset's column of the cross-opset
//     matrix: every backend test of the slice converted to the opset gives
//     the outcome tests/opsets/matrix.md records for that cell (a pass, or
//     a refusal for a recorded reason). The other domains have no column:
//     no backend test of the slice imports them.
//
// It ends with a one-line summary:
//   opset 14: 121 examples pass; backend tests converted to 14: 460 pass, 154 refused as recorded
//
//   opset_check --domain=ai.onnx --opset=14
#include <algorithm>
#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "onnx_defs/operator_sets.h"
#include "onnx_defs/operator_sets_ml.h"
#include "onnx_defs/operator_sets_preview.h"
#include "onnx_defs/operator_sets_training.h"
#include "onnx_defs/schema.h"
#include "tests/examples/op_usage.h"
#include "tests/examples/runner.h"
#include "tests/opsets/matrix/matrix.h"
#include "tests/opsets/matrix/matrix_report.h"
#include "tests/opsets/matrix/recorded.h"

ABSL_FLAG(std::string, domain, "ai.onnx", "the domain whose opset to check");
ABSL_FLAG(int, opset, 0, "the opset to check");
ABSL_FLAG(std::string, examples_dir, "tests/examples", "the example tests");
ABSL_FLAG(std::string, matrix_report, onnxforge::opset_matrix::kMatrixPath,
          "the recorded cross-opset matrix");

namespace onnxforge {
namespace {

// op -> the since_version the opset classes put in force at `opset`.
using InForce = std::map<std::string, int>;

template <typename Classes>
InForce FromClasses(int opset) {
  InForce in_force;
  Classes::ForEachSchema([&](OpSchema&& schema, int class_version) {
    if (class_version > opset) return;
    int& version = in_force[schema.name()];
    version = std::max(version, class_version);
  });
  return in_force;
}

bool ClassesOf(std::string_view domain, int opset, InForce& out) {
  if (domain == kOnnxDomain) out = FromClasses<OnnxOpsetClasses>(opset);
  else if (domain == kMlDomain) out = FromClasses<OnnxMlOpsetClasses>(opset);
  else if (domain == kTrainingDomain) out = FromClasses<OnnxTrainingOpsetClasses>(opset);
  else if (domain == kPreviewDomain) out = FromClasses<OnnxPreviewOpsetClasses>(opset);
  else if (domain == kPreviewTrainingDomain) out = FromClasses<OnnxPreviewTrainingOpsetClasses>(opset);
  else return false;
  return true;
}

// Part 1; returns the number of failures.
int CheckResolution(const std::string& domain, const std::string& display, int opset) {
  InForce expected;
  ClassesOf(domain, opset, expected);
  const SchemaRegistry& registry = SchemaRegistry::Instance();
  std::set<std::string> ops;
  for (const auto& [op_domain, op] : registry.Ops()) {
    if (op_domain == domain) ops.insert(op);
  }
  for (const auto& [op, version] : expected) ops.insert(op);

  int failures = 0;
  int resolved = 0;
  for (const std::string& op : ops) {
    const OpSchema* schema = registry.Lookup(op, opset, domain);
    auto it = expected.find(op);
    const int want = it == expected.end() ? 0 : it->second;
    const int got = schema == nullptr ? 0 : schema->since_version();
    if (want != got) {
      ++failures;
      std::cout << "FAIL " << display << " opset " << opset << ": " << op << " resolves to "
                << (got == 0 ? std::string("nothing") : absl::StrCat(op, "-", got))
                << " but the opset classes put "
                << (want == 0 ? std::string("no version") : absl::StrCat(op, "-", want))
                << " in force\n";
    } else if (got != 0) {
      ++resolved;
    }
  }
  std::cout << display << " opset " << opset << ": " << resolved << " ops resolve, " << failures
            << " resolve wrongly\n";
  return failures;
}

// The model of `example` importing `opset` for `domain`, in its functions too.
examples::Example AtOpset(const examples::Example& example, const std::string& domain,
                          int opset) {
  examples::Example moved = example;
  for (auto& import : *moved.model.mutable_opset_import()) {
    if (CanonicalDomain(import.domain()) == domain) import.set_version(opset);
  }
  for (auto& function : *moved.model.mutable_functions()) {
    for (auto& import : *function.mutable_opset_import()) {
      if (CanonicalDomain(import.domain()) == domain) import.set_version(opset);
    }
  }
  return moved;
}

// Whether every op of `domain` in the example means at `opset` what it
// means where the example runs: the same schema version.
bool MeansTheSame(const examples::Example& example, const std::string& domain, int opset) {
  const SchemaRegistry& registry = SchemaRegistry::Instance();
  bool uses_domain = false;
  for (const testing::OpUse& use : testing::ModelOpUses(example.model)) {
    if (use.op.first != domain) continue;
    uses_domain = true;
    const OpSchema* here = registry.Lookup(use.op.second, use.opset, domain);
    const OpSchema* there = registry.Lookup(use.op.second, opset, domain);
    if (here == nullptr || here != there) return false;
  }
  return uses_domain;
}

struct PartCounts {
  int failures = 0;
  std::string summary;  // this part's share of the closing line
};

// Part 2.
PartCounts CheckExamples(const std::string& domain, const std::string& display, int opset) {
  const examples::ExampleSet set = examples::ReadExampleTree(absl::GetFlag(FLAGS_examples_dir));
  int failures = 0;
  for (const std::string& error : set.errors) {
    std::cout << "FAIL " << error << "\n";
    ++failures;
  }
  int run = 0;
  int moved = 0;
  int passed = 0;
  for (const examples::Example& example : set.examples) {
    if (!MeansTheSame(example, domain, opset)) continue;
    ++run;
    if (testing::ImportedOpset(example.model, domain) != opset) ++moved;
    const examples::ExampleOutcome outcome = examples::RunExample(AtOpset(example, domain, opset));
    if (outcome.passed) {
      ++passed;
    } else {
      ++failures;
      std::cout << "FAIL " << example.file << ":" << example.line << ": example '" << example.name
                << "' at " << display << " opset " << opset << ": " << outcome.message << "\n";
    }
  }
  std::cout << display << " opset " << opset << ": " << run << " examples hold here ("
            << moved << " moved from their own opset), " << failures << " fail\n";
  std::string summary = absl::StrCat(passed, " examples pass");
  if (failures > 0) absl::StrAppend(&summary, ", ", failures, " fail");
  return {failures, summary};
}

// The matrix's name for `domain`, or false when the matrix has no table
// for it.
bool MatrixDomain(const std::string& domain, std::string& out) {
  if (domain != kOnnxDomain && domain != kMlDomain) return false;
  out = domain;
  return true;
}

// Part 3.
PartCounts CheckMatrixColumn(const std::string& domain, const std::string& display, int opset) {
  std::string matrix_domain;
  if (!MatrixDomain(domain, matrix_domain)) {
    std::cout << display << " opset " << opset << ": no backend test of the slice imports "
              << display << ", so it has no column in the cross-opset matrix\n";
    return {0, "no backend tests of the slice use this domain, so no matrix column"};
  }
  const std::string converted = absl::StrCat("backend tests converted to ", opset);
  absl::StatusOr<conformance::SuiteOptions> options = conformance::SharedDataOptions();
  if (!options.ok()) {
    std::cout << display << " opset " << opset << ": " << converted
              << " skipped: " << options.status().message() << "\n";
    return {0, absl::StrCat(converted, ": skipped, no shared test data")};
  }
  // matrix.md is of ONNX 1.22's suite; other test data can only be held
  // to having no failing cell.
  const bool compare = absl::StrContains(options->root, "onnx-backend-v1.22");
  const std::string report = absl::GetFlag(FLAGS_matrix_report);
  absl::StatusOr<opset_matrix::RecordedMatrix> recorded;
  if (compare) {
    recorded = opset_matrix::ReadRecordedMatrix(report);
    if (!recorded.ok()) {
      std::cout << "FAIL " << recorded.status().message() << "\n";
      return {1, absl::StrCat(converted, ": ", report, " unreadable")};
    }
  }

  const int threads = std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<opset_matrix::Matrix> column =
      opset_matrix::ComputeColumn(*options, matrix_domain, opset, threads);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  if (!column.ok()) {
    std::cout << "FAIL " << converted << ": " << column.status().message() << "\n";
    return {1, absl::StrCat(converted, ": could not be computed")};
  }

  opset_matrix::ColumnCheck check;
  if (compare) {
    check = opset_matrix::CheckColumn(*column, *recorded);
  } else {
    check.problems = column->load_errors;
    for (const opset_matrix::MatrixRow& row : column->tables[0].rows) {
      const opset_matrix::CellResult& cell = row.cells[0];
      if (cell.outcome == opset_matrix::CellOutcome::kPassed) ++check.passed;
      if (cell.outcome == opset_matrix::CellOutcome::kRefused) ++check.refused;
      if (cell.outcome != opset_matrix::CellOutcome::kFailed) continue;
      check.problems.push_back(
          absl::StrCat(row.test, ", ", display, " ", row.own_opset, " to ", opset, ": failed in ",
                       opset_matrix::StageName(cell.stage), ": ", cell.reason));
    }
  }
  for (const std::string& problem : check.problems) std::cout << "FAIL " << problem << "\n";
  std::cout << display << " opset " << opset << ": " << column->tables[0].rows.size() << " "
            << converted << " in " << took.count() << " s: " << check.passed << " pass, "
            << check.refused << " refused, " << check.problems.size() << " "
            << (compare ? "not as recorded" : "fail") << "\n";
  if (!compare) {
    std::cout << display << " opset " << opset << ": " << options->root
              << " is not ONNX 1.22's suite, so the column is not held to "
              << opset_matrix::kMatrixPath << "\n";
  }
  std::string summary = absl::StrCat(converted, ": ", check.passed, " pass, ", check.refused,
                                     " refused ", compare ? "as recorded" : "(not compared)");
  if (!check.problems.empty()) {
    absl::StrAppend(&summary, ", ", check.problems.size(), " not as ", opset_matrix::kMatrixPath,
                    " records (if meant, rewrite it with ", opset_matrix::kMatrixCommand, ")");
  }
  return {static_cast<int>(check.problems.size()), summary};
}

int Run() {
  const std::string display = absl::GetFlag(FLAGS_domain);
  const std::string domain(CanonicalDomain(display));
  const int opset = absl::GetFlag(FLAGS_opset);
  const DomainOpsetRange* range = FindDomainOpsetRange(domain);
  InForce unused;
  if (range == nullptr || !ClassesOf(domain, opset, unused)) {
    std::cout << "FAIL unknown domain '" << display << "'\n";
    return 1;
  }
  if (opset < range->min_version || opset > range->max_version) {
    std::cout << "FAIL opset " << opset << " is outside " << display << "'s range "
              << range->min_version << ".." << range->max_version
              << " in onnx_defs/schema.h; tests/opsets/opset_range.bzl is stale (opdev "
                 "sync-ranges rewrites it)\n";
    return 1;
  }
  const int resolution = CheckResolution(domain, display, opset);
  const PartCounts examples = CheckExamples(domain, display, opset);
  const PartCounts column = CheckMatrixColumn(domain, display, opset);
  const std::string who = domain == kOnnxDomain ? absl::StrCat("opset ", opset)
                                                : absl::StrCat(display, " opset ", opset);
  std::string resolved;
  if (resolution > 0) resolved = absl::StrCat(resolution, " ops resolve wrongly; ");
  std::cout << who << ": " << resolved << examples.summary << "; " << column.summary << "\n";
  const int failures = resolution + examples.failures + column.failures;
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace onnxforge

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return onnxforge::Run();
}
