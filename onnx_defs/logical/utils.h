// Pieces the logical and comparison schemas share across versions.
#pragma once

#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::logical {

// A, B (type T over `types`) -> C (bool), all marked `diff`. Adds no
// inference function: numpy-broadcasting and legacy versions differ.
OpSchema& BinaryPredicateFormals(OpSchema& schema, const types::TypeList& types,
                                 Differentiability diff);

// C is bool with the numpy-style broadcast shape of A and B.
absl::Status InferBroadcastPredicate(InferenceContext& ctx);

// The opset-1 `broadcast` and `axis` attributes, and their inference: C is
// bool with A's shape.
OpSchema& LegacyBroadcast(OpSchema& schema);
absl::Status InferLegacyBroadcastPredicate(InferenceContext& ctx);

// Opset-1 broadcasting of B onto A. Without `broadcast` the shapes must be
// equal; with it B has a single element or matches a run of A's dimensions
// starting at `axis` (by default the trailing ones). The result is A's shape,
// refined by what B knows.
absl::Status LegacyBroadcastShape(const TensorShapeProto& a, const TensorShapeProto& b,
                                  bool broadcast, std::optional<int64_t> axis,
                                  TensorShapeProto* result);

}  // namespace onnxforge::logical
