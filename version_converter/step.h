// Step: what an adapter sees and may do while it moves one node across one
// version change. The node is rewritten in place; new nodes go before or
// after it. A new node is written for the opset the step ends at and is then
// converted on to the target opset like any other node, so an adapter only
// ever writes ops in the form it knows.
//
// What the step knows about values: their types (declared in the model, or
// inferred once for the model when not declared), and whether a value is a
// constant (an initializer that no graph input overrides, or the output of
// a Constant node), with its tensor.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"

namespace onnxforge::version_converter {

class ConversionScope;

// A node an adapter adds, and the opset of its domain it is written for.
struct EmittedNode {
  NodeProto node;
  std::string domain;
  int opset = 0;
};

class Step {
 public:
  Step(NodeProto& node, const OpSchema& from, const OpSchema& to, int opset_after,
       ConversionScope& scope, GraphProto* graph);

  NodeProto& node() { return node_; }
  const NodeProto& node() const { return node_; }
  // The schema the node is at, and the one it moves to.
  const OpSchema& from() const { return from_; }
  const OpSchema& to() const { return to_; }
  bool upgrading() const { return to_.since_version() > from_.since_version(); }
  // The opset of the node's domain once the step is done: what new nodes of
  // that domain are written for.
  int opset_after() const { return opset_after_; }

  // ---- Attributes ----
  const AttributeProto* attribute(const std::string& name) const;
  bool has_attribute(const std::string& name) const { return attribute(name) != nullptr; }
  // The attribute's value, or the schema default of `from()`, or `fallback`.
  int64_t int_attribute(const std::string& name, int64_t fallback) const;
  void RemoveAttribute(const std::string& name);
  // Replaces or adds the attribute; the name is set from `name`.
  void SetAttribute(const std::string& name, AttributeProto value);
  void SetInt(const std::string& name, int64_t value);
  void SetInts(const std::string& name, const std::vector<int64_t>& values);
  void SetFloat(const std::string& name, float value);
  void SetFloats(const std::string& name, const std::vector<float>& values);
  void SetString(const std::string& name, const std::string& value);
  void SetStrings(const std::string& name, const std::vector<std::string>& values);
  void SetTensor(const std::string& name, TensorProto value);

  // ---- Inputs and outputs ----
  bool has_input(int index) const;
  // The input's name, "" when omitted.
  const std::string& input(int index) const;
  // Sets input `index`, adding omitted inputs before it as needed.
  void SetInput(int index, const std::string& name);
  // Omits input `index` (dropping trailing omitted inputs). When nothing
  // else uses the value any more, its initializer or Constant node goes.
  void DropInput(int index);
  bool has_output(int index) const;
  const std::string& output(int index) const;

  // ---- What is known about values ----
  // The value's type, or nullptr when unknown.
  const TypeProto* TypeOf(const std::string& name);
  // The tensor element type, or 0 when unknown.
  int32_t ElemTypeOf(const std::string& name);
  // The tensor shape, or nullptr when the rank is unknown.
  const TensorShapeProto* ShapeOf(const std::string& name);
  std::optional<int64_t> RankOf(const std::string& name);
  // The dims when every one is a known value.
  std::optional<std::vector<int64_t>> DimsOf(const std::string& name);
  // The tensor of a constant value, or nullptr when the value is not one.
  const TensorProto* ConstantOf(const std::string& name);
  // ConstantOf(input(index)) read as integers / doubles; unset when the
  // input is omitted, not a constant, or of another kind.
  std::optional<std::vector<int64_t>> ConstantInts(int index);
  std::optional<std::vector<double>> ConstantDoubles(int index);
  // Records what the adapter knows of a value it creates.
  void NoteType(const std::string& name, const TypeProto& type);

  // ---- Building ----
  // A name no value of the graph (or function) has, derived from `hint`.
  std::string NewName(const std::string& hint);
  // A constant holding `value` (its name is replaced): an initializer of the
  // main graph (which subgraphs see), or a Constant node in a function body.
  // Returns its name.
  std::string AddConstant(TensorProto value, const std::string& hint);
  // A node of the node's own domain written for opset_after(), placed
  // before (or after) the node. References stay valid until the step ends.
  NodeProto& Emit(const std::string& op, std::vector<std::string> inputs,
                  std::vector<std::string> outputs);
  NodeProto& EmitAfter(const std::string& op, std::vector<std::string> inputs,
                       std::vector<std::string> outputs);
  // The ai.onnx opset adapters of other domains write their ai.onnx nodes
  // for; the nodes are then converted to the model's ai.onnx opset (which
  // is imported at this one when the model has none).
  static constexpr int kOnnxHelperOpset = 13;
  // An ai.onnx node written for kOnnxHelperOpset, before (or after) the node.
  NodeProto& EmitOnnx(bool after, const std::string& op, std::vector<std::string> inputs,
                      std::vector<std::string> outputs);
  // A node of another domain, written for `opset` of it.
  NodeProto& EmitIn(const std::string& domain, int opset, bool after, const std::string& op,
                    std::vector<std::string> inputs, std::vector<std::string> outputs);
  // The opset that domain is converted to; a domain the model does not
  // import yet is imported at `opset_if_new`.
  int TargetOpsetOf(const std::string& domain, int opset_if_new);

  // Changes the node's op (for an op replaced by another); the driver goes
  // on from opset_after() with the new op's versions.
  void ReplaceOp(const std::string& domain, const std::string& op);

  // Whether the node sits in a graph (which can hold initializers) rather
  // than a function body.
  bool in_graph() const;
  // Replaces a Constant node of a graph by an initializer of the main graph
  // holding `value` under the node's output name; the node goes.
  void ReplaceByInitializer(TensorProto value);
  bool removed() const { return removed_; }

  // ---- Refusing ----
  // A refusal: the driver adds the node, op and versions in front.
  template <typename... Args>
  static absl::Status Refuse(const Args&... parts) {
    return absl::FailedPreconditionError(absl::StrCat(AsStrCatPiece(parts)...));
  }

  // "Relu-13": how messages name a schema.
  static std::string Name(const OpSchema& schema);

  // ---- Used by the driver ----
  std::deque<EmittedNode>& before() { return before_; }
  std::deque<EmittedNode>& after() { return after_; }

 private:
  NodeProto& node_;
  const OpSchema& from_;
  const OpSchema& to_;
  int opset_after_;
  ConversionScope& scope_;
  GraphProto* graph_;  // nullptr in a function body
  bool removed_ = false;
  std::deque<EmittedNode> before_;
  std::deque<EmittedNode> after_;
};

}  // namespace onnxforge::version_converter
