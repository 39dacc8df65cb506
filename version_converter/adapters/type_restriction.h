// RestrictTypes: the downgrade of a change that widened an op's types.
// Every input and output whose type is known is matched against the older
// schema's formal parameters and type constraints (read from the registry,
// never listed by hand); a type the older version does not accept, or two
// values that must share a type parameter but do not, refuses. A value of
// unknown type is let through: the checker runs on the result.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter RestrictTypes();

}  // namespace onnxforge::version_converter
