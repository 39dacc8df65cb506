// Axis arguments: negative values count from the end.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace onnxforge::reference {

// `axis` in [-rank, rank-1] mapped to [0, rank-1]. Error:
// "axis 3 is out of range for rank 2 (expected -2..1)"; `what` replaces
// "axis" in the message (e.g. "attribute 'axis'").
absl::StatusOr<int64_t> ResolveAxis(int64_t axis, int64_t rank, const std::string& what = "axis");

// Each axis resolved; a repeated axis is an error.
absl::StatusOr<std::vector<int64_t>> ResolveAxes(const std::vector<int64_t>& axes, int64_t rank,
                                                 const std::string& what = "axes");

}  // namespace onnxforge::reference
