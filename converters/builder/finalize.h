// Finalize: takes a model written at its authoring opsets to the opsets a
// runtime needs, and makes sure the result is sound.
//
//   absl::StatusOr<ModelProto> model = Finalize(authored, {{"", 13}, {"ai.onnx.ml", 3}});
//
// In order: graph outputs declared without a type get the inferred one; the
// model as written must pass the checker; the version converter moves it to
// the targets (domains not named stay where they are); the result must pass
// the checker and strict shape inference. A model that fails as written
// (checker or shape inference) is reported as such.
//
// When the targets cannot express the model, the error says why (the
// converter's reason, naming the node and the op's versions), lists every
// version of the op, and names the lowest opset of the domain that works,
// found by trying each opset from the first one where every op of the model
// exists:
//
//   cannot convert the model to ai.onnx opset 13: node 0 ("", HardSwish):
//   cannot convert HardSwish-14 to an earlier opset (ai.onnx opset 21 to
//   13): HardSwish first appears in ai.onnx opset 14; HardSwish has
//   versions 14, 22; the lowest ai.onnx opset that can express this model
//   is 14
#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge::builder {

// `targets` maps domains ("" for ai.onnx, "ai.onnx.ml") to opsets; empty
// keeps the authoring opsets.
absl::StatusOr<ModelProto> Finalize(const ModelProto& model,
                                    const std::map<std::string, int>& targets);
// Moves ai.onnx to `onnx_opset`; other domains stay.
absl::StatusOr<ModelProto> Finalize(const ModelProto& model, int onnx_opset);

}  // namespace onnxforge::builder
