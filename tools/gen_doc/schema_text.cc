#include "tools/gen_doc/schema_text.h"

#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "ir/syntax/printer.h"
#include "tools/gen_doc/doc_names.h"
#include "tools/gen_doc/markdown.h"

namespace onnxforge::gen_doc {

std::string AttributeTypeText(AttributeProto::AttributeType type) {
  const std::string name = AttributeTypeName(type);
  return name.empty() ? "undefined" : absl::AsciiStrToLower(name);
}

std::string AttributeValueText(const AttributeProto& value) {
  // The printer writes "v = <value>" (or "v: ints = []" for an empty list);
  // the value is what follows the first " = ".
  AttributeProto named = value;
  named.set_name("v");
  const std::string printed = PrintAttribute(named);
  const size_t equals = printed.find(" = ");
  return equals == std::string::npos ? printed : printed.substr(equals + 3);
}

std::string AttributeSummary(const AttributeDef& attribute) {
  const std::string type = AttributeTypeText(attribute.type);
  if (attribute.required) return absl::StrCat(type, ", required");
  if (attribute.default_value) {
    return absl::StrCat(type, ", default ", Code(AttributeValueText(*attribute.default_value)));
  }
  return absl::StrCat(type, ", optional");
}

std::string FormalOptionText(const FormalParameter& formal) {
  switch (formal.option) {
    case FormalOption::kSingle:
      return "single";
    case FormalOption::kOptional:
      return "optional";
    case FormalOption::kVariadic:
      return absl::StrCat("variadic", formal.is_homogeneous ? "" : " (mixed types)", ", at least ",
                          formal.min_arity);
  }
  return "single";
}

std::string DifferentiabilityText(Differentiability differentiability) {
  switch (differentiability) {
    case Differentiability::kDifferentiable:
      return "differentiable";
    case Differentiability::kNonDifferentiable:
      return "not differentiable";
    case Differentiability::kUnknown:
      break;
  }
  return "";
}

std::string FormalSummary(const FormalParameter& formal) {
  std::string out = Code(formal.type_str);
  if (formal.option != FormalOption::kSingle) absl::StrAppend(&out, ", ", FormalOptionText(formal));
  const std::string differentiability = DifferentiabilityText(formal.differentiability);
  if (!differentiability.empty()) absl::StrAppend(&out, ", ", differentiability);
  return out;
}

std::string ArityText(int min, int max) {
  if (max < 0 || max == std::numeric_limits<int>::max()) return absl::StrCat(min, " or more");
  if (min == max) return absl::StrCat(min);
  return absl::StrCat(min, " to ", max);
}

const OpSchema* PreviousVersion(const OpSchema& schema,
                                const std::vector<const OpSchema*>& versions) {
  const OpSchema* previous = nullptr;
  for (const OpSchema* version : versions) {
    if (version->since_version() >= schema.since_version()) break;
    previous = version;
  }
  return previous;
}

const OpSchema* NextVersion(const OpSchema& schema, const std::vector<const OpSchema*>& versions) {
  for (const OpSchema* version : versions) {
    if (version->since_version() > schema.since_version()) return version;
  }
  return nullptr;
}

std::string InForceText(const OpSchema& schema, const std::vector<const OpSchema*>& versions) {
  const std::string domain = DomainName(schema.domain());
  const OpSchema* next = NextVersion(schema, versions);
  if (next == nullptr) {
    return absl::StrCat("from opset ", schema.since_version(), " of ", domain, " on");
  }
  const int last = next->since_version() - 1;
  if (last == schema.since_version()) return absl::StrCat("at opset ", last, " of ", domain);
  return absl::StrCat("at opsets ", schema.since_version(), " to ", last, " of ", domain);
}

}  // namespace onnxforge::gen_doc
