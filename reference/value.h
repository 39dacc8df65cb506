// Value: what flows along a graph edge. A tensor, a sequence of values, a
// map from int64 or string keys to values, or an optional (empty or holding
// a value). Values are immutable once built; copies of sequences, maps and
// optionals share their contents.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "ir/onnx_data.pb.h"
#include "reference/tensor.h"

namespace onnxforge::reference {

class Value;

// A map's entries in insertion order. `key_type` is an integer element type
// (INT64, INT32, ...) with keys in int_keys, or STRING with keys in
// string_keys; values[i] belongs to the i-th key.
struct MapValue {
  int32_t key_type = TensorProto::INT64;
  std::vector<int64_t> int_keys;
  std::vector<std::string> string_keys;
  std::vector<Value> values;
  // The values' type; needed when the map is empty.
  TypeProto value_type;

  int64_t size() const;
};

class Value {
 public:
  enum class Kind { kNone, kTensor, kSequence, kMap, kOptional };

  // No value: an omitted input or output.
  Value() = default;
  // A tensor (implicit, so a Tensor can be passed where a Value is wanted).
  Value(Tensor tensor);  // NOLINT(runtime/explicit)

  // A sequence. `element_type` is the elements' type (a TypeProto of a
  // tensor, sequence, map or optional); it matters when `elements` is
  // empty and is taken from the first element when left unset.
  static Value Sequence(std::vector<Value> elements, TypeProto element_type = {});
  static Value Map(MapValue map);
  // An optional holding `value`.
  static Value Optional(Value value);
  // An empty optional of `element_type`.
  static Value EmptyOptional(TypeProto element_type);

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::kNone; }
  bool is_tensor() const { return kind_ == Kind::kTensor; }
  bool is_sequence() const { return kind_ == Kind::kSequence; }
  bool is_map() const { return kind_ == Kind::kMap; }
  bool is_optional() const { return kind_ == Kind::kOptional; }

  // The parts; each requires the matching kind (an empty part otherwise).
  const Tensor& tensor() const;
  const std::vector<Value>& elements() const;   // sequence
  const MapValue& map() const;
  bool has_value() const;                       // optional: not empty
  const Value& optional_value() const;          // optional holding a value

  // The value's ONNX type with tensor shapes, e.g. tensor(float)[2,3] or
  // seq(tensor(int64)). For sequences the element type.
  TypeProto Type() const;
  // The ONNX type string without shapes: "tensor(float)", "seq(tensor(int64))".
  std::string TypeString() const;
  // The sequence's or empty optional's element type as given.
  const TypeProto& element_type() const { return element_type_; }

  // Conversions to and from ONNX's protos. Errors name the part at fault.
  static absl::StatusOr<Value> FromTensorProto(const TensorProto& proto);
  static absl::StatusOr<Value> FromSequenceProto(const SequenceProto& proto);
  static absl::StatusOr<Value> FromMapProto(const MapProto& proto);
  static absl::StatusOr<Value> FromOptionalProto(const OptionalProto& proto);
  // A tensor to TensorProto; an error for other kinds.
  absl::StatusOr<TensorProto> ToTensorProto(const std::string& name = "") const;
  absl::StatusOr<SequenceProto> ToSequenceProto(const std::string& name = "") const;
  absl::StatusOr<MapProto> ToMapProto(const std::string& name = "") const;
  absl::StatusOr<OptionalProto> ToOptionalProto(const std::string& name = "") const;

  // The value serialized as the proto its kind uses (TensorProto,
  // SequenceProto, MapProto or OptionalProto), as ONNX's test data stores
  // it; and the reverse, guided by the expected type (a TypeProto whose
  // value case picks the proto).
  absl::StatusOr<std::string> Serialize(const std::string& name = "") const;
  static absl::StatusOr<Value> Parse(const std::string& bytes, const TypeProto& type);

  // Equal kinds, types and contents (tensors compared bit for bit).
  bool operator==(const Value& other) const;
  bool operator!=(const Value& other) const { return !(*this == other); }

  // "float[2,3]", "seq(float[2], float[3])", "optional(empty)".
  std::string DebugString() const;

 private:
  Kind kind_ = Kind::kNone;
  Tensor tensor_;
  std::shared_ptr<const std::vector<Value>> elements_;
  std::shared_ptr<const MapValue> map_;
  std::shared_ptr<const Value> optional_;  // null for an empty optional
  TypeProto element_type_;
};

}  // namespace onnxforge::reference
