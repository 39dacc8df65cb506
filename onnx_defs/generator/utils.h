// Pieces the Constant, ConstantOfShape and Range schemas share across versions.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_sets.h"

namespace onnxforge::generator {

// ---- Constant ----

// The attributes that can carry a Constant's value, by the version that
// brought them.
inline const std::vector<std::string> kConstantForms1 = {"value"};
inline const std::vector<std::string> kConstantForms11 = {"value", "sparse_value"};
inline const std::vector<std::string> kConstantForms12 = {
    "value",     "sparse_value", "value_float",  "value_floats",
    "value_int", "value_ints",   "value_string", "value_strings"};

// The `value` attribute (required before opset 11).
OpSchema& ConstantValueAttr(OpSchema& schema, bool required);
OpSchema& ConstantSparseValueAttr(OpSchema& schema);
// value_float(s), value_int(s), value_string(s) of opset 12.
OpSchema& ConstantScalarAndListAttrs(OpSchema& schema);
// The output over `types`, and inference that reads the one attribute of
// `forms` that is set.
OpSchema& ConstantOutput(OpSchema& schema, const types::TypeList& types,
                         const std::vector<std::string>& forms);

// ---- ConstantOfShape ----

// input (the shape) -> output over `output_types`, with the `value` attribute.
OpSchema& ConstantOfShapeFormals(OpSchema& schema, const types::TypeList& output_types);
absl::Status InferConstantOfShape(InferenceContext& ctx);

// ---- Range ----

// start, limit, delta -> output over `types`.
OpSchema& RangeFormals(OpSchema& schema, const types::TypeList& types);
absl::Status InferRange(InferenceContext& ctx);

// Range-11's body, for any element type: a Loop that adds `delta` once per
// element.
std::string RangeBody11();
// Range-27's body, built for the node's element type: the element count
// from a double division, then start + i * delta for i = 0, 1, ...; float16
// and bfloat16 compute in the `stash_type` and cast back.
absl::StatusOr<std::string> RangeBody27(const FunctionBodyContext& ctx);

}  // namespace onnxforge::generator
