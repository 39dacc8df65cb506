#include "tools/gen_doc/doc_names.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace onnxforge::gen_doc {

std::string DomainName(const std::string& domain) {
  return domain.empty() ? std::string(kOnnxDomainAlias) : domain;
}

std::string OpAnchor(const std::string& domain, const std::string& op) {
  return domain.empty() ? op : absl::StrCat(domain, ".", op);
}

std::string VersionAnchor(const OpSchema& schema) {
  return absl::StrCat(OpAnchor(schema.domain(), schema.name()), "-", schema.since_version());
}

std::string VersionLabel(const OpSchema& schema) {
  return absl::StrCat(schema.name(), "-", schema.since_version());
}

std::vector<DocGroup> DocGroups() {
  DocGroup main{"", {}};
  DocGroup ml{"-ml", {}};
  for (const DomainOpsetRange& range : kDomainOpsetRanges) {
    const std::string domain(CanonicalDomain(range.domain));
    (domain == kMlDomain ? ml : main).domains.push_back(domain);
  }
  // "" sorts first, so ai.onnx leads its group.
  std::sort(main.domains.begin(), main.domains.end());
  std::sort(ml.domains.begin(), ml.domains.end());
  return {main, ml};
}

}  // namespace onnxforge::gen_doc
