// The function bodies of one schema version as the docs show them. A fixed
// body is its registered text. A body built per node is built once for a
// stand-in node that sets no attribute (so every default applies), passes
// every declared input, asks for every output and has inputs of unknown
// type; a builder that needs more than that is reported with its message.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge::gen_doc {

struct FunctionBodyView {
  int opset = 0;  // the body is in force from this opset of the op's domain
  bool context_dependent = false;
  // The body text; empty when a context-dependent body could not be built.
  std::string text;
  // Why a context-dependent body could not be built for the stand-in node.
  std::string build_error;
};

// Every body the schema registers, by opset (a fixed body before a
// context-dependent one at the same opset).
std::vector<FunctionBodyView> FunctionBodies(const OpSchema& schema);

// The body in force at `opset`, if any; a fixed body wins over a
// context-dependent one registered at the same opset.
std::optional<FunctionBodyView> FunctionBodyAt(const OpSchema& schema, int opset);

}  // namespace onnxforge::gen_doc
