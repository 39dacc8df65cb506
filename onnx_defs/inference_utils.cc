#include "onnx_defs/inference_utils.h"

#include <algorithm>

#include "ir/tensor_util.h"

namespace onnxforge {

int64_t GetIntAttr(const InferenceContext& ctx, std::string_view name, int64_t default_value) {
  const AttributeProto* a = ctx.attribute(name);
  return a != nullptr && a->has_i() ? a->i() : default_value;
}

float GetFloatAttr(const InferenceContext& ctx, std::string_view name, float default_value) {
  const AttributeProto* a = ctx.attribute(name);
  return a != nullptr && a->has_f() ? a->f() : default_value;
}

std::string GetStringAttr(const InferenceContext& ctx, std::string_view name,
                          std::string_view default_value) {
  const AttributeProto* a = ctx.attribute(name);
  return a != nullptr && a->has_s() ? a->s() : std::string(default_value);
}

std::optional<std::vector<int64_t>> GetIntsAttr(const InferenceContext& ctx,
                                                std::string_view name) {
  const AttributeProto* a = ctx.attribute(name);
  if (a == nullptr) return std::nullopt;
  return std::vector<int64_t>(a->ints().begin(), a->ints().end());
}

int32_t InputElemType(const InferenceContext& ctx, size_t index) {
  const TypeProto* t = ctx.input_type(index);
  if (t == nullptr) return 0;
  if (t->has_tensor_type()) return t->tensor_type().elem_type();
  if (t->has_sparse_tensor_type()) return t->sparse_tensor_type().elem_type();
  return 0;
}

bool HasInputShape(const InferenceContext& ctx, size_t index) {
  const TypeProto* t = ctx.input_type(index);
  return t != nullptr && t->has_tensor_type() && t->tensor_type().has_shape();
}

const TensorShapeProto& InputShape(const InferenceContext& ctx, size_t index) {
  return ctx.input_type(index)->tensor_type().shape();
}

void SetOutputElemType(InferenceContext& ctx, size_t index, int32_t elem_type) {
  TypeProto* out = ctx.output_type(index);
  if (out == nullptr) return;
  out->mutable_tensor_type()->set_elem_type(elem_type);
}

TensorShapeProto* MutableOutputShape(InferenceContext& ctx, size_t index) {
  TypeProto* out = ctx.output_type(index);
  if (out == nullptr) return nullptr;
  return out->mutable_tensor_type()->mutable_shape();
}

absl::Status PropagateTypeFromInput(InferenceContext& ctx, size_t input, size_t output) {
  const TypeProto* in = ctx.input_type(input);
  TypeProto* out = ctx.output_type(output);
  if (in == nullptr || out == nullptr) return absl::OkStatus();
  *out = *in;
  return absl::OkStatus();
}

absl::Status PropagateElemTypeFromInput(InferenceContext& ctx, size_t input, size_t output) {
  const TypeProto* in = ctx.input_type(input);
  if (in == nullptr) return absl::OkStatus();
  if (!in->has_tensor_type()) {
    return InferenceError("input ", input, " is expected to be a tensor");
  }
  if (in->tensor_type().elem_type() == 0) return absl::OkStatus();
  SetOutputElemType(ctx, output, in->tensor_type().elem_type());
  return absl::OkStatus();
}

void PropagateShapeFromInput(InferenceContext& ctx, size_t input, size_t output) {
  if (!HasInputShape(ctx, input)) return;
  TensorShapeProto* out = MutableOutputShape(ctx, output);
  if (out != nullptr) *out = InputShape(ctx, input);
}

absl::Status PropagateShapeAndTypeFromFirstInput(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  PropagateShapeFromInput(ctx, 0, 0);
  return absl::OkStatus();
}

TensorShapeProto::Dimension DimOf(int64_t value) {
  TensorShapeProto::Dimension d;
  d.set_dim_value(value);
  return d;
}

TensorShapeProto::Dimension DimParam(std::string_view symbol) {
  TensorShapeProto::Dimension d;
  d.set_dim_param(std::string(symbol));
  return d;
}

TensorShapeProto::Dimension DimProduct(const TensorShapeProto& shape, int begin, int end) {
  int64_t product = 1;
  for (int i = begin; i < end; ++i) {
    if (!shape.dim(i).has_dim_value()) return TensorShapeProto::Dimension();
    product *= shape.dim(i).dim_value();
  }
  return DimOf(product);
}

absl::Status MergeDimInto(const TensorShapeProto::Dimension& source,
                          TensorShapeProto::Dimension* target) {
  if (source.has_dim_value()) {
    if (target->has_dim_value() && target->dim_value() != source.dim_value()) {
      return InferenceError("dimension mismatch: ", target->dim_value(), " vs ",
                            source.dim_value());
    }
    target->set_dim_value(source.dim_value());
  } else if (source.has_dim_param() && !target->has_dim_value() &&
             !target->has_dim_param()) {
    target->set_dim_param(source.dim_param());
  }
  return absl::OkStatus();
}

absl::Status BroadcastShapes(const std::vector<const TensorShapeProto*>& shapes,
                             TensorShapeProto* result) {
  int rank = 0;
  for (const auto* s : shapes) rank = std::max(rank, s->dim_size());
  result->clear_dim();
  for (int i = 0; i < rank; ++i) {
    // Walk each shape from its last dim, aligning on the right.
    std::optional<int64_t> value;  // a known dim other than 1
    std::string symbol;            // one symbolic dim seen, if all agree
    bool symbols_agree = true;
    int unknown = 0, symbolic = 0;
    for (const auto* s : shapes) {
      int j = s->dim_size() - rank + i;
      if (j < 0) continue;
      const auto& d = s->dim(j);
      if (d.has_dim_value()) {
        if (d.dim_value() == 1) continue;
        if (value && *value != d.dim_value()) {
          return InferenceError("shapes cannot be broadcast: dimension ", *value,
                                " vs ", d.dim_value(), " at axis ", i);
        }
        value = d.dim_value();
      } else if (d.has_dim_param()) {
        if (symbolic > 0 && d.dim_param() != symbol) symbols_agree = false;
        symbol = d.dim_param();
        ++symbolic;
      } else {
        ++unknown;
      }
    }
    auto* out = result->add_dim();
    if (value) {
      out->set_dim_value(*value);
    } else if (unknown == 0 && symbolic == 0) {
      out->set_dim_value(1);
    } else if (unknown == 0 && symbols_agree) {
      out->set_dim_param(symbol);
    }
  }
  return absl::OkStatus();
}

absl::Status BroadcastInputsToOutput(InferenceContext& ctx, size_t output) {
  std::vector<const TensorShapeProto*> shapes;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    if (!ctx.has_input(i)) continue;
    if (!HasInputShape(ctx, i)) return absl::OkStatus();
    shapes.push_back(&InputShape(ctx, i));
  }
  if (shapes.empty()) return absl::OkStatus();
  TensorShapeProto result;
  ONNXFORGE_RETURN_IF_ERROR(BroadcastShapes(shapes, &result));
  TensorShapeProto* out = MutableOutputShape(ctx, output);
  if (out != nullptr) *out = std::move(result);
  return absl::OkStatus();
}

absl::Status NormalizeAxis(int64_t* axis, int64_t rank, std::string_view what) {
  if (*axis < -rank || *axis >= std::max<int64_t>(rank, 1)) {
    if (!(rank == 0 && (*axis == 0 || *axis == -1))) {
      return InferenceError(what, " ", *axis, " is out of range for rank ", rank);
    }
  }
  if (*axis < 0) *axis += rank;
  if (*axis < 0) *axis = 0;
  return absl::OkStatus();
}

std::optional<std::vector<int64_t>> ConstantIntsOfInput(const InferenceContext& ctx,
                                                        size_t index) {
  if (!ctx.has_input(index)) return std::nullopt;
  if (const TensorProto* t = ctx.input_data(index)) {
    auto values = ReadInt64s(*t);
    if (values.ok()) return *values;
    return std::nullopt;
  }
  if (const TensorShapeProto* s = ctx.input_shape_data(index)) {
    std::vector<int64_t> out;
    for (const auto& d : s->dim()) {
      if (!d.has_dim_value()) return std::nullopt;
      out.push_back(d.dim_value());
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace onnxforge
