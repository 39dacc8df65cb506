// Whole-model type and shape inference.
//
// Walks each graph's nodes in order, keeping the type of every value known
// so far (from graph inputs, initializers, value_info and inferred node
// outputs), runs each node's schema inference, and records what it learns:
// value_info entries for intermediate values, and more specific types for
// graph outputs. Subgraphs (If branches, Loop bodies) are inferred with the
// enclosing graph's values in view. Calls of model-local functions, and of
// ops defined by a function body without an inference function of their
// own, are inferred through their bodies.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

struct ShapeInferenceOptions {
  // Fail on the first problem (a node's inference error, an input type its
  // schema rejects, an inferred type contradicting a declared one). When
  // false, a failing node contributes nothing and inference goes on.
  bool strict = false;
  // Compute the values of small integer tensors that hold shapes (the
  // output of Shape and arithmetic on it), so that ops like Reshape can use
  // them as if they were constants.
  bool data_propagation = true;
};

// Returns `model` with inferred types added.
absl::StatusOr<ModelProto> InferShapes(const ModelProto& model,
                                       const ShapeInferenceOptions& options = {});

// Adds inferred types to `model`. In lenient mode the problems met are
// appended to `problems` (when given), each naming its node and op.
absl::Status InferShapesInPlace(ModelProto& model, const ShapeInferenceOptions& options = {},
                                std::vector<std::string>* problems = nullptr);

// Merges what `inferred` knows into `existing`: element types must agree,
// ranks must agree, a known dimension stays, an unknown or symbolic one
// takes the inferred value. Errors describe the conflict.
absl::Status MergeTypeInto(const TypeProto& inferred, TypeProto* existing);

}  // namespace onnxforge
