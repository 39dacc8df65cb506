// Slice and Gather.
//
// Slice 1 -> 10: starts, ends and axes moved from attributes to inputs, and
// steps appeared. SliceAttributesToInputs / SliceInputsToAttributes move
// them; the downgrade needs constants and steps of 1.
// Slice 10 -> 11: axes may be negative. SliceNonNegativeAxes rewrites a
// constant axes input with negative values using the data's rank; axes
// computed at run time refuse.
//
// Gather 1 -> 11: indices may be negative. GatherNonNegativeIndices
// rewrites constant indices with negative values (needing the size of the
// gathered dim) and refuses otherwise. Indices computed at run time are
// assumed to be in range [0, n), the only values Gather-1 defines.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter SliceAttributesToInputs();
Adapter SliceInputsToAttributes();
Adapter SliceNonNegativeAxes();
Adapter GatherNonNegativeIndices();

}  // namespace onnxforge::version_converter
