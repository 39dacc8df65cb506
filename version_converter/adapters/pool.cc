#include "version_converter/adapters/pool.h"

#include "version_converter/step.h"

namespace onnxforge::version_converter {

Adapter NoIndicesOutput() {
  Adapter adapter;
  adapter.kind = "refuse the Indices output, remove storage_order";
  adapter.attributes = {"storage_order"};
  adapter.apply = [](Step& step) -> absl::Status {
    if (step.has_output(1)) {
      return Step::Refuse("output 1 ('", step.output(1), "') asks for the indices of the "
                          "maxima, which ", Step::Name(step.to()), " does not output");
    }
    while (step.node().output_size() > 1) step.node().mutable_output()->RemoveLast();
    step.RemoveAttribute("storage_order");
    return absl::OkStatus();
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
