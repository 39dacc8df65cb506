// onnxforge: the command line. Each subcommand lives in its own file.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "tools/cli/commands.h"
#include "tools/cli/flag_spelling.h"

namespace {

constexpr char kUsage[] =
    "onnxforge COMMAND [ARGS]\n"
    "  check MODEL               check a model; prints ok or the errors\n"
    "  infer MODEL -o OUT        infer shapes (add --lenient for partial results)\n"
    "  print MODEL               print a model in the ONNX textual syntax\n"
    "  parse TEXT -o MODEL       parse the textual syntax into a model file\n"
    "  schemas --json            print every registered schema version as JSON\n"
    "  run MODEL (--inputs-dir DIR | --input NAME=FILE ...) --output-dir DIR\n"
    "                            run a model with the reference evaluator\n"
    "  convert MODEL --to N [--ml-to M] -o OUT\n"
    "                            move a model to other opsets of ai.onnx / ai.onnx.ml\n"
    "  convert --from sklearn MODEL.pkl --initial-types 'X:float[None,4]'\n"
    "          [--target-opset N] [--no-zipmap] -o OUT\n"
    "                            convert a pickled scikit-learn model; runs\n"
    "                            python3 -m onnxforge.cli_convert (the interpreter\n"
    "                            is /usr/bin/python3 unless ONNXFORGE_PYTHON is set)\n";

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(kUsage);
  const std::vector<std::string> raw(argv, argv + argc);
  if (onnxforge::cli::IsFrameworkConvert(raw)) {
    return onnxforge::cli::ConvertFromFramework({raw.begin() + 2, raw.end()});
  }
  // Dashed flag names and repeated --input flags, as abseil does not take them.
  std::vector<std::string> spelled = onnxforge::cli::NormalizeFlagSpelling(raw, {"input"});
  std::vector<char*> normalized;
  for (std::string& arg : spelled) normalized.push_back(arg.data());
  std::vector<char*> positional =
      absl::ParseCommandLine(static_cast<int>(normalized.size()), normalized.data());
  std::vector<std::string> args(positional.begin() + 1, positional.end());
  if (args.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string command = args.front();
  args.erase(args.begin());
  for (const auto& c : onnxforge::cli::Commands()) {
    if (command == c.name) return c.run(args);
  }
  std::cerr << "onnxforge: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
