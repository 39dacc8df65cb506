// Softmax, LogSoftmax and the like between opsets 11 and 13.
//
// Up to 11 the input is seen as a 2-D matrix [prod(dims before axis),
// prod(dims from axis)] and normalized along its rows; from 13 along the
// one dim `axis`. The two agree when axis is the last dim.
//
// CoercedToSingleAxis(): the upgrade. A last axis is kept; otherwise the
// node runs on Flatten(X, axis) along axis 1 and its result is reshaped to
// X's shape, which needs no rank.
// SingleAxisToCoerced(): the downgrade. A last axis is kept; another axis
// is swapped with the last by a Transpose before and after, which needs
// the rank.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter CoercedToSingleAxis();
Adapter SingleAxisToCoerced();

}  // namespace onnxforge::version_converter
