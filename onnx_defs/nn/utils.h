// Pieces the neural-network schemas share across versions: the sliding
// window arithmetic of Conv and the pooling ops, their common formals and
// attributes, and the inference of the normalization and dropout ops.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::nn {

inline constexpr Differentiability kUnmarked = Differentiability::kUnknown;
inline constexpr Differentiability kDiff = Differentiability::kDifferentiable;
inline constexpr Differentiability kNonDiff = Differentiability::kNonDifferentiable;

// ---- Sliding windows (Conv, MaxPool, AveragePool) -------------------------

// What one op version reads when it computes its output's spatial sizes.
struct WindowRules {
  bool dilations = false;  // the version has the `dilations` attribute
  bool ceil_mode = false;  // the version has the `ceil_mode` attribute
  // With ceil_mode, a last window that would begin inside the end padding is
  // dropped (the rule of the opset-22 versions).
  bool drop_window_starting_in_end_pad = false;
  // Conv (set by ConvInference): kernel_shape may be left out (W's spatial
  // dims give it), the output's channel axis is W's dim 0, and `group` ties
  // X, W and B together.
  bool conv = false;
};

// Output 0's shape from X (input 0), the window attributes and, for Conv, W.
// MaxPool's optional Indices output (1) gets the same shape.
absl::Status InferWindowedShape(InferenceContext& ctx, const WindowRules& rules);

// Element type of X to Y; for MaxPool's Indices int64; then the shapes.
InferenceFunction PoolInference(WindowRules rules);
InferenceFunction ConvInference(WindowRules rules);

// X -> Y over T, the formals every pooling version has.
OpSchema& PoolFormals(OpSchema& schema, const types::TypeList& types, Differentiability diff);
// kernel_shape (required for pooling, optional for Conv), strides, pads, auto_pad.
OpSchema& WindowAttrs(OpSchema& schema, bool kernel_shape_required);
OpSchema& CeilModeAttr(OpSchema& schema);
OpSchema& DilationsAttr(OpSchema& schema);
OpSchema& CountIncludePadAttr(OpSchema& schema);
// MaxPool-8+: storage_order and the optional Indices output over I = int64.
OpSchema& MaxPoolIndices(OpSchema& schema, Differentiability diff);
// Conv's X, W, optional B -> Y over T, and the `group` attribute.
OpSchema& ConvFormals(OpSchema& schema, const types::TypeList& types, Differentiability diff);

// ---- BatchNormalization ------------------------------------------------------

// Opsets 1-9: Y takes X's type and shape; the optional statistics outputs
// (mean, var, saved_mean, saved_var) take X's element type and the shape of
// one channel's statistics: [C] when spatial, else X's dims after the batch.
// `has_spatial` says whether the version has the `spatial` attribute.
InferenceFunction BatchNormStatsInference(bool has_spatial);
// Opsets 14-15: scale, B, input_mean and input_var are [C]; running_mean
// and running_var are produced exactly when training_mode is 1.
absl::Status BatchNormTrainingModeInference(InferenceContext& ctx);
// The five inputs of opsets 1-9 (X, scale, B, mean, var over T).
OpSchema& BatchNormLegacyInputs(OpSchema& schema, Differentiability diff);
// The four optional statistics outputs of opsets 1-9.
OpSchema& BatchNormLegacyOutputs(OpSchema& schema, Differentiability diff);

// ---- Dropout ---------------------------------------------------------------------

// output takes data's type and shape; the optional mask takes data's shape
// and `mask_elem_type` (0: data's element type, as before opset 10).
InferenceFunction DropoutInference(int32_t mask_elem_type);
// Opset 12+: ratio and training_mode must be scalars; the mask is bool.
absl::Status DropoutWithInputsInference(InferenceContext& ctx);

// ---- LayerNormalization ------------------------------------------------------------

absl::Status LayerNormInference(InferenceContext& ctx);
// The body in the textual syntax for the node's axis, epsilon, stash_type,
// present B and requested outputs; it needs X's element type (and, at opset
// 17 with a non-negative axis, X's rank). `opset` 17 passes ReduceMean's
// axes as an attribute, 18 as an input.
absl::StatusOr<std::string> LayerNormBody(const FunctionBodyContext& ctx, int opset);

// A float attribute value as a literal the textual syntax reads as a float.
std::string FloatLiteral(float value);

}  // namespace onnxforge::nn
