#include "version_converter/adapters/slice.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/adapters/attribute_input.h"
#include "version_converter/step.h"
#include "version_converter/tensors.h"

namespace onnxforge::version_converter {
namespace {

absl::Status StepsAreOnes(Step& step) {
  if (!step.has_input(4)) return absl::OkStatus();
  std::optional<std::vector<int64_t>> steps = step.ConstantInts(4);
  if (!steps) {
    return Step::Refuse("input 4 ('", step.input(4), "') is computed at run time; ",
                        Step::Name(step.to()), " has no steps, so they must be constant ones");
  }
  for (int64_t s : *steps) {
    if (s != 1) {
      return Step::Refuse("input 4 ('", step.input(4), "') holds a step of ", s, ", which ",
                          Step::Name(step.to()), " cannot take (it has no steps)");
    }
  }
  step.DropInput(4);
  return absl::OkStatus();
}

absl::Status NonNegativeAxesInput(Step& step) {
  if (!step.has_input(3)) return absl::OkStatus();
  std::optional<std::vector<int64_t>> axes = step.ConstantInts(3);
  if (!axes) {
    return Step::Refuse("input 3 ('", step.input(3), "') is computed at run time and may hold "
                        "negative axes, which ", Step::Name(step.to()), " does not take");
  }
  bool negative = false;
  for (int64_t a : *axes) negative = negative || a < 0;
  if (!negative) return absl::OkStatus();
  const std::optional<int64_t> rank = step.RankOf(step.input(0));
  if (!rank) {
    return Step::Refuse("input 3 ('", step.input(3), "') holds negative axes and the rank of "
                        "input 0 ('", step.input(0), "') is unknown; ", Step::Name(step.to()),
                        " counts axes from the front only");
  }
  for (int64_t& a : *axes) {
    if (a < 0) a += *rank;
  }
  const int32_t elem = step.ConstantOf(step.input(3))->data_type();
  std::vector<double> values(axes->begin(), axes->end());
  absl::StatusOr<TensorProto> tensor =
      MakeNumericTensor(elem, {static_cast<int64_t>(values.size())}, values);
  if (!tensor.ok()) return Step::Refuse(tensor.status().message());
  const std::string name =
      step.AddConstant(*std::move(tensor), absl::StrCat(step.output(0), "_axes"));
  step.DropInput(3);
  step.SetInput(3, name);
  return absl::OkStatus();
}

absl::Status NonNegativeIndices(Step& step) {
  const TensorProto* indices = step.ConstantOf(step.input(1));
  if (indices == nullptr) return absl::OkStatus();
  absl::StatusOr<std::vector<int64_t>> values = ReadInt64s(*indices);
  if (!values.ok()) return absl::OkStatus();
  bool negative = false;
  for (int64_t v : *values) negative = negative || v < 0;
  if (!negative) return absl::OkStatus();
  std::optional<std::vector<int64_t>> dims = step.DimsOf(step.input(0));
  int64_t axis = step.int_attribute("axis", 0);
  if (dims && axis < 0) axis += static_cast<int64_t>(dims->size());
  if (!dims || axis < 0 || axis >= static_cast<int64_t>(dims->size())) {
    return Step::Refuse("input 1 ('", step.input(1), "') holds negative indices and the size of "
                        "the gathered dim of input 0 ('", step.input(0), "') is unknown; ",
                        Step::Name(step.to()), " takes indices from 0 only");
  }
  std::vector<double> positive;
  for (int64_t v : *values) positive.push_back(static_cast<double>(v < 0 ? v + (*dims)[axis] : v));
  std::vector<int64_t> shape(indices->dims().begin(), indices->dims().end());
  absl::StatusOr<TensorProto> tensor = MakeNumericTensor(indices->data_type(), shape, positive);
  if (!tensor.ok()) return Step::Refuse(tensor.status().message());
  const std::string name =
      step.AddConstant(*std::move(tensor), absl::StrCat(step.input(1), "_positive"));
  step.DropInput(1);
  step.SetInput(1, name);
  return absl::OkStatus();
}

}  // namespace

Adapter SliceAttributesToInputs() {
  return Then(AttributeToInput("starts", 1), AttributeToInput("ends", 2),
              AttributeToInput("axes", 3));
}

Adapter SliceInputsToAttributes() {
  Adapter steps;
  steps.kind = "require steps of 1";
  steps.apply = StepsAreOnes;
  return Then(std::move(steps), InputToAttribute(1, "starts"), InputToAttribute(2, "ends"),
              InputToAttribute(3, "axes"));
}

Adapter SliceNonNegativeAxes() {
  Adapter adapter;
  adapter.kind = "make input 'axes' non-negative";
  adapter.apply = NonNegativeAxesInput;
  return adapter;
}

Adapter GatherNonNegativeIndices() {
  Adapter adapter;
  adapter.kind = "make constant indices non-negative";
  adapter.apply = NonNegativeIndices;
  return adapter;
}

}  // namespace onnxforge::version_converter
