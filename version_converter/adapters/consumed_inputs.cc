#include "version_converter/adapters/consumed_inputs.h"

#include <vector>

#include "version_converter/step.h"

namespace onnxforge::version_converter {

Adapter RemoveConsumedInputs() {
  Adapter adapter;
  adapter.kind = "remove attribute 'consumed_inputs'";
  adapter.attributes = {"consumed_inputs"};
  adapter.apply = [](Step& step) {
    step.RemoveAttribute("consumed_inputs");
    return absl::OkStatus();
  };
  return adapter;
}

Adapter AddConsumedInputs() {
  Adapter adapter;
  adapter.kind = "add attribute 'consumed_inputs' marking no input";
  adapter.attributes = {"consumed_inputs"};
  adapter.apply = [](Step& step) {
    step.SetInts("consumed_inputs", std::vector<int64_t>(step.node().input_size(), 0));
    return absl::OkStatus();
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
