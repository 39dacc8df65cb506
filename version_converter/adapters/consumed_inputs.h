// consumed_inputs: a legacy attribute of opset 1 ops that marked inputs a
// node may overwrite in place. It never changed what a node computes.
//
// RemoveConsumedInputs(): the upgrade out of a version that has it.
// AddConsumedInputs(): the downgrade into a version that requires it
// (BatchNormalization-1): no input is consumed.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter RemoveConsumedInputs();
Adapter AddConsumedInputs();

}  // namespace onnxforge::version_converter
