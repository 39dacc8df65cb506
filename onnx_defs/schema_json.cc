#include "onnx_defs/schema_json.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace onnxforge {
namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string Bool(bool b) { return b ? "true" : "false"; }

std::string IntList(const std::vector<int>& v) {
  return absl::StrCat("[", absl::StrJoin(v, ", "), "]");
}

std::string DefaultValueJson(const AttributeProto& a) {
  switch (a.type()) {
    case AttributeProto::INT: return absl::StrCat(a.i());
    case AttributeProto::FLOAT: return FloatToShortestText(a.f());
    case AttributeProto::STRING: return Quote(a.s());
    case AttributeProto::INTS: return absl::StrCat("[", absl::StrJoin(a.ints(), ", "), "]");
    case AttributeProto::FLOATS: {
      std::vector<std::string> parts;
      for (float f : a.floats()) parts.push_back(FloatToShortestText(f));
      return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
    }
    case AttributeProto::STRINGS: {
      std::vector<std::string> parts;
      for (const auto& s : a.strings()) parts.push_back(Quote(s));
      return absl::StrCat("[", absl::StrJoin(parts, ", "), "]");
    }
    default: return "null";
  }
}

const char* OptionName(FormalOption o) {
  switch (o) {
    case FormalOption::kSingle: return "single";
    case FormalOption::kOptional: return "optional";
    case FormalOption::kVariadic: return "variadic";
  }
  return "single";
}

const char* DifferentiabilityName(Differentiability d) {
  switch (d) {
    case Differentiability::kDifferentiable: return "differentiable";
    case Differentiability::kNonDifferentiable: return "non_differentiable";
    case Differentiability::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* DeterminismName(NodeDeterminism d) {
  switch (d) {
    case NodeDeterminism::kDeterministic: return "deterministic";
    case NodeDeterminism::kNonDeterministic: return "non_deterministic";
    case NodeDeterminism::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string FormalJson(const FormalParameter& p) {
  return absl::StrCat("{\"name\": ", Quote(p.name), ", \"type_str\": ", Quote(p.type_str),
                      ", \"option\": \"", OptionName(p.option),
                      "\", \"is_homogeneous\": ", Bool(p.is_homogeneous),
                      ", \"min_arity\": ", p.min_arity, ", \"differentiation_category\": \"",
                      DifferentiabilityName(p.differentiability), "\"}");
}

// A JSON list with one item per line, or [] when empty.
std::string Block(const std::vector<std::string>& items, const std::string& pad) {
  if (items.empty()) return "[]";
  return absl::StrCat("[\n", pad, "  ", absl::StrJoin(items, absl::StrCat(",\n", pad, "  ")),
                      "\n", pad, "]");
}

}  // namespace

std::string FloatToShortestText(float value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buf[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(buf, sizeof(buf), "%.*g", digits, value);
    if (std::strtof(buf, nullptr) == value) break;
  }
  std::string text = buf;
  // Match the dump's spelling: an integral value keeps ".0"; exponents have
  // two digits at least ("1e-05").
  if (text.find_first_of(".eninf") == std::string::npos) text += ".0";
  return text;
}

std::string SchemaToJson(const OpSchema& s, int indent) {
  const std::string pad(indent, ' ');
  const std::string in = pad + "  ";
  std::vector<const AttributeDef*> attrs;
  for (const auto& a : s.attributes()) attrs.push_back(&a);
  std::sort(attrs.begin(), attrs.end(),
            [](const AttributeDef* a, const AttributeDef* b) { return a->name < b->name; });
  std::vector<std::string> attr_items;
  for (const auto* a : attrs) {
    std::string item = absl::StrCat("{\"name\": ", Quote(a->name), ", \"type\": \"",
                                    AttributeTypeName(a->type),
                                    "\", \"required\": ", Bool(a->required));
    if (a->default_value) absl::StrAppend(&item, ", \"default_value\": ", DefaultValueJson(*a->default_value));
    attr_items.push_back(item + "}");
  }
  std::vector<std::string> inputs, outputs, constraints;
  for (const auto& p : s.inputs()) inputs.push_back(FormalJson(p));
  for (const auto& p : s.outputs()) outputs.push_back(FormalJson(p));
  for (const auto& c : s.type_constraints()) {
    std::vector<std::string> allowed = c.allowed_type_strs;
    std::sort(allowed.begin(), allowed.end());
    std::vector<std::string> quoted;
    for (const auto& t : allowed) quoted.push_back(Quote(t));
    constraints.push_back(absl::StrCat("{\"type_param_str\": ", Quote(c.type_param_str),
                                       ", \"allowed_type_strs\": [",
                                       absl::StrJoin(quoted, ", "), "]}"));
  }
  std::string out;
  absl::StrAppend(&out, pad, "{\n");
  absl::StrAppend(&out, in, "\"domain\": ", Quote(s.domain()), ",\n");
  absl::StrAppend(&out, in, "\"name\": ", Quote(s.name()), ",\n");
  absl::StrAppend(&out, in, "\"since_version\": ", s.since_version(), ",\n");
  absl::StrAppend(&out, in, "\"deprecated\": ", Bool(s.deprecated()), ",\n");
  absl::StrAppend(&out, in, "\"support_level\": \"",
                  s.support_level() == SupportLevel::kCommon ? "common" : "experimental", "\",\n");
  absl::StrAppend(&out, in, "\"min_input\": ", s.min_input(), ",\n");
  absl::StrAppend(&out, in, "\"max_input\": ", s.max_input(), ",\n");
  absl::StrAppend(&out, in, "\"min_output\": ", s.min_output(), ",\n");
  absl::StrAppend(&out, in, "\"max_output\": ", s.max_output(), ",\n");
  absl::StrAppend(&out, in, "\"attributes\": ", Block(attr_items, in), ",\n");
  absl::StrAppend(&out, in, "\"inputs\": ", Block(inputs, in), ",\n");
  absl::StrAppend(&out, in, "\"outputs\": ", Block(outputs, in), ",\n");
  absl::StrAppend(&out, in, "\"type_constraints\": ", Block(constraints, in), ",\n");
  absl::StrAppend(&out, in, "\"has_type_and_shape_inference_function\": ",
                  Bool(s.has_inference_function()), ",\n");
  absl::StrAppend(&out, in, "\"has_data_propagation_function\": ",
                  Bool(s.has_data_propagation_function()), ",\n");
  absl::StrAppend(&out, in, "\"has_function\": ", Bool(s.has_function()), ",\n");
  absl::StrAppend(&out, in, "\"function_opset_versions\": ",
                  IntList(s.function_opset_versions()), ",\n");
  absl::StrAppend(&out, in, "\"has_context_dependent_function\": ",
                  Bool(s.has_context_dependent_function()), ",\n");
  absl::StrAppend(&out, in, "\"context_dependent_function_opset_versions\": ",
                  IntList(s.context_dependent_function_opset_versions()), ",\n");
  absl::StrAppend(&out, in, "\"node_determinism\": \"", DeterminismName(s.node_determinism()),
                  "\"\n");
  absl::StrAppend(&out, pad, "}");
  return out;
}

std::string SchemasToJson(const std::vector<const OpSchema*>& schemas) {
  std::vector<const OpSchema*> sorted = schemas;
  std::sort(sorted.begin(), sorted.end(), [](const OpSchema* a, const OpSchema* b) {
    return std::make_tuple(a->domain(), a->name(), a->since_version()) <
           std::make_tuple(b->domain(), b->name(), b->since_version());
  });
  std::vector<const DomainOpsetRange*> ranges;
  for (const auto& r : kDomainOpsetRanges) ranges.push_back(&r);
  std::sort(ranges.begin(), ranges.end(), [](const DomainOpsetRange* a, const DomainOpsetRange* b) {
    return std::string_view(a->domain) < std::string_view(b->domain);
  });
  std::vector<std::string> range_items;
  for (const auto* r : ranges) {
    range_items.push_back(absl::StrCat("    ", Quote(r->domain), ": {\"min\": ", r->min_version,
                                       ", \"max\": ", r->max_version,
                                       ", \"last_release\": ", r->last_release, "}"));
  }
  std::vector<std::string> items;
  for (const auto* s : sorted) items.push_back(SchemaToJson(*s, 4));
  return absl::StrCat("{\n  \"generator\": \"onnxforge schemas --json\",\n",
                      "  \"domain_version_range\": {\n", absl::StrJoin(range_items, ",\n"),
                      "\n  },\n  \"schemas\": [\n", absl::StrJoin(items, ",\n"), "\n  ]\n}\n");
}

}  // namespace onnxforge
