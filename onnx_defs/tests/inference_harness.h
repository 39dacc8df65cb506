// Runs one schema's type and shape inference on a node built in a test.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge::testing {

using Dim = std::variant<int64_t, std::string>;  // a value, a symbol, or "?"

// A tensor type; dims given as numbers or symbols ("?" for unknown).
TypeProto TensorType(int32_t elem_type, std::vector<Dim> dims);
// A tensor type of unknown rank.
TypeProto TensorTypeNoShape(int32_t elem_type);

// "float[2,N,?]", "int64[]" (scalar), "float" (unknown rank),
// "seq(float[2])", "optional(...)", "none" when nothing was inferred.
std::string ShapeString(const TypeProto& type);

TensorProto Int64Tensor(std::vector<int64_t> values, std::vector<int64_t> dims);

// Infers the output types of one node of (domain, op) at `opset`.
// An input given as std::nullopt is omitted (empty name). A constant input
// also needs its type in input_types. Returns the inference error as is.
absl::StatusOr<std::vector<TypeProto>> InferNode(
    std::string_view op, int opset, std::vector<std::optional<TypeProto>> input_types,
    std::vector<AttributeProto> attributes,
    std::vector<std::optional<TensorProto>> const_inputs = {},
    std::string_view domain = "", int num_outputs = 1);

}  // namespace onnxforge::testing
