// The ONNXFORGE_KERNEL lines of the reference evaluator, read and edited as
// text: which schema versions each kernel covers.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

struct KernelLine {
  const DomainInfo* domain = nullptr;  // nullptr for an unknown tag
  std::string tag;
  std::string op;
  int first = 0;
  int last = 0;
  std::string file;
  int line = 0;
};

// Every kernel under reference/ (tests excluded), in file order.
absl::StatusOr<std::vector<KernelLine>> ScanKernels(Workspace& ws);

// Rewrites the kernel's ONNXFORGE_KERNEL line to end at `last`.
absl::Status SetKernelLast(Workspace& ws, const KernelLine& kernel, int last);

// The kernel file of a schema folder: reference/ops/<folder>.cc.
std::string KernelFileFor(const std::string& folder);

// Appends a kernel for op-`version` to the folder's kernel file (created
// when missing) that fails with "not implemented" until it is written.
absl::Status AddKernelStub(Workspace& ws, const std::string& folder, const DomainInfo& domain,
                           const std::string& op, int version);

}  // namespace onnxforge::opdev
