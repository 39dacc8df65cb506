// Prints every registered schema as JSON (input of the parity test).
#include <iostream>

#include "onnx_defs/schema.h"
#include "onnx_defs/schema_json.h"

int main() {
  std::cout << onnxforge::SchemasToJson(onnxforge::SchemaRegistry::Instance().All());
  return 0;
}
