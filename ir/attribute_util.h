// Builds a named AttributeProto of one kind from a plain value, so that code
// adding attributes to a node does not repeat the name/type/value dance.
//
//   *node.add_attribute() = IntsAttr("axes", {0, 2});
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/onnx.pb.h"

namespace onnxforge {

AttributeProto IntAttr(const std::string& name, int64_t value);
AttributeProto FloatAttr(const std::string& name, float value);
AttributeProto StringAttr(const std::string& name, const std::string& value);
AttributeProto IntsAttr(const std::string& name, const std::vector<int64_t>& values);
AttributeProto FloatsAttr(const std::string& name, const std::vector<float>& values);
AttributeProto StringsAttr(const std::string& name, const std::vector<std::string>& values);
AttributeProto TensorAttr(const std::string& name, const TensorProto& value);
// Takes the tensor over instead of copying it: a constant can be large.
AttributeProto TensorAttr(const std::string& name, TensorProto&& value);
AttributeProto TensorsAttr(const std::string& name, const std::vector<TensorProto>& values);
AttributeProto SparseTensorAttr(const std::string& name, const SparseTensorProto& value);
AttributeProto GraphAttr(const std::string& name, const GraphProto& value);
AttributeProto GraphsAttr(const std::string& name, const std::vector<GraphProto>& values);
AttributeProto TypeAttr(const std::string& name, const TypeProto& value);

}  // namespace onnxforge
