// opdev lint: the rules that keep the operator sources complete and in
// step, each finding naming the file and line to fix.
//
//  - every schema version is registered once, by the opset class that
//    introduced it; defs files hold only each op's latest version, old
//    files only earlier ones, newest first;
//  - schema.h's opset range of each domain holds every since_version and
//    matches the opset classes and tests/opsets/opset_range.bzl;
//  - every version has a doc, type and shape inference, a reference kernel
//    or a function body, and an example test;
//  - every version change has an upgrade and a downgrade adapter (or a
//    refusal) in version_converter/convert.h, when that file exists;
//  - no TODO(opdev) line that opdev left for a person remains.
//
// The rules read the sources as text, so they work on any copy of the
// workspace. Some facts only the compiled registries know (inference
// functions, bodies set by helpers); with `use_registry`, the lint also
// checks the schema and kernel registries linked into this binary, which
// must be built from the same sources.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

struct Finding {
  std::string file;  // relative to the workspace root
  int line = 0;
  std::string message;
};

// "file:line: message".
std::string FormatFinding(const Finding& finding);

struct LintOptions {
  bool use_registry = true;
};

struct LintResult {
  std::vector<Finding> findings;  // sorted by file and line
  int schema_versions = 0;
  int ops = 0;
  int examples = 0;
  int kernels = 0;
  int adapter_lines = 0;  // 0 when the workspace has no convert.h
};

absl::StatusOr<LintResult> Lint(Workspace& ws, const LintOptions& options);

}  // namespace onnxforge::opdev
