// What the lint rules read: every source fact, gathered once.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "tests/examples/runner.h"
#include "tools/opdev/adapter_sources.h"
#include "tools/opdev/kernel_sources.h"
#include "tools/opdev/lint.h"
#include "tools/opdev/opset_ranges.h"
#include "tools/opdev/opset_sources.h"
#include "tools/opdev/schema_sources.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

using Findings = std::vector<Finding>;

struct SourceFacts {
  std::vector<SchemaBlock> blocks;
  // (domain, op) -> the op's blocks, oldest first, one per version (the
  // first definition when a version is defined twice). Known domains only;
  // placeholders in onnx_defs/pending left out.
  std::map<std::pair<std::string, std::string>, std::vector<const SchemaBlock*>> ops;
  OpsetSources opsets;
  std::vector<OpsetRange> ranges;
  bool has_range_bzl = false;
  std::vector<OpsetRange> range_bzl;
  std::vector<KernelLine> kernels;
  examples::ExampleSet examples;  // files relative to the root
  bool has_adapters = false;
  AdapterSources adapters;

  // The version of (domain, op) in force at `opset`, or nullptr.
  const SchemaBlock* Lookup(const std::string& domain, const std::string& op, int opset) const;
  // The range of `domain` in schema.h, or nullptr.
  const OpsetRange* RangeOf(const DomainInfo* domain) const;
  // The last opset op-`version` is in force at: the next version's
  // since_version - 1, or the domain's newest opset.
  int LastOpsetOf(const SchemaBlock& block) const;
};

absl::StatusOr<SourceFacts> ReadSourceFacts(Workspace& ws);

// "path:line: message" or "path:line:column: message" as a finding; the
// whole text as the message (at line 0) when it has no location.
Finding FindingFromMessage(const std::string& text, const std::string& root);

// "Relu-14 (ai.onnx)".
std::string VersionName(const SchemaBlock& block);

// The rules, each adding what it finds.
void CheckPlacement(const SourceFacts& facts, Findings& out);
void CheckRegistrations(const SourceFacts& facts, Findings& out);
void CheckRanges(const SourceFacts& facts, Findings& out);
void CheckKernels(const SourceFacts& facts, Findings& out);
void CheckCompleteness(const SourceFacts& facts, bool use_registry, Findings& out);
void CheckCompiledRegistries(const SourceFacts& facts, Findings& out);
void CheckAdapters(const SourceFacts& facts, Findings& out);
void CheckTodos(Workspace& ws, const SourceFacts& facts, Findings& out);

}  // namespace onnxforge::opdev
