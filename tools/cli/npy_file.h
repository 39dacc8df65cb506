// Reading numpy's .npy files (format versions 1 to 3) into tensors: bool,
// signed and unsigned integers, float16, float32 and float64 arrays in C
// order and little-endian byte order.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "reference/tensor.h"

namespace onnxforge::cli {

// Parses the bytes of a .npy file; errors name `label` (the file).
absl::StatusOr<reference::Tensor> ParseNpy(const std::string& bytes, const std::string& label);

// Reads and parses the file at `path`.
absl::StatusOr<reference::Tensor> ReadNpy(const std::string& path);

}  // namespace onnxforge::cli
