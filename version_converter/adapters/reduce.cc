#include "version_converter/adapters/reduce.h"

#include <optional>
#include <vector>

#include "version_converter/adapters/attribute_input.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status ToAttribute(Step& step, const Adapter& input_to_attribute) {
  const int64_t noop = step.int_attribute("noop_with_empty_axes", 0);
  step.RemoveAttribute("noop_with_empty_axes");
  if (noop != 0) {
    std::optional<std::vector<int64_t>> axes;
    if (step.has_input(1)) axes = step.ConstantInts(1);
    const bool empty = !step.has_input(1) || (axes && axes->empty());
    if (empty) {
      // Nothing is reduced: the node passes its data through.
      step.DropInput(1);
      step.node().clear_attribute();
      step.ReplaceOp(step.node().domain(), "Identity");
      return absl::OkStatus();
    }
    if (!axes) {
      return Step::Refuse("attribute 'noop_with_empty_axes' is 1 and input 1 ('", step.input(1),
                          "') is computed at run time; ", Step::Name(step.to()),
                          " reduces every axis when the axes are empty");
    }
  }
  return input_to_attribute.apply(step);
}

}  // namespace

Adapter ReduceAxesToInput() { return AttributeToInput("axes", 1); }

Adapter ReduceAxesToAttribute() {
  Adapter adapter;
  adapter.kind = "input 1 to attribute 'axes', no-op reductions to Identity";
  adapter.attributes = {"axes", "noop_with_empty_axes"};
  adapter.apply = [move = InputToAttribute(1, "axes")](Step& step) {
    return ToAttribute(step, move);
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
