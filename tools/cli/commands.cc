#include "tools/cli/commands.h"

#include "absl/flags/flag.h"

ABSL_FLAG(std::string, o, "", "where to write the output model");
ABSL_FLAG(bool, lenient, false, "infer: keep going past nodes that fail");
ABSL_FLAG(bool, json, false, "schemas: print JSON");

namespace onnxforge::cli {

const std::vector<Command>& Commands() {
  static const auto* commands = new std::vector<Command>{
      {"check", Check}, {"infer", Infer}, {"print", Print},
      {"parse", Parse}, {"schemas", Schemas},
  };
  return *commands;
}

}  // namespace onnxforge::cli
