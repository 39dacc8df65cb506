#include "tools/opdev/opset_ranges.h"

#include <regex>

#include "absl/strings/str_cat.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

const std::regex& RangeEntry() {
  static const std::regex* re = new std::regex(
      R"(\{\s*(k\w+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\})");
  return *re;
}

const DomainInfo* DomainByConstant(const std::string& constant) {
  for (const DomainInfo& d : Domains()) {
    if (d.range_constant == constant) return &d;
  }
  return nullptr;
}

}  // namespace

absl::StatusOr<std::vector<OpsetRange>> ReadSchemaRanges(Workspace& ws) {
  absl::StatusOr<std::string> text = ws.Read(kSchemaHeader);
  if (!text.ok()) return text.status();
  const std::vector<std::string> lines = Lines(*text);
  std::vector<OpsetRange> ranges;
  bool inside = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find("kDomainOpsetRanges[] = {") != std::string::npos) {
      inside = true;
      continue;
    }
    if (!inside) continue;
    if (lines[i].find("};") != std::string::npos) break;
    std::smatch m;
    if (!std::regex_search(lines[i], m, RangeEntry())) continue;
    const DomainInfo* domain = DomainByConstant(m[1]);
    if (domain == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(kSchemaHeader, ":", i + 1, ": ",
                                                     std::string(m[1]),
                                                     " is not a known domain constant"));
    }
    ranges.push_back({domain, std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]),
                      static_cast<int>(i) + 1});
  }
  if (ranges.empty()) {
    return absl::NotFoundError(absl::StrCat(
        kSchemaHeader, ": no entries '{kDomain, min, max, last_release}' in kDomainOpsetRanges"));
  }
  return ranges;
}

absl::StatusOr<OpsetRange> SchemaRangeOf(Workspace& ws, const DomainInfo& domain) {
  absl::StatusOr<std::vector<OpsetRange>> ranges = ReadSchemaRanges(ws);
  if (!ranges.ok()) return ranges.status();
  for (const OpsetRange& r : *ranges) {
    if (r.domain == &domain) return r;
  }
  return absl::NotFoundError(absl::StrCat(kSchemaHeader, ": kDomainOpsetRanges has no entry for ",
                                          domain.display, " (", domain.range_constant, ")"));
}

absl::Status SetMaxVersion(Workspace& ws, const DomainInfo& domain, int max_version) {
  absl::StatusOr<OpsetRange> range = SchemaRangeOf(ws, domain);
  if (!range.ok()) return range.status();
  absl::StatusOr<std::string*> text = ws.Edit(kSchemaHeader);
  if (!text.ok()) return text.status();
  const size_t start = LineStart(**text, range->line);
  const size_t end = LineEnd(**text, start);
  std::string line = (*text)->substr(start, end - start);
  line = std::regex_replace(
      line, RangeEntry(),
      absl::StrCat("{", domain.range_constant, ", ", range->min_version, ", ", max_version, ", ",
                   range->last_release, "}"));
  (*text)->replace(start, end - start, line);
  return absl::OkStatus();
}

std::string OpsetRangeBzl(const std::vector<OpsetRange>& ranges) {
  std::string out =
      "# Each domain's opset range as (first, last): a copy of kDomainOpsetRanges in\n"
      "# onnx_defs/schema.h for Bazel, which cannot read C++. `opdev bump` rewrites it\n"
      "# when it opens an opset and `opdev lint` checks that the two agree;\n"
      "# tests/opsets/opsets.bzl makes one test target per opset from it.\n"
      "OPSET_RANGES = {\n";
  for (const OpsetRange& r : ranges) {
    absl::StrAppend(&out, "    \"", r.domain->display, "\": (", r.min_version, ", ",
                    r.max_version, "),\n");
  }
  absl::StrAppend(&out, "}\n");
  return out;
}

absl::StatusOr<std::vector<OpsetRange>> ReadOpsetRangeBzl(Workspace& ws) {
  static const std::regex kEntry(R"re(^\s*"([\w.]+)"\s*:\s*\(\s*(\d+)\s*,\s*(\d+)\s*\),?\s*$)re");
  absl::StatusOr<std::string> text = ws.Read(kOpsetRangeBzl);
  if (!text.ok()) return text.status();
  const std::vector<std::string> lines = Lines(*text);
  std::vector<OpsetRange> ranges;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_search(lines[i], m, kEntry)) continue;
    const DomainInfo* domain = DomainByName(std::string(m[1]));
    if (domain == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(kOpsetRangeBzl, ":", i + 1, ": '",
                                                     std::string(m[1]),
                                                     "' is not a known domain"));
    }
    ranges.push_back({domain, std::stoi(m[2]), std::stoi(m[3]), 0, static_cast<int>(i) + 1});
  }
  return ranges;
}

absl::Status WriteOpsetRangeBzl(Workspace& ws) {
  absl::StatusOr<std::vector<OpsetRange>> ranges = ReadSchemaRanges(ws);
  if (!ranges.ok()) return ranges.status();
  ws.Write(kOpsetRangeBzl, OpsetRangeBzl(*ranges));
  return absl::OkStatus();
}

int OpenOpset(const OpsetRange& range) {
  return range.max_version > range.last_release ? range.max_version : range.max_version + 1;
}

}  // namespace onnxforge::opdev
