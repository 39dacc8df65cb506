#include "onnx_defs/tests/inference_harness.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "onnx_defs/inference_context.h"
#include "onnx_defs/schema.h"

namespace onnxforge::testing {
namespace {

class SingleNodeContext : public InferenceContext {
 public:
  SingleNodeContext(std::vector<std::optional<TypeProto>> inputs,
                    std::vector<AttributeProto> attributes,
                    std::vector<std::optional<TensorProto>> constants, int num_outputs,
                    std::string_view domain, int opset)
      : inputs_(std::move(inputs)),
        attributes_(std::move(attributes)),
        constants_(std::move(constants)),
        outputs_(num_outputs),
        domain_(domain),
        opset_(opset) {}

  const AttributeProto* attribute(std::string_view name) const override {
    for (const auto& a : attributes_) {
      if (a.name() == name) return &a;
    }
    return nullptr;
  }
  size_t num_inputs() const override { return inputs_.size(); }
  bool has_input(size_t i) const override { return i < inputs_.size() && inputs_[i].has_value(); }
  const TypeProto* input_type(size_t i) const override {
    return has_input(i) ? &*inputs_[i] : nullptr;
  }
  const TensorProto* input_data(size_t i) const override {
    return i < constants_.size() && constants_[i] ? &*constants_[i] : nullptr;
  }
  const TensorShapeProto* input_shape_data(size_t) const override { return nullptr; }
  size_t num_outputs() const override { return outputs_.size(); }
  bool has_output(size_t i) const override { return i < outputs_.size(); }
  TypeProto* output_type(size_t i) override { return i < outputs_.size() ? &outputs_[i] : nullptr; }
  GraphInferencer* graph_inferencer(std::string_view) override { return nullptr; }
  int opset_version(std::string_view domain) const override {
    return CanonicalDomain(domain) == CanonicalDomain(domain_) ? opset_ : -1;
  }

  std::vector<TypeProto> TakeOutputs() { return std::move(outputs_); }

 private:
  std::vector<std::optional<TypeProto>> inputs_;
  std::vector<AttributeProto> attributes_;
  std::vector<std::optional<TensorProto>> constants_;
  std::vector<TypeProto> outputs_;
  std::string domain_;
  int opset_;
};

std::string DimsString(const TensorShapeProto& shape) {
  std::vector<std::string> dims;
  for (const auto& d : shape.dim()) {
    if (d.has_dim_value()) {
      dims.push_back(absl::StrCat(d.dim_value()));
    } else if (d.has_dim_param()) {
      dims.push_back(d.dim_param());
    } else {
      dims.push_back("?");
    }
  }
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

}  // namespace

TypeProto TensorType(int32_t elem_type, std::vector<Dim> dims) {
  TypeProto t;
  t.mutable_tensor_type()->set_elem_type(elem_type);
  auto* shape = t.mutable_tensor_type()->mutable_shape();
  for (const auto& d : dims) {
    auto* dim = shape->add_dim();
    if (std::holds_alternative<int64_t>(d)) {
      dim->set_dim_value(std::get<int64_t>(d));
    } else if (std::get<std::string>(d) != "?") {
      dim->set_dim_param(std::get<std::string>(d));
    }
  }
  return t;
}

TypeProto TensorTypeNoShape(int32_t elem_type) {
  TypeProto t;
  t.mutable_tensor_type()->set_elem_type(elem_type);
  return t;
}

std::string ShapeString(const TypeProto& type) {
  switch (type.value_case()) {
    case TypeProto::kTensorType: {
      const auto& t = type.tensor_type();
      std::string elem = t.elem_type() == 0 ? "?" : std::string(ElementTypeName(t.elem_type()));
      return t.has_shape() ? elem + DimsString(t.shape()) : elem;
    }
    case TypeProto::kSequenceType:
      return absl::StrCat("seq(", ShapeString(type.sequence_type().elem_type()), ")");
    case TypeProto::kOptionalType:
      return absl::StrCat("optional(", ShapeString(type.optional_type().elem_type()), ")");
    case TypeProto::kMapType:
      return absl::StrCat("map(", ElementTypeName(type.map_type().key_type()), ",",
                          ShapeString(type.map_type().value_type()), ")");
    default:
      return "none";
  }
}

TensorProto Int64Tensor(std::vector<int64_t> values, std::vector<int64_t> dims) {
  TensorProto t;
  t.set_data_type(TensorProto::INT64);
  for (int64_t d : dims) t.add_dims(d);
  for (int64_t v : values) t.add_int64_data(v);
  return t;
}

absl::StatusOr<std::vector<TypeProto>> InferNode(
    std::string_view op, int opset, std::vector<std::optional<TypeProto>> input_types,
    std::vector<AttributeProto> attributes, std::vector<std::optional<TensorProto>> const_inputs,
    std::string_view domain, int num_outputs) {
  const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset, domain);
  if (schema == nullptr) {
    return absl::NotFoundError(absl::StrCat("no schema for ", std::string(op), " at opset ", opset));
  }
  if (!schema->has_inference_function()) {
    return absl::FailedPreconditionError(absl::StrCat(schema->Describe(), " has no inference"));
  }
  SingleNodeContext ctx(std::move(input_types), std::move(attributes), std::move(const_inputs),
                        num_outputs, domain, opset);
  absl::Status status = schema->inference_function()(ctx);
  if (!status.ok()) return status;
  return ctx.TakeOutputs();
}

}  // namespace onnxforge::testing
