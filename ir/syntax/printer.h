// Writes protos in ONNX's textual syntax, in a form ParseModel and friends
// read back to an equal proto.
//
// Floats are written in the shortest form that reads back to the same value,
// packed 4-bit and 2-bit values one per element, raw_data as `raw {values}`
// (or `raw "hex"` when the bytes are not a whole number of elements or hold
// NaN payloads), and empty names as "".
//
// Not written, as the syntax has no place for them: doc strings other than
// the model's and a function's, metadata_props other than the model's and a
// function's, type and dimension denotations, a graph's sparse initializers
// and quantization annotations, training info, device configurations,
// tensor segments, tensor values kept in a field other than the one ONNX
// assigns to the element type, and the bits above the low byte of an
// int32_data entry of a 4-bit or 2-bit type (a byte of packed elements).
#pragma once

#include <string>

#include "ir/onnx.pb.h"

namespace onnxforge {

std::string PrintModel(const ModelProto& model);
std::string PrintGraph(const GraphProto& graph);
std::string PrintFunction(const FunctionProto& function);
// One node on one line (lines more if it holds subgraphs), no newline at the end.
std::string PrintNode(const NodeProto& node);
std::string PrintAttribute(const AttributeProto& attribute);
std::string PrintType(const TypeProto& type);
std::string PrintTensor(const TensorProto& tensor);

}  // namespace onnxforge
