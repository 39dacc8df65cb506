// A compile-time list of a domain's opset classes, so the registry can walk
// them without a hand-kept list of versions.
#pragma once

#include <functional>
#include <utility>

#include "onnx_defs/schema.h"

namespace onnxforge {

template <typename... OpsetClass>
struct OpsetClassList {
  static constexpr int kCount = sizeof...(OpsetClass);
  // Calls fn(schema, class_version) for every schema of every class.
  template <typename Fn>
  static void ForEachSchema(Fn&& fn) {
    (OpsetClass::ForEachSchema(
         [&](OpSchema&& schema) { fn(std::move(schema), OpsetClass::kVersion); }),
     ...);
  }
  // The versions of the classes, in order.
  static std::vector<int> Versions() { return {OpsetClass::kVersion...}; }
};

}  // namespace onnxforge
