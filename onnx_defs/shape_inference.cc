#include "onnx_defs/shape_inference.h"

#include <map>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference_internal.h"

namespace onnxforge {
namespace inference {
namespace {

template <typename NodeList>
absl::Status InferNodeList(NodeList& nodes, ValueScope& scope, const OpsetMap& opsets,
                           Session& session, const OutputSink& sink) {
  int index = 0;
  for (NodeProto& node : nodes) {
    const int node_index = index++;
    absl::StatusOr<NodeResult> inferred;
    {
      LocationGuard guard(session, node, node_index);
      inferred = InferNode(node, scope, opsets, session);
    }
    NodeResult result;
    if (inferred.ok()) {
      result = *std::move(inferred);
    } else {
      ONNXFORGE_RETURN_IF_ERROR(session.Handle(absl::Status(
          inferred.status().code(),
          absl::StrCat(NodeLabel(node, node_index), ": ", inferred.status().message()))));
    }
    result.types.resize(node.output_size());
    result.shape_data.resize(node.output_size());
    for (int i = 0; i < node.output_size(); ++i) {
      const std::string& name = node.output(i);
      if (name.empty()) continue;
      const TypeProto* kept = nullptr;
      absl::Status recorded = sink(name, result.types[i], &kept);
      if (!recorded.ok()) {
        ONNXFORGE_RETURN_IF_ERROR(session.Handle(
            absl::Status(recorded.code(), absl::StrCat(NodeLabel(node, node_index), ": output ", i,
                                                       " ('", name, "'): ", recorded.message()))));
      }
      if (kept != nullptr) {
        scope.DefineShared(name, kept);
      } else {
        scope.Define(name, std::move(result.types[i]));
      }
      if (result.shape_data[i]) scope.SetShapeData(name, *std::move(result.shape_data[i]));
    }
    if (node.op_type() == "Constant" && CanonicalDomain(node.domain()).empty() &&
        node.output_size() == 1 && !node.output(0).empty()) {
      if (std::optional<TensorProto> value = ConstantNodeValue(node)) {
        scope.SetOwnedConstant(node.output(0), *std::move(value));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status InferNodes(google::protobuf::RepeatedPtrField<NodeProto>& nodes, ValueScope& scope,
                        const OpsetMap& opsets, Session& session, const OutputSink& sink) {
  return InferNodeList(nodes, scope, opsets, session, sink);
}

absl::Status InferNodes(std::vector<NodeProto>& nodes, ValueScope& scope, const OpsetMap& opsets,
                        Session& session, const OutputSink& sink) {
  return InferNodeList(nodes, scope, opsets, session, sink);
}

absl::Status InferGraph(GraphProto& graph, ValueScope& scope, const OpsetMap& opsets,
                        Session& session) {
  scope.Reserve(graph.input_size() + graph.initializer_size() + graph.node_size());
  std::map<std::string, ValueInfoProto*> inputs;
  for (auto& input : *graph.mutable_input()) {
    scope.Define(input.name(), input.has_type() ? &input.type() : nullptr);
    inputs[input.name()] = &input;
  }
  for (const auto& tensor : graph.initializer()) {
    TypeProto type = TypeOfTensor(tensor);
    auto input = inputs.find(tensor.name());
    if (input != inputs.end()) {
      // A graph input with a default value: the declaration says more.
      absl::Status merged = MergeTypeInto(type, input->second->mutable_type());
      if (!merged.ok()) {
        ONNXFORGE_RETURN_IF_ERROR(session.Handle(absl::InvalidArgumentError(absl::StrCat(
            "initializer '", tensor.name(), "' does not match graph input '", tensor.name(),
            "' declared ", TypeDebugString(input->second->type()), ": ", merged.message()))));
      }
      type = input->second->type();
    }
    scope.Define(tensor.name(), std::move(type));
    scope.SetConstant(tensor.name(), &tensor);
  }
  for (const auto& sparse : graph.sparse_initializer()) {
    TypeProto type;
    auto* t = type.mutable_sparse_tensor_type();
    t->set_elem_type(sparse.values().data_type());
    for (int64_t d : sparse.dims()) t->mutable_shape()->add_dim()->set_dim_value(d);
    scope.Define(sparse.values().name(), std::move(type));
  }

  // Declared types, which inferred ones are merged into.
  absl::flat_hash_map<std::string, std::vector<TypeProto*>> declared;
  for (auto& info : *graph.mutable_value_info()) {
    declared[info.name()].push_back(info.mutable_type());
  }
  for (auto& output : *graph.mutable_output()) {
    declared[output.name()].push_back(output.mutable_type());
  }
  // New value_info entries go straight into the graph: the scope points at
  // their types (repeated fields keep their elements' addresses).
  OutputSink sink = [&](const std::string& name, TypeProto& inferred,
                        const TypeProto** kept) -> absl::Status {
    auto it = declared.find(name);
    if (it == declared.end()) {
      if (inferred.value_case() == TypeProto::VALUE_NOT_SET) return absl::OkStatus();
      ValueInfoProto* info = graph.add_value_info();
      info->set_name(name);
      *info->mutable_type() = std::move(inferred);
      *kept = &info->type();
      return absl::OkStatus();
    }
    absl::Status status;
    for (TypeProto* target : it->second) {
      absl::Status merged = MergeTypeInto(inferred, target);
      if (!merged.ok() && status.ok()) {
        status = absl::InvalidArgumentError(absl::StrCat("inferred ", TypeDebugString(inferred),
                                                         " but ", TypeDebugString(*target),
                                                         " is declared: ", merged.message()));
      }
    }
    *kept = it->second.front();
    return status;
  };
  ONNXFORGE_RETURN_IF_ERROR(InferNodes(*graph.mutable_node(), scope, opsets, session, sink));

  // Outputs that are no node's (a graph input, an initializer, an enclosing
  // graph's value) take the type of what they name.
  absl::flat_hash_set<absl::string_view> produced;
  for (const auto& node : graph.node()) {
    for (const std::string& output : node.output()) produced.insert(output);
  }
  for (auto& output : *graph.mutable_output()) {
    if (produced.contains(output.name())) continue;
    const TypeProto* type = scope.Type(output.name());
    if (type == nullptr) continue;
    absl::Status merged = MergeTypeInto(*type, output.mutable_type());
    if (!merged.ok()) {
      ONNXFORGE_RETURN_IF_ERROR(session.Handle(absl::InvalidArgumentError(absl::StrCat(
          "graph output '", output.name(), "' is declared ", TypeDebugString(output.type()),
          " but is ", TypeDebugString(*type), ": ", merged.message()))));
    }
  }
  return absl::OkStatus();
}

}  // namespace inference

absl::Status InferShapesInPlace(ModelProto& model, const ShapeInferenceOptions& options,
                                std::vector<std::string>* problems) {
  if (!model.has_graph()) return absl::OkStatus();
  inference::Session session;
  session.options = options;
  session.problems = problems;
  inference::OpsetMap opsets;
  for (const auto& import : model.opset_import()) {
    opsets[std::string(CanonicalDomain(import.domain()))] = static_cast<int>(import.version());
  }
  if (model.opset_import_size() == 0) opsets[""] = 1;
  for (const auto& function : model.functions()) {
    session.functions[{std::string(CanonicalDomain(function.domain())), function.name(),
                       function.overload()}] = &function;
  }
  inference::ValueScope scope;
  return inference::InferGraph(*model.mutable_graph(), scope, opsets, session);
}

absl::StatusOr<ModelProto> InferShapes(const ModelProto& model,
                                       const ShapeInferenceOptions& options) {
  ModelProto result = model;
  ONNXFORGE_RETURN_IF_ERROR(InferShapesInPlace(result, options));
  return result;
}

}  // namespace onnxforge
