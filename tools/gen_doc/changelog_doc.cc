#include "tools/gen_doc/changelog_doc.h"

#include <map>
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

constexpr int kOpsetLevel = 3;
constexpr int kVersionLevel = 4;
constexpr int kPartLevel = 5;

// A version with every version of its op, oldest first.
struct VersionEntry {
  const OpSchema* schema;
  const std::vector<const OpSchema*>* versions;
};

std::string OpsetAnchor(const std::string& domain, int opset) {
  return absl::StrCat(DomainName(domain), "-opset-", opset);
}

std::string OneVersion(const VersionEntry& entry, const DocGroup& group) {
  const OpSchema& schema = *entry.schema;
  const VersionLinks here{""};
  std::string out =
      Heading(kVersionLevel, absl::StrCat(Anchor(VersionAnchor(schema)), VersionLabel(schema)));
  absl::StrAppend(&out, "In force ", InForceText(schema, *entry.versions), ".");
  if (const OpSchema* previous = PreviousVersion(schema, *entry.versions)) {
    absl::StrAppend(&out, " Previous version: ", here.To(*previous, VersionLabel(*previous)), ".");
  }
  if (const OpSchema* next = NextVersion(schema, *entry.versions)) {
    absl::StrAppend(&out, " Next version: ", here.To(*next, VersionLabel(*next)), ".");
  } else {
    absl::StrAppend(
        &out, " This is the newest version, also shown in ",
        Link(group.OperatorsFile(),
             absl::StrCat(group.OperatorsFile(), "#", OpAnchor(schema.domain(), schema.name()))),
        ".");
  }
  out += "\n\n";
  return absl::StrCat(out, DescriptionAndChanges(schema, *entry.versions, kPartLevel, here),
                      SignatureParts(schema, kPartLevel));
}

std::string OneOpset(const DomainOps& domain, int opset, const std::vector<VersionEntry>& entries,
                     const DocGroup& group) {
  std::string out =
      Heading(kOpsetLevel, absl::StrCat(Anchor(OpsetAnchor(domain.domain, opset)), "Opset ", opset,
                                        " of ", DomainName(domain.domain)));
  if (domain.range != nullptr && opset > domain.range->last_release) {
    out += "This opset is not released yet: what it holds may still change.\n\n";
  }
  if (entries.empty()) return out + "No operator version starts at this opset.\n\n";
  std::vector<std::string> links;
  for (const VersionEntry& entry : entries) {
    links.push_back(Link(VersionLabel(*entry.schema), "#" + VersionAnchor(*entry.schema)));
  }
  absl::StrAppend(&out,
                  entries.size() == 1 ? "One operator version starts"
                                      : absl::StrCat(entries.size(), " operator versions start"),
                  " at this opset: ", absl::StrJoin(links, ", "), ".\n\n");
  for (const VersionEntry& entry : entries) out += OneVersion(entry, group);
  return out;
}

std::string OneDomain(const DomainOps& domain, const DocGroup& group) {
  std::map<int, std::vector<VersionEntry>> by_opset;
  for (const std::vector<const OpSchema*>& versions : domain.ops) {
    for (const OpSchema* schema : versions) {
      by_opset[schema->since_version()].push_back({schema, &versions});
    }
  }
  std::string out = absl::StrCat(DomainHeading(domain), OpCountLine(domain));
  if (domain.range == nullptr) return out;
  std::vector<std::string> opset_links;
  for (int opset = domain.range->min_version; opset <= domain.range->max_version; ++opset) {
    opset_links.push_back(Link(absl::StrCat(opset), "#" + OpsetAnchor(domain.domain, opset)));
  }
  absl::StrAppend(&out, "Opsets: ", absl::StrJoin(opset_links, ", "), ".\n\n");
  for (int opset = domain.range->min_version; opset <= domain.range->max_version; ++opset) {
    out += OneOpset(domain, opset, by_opset[opset], group);
  }
  return out;
}

}  // namespace

std::string ChangelogDoc(const DocGroup& group, const SchemaRegistry& registry) {
  const std::vector<DomainOps> domains = GroupOps(group, registry);
  std::string out = absl::StrCat(
      GeneratedNotice(), "# Changelog of ", GroupTitle(group), "\n\n",
      "Every version of every operator, under the opset of its domain that introduced it. A "
      "version stays in force until a later opset brings the next one. Each entry lists what "
      "its schema changed from the version before (found by comparing the two schemas; a "
      "change of behaviour alone shows only in the description) and then the whole "
      "signature. ",
      Link(group.OperatorsFile(), group.OperatorsFile()),
      " shows each operator at its newest version with its example tests.\n\n",
      DomainIndex(domains), "\n");
  for (const DomainOps& domain : domains) out += OneDomain(domain, group);
  return out;
}

}  // namespace onnxforge::gen_doc
