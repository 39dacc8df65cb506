// Each domain's opset range: kDomainOpsetRanges in onnx_defs/schema.h (the
// source of truth) and its copy for Bazel in tests/opsets/opset_range.bzl,
// from which the per-opset test targets are made at load time.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

inline constexpr char kSchemaHeader[] = "onnx_defs/schema.h";
inline constexpr char kOpsetRangeBzl[] = "tests/opsets/opset_range.bzl";

struct OpsetRange {
  const DomainInfo* domain = nullptr;
  int min_version = 0;
  int max_version = 0;
  int last_release = 0;
  int line = 0;  // in the file it was read from
};

// The entries of kDomainOpsetRanges, in order.
absl::StatusOr<std::vector<OpsetRange>> ReadSchemaRanges(Workspace& ws);

// The range of `domain` in schema.h; an error naming the file when absent.
absl::StatusOr<OpsetRange> SchemaRangeOf(Workspace& ws, const DomainInfo& domain);

// Sets max_version of `domain` in schema.h.
absl::Status SetMaxVersion(Workspace& ws, const DomainInfo& domain, int max_version);

// The text of opset_range.bzl for these ranges.
std::string OpsetRangeBzl(const std::vector<OpsetRange>& ranges);

// The ranges opset_range.bzl states (last_release is not in it).
absl::StatusOr<std::vector<OpsetRange>> ReadOpsetRangeBzl(Workspace& ws);

// Rewrites opset_range.bzl from schema.h.
absl::Status WriteOpsetRangeBzl(Workspace& ws);

// The opset a change to `domain` goes into: the newest one when it is still
// open (above last_release), else the one after it.
int OpenOpset(const OpsetRange& range);

}  // namespace onnxforge::opdev
