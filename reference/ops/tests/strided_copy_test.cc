// The strided copy under Transpose, Slice, Expand, Concat and Split against
// a plain index-by-index copy, for random shapes, permutations and strides.
#include "reference/ops/strided_copy.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <numeric>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace onnxforge::reference {
namespace {

// The copy done one multi-index at a time.
std::vector<int> NaiveCopy(const StridedCopyPlan& plan, const std::vector<int>& in,
                           size_t out_size) {
  std::vector<int> out(out_size, -1);
  int64_t count = 1;
  for (int64_t d : plan.shape) count *= d;
  std::vector<int64_t> index(plan.shape.size(), 0);
  for (int64_t n = 0; n < count; ++n) {
    int64_t rest = n;
    for (size_t a = plan.shape.size(); a-- > 0;) {
      index[a] = rest % plan.shape[a];
      rest /= plan.shape[a];
    }
    int64_t src = plan.in_offset, dst = plan.out_offset;
    for (size_t a = 0; a < plan.shape.size(); ++a) {
      src += index[a] * plan.in_strides[a];
      dst += index[a] * plan.out_strides[a];
    }
    out[dst] = in[src];
  }
  return out;
}

TEST(StridedCopy, TransposesMatchTheNaiveCopy) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    // Some trials with long axes, to cross tile borders.
    const bool long_axes = trial % 3 == 0;
    const int rank = 1 + static_cast<int>(rng() % (long_axes ? 3 : 5));
    std::vector<int64_t> dims(rank);
    for (auto& d : dims) d = 1 + static_cast<int64_t>(rng() % (long_axes ? 70 : 5));
    std::vector<int64_t> perm(rank);
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    const std::vector<int64_t> in_strides = RowMajorStrides(dims);
    std::vector<int64_t> out_dims(rank);
    for (int i = 0; i < rank; ++i) out_dims[i] = dims[perm[i]];
    StridedCopyPlan plan = StridedCopyPlan::Contiguous(out_dims);
    for (int i = 0; i < rank; ++i) plan.in_strides[i] = in_strides[perm[i]];
    const int64_t size = std::accumulate(dims.begin(), dims.end(), int64_t{1},
                                         std::multiplies<int64_t>());
    std::vector<int> in(size);
    std::iota(in.begin(), in.end(), 0);
    std::vector<int> out(size, -1);
    RunStridedCopy(plan, in.data(), out.data());
    EXPECT_EQ(out, NaiveCopy(plan, in, size)) << "trial " << trial;
  }
}

TEST(StridedCopy, ReversedAndRepeatedWalks) {
  // A [3, 4] input read backward along axis 1 with step -2 from column 3,
  // and row 1 repeated twice (stride 0).
  std::vector<int> in(12);
  std::iota(in.begin(), in.end(), 0);
  StridedCopyPlan plan;
  plan.shape = {2, 2};
  plan.in_strides = {0, -2};
  plan.in_offset = 4 + 3;
  plan.out_strides = {2, 1};
  std::vector<int> out(4, -1);
  RunStridedCopy(plan, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int>{7, 5, 7, 5}));
}

TEST(StridedCopy, CopiesIntoARegionOfALargerOutput) {
  // A [2, 2] block into columns 1..2 of a [2, 4] output, as Concat does.
  const std::vector<int> in = {1, 2, 3, 4};
  StridedCopyPlan plan = StridedCopyPlan::Contiguous({2, 2});
  plan.out_strides = {4, 1};
  plan.out_offset = 1;
  std::vector<int> out(8, 0);
  RunStridedCopy(plan, in.data(), out.data());
  EXPECT_EQ(out, (std::vector<int>{0, 1, 2, 0, 0, 3, 4, 0}));
}

TEST(StridedCopy, LargeTransposeTakesReasonableTime) {
  // NCHW -> NHWC of 8 x 64 x 56 x 56 floats (6.4 MB): tiles keep it fast.
  const std::vector<int64_t> dims = {8, 64, 56, 56};
  const std::vector<int64_t> perm = {0, 2, 3, 1};
  const std::vector<int64_t> in_strides = RowMajorStrides(dims);
  std::vector<int64_t> out_dims(4);
  for (int i = 0; i < 4; ++i) out_dims[i] = dims[perm[i]];
  StridedCopyPlan plan = StridedCopyPlan::Contiguous(out_dims);
  for (int i = 0; i < 4; ++i) plan.in_strides[i] = in_strides[perm[i]];
  std::vector<float> in(8 * 64 * 56 * 56, 1.0f), out(in.size());
  const auto start = std::chrono::steady_clock::now();
  RunStridedCopy(plan, in.data(), out.data());
  const double ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start).count();
  std::cout << "transpose of " << in.size() << " floats: " << ms << " ms\n";
  EXPECT_EQ(out[12345], 1.0f);
}

}  // namespace
}  // namespace onnxforge::reference
