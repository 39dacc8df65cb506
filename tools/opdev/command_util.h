// What the editing subcommands share: finding the workspace, writing the
// edits at the end, and reporting.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/opdev/args.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/opset_ranges.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

// The workspace --root names (see Workspace::FindRoot).
absl::StatusOr<Workspace> OpenWorkspace(const Args& args);

// Writes the edits, lists the changed files and `notes`, then regenerates
// the docs unless --no_docs.
absl::Status CommitEdits(Workspace& ws, const Args& args, const std::string& summary,
                         const std::vector<std::string>& notes);

// Opens the opsets of `domain` above range.max_version up to `target`: a
// class each, schema.h's max_version, and opset_range.bzl.
absl::Status OpenOpsetsUpTo(Workspace& ws, const DomainInfo& domain, const OpsetRange& range,
                            int target, std::vector<std::string>& notes);

// Prints "opdev <command>: <message>" and returns 1.
int Fail(const std::string& command, const absl::Status& status);

}  // namespace onnxforge::opdev
