// The model checker: verifies that a model is well formed against the IR
// rules of its ir_version and against the operator schemas of the opsets it
// imports. It reports the first problem found; every message names where
// (node index, name and op, graph, function, tensor) and which rule failed:
//
//   node 3 ("conv1", Conv): attribute 'strides' must be INTS, got INT
//
// Nothing here aborts on malformed input; nesting deeper than
// CheckerOptions::max_depth is reported as an error.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

struct CheckerOptions {
  // Accept nodes of an imported domain that has no registered schemas and
  // no model-local function (a custom runtime's ops); unchecked otherwise.
  bool allow_custom_domains = false;
  // Compare the types a model declares (graph inputs, initializers,
  // value_info, graph outputs) with the type constraints of the nodes that
  // use them.
  bool check_types = true;
  // Deepest nesting of subgraphs (and of types) accepted.
  int max_depth = 64;
};

// Model-local functions by (domain, name, overload); domain "ai.onnx" is
// stored as "".
using FunctionKey = std::tuple<std::string, std::string, std::string>;
using FunctionTable = std::map<FunctionKey, const FunctionProto*>;

class SchemaCache;

// What a graph, node or function is checked against.
struct CheckerContext {
  int64_t ir_version = IR_VERSION;
  // Imported opsets by domain ("" for ai.onnx).
  std::map<std::string, int64_t, std::less<>> opsets;
  // The model's local functions; may be null.
  const FunctionTable* functions = nullptr;
  CheckerOptions options;
  // Set while checking a function body: the attributes its nodes may
  // reference with ref_attr_name.
  const FunctionProto* function = nullptr;
  // Subgraph nesting level of the graph being checked.
  int depth = 0;
  // Schemas resolved so far in this run, shared by every node; may be null
  // (each node then resolves its schema afresh).
  SchemaCache* schemas = nullptr;
};

// The names a graph can see: its own values so far and, for a subgraph,
// those of the enclosing graphs (defined before the node owning it). Types
// are those the model declares; nullptr when not declared.
class LexicalScope {
 public:
  explicit LexicalScope(const LexicalScope* parent = nullptr) : parent_(parent) {}

  // False (and no change) when the name is already defined in this scope.
  bool Define(const std::string& name, const TypeProto* type);
  void SetType(const std::string& name, const TypeProto* type);
  bool DefinedHere(std::string_view name) const;
  bool DefinedInEnclosing(std::string_view name) const;
  bool Visible(std::string_view name) const;
  // The declared type of a visible name, or nullptr.
  const TypeProto* TypeOf(std::string_view name) const;

  // Records the type that value_info or a graph output gives a value a node
  // of this graph defines later.
  void Declare(const std::string& name, const TypeProto* type);
  const TypeProto* DeclaredType(std::string_view name) const;

 private:
  const LexicalScope* parent_;
  absl::flat_hash_map<std::string, const TypeProto*> names_;
  absl::flat_hash_map<std::string, const TypeProto*> declared_;
};

// Checks the whole model: IR version and the features it allows, opset
// imports, model-local functions, the main graph.
absl::Status CheckModel(const ModelProto& model, const CheckerOptions& options = {});

// Checks a graph whose enclosing graphs' names are in `outer` (nullptr for a
// main graph).
absl::Status CheckGraph(const GraphProto& graph, const CheckerContext& ctx,
                        const LexicalScope* outer = nullptr);

// Checks node number `index` of a graph or function body, whose visible
// names are in `scope`: op resolution, attributes, arity, input definition
// and declared types. Does not check its outputs for reassignment.
absl::Status CheckNode(const NodeProto& node, int index, const CheckerContext& ctx,
                       const LexicalScope& scope);

// Checks a model-local function: signature, body nodes and scoping.
absl::Status CheckFunction(const FunctionProto& function, const CheckerContext& ctx);

// Checks a tensor: element type (allowed by ir_version), dims, where its data
// lives and how much of it there is.
absl::Status CheckTensor(const TensorProto& tensor, int64_t ir_version);
absl::Status CheckSparseTensor(const SparseTensorProto& tensor, int64_t ir_version);

// Checks a type: value kind and element types allowed by ir_version.
absl::Status CheckType(const TypeProto& type, int64_t ir_version, int max_depth = 64);

// The lowest IR version that has the element type (1 for the original
// ones), or 0 for a value that is no element type.
int64_t MinIrVersionOfElementType(int32_t elem_type);

// "node 3 (\"conv1\", Conv)": how messages name a node.
std::string NodeLabel(const NodeProto& node, int index);

}  // namespace onnxforge
