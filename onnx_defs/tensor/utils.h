// Pieces the tensor-manipulation schemas share across versions: Cast,
// Reshape, Squeeze, Unsqueeze, Concat, Split, Transpose, Flatten, Shape and
// Identity. Signature helpers fill in the formals and type constraints; the
// inference and data propagation functions are attached in each version's
// own schema block, so what a version does stays visible there.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::tensor {

// ---- Signatures -------------------------------------------------------------
// `differentiable` marks the data formals as such; ONNX states
// differentiability from opset 13 on.

// Cast: input (T1) -> output (T2), both over `types`. The `to` attribute and
// its companions are declared by the version itself.
OpSchema& CastSignature(OpSchema& schema, const types::TypeList& types, bool differentiable);
// The integer `to` attribute (opset 6 on).
OpSchema& CastToAttr(OpSchema& schema);
// `saturate` (opset 19 on) and `round_mode` (opset 24 on).
OpSchema& SaturateAttr(OpSchema& schema);
OpSchema& RoundModeAttr(OpSchema& schema);

// Reshape from opset 5: data (T), shape (int64) -> reshaped (T).
OpSchema& ReshapeSignature(OpSchema& schema, const types::TypeList& types, bool differentiable);
// `allowzero` (opset 14 on).
OpSchema& AllowZeroAttr(OpSchema& schema);

// Squeeze and Unsqueeze: data (T) -> squeezed/expanded (T), with the axes
// as an attribute (before opset 13; `negative_axes` from opset 11) or as an
// int64 input (opset 13 on; optional for Squeeze, required for Unsqueeze).
OpSchema& SqueezeWithAxesAttr(OpSchema& schema, const types::TypeList& types, bool negative_axes);
OpSchema& SqueezeWithAxesInput(OpSchema& schema, const types::TypeList& types);
OpSchema& UnsqueezeWithAxesAttr(OpSchema& schema, const types::TypeList& types, bool negative_axes);
OpSchema& UnsqueezeWithAxesInput(OpSchema& schema, const types::TypeList& types);

// Concat: inputs (variadic T) -> concat_result (T). `axis` is per version.
OpSchema& ConcatSignature(OpSchema& schema, const types::TypeList& types, bool differentiable);

// Split from opset 2: input (T) -> outputs (variadic T) and the `axis`
// attribute (default 0); `negative_axis` from opset 11.
OpSchema& SplitSignature(OpSchema& schema, const types::TypeList& types, bool differentiable,
                         bool negative_axis);
// The optional int64 `split` input (opset 13 on).
OpSchema& SplitSizesInput(OpSchema& schema);

// Transpose: data (T) -> transposed (T) with the optional `perm` attribute.
OpSchema& TransposeSignature(OpSchema& schema, const types::TypeList& types, bool differentiable);

// Flatten: input (T) -> output (T) with `axis` (default 1); `negative_axis`
// from opset 11.
OpSchema& FlattenSignature(OpSchema& schema, const types::TypeList& types, bool differentiable,
                           bool negative_axis);

// Shape: data (T) -> shape (T1 = int64); both are marked non-differentiable
// when `non_differentiable` (opset 13 on). `start` and `end` from opset 15.
OpSchema& ShapeSignature(OpSchema& schema, const types::TypeList& types, bool non_differentiable);
OpSchema& ShapeRangeAttrs(OpSchema& schema);

// Identity: input -> output over type parameter `param` ("T", later "V").
OpSchema& IdentitySignature(OpSchema& schema, const char* param, const types::TypeList& types,
                            bool differentiable);

// ---- Type and shape inference ----------------------------------------------

// Output element type from `to` (an enum value, or an enum name such as
// "FLOAT" in opset 1), which must be one of `allowed`; shape from the input.
InferenceFunction CastInference(types::TypeList allowed);

// Reshape with the target shape from input 1 (opset 5 on; honours
// `allowzero`) or from the `shape` attribute (opset 1).
absl::Status InferReshape(InferenceContext& ctx);
absl::Status InferReshapeFromAttr(InferenceContext& ctx);

// Squeeze and Unsqueeze with the axes from the `axes` attribute or input 1.
absl::Status InferSqueezeFromAttr(InferenceContext& ctx);
absl::Status InferSqueezeFromInput(InferenceContext& ctx);
absl::Status InferUnsqueezeFromAttr(InferenceContext& ctx);
absl::Status InferUnsqueezeFromInput(InferenceContext& ctx);

// Concat along `axis`; opset 1 defaults the axis to 1, later it is required.
InferenceFunction ConcatInference(bool axis_defaults_to_one);

// Where Split takes the sizes of its parts from.
enum class SplitSizes {
  kAttrOrInput,        // opset 1: `split` attribute, else the second input
  kAttr,               // opsets 2, 11: `split` attribute
  kInput,              // opset 13: `split` input
  kInputOrNumOutputs,  // opset 18: `split` input or `num_outputs`
};
InferenceFunction SplitInference(SplitSizes source);

absl::Status InferTranspose(InferenceContext& ctx);
InferenceFunction FlattenInference(bool negative_axis);

// Shape: a 1-D int64 whose length is the rank (or the `start`..`end` part
// of it when `ranged`).
InferenceFunction ShapeInference(bool ranged);

// Identity: the output's type is the input's, whatever kind it is.
absl::Status InferIdentity(InferenceContext& ctx);

// ---- Data propagation -------------------------------------------------------
// These compute an output's value when it is a shape (1-D int64 of dims).

// The output's value is input 0's (Cast, Squeeze, Unsqueeze: the values do
// not change).
absl::Status PropagateInputData(DataPropagationContext& ctx);
// Shape: the input's dims (the `start`..`end` part when `ranged`).
DataPropagationFunction ShapeDataPropagation(bool ranged);
// Concat along axis 0 of shape values.
absl::Status PropagateConcatData(DataPropagationContext& ctx);

// ---- Helpers ------------------------------------------------------------------

// "[2,N,?]": how messages print a shape that may hold symbols.
std::string DimsString(const TensorShapeProto& shape);

// Checks `axis` lies in [-rank, rank-1] and makes it non-negative; the
// message names `what` ("attribute 'axis'", "axes entry").
absl::Status NormalizeAxisInRank(int64_t* axis, int64_t rank, const std::string& what);

// The dim a run of dims [begin, end) collapses into: their product when all
// are values; the symbol when one symbolic dim is joined only by 1s; else
// unknown.
TensorShapeProto::Dimension CollapsedDim(const TensorShapeProto& shape, int begin, int end);

}  // namespace onnxforge::tensor
