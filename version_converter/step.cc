#include "version_converter/step.h"

#include <utility>

#include "ir/attribute_util.h"
#include "ir/tensor_util.h"
#include "version_converter/scope.h"

namespace onnxforge::version_converter {
namespace {

const std::string& EmptyString() {
  static const std::string* empty = new std::string();
  return *empty;
}

}  // namespace

Step::Step(NodeProto& node, const OpSchema& from, const OpSchema& to, int opset_after,
           ConversionScope& scope, GraphProto* graph)
    : node_(node), from_(from), to_(to), opset_after_(opset_after), scope_(scope),
      graph_(graph) {}

std::string Step::Name(const OpSchema& schema) {
  return absl::StrCat(schema.name(), "-", schema.since_version());
}

// ---- Attributes ----

const AttributeProto* Step::attribute(const std::string& name) const {
  for (const AttributeProto& attr : node_.attribute()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

int64_t Step::int_attribute(const std::string& name, int64_t fallback) const {
  if (const AttributeProto* attr = attribute(name)) return attr->i();
  if (const AttributeDef* def = from_.FindAttribute(name)) {
    if (def->default_value && def->default_value->type() == AttributeProto::INT) {
      return def->default_value->i();
    }
  }
  return fallback;
}

void Step::RemoveAttribute(const std::string& name) {
  auto* attrs = node_.mutable_attribute();
  for (int i = 0; i < attrs->size(); ++i) {
    if (attrs->Get(i).name() == name) {
      attrs->DeleteSubrange(i, 1);
      return;
    }
  }
}

void Step::SetAttribute(const std::string& name, AttributeProto value) {
  value.set_name(name);
  for (AttributeProto& attr : *node_.mutable_attribute()) {
    if (attr.name() == name) {
      attr = std::move(value);
      return;
    }
  }
  *node_.add_attribute() = std::move(value);
}

void Step::SetInt(const std::string& name, int64_t value) {
  SetAttribute(name, IntAttr(name, value));
}

void Step::SetInts(const std::string& name, const std::vector<int64_t>& values) {
  SetAttribute(name, IntsAttr(name, values));
}

void Step::SetFloat(const std::string& name, float value) {
  SetAttribute(name, FloatAttr(name, value));
}

void Step::SetFloats(const std::string& name, const std::vector<float>& values) {
  SetAttribute(name, FloatsAttr(name, values));
}

void Step::SetString(const std::string& name, const std::string& value) {
  SetAttribute(name, StringAttr(name, value));
}

void Step::SetStrings(const std::string& name, const std::vector<std::string>& values) {
  SetAttribute(name, StringsAttr(name, values));
}

void Step::SetTensor(const std::string& name, TensorProto value) {
  SetAttribute(name, TensorAttr(name, std::move(value)));
}

// ---- Inputs and outputs ----

bool Step::has_input(int index) const {
  return index >= 0 && index < node_.input_size() && !node_.input(index).empty();
}

const std::string& Step::input(int index) const {
  return index >= 0 && index < node_.input_size() ? node_.input(index) : EmptyString();
}

void Step::SetInput(int index, const std::string& name) {
  while (node_.input_size() <= index) node_.add_input();
  node_.set_input(index, name);
}

void Step::DropInput(int index) {
  if (index < 0 || index >= node_.input_size()) return;
  if (!node_.input(index).empty()) scope_.NotePossiblyUnused(node_.input(index));
  node_.set_input(index, "");
  while (node_.input_size() > 0 && node_.input(node_.input_size() - 1).empty()) {
    node_.mutable_input()->RemoveLast();
  }
}

bool Step::has_output(int index) const {
  return index >= 0 && index < node_.output_size() && !node_.output(index).empty();
}

const std::string& Step::output(int index) const {
  return index >= 0 && index < node_.output_size() ? node_.output(index) : EmptyString();
}

// ---- What is known about values ----

const TypeProto* Step::TypeOf(const std::string& name) { return scope_.TypeOf(name); }

int32_t Step::ElemTypeOf(const std::string& name) {
  const TypeProto* type = TypeOf(name);
  if (type == nullptr || !type->has_tensor_type()) return 0;
  return type->tensor_type().elem_type();
}

const TensorShapeProto* Step::ShapeOf(const std::string& name) {
  const TypeProto* type = TypeOf(name);
  if (type == nullptr || !type->has_tensor_type() || !type->tensor_type().has_shape()) {
    return nullptr;
  }
  return &type->tensor_type().shape();
}

std::optional<int64_t> Step::RankOf(const std::string& name) {
  const TensorShapeProto* shape = ShapeOf(name);
  if (shape == nullptr) return std::nullopt;
  return shape->dim_size();
}

std::optional<std::vector<int64_t>> Step::DimsOf(const std::string& name) {
  const TensorShapeProto* shape = ShapeOf(name);
  if (shape == nullptr) return std::nullopt;
  std::vector<int64_t> dims;
  for (const auto& d : shape->dim()) {
    if (!d.has_dim_value()) return std::nullopt;
    dims.push_back(d.dim_value());
  }
  return dims;
}

const TensorProto* Step::ConstantOf(const std::string& name) { return scope_.ConstantOf(name); }

std::optional<std::vector<int64_t>> Step::ConstantInts(int index) {
  const TensorProto* value = ConstantOf(input(index));
  if (value == nullptr) return std::nullopt;
  absl::StatusOr<std::vector<int64_t>> ints = ReadInt64s(*value);
  if (!ints.ok()) return std::nullopt;
  return *std::move(ints);
}

std::optional<std::vector<double>> Step::ConstantDoubles(int index) {
  const TensorProto* value = ConstantOf(input(index));
  if (value == nullptr) return std::nullopt;
  absl::StatusOr<std::vector<double>> doubles = ReadDoubles(*value);
  if (!doubles.ok()) return std::nullopt;
  return *std::move(doubles);
}

void Step::NoteType(const std::string& name, const TypeProto& type) {
  scope_.NoteType(name, type);
}

// ---- Building ----

std::string Step::NewName(const std::string& hint) { return scope_.NewName(hint); }

std::string Step::AddConstant(TensorProto value, const std::string& hint) {
  const std::string name = NewName(hint);
  value.set_name(name);
  TypeProto type;
  type.mutable_tensor_type()->set_elem_type(value.data_type());
  TensorShapeProto* shape = type.mutable_tensor_type()->mutable_shape();
  for (int64_t d : value.dims()) shape->add_dim()->set_dim_value(d);
  scope_.NoteType(name, type);
  scope_.NoteConstant(name, value);
  if (in_graph()) {
    *scope_.initializer_graph()->add_initializer() = std::move(value);
    return name;
  }
  // Function bodies have no initializers: a Constant node holds the value.
  value.clear_name();
  NodeProto& constant = CanonicalDomain(node_.domain()).empty()
                            ? Emit("Constant", {}, {name})
                            : EmitOnnx(false, "Constant", {}, {name});
  *constant.add_attribute() = TensorAttr("value", std::move(value));
  return name;
}

NodeProto& Step::Emit(const std::string& op, std::vector<std::string> inputs,
                      std::vector<std::string> outputs) {
  return EmitIn(node_.domain(), opset_after_, false, op, std::move(inputs), std::move(outputs));
}

NodeProto& Step::EmitAfter(const std::string& op, std::vector<std::string> inputs,
                           std::vector<std::string> outputs) {
  return EmitIn(node_.domain(), opset_after_, true, op, std::move(inputs), std::move(outputs));
}

NodeProto& Step::EmitOnnx(bool after, const std::string& op, std::vector<std::string> inputs,
                          std::vector<std::string> outputs) {
  TargetOpsetOf(kOnnxDomain, kOnnxHelperOpset);
  return EmitIn(kOnnxDomain, kOnnxHelperOpset, after, op, std::move(inputs), std::move(outputs));
}

NodeProto& Step::EmitIn(const std::string& domain, int opset, bool after, const std::string& op,
                        std::vector<std::string> inputs, std::vector<std::string> outputs) {
  std::deque<EmittedNode>& list = after ? after_ : before_;
  list.push_back(EmittedNode{NodeProto(), std::string(CanonicalDomain(domain)), opset});
  NodeProto& node = list.back().node;
  node.set_op_type(op);
  node.set_domain(domain == kOnnxDomainAlias ? std::string() : domain);
  if (!node_.name().empty()) node.set_name(absl::StrCat(node_.name(), "_", op));
  for (std::string& name : inputs) node.add_input(std::move(name));
  for (std::string& name : outputs) node.add_output(std::move(name));
  return node;
}

int Step::TargetOpsetOf(const std::string& domain, int opset_if_new) {
  return scope_.TargetOpsetOf(domain, opset_if_new);
}

bool Step::in_graph() const { return graph_ != nullptr && scope_.initializer_graph() != nullptr; }

void Step::ReplaceByInitializer(TensorProto value) {
  const std::string name = output(0);
  value.set_name(name);
  scope_.NoteConstant(name, value);
  *scope_.initializer_graph()->add_initializer() = std::move(value);
  removed_ = true;
}

void Step::ReplaceOp(const std::string& domain, const std::string& op) {
  node_.set_domain(domain);
  node_.set_op_type(op);
}

}  // namespace onnxforge::version_converter
