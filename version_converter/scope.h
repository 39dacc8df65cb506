// ConversionScope: what the converter knows about one namespace of values
// while it converts it — the main graph with its subgraphs, or one
// model-local function. Every index is built on first use, by one walk over
// the unconverted source, so a conversion that needs none costs nothing and
// one that needs them stays linear in the model's size.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "ir/onnx.pb.h"

namespace onnxforge::version_converter {

class ConversionScope {
 public:
  struct Opsets {
    int source = 0;
    int target = 0;
  };

  // The main graph of `model`, which must outlive the scope.
  explicit ConversionScope(const ModelProto& model);
  // A model-local function, which must outlive the scope.
  explicit ConversionScope(const FunctionProto& function);

  bool in_function() const { return function_ != nullptr; }

  // Where new initializers go: the converted model's main graph, whose
  // values every subgraph sees (and whose initializers may be inputs too,
  // as IR version 3 wants).
  void set_initializer_graph(GraphProto* graph) { initializer_graph_ = graph; }
  GraphProto* initializer_graph() const { return initializer_graph_; }

  // Opsets by canonical domain ("" for ai.onnx) of the domains converted.
  std::map<std::string, Opsets>& opsets() { return opsets_; }
  const Opsets* OpsetsOf(const std::string& domain) const;
  // Targets asked for domains the scope may not import yet.
  void set_requested(std::map<std::string, int> requested) { requested_ = std::move(requested); }
  // The target of `domain`; a domain not imported yet is added (and
  // reported by added_domains()): its nodes are written for `opset_if_new`
  // and converted to the requested target, if any, else left there.
  int TargetOpsetOf(const std::string& domain, int opset_if_new);
  const std::vector<std::string>& added_domains() const { return added_domains_; }

  // ---- Types ----
  const TypeProto* TypeOf(const std::string& name);
  void NoteType(const std::string& name, const TypeProto& type);

  // ---- Constants ----
  const TensorProto* ConstantOf(const std::string& name);
  void NoteConstant(const std::string& name, const TensorProto& value);

  // ---- Names ----
  std::string NewName(const std::string& hint);

  // ---- Values a rewrite may have left unused ----
  void NotePossiblyUnused(const std::string& name) { possibly_unused_.push_back(name); }
  const std::vector<std::string>& possibly_unused() const { return possibly_unused_; }

 private:
  void IndexDeclaredTypes();
  void IndexTypesOfGraph(const GraphProto& graph);
  void InferTypes();
  void IndexConstants();
  void IndexConstantsOfGraph(const GraphProto& graph);
  void IndexConstantNode(const NodeProto& node);
  void IndexNames();
  void IndexNamesOfGraph(const GraphProto& graph);
  void IndexNamesOfNode(const NodeProto& node);

  const ModelProto* model_ = nullptr;
  const FunctionProto* function_ = nullptr;
  GraphProto* initializer_graph_ = nullptr;
  std::map<std::string, Opsets> opsets_;
  std::vector<std::string> added_domains_;
  std::map<std::string, int> requested_;

  bool types_indexed_ = false;
  bool types_inferred_ = false;
  std::unique_ptr<ModelProto> inferred_;  // keeps inferred types alive
  absl::flat_hash_map<std::string, const TypeProto*> types_;
  std::deque<TypeProto> owned_types_;

  bool constants_indexed_ = false;
  absl::flat_hash_map<std::string, const TensorProto*> constants_;
  std::deque<TensorProto> owned_tensors_;

  bool names_indexed_ = false;
  absl::flat_hash_set<std::string> names_;
  std::vector<std::string> possibly_unused_;
};

// The tensor a Constant node holds, from whichever value attribute it has;
// unset for a sparse value, a reference to a function attribute, or a
// malformed node.
std::optional<TensorProto> ConstantNodeValue(const NodeProto& node);

}  // namespace onnxforge::version_converter
