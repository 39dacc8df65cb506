// opdev new: a new op at its domain's open opset, with every piece a
// complete op version needs started, and each unfinished piece marked.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/opdev/command_util.h"
#include "tools/opdev/commands.h"
#include "tools/opdev/example_sources.h"
#include "tools/opdev/kernel_sources.h"
#include "tools/opdev/opset_ranges.h"
#include "tools/opdev/opset_sources.h"
#include "tools/opdev/schema_edits.h"
#include "tools/opdev/schema_sources.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

absl::Status RunNew(const Args& args, std::vector<std::string>& notes, std::string& summary,
                    Workspace& ws) {
  if (args.positional.size() != 1) {
    return absl::InvalidArgumentError("name one op: opdev new OP --domain=D");
  }
  const std::string op = args.positional[0];
  if (!IsIdentifier(op) || !(op[0] >= 'A' && op[0] <= 'Z')) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", op, "' is not an op name: a capital letter, then letters, digits "
                              "and '_'"));
  }
  if (!args.Has("domain")) {
    return absl::InvalidArgumentError(
        "--domain is required: a domain (ai.onnx.ml, ...) or a folder of onnx_defs (math, nn, "
        "...)");
  }
  const std::vector<std::string> folders = SchemaFolders(ws);
  absl::StatusOr<DomainChoice> choice = ResolveDomainFlag(args.Get("domain"), folders);
  if (!choice.ok()) return choice.status();
  const DomainInfo& domain = *choice->domain;
  const std::string folder = args.Get("folder", choice->folder);
  if (folder.empty()) {
    std::vector<std::string> own;
    for (const std::string& f : folders) {
      if (&DomainOfFolder(f) == &domain && f != "pending") own.push_back(f);
    }
    return absl::InvalidArgumentError(absl::StrCat(
        domain.display, " has several folders (", absl::StrJoin(own, ", "),
        "): name one with --domain=<folder>"));
  }
  if (!IsIdentifier(folder)) {
    return absl::InvalidArgumentError(absl::StrCat("'", folder, "' is not a folder name"));
  }
  const std::string family = args.Get("family");
  if (!family.empty() && !IsIdentifier(family)) {
    return absl::InvalidArgumentError(absl::StrCat("'", family, "' is not a family name"));
  }

  absl::StatusOr<std::vector<SchemaBlock>> blocks = ScanSchemaBlocks(ws);
  if (!blocks.ok()) return blocks.status();
  for (const SchemaBlock& b : *blocks) {
    if (b.domain == &domain && b.name == op) {
      return absl::AlreadyExistsError(absl::StrCat(
          op, " already exists in ", domain.display, " (", b.file, ":", b.line,
          "); `opdev bump ", op, "` adds a version"));
    }
  }

  absl::StatusOr<OpsetRange> range = SchemaRangeOf(ws, domain);
  if (!range.ok()) return range.status();
  const int version = OpenOpset(*range);
  const bool function = args.Has("function");

  absl::Status step = OpenOpsetsUpTo(ws, domain, *range, version, notes);
  if (step.ok()) {
    step = AppendSchemaSkeleton(ws, LatestFileFor(folder, family), domain, op, version, function);
  }
  if (step.ok()) step = AddRegistration(ws, domain, op, version);
  if (step.ok() && !function) step = AddKernelStub(ws, folder, domain, op, version);
  if (step.ok()) step = AddNewOpExampleStub(ws, domain, op, version);
  if (!step.ok()) return step;

  summary = absl::StrCat("Added ", op, "-", version, " (", domain.display, ")",
                         function ? ", defined by a function body" : "", ".");
  return absl::OkStatus();
}

}  // namespace

int NewCommand(const std::vector<std::string>& words) {
  absl::StatusOr<Args> args =
      ParseArgs(words, {"domain", "folder", "family", "root"}, {"function", "no_docs"});
  if (!args.ok()) return Fail("new", args.status());
  absl::StatusOr<Workspace> ws = OpenWorkspace(*args);
  if (!ws.ok()) return Fail("new", ws.status());
  std::vector<std::string> notes;
  std::string summary;
  absl::Status done = RunNew(*args, notes, summary, *ws);
  if (done.ok()) done = CommitEdits(*ws, *args, summary, notes);
  return done.ok() ? 0 : Fail("new", done);
}

}  // namespace onnxforge::opdev
