#include "version_converter/adapters/split.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status InputToAttribute(Step& step) {
  if (!step.has_input(1)) return absl::OkStatus();
  std::optional<std::vector<double>> sizes = step.ConstantDoubles(1);
  if (!sizes) {
    return Step::Refuse("input 1 ('", step.input(1), "') is computed at run time, but ",
                        Step::Name(step.to()), " takes the sizes as the attribute 'split'");
  }
  if (!step.has_attribute("split")) {
    std::vector<int64_t> ints(sizes->begin(), sizes->end());
    step.SetInts("split", ints);
  }
  step.DropInput(1);
  return absl::OkStatus();
}

absl::Status SetNumOutputs(Step& step) {
  if (!step.has_input(1)) step.SetInt("num_outputs", step.node().output_size());
  return absl::OkStatus();
}

absl::Status NumOutputsToSizes(Step& step) {
  const AttributeProto* attr = step.attribute("num_outputs");
  if (attr == nullptr) return absl::OkStatus();
  const int64_t parts = attr->i();
  step.RemoveAttribute("num_outputs");
  if (step.has_input(1)) return absl::OkStatus();
  std::optional<std::vector<int64_t>> dims = step.DimsOf(step.input(0));
  int64_t axis = step.int_attribute("axis", 0);
  if (dims && axis < 0) axis += static_cast<int64_t>(dims->size());
  if (!dims || axis < 0 || axis >= static_cast<int64_t>(dims->size()) || parts <= 0) {
    return Step::Refuse("attribute 'num_outputs' is ", parts, " and the size of axis ", axis,
                        " of input 0 ('", step.input(0), "') is unknown; ",
                        Step::Name(step.to()),
                        " splits evenly or by explicit sizes, which need that size");
  }
  const int64_t size = (*dims)[axis];
  if (size % parts == 0 && step.node().output_size() == parts) return absl::OkStatus();
  const int64_t chunk = (size + parts - 1) / parts;
  const int64_t last = size - chunk * (parts - 1);
  if (last < 0) {
    return Step::Refuse("attribute 'num_outputs' is ", parts, ", which cannot cut axis ", axis,
                        " of size ", size, " into parts of ", chunk, " and a smaller last part");
  }
  std::vector<int64_t> sizes(parts - 1, chunk);
  sizes.push_back(last);
  step.SetInput(1, step.AddConstant(
                       MakeTensor<int64_t>("", {static_cast<int64_t>(sizes.size())}, sizes),
                       absl::StrCat(step.output(0), "_split")));
  return absl::OkStatus();
}

Adapter Make(const char* kind, std::vector<std::string> attributes, AdaptFunction fn) {
  Adapter adapter;
  adapter.kind = kind;
  adapter.attributes = std::move(attributes);
  adapter.apply = std::move(fn);
  return adapter;
}

}  // namespace

Adapter SplitInputToAttribute() {
  return Make("input 1 to attribute 'split'", {}, InputToAttribute);
}
Adapter SplitSetNumOutputs() {
  return Make("set num_outputs without a split input", {"num_outputs"}, SetNumOutputs);
}
Adapter SplitNumOutputsToSizes() {
  return Make("num_outputs to sizes", {"num_outputs"}, NumOutputsToSizes);
}

}  // namespace onnxforge::version_converter
