#include "version_converter/adapters/clip.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"
#include "version_converter/tensors.h"

namespace onnxforge::version_converter {
namespace {

constexpr const char* kBounds[] = {"min", "max"};

absl::Status ToInputs(Step& step) {
  const std::string x = step.input(0);
  std::string names[2];
  for (int i = 0; i < 2; ++i) {
    const AttributeProto* attr = step.attribute(kBounds[i]);
    if (attr == nullptr) continue;
    const int32_t elem = step.ElemTypeOf(x);
    if (elem == 0) {
      return Step::Refuse("attribute '", kBounds[i], "' becomes an input of input 0's type in ",
                          Step::Name(step.to()), ", and the type of input 0 ('", x,
                          "') is unknown");
    }
    absl::StatusOr<TensorProto> value = MakeNumericTensor(elem, {}, {attr->f()});
    if (!value.ok()) return Step::Refuse(value.status().message());
    names[i] = step.AddConstant(*std::move(value), absl::StrCat(step.output(0), "_", kBounds[i]));
    step.RemoveAttribute(kBounds[i]);
  }
  if (!names[0].empty()) step.SetInput(1, names[0]);
  if (!names[1].empty()) step.SetInput(2, names[1]);
  return absl::OkStatus();
}

absl::Status ToAttributes(Step& step) {
  for (int i = 0; i < 2; ++i) {
    const int index = i + 1;
    if (!step.has_input(index)) continue;
    std::optional<std::vector<double>> values = step.ConstantDoubles(index);
    if (!values || values->size() != 1) {
      return Step::Refuse("input ", index, " ('", step.input(index), "') ",
                          values ? "holds more than one value" : "is computed at run time",
                          ", but ", Step::Name(step.to()), " takes '", kBounds[i],
                          "' as a float attribute; it must be a one-value constant");
    }
    const double v = (*values)[0];
    if (RoundTripThrough(TensorProto::FLOAT, v) != v) {
      return Step::Refuse("input ", index, " ('", step.input(index), "') holds ", v,
                          ", which the float attribute '", kBounds[i], "' of ",
                          Step::Name(step.to()), " cannot hold exactly");
    }
    step.SetFloat(kBounds[i], static_cast<float>(v));
  }
  step.DropInput(2);
  step.DropInput(1);
  return absl::OkStatus();
}

}  // namespace

Adapter ClipBoundsToInputs() {
  Adapter adapter;
  adapter.kind = "attributes 'min' and 'max' to inputs 1 and 2";
  adapter.attributes = {"min", "max"};
  adapter.apply = ToInputs;
  return adapter;
}

Adapter ClipBoundsToAttributes() {
  Adapter adapter;
  adapter.kind = "inputs 1 and 2 to attributes 'min' and 'max'";
  adapter.attributes = {"min", "max"};
  adapter.apply = ToAttributes;
  return adapter;
}

}  // namespace onnxforge::version_converter
