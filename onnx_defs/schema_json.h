// Writes registered schemas as JSON, in the layout of the ONNX schema dump
// (same keys in the same order), so the two can be compared with diff.
#pragma once

#include <string>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge {

// One schema as a JSON object, indented by `indent` spaces.
std::string SchemaToJson(const OpSchema& schema, int indent = 4);

// The whole document: domain ranges, then every schema sorted by domain,
// name and since_version.
std::string SchemasToJson(const std::vector<const OpSchema*>& schemas);

// Shortest decimal text that reads back as the same float ("1e-05", "1.0").
std::string FloatToShortestText(float value);

}  // namespace onnxforge
