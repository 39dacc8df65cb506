// Constant across its versions.
//
// 9 -> 11 added sparse_value: SparseToDense() writes the dense tensor into
// `value` (element types of 8 bits or more).
// 11 -> 12 added value_float(s), value_int(s), value_string(s):
// ValueAttributesToTensor() writes their tensor into `value`.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter SparseToDense();
Adapter ValueAttributesToTensor();

}  // namespace onnxforge::version_converter
