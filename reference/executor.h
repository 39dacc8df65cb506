// Evaluator: runs an ONNX model with the reference kernels.
//
//   Evaluator evaluator(model);
//   absl::StatusOr<std::vector<Value>> outputs = evaluator.Run({"Y"}, {{"X", Value(x)}});
//
// Nodes run in the order the graph lists them. Initializers provide values
// that feeds may override when they are also graph inputs. A node runs by
// its kernel, by the model-local function it calls, or by expanding its
// schema's function body at the model's opset. Subgraphs (If, Loop, Scan
// ...) see the names of the graphs around them.
//
// The main graph's initializers become tensors once, when the evaluator is
// built, and every run shares them: a run does not copy the weights, at the
// cost of holding them twice (in the model and as tensors). Likewise what
// kernels derive from a node's attributes alone (compiled tree ensembles)
// is kept from the node's first run for the later ones. Run may be called
// from several threads at once.
//
// The model is not checked first (run the checker for that), but every
// problem met while running is an error naming the node by index and name,
// the op and its version, and the cause:
//   "node 3 'relu1' (Relu-14): input 0 'X' has type tensor(int32), ..."
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "reference/node_state.h"
#include "reference/value.h"

namespace onnxforge::reference {

class Evaluator {
 public:
  explicit Evaluator(ModelProto model);

  // Runs the graph with `feeds` bound to its inputs and returns the values
  // named `output_names` (every graph output when empty), in that order.
  // Every graph input needs a feed unless an initializer of the same name
  // provides a default. A feed that names no graph input is an error.
  absl::StatusOr<std::vector<Value>> Run(const std::vector<std::string>& output_names,
                                         const std::map<std::string, Value>& feeds) const;

  const ModelProto& model() const { return model_; }

 private:
  ModelProto model_;
  // The main graph's initializers as values, by their index in the graph;
  // an error (reported by Run when no feed overrides it) for one that does
  // not convert.
  std::vector<absl::StatusOr<Value>> initializers_;
  // Kernel states kept across runs (see KernelContext::KeptState).
  mutable NodeStateCache kept_;
};

}  // namespace onnxforge::reference
