// gen_ops: writes the op-as-function API from the schema registry.
//
//   gen_ops <ops.h> <ops.cc> <ops.py> [<include path of ops.h>]
//
// The build runs it (ops_api.bzl), so the API always matches the schemas.
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "converters/builder/cpp_ops_writer.h"
#include "converters/builder/op_signature.h"
#include "converters/builder/py_ops_writer.h"
#include "onnx_defs/schema.h"

namespace {

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    std::cerr << "gen_ops: cannot write " << path << "\n";
    return false;
  }
  return true;
}

// Every attribute type must have a C++ form; a new type needs one first.
bool AllTypesKnown(const std::vector<onnxforge::builder::OpSignature>& signatures) {
  bool ok = true;
  for (const auto& sig : signatures) {
    for (const auto& a : sig.attributes) {
      if (onnxforge::builder::CppAttributeType(a.type).empty()) {
        std::cerr << "gen_ops: " << sig.op << " attribute '" << a.onnx_name << "' has type "
                  << onnxforge::AttributeTypeName(a.type)
                  << ", which the generated API has no form for\n";
        ok = false;
      }
    }
  }
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: gen_ops <ops.h> <ops.cc> <ops.py> [<include path of ops.h>]\n";
    return 2;
  }
  const std::string include = argc == 5 ? argv[4] : "converters/builder/ops.h";
  const std::vector<onnxforge::builder::OpSignature> signatures =
      onnxforge::builder::AllSignatures(onnxforge::SchemaRegistry::Instance());
  if (!AllTypesKnown(signatures)) return 1;
  const bool ok = WriteFile(argv[1], onnxforge::builder::CppOpsHeader(signatures)) &&
                  WriteFile(argv[2], onnxforge::builder::CppOpsSource(signatures, include)) &&
                  WriteFile(argv[3], onnxforge::builder::PythonOpsModule(signatures));
  return ok ? 0 : 1;
}
