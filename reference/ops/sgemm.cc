#include "reference/ops/sgemm.h"

#include <immintrin.h>

#include <Eigen/Core>
#include <algorithm>
#include <vector>

namespace onnxforge::reference {
namespace {

// C is computed in tiles of kTileRows x kTileCols: 12 accumulators of 8
// floats, two loads of B and one broadcast of A per step along k, which
// fits the 16 AVX registers.
constexpr int64_t kTileRows = 6;
constexpr int64_t kTileCols = 16;

template <int kRows>
__attribute__((target("avx2,fma"))) void TileAvx2(int64_t k, const float* a, int64_t lda,
                                                   const float* b, int64_t ldb, float* c,
                                                   int64_t ldc) {
  __m256 acc[kRows][2];
#pragma GCC unroll 6
  for (int r = 0; r < kRows; ++r) {
    acc[r][0] = _mm256_setzero_ps();
    acc[r][1] = _mm256_setzero_ps();
  }
  for (int64_t i = 0; i < k; ++i) {
    const __m256 b0 = _mm256_loadu_ps(b + i * ldb);
    const __m256 b1 = _mm256_loadu_ps(b + i * ldb + 8);
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r) {
      const __m256 av = _mm256_broadcast_ss(a + r * lda + i);
      acc[r][0] = _mm256_fmadd_ps(av, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(av, b1, acc[r][1]);
    }
  }
#pragma GCC unroll 6
  for (int r = 0; r < kRows; ++r) {
    _mm256_storeu_ps(c + r * ldc, acc[r][0]);
    _mm256_storeu_ps(c + r * ldc + 8, acc[r][1]);
  }
}

__attribute__((target("avx2,fma"))) void SgemmAvx2(int64_t m, int64_t n, int64_t k,
                                                   const float* a, int64_t lda, const float* b,
                                                   int64_t ldb, float* c, int64_t ldc) {
  // Columns past the last full tile go through zero-padded copies of B and C.
  std::vector<float> b_tail, c_tail(kTileRows * kTileCols);
  for (int64_t col = 0; col < n; col += kTileCols) {
    const int64_t width = std::min(kTileCols, n - col);
    const float* b_panel = b + col;
    int64_t b_stride = ldb;
    if (width < kTileCols) {
      b_tail.assign(k * kTileCols, 0.0f);
      for (int64_t i = 0; i < k; ++i) {
        std::copy(b + i * ldb + col, b + i * ldb + col + width, b_tail.data() + i * kTileCols);
      }
      b_panel = b_tail.data();
      b_stride = kTileCols;
    }
    for (int64_t row = 0; row < m; row += kTileRows) {
      const int64_t rows = std::min(kTileRows, m - row);
      const float* a_block = a + row * lda;
      float* c_tile = width < kTileCols ? c_tail.data() : c + row * ldc + col;
      const int64_t c_stride = width < kTileCols ? kTileCols : ldc;
      switch (rows) {
        case 6: TileAvx2<6>(k, a_block, lda, b_panel, b_stride, c_tile, c_stride); break;
        case 5: TileAvx2<5>(k, a_block, lda, b_panel, b_stride, c_tile, c_stride); break;
        case 4: TileAvx2<4>(k, a_block, lda, b_panel, b_stride, c_tile, c_stride); break;
        case 3: TileAvx2<3>(k, a_block, lda, b_panel, b_stride, c_tile, c_stride); break;
        case 2: TileAvx2<2>(k, a_block, lda, b_panel, b_stride, c_tile, c_stride); break;
        default: TileAvx2<1>(k, a_block, lda, b_panel, b_stride, c_tile, c_stride); break;
      }
      if (width < kTileCols) {
        for (int64_t r = 0; r < rows; ++r) {
          std::copy(c_tail.data() + r * kTileCols, c_tail.data() + r * kTileCols + width,
                    c + (row + r) * ldc + col);
        }
      }
    }
  }
}

bool HasAvx2Fma() {
  static const bool supported = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return supported;
}

}  // namespace

void RowMajorSgemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
                   int64_t ldb, float* c, int64_t ldc) {
  if (m == 0 || n == 0) return;
  if (HasAvx2Fma()) {
    SgemmAvx2(m, n, k, a, lda, b, ldb, c, ldc);
    return;
  }
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Stride = Eigen::OuterStride<>;
  Eigen::Map<const Matrix, 0, Stride> a_map(a, m, k, Stride(lda));
  Eigen::Map<const Matrix, 0, Stride> b_map(b, k, n, Stride(ldb));
  Eigen::Map<Matrix, 0, Stride> c_map(c, m, n, Stride(ldc));
  if (k == 0) {
    c_map.setZero();
  } else {
    c_map.noalias() = a_map * b_map;
  }
}

}  // namespace onnxforge::reference
