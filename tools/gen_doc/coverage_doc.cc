#include "tools/gen_doc/coverage_doc.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/gen_doc/domain_ops.h"
#include "tools/gen_doc/generated_notice.h"
#include "tools/gen_doc/markdown.h"

namespace onnxforge::gen_doc {
namespace {

constexpr char kExamplesCommand[] = "bazel test //tests/examples:examples_test";

struct Totals {
  int ops = 0;
  int ops_with_example = 0;
  int versions = 0;
  int versions_with_example = 0;
  int examples = 0;
  int backend_tests = 0;

  void Add(const Totals& other) {
    ops += other.ops;
    ops_with_example += other.ops_with_example;
    versions += other.versions;
    versions_with_example += other.versions_with_example;
    examples += other.examples;
    backend_tests += other.backend_tests;
  }
};

// The domain the report's op name belongs to: "ai.onnx.ml.ZipMap" is in
// ai.onnx.ml, a name without a dot in ai.onnx ("").
std::string ReportDomain(const std::string& report_name) {
  const size_t dot = report_name.rfind('.');
  return dot == std::string::npos ? "" : report_name.substr(0, dot);
}

class GroupCoverage {
 public:
  GroupCoverage(const DocGroup& group, const SchemaRegistry& registry, const ExampleIndex& examples,
                const BackendTestCounts& backend)
      : group_(group),
        examples_(examples),
        backend_(backend),
        domains_(GroupOps(group, registry)) {}

  std::string Render() const {
    std::string out = absl::StrCat(
        GeneratedNotice(), "# Test coverage of ", GroupTitle(group_), "\n\n",
        "Two kinds of tests run the operators. Example tests live in `tests/examples/<domain>/"
        "<Op>.txt`: each is a small model with its inputs and hand-checked outputs (or the "
        "error it must raise), run by `",
        kExamplesCommand, "` and shown in ", Link(group_.OperatorsFile(), group_.OperatorsFile()),
        ". An example runs the operator version in force at the opset its model imports. "
        "ONNX's backend node tests are counted under the operator each is about, as ",
        Link("the conformance report", "../tests/conformance/report.md"),
        " counts them; the report also says which of them pass.\n\n", DomainIndex(domains_), "\n",
        TotalsTable(), "\n");
    for (const DomainOps& domain : domains_) out += OneDomain(domain);
    out += BackendWithoutSchema();
    out += ExamplesWithoutSchema();
    return out;
  }

 private:
  bool InGroup(const std::string& domain) const {
    return std::find(group_.domains.begin(), group_.domains.end(), domain) != group_.domains.end();
  }

  int BackendTests(const std::string& domain, const std::string& op) const {
    auto it = backend_.find(OpAnchor(domain, op));
    return it == backend_.end() ? 0 : it->second;
  }

  Totals DomainTotals(const DomainOps& domain) const {
    Totals totals;
    for (const std::vector<const OpSchema*>& versions : domain.ops) {
      const OpSchema& newest = *versions.back();
      const int examples = static_cast<int>(examples_.For(newest.domain(), newest.name()).size());
      const std::set<int> covered = examples_.CoveredVersions(newest.domain(), newest.name());
      ++totals.ops;
      if (examples > 0) ++totals.ops_with_example;
      totals.versions += static_cast<int>(versions.size());
      for (const OpSchema* version : versions) {
        if (covered.count(version->since_version()) > 0) ++totals.versions_with_example;
      }
      totals.examples += examples;
    }
    // Every backend test about an op of the domain, with a schema or not.
    for (const auto& [name, tests] : backend_) {
      if (ReportDomain(name) == domain.domain) totals.backend_tests += tests;
    }
    return totals;
  }

  static std::string TotalsRow(const std::string& label, const Totals& totals) {
    return absl::StrCat("| ", label, " | ", totals.ops, " | ", totals.ops_with_example, " | ",
                        totals.versions, " | ", totals.versions_with_example, " | ",
                        totals.examples, " | ", totals.backend_tests, " |\n");
  }

  std::string TotalsTable() const {
    std::string out =
        "| Domain | Operators | with an example | Versions | with an example | Example tests | "
        "Backend node tests |\n"
        "|---|---:|---:|---:|---:|---:|---:|\n";
    Totals all;
    for (const DomainOps& domain : domains_) {
      const Totals totals = DomainTotals(domain);
      all.Add(totals);
      out += TotalsRow(Link(DomainName(domain.domain), "#" + DomainAnchor(domain.domain)), totals);
    }
    if (domains_.size() > 1) out += TotalsRow("all", all);
    return out;
  }

  std::string VersionList(const std::vector<const OpSchema*>& versions,
                          const std::set<int>* only) const {
    std::vector<std::string> items;
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
      if (only != nullptr && only->count((*it)->since_version()) == 0) continue;
      items.push_back(Link(absl::StrCat((*it)->since_version()),
                           absl::StrCat(group_.ChangelogFile(), "#", VersionAnchor(**it))));
    }
    return absl::StrJoin(items, ", ");
  }

  std::string OpLink(const OpSchema& schema) const {
    return Link(schema.name(), absl::StrCat(group_.OperatorsFile(), "#",
                                            OpAnchor(schema.domain(), schema.name())));
  }

  std::string OneDomain(const DomainOps& domain) const {
    std::string out = absl::StrCat(DomainHeading(domain), OpCountLine(domain));
    if (domain.ops.empty()) return out;
    out +=
        "| Operator | Versions | Example tests | Versions the examples run | Backend node tests "
        "|\n"
        "|---|---|---:|---|---:|\n";
    std::vector<std::string> without_any;
    std::vector<std::string> partly;
    for (const std::vector<const OpSchema*>& versions : domain.ops) {
      const OpSchema& newest = *versions.back();
      const size_t examples = examples_.For(newest.domain(), newest.name()).size();
      std::set<int> covered = examples_.CoveredVersions(newest.domain(), newest.name());
      std::set<int> missing;
      for (const OpSchema* version : versions) {
        if (covered.count(version->since_version()) == 0) {
          missing.insert(version->since_version());
        }
      }
      const std::string covered_text = covered.empty() ? "none" : VersionList(versions, &covered);
      absl::StrAppend(&out, "| ", OpLink(newest), " | ", VersionList(versions, nullptr), " | ",
                      examples, " | ", covered_text, " | ",
                      BackendTests(newest.domain(), newest.name()), " |\n");
      if (examples == 0) {
        without_any.push_back(OpLink(newest));
      } else if (!missing.empty()) {
        partly.push_back(absl::StrCat("- ", OpLink(newest), ": ", VersionList(versions, &missing)));
      }
    }
    out += "\n";
    out += Heading(
        3, absl::StrCat("Operators of ", DomainName(domain.domain), " without any example"));
    out += without_any.empty() ? "None: every operator has at least one example.\n\n"
                               : absl::StrCat(absl::StrJoin(without_any, ", "), "\n\n");
    out += Heading(3, absl::StrCat("Versions no example runs, among operators of ",
                                   DomainName(domain.domain), " with examples"));
    out += partly.empty() ? "None.\n\n" : absl::StrCat(absl::StrJoin(partly, "\n"), "\n\n");
    return out;
  }

  // Backend tests about ops of the group's domains that have no schema yet.
  std::string BackendWithoutSchema() const {
    std::string rows;
    for (const auto& [name, tests] : backend_) {
      const std::string domain = ReportDomain(name);
      if (!InGroup(domain)) continue;
      const std::string op = domain.empty() ? name : name.substr(domain.size() + 1);
      bool known = false;
      for (const DomainOps& entry : domains_) {
        if (entry.domain != domain) continue;
        for (const std::vector<const OpSchema*>& versions : entry.ops) {
          if (versions.back()->name() == op) known = true;
        }
      }
      if (!known) absl::StrAppend(&rows, "| ", name, " | ", tests, " |\n");
    }
    if (rows.empty()) return "";
    return absl::StrCat(Heading(2, "Backend node tests about operators without a schema"),
                        "These operators have backend node tests but no schema yet.\n\n",
                        "| Operator | Backend node tests |\n|---|---:|\n", rows, "\n");
  }

  std::string ExamplesWithoutSchema() const {
    std::string rows;
    for (const ExampleIndex::FileWithoutSchema& entry : examples_.FilesWithoutSchema()) {
      if (!InGroup(entry.domain)) continue;
      absl::StrAppend(&rows, "| ", Code(entry.file), " | ", entry.examples, " |\n");
    }
    if (rows.empty()) return "";
    return absl::StrCat(Heading(2, "Example files for operators without a schema"),
                        "| File | Example tests |\n|---|---:|\n", rows, "\n");
  }

  const DocGroup& group_;
  const ExampleIndex& examples_;
  const BackendTestCounts& backend_;
  const std::vector<DomainOps> domains_;
};

}  // namespace

std::string CoverageDoc(const DocGroup& group, const SchemaRegistry& registry,
                        const ExampleIndex& examples, const BackendTestCounts& backend) {
  return GroupCoverage(group, registry, examples, backend).Render();
}

}  // namespace onnxforge::gen_doc
