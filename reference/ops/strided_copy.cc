#include "reference/ops/strided_copy.h"

#include "absl/strings/str_cat.h"
#include "reference/dispatch.h"

namespace onnxforge::reference {

std::vector<int64_t> RowMajorStrides(const std::vector<int64_t>& shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
  return strides;
}

StridedCopyPlan StridedCopyPlan::Contiguous(const std::vector<int64_t>& shape) {
  StridedCopyPlan plan;
  plan.shape = shape;
  plan.in_strides = RowMajorStrides(shape);
  plan.out_strides = plan.in_strides;
  return plan;
}

StridedCopyPlan StridedCopyPlan::Simplified() const {
  StridedCopyPlan out;
  out.in_offset = in_offset;
  out.out_offset = out_offset;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 1) continue;
    const size_t last = out.shape.size();
    // Axis `last-1` then `axis` form one run in both views when stepping
    // the outer one equals stepping the inner one shape[axis] times.
    if (last > 0 && out.in_strides[last - 1] == in_strides[axis] * shape[axis] &&
        out.out_strides[last - 1] == out_strides[axis] * shape[axis]) {
      out.shape[last - 1] *= shape[axis];
      out.in_strides[last - 1] = in_strides[axis];
      out.out_strides[last - 1] = out_strides[axis];
      continue;
    }
    out.shape.push_back(shape[axis]);
    out.in_strides.push_back(in_strides[axis]);
    out.out_strides.push_back(out_strides[axis]);
  }
  return out;
}

namespace {

// The lowest and highest offsets a view reaches; false for an empty view.
bool ViewBounds(const std::vector<int64_t>& shape, const std::vector<int64_t>& strides,
                int64_t offset, int64_t* low, int64_t* high) {
  *low = *high = offset;
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (shape[axis] == 0) return false;
    const int64_t span = strides[axis] * (shape[axis] - 1);
    (span < 0 ? *low : *high) += span;
  }
  return true;
}

}  // namespace

absl::Status CopyElements(const StridedCopyPlan& plan, const Tensor& x, Tensor& y) {
  if (x.type() != y.type()) {
    return absl::InternalError(absl::StrCat("CopyElements: ", x.DebugString(), " into ",
                                            y.DebugString()));
  }
  int64_t low, high;
  if (!ViewBounds(plan.shape, plan.in_strides, plan.in_offset, &low, &high)) {
    return absl::OkStatus();
  }
  bool inside = low >= 0 && high < x.size();
  ViewBounds(plan.shape, plan.out_strides, plan.out_offset, &low, &high);
  inside = inside && low >= 0 && high < y.size();
  if (!inside) {
    return absl::InternalError(absl::StrCat("CopyElements: the plan reaches outside ",
                                            x.DebugString(), " or ", y.DebugString()));
  }
  return Dispatch<types::All>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    RunStridedCopy(plan, x.data<T>().data(), y.mutable_data<T>().data());
    return absl::OkStatus();
  });
}

}  // namespace onnxforge::reference
