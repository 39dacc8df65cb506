// Checks of one node: its attributes, the op it names and the schema's
// rules for it.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/schema_cache.h"
#include "onnx_defs/type_binding.h"

namespace onnxforge {
namespace {

// The value fields of an attribute that hold something, by name.
std::vector<const char*> UsedValueFields(const AttributeProto& a) {
  std::vector<const char*> used;
  if (a.has_f()) used.push_back("f");
  if (a.has_i()) used.push_back("i");
  if (a.has_s()) used.push_back("s");
  if (a.has_t()) used.push_back("t");
  if (a.has_g()) used.push_back("g");
  if (a.has_sparse_tensor()) used.push_back("sparse_tensor");
  if (a.has_tp()) used.push_back("tp");
  if (a.floats_size()) used.push_back("floats");
  if (a.ints_size()) used.push_back("ints");
  if (a.strings_size()) used.push_back("strings");
  if (a.tensors_size()) used.push_back("tensors");
  if (a.graphs_size()) used.push_back("graphs");
  if (a.sparse_tensors_size()) used.push_back("sparse_tensors");
  if (a.type_protos_size()) used.push_back("type_protos");
  return used;
}

// The field a value of `type` lives in.
const char* FieldOfType(AttributeProto::AttributeType type) {
  switch (type) {
    case AttributeProto::FLOAT:
      return "f";
    case AttributeProto::INT:
      return "i";
    case AttributeProto::STRING:
      return "s";
    case AttributeProto::TENSOR:
      return "t";
    case AttributeProto::GRAPH:
      return "g";
    case AttributeProto::SPARSE_TENSOR:
      return "sparse_tensor";
    case AttributeProto::TYPE_PROTO:
      return "tp";
    case AttributeProto::FLOATS:
      return "floats";
    case AttributeProto::INTS:
      return "ints";
    case AttributeProto::STRINGS:
      return "strings";
    case AttributeProto::TENSORS:
      return "tensors";
    case AttributeProto::GRAPHS:
      return "graphs";
    case AttributeProto::SPARSE_TENSORS:
      return "sparse_tensors";
    case AttributeProto::TYPE_PROTOS:
      return "type_protos";
    default:
      return "";
  }
}

bool IsListType(AttributeProto::AttributeType type) { return type >= AttributeProto::FLOATS; }

bool FunctionDeclaresAttribute(const FunctionProto& function, std::string_view name) {
  for (const auto& a : function.attribute()) {
    if (a == name) return true;
  }
  for (const auto& a : function.attribute_proto()) {
    if (a.name() == name) return true;
  }
  return false;
}

// "attribute 'x' is INT but ...": a rule broken by the attribute itself.
absl::Status Fail(absl::string_view label, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(label, " ", what));
}

// Checks what the attribute holds, including nested tensors and graphs.
absl::Status CheckAttributeValue(const AttributeProto& attr, const CheckerContext& ctx,
                                 const LexicalScope& scope) {
  const std::string label = absl::StrCat("attribute '", attr.name(), "'");
  const auto used = UsedValueFields(attr);
  if (!attr.ref_attr_name().empty()) {
    if (ctx.function == nullptr) {
      return Fail(label, absl::StrCat("refers to '", attr.ref_attr_name(),
                                      "' (ref_attr_name), which only a function body may do"));
    }
    if (!FunctionDeclaresAttribute(*ctx.function, attr.ref_attr_name())) {
      return Fail(label, absl::StrCat("refers to '", attr.ref_attr_name(), "', which function '",
                                      ctx.function->name(), "' does not declare"));
    }
    if (!used.empty()) {
      return Fail(label, absl::StrCat("refers to '", attr.ref_attr_name(),
                                      "' but also holds a value in ", used[0]));
    }
    // Without a type of its own, a reference takes the type the schema gives.
    return absl::OkStatus();
  }
  AttributeProto::AttributeType type = attr.type();
  if (type == AttributeProto::UNDEFINED) {
    if (ctx.ir_version >= 2) return Fail(label, "has no type (required from IR version 2)");
    if (used.size() != 1) return Fail(label, "has no type and no single value field");
    return absl::OkStatus();
  }
  const std::string_view expected = FieldOfType(type);
  if (expected.empty()) return Fail(label, absl::StrCat("has unknown type ", type));
  for (const char* field : used) {
    if (expected != field) {
      return Fail(label, absl::StrCat("is ", AttributeTypeName(type), " but holds a value in '",
                                      field, "'"));
    }
  }
  if (used.empty() && !IsListType(type)) {
    return Fail(label, absl::StrCat("is ", AttributeTypeName(type), " but holds no value"));
  }
  if ((type == AttributeProto::SPARSE_TENSOR || type == AttributeProto::SPARSE_TENSORS) &&
      ctx.ir_version < 6) {
    return Fail(label, absl::StrCat("sparse tensor attributes need IR version 6, the model has ",
                                    ctx.ir_version));
  }
  // A problem inside the value: "attribute 'value': tensor 'w': ...".
  auto in_label = [&](absl::Status s) {
    return s.ok() ? s : absl::InvalidArgumentError(absl::StrCat(label, ": ", s.message()));
  };
  switch (type) {
    case AttributeProto::TENSOR:
      return in_label(CheckTensor(attr.t(), ctx.ir_version));
    case AttributeProto::TENSORS:
      for (const auto& t : attr.tensors()) {
        if (absl::Status s = CheckTensor(t, ctx.ir_version); !s.ok()) return in_label(s);
      }
      return absl::OkStatus();
    case AttributeProto::SPARSE_TENSOR:
      return in_label(CheckSparseTensor(attr.sparse_tensor(), ctx.ir_version));
    case AttributeProto::SPARSE_TENSORS:
      for (const auto& t : attr.sparse_tensors()) {
        if (absl::Status s = CheckSparseTensor(t, ctx.ir_version); !s.ok()) return in_label(s);
      }
      return absl::OkStatus();
    case AttributeProto::TYPE_PROTO:
      return in_label(CheckType(attr.tp(), ctx.ir_version, ctx.options.max_depth));
    case AttributeProto::TYPE_PROTOS:
      for (const auto& t : attr.type_protos()) {
        if (absl::Status s = CheckType(t, ctx.ir_version, ctx.options.max_depth); !s.ok()) {
          return in_label(s);
        }
      }
      return absl::OkStatus();
    case AttributeProto::GRAPH:
    case AttributeProto::GRAPHS: {
      if (ctx.depth + 1 > ctx.options.max_depth) {
        return in_label(absl::InvalidArgumentError(
            absl::StrCat("subgraphs nest deeper than ", ctx.options.max_depth, " levels")));
      }
      CheckerContext inner = ctx;
      inner.depth = ctx.depth + 1;
      if (type == AttributeProto::GRAPH) return in_label(CheckGraph(attr.g(), inner, &scope));
      for (const auto& g : attr.graphs()) {
        if (absl::Status s = CheckGraph(g, inner, &scope); !s.ok()) return in_label(s);
      }
      return absl::OkStatus();
    }
    default:
      return absl::OkStatus();
  }
}

std::string ArityText(int min, int max) {
  if (min == max) return absl::StrCat(min);
  if (max == std::numeric_limits<int>::max()) return absl::StrCat("at least ", min);
  return absl::StrCat(min, " to ", max);
}

// The rules a model-local function imposes on its call.
absl::Status CheckFunctionCall(const NodeProto& node, const FunctionProto& function) {
  const std::string name = absl::StrCat(function.domain(), ".", function.name());
  if (node.input_size() > function.input_size()) {
    return absl::InvalidArgumentError(absl::StrCat("has ", node.input_size(), " inputs; function '",
                                                   name, "' declares ", function.input_size()));
  }
  if (node.output_size() > function.output_size()) {
    return absl::InvalidArgumentError(absl::StrCat("has ", node.output_size(),
                                                   " outputs; function '", name, "' declares ",
                                                   function.output_size()));
  }
  return absl::OkStatus();
}

// The rules the schema imposes: arity, attributes, declared types.
absl::Status CheckAgainstSchema(const NodeProto& node, const SchemaTypeRules& rules,
                                const CheckerContext& ctx, const LexicalScope& scope) {
  const OpSchema& schema = rules.schema();
  // A schema without formal parameters has no signature to check against.
  if (schema.inputs().empty() && schema.outputs().empty()) return absl::OkStatus();
  if (!schema.AcceptsInputCount(node.input_size())) {
    return absl::InvalidArgumentError(
        absl::StrCat("has ", node.input_size(), " inputs; ", schema.Describe(), " accepts ",
                     ArityText(schema.min_input(), schema.max_input())));
  }
  if (!schema.AcceptsOutputCount(node.output_size())) {
    return absl::InvalidArgumentError(
        absl::StrCat("has ", node.output_size(), " outputs; ", schema.Describe(), " accepts ",
                     ArityText(schema.min_output(), schema.max_output())));
  }
  for (int i = 0; i < node.input_size(); ++i) {
    const FormalParameter* formal = FormalAt(schema.inputs(), i);
    if (formal != nullptr && formal->option == FormalOption::kSingle && node.input(i).empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("input ", i, " ('", formal->name, "') is required but empty"));
    }
  }
  for (const auto& attr : node.attribute()) {
    const AttributeDef* def = schema.FindAttribute(attr.name());
    if (def == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("attribute '", attr.name(), "' is not an attribute of ", schema.Describe()));
    }
    if (attr.type() != AttributeProto::UNDEFINED && attr.type() != def->type) {
      return absl::InvalidArgumentError(absl::StrCat("attribute '", attr.name(), "' must be ",
                                                     AttributeTypeName(def->type), ", got ",
                                                     AttributeTypeName(attr.type())));
    }
  }
  for (const auto& def : schema.attributes()) {
    if (!def.required) continue;
    bool present = false;
    for (const auto& attr : node.attribute()) present |= attr.name() == def.name;
    if (!present) {
      return absl::InvalidArgumentError(absl::StrCat("required attribute '", def.name, "' of ",
                                                     schema.Describe(), " is missing"));
    }
  }
  if (!ctx.options.check_types) return absl::OkStatus();
  TypeBinding binding(rules);
  for (int i = 0; i < node.input_size(); ++i) {
    if (node.input(i).empty()) continue;
    if (const TypeProto* type = scope.TypeOf(node.input(i))) {
      if (absl::Status s = binding.Bind(true, i, node.input(i), *type); !s.ok()) return s;
    }
  }
  for (int i = 0; i < node.output_size(); ++i) {
    if (node.output(i).empty()) continue;
    if (const TypeProto* type = scope.DeclaredType(node.output(i))) {
      if (absl::Status s = binding.Bind(false, i, node.output(i), *type); !s.ok()) return s;
    }
  }
  return absl::OkStatus();
}

absl::Status CheckNodeBody(const NodeProto& node, const CheckerContext& ctx,
                           const LexicalScope& scope) {
  if (node.op_type().empty()) return absl::InvalidArgumentError("op_type is empty");
  if (node.input_size() == 0 && node.output_size() == 0) {
    return absl::InvalidArgumentError("has no inputs and no outputs");
  }
  for (int i = 0; i < node.input_size(); ++i) {
    const std::string& name = node.input(i);
    if (!name.empty() && !scope.Visible(name)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "input ", i, " ('", name,
          "') is not defined before the node (nodes must be in topological order; a value "
          "comes from a graph input, an initializer, an earlier node or an enclosing graph)"));
    }
  }
  std::set<std::string> attribute_names;
  for (const auto& attr : node.attribute()) {
    if (attr.name().empty()) return absl::InvalidArgumentError("an attribute has no name");
    if (!attribute_names.insert(attr.name()).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("attribute '", attr.name(), "' appears more than once"));
    }
    if (absl::Status s = CheckAttributeValue(attr, ctx, scope); !s.ok()) return s;
  }
  if (!node.overload().empty() && ctx.ir_version < 10) {
    return absl::InvalidArgumentError(
        absl::StrCat("overload needs IR version 10, the model has ", ctx.ir_version));
  }
  if (node.metadata_props_size() > 0 && ctx.ir_version < 10) {
    return absl::InvalidArgumentError(
        absl::StrCat("metadata_props needs IR version 10, the model has ", ctx.ir_version));
  }
  if (node.device_configurations_size() > 0 && ctx.ir_version < 11) {
    return absl::InvalidArgumentError(
        absl::StrCat("device_configurations needs IR version 11, the model has ", ctx.ir_version));
  }

  const std::string_view domain = CanonicalDomain(node.domain());
  // Only messages need the domain spelled out.
  auto domain_name = [&] { return domain.empty() ? std::string("ai.onnx") : std::string(domain); };
  auto opset = ctx.opsets.find(domain);
  if (opset == ctx.opsets.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("domain '", domain_name(), "' is not imported (add it to opset_import)"));
  }
  if (ctx.functions != nullptr && !ctx.functions->empty()) {
    auto fn =
        ctx.functions->find(FunctionKey{std::string(domain), node.op_type(), node.overload()});
    if (fn != ctx.functions->end()) return CheckFunctionCall(node, *fn->second);
  }
  const int version = static_cast<int>(opset->second);
  SchemaCache own_cache;
  SchemaCache& schemas = ctx.schemas != nullptr ? *ctx.schemas : own_cache;
  const SchemaCache::Entry& resolved = schemas.Lookup(domain, node.op_type(), version);
  const OpSchema* schema = resolved.schema;
  if (schema == nullptr) {
    const SchemaRegistry& registry = SchemaRegistry::Instance();
    auto versions = registry.Versions(node.op_type(), domain);
    if (!versions.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(node.op_type(), " is not defined in ", domain_name(), " at opset ", version,
                       "; its first version is opset ", versions.front()->since_version()));
    }
    if (FindDomainOpsetRange(domain) != nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(node.op_type(), " is not an operator of ",
                                                     domain_name(), " (opset ", version, ")"));
    }
    if (ctx.options.allow_custom_domains) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat(
        "no schema or model-local function defines ", domain_name(), ".", node.op_type(),
        " (custom domains are accepted only with allow_custom_domains)"));
  }
  if (schema->deprecated()) {
    return absl::InvalidArgumentError(
        absl::StrCat(schema->Describe(), " is deprecated at opset ", version));
  }
  return CheckAgainstSchema(node, *resolved.rules, ctx, scope);
}

}  // namespace

std::string NodeLabel(const NodeProto& node, int index) {
  if (node.op_type().empty()) return absl::StrCat("node ", index, " (\"", node.name(), "\")");
  std::string op = node.op_type();
  const std::string domain(CanonicalDomain(node.domain()));
  if (!domain.empty()) op = absl::StrCat(domain, ".", op);
  return absl::StrCat("node ", index, " (\"", node.name(), "\", ", op, ")");
}

absl::Status CheckNode(const NodeProto& node, int index, const CheckerContext& ctx,
                       const LexicalScope& scope) {
  absl::Status status = CheckNodeBody(node, ctx, scope);
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(NodeLabel(node, index), ": ", status.message()));
}

}  // namespace onnxforge
