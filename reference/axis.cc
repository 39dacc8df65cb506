#include "reference/axis.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace onnxforge::reference {

absl::StatusOr<int64_t> ResolveAxis(int64_t axis, int64_t rank, const std::string& what) {
  if (axis < -rank || axis >= rank) {
    if (rank == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " ", axis, " is out of range for rank 0 (no axes)"));
    }
    return absl::InvalidArgumentError(absl::StrCat(what, " ", axis, " is out of range for rank ",
                                                   rank, " (expected ", -rank, "..", rank - 1,
                                                   ")"));
  }
  return axis < 0 ? axis + rank : axis;
}

absl::StatusOr<std::vector<int64_t>> ResolveAxes(const std::vector<int64_t>& axes, int64_t rank,
                                                 const std::string& what) {
  std::vector<int64_t> out;
  out.reserve(axes.size());
  for (int64_t axis : axes) {
    absl::StatusOr<int64_t> resolved = ResolveAxis(axis, rank, what);
    if (!resolved.ok()) return resolved.status();
    if (std::find(out.begin(), out.end(), *resolved) != out.end()) {
      return absl::InvalidArgumentError(
          absl::StrCat(what, " repeat axis ", *resolved, " (given as ", axis, ")"));
    }
    out.push_back(*resolved);
  }
  return out;
}

}  // namespace onnxforge::reference
