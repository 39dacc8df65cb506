// Example-test stubs in tests/examples/<domain>/<Op>.txt for the op
// versions opdev adds. A stub carries a TODO(opdev) line, which the lint
// reports until a person has checked or written the example.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

// tests/examples/<domain>/<Op>.txt
std::string ExampleFileFor(const DomainInfo& domain, const std::string& op);

// Appends an example of a new op whose expected outputs are still to be
// written: the file does not read until they are.
absl::Status AddNewOpExampleStub(Workspace& ws, const DomainInfo& domain, const std::string& op,
                                 int version);

// Appends a copy of the newest example of op-`old_version` that runs at
// opset `new_version`, for the person who bumps the op to check or to
// replace with one that shows the change. Falls back to the new-op stub
// when no example of `old_version` exists. Returns the stub's name.
absl::StatusOr<std::string> AddBumpExampleStub(Workspace& ws, const DomainInfo& domain,
                                               const std::string& op, int old_version,
                                               int new_version);

}  // namespace onnxforge::opdev
