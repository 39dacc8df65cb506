// The type a kernel computes in for an element type: float for the 16-bit
// floats (which round back once per result, as ONNX computes them), the
// type itself otherwise.
#pragma once

#include <type_traits>

#include "reference/narrow_types.h"

namespace onnxforge::reference {

template <typename T>
inline constexpr bool kIsNarrowFloat =
    std::is_same_v<T, Float16> || std::is_same_v<T, BFloat16>;

template <typename T>
using ComputeType = std::conditional_t<kIsNarrowFloat<T>, float, T>;

}  // namespace onnxforge::reference
