// Compatible: the node means the same at both versions; nothing changes.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter Compatible();

}  // namespace onnxforge::version_converter
