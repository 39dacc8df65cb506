// Registers each ai.onnx.preview and ai.onnx.preview.training schema version in the opset that introduced it.
// `opdev bump` and `opdev new` add lines here; `opdev lint` checks them.
#pragma once

#include <functional>

#include "onnx_defs/opset_class_list.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

// ---- ai.onnx.preview opset 1 ----
class OnnxPreviewOpset1 {
 public:
  static constexpr int kVersion = 1;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
  }
};

// Every opset class of the domain, oldest first.
using OnnxPreviewOpsetClasses = OpsetClassList<OnnxPreviewOpset1>;

// ---- ai.onnx.preview.training opset 1 ----
class OnnxPreviewTrainingOpset1 {
 public:
  static constexpr int kVersion = 1;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
  }
};

// Every opset class of the domain, oldest first.
using OnnxPreviewTrainingOpsetClasses = OpsetClassList<OnnxPreviewTrainingOpset1>;

}  // namespace onnxforge
