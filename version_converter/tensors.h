// Small constant tensors adapters create: bounds, pads, zero biases, sizes.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge::version_converter {

// A tensor of `elem_type` (a float, integer or bool type) with `dims`,
// holding `values` converted to that type (float16 and bfloat16 rounded to
// nearest even). An error for any other element type.
absl::StatusOr<TensorProto> MakeNumericTensor(int32_t elem_type, std::vector<int64_t> dims,
                                              const std::vector<double>& values);

// `value` converted to `elem_type` and back: equal to `value` when the type
// represents it exactly.
double RoundTripThrough(int32_t elem_type, double value);

}  // namespace onnxforge::version_converter
