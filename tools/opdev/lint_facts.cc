#include "tools/opdev/lint_facts.h"

#include <algorithm>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace onnxforge::opdev {

const SchemaBlock* SourceFacts::Lookup(const std::string& domain, const std::string& op,
                                       int opset) const {
  auto it = ops.find({domain, op});
  if (it == ops.end()) return nullptr;
  const SchemaBlock* found = nullptr;
  for (const SchemaBlock* b : it->second) {
    if (b->version <= opset) found = b;
  }
  return found;
}

const OpsetRange* SourceFacts::RangeOf(const DomainInfo* domain) const {
  for (const OpsetRange& r : ranges) {
    if (r.domain == domain) return &r;
  }
  return nullptr;
}

int SourceFacts::LastOpsetOf(const SchemaBlock& block) const {
  auto it = ops.find({block.domain->domain, block.name});
  if (it != ops.end()) {
    for (const SchemaBlock* b : it->second) {
      if (b->version > block.version) return b->version - 1;
    }
  }
  const OpsetRange* range = RangeOf(block.domain);
  return range != nullptr ? std::max(range->max_version, block.version) : block.version;
}

std::string VersionName(const SchemaBlock& block) {
  return absl::StrCat(block.name, "-", block.version, " (",
                      block.domain != nullptr ? block.domain->display : block.tag, ")");
}

Finding FindingFromMessage(const std::string& text, const std::string& root) {
  std::string message = text;
  const std::string prefix = absl::StrCat(root, "/");
  if (absl::StartsWith(message, prefix)) message = message.substr(prefix.size());
  static const std::regex kLocated(R"(^([^:\s]+):(\d+)(:\d+)?: (.*)$)");
  std::smatch m;
  if (std::regex_match(message, m, kLocated)) {
    return {m[1], std::stoi(m[2]), m[4]};
  }
  return {"", 0, message};
}

absl::StatusOr<SourceFacts> ReadSourceFacts(Workspace& ws) {
  SourceFacts facts;
  absl::StatusOr<std::vector<SchemaBlock>> blocks = ScanSchemaBlocks(ws);
  if (!blocks.ok()) return blocks.status();
  facts.blocks = *std::move(blocks);
  for (const SchemaBlock& b : facts.blocks) {
    if (b.domain == nullptr || b.folder == "pending") continue;
    auto& versions = facts.ops[{b.domain->domain, b.name}];
    const bool seen = std::any_of(versions.begin(), versions.end(),
                                  [&](const SchemaBlock* v) { return v->version == b.version; });
    if (!seen) versions.push_back(&b);
  }
  for (auto& [key, versions] : facts.ops) {
    std::sort(versions.begin(), versions.end(),
              [](const SchemaBlock* a, const SchemaBlock* b) { return a->version < b->version; });
  }

  absl::StatusOr<OpsetSources> opsets = ReadOpsetSources(ws);
  if (!opsets.ok()) return opsets.status();
  facts.opsets = *std::move(opsets);

  absl::StatusOr<std::vector<OpsetRange>> ranges = ReadSchemaRanges(ws);
  if (!ranges.ok()) return ranges.status();
  facts.ranges = *std::move(ranges);

  facts.has_range_bzl = ws.Exists(kOpsetRangeBzl);
  if (facts.has_range_bzl) {
    absl::StatusOr<std::vector<OpsetRange>> bzl = ReadOpsetRangeBzl(ws);
    if (!bzl.ok()) return bzl.status();
    facts.range_bzl = *std::move(bzl);
  }

  absl::StatusOr<std::vector<KernelLine>> kernels = ScanKernels(ws);
  if (!kernels.ok()) return kernels.status();
  facts.kernels = *std::move(kernels);

  facts.examples = examples::ReadExampleTree(absl::StrCat(ws.root(), "/tests/examples"));
  const std::string prefix = absl::StrCat(ws.root(), "/");
  for (examples::Example& e : facts.examples.examples) {
    if (absl::StartsWith(e.file, prefix)) e.file = e.file.substr(prefix.size());
  }
  for (std::string& error : facts.examples.errors) {
    if (absl::StartsWith(error, prefix)) error = error.substr(prefix.size());
  }

  facts.has_adapters = ws.Exists(kConvertHeader);
  if (facts.has_adapters) {
    absl::StatusOr<AdapterSources> adapters = ReadAdapterSources(ws);
    if (!adapters.ok()) return adapters.status();
    facts.adapters = *std::move(adapters);
  }
  return facts;
}

}  // namespace onnxforge::opdev
