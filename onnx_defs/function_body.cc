#include "onnx_defs/function_body.h"

#include <algorithm>
#include <exception>
#include <functional>
#include <unordered_map>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/type_binding.h"

namespace onnxforge {
namespace {

// Bodies nest subgraphs no deeper than this.
constexpr int kMaxSubgraphDepth = 64;

// The largest registered opset not above `opset`, or 0.
int InForce(const std::vector<int>& versions, int opset) {
  int best = 0;
  for (int v : versions) {
    if (v <= opset && v > best) best = v;
  }
  return best;
}

// What a context-dependent body builder sees of the call.
class CallContext : public FunctionBodyContext {
 public:
  CallContext(const OpSchema& schema, const NodeProto& call,
              const std::vector<const TypeProto*>& input_types)
      : call_(call), input_types_(input_types) {
    for (const auto& def : schema.attributes()) {
      if (!def.default_value) continue;
      AttributeProto value = *def.default_value;
      value.set_name(def.name);
      defaults_.emplace(def.name, std::move(value));
    }
  }
  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : call_.attribute()) {
      if (a.name() == name) return &a;
    }
    auto it = defaults_.find(std::string(name));
    return it == defaults_.end() ? nullptr : &it->second;
  }
  bool has_input(size_t index) const override {
    return index < static_cast<size_t>(call_.input_size()) && !call_.input(index).empty();
  }
  bool has_output(size_t index) const override {
    return index < static_cast<size_t>(call_.output_size()) && !call_.output(index).empty();
  }
  const TypeProto* input_type(size_t index) const override {
    return has_input(index) && index < input_types_.size() ? input_types_[index] : nullptr;
  }

 private:
  const NodeProto& call_;
  const std::vector<const TypeProto*>& input_types_;
  std::unordered_map<std::string, AttributeProto> defaults_;
};

// Maps the body's names to the caller's.
class Renamer {
 public:
  explicit Renamer(std::string prefix) : prefix_(std::move(prefix)) {}
  void Bind(const std::string& formal, const std::string& actual) { fixed_[formal] = actual; }
  std::string Map(const std::string& name) const {
    if (name.empty()) return name;
    auto it = fixed_.find(name);
    return it != fixed_.end() ? it->second : prefix_ + name;
  }
  // True when the body name stands for a value the call leaves out.
  bool IsAbsent(const std::string& name) const {
    auto it = fixed_.find(name);
    return !name.empty() && it != fixed_.end() && it->second.empty();
  }

 private:
  std::string prefix_;
  std::unordered_map<std::string, std::string> fixed_;
};

using AttributeLookup = std::function<const AttributeProto*(const std::string&)>;

absl::Status RewriteGraph(GraphProto* graph, const Renamer& names,
                          const AttributeLookup& attributes, int depth);

// Replaces attribute references with values and renames inside subgraphs.
absl::Status RewriteNode(NodeProto* node, const Renamer& names, const AttributeLookup& attributes,
                         int depth) {
  for (auto& input : *node->mutable_input()) input = names.Map(input);
  for (auto& output : *node->mutable_output()) output = names.Map(output);
  auto* attrs = node->mutable_attribute();
  for (int i = 0; i < attrs->size();) {
    AttributeProto* attr = attrs->Mutable(i);
    if (!attr->ref_attr_name().empty()) {
      const AttributeProto* value = attributes(attr->ref_attr_name());
      if (value == nullptr) {  // neither given nor defaulted: leave it out
        attrs->DeleteSubrange(i, 1);
        continue;
      }
      const std::string name = attr->name();
      *attr = *value;
      attr->set_name(name);
      attr->clear_ref_attr_name();
    }
    if (attr->has_g()) {
      ONNXFORGE_RETURN_IF_ERROR(RewriteGraph(attr->mutable_g(), names, attributes, depth + 1));
    }
    for (auto& g : *attr->mutable_graphs()) {
      ONNXFORGE_RETURN_IF_ERROR(RewriteGraph(&g, names, attributes, depth + 1));
    }
    ++i;
  }
  return absl::OkStatus();
}

absl::Status RewriteGraph(GraphProto* graph, const Renamer& names,
                          const AttributeLookup& attributes, int depth) {
  if (depth > kMaxSubgraphDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat("function body subgraphs nest deeper than ", kMaxSubgraphDepth, " levels"));
  }
  for (auto* list :
       {graph->mutable_input(), graph->mutable_output(), graph->mutable_value_info()}) {
    for (auto& info : *list) info.set_name(names.Map(info.name()));
  }
  for (auto& t : *graph->mutable_initializer()) t.set_name(names.Map(t.name()));
  for (auto& t : *graph->mutable_sparse_initializer()) {
    t.mutable_values()->set_name(names.Map(t.values().name()));
  }
  for (auto& node : *graph->mutable_node()) {
    ONNXFORGE_RETURN_IF_ERROR(RewriteNode(&node, names, attributes, depth));
  }
  return absl::OkStatus();
}

// True when the body node cannot run because a required input is absent.
bool MissesRequiredInput(const NodeProto& node, const Renamer& names,
                         const std::map<std::string, int>& opsets) {
  std::vector<size_t> absent;
  for (int i = 0; i < node.input_size(); ++i) {
    if (names.IsAbsent(node.input(i))) absent.push_back(i);
  }
  if (absent.empty()) return false;
  auto opset = opsets.find(std::string(CanonicalDomain(node.domain())));
  if (opset == opsets.end()) return false;
  const OpSchema* schema =
      SchemaRegistry::Instance().Lookup(node.op_type(), opset->second, node.domain());
  if (schema == nullptr) return false;
  for (size_t i : absent) {
    const FormalParameter* formal = FormalAt(schema->inputs(), i);
    if (formal != nullptr && formal->option == FormalOption::kSingle) return true;
  }
  return false;
}

std::string DefaultPrefix(const NodeProto& call) {
  for (const auto& output : call.output()) {
    if (!output.empty()) return absl::StrCat(output, "__");
  }
  return absl::StrCat(call.name().empty() ? call.op_type() : call.name(), "__");
}

// Inlines `function` at `call`.
absl::StatusOr<ExpandedBody> Inline(const FunctionProto& function, const NodeProto& call,
                                    const AttributeLookup& defaults, std::string_view prefix) {
  Renamer names(prefix.empty() ? DefaultPrefix(call) : std::string(prefix));
  for (int i = 0; i < function.input_size(); ++i) {
    names.Bind(function.input(i), i < call.input_size() ? call.input(i) : "");
  }
  for (int i = 0; i < function.output_size(); ++i) {
    if (i < call.output_size() && !call.output(i).empty()) {
      names.Bind(function.output(i), call.output(i));
    }
  }
  AttributeLookup attributes = [&](const std::string& name) -> const AttributeProto* {
    for (const auto& a : call.attribute()) {
      if (a.name() == name) return &a;
    }
    return defaults(name);
  };
  ExpandedBody body;
  for (const auto& import : function.opset_import()) {
    body.opsets[std::string(CanonicalDomain(import.domain()))] = static_cast<int>(import.version());
  }
  for (const auto& original : function.node()) {
    if (MissesRequiredInput(original, names, body.opsets)) {
      // Whatever the node would produce is absent as well.
      for (const auto& output : original.output()) {
        if (!output.empty()) names.Bind(output, "");
      }
      continue;
    }
    NodeProto node = original;
    ONNXFORGE_RETURN_IF_ERROR(RewriteNode(&node, names, attributes, 0));
    body.nodes.push_back(std::move(node));
  }
  return body;
}

// Runs a body builder; an exception escaping it (a bug in the schema)
// becomes an error.
absl::StatusOr<std::string> BuildBody(const FunctionBodyBuilder& builder,
                                      const FunctionBodyContext& context) {
  try {
    return builder(context);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("the builder threw an exception: ", e.what()));
  }
}

}  // namespace

bool HasFunctionBodyAt(const OpSchema& schema, int opset) {
  return InForce(schema.function_opset_versions(), opset) > 0 ||
         InForce(schema.context_dependent_function_opset_versions(), opset) > 0;
}

absl::StatusOr<FunctionProto> SchemaFunctionBody(const OpSchema& schema, const NodeProto& call,
                                                 int opset,
                                                 const std::vector<const TypeProto*>& input_types) {
  const int fixed = InForce(schema.function_opset_versions(), opset);
  const int built = InForce(schema.context_dependent_function_opset_versions(), opset);
  const std::string op = schema.Describe();
  if (fixed == 0 && built == 0) {
    return absl::NotFoundError(absl::StrCat(op, " has no function body at opset ", opset));
  }
  std::string text;
  if (built > fixed) {
    CallContext context(schema, call, input_types);
    absl::StatusOr<std::string> made = BuildBody(*schema.FunctionBodyBuilderAt(opset), context);
    if (!made.ok()) {
      return absl::Status(
          made.status().code(),
          absl::StrCat(op, ": building the function body failed: ", made.status().message()));
    }
    text = *std::move(made);
  } else {
    text = *schema.FunctionBodyText(opset);
  }
  const int body_opset = std::max(fixed, built);
  FunctionProto function;
  if (absl::StrContains(text, "=>")) {
    absl::StatusOr<FunctionProto> parsed = ParseFunction(text);
    if (!parsed.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(op, ": the function body of opset ", body_opset,
                       " does not parse: ", parsed.status().message()));
    }
    function = *std::move(parsed);
  } else {
    absl::StatusOr<std::vector<NodeProto>> nodes = ParseNodeList(text);
    if (!nodes.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(op, ": the function body of opset ", body_opset,
                       " does not parse: ", nodes.status().message()));
    }
    for (auto& node : *nodes) *function.add_node() = std::move(node);
    for (const auto& formal : schema.inputs()) function.add_input(formal.name);
    for (const auto& formal : schema.outputs()) function.add_output(formal.name);
  }
  function.set_name(schema.name());
  function.set_domain(schema.domain());
  bool imports_own_domain = false;
  for (const auto& import : function.opset_import()) {
    imports_own_domain |= CanonicalDomain(import.domain()) == CanonicalDomain(schema.domain());
  }
  if (!imports_own_domain) {
    auto* import = function.add_opset_import();
    import->set_domain(schema.domain());
    import->set_version(opset);
  }
  for (const auto& def : schema.attributes()) {
    if (!def.default_value) continue;
    AttributeProto* value = function.add_attribute_proto();
    *value = *def.default_value;
    value->set_name(def.name);
  }
  return function;
}

absl::StatusOr<ExpandedBody> ExpandSchemaCall(const OpSchema& schema, const NodeProto& call,
                                              int opset,
                                              const std::vector<const TypeProto*>& input_types,
                                              std::string_view prefix) {
  absl::StatusOr<FunctionProto> function = SchemaFunctionBody(schema, call, opset, input_types);
  if (!function.ok()) return function.status();
  return ExpandLocalFunctionCall(*function, call, prefix);
}

absl::StatusOr<std::vector<NodeProto>> ExpandFunctionBody(
    const OpSchema& schema, const NodeProto& call, int opset,
    const std::vector<const TypeProto*>& input_types) {
  absl::StatusOr<ExpandedBody> body = ExpandSchemaCall(schema, call, opset, input_types);
  if (!body.ok()) return body.status();
  return std::move(body->nodes);
}

absl::StatusOr<ExpandedBody> ExpandLocalFunctionCall(const FunctionProto& function,
                                                     const NodeProto& call,
                                                     std::string_view prefix) {
  AttributeLookup defaults = [&](const std::string& name) -> const AttributeProto* {
    for (const auto& a : function.attribute_proto()) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  };
  return Inline(function, call, defaults, prefix);
}

}  // namespace onnxforge
