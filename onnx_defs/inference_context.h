// The view a schema's type-and-shape inference function has of one node.
//
// The whole-model engine (shape_inference.h) implements these interfaces;
// schemas only read inputs and attributes and write output types. An
// inference function returns an error status to reject the node; the engine
// adds the node's name, index and op to the message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

// Infers the output types of a subgraph (If branches, Loop body) given the
// types of its inputs; returns the types of its outputs.
class GraphInferencer {
 public:
  virtual ~GraphInferencer() = default;
  virtual absl::StatusOr<std::vector<TypeProto>> Infer(
      const std::vector<const TypeProto*>& input_types,
      const std::vector<const TensorProto*>& input_data) = 0;
};

class InferenceContext {
 public:
  virtual ~InferenceContext() = default;

  virtual const AttributeProto* attribute(std::string_view name) const = 0;

  virtual size_t num_inputs() const = 0;
  // False for an omitted optional input (absent or named "").
  virtual bool has_input(size_t index) const = 0;
  // The input's type; nullptr when the input is absent or its type unknown.
  virtual const TypeProto* input_type(size_t index) const = 0;
  // The input's value when it is a constant (initializer or Constant node),
  // else nullptr.
  virtual const TensorProto* input_data(size_t index) const = 0;
  // The input's value as a shape, when data propagation computed it (the
  // output of Shape, and arithmetic on it), else nullptr.
  virtual const TensorShapeProto* input_shape_data(size_t index) const = 0;

  virtual size_t num_outputs() const = 0;
  virtual bool has_output(size_t index) const = 0;
  virtual TypeProto* output_type(size_t index) = 0;

  // The inferencer of a graph attribute, or nullptr when there is none.
  virtual GraphInferencer* graph_inferencer(std::string_view attribute_name) = 0;

  // The opset the model imports for `domain` ("" is ai.onnx), or -1.
  virtual int opset_version(std::string_view domain) const = 0;
};

// The view a data propagation function has: it computes an output's value,
// as a shape (a 1-D int64 whose entries are dimensions), from its inputs'.
class DataPropagationContext {
 public:
  virtual ~DataPropagationContext() = default;
  virtual const AttributeProto* attribute(std::string_view name) const = 0;
  virtual size_t num_inputs() const = 0;
  virtual const TypeProto* input_type(size_t index) const = 0;
  // The input's value as a shape: propagated, or from a 1-D int constant.
  virtual const TensorShapeProto* input_data(size_t index) const = 0;
  virtual size_t num_outputs() const = 0;
  virtual void set_output_data(size_t index, TensorShapeProto value) = 0;
  virtual int opset_version(std::string_view domain) const = 0;
};

}  // namespace onnxforge
