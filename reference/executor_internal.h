// The executor's machinery below Evaluator: running graphs and nodes.
#pragma once

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/schema.h"
#include "reference/executor_scope.h"
#include "reference/node_state.h"
#include "reference/value.h"

namespace onnxforge::reference::internal {

// Model-local functions by (domain, name, overload).
using FunctionKey = std::tuple<std::string, std::string, std::string>;
using FunctionTable = std::map<FunctionKey, const FunctionProto*>;

// Functions calling functions and subgraphs in subgraphs stop here: a
// function that calls itself would otherwise never end.
inline constexpr int kMaxNesting = 64;

// What the nodes being run see besides their values.
struct Frame {
  // Opset of each imported domain ("" for ai.onnx).
  std::map<std::string, int> opsets;
  const FunctionTable* functions = nullptr;
  // Functions and subgraphs entered so far.
  int depth = 0;
  // The Evaluator's kept kernel states; null inside function bodies, whose
  // nodes are made afresh for every call.
  NodeStateCache* kept = nullptr;
};

// Defines the graph's initializers in `scope`, except names the scope
// already holds (fed inputs), then runs the nodes.
absl::Status RunGraph(const GraphProto& graph, Scope& scope, const Frame& frame);

// Runs one node; errors name it as "node <index> '<name>' (<Op>-<version>)".
absl::Status RunNode(const NodeProto& node, int index, Scope& scope, const Frame& frame);

// Checks the node's inputs and outputs against the schema: counts, required
// inputs present, each input's type allowed by its formal and consistent
// with the other inputs bound to the same type parameter.
absl::Status CheckNodeAgainstSchema(const OpSchema& schema, const NodeProto& node,
                                    const std::vector<const Value*>& inputs);

// "Relu" or "Relu-14", with the domain in front when not ai.onnx:
// "ai.onnx.ml.LabelEncoder-4".
std::string OpLabel(const NodeProto& node, int version);

}  // namespace onnxforge::reference::internal
