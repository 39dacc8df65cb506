// TestCoverage.md / TestCoverage-ml.md: per operator, how many example
// tests it has and which of its versions they run, how many of ONNX's
// backend node tests are about it, the totals, and the versions no example
// runs yet.
#pragma once

#include <string>

#include "onnx_defs/schema.h"
#include "tools/gen_doc/backend_test_counts.h"
#include "tools/gen_doc/doc_names.h"
#include "tools/gen_doc/example_index.h"

namespace onnxforge::gen_doc {

std::string CoverageDoc(const DocGroup& group, const SchemaRegistry& registry,
                        const ExampleIndex& examples, const BackendTestCounts& backend);

}  // namespace onnxforge::gen_doc
