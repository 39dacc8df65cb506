// The value scope and session of the shape inference engine.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/shape_inference_internal.h"

namespace onnxforge::inference {

void ValueScope::Define(const std::string& name, const TypeProto* type) {
  Define(name, type != nullptr ? TypeProto(*type) : TypeProto());
}

void ValueScope::Define(const std::string& name, TypeProto&& type) {
  Entry& entry = entries_[name];
  entry.shared_type = nullptr;
  if (type.value_case() != TypeProto::VALUE_NOT_SET) {
    entry.type = std::move(type);
  } else {
    entry.type.reset();
  }
}

void ValueScope::DefineShared(const std::string& name, const TypeProto* type) {
  Entry& entry = entries_[name];
  entry.type.reset();
  entry.shared_type = type;
}

void ValueScope::SetConstant(const std::string& name, const TensorProto* value) {
  Entry& entry = entries_[name];
  entry.owned_constant.reset();
  entry.constant = value;
}

void ValueScope::SetOwnedConstant(const std::string& name, TensorProto value) {
  Entry& entry = entries_[name];
  entry.owned_constant = std::make_unique<TensorProto>(std::move(value));
  entry.constant = entry.owned_constant.get();
}

void ValueScope::SetShapeData(const std::string& name, TensorShapeProto value) {
  entries_[name].shape_data = std::move(value);
}

const ValueScope::Entry* ValueScope::Find(const std::string& name) const {
  for (const ValueScope* s = this; s != nullptr; s = s->parent_) {
    auto it = s->entries_.find(name);
    if (it != s->entries_.end()) return &it->second;
  }
  return nullptr;
}

const TypeProto* ValueScope::TypeOf(const Entry& entry) {
  const TypeProto* type = entry.shared_type;
  if (type == nullptr && entry.type) type = &*entry.type;
  // A type without a kind says nothing.
  return type != nullptr && type->value_case() != TypeProto::VALUE_NOT_SET ? type : nullptr;
}

const TypeProto* ValueScope::Type(const std::string& name) const {
  const Entry* entry = Find(name);
  return entry != nullptr ? TypeOf(*entry) : nullptr;
}

const TensorProto* ValueScope::Constant(const std::string& name) const {
  const Entry* entry = Find(name);
  return entry != nullptr ? entry->constant : nullptr;
}

const TensorShapeProto* ValueScope::ShapeData(const std::string& name) const {
  const Entry* entry = Find(name);
  return entry != nullptr && entry->shape_data ? &*entry->shape_data : nullptr;
}

const TypeProto* ValueScope::TypeHere(const std::string& name) const {
  auto it = entries_.find(name);
  return it != entries_.end() ? TypeOf(it->second) : nullptr;
}

const TensorShapeProto* ValueScope::ShapeDataHere(const std::string& name) const {
  auto it = entries_.find(name);
  return it != entries_.end() && it->second.shape_data ? &*it->second.shape_data : nullptr;
}

absl::Status Session::Handle(absl::Status status) {
  if (status.ok() || options.strict) return status;
  if (problems != nullptr) {
    std::vector<std::string> parts;
    for (const LocationFrame& frame : location) {
      parts.push_back(frame.node != nullptr ? NodeLabel(*frame.node, frame.index) : frame.text);
    }
    parts.emplace_back(status.message());
    problems->push_back(absl::StrJoin(parts, ": "));
  }
  return absl::OkStatus();
}

std::optional<TensorProto> ConstantNodeValue(const NodeProto& node) {
  for (const auto& attr : node.attribute()) {
    TensorProto t;
    if (attr.name() == "value" && attr.has_t()) {
      t = attr.t();
    } else if (attr.name() == "value_int") {
      t.set_data_type(TensorProto::INT64);
      t.add_int64_data(attr.i());
    } else if (attr.name() == "value_ints") {
      t.set_data_type(TensorProto::INT64);
      t.add_dims(attr.ints_size());
      for (int64_t v : attr.ints()) t.add_int64_data(v);
    } else if (attr.name() == "value_float") {
      t.set_data_type(TensorProto::FLOAT);
      t.add_float_data(attr.f());
    } else if (attr.name() == "value_floats") {
      t.set_data_type(TensorProto::FLOAT);
      t.add_dims(attr.floats_size());
      for (float v : attr.floats()) t.add_float_data(v);
    } else if (attr.name() == "value_string") {
      t.set_data_type(TensorProto::STRING);
      t.add_string_data(attr.s());
    } else if (attr.name() == "value_strings") {
      t.set_data_type(TensorProto::STRING);
      t.add_dims(attr.strings_size());
      for (const auto& v : attr.strings()) t.add_string_data(v);
    } else {
      continue;
    }
    return t;
  }
  return std::nullopt;
}

}  // namespace onnxforge::inference
