// Operators.md / Operators-ml.md: per domain a table of the operators and
// their versions, then each operator at its newest version with its example
// tests.
#pragma once

#include <string>

#include "onnx_defs/schema.h"
#include "tools/gen_doc/doc_names.h"
#include "tools/gen_doc/example_index.h"

namespace onnxforge::gen_doc {

std::string OperatorsDoc(const DocGroup& group, const SchemaRegistry& registry,
                         const ExampleIndex& examples);

}  // namespace onnxforge::gen_doc
