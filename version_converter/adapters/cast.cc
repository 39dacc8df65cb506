#include "version_converter/adapters/cast.h"

#include <algorithm>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/adapters/type_restriction.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status NameToNumber(Step& step) {
  const AttributeProto* to = step.attribute("to");
  if (to == nullptr) return Step::Refuse("attribute 'to' is missing");
  absl::StatusOr<int32_t> elem = ElementTypeFromName(absl::AsciiStrToLower(to->s()));
  if (!elem.ok()) {
    return Step::Refuse("attribute 'to' is \"", to->s(), "\", which names no element type");
  }
  step.SetInt("to", *elem);
  return absl::OkStatus();
}

absl::Status NumberToName(Step& step) {
  const AttributeProto* to = step.attribute("to");
  if (to == nullptr) return Step::Refuse("attribute 'to' is missing");
  const int64_t number = to->i();
  if (!TensorProto::DataType_IsValid(static_cast<int>(number)) || number == 0) {
    return Step::Refuse("attribute 'to' is ", number, ", which is no element type");
  }
  step.SetString("to", TensorProto::DataType_Name(static_cast<TensorProto::DataType>(number)));
  return absl::OkStatus();
}

// The element type `to` names must be one the older version's output
// constraint allows.
absl::Status TargetAllowed(Step& step) {
  const AttributeProto* to = step.attribute("to");
  if (to == nullptr || to->type() != AttributeProto::INT || step.to().outputs().empty()) {
    return absl::OkStatus();
  }
  const std::string type = absl::StrCat("tensor(", ElementTypeName(static_cast<int32_t>(to->i())),
                                        ")");
  const std::string& param = step.to().outputs()[0].type_str;
  const TypeConstraint* constraint = step.to().FindTypeConstraint(param);
  if (constraint == nullptr) return absl::OkStatus();
  const auto& allowed = constraint->allowed_type_strs;
  if (std::find(allowed.begin(), allowed.end(), type) == allowed.end()) {
    return Step::Refuse("attribute 'to' asks for ", type, ", which ", Step::Name(step.to()),
                        " cannot produce");
  }
  return absl::OkStatus();
}

}  // namespace

Adapter CastNameToNumber() {
  Adapter adapter;
  adapter.kind = "attribute 'to' from type name to number";
  adapter.attributes = {"to"};
  adapter.apply = NameToNumber;
  return adapter;
}

Adapter CastNumberToName() {
  Adapter adapter;
  adapter.kind = "attribute 'to' from number to type name";
  adapter.attributes = {"to"};
  adapter.apply = NumberToName;
  return adapter;
}

Adapter CastTypes() {
  Adapter target;
  target.kind = "restrict attribute 'to'";
  target.apply = TargetAllowed;
  return Then(std::move(target), RestrictTypes());
}

}  // namespace onnxforge::version_converter
