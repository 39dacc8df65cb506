// Constant across its versions.
//
// 1 -> 9 added every non-float element type. RestrictTypesOrInitializer()
// lets a constant of a type Constant-1 has through, turns one of another
// type in a graph into an initializer of the same name (which holds any
// type at any opset), and refuses it in a function body.
// 9 -> 11 added sparse_value: SparseToDense() writes the dense tensor into
// `value` (element types of 8 bits or more).
// 11 -> 12 added value_float(s), value_int(s), value_string(s):
// ValueAttributesToTensor() writes their tensor into `value`.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter RestrictTypesOrInitializer();
Adapter SparseToDense();
Adapter ValueAttributesToTensor();

}  // namespace onnxforge::version_converter
