#include "version_converter/adapters/attribute_default.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/attribute_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

// Two attribute values are the same when their payloads are; names and
// docs do not count.
bool SameValue(const AttributeProto& a, const AttributeProto& b) {
  AttributeProto x = a, y = b;
  for (AttributeProto* v : {&x, &y}) {
    v->clear_name();
    v->clear_doc_string();
    v->clear_ref_attr_name();
  }
  return x.SerializeAsString() == y.SerializeAsString();
}

}  // namespace

std::string AttributeValueString(const AttributeProto& attr) {
  switch (attr.type()) {
    case AttributeProto::INT:
      return absl::StrCat(attr.i());
    case AttributeProto::FLOAT:
      return absl::StrCat(attr.f());
    case AttributeProto::STRING:
      return absl::StrCat("\"", attr.s(), "\"");
    case AttributeProto::INTS:
      return absl::StrCat("[", absl::StrJoin(attr.ints(), ", "), "]");
    case AttributeProto::FLOATS:
      return absl::StrCat("[", absl::StrJoin(attr.floats(), ", "), "]");
    case AttributeProto::STRINGS:
      return absl::StrCat("[\"", absl::StrJoin(attr.strings(), "\", \""), "\"]");
    default:
      return "a value";
  }
}

NoOpValue IfAllOnes() {
  return [](const AttributeProto& attr) {
    for (int64_t v : attr.ints()) {
      if (v != 1) return false;
    }
    return attr.type() == AttributeProto::INTS;
  };
}

Adapter DropAttribute(const std::string& name) { return DropAttribute(name, nullptr); }

Adapter DropAttribute(const std::string& name, NoOpValue no_op) {
  Adapter adapter;
  adapter.kind = absl::StrCat("drop attribute '", name, "' at its default");
  adapter.attributes = {name};
  adapter.apply = [name, no_op = std::move(no_op)](Step& step) -> absl::Status {
    const AttributeProto* attr = step.attribute(name);
    if (attr == nullptr) return absl::OkStatus();
    bool harmless = false;
    const AttributeDef* def = step.from().FindAttribute(name);
    const bool has_default = def != nullptr && def->default_value.has_value();
    if (no_op) {
      harmless = no_op(*attr);
    } else if (has_default) {
      harmless = SameValue(*attr, *def->default_value);
    }
    if (!harmless) {
      std::string reason = absl::StrCat("attribute '", name, "' is ", AttributeValueString(*attr),
                                        ", but ", Step::Name(step.to()), " has no '", name, "'");
      if (has_default) {
        absl::StrAppend(&reason, " and behaves as if it were ",
                        AttributeValueString(*def->default_value));
      }
      return Step::Refuse(reason);
    }
    step.RemoveAttribute(name);
    return absl::OkStatus();
  };
  return adapter;
}

Adapter RemoveAttribute(const std::string& name) {
  Adapter adapter;
  adapter.kind = absl::StrCat("remove attribute '", name, "'");
  adapter.attributes = {name};
  adapter.apply = [name](Step& step) {
    step.RemoveAttribute(name);
    return absl::OkStatus();
  };
  return adapter;
}

Adapter SetAttribute(const std::string& name, AttributeProto value) {
  Adapter adapter;
  adapter.kind = absl::StrCat("set attribute '", name, "' to ", AttributeValueString(value));
  adapter.attributes = {name};
  adapter.apply = [name, value = std::move(value)](Step& step) {
    step.SetAttribute(name, value);
    return absl::OkStatus();
  };
  return adapter;
}

Adapter SetAttributeIfAbsent(const std::string& name, AttributeProto value) {
  Adapter adapter;
  adapter.kind =
      absl::StrCat("set attribute '", name, "' to ", AttributeValueString(value), " if absent");
  adapter.attributes = {name};
  adapter.apply = [name, value = std::move(value)](Step& step) {
    if (!step.has_attribute(name)) step.SetAttribute(name, value);
    return absl::OkStatus();
  };
  return adapter;
}

Adapter RenameAttribute(const std::string& from, const std::string& to) {
  Adapter adapter;
  adapter.kind = absl::StrCat("rename attribute '", from, "' to '", to, "'");
  adapter.attributes = {from, to};
  adapter.apply = [from, to](Step& step) {
    if (const AttributeProto* attr = step.attribute(from)) {
      AttributeProto value = *attr;
      step.RemoveAttribute(from);
      step.SetAttribute(to, std::move(value));
    }
    return absl::OkStatus();
  };
  return adapter;
}

Adapter RefuseValue(const std::string& name, const std::string& value) {
  Adapter adapter;
  adapter.kind = absl::StrCat("refuse attribute '", name, "' = \"", value, "\"");
  adapter.apply = [name, value](Step& step) -> absl::Status {
    const AttributeProto* attr = step.attribute(name);
    if (attr != nullptr && attr->s() == value) {
      return Step::Refuse("attribute '", name, "' is \"", value, "\", which ",
                          Step::Name(step.to()), " does not have");
    }
    return absl::OkStatus();
  };
  return adapter;
}

// Left unnamed: SetAttribute names the value on the node it lands on.
AttributeProto Int(int64_t value) { return IntAttr("", value); }

AttributeProto Ints(std::vector<int64_t> values) { return IntsAttr("", values); }

}  // namespace onnxforge::version_converter
