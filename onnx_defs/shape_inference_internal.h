// The parts of the shape inference engine its files share.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/schema_cache.h"
#include "onnx_defs/shape_inference.h"

namespace onnxforge::inference {

// Imported opset per domain ("" for ai.onnx).
using OpsetMap = std::map<std::string, int, std::less<>>;

// What is known about the values a graph (or function body) can see. A
// scope defines names; lookups fall through to the enclosing scope for
// names not defined here.
class ValueScope {
 public:
  explicit ValueScope(const ValueScope* parent = nullptr) : parent_(parent) {}

  // Room for `n` names defined here.
  void Reserve(size_t n) { entries_.reserve(n); }

  // Defines `name` here (hiding an enclosing definition) with what is known:
  // a copy of `type`, or `type` itself when moved in.
  void Define(const std::string& name, const TypeProto* type);
  void Define(const std::string& name, TypeProto&& type);
  // Defines `name` with a type kept elsewhere (a graph's value_info or
  // output), which outlives the scope and changes only together with a new
  // definition of the name: a graph's values are then not copied again.
  void DefineShared(const std::string& name, const TypeProto* type);
  // Known facts about a defined name; each setter defines the name here.
  void SetConstant(const std::string& name, const TensorProto* value);  // not owned
  void SetOwnedConstant(const std::string& name, TensorProto value);
  void SetShapeData(const std::string& name, TensorShapeProto value);

  // nullptr when unknown (or the type has no kind set).
  const TypeProto* Type(const std::string& name) const;
  const TensorProto* Constant(const std::string& name) const;
  const TensorShapeProto* ShapeData(const std::string& name) const;
  // The type when `name` is defined in this scope itself.
  const TypeProto* TypeHere(const std::string& name) const;
  const TensorShapeProto* ShapeDataHere(const std::string& name) const;

 private:
  struct Entry {
    const TypeProto* shared_type = nullptr;  // set by DefineShared, else `type` holds it
    std::optional<TypeProto> type;
    const TensorProto* constant = nullptr;
    std::unique_ptr<TensorProto> owned_constant;
    std::optional<TensorShapeProto> shape_data;
  };
  const Entry* Find(const std::string& name) const;
  static const TypeProto* TypeOf(const Entry& entry);

  const ValueScope* parent_;
  // Node-based: the types handed out keep their addresses as names are added.
  absl::node_hash_map<std::string, Entry> entries_;
};

using FunctionKey = std::tuple<std::string, std::string, std::string>;

// One step of where inference is: a node (whose label is only built when a
// message needs it) or a text such as "attribute 'body'".
struct LocationFrame {
  const NodeProto* node = nullptr;
  int index = 0;  // the node's index in its graph or body
  std::string text;
};

// State of one run over a model.
struct Session {
  ShapeInferenceOptions options;
  std::vector<std::string>* problems = nullptr;
  std::map<FunctionKey, const FunctionProto*> functions;
  SchemaCache schemas;
  // Where inference is, outermost first, for messages about problems that
  // are recorded rather than returned: "node 3 (\"\", Loop)", "graph 'body'".
  std::vector<LocationFrame> location;
  // Functions whose bodies are being inferred (to stop recursion).
  std::vector<FunctionKey> active_functions;
  int depth = 0;
  int next_expansion_id = 0;

  // In strict mode returns `status`; otherwise records it and returns OK.
  absl::Status Handle(absl::Status status);
};

// Keeps Session::location in step with the walk.
class LocationGuard {
 public:
  LocationGuard(Session& session, std::string where) : session_(session) {
    session_.location.push_back({nullptr, 0, std::move(where)});
  }
  LocationGuard(Session& session, const NodeProto& node, int index) : session_(session) {
    session_.location.push_back({&node, index, {}});
  }
  ~LocationGuard() { session_.location.pop_back(); }

 private:
  Session& session_;
};

// What inferring one node yields.
struct NodeResult {
  std::vector<TypeProto> types;                             // per output; kind unset when unknown
  std::vector<std::optional<TensorShapeProto>> shape_data;  // per output
};

// Where inferred node output types go: a graph records them as value_info
// and merges them with declared types; a function body only keeps them.
// When the sink keeps the type later nodes see (taking `inferred` over, or
// a declared type), it points `*kept` at it; otherwise it leaves `inferred`
// and `*kept` alone and the walk keeps `inferred`.
using OutputSink = std::function<absl::Status(const std::string& name, TypeProto& inferred,
                                              const TypeProto** kept)>;

// Infers `nodes` in order, defining their outputs in `scope`.
absl::Status InferNodes(google::protobuf::RepeatedPtrField<NodeProto>& nodes, ValueScope& scope,
                        const OpsetMap& opsets, Session& session, const OutputSink& sink);
absl::Status InferNodes(std::vector<NodeProto>& nodes, ValueScope& scope, const OpsetMap& opsets,
                        Session& session, const OutputSink& sink);

// Infers one graph: seeds `scope` from its inputs and initializers, walks
// its nodes, records value_info and fills in its outputs' types.
absl::Status InferGraph(GraphProto& graph, ValueScope& scope, const OpsetMap& opsets,
                        Session& session);

// Infers the output types of one node from what `scope` knows.
absl::StatusOr<NodeResult> InferNode(NodeProto& node, const ValueScope& scope,
                                     const OpsetMap& opsets, Session& session);

// "float[2,N,?]", "seq(int64[])": how messages print a type.
std::string TypeDebugString(const TypeProto& type);

// The type of a tensor constant.
TypeProto TypeOfTensor(const TensorProto& tensor);

// The value a Constant node produces, when it is a plain tensor.
std::optional<TensorProto> ConstantNodeValue(const NodeProto& node);

}  // namespace onnxforge::inference
