// Reshape and Shape.
//
// Reshape 13 -> 14 added allowzero: with allowzero=1 a 0 in `shape` means a
// dim of size 0, before it meant "copy this dim". DropAllowZero() keeps a
// node whose shape is a constant without zeros (both readings agree) and
// refuses the rest.
//
// Shape 13 -> 15 added start and end: ShapeRangeToSlice() takes the whole
// shape and slices [start, end) out of it (Slice clamps like Shape does).
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter DropAllowZero();
Adapter ShapeRangeToSlice();

}  // namespace onnxforge::version_converter
