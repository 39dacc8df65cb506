// Refuse: a change no rewrite can cross; converting any node across it
// fails with `reason`.
#pragma once

#include <string>

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter Refuse(std::string reason);

}  // namespace onnxforge::version_converter
