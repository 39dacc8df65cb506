#include "tools/gen_doc/operators_doc.h"

#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/gen_doc/domain_ops.h"
#include "tools/gen_doc/generated_notice.h"
#include "tools/gen_doc/markdown.h"
#include "tools/gen_doc/schema_section.h"
#include "tools/gen_doc/schema_text.h"

namespace onnxforge::gen_doc {
namespace {

constexpr int kOpLevel = 3;
constexpr int kPartLevel = 4;
constexpr int kExampleLevel = 5;

// "[14](Changelog.md#Relu-14), [6](Changelog.md#Relu-6)" for `versions`,
// newest first.
std::string VersionLinksNewestFirst(const std::vector<const OpSchema*>& versions,
                                    const VersionLinks& links) {
  std::vector<std::string> items;
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    items.push_back(links.To(**it, absl::StrCat((*it)->since_version())));
  }
  return absl::StrJoin(items, ", ");
}

std::string Notes(const OpSchema& newest) {
  std::vector<std::string> notes;
  if (newest.deprecated()) notes.push_back("deprecated");
  if (newest.support_level() == SupportLevel::kExperimental) notes.push_back("experimental");
  if (newest.has_function()) notes.push_back("function");
  if (newest.has_context_dependent_function()) notes.push_back("function built per node");
  return absl::StrJoin(notes, ", ");
}

std::string OpTable(const std::vector<std::vector<const OpSchema*>>& ops,
                    const VersionLinks& links) {
  std::string out =
      "| Operator | Versions, newest first | Notes |\n"
      "|---|---|---|\n";
  for (const std::vector<const OpSchema*>& versions : ops) {
    const OpSchema& newest = *versions.back();
    absl::StrAppend(&out, "| ", Link(newest.name(), "#" + OpAnchor(newest.domain(), newest.name())),
                    " | ", VersionLinksNewestFirst(versions, links), " | ", Notes(newest), " |\n");
  }
  return out + "\n";
}

std::string VersionLine(const std::vector<const OpSchema*>& versions, const VersionLinks& links) {
  const OpSchema& newest = *versions.back();
  std::string line = absl::StrCat("Newest version: ", links.To(newest, VersionLabel(newest)),
                                  ", in force ", InForceText(newest, versions), ".");
  if (versions.size() == 1) return line + " It has no earlier version.\n\n";
  const std::vector<const OpSchema*> earlier(versions.begin(), versions.end() - 1);
  return absl::StrCat(line, " Earlier versions: ", VersionLinksNewestFirst(earlier, links),
                      ".\n\n");
}

std::string OneExample(const IndexedExample& indexed, const VersionLinks& links) {
  const examples::Example& example = *indexed.example;
  std::string out = Heading(kExampleLevel, example.name);
  const std::string domain = DomainName(std::string(CanonicalDomain(example.domain)));
  if (indexed.schema != nullptr) {
    absl::StrAppend(&out, "Runs at opset ", indexed.opset, " of ", domain, ", where ",
                    links.To(*indexed.schema, VersionLabel(*indexed.schema)), " is in force.\n\n");
  } else {
    absl::StrAppend(&out, "Imports opset ", indexed.opset, " of ", domain,
                    ", where no version of the operator is in force.\n\n");
  }
  if (!example.description.empty()) {
    absl::StrAppend(&out, absl::StrJoin(example.description, "\n"), "\n\n");
  }
  absl::StrAppend(&out, "Model:\n\n", CodeBlock(example.model_text), "\n");
  absl::StrAppend(&out, "Inputs:\n\n", CodeBlock(example.inputs_text), "\n");
  if (example.expects_error) {
    absl::StrAppend(&out, "Expected to fail with an error that contains:\n\n",
                    CodeBlock(example.expected_error), "\n");
  } else {
    absl::StrAppend(&out, "Expected outputs:\n\n", CodeBlock(example.outputs_text), "\n");
  }
  return out;
}

std::string Examples(const OpSchema& newest, const ExampleIndex& index, const VersionLinks& links) {
  std::string out = Heading(kPartLevel, "Examples");
  const std::vector<IndexedExample>& examples = index.For(newest.domain(), newest.name());
  if (examples.empty()) return out + "No example test yet.\n\n";
  const std::set<int> covered = index.CoveredVersions(newest.domain(), newest.name());
  std::vector<std::string> versions;
  for (auto it = covered.rbegin(); it != covered.rend(); ++it) {
    versions.push_back(absl::StrCat(*it));
  }
  const std::string count =
      examples.size() == 1 ? "One example test" : absl::StrCat(examples.size(), " example tests");
  const std::string runs =
      versions.empty() ? "none of them runs a version of the operator"
                       : absl::StrCat("together they run versions ", absl::StrJoin(versions, ", "));
  absl::StrAppend(&out, count, ", from ", Code(examples.front().example->file), "; ", runs,
                  ".\n\n");
  for (const IndexedExample& indexed : examples) out += OneExample(indexed, links);
  return out;
}

std::string OneOperator(const std::vector<const OpSchema*>& versions, const ExampleIndex& index,
                        const VersionLinks& links) {
  const OpSchema& newest = *versions.back();
  return absl::StrCat(
      Heading(kOpLevel,
              absl::StrCat(Anchor(OpAnchor(newest.domain(), newest.name())), newest.name())),
      VersionLine(versions, links), DescriptionAndChanges(newest, versions, kPartLevel, links),
      SignatureParts(newest, kPartLevel), Examples(newest, index, links));
}

}  // namespace

std::string OperatorsDoc(const DocGroup& group, const SchemaRegistry& registry,
                         const ExampleIndex& examples) {
  const VersionLinks links{group.ChangelogFile()};
  const std::vector<DomainOps> domains = GroupOps(group, registry);
  std::string out = absl::StrCat(
      GeneratedNotice(), "# Operators of ", GroupTitle(group), "\n\n",
      "Each operator is shown at its newest version: what it computes, what changed from the "
      "version before, its attributes, inputs, outputs and type constraints, its function body "
      "when it has one, and the example tests that run it. Every version, the older ones "
      "included, is described in ",
      Link(group.ChangelogFile(), group.ChangelogFile()), "; ",
      Link(group.CoverageFile(), group.CoverageFile()), " counts the tests of each operator.\n\n",
      "An input or output marked differentiable carries a gradient and one marked not "
      "differentiable does not; where neither is said, the schema leaves it open.\n\n",
      DomainIndex(domains), "\n");
  for (const DomainOps& domain : domains) {
    absl::StrAppend(&out, DomainHeading(domain), OpCountLine(domain));
    if (!domain.ops.empty()) out += OpTable(domain.ops, links);
    for (const std::vector<const OpSchema*>& versions : domain.ops) {
      out += OneOperator(versions, examples, links);
    }
  }
  return out;
}

}  // namespace onnxforge::gen_doc
