#include "tools/cli/commands.h"

#include "absl/flags/flag.h"
#include "absl/flags/marshalling.h"

ABSL_FLAG(std::string, o, "", "where to write the output model");
ABSL_FLAG(bool, lenient, false, "infer: keep going past nodes that fail");
ABSL_FLAG(bool, json, false, "schemas: print JSON");
ABSL_FLAG(std::vector<std::string>, input, {}, "run: NAME=FILE (.npy or .pb), repeatable");
ABSL_FLAG(std::string, inputs_dir, "", "run: folder of input_K.pb files");
ABSL_FLAG(std::string, output_dir, "", "run: folder for output_K.pb files");

namespace onnxforge::cli {

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      {"check", Check}, {"infer", Infer}, {"print", Print},
      {"parse", Parse}, {"schemas", Schemas},
      {"run", Run},
      {"convert", Convert},
  };
  return *commands;
}

}  // namespace onnxforge::cli
