// Writes the C++ op-as-function API (ops.h and ops.cc) from signatures:
// one function per op, in namespace onnxforge::ops (ai.onnx) and a nested
// namespace per other domain (ops::ml for ai.onnx.ml).
//
//   std::vector<std::string> TopK(GraphBuilder& builder, const std::string& X,
//                                 const std::string& K,
//                                 const std::optional<int64_t>& axis = std::nullopt, ...);
//
// Inputs come first (a variadic input as a vector; an optional one may be
// "" to leave it out), then required attributes, then, for ops with
// optional or variadic outputs, how many outputs to write, then optional
// attributes as std::optional (left out when unset, so the schema default
// applies). A function returns the output's name, or the list of names.
#pragma once

#include <string>
#include <vector>

#include "converters/builder/op_signature.h"

namespace onnxforge::builder {

// `header_path` is how ops.cc includes the header.
std::string CppOpsHeader(const std::vector<OpSignature>& signatures);
std::string CppOpsSource(const std::vector<OpSignature>& signatures,
                         const std::string& header_path);

}  // namespace onnxforge::builder
