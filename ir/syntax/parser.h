// Reads ONNX's textual syntax (docs/Syntax.md of ONNX) into protos.
//
//   <ir_version: 8, opset_import: ["" : 18]>
//   agraph (float[N, 128] X) => (float[N] Y) <float[2] w = {1.0, 2.0}> {
//       Y = ReduceSum <keepdims = 0> (X, axes)
//   }
//
// Beyond ONNX's grammar the reader accepts what the printer needs to write
// any proto back exactly: `raw {...}` and `raw "hex"` for raw_data, lists of
// tensors, graphs and types as attribute values, a quoted graph name in an
// attribute value, quoted parts in an operator's domain and name, and
// metadata_props in a function's header.
//
// A written node always gets a domain (empty for the default one), as ONNX's
// reader does. Errors read "line L, column C: expected ')' but found '='".
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

// Optional `< key: value, ... >` header, a graph, then model-local functions.
absl::StatusOr<ModelProto> ParseModel(std::string_view text);

// `name (inputs) => (outputs) <initializers and value infos> { nodes }`.
absl::StatusOr<GraphProto> ParseGraph(std::string_view text);

// Optional `< domain: ..., opset_import: [...] >` header, then
// `Name <attributes> (inputs) => (outputs) <value infos> { nodes }`.
absl::StatusOr<FunctionProto> ParseFunction(std::string_view text);

// One node: `[label] Y, Z = domain.Op:overload <attributes> (X, , W)`.
absl::StatusOr<NodeProto> ParseNode(std::string_view text);

// Nodes one after another, as in a function body, with or without the
// surrounding braces.
absl::StatusOr<std::vector<NodeProto>> ParseNodeList(std::string_view text);

// One attribute: `name = value` or `name: type = value`.
absl::StatusOr<AttributeProto> ParseAttribute(std::string_view text);

// A type: `float[N, 3]`, `float` (a scalar), `float[]` (unknown rank),
// `seq(...)`, `map(int64, ...)`, `optional(...)`, `sparse_tensor(...)`,
// `opaque(domain, name)`.
absl::StatusOr<TypeProto> ParseType(std::string_view text);

// A tensor literal: `float[2] name = {1.0, 2.0}`, the name and '=' optional.
absl::StatusOr<TensorProto> ParseTensor(std::string_view text);

}  // namespace onnxforge
