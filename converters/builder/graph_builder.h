// GraphBuilder: writes an ONNX graph at an authoring opset, one node at a
// time, with unique value names, and assembles the model.
//
//   GraphBuilder b({{"", 21}, {"ai.onnx.ml", 5}});
//   std::string x = b.AddInput("X", TensorType(TensorProto::FLOAT, {-1, 4}));
//   std::string w = b.AddInitializer("W", weights);
//   std::string y = b.AddNode("MatMul", {x, w}, 1)[0];
//   b.AddOutput(y);
//   absl::StatusOr<ModelProto> model = b.Build();
//   absl::StatusOr<ModelProto> at13 = Finalize(*model, 13);   // finalize.h
//
// The op-as-function API (ops.h, generated from the schema registry) calls
// AddNode: `ops::MatMul(b, x, w)`.
//
// A converter writes its graph once, at the authoring opsets; Finalize
// reaches the opsets a runtime needs through the version converter.
//
// Mistakes (a name declared twice, an op the authoring opset lacks, a
// domain without an authoring opset) do not interrupt the writing: the
// first one is kept and Build() returns it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"

namespace onnxforge::builder {

// ---- Attributes -----------------------------------------------------------

// The constructors live in ir/attribute_util.h; converters spell them
// builder::IntAttr and so on.
using ::onnxforge::IntAttr;
using ::onnxforge::FloatAttr;
using ::onnxforge::StringAttr;
using ::onnxforge::IntsAttr;
using ::onnxforge::FloatsAttr;
using ::onnxforge::StringsAttr;
using ::onnxforge::TensorAttr;
using ::onnxforge::TensorsAttr;
using ::onnxforge::SparseTensorAttr;
using ::onnxforge::GraphAttr;
using ::onnxforge::GraphsAttr;
using ::onnxforge::TypeAttr;

// ---- Types ----------------------------------------------------------------

// A tensor type of `elem_type` (a TensorProto::DataType). A dim below 0 is
// unknown. Without dims the rank is unknown too.
TypeProto TensorType(int32_t elem_type, const std::vector<int64_t>& dims);
TypeProto TensorTypeOfUnknownRank(int32_t elem_type);

// ---- The builder ----------------------------------------------------------

class GraphBuilder {
 public:
  // `opsets` maps each domain the graph may use ("" for ai.onnx) to the
  // opset its nodes are written for.
  explicit GraphBuilder(std::map<std::string, int> opsets,
                        std::string graph_name = "graph");

  // A builder for a subgraph (an If branch, a Loop body): it shares this
  // builder's authoring opsets and its value names, so names stay unique
  // across the scopes.
  GraphBuilder Subgraph(std::string graph_name) const;

  // Declares a graph input named exactly `name`; returns the name.
  std::string AddInput(const std::string& name, const TypeProto& type);
  // Declares a graph output: `name` must be a value of the graph by the time
  // the graph is built. Without a type, Finalize infers it.
  void AddOutput(const std::string& name, std::optional<TypeProto> type = std::nullopt);
  // Adds a constant under a new name derived from `name_hint`; returns it.
  std::string AddInitializer(const std::string& name_hint, TensorProto value);

  // Adds a node writing `output_count` new values; returns their names.
  std::vector<std::string> AddNode(const std::string& op, std::vector<std::string> inputs,
                                   int output_count,
                                   std::vector<AttributeProto> attributes = {},
                                   const std::string& domain = "");
  // Adds a node writing the values named `outputs` (each a name not used
  // yet; "" for an output left out); returns them.
  std::vector<std::string> AddNode(const std::string& op, std::vector<std::string> inputs,
                                   std::vector<std::string> outputs,
                                   std::vector<AttributeProto> attributes = {},
                                   const std::string& domain = "");

  // A value name not used yet in this graph or the graphs sharing its
  // names: `hint` itself, else hint_1, hint_2, ... It stays free for one
  // input or node output to take (AddInput, AddNode with names).
  std::string UniqueName(const std::string& hint);
  bool IsUsedName(const std::string& name) const { return names_->used.contains(name); }

  // The authoring opset of `domain`, or 0 when the builder has none.
  int OpsetOf(const std::string& domain) const;
  const std::map<std::string, int>& opsets() const { return opsets_; }

  // The first mistake made so far (OK when none).
  const absl::Status& status() const { return status_; }

  // The graph alone (for a subgraph attribute).
  absl::StatusOr<GraphProto> BuildGraph() const;
  // The model: the graph, the authoring opsets of the domains its nodes use
  // (subgraphs included), and the IR version those opsets came with.
  absl::StatusOr<ModelProto> Build() const;

 private:
  // The value names of a graph and of the graphs nested in it.
  struct NameTable {
    absl::flat_hash_set<std::string> used;
    // Handed out by UniqueName() and not taken yet.
    absl::flat_hash_set<std::string> reserved;
  };

  GraphBuilder(std::map<std::string, int> opsets, std::string graph_name,
               std::shared_ptr<NameTable> names);

  void Fail(absl::Status status);
  // A new name, taken at once.
  std::string NewName(const std::string& hint);
  // Claims `name` exactly; records a mistake when it is taken.
  bool Claim(const std::string& name, const std::string& what);
  // Checks the domain has an authoring opset and the op a schema at it.
  void CheckOp(const std::string& op, const std::string& domain);
  // Claims the names a subgraph attribute defines.
  void ClaimSubgraphNames(const GraphProto& graph);
  std::vector<std::string> NewOutputNames(const std::string& op, const std::string& domain,
                                          int count);
  void AppendNode(const std::string& op, std::vector<std::string> inputs,
                  const std::vector<std::string>& outputs,
                  std::vector<AttributeProto> attributes, const std::string& domain);

  std::map<std::string, int> opsets_;
  GraphProto graph_;
  // Values this graph defines (inputs, initializers, node outputs).
  absl::flat_hash_set<std::string> defined_;
  std::shared_ptr<NameTable> names_;
  absl::Status status_;
};

}  // namespace onnxforge::builder
