// Pieces the reduction schemas (Reduce*, ArgMax) share across versions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::reduction {

// Where a Reduce op finds the axes to reduce.
enum class AxesFrom { kAttribute, kInput };

// What a Reduce op gives when it reduces no elements, for its doc.
inline constexpr char kEmptySum[] = "0";
inline constexpr char kEmptyMean[] = "an undefined value (NaN for floating-point types)";
inline constexpr char kEmptyMax[] =
    "-inf for types that have it and the type's lowest value otherwise";

// The doc of a Reduce op computing `result` (e.g. "sum"), whose reduction of
// no elements gives `empty_result`; `version_note` says what the version
// changed (may be empty).
std::string ReduceDoc(const std::string& result, AxesFrom axes,
                      const std::string& empty_result, const std::string& version_note);

// data -> reduced over `types` with the attributes `axes` (all dimensions
// when absent) and `keepdims`. `differentiable` marks data and reduced.
OpSchema& AxesAttributeReduction(OpSchema& schema, const types::TypeList& types,
                                 bool differentiable);

// data, axes (optional int64 input) -> reduced over `types` with the
// attributes `keepdims` and `noop_with_empty_axes`.
OpSchema& AxesInputReduction(OpSchema& schema, const types::TypeList& types);

// The shape of reducing `input` over `axes` (every dimension when empty).
// Axes may be negative; `source` names where they came from for messages.
absl::Status ReducedShape(const TensorShapeProto& input, const std::vector<int64_t>& axes,
                          bool keepdims, const std::string& source, TensorShapeProto* result);

absl::Status InferReduceWithAxesAttribute(InferenceContext& ctx);
// With a constant axes input the shape is exact; otherwise the rank is known
// when keepdims is 1 or the length of axes is.
absl::Status InferReduceWithAxesInput(InferenceContext& ctx);

// data -> reduced (int64 indices) over `types` with the attributes `axis`
// and `keepdims`. `non_differentiable` marks data and reduced as such.
OpSchema& ArgReduction(OpSchema& schema, const types::TypeList& types, bool non_differentiable);
absl::Status InferArgReduce(InferenceContext& ctx);

}  // namespace onnxforge::reduction
