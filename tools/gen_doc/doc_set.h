// Every file gen_doc writes into docs/, by name, from the registry, the
// example tests and the backend test counts.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "onnx_defs/schema.h"
#include "tests/examples/runner.h"
#include "tools/gen_doc/backend_test_counts.h"

namespace onnxforge::gen_doc {

// File name (no folder) -> contents. Nothing in it depends on the time or
// the machine, so two runs give the same bytes.
std::map<std::string, std::string> GenerateDocs(const SchemaRegistry& registry,
                                                const std::vector<examples::Example>& examples,
                                                const BackendTestCounts& backend);

}  // namespace onnxforge::gen_doc
