// Helpers for the converter's tests: models from the textual syntax,
// conversions printed back as text, and outputs compared on random inputs
// with the reference evaluator.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "ir/onnx.pb.h"

namespace onnxforge::version_converter::testing {

// The model `text` describes; an empty model (and a test failure) when it
// does not parse.
ModelProto Parse(const std::string& text);

// The converted model in the textual syntax, or "error: <message>".
std::string Convert(const std::string& text, const std::map<std::string, int>& targets);
std::string Convert(const ModelProto& model, const std::map<std::string, int>& targets);

// Runs `a` and `b` on the same random inputs (shaped by a's graph inputs,
// `trials` times) and returns "" when every output agrees, else what
// differs. Floats agree within 1e-5 (relative to the larger magnitude).
std::string CompareOutputs(const ModelProto& a, const ModelProto& b, int trials = 3,
                           uint32_t seed = 1);

}  // namespace onnxforge::version_converter::testing
