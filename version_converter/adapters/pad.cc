#include "version_converter/adapters/pad.h"

#include <cmath>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/adapters/attribute_input.h"
#include "version_converter/step.h"
#include "version_converter/tensors.h"

namespace onnxforge::version_converter {
namespace {

absl::Status ValueToInput(Step& step) {
  const AttributeProto* value = step.attribute("value");
  if (value == nullptr) return absl::OkStatus();
  const float v = value->f();
  step.RemoveAttribute("value");
  if (v == 0.0f && !std::signbit(v)) return absl::OkStatus();
  const int32_t elem = step.ElemTypeOf(step.input(0));
  if (elem == 0) {
    return Step::Refuse("attribute 'value' becomes a scalar input of the data's type in ",
                        Step::Name(step.to()), ", and the type of input 0 ('", step.input(0),
                        "') is unknown");
  }
  absl::StatusOr<TensorProto> tensor = MakeNumericTensor(elem, {}, {v});
  if (!tensor.ok()) return Step::Refuse(tensor.status().message());
  step.SetInput(2, step.AddConstant(*std::move(tensor), absl::StrCat(step.output(0), "_value")));
  return absl::OkStatus();
}

absl::Status ValueToAttribute(Step& step) {
  if (!step.has_input(2)) return absl::OkStatus();
  std::optional<std::vector<double>> value = step.ConstantDoubles(2);
  if (!value || value->size() != 1) {
    return Step::Refuse("input 2 ('", step.input(2), "') ",
                        value ? "holds more than one value" : "is computed at run time",
                        ", but ", Step::Name(step.to()),
                        " takes the padding value as the float attribute 'value'");
  }
  const double v = (*value)[0];
  if (RoundTripThrough(TensorProto::FLOAT, v) != v) {
    return Step::Refuse("input 2 ('", step.input(2), "') holds ", v,
                        ", which the float attribute 'value' cannot hold exactly");
  }
  step.SetFloat("value", static_cast<float>(v));
  step.DropInput(2);
  return absl::OkStatus();
}

absl::Status AxesToAllAxes(Step& step) {
  if (!step.has_input(3)) return absl::OkStatus();
  std::optional<std::vector<int64_t>> axes = step.ConstantInts(3);
  std::optional<std::vector<int64_t>> pads = step.ConstantInts(1);
  const std::optional<int64_t> rank = step.RankOf(step.input(0));
  if (!axes || !pads || !rank) {
    return Step::Refuse("input 3 ('", step.input(3), "') pads some axes only; ",
                        Step::Name(step.to()), " needs pads for every axis, which takes ",
                        !axes   ? "constant axes"
                        : !pads ? "constant pads"
                                : absl::StrCat("the rank of input 0 ('", step.input(0), "')"));
  }
  const size_t n = axes->size();
  if (pads->size() != 2 * n) {
    return Step::Refuse("input 1 ('", step.input(1), "') holds ", pads->size(),
                        " values for ", n, " axes");
  }
  std::vector<int64_t> full(2 * *rank, 0);
  for (size_t i = 0; i < n; ++i) {
    int64_t a = (*axes)[i];
    if (a < 0) a += *rank;
    if (a < 0 || a >= *rank) {
      return Step::Refuse("input 3 ('", step.input(3), "') holds axis ", (*axes)[i],
                          ", outside a rank of ", *rank);
    }
    full[a] = (*pads)[i];
    full[a + *rank] = (*pads)[i + n];
  }
  const std::string name = step.AddConstant(
      MakeTensor<int64_t>("", {static_cast<int64_t>(full.size())}, full),
      absl::StrCat(step.output(0), "_pads"));
  step.DropInput(3);
  step.DropInput(1);
  step.SetInput(1, name);
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

Adapter PadAttributesToInputs() {
  return Then(Make("attribute 'value' to input 2", {"value"}, ValueToInput),
              AttributeToInput("pads", 1));
}

Adapter PadInputsToAttributes() {
  return Then(Make("input 2 to attribute 'value'", {"value"}, ValueToAttribute),
              InputToAttribute(1, "pads"));
}

Adapter PadAxesToAllAxes() { return Make("axes input to pads for all axes", {}, AxesToAllAxes); }

}  // namespace onnxforge::version_converter
