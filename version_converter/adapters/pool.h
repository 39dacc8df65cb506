// MaxPool 1 -> 8 added the Indices output and storage_order, which only
// shapes Indices. NoIndicesOutput() refuses a node that asks for Indices
// and removes storage_order.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter NoIndicesOutput();

}  // namespace onnxforge::version_converter
