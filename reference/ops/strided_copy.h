// Copies between strided views of two tensors' elements: the engine under
// Transpose, Slice, Expand, Concat and Split.
//
// A view is a shape plus, per axis, a stride in elements (negative for a
// reversed walk, 0 to repeat) from a base offset. Transpose is a view of
// the input with permuted strides; Slice one with scaled strides; Expand one
// with stride 0 on the broadcast axes; Concat and Split copy each part into
// or out of the matching region of the joined tensor.
//
//   StridedCopyPlan plan = StridedCopyPlan::Contiguous(x.shape());  // out = x
//   plan.in_strides = PermutedStrides(...);
//   ONNXFORGE_RETURN_IF_ERROR(CopyElements(plan, x, y));
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "reference/tensor.h"

namespace onnxforge::reference {

struct StridedCopyPlan {
  // For every index i of `shape`:
  //   out[out_offset + sum(i * out_strides)] = in[in_offset + sum(i * in_strides)].
  std::vector<int64_t> shape;
  std::vector<int64_t> in_strides;
  std::vector<int64_t> out_strides;
  int64_t in_offset = 0;
  int64_t out_offset = 0;

  // Both views row-major over `shape`, offsets 0.
  static StridedCopyPlan Contiguous(const std::vector<int64_t>& shape);
  // The same copy with size-1 axes dropped and neighbouring axes that both
  // views walk as one run merged, so the innermost loop is as long as it
  // can be.
  StridedCopyPlan Simplified() const;
};

// Row-major strides of `shape`.
std::vector<int64_t> RowMajorStrides(const std::vector<int64_t>& shape);

// Performs the copy. Every index the plan reaches must lie in the buffers.
template <typename T>
void RunStridedCopy(const StridedCopyPlan& given, const T* in, T* out) {
  for (int64_t d : given.shape) {
    if (d == 0) return;
  }
  const StridedCopyPlan plan = given.Simplified();
  const size_t rank = plan.shape.size();
  if (rank == 0) {
    out[plan.out_offset] = in[plan.in_offset];
    return;
  }
  const int64_t inner = plan.shape[rank - 1];
  const int64_t in_step = plan.in_strides[rank - 1];
  const int64_t out_step = plan.out_strides[rank - 1];
  std::vector<int64_t> index(rank - 1, 0);
  int64_t in_pos = plan.in_offset;
  int64_t out_pos = plan.out_offset;
  while (true) {
    if (in_step == 1 && out_step == 1) {
      std::copy(in + in_pos, in + in_pos + inner, out + out_pos);
    } else {
      const T* src = in + in_pos;
      T* dst = out + out_pos;
      for (int64_t k = 0; k < inner; ++k) dst[k * out_step] = src[k * in_step];
    }
    // Advance the outer axes like an odometer; done when all wrap.
    size_t axis = rank - 1;
    while (true) {
      if (axis == 0) return;
      --axis;
      if (++index[axis] < plan.shape[axis]) {
        in_pos += plan.in_strides[axis];
        out_pos += plan.out_strides[axis];
        break;
      }
      in_pos -= plan.in_strides[axis] * (plan.shape[axis] - 1);
      out_pos -= plan.out_strides[axis] * (plan.shape[axis] - 1);
      index[axis] = 0;
    }
  }
}

// RunStridedCopy from x's elements into y's, for any element type; an
// error when the types differ or the plan reaches outside either tensor.
absl::Status CopyElements(const StridedCopyPlan& plan, const Tensor& x, Tensor& y);

}  // namespace onnxforge::reference
