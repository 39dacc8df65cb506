// Running graphs and nodes: kernels, model-local functions, schema function
// bodies and subgraphs.
#include <exception>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "onnx_defs/function_body.h"
#include "reference/executor_internal.h"
#include "reference/kernel.h"

namespace onnxforge::reference::internal {
namespace {

std::string NodeLabel(const NodeProto& node, int index, int version) {
  std::string label = absl::StrCat("node ", index);
  if (!node.name().empty()) absl::StrAppend(&label, " '", node.name(), "'");
  absl::StrAppend(&label, " (", OpLabel(node, version), ")");
  return label;
}

absl::Status Prefixed(const std::string& prefix, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(prefix, ": ", status.message()));
}

// Runs the graph attributes of one node, in a scope nested in the node's.
class NodeSubgraphs : public SubgraphRunner {
 public:
  NodeSubgraphs(const Scope& scope, const Frame& frame) : scope_(scope), frame_(frame) {}

  absl::StatusOr<std::vector<Value>> RunSubgraph(const GraphProto& graph,
                                                 const std::vector<Value>& inputs) override {
    if (frame_.depth >= kMaxNesting) {
      return absl::InvalidArgumentError(
          absl::StrCat("subgraphs and functions nest deeper than ", kMaxNesting, " levels"));
    }
    Scope scope(&scope_);
    for (int i = 0; i < graph.input_size() && i < static_cast<int>(inputs.size()); ++i) {
      ONNXFORGE_RETURN_IF_ERROR(scope.Define(graph.input(i).name(), inputs[i]));
    }
    Frame inner = frame_;
    inner.depth = frame_.depth + 1;
    ONNXFORGE_RETURN_IF_ERROR(RunGraph(graph, scope, inner));
    std::vector<Value> outputs;
    for (const ValueInfoProto& output : graph.output()) {
      const Value* v = scope.Find(output.name());
      if (v == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat("graph output '", output.name(), "' was never computed"));
      }
      outputs.push_back(*v);
    }
    return outputs;
  }

 private:
  const Scope& scope_;
  const Frame& frame_;
};

// Runs expanded body nodes in `scope` with the body's opsets over the
// caller's.
absl::Status RunBody(const std::vector<NodeProto>& nodes, const std::map<std::string, int>& opsets,
                     Scope& scope, const Frame& frame) {
  if (frame.depth >= kMaxNesting) {
    return absl::InvalidArgumentError(
        absl::StrCat("functions and subgraphs nest deeper than ", kMaxNesting,
                     " levels (does a function call itself?)"));
  }
  Frame inner = frame;
  inner.depth = frame.depth + 1;
  inner.kept = nullptr;  // the body's nodes live only for this call
  for (const auto& [domain, version] : opsets) inner.opsets[domain] = version;
  for (size_t i = 0; i < nodes.size(); ++i) {
    ONNXFORGE_RETURN_IF_ERROR(RunNode(nodes[i], static_cast<int>(i), scope, inner));
  }
  return absl::OkStatus();
}

// Every non-empty output of the node must now be defined.
absl::Status CheckOutputsDefined(const NodeProto& node, const Scope& scope) {
  for (const std::string& name : node.output()) {
    if (!name.empty() && scope.Find(name) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat("output '", name, "' was not produced"));
    }
  }
  return absl::OkStatus();
}

absl::Status RunKernel(const KernelEntry& kernel, const OpSchema& schema, int opset,
                       const NodeProto& node, const std::vector<const Value*>& inputs,
                       Scope& scope, const Frame& frame) {
  NodeSubgraphs subgraphs(scope, frame);
  KernelContext ctx(node, schema, opset, inputs, &subgraphs, frame.kept);
  absl::Status status;
  try {
    status = kernel.fn(ctx);
  } catch (const std::bad_alloc&) {
    status = absl::ResourceExhaustedError("out of memory");
  } catch (const std::exception& e) {
    status = absl::InternalError(absl::StrCat("the kernel failed: ", e.what()));
  }
  if (!ctx.recorded_error().ok()) return ctx.recorded_error();
  if (!status.ok()) return status;
  for (int i = 0; i < node.output_size(); ++i) {
    if (node.output(i).empty()) continue;
    if (!ctx.outputs_set()[i]) {
      return absl::InternalError(absl::StrCat("the kernel did not produce output ", i, " '",
                                              node.output(i), "'"));
    }
    ONNXFORGE_RETURN_IF_ERROR(scope.Define(node.output(i), std::move(ctx.outputs()[i])));
  }
  return absl::OkStatus();
}

}  // namespace

std::string OpLabel(const NodeProto& node, int version) {
  std::string label;
  const std::string domain(CanonicalDomain(node.domain()));
  if (!domain.empty()) absl::StrAppend(&label, domain, ".");
  absl::StrAppend(&label, node.op_type());
  if (version > 0) absl::StrAppend(&label, "-", version);
  return label;
}

absl::Status RunGraph(const GraphProto& graph, Scope& scope, const Frame& frame) {
  for (const TensorProto& init : graph.initializer()) {
    if (scope.DefinesLocally(init.name())) continue;
    absl::StatusOr<Tensor> t = Tensor::FromProto(init);
    if (!t.ok()) return Prefixed(absl::StrCat("initializer '", init.name(), "'"), t.status());
    ONNXFORGE_RETURN_IF_ERROR(scope.Define(init.name(), *std::move(t)));
  }
  if (graph.sparse_initializer_size() > 0) {
    return absl::UnimplementedError(
        absl::StrCat("graph '", graph.name(), "' has sparse initializers, which the evaluator "
                     "does not support"));
  }
  for (int i = 0; i < graph.node_size(); ++i) {
    ONNXFORGE_RETURN_IF_ERROR(RunNode(graph.node(i), i, scope, frame));
  }
  return absl::OkStatus();
}

absl::Status RunNode(const NodeProto& node, int index, Scope& scope, const Frame& frame) {
  const std::string domain(CanonicalDomain(node.domain()));
  std::vector<const Value*> inputs;
  std::vector<const TypeProto*> input_types;
  std::vector<TypeProto> types;
  types.reserve(node.input_size());
  for (int i = 0; i < node.input_size(); ++i) {
    const std::string& name = node.input(i);
    if (name.empty()) {
      inputs.push_back(nullptr);
      input_types.push_back(nullptr);
      continue;
    }
    const Value* v = scope.Find(name);
    if (v == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          NodeLabel(node, index, 0), ": input ", i, " '", name,
          "' is not a graph input, an initializer, or an output of an earlier node"));
    }
    inputs.push_back(v);
    types.push_back(v->Type());
    input_types.push_back(&types.back());
  }

  // A model-local function of that name comes first.
  if (frame.functions != nullptr) {
    auto it = frame.functions->find(FunctionKey{domain, node.op_type(), node.overload()});
    if (it != frame.functions->end()) {
      const std::string label = NodeLabel(node, index, 0);
      absl::StatusOr<ExpandedBody> body = ExpandLocalFunctionCall(*it->second, node);
      if (!body.ok()) return Prefixed(label, body.status());
      absl::Status status = RunBody(body->nodes, body->opsets, scope, frame);
      if (!status.ok()) return Prefixed(absl::StrCat(label, ": in function ", node.op_type()), status);
      return Prefixed(label, CheckOutputsDefined(node, scope));
    }
  }

  auto opset = frame.opsets.find(domain);
  if (opset == frame.opsets.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat(NodeLabel(node, index, 0), ": the model imports no opset for domain '",
                     domain.empty() ? "ai.onnx" : domain, "'"));
  }
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(node.op_type(), opset->second, domain);
  if (schema == nullptr) {
    return absl::NotFoundError(absl::StrCat(
        NodeLabel(node, index, 0), ": no operator ", node.op_type(), " in domain '",
        domain.empty() ? "ai.onnx" : domain, "' at opset ", opset->second,
        " and no model-local function of that name"));
  }
  const std::string label = NodeLabel(node, index, schema->since_version());
  absl::Status checked = CheckNodeAgainstSchema(*schema, node, inputs);
  if (!checked.ok()) return Prefixed(label, checked);

  if (const KernelEntry* kernel =
          KernelRegistry::Instance().Find(domain, node.op_type(), schema->since_version())) {
    absl::Status status = RunKernel(*kernel, *schema, opset->second, node, inputs, scope, frame);
    return status.ok() ? status : Prefixed(label, status);
  }
  if (HasFunctionBodyAt(*schema, opset->second)) {
    absl::StatusOr<ExpandedBody> body =
        ExpandSchemaCall(*schema, node, opset->second, input_types);
    if (!body.ok()) return Prefixed(label, body.status());
    absl::Status status = RunBody(body->nodes, body->opsets, scope, frame);
    if (!status.ok()) return Prefixed(absl::StrCat(label, ": in its function body"), status);
    return Prefixed(label, CheckOutputsDefined(node, scope));
  }
  return absl::UnimplementedError(absl::StrCat(label, ": no kernel for ", schema->Describe(),
                                               " and it has no function body"));
}

}  // namespace onnxforge::reference::internal
