// LabelEncoder across its versions.
//
// 1 -> 2: version 1 maps strings to their positions in classes_strings (or
// positions back to the strings, for int64 input); version 2 maps keys_* to
// values_*. ClassesToKeysAndValues writes the positions out (the direction
// comes from the input's element type); KeysAndValuesToClasses accepts a
// map between strings and the positions 0..n-1 of a list and refuses any
// other map.
// 2 -> 4: keys_tensor, values_tensor and default_tensor appeared.
// TensorsToLists moves string, int64 and float tensors to the list
// attributes; the types version 4 added refuse (RestrictTypes).
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter ClassesToKeysAndValues();
Adapter KeysAndValuesToClasses();
Adapter LabelTensorsToLists();

}  // namespace onnxforge::version_converter
