#include "tools/opdev/command_util.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "tools/opdev/docs.h"
#include "tools/opdev/opset_sources.h"

namespace onnxforge::opdev {

absl::StatusOr<Workspace> OpenWorkspace(const Args& args) {
  absl::StatusOr<std::string> root = Workspace::FindRoot(args.Get("root"));
  if (!root.ok()) return root.status();
  return Workspace(*root);
}

absl::Status CommitEdits(Workspace& ws, const Args& args, const std::string& summary,
                         const std::vector<std::string>& notes) {
  const std::vector<std::string> changed = ws.Changed();
  absl::Status written = ws.Commit();
  if (!written.ok()) return written;
  std::cout << summary << "\n";
  for (const std::string& file : changed) std::cout << "  edited " << file << "\n";
  for (const std::string& note : notes) std::cout << "  " << note << "\n";
  std::cout << "Next: finish the lines marked TODO(opdev); `bazel run //tools/opdev -- lint` "
               "lists what is left.\n";
  std::cout.flush();
  if (args.Has("no_docs")) return absl::OkStatus();
  return RegenerateDocs(ws.root());
}

absl::Status OpenOpsetsUpTo(Workspace& ws, const DomainInfo& domain, const OpsetRange& range,
                            int target, std::vector<std::string>& notes) {
  for (int v = range.max_version + 1; v <= target; ++v) {
    absl::Status added = AddOpsetClass(ws, domain, v);
    if (!added.ok()) return added;
    notes.push_back(absl::StrCat("opened ", domain.display, " opset ", v));
  }
  if (target > range.max_version) {
    absl::Status raised = SetMaxVersion(ws, domain, target);
    if (!raised.ok()) return raised;
  }
  return WriteOpsetRangeBzl(ws);
}

int Fail(const std::string& command, const absl::Status& status) {
  std::cerr << "opdev " << command << ": " << status.message() << "\n";
  return 1;
}

}  // namespace onnxforge::opdev
