#include "version_converter/scope.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference.h"

namespace onnxforge::version_converter {
namespace {

// Calls fn on every graph an attribute of `node` holds.
template <typename Fn>
void ForEachSubgraph(const NodeProto& node, Fn&& fn) {
  for (const AttributeProto& attr : node.attribute()) {
    if (attr.has_g()) fn(attr.g());
    for (const GraphProto& g : attr.graphs()) fn(g);
  }
}

bool IsOnnxDomain(const std::string& domain) { return CanonicalDomain(domain).empty(); }

TypeProto TypeOfTensor(const TensorProto& tensor) {
  TypeProto type;
  TypeProto::Tensor* t = type.mutable_tensor_type();
  t->set_elem_type(tensor.data_type());
  TensorShapeProto* shape = t->mutable_shape();
  for (int64_t d : tensor.dims()) shape->add_dim()->set_dim_value(d);
  return type;
}

// The tensor of whichever value attribute a Constant node has.
std::optional<TensorProto> ConstantAttributeValue(const NodeProto& node) {
  for (const AttributeProto& attr : node.attribute()) {
    if (!attr.ref_attr_name().empty()) return std::nullopt;
    const std::string& name = attr.name();
    if (name == "value" && attr.has_t()) return attr.t();
    if (name == "value_float") return MakeTensor<float>("", {}, {attr.f()});
    if (name == "value_int") return MakeTensor<int64_t>("", {}, {attr.i()});
    if (name == "value_floats") {
      std::vector<float> v(attr.floats().begin(), attr.floats().end());
      return MakeTensor<float>("", {static_cast<int64_t>(v.size())}, v);
    }
    if (name == "value_ints") {
      std::vector<int64_t> v(attr.ints().begin(), attr.ints().end());
      return MakeTensor<int64_t>("", {static_cast<int64_t>(v.size())}, v);
    }
    if (name == "value_string" || name == "value_strings") {
      TensorProto t;
      t.set_data_type(TensorProto::STRING);
      if (name == "value_string") {
        t.add_string_data(attr.s());
      } else {
        t.add_dims(attr.strings_size());
        for (const std::string& s : attr.strings()) t.add_string_data(s);
      }
      return t;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<TensorProto> ConstantNodeValue(const NodeProto& node) {
  std::optional<TensorProto> value = ConstantAttributeValue(node);
  if (value) value->clear_name();
  return value;
}

ConversionScope::ConversionScope(const ModelProto& model) : model_(&model) {}
ConversionScope::ConversionScope(const FunctionProto& function) : function_(&function) {}

const ConversionScope::Opsets* ConversionScope::OpsetsOf(const std::string& domain) const {
  auto it = opsets_.find(std::string(CanonicalDomain(domain)));
  return it == opsets_.end() ? nullptr : &it->second;
}

int ConversionScope::TargetOpsetOf(const std::string& domain, int opset_if_new) {
  const std::string canonical(CanonicalDomain(domain));
  auto it = opsets_.find(canonical);
  if (it != opsets_.end()) return it->second.target;
  auto requested = requested_.find(canonical);
  const int target = requested == requested_.end() ? opset_if_new : requested->second;
  opsets_[canonical] = {opset_if_new, target};
  added_domains_.push_back(canonical);
  return target;
}

// ---- Types ----

const TypeProto* ConversionScope::TypeOf(const std::string& name) {
  if (name.empty()) return nullptr;
  if (!types_indexed_) IndexDeclaredTypes();
  auto it = types_.find(name);
  if (it != types_.end()) return it->second;
  if (!types_inferred_) {
    InferTypes();
    it = types_.find(name);
    if (it != types_.end()) return it->second;
  }
  return nullptr;
}

void ConversionScope::NoteType(const std::string& name, const TypeProto& type) {
  if (!types_indexed_) IndexDeclaredTypes();
  owned_types_.push_back(type);
  types_[name] = &owned_types_.back();
}

void ConversionScope::IndexDeclaredTypes() {
  types_indexed_ = true;
  if (model_ != nullptr) {
    IndexTypesOfGraph(model_->graph());
    return;
  }
  for (const ValueInfoProto& info : function_->value_info()) {
    if (info.has_type()) types_.emplace(info.name(), &info.type());
  }
}

void ConversionScope::IndexTypesOfGraph(const GraphProto& graph) {
  auto add = [&](const ValueInfoProto& info) {
    if (info.has_type() && info.type().value_case() != TypeProto::VALUE_NOT_SET) {
      types_.emplace(info.name(), &info.type());
    }
  };
  for (const ValueInfoProto& info : graph.input()) add(info);
  for (const ValueInfoProto& info : graph.output()) add(info);
  for (const ValueInfoProto& info : graph.value_info()) add(info);
  for (const TensorProto& init : graph.initializer()) {
    if (types_.contains(init.name())) continue;
    owned_types_.push_back(TypeOfTensor(init));
    types_.emplace(init.name(), &owned_types_.back());
  }
  for (const NodeProto& node : graph.node()) {
    ForEachSubgraph(node, [&](const GraphProto& g) { IndexTypesOfGraph(g); });
  }
}

// Types the model does not declare come from one run of shape inference
// over the source; a node it cannot infer just leaves its outputs unknown.
void ConversionScope::InferTypes() {
  types_inferred_ = true;
  if (model_ == nullptr) return;
  ShapeInferenceOptions options;
  options.strict = false;
  absl::StatusOr<ModelProto> inferred = InferShapes(*model_, options);
  if (!inferred.ok()) return;
  inferred_ = std::make_unique<ModelProto>(*std::move(inferred));
  IndexTypesOfGraph(inferred_->graph());
}

// ---- Constants ----

const TensorProto* ConversionScope::ConstantOf(const std::string& name) {
  if (name.empty()) return nullptr;
  if (!constants_indexed_) IndexConstants();
  auto it = constants_.find(name);
  return it == constants_.end() ? nullptr : it->second;
}

void ConversionScope::NoteConstant(const std::string& name, const TensorProto& value) {
  if (!constants_indexed_) IndexConstants();
  owned_tensors_.push_back(value);
  constants_[name] = &owned_tensors_.back();
}

void ConversionScope::IndexConstants() {
  constants_indexed_ = true;
  if (model_ != nullptr) {
    IndexConstantsOfGraph(model_->graph());
    return;
  }
  for (const NodeProto& node : function_->node()) IndexConstantNode(node);
}

void ConversionScope::IndexConstantsOfGraph(const GraphProto& graph) {
  absl::flat_hash_set<std::string> inputs;
  // From IR version 4 an initializer that is also a graph input is only a
  // default a feed may replace, so it is no constant. Before, every
  // initializer had to be an input, which then said nothing.
  if (model_->ir_version() >= 4) {
    for (const ValueInfoProto& info : graph.input()) inputs.insert(info.name());
  }
  for (const TensorProto& init : graph.initializer()) {
    if (!inputs.contains(init.name())) constants_.emplace(init.name(), &init);
  }
  for (const NodeProto& node : graph.node()) {
    IndexConstantNode(node);
    ForEachSubgraph(node, [&](const GraphProto& g) { IndexConstantsOfGraph(g); });
  }
}

void ConversionScope::IndexConstantNode(const NodeProto& node) {
  if (node.op_type() != "Constant" || !IsOnnxDomain(node.domain()) || node.output_size() != 1) {
    return;
  }
  for (const AttributeProto& attr : node.attribute()) {
    if (attr.name() == "value" && attr.has_t() && attr.ref_attr_name().empty()) {
      constants_.emplace(node.output(0), &attr.t());
      return;
    }
  }
  if (std::optional<TensorProto> value = ConstantNodeValue(node)) {
    owned_tensors_.push_back(*std::move(value));
    constants_.emplace(node.output(0), &owned_tensors_.back());
  }
}

// ---- Names ----

std::string ConversionScope::NewName(const std::string& hint) {
  if (!names_indexed_) IndexNames();
  const std::string base = hint.empty() ? std::string("v") : hint;
  std::string name = base;
  for (int i = 1; names_.contains(name); ++i) name = absl::StrCat(base, "_", i);
  names_.insert(name);
  return name;
}

void ConversionScope::IndexNames() {
  names_indexed_ = true;
  if (model_ != nullptr) {
    IndexNamesOfGraph(model_->graph());
    return;
  }
  for (const std::string& name : function_->input()) names_.insert(name);
  for (const std::string& name : function_->output()) names_.insert(name);
  for (const NodeProto& node : function_->node()) IndexNamesOfNode(node);
}

void ConversionScope::IndexNamesOfGraph(const GraphProto& graph) {
  for (const ValueInfoProto& info : graph.input()) names_.insert(info.name());
  for (const ValueInfoProto& info : graph.output()) names_.insert(info.name());
  for (const ValueInfoProto& info : graph.value_info()) names_.insert(info.name());
  for (const TensorProto& init : graph.initializer()) names_.insert(init.name());
  for (const SparseTensorProto& init : graph.sparse_initializer()) {
    names_.insert(init.values().name());
  }
  for (const NodeProto& node : graph.node()) IndexNamesOfNode(node);
}

void ConversionScope::IndexNamesOfNode(const NodeProto& node) {
  for (const std::string& name : node.input()) names_.insert(name);
  for (const std::string& name : node.output()) names_.insert(name);
  ForEachSubgraph(node, [&](const GraphProto& g) { IndexNamesOfGraph(g); });
}

}  // namespace onnxforge::version_converter
