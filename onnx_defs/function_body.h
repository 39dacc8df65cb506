// Expanding a call of a function-defined operator into the nodes of its
// body, ready to be spliced into the caller's graph: the body's formal
// inputs and outputs take the call's actual names, every other name gets a
// prefix unique to the call, and attribute references (`@alpha` in the
// textual syntax, ref_attr_name in protos) take the call's attribute or the
// default. Used by shape inference and by the reference evaluator.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

struct ExpandedBody {
  std::vector<NodeProto> nodes;
  // The opset of each domain the body's nodes use ("" for ai.onnx). A
  // domain missing here is used at the caller's opset.
  std::map<std::string, int> opsets;
};

// True when the schema has a body (fixed or context dependent) at `opset`.
bool HasFunctionBodyAt(const OpSchema& schema, int opset);

// The body of `schema` in force at `opset` (the opset of the schema's
// domain), as a function whose inputs, outputs and attributes are the
// schema's. Context-dependent bodies are built for `call`, whose input
// types are `input_types` (entries may be nullptr when unknown).
//
// Body text is parsed as a whole function (header, signature and braces;
// recognized by its "=>") or else as a node list whose inputs and outputs
// are named after the schema's formal parameters. Nodes of the op's own
// domain run at `opset` unless the text imports another version.
absl::StatusOr<FunctionProto> SchemaFunctionBody(const OpSchema& schema, const NodeProto& call,
                                                 int opset,
                                                 const std::vector<const TypeProto*>& input_types);

// Expands `call` of `schema` with the body in force at `opset`. Internal
// names start with `prefix`; when empty, the call's first output name
// followed by "__".
absl::StatusOr<ExpandedBody> ExpandSchemaCall(const OpSchema& schema, const NodeProto& call,
                                              int opset,
                                              const std::vector<const TypeProto*>& input_types,
                                              std::string_view prefix = "");

// The same, nodes only.
absl::StatusOr<std::vector<NodeProto>> ExpandFunctionBody(
    const OpSchema& schema, const NodeProto& call, int opset,
    const std::vector<const TypeProto*>& input_types);

// Expands `call` of a model-local function. Attribute defaults come from the
// function's attribute_proto.
absl::StatusOr<ExpandedBody> ExpandLocalFunctionCall(const FunctionProto& function,
                                                     const NodeProto& call,
                                                     std::string_view prefix = "");

}  // namespace onnxforge
