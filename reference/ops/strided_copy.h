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

namespace strided_copy_internal {

// out[k * out_step] = in[k * in_step] for k < count.
template <typename T>
void CopyRow(const T* in, int64_t in_step, T* out, int64_t out_step, int64_t count) {
  if (in_step == 1 && out_step == 1) {
    std::copy(in, in + count, out);
    return;
  }
  for (int64_t k = 0; k < count; ++k) out[k * out_step] = in[k * in_step];
}

// A 2-D copy walked in square tiles, so that the reads (contiguous along
// `rows`) and the writes (contiguous along `cols`) both stay within a few
// cache lines: the core of a transpose.
template <typename T>
void CopyTiled(const T* in, const int64_t in_steps[2], T* out, const int64_t out_steps[2],
               int64_t rows, int64_t cols) {
  constexpr int64_t kTile = 32;
  for (int64_t r0 = 0; r0 < rows; r0 += kTile) {
    const int64_t r1 = std::min(rows, r0 + kTile);
    for (int64_t c0 = 0; c0 < cols; c0 += kTile) {
      const int64_t c1 = std::min(cols, c0 + kTile);
      for (int64_t c = c0; c < c1; ++c) {
        const T* src = in + c * in_steps[1];
        T* dst = out + c * out_steps[1];
        for (int64_t r = r0; r < r1; ++r) dst[r * out_steps[0]] = src[r * in_steps[0]];
      }
    }
  }
}

}  // namespace strided_copy_internal

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
  const size_t last = rank - 1;
  // When the output runs along the last axis but the input does not, and
  // the input runs along another axis, copy those two axes in tiles.
  size_t tiled = rank;
  if (plan.out_strides[last] == 1 && plan.in_strides[last] != 1) {
    for (size_t a = 0; a < last; ++a) {
      if (plan.in_strides[a] == 1) tiled = a;
    }
  }
  std::vector<size_t> outer;
  for (size_t a = 0; a < last; ++a) {
    if (a != tiled) outer.push_back(a);
  }
  auto copy_inner = [&](int64_t in_pos, int64_t out_pos) {
    if (tiled == rank) {
      strided_copy_internal::CopyRow(in + in_pos, plan.in_strides[last], out + out_pos,
                                     plan.out_strides[last], plan.shape[last]);
    } else {
      const int64_t in_steps[2] = {plan.in_strides[tiled], plan.in_strides[last]};
      const int64_t out_steps[2] = {plan.out_strides[tiled], plan.out_strides[last]};
      strided_copy_internal::CopyTiled(in + in_pos, in_steps, out + out_pos, out_steps,
                                       plan.shape[tiled], plan.shape[last]);
    }
  };
  // Walk the outer axes like an odometer; done when all wrap.
  std::vector<int64_t> index(outer.size(), 0);
  int64_t in_pos = plan.in_offset;
  int64_t out_pos = plan.out_offset;
  while (true) {
    copy_inner(in_pos, out_pos);
    size_t k = outer.size();
    while (true) {
      if (k == 0) return;
      --k;
      const size_t axis = outer[k];
      if (++index[k] < plan.shape[axis]) {
        in_pos += plan.in_strides[axis];
        out_pos += plan.out_strides[axis];
        break;
      }
      in_pos -= plan.in_strides[axis] * (plan.shape[axis] - 1);
      out_pos -= plan.out_strides[axis] * (plan.shape[axis] - 1);
      index[k] = 0;
    }
  }
}

// RunStridedCopy from x's elements into y's, for any element type; an
// error when the types differ or the plan reaches outside either tensor.
absl::Status CopyElements(const StridedCopyPlan& plan, const Tensor& x, Tensor& y);

}  // namespace onnxforge::reference
