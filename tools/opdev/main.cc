// opdev: adds operators and operator versions, and checks that every one
// is complete. See docs/AddNewOp.md.
//
//   bazel run //tools/opdev -- new Softsign2 --domain=math [--function]
//   bazel run //tools/opdev -- bump Relu [--domain=ai.onnx] [--to=28]
//   bazel run //tools/opdev -- lint
#include <iostream>
#include <string>
#include <vector>

#include "tools/opdev/commands.h"

namespace {

constexpr char kUsage[] =
    "usage: opdev <command> [options]\n"
    "\n"
    "  new OP --domain=D [--folder=F] [--family=X] [--function]\n"
    "      adds OP at the domain's open opset: a schema skeleton in\n"
    "      onnx_defs/<folder>/defs.cc, its registration, a kernel stub (or a\n"
    "      function body stub), an example stub; then regenerates the docs.\n"
    "      D is a domain (ai.onnx.ml, ...) or a folder of onnx_defs (math, ...).\n"
    "  bump OP [--domain=D] [--to=N]\n"
    "      adds version N of OP (default: the domain's open opset, or the one\n"
    "      after it when OP already changed there): moves the latest version\n"
    "      to the old file, copies it as N, opens opset N where needed,\n"
    "      registers it, adds compatible adapters, extends the kernel's range,\n"
    "      adds an example stub; then regenerates the docs.\n"
    "  lint [--sources_only]\n"
    "      checks that every op version is registered, placed, complete and\n"
    "      converted; prints file:line for each finding.\n"
    "  sync-ranges\n"
    "      rewrites tests/opsets/opset_range.bzl from onnx_defs/schema.h.\n"
    "\n"
    "Every command takes --root=DIR (default: the workspace `bazel run` started\n"
    "in, else the current directory); new and bump take --no_docs.\n"
    "What opdev writes for a person to finish is marked TODO(opdev); lint lists it.\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> words(argv + 1, argv + argc);
  if (words.empty() || words[0] == "help" || words[0] == "--help" || words[0] == "-h") {
    std::cout << kUsage;
    return words.empty() ? 2 : 0;
  }
  const std::string command = words[0];
  words.erase(words.begin());
  if (command == "new") return onnxforge::opdev::NewCommand(words);
  if (command == "bump") return onnxforge::opdev::BumpCommand(words);
  if (command == "lint") return onnxforge::opdev::LintCommand(words);
  if (command == "sync-ranges") return onnxforge::opdev::SyncRangesCommand(words);
  std::cerr << "opdev: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
