// Regenerating the operator docs after an edit: runs the doc generator of
// the workspace (//tools/gen_doc) through Bazel when the workspace has it.
#pragma once

#include <string>

#include "absl/status/status.h"

namespace onnxforge::opdev {

// The bazel command opdev runs: $OPDEV_BAZEL when set (e.g. "bazel
// --output_base=/tmp/ob"), else "bazel".
std::string BazelCommand();

// Runs `bazel run //tools/gen_doc:gen_doc` in `root`; does nothing (and
// says so) when the workspace has no tools/gen_doc.
absl::Status RegenerateDocs(const std::string& root);

}  // namespace onnxforge::opdev
