// The tree ensembles of ai.onnx.ml.
//
// 1 -> 3: TreeEnsembleClassifier and TreeEnsembleRegressor gained *_as_tensor
// twins of their float lists (for double precision). TreeTensorsToFloats
// moves them back when every value is a float exactly.
//
// 3 -> 5: both were deprecated for TreeEnsemble, which lists interior
// nodes and leaves apart, one vote per leaf, and has no base_values.
// RegressorToTreeEnsemble and ClassifierToTreeEnsemble rewrite a node as a
// TreeEnsemble: base values become one more tree (exact because the sum
// aggregates), the classifier's labels come from ArgMax and Gather over the
// class scores, and Casts keep the old input and output types. They refuse
// leaves that vote for several targets, base values under another
// aggregate, and binary classifiers whose post transform needs the two
// scores together (SOFTMAX_ZERO, PROBIT).
//
// Below ml opset 5, TreeEnsembleToRegressor writes a TreeEnsemble as a
// TreeEnsembleRegressor-3 (set-membership nodes become chains of equality
// tests); it refuses double data, whose output the regressor would round to
// float.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter TreeTensorsToFloats();
Adapter RegressorToTreeEnsemble();
Adapter ClassifierToTreeEnsemble();
Adapter TreeEnsembleToRegressor();

}  // namespace onnxforge::version_converter
