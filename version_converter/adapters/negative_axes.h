// NonNegativeAxis / NonNegativeAxes: the downgrade into a version that
// counts axes from the front only (most ops before opset 11). A negative
// axis in the attribute is rewritten as axis + rank when the rank is known
// and refused when it is not. The rank is that of input 0, or of output 0
// for Unsqueeze, whose axes index its output.
#pragma once

#include <string>

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

enum class AxesOf { kInput, kOutput };

Adapter NonNegativeAxis(const std::string& attribute, AxesOf of = AxesOf::kInput);
Adapter NonNegativeAxes(const std::string& attribute, AxesOf of = AxesOf::kInput);

}  // namespace onnxforge::version_converter
