// Dropout across its versions.
//
// 6 -> 7: is_test goes; from 7 a model runs Dropout in inference mode.
// DropoutToInferenceOnly() refuses is_test=0 (training mode, the default of
// version 6), which no version from 7 to 10 can express;
// the downgrade sets is_test=1.
//
// 7 -> 10: the mask output turns from the data's type to bool. Each
// direction renames the node's mask and adds a Cast to the old type under
// the old name (the upgrade needs the data's element type).
//
// 10 -> 12: ratio moves from an attribute to an input and the inputs gain
// training_mode. The upgrade moves ratio; the downgrade accepts only
// inference mode (training_mode omitted or a false constant), where ratio
// and seed do not change the result.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter DropoutToInferenceOnly();
Adapter DropoutMaskToBool();
Adapter DropoutMaskToDataType();
Adapter DropoutRatioToInput();
Adapter DropoutToInferenceAttributes();

}  // namespace onnxforge::version_converter
