#include "version_converter/adapters/dropout.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/attribute_util.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status InferenceOnly(Step& step) {
  if (step.int_attribute("is_test", 0) == 0) {
    return Step::Refuse("attribute 'is_test' is 0: ", Step::Name(step.from()),
                        " runs in training mode and drops values at random, which ",
                        Step::Name(step.to()),
                        " cannot express; set is_test=1 if the model is for inference");
  }
  step.RemoveAttribute("is_test");
  return absl::OkStatus();
}

// Renames the mask output and casts the renamed mask back to `to` under the
// mask's name.
void CastMask(Step& step, int32_t to, const std::string& suffix) {
  const std::string mask = step.output(1);
  const std::string renamed = step.NewName(absl::StrCat(mask, "_", suffix));
  step.node().set_output(1, renamed);
  NodeProto& cast = step.EmitAfter("Cast", {renamed}, {mask});
  *cast.add_attribute() = IntAttr("to", to);
}

absl::Status MaskToBool(Step& step) {
  if (!step.has_output(1)) return absl::OkStatus();
  const int32_t elem = step.ElemTypeOf(step.input(0));
  if (elem == 0) {
    return Step::Refuse("output 1 ('", step.output(1), "') turns bool in ", Step::Name(step.to()),
                        " and must be cast back to the data's type, but the type of input 0 ('",
                        step.input(0), "') is unknown");
  }
  CastMask(step, elem, "bool");
  return absl::OkStatus();
}

absl::Status MaskToDataType(Step& step) {
  if (!step.has_output(1)) return absl::OkStatus();
  CastMask(step, TensorProto::BOOL, "typed");
  return absl::OkStatus();
}

absl::Status RatioToInput(Step& step) {
  const AttributeProto* ratio = step.attribute("ratio");
  if (ratio == nullptr) return absl::OkStatus();
  const std::string name = step.AddConstant(MakeTensor<float>("", {}, {ratio->f()}),
                                            absl::StrCat(step.output(0), "_ratio"));
  step.RemoveAttribute("ratio");
  step.SetInput(1, name);
  return absl::OkStatus();
}

absl::Status ToInferenceAttributes(Step& step) {
  if (step.has_input(2)) {
    std::optional<std::vector<int64_t>> mode = step.ConstantInts(2);
    if (!mode || mode->size() != 1 || (*mode)[0] != 0) {
      return Step::Refuse("input 2 ('", step.input(2), "') ",
                          mode ? "is true" : "is computed at run time",
                          "; it may ask for training mode, which ", Step::Name(step.to()),
                          " cannot express (it always runs in inference mode)");
    }
  }
  // In inference mode the ratio and the seed do not matter.
  if (std::optional<std::vector<double>> ratio = step.ConstantDoubles(1)) {
    if (ratio->size() == 1) step.SetFloat("ratio", static_cast<float>((*ratio)[0]));
  }
  step.RemoveAttribute("seed");
  step.DropInput(2);
  step.DropInput(1);
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

Adapter DropoutToInferenceOnly() {
  return Make("require is_test=1 and remove it", {"is_test"}, InferenceOnly);
}
Adapter DropoutMaskToBool() { return Make("cast the bool mask to the data's type", {}, MaskToBool); }
Adapter DropoutMaskToDataType() { return Make("cast the mask to bool", {}, MaskToDataType); }
Adapter DropoutRatioToInput() {
  return Make("attribute 'ratio' to input 1", {"ratio"}, RatioToInput);
}
Adapter DropoutToInferenceAttributes() {
  return Make("inference mode only; input 1 to attribute 'ratio'", {"ratio", "seed"},
              ToInferenceAttributes);
}

}  // namespace onnxforge::version_converter
