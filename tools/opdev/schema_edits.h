// Edits of the schema files: a new op's skeleton, and moving an op's latest
// version to the old file when a new version takes its place.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/schema_sources.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

// onnx_defs/<folder>/defs.cc, or <family>_defs.cc when `family` is set.
std::string LatestFileFor(const std::string& folder, const std::string& family);

// Appends the skeleton of op-`version` to `file`: one input X, one output Y
// of the same float type and shape, no doc yet. With `function`, a body
// placeholder too.
absl::Status AppendSchemaSkeleton(Workspace& ws, const std::string& file,
                                  const DomainInfo& domain, const std::string& op, int version,
                                  bool function);

// Replaces `latest` (read from its defs file) by a copy numbered
// `new_version`, and puts `latest` in the paired old file before the op's
// other versions (newest first).
absl::Status MoveToOldAndCopy(Workspace& ws, const SchemaBlock& latest, int new_version);

}  // namespace onnxforge::opdev
