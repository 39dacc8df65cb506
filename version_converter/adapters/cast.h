// Cast across its versions.
//
// 1 -> 6: `to` changed from a type name ("FLOAT") to the element type's
// number. CastNameToNumber / CastNumberToName translate.
//
// CastTypes(): the downgrade of every change that added element types:
// the types of input and output (RestrictTypes) and the type `to` names
// must all be allowed by the older version. saturate (19) and round_mode
// (24) only affect casts to the float8 types those versions added, which
// CastTypes refuses first, so their downgrades remove them.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter CastNameToNumber();
Adapter CastNumberToName();
Adapter CastTypes();

}  // namespace onnxforge::version_converter
