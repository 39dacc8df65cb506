// Broadcasting before and after opset 7.
//
// Before 7, binary ops broadcast only their second input B, and only when
// broadcast=1: B holds one element, or B's dims equal A's dims from `axis`
// (by default A's last dims). From 7 on both inputs broadcast the
// numpy way, always lined up at the right.
//
// LegacyToNumpyBroadcast(): the upgrade. With broadcast=1 and an axis that
// does not line B up with A's last dims, B gets trailing dims of size 1
// (an Unsqueeze) so that numpy's alignment gives the same pairing; this
// needs the ranks of A and B.
//
// NumpyToLegacyBroadcast(): the downgrade. Equal shapes need nothing; B
// that fits A gets broadcast=1; for commutative ops, A that fits B swaps
// the inputs; B whose leading and trailing 1s are all that stretch loses
// them (a Squeeze) and gets the axis where the rest lines up. Shapes that
// broadcast both ways, or that are not known well enough to tell, refuse.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter LegacyToNumpyBroadcast();
Adapter NumpyToLegacyBroadcast();

}  // namespace onnxforge::version_converter
