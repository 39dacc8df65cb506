// Split across its versions.
//
// 1 -> 2: the sizes could come from a second input; from 2 only from the
// attribute. SplitInputToAttribute reads a constant input into it.
// 13 -> 18: num_outputs appeared, and one of it or the split input is
// required. The upgrade sets num_outputs to the output count when there is
// no split input; the downgrade drops num_outputs when the axis divides
// evenly and otherwise writes the sizes (ceil(n / k) each, the rest last),
// which needs the size of the axis.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter SplitInputToAttribute();
Adapter SplitSetNumOutputs();
Adapter SplitNumOutputsToSizes();

}  // namespace onnxforge::version_converter
