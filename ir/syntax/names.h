// The words of the textual syntax: element type names, attribute type names,
// and the rule for when a name must be written in quotes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ir/onnx.pb.h"

namespace onnxforge::syntax {

// TensorProto::DataType for an element type name such as "float" or
// "float8e4m3fn"; 0 (UNDEFINED) when the word names no element type.
int32_t ElementTypeFromName(std::string_view name);

// The name of a TensorProto::DataType; empty for UNDEFINED and unknown values.
std::string_view ElementTypeName(int32_t data_type);

// AttributeProto::AttributeType for "int", "floats", "graph", ...;
// UNDEFINED when the word names no attribute type.
AttributeProto::AttributeType AttributeTypeFromName(std::string_view name);
std::string_view AttributeTypeName(AttributeProto::AttributeType type);

// Words that start a type: element types, seq, map, optional, sparse_tensor
// and opaque.
bool IsTypeKeyword(std::string_view word);

// inf, infinity and nan in any letter case: float literals, not names.
bool IsFloatWord(std::string_view word);

// [A-Za-z_][A-Za-z0-9_]*: what the lexer reads as one word.
bool IsIdentifierShaped(std::string_view text);

// True when `name` can be written bare: it has the shape of an identifier and
// cannot be taken for a type or a float literal.
bool IsBareName(std::string_view name);

// `name` bare when IsBareName, otherwise in double quotes.
std::string QuoteIfNeeded(std::string_view name);

// `text` in double quotes, with '"' and '\' escaped by a backslash.
std::string Quote(std::string_view text);

}  // namespace onnxforge::syntax
