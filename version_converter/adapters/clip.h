// Clip between opsets 6 and 11: the bounds moved from the float attributes
// min and max to optional inputs of the input's type.
//
// BoundsToInputs(): the upgrade writes each set bound as a scalar of X's
// element type (which must be known).
// BoundsToAttributes(): the downgrade reads each bound from a one-value
// constant that a float holds exactly; bounds computed at run time refuse.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter ClipBoundsToInputs();
Adapter ClipBoundsToAttributes();

}  // namespace onnxforge::version_converter
