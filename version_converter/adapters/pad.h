// Pad across its versions.
//
// 2 -> 11: pads and the constant value moved from attributes to inputs.
// PadAttributesToInputs writes pads as an int64 constant and a nonzero
// value as a scalar of the data's element type; PadInputsToAttributes reads
// them back from constants (the value must fit a float exactly).
// 13 -> 18: the axes input lets pads name some axes only. PadAxesToAllAxes
// spreads constant pads over every axis (needing the data's rank).
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter PadAttributesToInputs();
Adapter PadInputsToAttributes();
Adapter PadAxesToAllAxes();

}  // namespace onnxforge::version_converter
