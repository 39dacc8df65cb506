#include "ir/attribute_util.h"

#include <utility>

namespace onnxforge {
namespace {

AttributeProto Named(const std::string& name, AttributeProto::AttributeType type) {
  AttributeProto attr;
  attr.set_name(name);
  attr.set_type(type);
  return attr;
}

}  // namespace

AttributeProto IntAttr(const std::string& name, int64_t value) {
  AttributeProto attr = Named(name, AttributeProto::INT);
  attr.set_i(value);
  return attr;
}

AttributeProto FloatAttr(const std::string& name, float value) {
  AttributeProto attr = Named(name, AttributeProto::FLOAT);
  attr.set_f(value);
  return attr;
}

AttributeProto StringAttr(const std::string& name, const std::string& value) {
  AttributeProto attr = Named(name, AttributeProto::STRING);
  attr.set_s(value);
  return attr;
}

AttributeProto IntsAttr(const std::string& name, const std::vector<int64_t>& values) {
  AttributeProto attr = Named(name, AttributeProto::INTS);
  attr.mutable_ints()->Add(values.begin(), values.end());
  return attr;
}

AttributeProto FloatsAttr(const std::string& name, const std::vector<float>& values) {
  AttributeProto attr = Named(name, AttributeProto::FLOATS);
  attr.mutable_floats()->Add(values.begin(), values.end());
  return attr;
}

AttributeProto StringsAttr(const std::string& name, const std::vector<std::string>& values) {
  AttributeProto attr = Named(name, AttributeProto::STRINGS);
  for (const std::string& v : values) attr.add_strings(v);
  return attr;
}

AttributeProto TensorAttr(const std::string& name, const TensorProto& value) {
  AttributeProto attr = Named(name, AttributeProto::TENSOR);
  *attr.mutable_t() = value;
  return attr;
}

AttributeProto TensorAttr(const std::string& name, TensorProto&& value) {
  AttributeProto attr = Named(name, AttributeProto::TENSOR);
  *attr.mutable_t() = std::move(value);
  return attr;
}

AttributeProto TensorsAttr(const std::string& name, const std::vector<TensorProto>& values) {
  AttributeProto attr = Named(name, AttributeProto::TENSORS);
  for (const TensorProto& v : values) *attr.add_tensors() = v;
  return attr;
}

AttributeProto SparseTensorAttr(const std::string& name, const SparseTensorProto& value) {
  AttributeProto attr = Named(name, AttributeProto::SPARSE_TENSOR);
  *attr.mutable_sparse_tensor() = value;
  return attr;
}

AttributeProto GraphAttr(const std::string& name, const GraphProto& value) {
  AttributeProto attr = Named(name, AttributeProto::GRAPH);
  *attr.mutable_g() = value;
  return attr;
}

AttributeProto GraphsAttr(const std::string& name, const std::vector<GraphProto>& values) {
  AttributeProto attr = Named(name, AttributeProto::GRAPHS);
  for (const GraphProto& v : values) *attr.add_graphs() = v;
  return attr;
}

AttributeProto TypeAttr(const std::string& name, const TypeProto& value) {
  AttributeProto attr = Named(name, AttributeProto::TYPE_PROTO);
  *attr.mutable_tp() = value;
  return attr;
}

}  // namespace onnxforge
