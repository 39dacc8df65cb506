// Pooling.
//
// MaxPool 1 -> 8 added the Indices output and storage_order, which only
// shapes Indices. NoIndicesOutput() refuses a node that asks for Indices
// and removes storage_order.
//
// MaxPool 12 -> 22 and AveragePool 19 -> 22: with ceil_mode=1, version 22
// drops a last window that would start in the end padding; earlier
// versions keep it. SameCeilWindows() (both directions) accepts ceil_mode=0
// and nodes whose shapes show that no such window exists, and refuses the
// rest.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter NoIndicesOutput();
Adapter SameCeilWindows();

}  // namespace onnxforge::version_converter
