// Pieces the ai.onnx.ml schemas share across versions and ops.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::ml {

// The numeric inputs most ml ops accept: float, double, int64, int32.
const types::TypeList& NumericInputTypes();

// ---- Checks shared by several ops ----

// The string attribute `name` (default `fallback`) must be one of `choices`.
absl::Status CheckStringChoice(const InferenceContext& ctx, std::string_view name,
                               std::string_view fallback,
                               std::initializer_list<std::string_view> choices);
// NONE, SOFTMAX, LOGISTIC, SOFTMAX_ZERO, PROBIT.
absl::Status CheckPostTransform(const InferenceContext& ctx);

// ---- One-op inference functions ----

absl::Status InferLinearClassifier(InferenceContext& ctx);
absl::Status InferLinearRegressor(InferenceContext& ctx);
absl::Status InferScaler(InferenceContext& ctx);
absl::Status InferNormalizer(InferenceContext& ctx);
absl::Status InferArrayFeatureExtractor(InferenceContext& ctx);
absl::Status InferZipMap(InferenceContext& ctx);

// ---- LabelEncoder ----

// LabelEncoder-1: strings to int64 or back.
absl::Status InferLabelEncoder1(InferenceContext& ctx);
// LabelEncoder-2 and 4: keys_*/values_* attributes; `with_tensors` adds the
// keys_tensor, values_tensor and default_tensor of opset 4.
OpSchema& LabelEncoderMapAttrs(OpSchema& schema, bool with_tensors);
absl::Status InferLabelEncoderMap(InferenceContext& ctx, bool with_tensors);

// ---- Tree ensembles ----

// The nodes_* attributes, base_values and post_transform of
// TreeEnsembleClassifier and TreeEnsembleRegressor; `as_tensor` adds the
// double-precision *_as_tensor variants of opset 3.
OpSchema& TreeNodeAttrs(OpSchema& schema, bool as_tensor);
// class_* and classlabels_* attributes, X -> (Y labels, Z scores).
OpSchema& TreeClassifierFormals(OpSchema& schema, bool as_tensor);
// target_*, n_targets and aggregate_function attributes, X -> Y.
OpSchema& TreeRegressorFormals(OpSchema& schema, bool as_tensor);
// TreeEnsemble-5.
absl::Status InferTreeEnsemble(InferenceContext& ctx);

}  // namespace onnxforge::ml
