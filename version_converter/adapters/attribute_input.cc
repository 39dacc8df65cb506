#include "version_converter/adapters/attribute_input.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

bool InputRequired(const OpSchema& schema, int index) {
  return index < static_cast<int>(schema.inputs().size()) &&
         schema.inputs()[index].option == FormalOption::kSingle;
}

}  // namespace

Adapter AttributeToInput(const std::string& attribute, int input, InputForm form) {
  Adapter adapter;
  adapter.kind = absl::StrCat("attribute '", attribute, "' to input ", input);
  adapter.attributes = {attribute};
  adapter.apply = [attribute, input, form](Step& step) -> absl::Status {
    const AttributeProto* attr = step.attribute(attribute);
    if (attr == nullptr) {
      if (InputRequired(step.to(), input)) {
        return Step::Refuse("attribute '", attribute, "' is missing, and ",
                            Step::Name(step.to()), " requires it as input ", input);
      }
      return absl::OkStatus();
    }
    TensorProto value;
    if (form == InputForm::kSingle) {
      value = MakeTensor<int64_t>("", {1}, {attr->i()});
    } else {
      std::vector<int64_t> ints(attr->ints().begin(), attr->ints().end());
      value = MakeTensor<int64_t>("", {static_cast<int64_t>(ints.size())}, ints);
    }
    const std::string name =
        step.AddConstant(std::move(value), absl::StrCat(step.output(0), "_", attribute));
    step.RemoveAttribute(attribute);
    step.SetInput(input, name);
    return absl::OkStatus();
  };
  return adapter;
}

Adapter InputToAttribute(int input, const std::string& attribute, InputForm form) {
  Adapter adapter;
  adapter.kind = absl::StrCat("input ", input, " to attribute '", attribute, "'");
  adapter.attributes = {attribute};
  adapter.apply = [attribute, input, form](Step& step) -> absl::Status {
    if (!step.has_input(input)) return absl::OkStatus();
    std::optional<std::vector<int64_t>> values = step.ConstantInts(input);
    if (!values) {
      return Step::Refuse("input ", input, " ('", step.input(input),
                          "') is computed at run time, but ", Step::Name(step.to()), " takes '",
                          attribute, "' as an attribute; it must be an initializer or a "
                          "Constant node's output");
    }
    if (form == InputForm::kSingle) {
      if (values->size() != 1) {
        return Step::Refuse("input ", input, " ('", step.input(input), "') holds ",
                            values->size(), " values; '", attribute, "' takes one");
      }
      step.SetInt(attribute, (*values)[0]);
    } else {
      step.SetInts(attribute, *values);
    }
    step.DropInput(input);
    return absl::OkStatus();
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
