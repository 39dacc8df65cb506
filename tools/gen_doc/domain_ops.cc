#include "tools/gen_doc/domain_ops.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/gen_doc/markdown.h"

namespace onnxforge::gen_doc {
namespace {

std::string Count(size_t n, const std::string& singular, const std::string& plural) {
  return absl::StrCat(n, " ", n == 1 ? singular : plural);
}

}  // namespace

int DomainOps::VersionCount() const {
  int count = 0;
  for (const std::vector<const OpSchema*>& versions : ops)
    count += static_cast<int>(versions.size());
  return count;
}

std::vector<DomainOps> GroupOps(const DocGroup& group, const SchemaRegistry& registry) {
  std::vector<DomainOps> out;
  for (const std::string& domain : group.domains) {
    DomainOps entry;
    entry.domain = domain;
    entry.range = FindDomainOpsetRange(domain);
    out.push_back(std::move(entry));
  }
  // All() is sorted by domain, name and since_version.
  for (const OpSchema* schema : registry.All()) {
    for (DomainOps& entry : out) {
      if (entry.domain != schema->domain()) continue;
      if (entry.ops.empty() || entry.ops.back().back()->name() != schema->name()) {
        entry.ops.emplace_back();
      }
      entry.ops.back().push_back(schema);
    }
  }
  return out;
}

std::string GroupTitle(const DocGroup& group) {
  std::vector<std::string> names;
  for (const std::string& domain : group.domains) names.push_back(DomainName(domain));
  if (names.size() < 2) return absl::StrJoin(names, "");
  const std::string last = names.back();
  names.pop_back();
  return absl::StrCat(absl::StrJoin(names, ", "), " and ", last);
}

std::string DomainAnchor(const std::string& domain) {
  return absl::StrCat("domain-", DomainName(domain));
}

std::string DomainHeading(const DomainOps& domain) {
  return Heading(
      2, absl::StrCat(Anchor(DomainAnchor(domain.domain)), "Domain ", DomainName(domain.domain)));
}

std::string DomainIndex(const std::vector<DomainOps>& domains) {
  std::vector<std::string> items;
  for (const DomainOps& domain : domains) {
    items.push_back(absl::StrCat(Link(DomainName(domain.domain), "#" + DomainAnchor(domain.domain)),
                                 " (", Count(domain.ops.size(), "operator", "operators"), ")"));
  }
  return absl::StrCat("Domains: ", absl::StrJoin(items, ", "), ".\n");
}

std::string OpCountLine(const DomainOps& domain) {
  std::string opsets;
  if (domain.range != nullptr) {
    opsets = domain.range->min_version == domain.range->max_version
                 ? absl::StrCat("; the domain has opset ", domain.range->min_version, " only")
                 : absl::StrCat("; the domain's opsets run from ", domain.range->min_version,
                                " to ", domain.range->max_version);
  }
  if (domain.ops.empty()) {
    return absl::StrCat("No operator is defined in this domain yet", opsets, ".\n\n");
  }
  return absl::StrCat(Count(domain.ops.size(), "operator", "operators"), " with ",
                      Count(domain.VersionCount(), "version", "versions"), " in all", opsets,
                      ".\n\n");
}

}  // namespace onnxforge::gen_doc
