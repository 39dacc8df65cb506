#include "reference/value.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

const Tensor& EmptyTensor() {
  static const Tensor* empty = new Tensor();
  return *empty;
}

const std::vector<Value>& EmptyElements() {
  static const auto* empty = new std::vector<Value>();
  return *empty;
}

const MapValue& EmptyMap() {
  static const auto* empty = new MapValue();
  return *empty;
}

const Value& NoneValue() {
  static const auto* none = new Value();
  return *none;
}

// The kind a SequenceProto/OptionalProto elem_type names for a TypeProto.
int32_t ProtoKindOf(const TypeProto& type) {
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      return SequenceProto::TENSOR;
    case TypeProto::kSparseTensorType:
      return SequenceProto::SPARSE_TENSOR;
    case TypeProto::kSequenceType:
      return SequenceProto::SEQUENCE;
    case TypeProto::kMapType:
      return SequenceProto::MAP;
    case TypeProto::kOptionalType:
      return SequenceProto::OPTIONAL;
    default:
      return SequenceProto::UNDEFINED;
  }
}

// A TypeProto of the kind a SequenceProto/OptionalProto elem_type names,
// with nothing else known.
TypeProto TypeOfProtoKind(int32_t kind) {
  TypeProto type;
  switch (kind) {
    case SequenceProto::TENSOR:
      type.mutable_tensor_type();
      break;
    case SequenceProto::SPARSE_TENSOR:
      type.mutable_sparse_tensor_type();
      break;
    case SequenceProto::SEQUENCE:
      type.mutable_sequence_type();
      break;
    case SequenceProto::MAP:
      type.mutable_map_type();
      break;
    case SequenceProto::OPTIONAL:
      type.mutable_optional_type();
      break;
    default:
      break;
  }
  return type;
}

// The type without tensor shapes, for sequence elements whose shapes differ.
TypeProto WithoutShapes(TypeProto type) {
  switch (type.value_case()) {
    case TypeProto::kTensorType:
      type.mutable_tensor_type()->clear_shape();
      break;
    case TypeProto::kSequenceType:
      *type.mutable_sequence_type()->mutable_elem_type() =
          WithoutShapes(type.sequence_type().elem_type());
      break;
    case TypeProto::kOptionalType:
      *type.mutable_optional_type()->mutable_elem_type() =
          WithoutShapes(type.optional_type().elem_type());
      break;
    case TypeProto::kMapType:
      *type.mutable_map_type()->mutable_value_type() =
          WithoutShapes(type.map_type().value_type());
      break;
    default:
      break;
  }
  return type;
}

std::string KindName(Value::Kind kind) {
  switch (kind) {
    case Value::Kind::kNone:
      return "no value";
    case Value::Kind::kTensor:
      return "a tensor";
    case Value::Kind::kSequence:
      return "a sequence";
    case Value::Kind::kMap:
      return "a map";
    case Value::Kind::kOptional:
      return "an optional";
  }
  return "?";
}

absl::Status WrongKind(const std::string& wanted, Value::Kind got) {
  return absl::InvalidArgumentError(absl::StrCat("expected ", wanted, ", got ", KindName(got)));
}

}  // namespace

int64_t MapValue::size() const { return static_cast<int64_t>(values.size()); }

Value::Value(Tensor tensor) : kind_(Kind::kTensor), tensor_(std::move(tensor)) {}

Value Value::Sequence(std::vector<Value> elements, TypeProto element_type) {
  Value v;
  v.kind_ = Kind::kSequence;
  if (element_type.value_case() == TypeProto::VALUE_NOT_SET && !elements.empty()) {
    element_type = WithoutShapes(elements.front().Type());
  }
  v.element_type_ = std::move(element_type);
  v.elements_ = std::make_shared<const std::vector<Value>>(std::move(elements));
  return v;
}

Value Value::Map(MapValue map) {
  Value v;
  v.kind_ = Kind::kMap;
  if (map.value_type.value_case() == TypeProto::VALUE_NOT_SET && !map.values.empty()) {
    map.value_type = WithoutShapes(map.values.front().Type());
  }
  v.map_ = std::make_shared<const MapValue>(std::move(map));
  return v;
}

Value Value::Optional(Value value) {
  Value v;
  v.kind_ = Kind::kOptional;
  v.element_type_ = WithoutShapes(value.Type());
  v.optional_ = std::make_shared<const Value>(std::move(value));
  return v;
}

Value Value::EmptyOptional(TypeProto element_type) {
  Value v;
  v.kind_ = Kind::kOptional;
  v.element_type_ = std::move(element_type);
  return v;
}

const Tensor& Value::tensor() const { return is_tensor() ? tensor_ : EmptyTensor(); }

const std::vector<Value>& Value::elements() const {
  return is_sequence() && elements_ ? *elements_ : EmptyElements();
}

const MapValue& Value::map() const { return is_map() && map_ ? *map_ : EmptyMap(); }

bool Value::has_value() const { return is_optional() && optional_ != nullptr; }

const Value& Value::optional_value() const { return has_value() ? *optional_ : NoneValue(); }

TypeProto Value::Type() const {
  TypeProto type;
  switch (kind_) {
    case Kind::kNone:
      break;
    case Kind::kTensor: {
      auto* t = type.mutable_tensor_type();
      t->set_elem_type(tensor_.type());
      auto* shape = t->mutable_shape();
      for (int64_t d : tensor_.shape()) shape->add_dim()->set_dim_value(d);
      break;
    }
    case Kind::kSequence:
      *type.mutable_sequence_type()->mutable_elem_type() = element_type_;
      break;
    case Kind::kMap: {
      auto* m = type.mutable_map_type();
      m->set_key_type(map().key_type);
      *m->mutable_value_type() = map().value_type;
      break;
    }
    case Kind::kOptional:
      *type.mutable_optional_type()->mutable_elem_type() =
          has_value() ? optional_->Type() : element_type_;
      break;
  }
  return type;
}

std::string Value::TypeString() const {
  if (is_none()) return "none";
  return TypeToString(Type());
}

// ---- From protos ----------------------------------------------------------------

absl::StatusOr<Value> Value::FromTensorProto(const TensorProto& proto) {
  absl::StatusOr<Tensor> t = Tensor::FromProto(proto);
  if (!t.ok()) return t.status();
  return Value(*std::move(t));
}

absl::StatusOr<Value> Value::FromSequenceProto(const SequenceProto& proto) {
  std::vector<Value> elements;
  auto add_all = [&](const auto& list, auto convert, const char* what) -> absl::Status {
    for (int i = 0; i < list.size(); ++i) {
      absl::StatusOr<Value> v = convert(list.Get(i));
      if (!v.ok()) {
        return absl::Status(v.status().code(), absl::StrCat("sequence element ", i, " (", what,
                                                            "): ", v.status().message()));
      }
      elements.push_back(*std::move(v));
    }
    return absl::OkStatus();
  };
  absl::Status status;
  switch (proto.elem_type()) {
    case SequenceProto::TENSOR:
      status = add_all(proto.tensor_values(), &Value::FromTensorProto, "tensor");
      break;
    case SequenceProto::SEQUENCE:
      status = add_all(proto.sequence_values(), &Value::FromSequenceProto, "sequence");
      break;
    case SequenceProto::MAP:
      status = add_all(proto.map_values(), &Value::FromMapProto, "map");
      break;
    case SequenceProto::OPTIONAL:
      status = add_all(proto.optional_values(), &Value::FromOptionalProto, "optional");
      break;
    case SequenceProto::SPARSE_TENSOR:
      return absl::UnimplementedError("sequences of sparse tensors are not supported");
    case SequenceProto::UNDEFINED:
      // An empty sequence may leave its kind out; the expected type fills it.
      if (proto.tensor_values_size() + proto.sequence_values_size() + proto.map_values_size() +
              proto.optional_values_size() + proto.sparse_tensor_values_size() ==
          0) {
        break;
      }
      [[fallthrough]];
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("sequence '", proto.name(), "' has unknown elem_type ", proto.elem_type()));
  }
  if (!status.ok()) return status;
  TypeProto element_type;
  if (elements.empty()) element_type = TypeOfProtoKind(proto.elem_type());
  return Sequence(std::move(elements), std::move(element_type));
}

absl::StatusOr<Value> Value::FromMapProto(const MapProto& proto) {
  MapValue map;
  map.key_type = proto.key_type();
  int64_t key_count = 0;
  if (map.key_type == TensorProto::STRING) {
    map.string_keys.assign(proto.string_keys().begin(), proto.string_keys().end());
    key_count = proto.string_keys_size();
  } else if (map.key_type == TensorProto::INT64 || map.key_type == TensorProto::INT32 ||
             map.key_type == TensorProto::INT16 || map.key_type == TensorProto::INT8 ||
             map.key_type == TensorProto::UINT64 || map.key_type == TensorProto::UINT32 ||
             map.key_type == TensorProto::UINT16 || map.key_type == TensorProto::UINT8) {
    map.int_keys.assign(proto.keys().begin(), proto.keys().end());
    key_count = proto.keys_size();
  } else {
    return absl::InvalidArgumentError(absl::StrCat("map '", proto.name(), "' has key type ",
                                                   ElementTypeString(map.key_type),
                                                   "; keys must be integers or strings"));
  }
  absl::StatusOr<Value> values = FromSequenceProto(proto.values());
  if (!values.ok()) {
    return absl::Status(values.status().code(), absl::StrCat("map '", proto.name(), "' values: ",
                                                             values.status().message()));
  }
  map.values = values->elements();
  map.value_type = values->element_type();
  if (map.size() != key_count) {
    return absl::InvalidArgumentError(absl::StrCat("map '", proto.name(), "' has ", key_count,
                                                   " keys but ", map.size(), " values"));
  }
  return Map(std::move(map));
}

absl::StatusOr<Value> Value::FromOptionalProto(const OptionalProto& proto) {
  absl::StatusOr<Value> inner;
  switch (proto.elem_type()) {
    case OptionalProto::TENSOR:
      if (!proto.has_tensor_value()) break;
      inner = FromTensorProto(proto.tensor_value());
      return inner.ok() ? Optional(*std::move(inner)) : inner;
    case OptionalProto::SEQUENCE:
      if (!proto.has_sequence_value()) break;
      inner = FromSequenceProto(proto.sequence_value());
      return inner.ok() ? Optional(*std::move(inner)) : inner;
    case OptionalProto::MAP:
      if (!proto.has_map_value()) break;
      inner = FromMapProto(proto.map_value());
      return inner.ok() ? Optional(*std::move(inner)) : inner;
    case OptionalProto::OPTIONAL:
      if (!proto.has_optional_value()) break;
      inner = FromOptionalProto(proto.optional_value());
      return inner.ok() ? Optional(*std::move(inner)) : inner;
    case OptionalProto::SPARSE_TENSOR:
      return absl::UnimplementedError("optionals of sparse tensors are not supported");
    case OptionalProto::UNDEFINED:
      // An empty optional may leave its kind out; the expected type fills it.
      if (!proto.has_tensor_value() && !proto.has_sequence_value() && !proto.has_map_value() &&
          !proto.has_optional_value() && !proto.has_sparse_tensor_value()) {
        break;
      }
      [[fallthrough]];
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("optional '", proto.name(), "' has unknown elem_type ", proto.elem_type()));
  }
  return EmptyOptional(TypeOfProtoKind(proto.elem_type()));
}

// ---- To protos -------------------------------------------------------------------

absl::StatusOr<TensorProto> Value::ToTensorProto(const std::string& name) const {
  if (!is_tensor()) return WrongKind("a tensor", kind_);
  return tensor_.ToProto(name);
}

namespace {

// Fills `sequence` with `values`, whose proto kind is `kind`.
absl::Status FillSequence(const std::vector<Value>& values, int32_t kind,
                          SequenceProto* sequence) {
  sequence->set_elem_type(kind);
  for (const Value& v : values) {
    switch (v.kind()) {
      case Value::Kind::kTensor:
        *sequence->add_tensor_values() = v.tensor().ToProto();
        break;
      case Value::Kind::kSequence: {
        absl::StatusOr<SequenceProto> s = v.ToSequenceProto();
        if (!s.ok()) return s.status();
        *sequence->add_sequence_values() = *std::move(s);
        break;
      }
      case Value::Kind::kMap: {
        absl::StatusOr<MapProto> m = v.ToMapProto();
        if (!m.ok()) return m.status();
        *sequence->add_map_values() = *std::move(m);
        break;
      }
      case Value::Kind::kOptional: {
        absl::StatusOr<OptionalProto> o = v.ToOptionalProto();
        if (!o.ok()) return o.status();
        *sequence->add_optional_values() = *std::move(o);
        break;
      }
      case Value::Kind::kNone:
        return absl::InvalidArgumentError("a sequence element has no value");
    }
  }
  return absl::OkStatus();
}

int32_t ProtoKindOfValue(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::kTensor:
      return SequenceProto::TENSOR;
    case Value::Kind::kSequence:
      return SequenceProto::SEQUENCE;
    case Value::Kind::kMap:
      return SequenceProto::MAP;
    case Value::Kind::kOptional:
      return SequenceProto::OPTIONAL;
    case Value::Kind::kNone:
      break;
  }
  return SequenceProto::UNDEFINED;
}

}  // namespace

absl::StatusOr<SequenceProto> Value::ToSequenceProto(const std::string& name) const {
  if (!is_sequence()) return WrongKind("a sequence", kind_);
  SequenceProto proto;
  if (!name.empty()) proto.set_name(name);
  int32_t kind = elements().empty() ? ProtoKindOf(element_type_) : ProtoKindOfValue(elements()[0]);
  absl::Status status = FillSequence(elements(), kind, &proto);
  if (!status.ok()) return status;
  return proto;
}

absl::StatusOr<MapProto> Value::ToMapProto(const std::string& name) const {
  if (!is_map()) return WrongKind("a map", kind_);
  const MapValue& m = map();
  MapProto proto;
  if (!name.empty()) proto.set_name(name);
  proto.set_key_type(m.key_type);
  if (m.key_type == TensorProto::STRING) {
    for (const std::string& k : m.string_keys) proto.add_string_keys(k);
  } else {
    for (int64_t k : m.int_keys) proto.add_keys(k);
  }
  int32_t kind = m.values.empty() ? ProtoKindOf(m.value_type) : ProtoKindOfValue(m.values[0]);
  absl::Status status = FillSequence(m.values, kind, proto.mutable_values());
  if (!status.ok()) return status;
  return proto;
}

absl::StatusOr<OptionalProto> Value::ToOptionalProto(const std::string& name) const {
  if (!is_optional()) return WrongKind("an optional", kind_);
  OptionalProto proto;
  if (!name.empty()) proto.set_name(name);
  if (!has_value()) {
    proto.set_elem_type(ProtoKindOf(element_type_));
    return proto;
  }
  const Value& inner = *optional_;
  proto.set_elem_type(ProtoKindOfValue(inner));
  switch (inner.kind()) {
    case Kind::kTensor:
      *proto.mutable_tensor_value() = inner.tensor().ToProto();
      break;
    case Kind::kSequence: {
      absl::StatusOr<SequenceProto> s = inner.ToSequenceProto();
      if (!s.ok()) return s.status();
      *proto.mutable_sequence_value() = *std::move(s);
      break;
    }
    case Kind::kMap: {
      absl::StatusOr<MapProto> m = inner.ToMapProto();
      if (!m.ok()) return m.status();
      *proto.mutable_map_value() = *std::move(m);
      break;
    }
    case Kind::kOptional: {
      absl::StatusOr<OptionalProto> o = inner.ToOptionalProto();
      if (!o.ok()) return o.status();
      *proto.mutable_optional_value() = *std::move(o);
      break;
    }
    case Kind::kNone:
      return absl::InvalidArgumentError("an optional holds no value");
  }
  return proto;
}

absl::StatusOr<std::string> Value::Serialize(const std::string& name) const {
  switch (kind_) {
    case Kind::kTensor:
      return tensor_.ToProto(name).SerializeAsString();
    case Kind::kSequence: {
      absl::StatusOr<SequenceProto> s = ToSequenceProto(name);
      if (!s.ok()) return s.status();
      return s->SerializeAsString();
    }
    case Kind::kMap: {
      absl::StatusOr<MapProto> m = ToMapProto(name);
      if (!m.ok()) return m.status();
      return m->SerializeAsString();
    }
    case Kind::kOptional: {
      absl::StatusOr<OptionalProto> o = ToOptionalProto(name);
      if (!o.ok()) return o.status();
      return o->SerializeAsString();
    }
    case Kind::kNone:
      break;
  }
  return absl::InvalidArgumentError("cannot serialize a missing value");
}

absl::StatusOr<Value> Value::Parse(const std::string& bytes, const TypeProto& type) {
  switch (type.value_case()) {
    case TypeProto::kTensorType: {
      TensorProto proto;
      if (!proto.ParseFromString(bytes)) return absl::InvalidArgumentError("not a TensorProto");
      return FromTensorProto(proto);
    }
    case TypeProto::kSequenceType: {
      SequenceProto proto;
      if (!proto.ParseFromString(bytes)) return absl::InvalidArgumentError("not a SequenceProto");
      absl::StatusOr<Value> v = FromSequenceProto(proto);
      if (!v.ok()) return v;
      if (v->elements().empty()) return Sequence({}, type.sequence_type().elem_type());
      return v;
    }
    case TypeProto::kMapType: {
      MapProto proto;
      if (!proto.ParseFromString(bytes)) return absl::InvalidArgumentError("not a MapProto");
      return FromMapProto(proto);
    }
    case TypeProto::kOptionalType: {
      OptionalProto proto;
      if (!proto.ParseFromString(bytes)) return absl::InvalidArgumentError("not an OptionalProto");
      absl::StatusOr<Value> v = FromOptionalProto(proto);
      if (!v.ok()) return v;
      if (!v->has_value()) return EmptyOptional(type.optional_type().elem_type());
      return v;
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("cannot read a value of type ", TypeToString(type)));
  }
}

bool Value::operator==(const Value& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::kNone:
      return true;
    case Kind::kTensor:
      return tensor_ == other.tensor_;
    case Kind::kSequence:
      return elements() == other.elements();
    case Kind::kMap: {
      const MapValue& a = map();
      const MapValue& b = other.map();
      return a.key_type == b.key_type && a.int_keys == b.int_keys &&
             a.string_keys == b.string_keys && a.values == b.values;
    }
    case Kind::kOptional:
      if (has_value() != other.has_value()) return false;
      return !has_value() || *optional_ == *other.optional_;
  }
  return false;
}

std::string Value::DebugString() const {
  switch (kind_) {
    case Kind::kNone:
      return "none";
    case Kind::kTensor:
      return tensor_.DebugString();
    case Kind::kSequence:
      return absl::StrCat("seq(", absl::StrJoin(elements(), ", ", [](std::string* out, const Value& v) {
                            out->append(v.DebugString());
                          }), ")");
    case Kind::kMap:
      return absl::StrCat("map(", ElementTypeString(map().key_type), ", ", map().size(),
                          " entries)");
    case Kind::kOptional:
      return has_value() ? absl::StrCat("optional(", optional_->DebugString(), ")")
                         : "optional(empty)";
  }
  return "?";
}

}  // namespace onnxforge::reference
