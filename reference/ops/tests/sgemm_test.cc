#include "reference/ops/sgemm.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "gtest/gtest.h"

namespace onnxforge::reference {
namespace {

// Small integers keep every product and sum exact in float, so each path
// must match the plain triple loop bit for bit.
std::vector<float> Ramp(int64_t count, int seed) {
  std::vector<float> values(count);
  for (int64_t i = 0; i < count; ++i) values[i] = static_cast<float>((i * 7 + seed) % 11 - 5);
  return values;
}

class SgemmTest : public ::testing::TestWithParam<SgemmPath> {};

TEST_P(SgemmTest, MatchesPlainLoopsForEveryTileEdge) {
  // Row counts around the tile heights (6, 8) and column counts around the
  // tile widths (16, 32), with leading dimensions wider than the matrices;
  // each with and without a bias per row.
  for (int64_t m : {1, 5, 6, 7, 8, 9, 17}) {
    for (int64_t n : {1, 15, 16, 17, 31, 32, 33, 70}) {
      for (int64_t k : {0, 1, 3, 27}) {
        for (bool with_bias : {false, true}) {
          const int64_t lda = k + 2, ldb = n + 3, ldc = n + 1;
          const std::vector<float> a = Ramp(m * lda, 1), b = Ramp(k * ldb, 2), bias = Ramp(m, 3);
          std::vector<float> c(m * ldc, -99.0f), want(m * ldc, -99.0f);
          for (int64_t i = 0; i < m; ++i) {
            for (int64_t j = 0; j < n; ++j) {
              float sum = 0;
              for (int64_t p = 0; p < k; ++p) sum += a[i * lda + p] * b[p * ldb + j];
              want[i * ldc + j] = with_bias ? sum + bias[i] : sum;
            }
          }
          if (!RowMajorSgemmVia(GetParam(), m, n, k, a.data(), lda, b.data(), ldb, c.data(), ldc,
                                with_bias ? bias.data() : nullptr)) {
            GTEST_SKIP() << "this CPU cannot run the path";
          }
          ASSERT_EQ(c, want) << "m=" << m << " n=" << n << " k=" << k << " bias=" << with_bias;
        }
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Paths, SgemmTest,
                         ::testing::Values(SgemmPath::kAvx512, SgemmPath::kAvx2,
                                           SgemmPath::kEigen));

TEST(SgemmTest, EmptyOutputTouchesNothing) {
  float c = 5.0f;
  RowMajorSgemm(0, 1, 3, nullptr, 3, nullptr, 1, &c, 1);
  RowMajorSgemm(1, 0, 3, nullptr, 3, nullptr, 1, &c, 1);
  EXPECT_EQ(c, 5.0f);
}

}  // namespace
}  // namespace onnxforge::reference
