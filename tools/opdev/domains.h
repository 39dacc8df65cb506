// How each operator domain is spelled across the sources: its tag in
// ONNXFORGE_SCHEMA, its opset file and classes, its constant in schema.h,
// its example folder and its per-opset test targets. These are naming
// rules; versions and ops always come from the sources themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace onnxforge::opdev {

struct DomainInfo {
  std::string domain;         // "" for ai.onnx
  std::string display;        // "ai.onnx", "ai.onnx.ml", ...
  std::string tag;            // "Onnx", "OnnxML", ...
  std::string opset_file;     // "onnx_defs/operator_sets.h"
  std::string class_prefix;   // "OnnxOpset" (classes OnnxOpset1, ...)
  std::string class_list;     // "OnnxOpsetClasses"
  std::string range_constant; // "kOnnxDomain" in schema.h
  std::string default_folder; // onnx_defs/<folder> for `opdev new`; "" when several
  std::string test_prefix;    // "opset_" in //tests/opsets
};

// Every domain, ai.onnx first.
const std::vector<DomainInfo>& Domains();

// By tag ("Onnx"), by name ("ai.onnx", "" or "ai.onnx.ml"); nullptr when
// unknown.
const DomainInfo* DomainByTag(std::string_view tag);
const DomainInfo* DomainByName(std::string_view name);

// The domain of a schema folder: traditionalml holds ai.onnx.ml, training
// ai.onnx.training, preview ai.onnx.preview; every other folder ai.onnx.
const DomainInfo& DomainOfFolder(std::string_view folder);

// "ai.onnx", "ai.onnx.ml" or a folder name for --domain.
struct DomainChoice {
  const DomainInfo* domain;
  std::string folder;  // empty when the flag named a domain with several folders
};
absl::StatusOr<DomainChoice> ResolveDomainFlag(std::string_view flag,
                                               const std::vector<std::string>& folders);

}  // namespace onnxforge::opdev
