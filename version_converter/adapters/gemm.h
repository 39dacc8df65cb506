// Gemm 9 -> 11: C became optional. GemmZeroBias() gives a node without C a
// zero scalar of A's element type, which broadcasts to [M, N].
// (Gemm 6 <-> 7, the broadcast attribute, uses the generic kinds: from 7 C
// always broadcasts one way, as broadcast=1 did.)
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter GemmZeroBias();

}  // namespace onnxforge::version_converter
