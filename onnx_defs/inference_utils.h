// Helpers shared by the schemas' type and shape inference functions.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_context.h"

namespace onnxforge {

#define ONNXFORGE_RETURN_IF_ERROR(expr)      \
  do {                                       \
    absl::Status status_ = (expr);           \
    if (!status_.ok()) return status_;       \
  } while (0)

// Debian's abseil keeps its own string_view type; this lets std::string_view
// pieces go into StrCat like any other text.
template <typename T>
decltype(auto) AsStrCatPiece(const T& value) {
  if constexpr (std::is_convertible_v<const T&, std::string_view> &&
                !std::is_convertible_v<const T&, absl::string_view>) {
    std::string_view view = value;
    return absl::string_view(view.data(), view.size());
  } else {
    return (value);
  }
}

// An inference failure; the engine prefixes the node and op.
template <typename... Args>
absl::Status InferenceError(const Args&... parts) {
  return absl::InvalidArgumentError(absl::StrCat(AsStrCatPiece(parts)...));
}

// ---- Attributes ----
int64_t GetIntAttr(const InferenceContext& ctx, std::string_view name, int64_t default_value);
float GetFloatAttr(const InferenceContext& ctx, std::string_view name, float default_value);
std::string GetStringAttr(const InferenceContext& ctx, std::string_view name,
                          std::string_view default_value);
// The list, or nullopt when the attribute is absent.
std::optional<std::vector<int64_t>> GetIntsAttr(const InferenceContext& ctx, std::string_view name);

// ---- Types ----
// The element type of a tensor (or sparse tensor) input; 0 when unknown.
int32_t InputElemType(const InferenceContext& ctx, size_t index);
bool HasInputShape(const InferenceContext& ctx, size_t index);
// The input's shape; only valid when HasInputShape.
const TensorShapeProto& InputShape(const InferenceContext& ctx, size_t index);
// Sets the output to a tensor of `elem_type` (keeps a shape already set).
void SetOutputElemType(InferenceContext& ctx, size_t index, int32_t elem_type);
// The output's shape, created (rank known, dims unknown) when absent.
TensorShapeProto* MutableOutputShape(InferenceContext& ctx, size_t index);
// Copies the input's whole type (tensor, sequence, optional...) to the output.
absl::Status PropagateTypeFromInput(InferenceContext& ctx, size_t input, size_t output);
// Copies the element type; errors when the input is not a tensor.
absl::Status PropagateElemTypeFromInput(InferenceContext& ctx, size_t input, size_t output);
void PropagateShapeFromInput(InferenceContext& ctx, size_t input, size_t output);
// The most common rule: output 0 gets input 0's element type and shape.
absl::Status PropagateShapeAndTypeFromFirstInput(InferenceContext& ctx);

// ---- Dimensions ----
TensorShapeProto::Dimension DimOf(int64_t value);
TensorShapeProto::Dimension DimParam(std::string_view symbol);
inline bool IsKnown(const TensorShapeProto::Dimension& d) { return d.has_dim_value(); }
// The product of dims, or an unknown dim when any is unknown.
TensorShapeProto::Dimension DimProduct(const TensorShapeProto& shape, int begin, int end);
// Merges what two views of one dim know; error when both are values and differ.
absl::Status MergeDimInto(const TensorShapeProto::Dimension& source,
                          TensorShapeProto::Dimension* target);

// Numpy-style multidirectional broadcasting of several shapes.
absl::Status BroadcastShapes(const std::vector<const TensorShapeProto*>& shapes,
                             TensorShapeProto* result);
// Sets output 0's shape to the broadcast of all inputs' shapes, when all known.
absl::Status BroadcastInputsToOutput(InferenceContext& ctx, size_t output = 0);

// Normalizes a possibly negative axis for `rank`; error names the axis.
absl::Status NormalizeAxis(int64_t* axis, int64_t rank, std::string_view what = "axis");

// The values of a constant 1-D (or scalar) integer input: from its constant
// tensor, else from data propagation when every dim is a value.
std::optional<std::vector<int64_t>> ConstantIntsOfInput(const InferenceContext& ctx,
                                                        size_t index);

}  // namespace onnxforge
