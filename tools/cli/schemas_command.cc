#include <iostream>

#include "absl/flags/flag.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/schema_json.h"
#include "tools/cli/commands.h"

namespace onnxforge::cli {

int Schemas(const std::vector<std::string>& args) {
  if (!args.empty() || !absl::GetFlag(FLAGS_json)) {
    std::cerr << "usage: onnxforge schemas --json\n";
    return 2;
  }
  std::cout << SchemasToJson(SchemaRegistry::Instance().All());
  return 0;
}

}  // namespace onnxforge::cli
