// Inference of one node: the context a schema's inference function sees,
// subgraph inference, data propagation, and inference through function
// bodies (model-local functions and ops defined by a body).
#include <exception>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/function_body.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference_internal.h"
#include "onnx_defs/type_binding.h"

namespace onnxforge::inference {
namespace {

// Subgraphs and function bodies nest no deeper than this.
constexpr int kMaxDepth = 64;
// Constants larger than this are not read as shapes.
constexpr int64_t kMaxShapeDataElements = 4096;

absl::Status WithPrefix(absl::string_view prefix, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(prefix, ": ", status.message()));
}

// Infers a graph attribute's subgraph with the node's scope in view.
class SubgraphInferencer : public GraphInferencer {
 public:
  SubgraphInferencer(GraphProto& graph, std::string attribute, const ValueScope& outer,
                     const OpsetMap& opsets, Session& session)
      : graph_(graph),
        attribute_(std::move(attribute)),
        outer_(outer),
        opsets_(opsets),
        session_(session) {}

  absl::StatusOr<std::vector<TypeProto>> Infer(
      const std::vector<const TypeProto*>& input_types,
      const std::vector<const TensorProto*>& input_data) override {
    const std::string where = absl::StrCat("attribute '", attribute_, "'");
    if (input_types.size() != static_cast<size_t>(graph_.input_size())) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": the graph has ", graph_.input_size(),
                                                     " inputs, the node gives ",
                                                     input_types.size()));
    }
    if (session_.depth >= kMaxDepth) {
      return absl::InvalidArgumentError(
          absl::StrCat(where, ": subgraphs nest deeper than ", kMaxDepth, " levels"));
    }
    for (size_t i = 0; i < input_types.size(); ++i) {
      if (input_types[i] == nullptr) continue;
      ValueInfoProto* input = graph_.mutable_input(static_cast<int>(i));
      absl::Status merged = MergeTypeInto(*input_types[i], input->mutable_type());
      if (!merged.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat(where, ": input ", i, " ('", input->name(), "') of the graph is declared ",
                         TypeDebugString(input->type()), ", the node gives ",
                         TypeDebugString(*input_types[i]), ": ", merged.message()));
      }
    }
    ValueScope scope(&outer_);
    for (size_t i = 0; i < input_data.size() && i < input_types.size(); ++i) {
      if (input_data[i] != nullptr) {
        scope.SetOwnedConstant(graph_.input(static_cast<int>(i)).name(), *input_data[i]);
      }
    }
    ++session_.depth;
    absl::Status status;
    {
      LocationGuard guard(session_, where);
      status = InferGraph(graph_, scope, opsets_, session_);
    }
    --session_.depth;
    if (!status.ok()) return WithPrefix(where, status);
    std::vector<TypeProto> outputs;
    for (const auto& output : graph_.output()) outputs.push_back(output.type());
    return outputs;
  }

 private:
  GraphProto& graph_;
  std::string attribute_;
  const ValueScope& outer_;
  const OpsetMap& opsets_;
  Session& session_;
};

class NodeContext : public InferenceContext {
 public:
  NodeContext(NodeProto& node, const ValueScope& scope, const OpsetMap& opsets, Session& session)
      : node_(node),
        scope_(scope),
        opsets_(opsets),
        session_(session),
        outputs_(node.output_size()) {}

  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : node_.attribute()) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  size_t num_inputs() const override { return node_.input_size(); }
  bool has_input(size_t i) const override {
    return i < num_inputs() && !node_.input(static_cast<int>(i)).empty();
  }
  const TypeProto* input_type(size_t i) const override {
    return has_input(i) ? scope_.Type(node_.input(static_cast<int>(i))) : nullptr;
  }
  const TensorProto* input_data(size_t i) const override {
    return has_input(i) ? scope_.Constant(node_.input(static_cast<int>(i))) : nullptr;
  }
  const TensorShapeProto* input_shape_data(size_t i) const override {
    if (!has_input(i) || !session_.options.data_propagation) return nullptr;
    return scope_.ShapeData(node_.input(static_cast<int>(i)));
  }
  size_t num_outputs() const override { return outputs_.size(); }
  bool has_output(size_t i) const override {
    return i < outputs_.size() && !node_.output(static_cast<int>(i)).empty();
  }
  TypeProto* output_type(size_t i) override { return i < outputs_.size() ? &outputs_[i] : nullptr; }
  GraphInferencer* graph_inferencer(std::string_view name) override {
    auto cached = inferencers_.find(std::string(name));
    if (cached != inferencers_.end()) return cached->second.get();
    for (auto& attr : *node_.mutable_attribute()) {
      if (attr.name() != name || !attr.has_g()) continue;
      auto inferencer = std::make_unique<SubgraphInferencer>(*attr.mutable_g(), attr.name(), scope_,
                                                             opsets_, session_);
      GraphInferencer* raw = inferencer.get();
      inferencers_.emplace(attr.name(), std::move(inferencer));
      return raw;
    }
    return nullptr;
  }
  int opset_version(std::string_view domain) const override {
    auto it = opsets_.find(CanonicalDomain(domain));
    return it == opsets_.end() ? -1 : it->second;
  }

  std::vector<TypeProto>& outputs() { return outputs_; }

 private:
  NodeProto& node_;
  const ValueScope& scope_;
  const OpsetMap& opsets_;
  Session& session_;
  std::vector<TypeProto> outputs_;
  std::map<std::string, std::unique_ptr<SubgraphInferencer>> inferencers_;
};

// A constant 1-D (or scalar) integer tensor read as a shape.
std::optional<TensorShapeProto> ConstantAsShape(const TensorProto& tensor) {
  if (tensor.dims_size() > 1) return std::nullopt;
  if (tensor.dims_size() == 1 && tensor.dims(0) > kMaxShapeDataElements) return std::nullopt;
  if (UsesExternalData(tensor)) return std::nullopt;
  absl::StatusOr<std::vector<int64_t>> values = ReadInt64s(tensor);
  if (!values.ok()) return std::nullopt;
  TensorShapeProto shape;
  for (int64_t v : *values) shape.add_dim()->set_dim_value(v);
  return shape;
}

class PropagationContext : public DataPropagationContext {
 public:
  PropagationContext(const NodeProto& node, const ValueScope& scope, const OpsetMap& opsets)
      : node_(node),
        scope_(scope),
        opsets_(opsets),
        converted_(node.input_size()),
        results_(node.output_size()) {}

  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : node_.attribute()) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  size_t num_inputs() const override { return node_.input_size(); }
  const TypeProto* input_type(size_t i) const override {
    if (i >= num_inputs() || node_.input(static_cast<int>(i)).empty()) return nullptr;
    return scope_.Type(node_.input(static_cast<int>(i)));
  }
  const TensorShapeProto* input_data(size_t i) const override {
    if (i >= num_inputs() || node_.input(static_cast<int>(i)).empty()) return nullptr;
    const std::string& name = node_.input(static_cast<int>(i));
    if (const TensorShapeProto* data = scope_.ShapeData(name)) return data;
    if (!converted_[i]) {
      const TensorProto* constant = scope_.Constant(name);
      if (constant == nullptr) return nullptr;
      converted_[i] = ConstantAsShape(*constant);
    }
    return converted_[i] ? &*converted_[i] : nullptr;
  }
  size_t num_outputs() const override { return results_.size(); }
  void set_output_data(size_t i, TensorShapeProto value) override {
    if (i < results_.size()) results_[i] = std::move(value);
  }
  int opset_version(std::string_view domain) const override {
    auto it = opsets_.find(CanonicalDomain(domain));
    return it == opsets_.end() ? -1 : it->second;
  }

  std::vector<std::optional<TensorShapeProto>>& results() { return results_; }

 private:
  const NodeProto& node_;
  const ValueScope& scope_;
  const OpsetMap& opsets_;
  mutable std::vector<std::optional<TensorShapeProto>> converted_;
  std::vector<std::optional<TensorShapeProto>> results_;
};

// Infers the expansion of `call` in a scope of its own and returns what it
// learns about the call's outputs.
absl::StatusOr<NodeResult> InferExpandedBody(const NodeProto& call, ExpandedBody body,
                                             absl::string_view what, const ValueScope& scope,
                                             const OpsetMap& caller_opsets, Session& session) {
  if (session.depth >= kMaxDepth) {
    return absl::InvalidArgumentError(
        absl::StrCat(what, ": function bodies nest deeper than ", kMaxDepth, " levels"));
  }
  OpsetMap opsets = caller_opsets;
  for (const auto& [domain, version] : body.opsets) opsets[domain] = version;
  ValueScope inner(&scope);
  // The body's values live only in `inner`, which keeps their types itself.
  OutputSink keep = [](const std::string&, TypeProto&, const TypeProto**) {
    return absl::OkStatus();
  };
  ++session.depth;
  absl::Status status;
  {
    LocationGuard guard(session, std::string(what));
    status = InferNodes(body.nodes, inner, opsets, session, keep);
  }
  --session.depth;
  if (!status.ok()) return WithPrefix(what, status);
  NodeResult result;
  result.types.resize(call.output_size());
  result.shape_data.resize(call.output_size());
  for (int i = 0; i < call.output_size(); ++i) {
    const std::string& name = call.output(i);
    if (name.empty()) continue;
    if (const TypeProto* type = inner.TypeHere(name)) result.types[i] = *type;
    if (const TensorShapeProto* data = inner.ShapeDataHere(name)) result.shape_data[i] = *data;
  }
  return result;
}

std::string Prefix(Session& session) {
  return absl::StrCat("__body", session.next_expansion_id++, "_");
}

absl::StatusOr<NodeResult> InferLocalFunctionCall(const NodeProto& node,
                                                  const FunctionProto& function,
                                                  const FunctionKey& key, const ValueScope& scope,
                                                  const OpsetMap& opsets, Session& session) {
  const std::string what =
      absl::StrCat("body of function '", function.domain(), ".", function.name(), "'");
  for (const auto& active : session.active_functions) {
    if (active == key) {
      return absl::InvalidArgumentError(
          absl::StrCat("function '", function.domain(), ".", function.name(), "' calls itself"));
    }
  }
  absl::StatusOr<ExpandedBody> body = ExpandLocalFunctionCall(function, node, Prefix(session));
  if (!body.ok()) return body.status();
  session.active_functions.push_back(key);
  absl::StatusOr<NodeResult> result =
      InferExpandedBody(node, *std::move(body), what, scope, opsets, session);
  session.active_functions.pop_back();
  return result;
}

absl::StatusOr<NodeResult> InferSchemaBody(const NodeProto& node, const OpSchema& schema, int opset,
                                           const ValueScope& scope, const OpsetMap& opsets,
                                           Session& session) {
  std::vector<const TypeProto*> input_types;
  for (const auto& input : node.input()) {
    input_types.push_back(input.empty() ? nullptr : scope.Type(input));
  }
  const FunctionKey key{schema.domain(), schema.name(), "#schema"};
  for (const auto& active : session.active_functions) {
    if (active == key) {
      return absl::InvalidArgumentError(
          absl::StrCat("the function body of ", schema.Describe(), " calls the op itself"));
    }
  }
  absl::StatusOr<ExpandedBody> body =
      ExpandSchemaCall(schema, node, opset, input_types, Prefix(session));
  if (!body.ok()) return body.status();
  session.active_functions.push_back(key);
  absl::StatusOr<NodeResult> result = InferExpandedBody(
      node, *std::move(body), absl::StrCat("body of ", schema.Describe()), scope, opsets, session);
  session.active_functions.pop_back();
  return result;
}

// Runs a schema's function; an exception escaping it (a bug in the schema)
// becomes an error naming the schema instead of ending the process.
template <typename Fn>
absl::Status RunSchemaFunction(const OpSchema& schema, absl::string_view what, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return absl::InternalError(
        absl::StrCat(what, " of ", schema.Describe(), " threw an exception: ", e.what()));
  }
}

// Fills in output types the schema fixes, checking the inputs' types.
absl::Status ApplyTypeConstraints(const SchemaTypeRules& rules, NodeContext& ctx,
                                  const NodeProto& node) {
  TypeBinding binding(rules);
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    if (const TypeProto* type = ctx.input_type(i)) {
      ONNXFORGE_RETURN_IF_ERROR(binding.Bind(true, i, node.input(static_cast<int>(i)), *type));
    }
  }
  for (size_t i = 0; i < ctx.num_outputs(); ++i) {
    if (std::optional<TypeProto> fixed = binding.FixedOutputType(i)) {
      ctx.outputs()[i] = *std::move(fixed);
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<NodeResult> InferNode(NodeProto& node, const ValueScope& scope,
                                     const OpsetMap& opsets, Session& session) {
  const std::string_view domain = CanonicalDomain(node.domain());
  // Only messages need the domain spelled out.
  auto domain_name = [&] { return domain.empty() ? std::string("ai.onnx") : std::string(domain); };
  auto opset = opsets.find(domain);
  if (opset == opsets.end()) {
    return absl::InvalidArgumentError(absl::StrCat("domain '", domain_name(), "' is not imported"));
  }
  if (!session.functions.empty()) {
    const FunctionKey key{std::string(domain), node.op_type(), node.overload()};
    auto function = session.functions.find(key);
    if (function != session.functions.end()) {
      return InferLocalFunctionCall(node, *function->second, key, scope, opsets, session);
    }
  }
  const SchemaCache::Entry& resolved =
      session.schemas.Lookup(domain, node.op_type(), opset->second);
  const OpSchema* schema = resolved.schema;
  NodeResult result;
  result.types.resize(node.output_size());
  result.shape_data.resize(node.output_size());
  if (schema == nullptr) {
    if (FindDomainOpsetRange(domain) == nullptr &&
        SchemaRegistry::Instance().Versions(node.op_type(), domain).empty()) {
      return result;  // a custom op: nothing to infer from
    }
    return absl::NotFoundError(absl::StrCat("no schema for ", node.op_type(), " in ", domain_name(),
                                            " at opset ", opset->second));
  }
  NodeContext ctx(node, scope, opsets, session);
  ONNXFORGE_RETURN_IF_ERROR(ApplyTypeConstraints(*resolved.rules, ctx, node));
  if (schema->has_inference_function()) {
    ONNXFORGE_RETURN_IF_ERROR(RunSchemaFunction(*schema, "type inference",
                                                [&] { return schema->inference_function()(ctx); }));
  } else if (HasFunctionBodyAt(*schema, opset->second)) {
    absl::StatusOr<NodeResult> body =
        InferSchemaBody(node, *schema, opset->second, scope, opsets, session);
    if (!body.ok()) return body.status();
    for (size_t i = 0; i < ctx.outputs().size(); ++i) {
      ONNXFORGE_RETURN_IF_ERROR(WithPrefix(absl::StrCat("output ", i, " of the body"),
                                           MergeTypeInto(body->types[i], &ctx.outputs()[i])));
    }
    result.shape_data = std::move(body->shape_data);
  }
  result.types = std::move(ctx.outputs());
  if (session.options.data_propagation && schema->has_data_propagation_function()) {
    PropagationContext propagation(node, scope, opsets);
    ONNXFORGE_RETURN_IF_ERROR(
        WithPrefix("data propagation", RunSchemaFunction(*schema, "data propagation", [&] {
                     return schema->data_propagation_function()(propagation);
                   })));
    for (size_t i = 0; i < result.shape_data.size(); ++i) {
      if (propagation.results()[i]) result.shape_data[i] = std::move(propagation.results()[i]);
    }
  }
  return result;
}

}  // namespace onnxforge::inference
