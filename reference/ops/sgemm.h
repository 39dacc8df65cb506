// A float matrix product for the evaluator's hot paths (Conv's patch
// products). The build targets baseline x86-64, where Eigen uses SSE only;
// on CPUs with AVX-512, or AVX2 and FMA, this product uses them (chosen at
// run time), and elsewhere it falls back to Eigen.
#pragma once

#include <cstdint>

namespace onnxforge::reference {

// C = A * B with A [m x k], B [k x n], C [m x n], all row-major with the
// given leading dimensions (elements between rows). C is overwritten. With
// `row_bias` ([m]), row i of C is then A * B plus row_bias[i], added to each
// finished sum as it is stored (Conv's bias without a second pass over C).
void RowMajorSgemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, const float* b,
                   int64_t ldb, float* c, int64_t ldc, const float* row_bias = nullptr);

// The implementations RowMajorSgemm chooses from, best first.
enum class SgemmPath { kAvx512, kAvx2, kEigen };

// RowMajorSgemm through one path (for tests); false, with C untouched, when
// the CPU cannot run it.
bool RowMajorSgemmVia(SgemmPath path, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
                      const float* b, int64_t ldb, float* c, int64_t ldc,
                      const float* row_bias = nullptr);

}  // namespace onnxforge::reference
