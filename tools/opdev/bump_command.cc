// opdev bump: a new version of an existing op, the ONNX way: the latest
// version moves to the old file, its copy becomes the new version, and
// every place that knows an op's versions learns the new one.
#include <algorithm>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "tools/opdev/adapter_sources.h"
#include "tools/opdev/command_util.h"
#include "tools/opdev/commands.h"
#include "tools/opdev/example_sources.h"
#include "tools/opdev/kernel_sources.h"
#include "tools/opdev/opset_ranges.h"
#include "tools/opdev/opset_sources.h"
#include "tools/opdev/schema_edits.h"
#include "tools/opdev/schema_sources.h"

namespace onnxforge::opdev {
namespace {

// The newest version of (domain, op); an error naming where else the op
// lives when the domain has none.
absl::StatusOr<SchemaBlock> LatestVersion(const std::vector<SchemaBlock>& blocks,
                                          const DomainInfo& domain, const std::string& op) {
  const SchemaBlock* latest = nullptr;
  const SchemaBlock* elsewhere = nullptr;
  for (const SchemaBlock& b : blocks) {
    if (b.name != op || b.folder == "pending") continue;
    if (b.domain != &domain) {
      elsewhere = &b;
      continue;
    }
    if (latest != nullptr && latest->version == b.version) {
      return absl::FailedPreconditionError(absl::StrCat(
          b.file, ":", b.line, ": ", op, "-", b.version, " is defined twice (also at ",
          latest->file, ":", latest->line, "); run opdev lint and fix that first"));
    }
    if (latest == nullptr || b.version > latest->version) latest = &b;
  }
  if (latest != nullptr) return *latest;
  if (elsewhere != nullptr) {
    return absl::NotFoundError(absl::StrCat(op, " is not in ", domain.display, " but in ",
                                            elsewhere->domain->display, " (", elsewhere->file,
                                            "); pass --domain=", elsewhere->domain->display));
  }
  return absl::NotFoundError(absl::StrCat(domain.display, " has no op ", op,
                                          "; `opdev new` adds one"));
}

absl::Status RunBump(const Args& args, std::vector<std::string>& notes, std::string& summary,
                     Workspace& ws) {
  if (args.positional.size() != 1) {
    return absl::InvalidArgumentError("name one op: opdev bump OP [--domain=D] [--to=N]");
  }
  const std::string op = args.positional[0];
  absl::StatusOr<DomainChoice> choice =
      ResolveDomainFlag(args.Get("domain", "ai.onnx"), SchemaFolders(ws));
  if (!choice.ok()) return choice.status();
  const DomainInfo& domain = *choice->domain;

  absl::StatusOr<std::vector<SchemaBlock>> blocks = ScanSchemaBlocks(ws);
  if (!blocks.ok()) return blocks.status();
  absl::StatusOr<SchemaBlock> latest = LatestVersion(*blocks, domain, op);
  if (!latest.ok()) return latest.status();
  absl::StatusOr<OpsetRange> range = SchemaRangeOf(ws, domain);
  if (!range.ok()) return range.status();

  // The open opset, or the one after it when the op already changed there.
  const int open = OpenOpset(*range);
  absl::StatusOr<int> target = args.GetInt("to", std::max(open, latest->version + 1));
  if (!target.ok()) return target.status();
  const int version = *target;
  if (version <= latest->version) {
    return absl::InvalidArgumentError(absl::StrCat("--to=", version, ": ", op,
                                                   " is already at version ", latest->version,
                                                   "; a new version must come after it"));
  }
  if (version <= range->last_release) {
    return absl::InvalidArgumentError(absl::StrCat(
        "opset ", version, " of ", domain.display, " is released (last_release ",
        range->last_release, " in ", kSchemaHeader, ":", range->line,
        "); a change goes into a later opset"));
  }

  absl::Status step = OpenOpsetsUpTo(ws, domain, *range, version, notes);
  if (step.ok()) step = MoveToOldAndCopy(ws, *latest, version);
  if (step.ok()) step = AddRegistration(ws, domain, op, version);
  if (!step.ok()) return step;

  absl::StatusOr<std::vector<KernelLine>> kernels = ScanKernels(ws);
  if (!kernels.ok()) return kernels.status();
  const KernelLine* kernel = nullptr;
  for (const KernelLine& k : *kernels) {
    if (k.domain == &domain && k.op == op && k.first <= latest->version &&
        latest->version <= k.last) {
      kernel = &k;
    }
  }
  if (kernel != nullptr && kernel->last < version) {
    step = SetKernelLast(ws, *kernel, version);
    if (!step.ok()) return step;
    notes.push_back(absl::StrCat("kernel: ", kernel->file, ":", kernel->line, " now covers ",
                                 kernel->first, " to ", version));
  } else if (kernel == nullptr) {
    notes.push_back(absl::StrCat("kernel: none covers ", op, "-", latest->version,
                                 "; the new version needs one or a function body"));
  }

  absl::StatusOr<std::string> example =
      AddBumpExampleStub(ws, domain, op, latest->version, version);
  if (!example.ok()) return example.status();
  notes.push_back(absl::StrCat("example: '", *example, "' in ", ExampleFileFor(domain, op)));

  if (ws.Exists(kConvertHeader)) {
    step = AddCompatibleChange(ws, domain, op, latest->version, version);
    if (!step.ok()) return step;
    notes.push_back(absl::StrCat("adapters: ", op, " ", latest->version, " -> ", version,
                                 " compatible both ways; change them if the change is not"));
  }
  summary = absl::StrCat("Added ", op, "-", version, " (", domain.display, "); ", op, "-",
                         latest->version, " moved to ", EarlierFileFor(latest->file), ".");
  return absl::OkStatus();
}

}  // namespace

int BumpCommand(const std::vector<std::string>& words) {
  absl::StatusOr<Args> args = ParseArgs(words, {"domain", "to", "root"}, {"no_docs"});
  if (!args.ok()) return Fail("bump", args.status());
  absl::StatusOr<Workspace> ws = OpenWorkspace(*args);
  if (!ws.ok()) return Fail("bump", ws.status());
  std::vector<std::string> notes;
  std::string summary;
  absl::Status done = RunBump(*args, notes, summary, *ws);
  if (done.ok()) done = CommitEdits(*ws, *args, summary, notes);
  return done.ok() ? 0 : Fail("bump", done);
}

}  // namespace onnxforge::opdev
