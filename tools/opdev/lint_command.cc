// opdev lint and opdev sync-ranges.
#include <iostream>

#include "tools/opdev/command_util.h"
#include "tools/opdev/commands.h"
#include "tools/opdev/lint.h"
#include "tools/opdev/opset_ranges.h"

namespace onnxforge::opdev {

int LintCommand(const std::vector<std::string>& words) {
  absl::StatusOr<Args> args = ParseArgs(words, {"root"}, {"sources_only"});
  if (!args.ok()) return Fail("lint", args.status());
  if (!args->positional.empty()) {
    return Fail("lint", absl::InvalidArgumentError("lint takes no op names; it checks them all"));
  }
  absl::StatusOr<Workspace> ws = OpenWorkspace(*args);
  if (!ws.ok()) return Fail("lint", ws.status());
  LintOptions options;
  options.use_registry = !args->Has("sources_only");
  absl::StatusOr<LintResult> result = Lint(*ws, options);
  if (!result.ok()) return Fail("lint", result.status());
  for (const Finding& finding : result->findings) std::cout << FormatFinding(finding) << "\n";
  std::cout << "opdev lint: " << result->schema_versions << " schema versions of " << result->ops
            << " ops, " << result->kernels << " kernels, " << result->examples << " examples, "
            << result->adapter_lines << " adapter lines: " << result->findings.size()
            << (result->findings.size() == 1 ? " finding" : " findings") << "\n";
  return result->findings.empty() ? 0 : 1;
}

int SyncRangesCommand(const std::vector<std::string>& words) {
  absl::StatusOr<Args> args = ParseArgs(words, {"root"}, {});
  if (!args.ok()) return Fail("sync-ranges", args.status());
  absl::StatusOr<Workspace> ws = OpenWorkspace(*args);
  if (!ws.ok()) return Fail("sync-ranges", ws.status());
  absl::Status written = WriteOpsetRangeBzl(*ws);
  if (written.ok()) {
    const bool changed = !ws->Changed().empty();
    written = ws->Commit();
    if (written.ok()) {
      std::cout << kOpsetRangeBzl << (changed ? " rewritten" : " already agrees") << " from "
                << kSchemaHeader << "\n";
    }
  }
  return written.ok() ? 0 : Fail("sync-ranges", written);
}

}  // namespace onnxforge::opdev
