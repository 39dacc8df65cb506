#include "reference/ops/sgemm.h"

#ifdef __x86_64__
#include <immintrin.h>
#endif

#include <Eigen/Core>
#include <algorithm>
#include <vector>

namespace onnxforge::reference {
namespace {

#ifdef __x86_64__

// C is computed tile by tile. A tile kernel computes `rows` x `cols` of C
// over the whole k: two vectors of B are loaded and one element of A per
// row broadcast per step, with the tile's accumulators in registers; each
// row's bias, when there is one, is added as the row is stored. Only the
// tile kernels use AVX instructions (target attributes); the driver is
// baseline code and calls them through pointers.
using TileFn = void (*)(int64_t k, const float* a, int64_t lda, const float* b, int64_t ldb,
                        float* c, int64_t ldc, const float* bias);

constexpr int kMaxTileRows = 8;

struct TileKernels {
  int64_t rows;                      // a full tile's rows
  int64_t cols;                      // a tile's columns: two vectors
  TileFn by_rows[kMaxTileRows + 1];  // by_rows[r] computes r rows
};

// AVX2 + FMA: 8 floats per vector; 6 rows x 16 columns use 12 of the 16
// vector registers for accumulators.
template <int kRows>
__attribute__((target("avx2,fma"))) void TileAvx2(int64_t k, const float* a, int64_t lda,
                                                  const float* b, int64_t ldb, float* c,
                                                  int64_t ldc, const float* bias) {
  __m256 acc[kRows][2];
#pragma GCC unroll 8
  for (int r = 0; r < kRows; ++r) acc[r][0] = acc[r][1] = _mm256_setzero_ps();
  for (int64_t i = 0; i < k; ++i) {
    const __m256 b0 = _mm256_loadu_ps(b + i * ldb);
    const __m256 b1 = _mm256_loadu_ps(b + i * ldb + 8);
#pragma GCC unroll 8
    for (int r = 0; r < kRows; ++r) {
      const __m256 av = _mm256_broadcast_ss(a + r * lda + i);
      acc[r][0] = _mm256_fmadd_ps(av, b0, acc[r][0]);
      acc[r][1] = _mm256_fmadd_ps(av, b1, acc[r][1]);
    }
  }
  if (bias != nullptr) {
#pragma GCC unroll 8
    for (int r = 0; r < kRows; ++r) {
      const __m256 bv = _mm256_broadcast_ss(bias + r);
      acc[r][0] = _mm256_add_ps(acc[r][0], bv);
      acc[r][1] = _mm256_add_ps(acc[r][1], bv);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < kRows; ++r) {
    _mm256_storeu_ps(c + r * ldc, acc[r][0]);
    _mm256_storeu_ps(c + r * ldc + 8, acc[r][1]);
  }
}

// AVX-512: 16 floats per vector; 8 rows x 32 columns use 16 of the 32
// vector registers for accumulators.
template <int kRows>
__attribute__((target("avx512f"))) void TileAvx512(int64_t k, const float* a, int64_t lda,
                                                   const float* b, int64_t ldb, float* c,
                                                   int64_t ldc, const float* bias) {
  __m512 acc[kRows][2];
#pragma GCC unroll 8
  for (int r = 0; r < kRows; ++r) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
  for (int64_t i = 0; i < k; ++i) {
    const __m512 b0 = _mm512_loadu_ps(b + i * ldb);
    const __m512 b1 = _mm512_loadu_ps(b + i * ldb + 16);
#pragma GCC unroll 8
    for (int r = 0; r < kRows; ++r) {
      const __m512 av = _mm512_set1_ps(a[r * lda + i]);
      acc[r][0] = _mm512_fmadd_ps(av, b0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(av, b1, acc[r][1]);
    }
  }
  if (bias != nullptr) {
#pragma GCC unroll 8
    for (int r = 0; r < kRows; ++r) {
      const __m512 bv = _mm512_set1_ps(bias[r]);
      acc[r][0] = _mm512_add_ps(acc[r][0], bv);
      acc[r][1] = _mm512_add_ps(acc[r][1], bv);
    }
  }
#pragma GCC unroll 8
  for (int r = 0; r < kRows; ++r) {
    _mm512_storeu_ps(c + r * ldc, acc[r][0]);
    _mm512_storeu_ps(c + r * ldc + 16, acc[r][1]);
  }
}

constexpr TileKernels kAvx2 = {6,
                               16,
                               {nullptr, TileAvx2<1>, TileAvx2<2>, TileAvx2<3>, TileAvx2<4>,
                                TileAvx2<5>, TileAvx2<6>, nullptr, nullptr}};
constexpr TileKernels kAvx512 = {
    8,
    32,
    {nullptr, TileAvx512<1>, TileAvx512<2>, TileAvx512<3>, TileAvx512<4>, TileAvx512<5>,
     TileAvx512<6>, TileAvx512<7>, TileAvx512<8>}};

#endif  // __x86_64__

bool CpuRuns(SgemmPath path) {
  switch (path) {
#ifdef __x86_64__
    case SgemmPath::kAvx512:
      return __builtin_cpu_supports("avx512f");
    case SgemmPath::kAvx2:
      return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    case SgemmPath::kEigen:
      return true;
    default:
      return false;
  }
}

SgemmPath BestPath() {
  static const SgemmPath best = CpuRuns(SgemmPath::kAvx512) ? SgemmPath::kAvx512
                                : CpuRuns(SgemmPath::kAvx2) ? SgemmPath::kAvx2
                                                            : SgemmPath::kEigen;
  return best;
}

void EigenSgemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
                int64_t ldb, float* c, int64_t ldc, const float* bias) {
  using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Stride = Eigen::OuterStride<>;
  Eigen::Map<Matrix, 0, Stride> c_map(c, m, n, Stride(ldc));
  if (k == 0) {
    c_map.setZero();
  } else {
    c_map.noalias() = Eigen::Map<const Matrix, 0, Stride>(a, m, k, Stride(lda)) *
                      Eigen::Map<const Matrix, 0, Stride>(b, k, n, Stride(ldb));
  }
  if (bias != nullptr) {
    for (int64_t i = 0; i < m; ++i) c_map.row(i).array() += bias[i];
  }
}

#ifdef __x86_64__
void TiledSgemm(const TileKernels& kernels, int64_t m, int64_t n, int64_t k, const float* a,
                int64_t lda, const float* b, int64_t ldb, float* c, int64_t ldc,
                const float* bias) {
  const int64_t tile_cols = kernels.cols;
  // Columns past the last full tile go through zero-padded copies of B and C.
  std::vector<float> b_tail, c_tail(kernels.rows * tile_cols);
  for (int64_t col = 0; col < n; col += tile_cols) {
    const int64_t width = std::min(tile_cols, n - col);
    const bool partial = width < tile_cols;
    const float* b_panel = b + col;
    int64_t b_stride = ldb;
    if (partial) {
      b_tail.assign(k * tile_cols, 0.0f);
      for (int64_t i = 0; i < k; ++i) {
        std::copy(b + i * ldb + col, b + i * ldb + col + width, b_tail.data() + i * tile_cols);
      }
      b_panel = b_tail.data();
      b_stride = tile_cols;
    }
    for (int64_t row = 0; row < m; row += kernels.rows) {
      const int64_t rows = std::min(kernels.rows, m - row);
      float* c_tile = partial ? c_tail.data() : c + row * ldc + col;
      kernels.by_rows[rows](k, a + row * lda, lda, b_panel, b_stride, c_tile,
                            partial ? tile_cols : ldc, bias != nullptr ? bias + row : nullptr);
      for (int64_t r = 0; partial && r < rows; ++r) {
        std::copy(c_tail.data() + r * tile_cols, c_tail.data() + r * tile_cols + width,
                  c + (row + r) * ldc + col);
      }
    }
  }
}
#endif  // __x86_64__

}  // namespace

bool RowMajorSgemmVia(SgemmPath path, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
                      const float* b, int64_t ldb, float* c, int64_t ldc, const float* row_bias) {
  if (!CpuRuns(path)) return false;
  if (m == 0 || n == 0) return true;
  switch (path) {
#ifdef __x86_64__
    case SgemmPath::kAvx512:
      TiledSgemm(kAvx512, m, n, k, a, lda, b, ldb, c, ldc, row_bias);
      return true;
    case SgemmPath::kAvx2:
      TiledSgemm(kAvx2, m, n, k, a, lda, b, ldb, c, ldc, row_bias);
      return true;
#endif
    default:
      EigenSgemm(m, n, k, a, lda, b, ldb, c, ldc, row_bias);
      return true;
  }
}

void RowMajorSgemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
                   int64_t ldb, float* c, int64_t ldc, const float* row_bias) {
  RowMajorSgemmVia(BestPath(), m, n, k, a, lda, b, ldb, c, ldc, row_bias);
}

}  // namespace onnxforge::reference
