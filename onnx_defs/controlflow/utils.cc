#include "onnx_defs/controlflow/utils.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::controlflow {

types::TypeList ValueTypes(const types::TypeList& tensors, ValueKinds kinds) {
  types::TypeList out = tensors;
  if (kinds.sequences) out = types::Concat({out, types::Sequences(tensors)});
  if (kinds.optionals) {
    out = types::Concat(
        {out, types::Optionals(types::AllTensorSequenceIR4()), types::Optionals(tensors)});
  }
  return out;
}

// ---- Type algebra ------------------------------------------------------------------

namespace {

// The type string with a tensor's shape appended: "tensor(float)[2,N,?]".
std::string Described(const TypeProto& type) {
  std::string text = TypeToString(type);
  if (!type.has_tensor_type() || !type.tensor_type().has_shape()) return text;
  std::vector<std::string> dims;
  for (const auto& d : type.tensor_type().shape().dim()) {
    dims.push_back(d.has_dim_value()   ? absl::StrCat(d.dim_value())
                   : d.has_dim_param() ? d.dim_param()
                                       : "?");
  }
  return absl::StrCat(text, "[", absl::StrJoin(dims, ","), "]");
}

// The union of two views of one tensor's element type and shape.
absl::Status UnionTensorInto(int32_t a_elem, const TensorShapeProto* a_shape, int32_t* elem,
                             bool* has_shape, TensorShapeProto* shape) {
  if (a_elem != 0 && *elem != 0 && a_elem != *elem) {
    return InferenceError("element types differ");
  }
  if (a_elem == 0) *elem = 0;
  if (a_shape == nullptr || !*has_shape || a_shape->dim_size() != shape->dim_size()) {
    *has_shape = false;
    return absl::OkStatus();
  }
  for (int i = 0; i < shape->dim_size(); ++i) {
    const auto& from = a_shape->dim(i);
    auto* to = shape->mutable_dim(i);
    const bool same_value =
        from.has_dim_value() && to->has_dim_value() && from.dim_value() == to->dim_value();
    const bool same_param =
        from.has_dim_param() && to->has_dim_param() && from.dim_param() == to->dim_param();
    if (!same_value && !same_param) to->Clear();
  }
  return absl::OkStatus();
}

// What two views of one tensor's element type and shape know together.
absl::Status MergeTensorInto(int32_t a_elem, const TensorShapeProto* a_shape, int32_t* elem,
                             bool* has_shape, TensorShapeProto* shape) {
  if (a_elem != 0 && *elem != 0 && a_elem != *elem) {
    return InferenceError("element types differ");
  }
  if (*elem == 0) *elem = a_elem;
  if (a_shape == nullptr) return absl::OkStatus();
  if (!*has_shape) {
    *shape = *a_shape;
    *has_shape = true;
    return absl::OkStatus();
  }
  if (a_shape->dim_size() != shape->dim_size()) {
    return InferenceError("ranks differ");
  }
  for (int i = 0; i < shape->dim_size(); ++i) {
    ONNXFORGE_RETURN_IF_ERROR(MergeDimInto(a_shape->dim(i), shape->mutable_dim(i)));
  }
  return absl::OkStatus();
}

using TensorRule = absl::Status (*)(int32_t, const TensorShapeProto*, int32_t*, bool*,
                                    TensorShapeProto*);

// Walks two types together, combining tensors with `rule`. When `a` is
// unknown, a union knows nothing and a merge keeps `into`.
absl::Status CombineInto(const TypeProto& a, TypeProto* into, TensorRule rule, bool is_union) {
  if (a.value_case() == TypeProto::VALUE_NOT_SET) {
    if (is_union) into->Clear();
    return absl::OkStatus();
  }
  if (into->value_case() == TypeProto::VALUE_NOT_SET) {
    if (!is_union) *into = a;
    return absl::OkStatus();
  }
  if (a.value_case() != into->value_case()) return InferenceError("kinds differ");
  switch (a.value_case()) {
    case TypeProto::kTensorType:
    case TypeProto::kSparseTensorType: {
      const bool sparse = a.has_sparse_tensor_type();
      const int32_t a_elem =
          sparse ? a.sparse_tensor_type().elem_type() : a.tensor_type().elem_type();
      const TensorShapeProto* a_shape =
          sparse ? (a.sparse_tensor_type().has_shape() ? &a.sparse_tensor_type().shape() : nullptr)
                 : (a.tensor_type().has_shape() ? &a.tensor_type().shape() : nullptr);
      int32_t elem =
          sparse ? into->sparse_tensor_type().elem_type() : into->tensor_type().elem_type();
      bool has_shape =
          sparse ? into->sparse_tensor_type().has_shape() : into->tensor_type().has_shape();
      TensorShapeProto shape =
          sparse ? into->sparse_tensor_type().shape() : into->tensor_type().shape();
      ONNXFORGE_RETURN_IF_ERROR(rule(a_elem, a_shape, &elem, &has_shape, &shape));
      auto set = [&](auto* t) {
        t->set_elem_type(elem);
        if (has_shape) {
          *t->mutable_shape() = std::move(shape);
        } else {
          t->clear_shape();
        }
      };
      if (sparse) {
        set(into->mutable_sparse_tensor_type());
      } else {
        set(into->mutable_tensor_type());
      }
      return absl::OkStatus();
    }
    case TypeProto::kSequenceType:
      if (!a.sequence_type().has_elem_type()) {
        if (is_union) into->mutable_sequence_type()->clear_elem_type();
        return absl::OkStatus();
      }
      return CombineInto(a.sequence_type().elem_type(),
                         into->mutable_sequence_type()->mutable_elem_type(), rule, is_union);
    case TypeProto::kOptionalType:
      if (!a.optional_type().has_elem_type()) {
        if (is_union) into->mutable_optional_type()->clear_elem_type();
        return absl::OkStatus();
      }
      return CombineInto(a.optional_type().elem_type(),
                         into->mutable_optional_type()->mutable_elem_type(), rule, is_union);
    case TypeProto::kMapType:
      if (a.map_type().key_type() != into->map_type().key_type()) {
        return InferenceError("map key types differ");
      }
      return CombineInto(a.map_type().value_type(), into->mutable_map_type()->mutable_value_type(),
                         rule, is_union);
    default:
      return absl::OkStatus();
  }
}

// Errors when a version does not let `type` flow through a subgraph.
absl::Status CheckValueKind(const TypeProto& type, ValueKinds kinds, const std::string& what) {
  const bool allowed = type.value_case() == TypeProto::VALUE_NOT_SET || type.has_tensor_type() ||
                       (kinds.sequences && type.has_sequence_type()) ||
                       (kinds.optionals && type.has_optional_type());
  if (allowed) return absl::OkStatus();
  const char* expected = kinds.optionals   ? "tensors, sequences or optionals"
                         : kinds.sequences ? "tensors or sequences"
                                           : "tensors";
  return InferenceError(what, " is ", TypeToString(type), "; this version accepts only ", expected);
}

void SetOutput(InferenceContext& ctx, size_t index, TypeProto type) {
  if (!ctx.has_output(index)) return;
  if (TypeProto* out = ctx.output_type(index)) *out = std::move(type);
}

TypeProto UnshapedTensor(int32_t elem) {
  TypeProto t;
  t.mutable_tensor_type()->set_elem_type(elem);
  return t;
}

// Runs a subgraph with no constant inputs: the values a subgraph sees change
// between runs (loop-carried values), or it has no inputs at all (If).
absl::StatusOr<std::vector<TypeProto>> RunSubgraph(
    GraphInferencer& graph, const std::vector<const TypeProto*>& input_types) {
  return graph.Infer(input_types, std::vector<const TensorProto*>(input_types.size(), nullptr));
}

}  // namespace

absl::Status UnionTypeInto(const TypeProto& a, TypeProto* into) {
  return CombineInto(a, into, UnionTensorInto, /*is_union=*/true);
}

absl::Status MergeTypeInto(const TypeProto& a, TypeProto* into) {
  return CombineInto(a, into, MergeTensorInto, /*is_union=*/false);
}

void ClearShapes(TypeProto* type) {
  switch (type->value_case()) {
    case TypeProto::kTensorType:
      type->mutable_tensor_type()->clear_shape();
      break;
    case TypeProto::kSparseTensorType:
      type->mutable_sparse_tensor_type()->clear_shape();
      break;
    case TypeProto::kSequenceType:
      if (type->sequence_type().has_elem_type()) {
        ClearShapes(type->mutable_sequence_type()->mutable_elem_type());
      }
      break;
    case TypeProto::kOptionalType:
      if (type->optional_type().has_elem_type()) {
        ClearShapes(type->mutable_optional_type()->mutable_elem_type());
      }
      break;
    case TypeProto::kMapType:
      if (type->map_type().has_value_type()) {
        ClearShapes(type->mutable_map_type()->mutable_value_type());
      }
      break;
    default:
      break;
  }
}

// ---- If ----------------------------------------------------------------------------

OpSchema& IfFormals(OpSchema& schema, const types::TypeList& value_types) {
  return schema.NonDeterministic()
      .Attr("then_branch",
            "The graph run when cond is true. It has no inputs and yields as many values as "
            "else_branch.",
            AttributeProto::GRAPH, /*required=*/true)
      .Attr("else_branch",
            "The graph run when cond is false. It has no inputs and yields as many values as "
            "then_branch.",
            AttributeProto::GRAPH, /*required=*/true)
      .Input(0, "cond", "A bool tensor with one element choosing the branch.", "B")
      .Output(0, "outputs", "The values the chosen branch yields, in order.", "V",
              FormalOption::kVariadic, /*is_homogeneous=*/false)
      .TypeConstraint("V", value_types, "The types a branch may yield.")
      .TypeConstraint("B", types::Tensors({"bool"}), "cond is bool.");
}

InferenceFunction IfInference(ValueKinds kinds, bool same_shapes) {
  return [kinds, same_shapes](InferenceContext& ctx) -> absl::Status {
    GraphInferencer* then_graph = ctx.graph_inferencer("then_branch");
    GraphInferencer* else_graph = ctx.graph_inferencer("else_branch");
    if (then_graph == nullptr || else_graph == nullptr) return absl::OkStatus();
    absl::StatusOr<std::vector<TypeProto>> then_types = RunSubgraph(*then_graph, {});
    if (!then_types.ok()) return then_types.status();
    absl::StatusOr<std::vector<TypeProto>> else_types = RunSubgraph(*else_graph, {});
    if (!else_types.ok()) return else_types.status();
    if (then_types->size() != else_types->size()) {
      return InferenceError("then_branch yields ", then_types->size(),
                            " values but else_branch yields ", else_types->size());
    }
    if (then_types->size() != ctx.num_outputs()) {
      return InferenceError("the node has ", ctx.num_outputs(), " outputs but its branches yield ",
                            then_types->size(), " values");
    }
    for (size_t i = 0; i < then_types->size(); ++i) {
      const TypeProto& then_type = (*then_types)[i];
      const TypeProto& else_type = (*else_types)[i];
      ONNXFORGE_RETURN_IF_ERROR(
          CheckValueKind(then_type, kinds, absl::StrCat("then_branch output ", i)));
      ONNXFORGE_RETURN_IF_ERROR(
          CheckValueKind(else_type, kinds, absl::StrCat("else_branch output ", i)));
      TypeProto combined = then_type;
      absl::Status status =
          same_shapes ? MergeTypeInto(else_type, &combined) : UnionTypeInto(else_type, &combined);
      if (!status.ok()) {
        return InferenceError("output ", i, ": then_branch yields ", Described(then_type),
                              " and else_branch ", Described(else_type), ": ", status.message());
      }
      SetOutput(ctx, i, std::move(combined));
    }
    return absl::OkStatus();
  };
}

// ---- Loop --------------------------------------------------------------------------

OpSchema& LoopFormals(OpSchema& schema, const types::TypeList& value_types, int min_carried) {
  return schema.NonDeterministic()
      .Attr("body",
            "The graph run per iteration. Inputs: iteration_num (int64 scalar), cond (bool "
            "scalar), then the N loop-carried values. Outputs: the next cond, the N next "
            "loop-carried values, then any scan outputs, one slice per iteration.",
            AttributeProto::GRAPH, /*required=*/true)
      .Input(0, "M", "Optional int64 scalar: the most iterations to run.", "I",
             FormalOption::kOptional)
      .Input(1, "cond", "Optional bool scalar: whether to run the first iteration.", "B",
             FormalOption::kOptional)
      .Input(2, "v_initial", "The initial values of the N loop-carried values.", "V",
             FormalOption::kVariadic, /*is_homogeneous=*/false, min_carried)
      .Output(0, "v_final_and_scan_outputs",
              "The final loop-carried values, then each scan output: the body's per-iteration "
              "values stacked on a new leading axis.",
              "V", FormalOption::kVariadic, /*is_homogeneous=*/false)
      .TypeConstraint("V", value_types, "The types of loop-carried values and scan outputs.")
      .TypeConstraint("I", types::Tensors({"int64"}), "M is int64.")
      .TypeConstraint("B", types::Tensors({"bool"}), "cond is bool.");
}

namespace {

// The final type of loop-carried value `i`: the initial value's (no
// iteration ran) or the body's result.
absl::StatusOr<TypeProto> FinalCarriedType(const InferenceContext& ctx, size_t i,
                                           const TypeProto& yielded, ValueKinds kinds) {
  ONNXFORGE_RETURN_IF_ERROR(CheckValueKind(yielded, kinds, absl::StrCat("loop-carried value ", i)));
  TypeProto final_type = yielded;
  const TypeProto* start = ctx.input_type(i + 2);
  if (start == nullptr) {
    ClearShapes(&final_type);  // the initial value could have any shape
    return final_type;
  }
  absl::Status status = UnionTypeInto(*start, &final_type);
  if (!status.ok()) {
    return InferenceError("loop-carried value ", i, ": the initial value is ", Described(*start),
                          " but the body yields ", Described(yielded), ": ", status.message());
  }
  return final_type;
}

// Scan output `j` stacks the body's per-iteration tensors on a new leading
// axis whose size (the iteration count) is unknown.
absl::StatusOr<TypeProto> ScanOutputType(size_t j, const TypeProto& yielded) {
  if (!yielded.has_tensor_type()) {
    return InferenceError("scan output ", j, " is ", TypeToString(yielded),
                          "; scan outputs must be tensors");
  }
  TypeProto stacked = UnshapedTensor(yielded.tensor_type().elem_type());
  if (yielded.tensor_type().has_shape()) {
    TensorShapeProto* shape = stacked.mutable_tensor_type()->mutable_shape();
    shape->add_dim();
    for (const auto& d : yielded.tensor_type().shape().dim()) *shape->add_dim() = d;
  }
  return stacked;
}

absl::Status CheckNextCond(const TypeProto& next_cond) {
  if (next_cond.value_case() == TypeProto::VALUE_NOT_SET) return absl::OkStatus();
  const bool is_bool =
      next_cond.has_tensor_type() && (next_cond.tensor_type().elem_type() == 0 ||
                                      next_cond.tensor_type().elem_type() == TensorProto::BOOL);
  if (is_bool) return absl::OkStatus();
  return InferenceError("the body's first output (the next cond) is ", TypeToString(next_cond),
                        "; it must be tensor(bool)");
}

}  // namespace

InferenceFunction LoopInference(ValueKinds kinds) {
  return [kinds](InferenceContext& ctx) -> absl::Status {
    const size_t carried = ctx.num_inputs() > 2 ? ctx.num_inputs() - 2 : 0;
    if (ctx.num_outputs() < carried) {
      return InferenceError("the node has ", carried, " loop-carried inputs but only ",
                            ctx.num_outputs(), " outputs; each loop-carried value needs one");
    }
    // The iteration number, the condition and the loop-carried values: the
    // last two change between iterations, shapes included, so the body
    // sees their element types only.
    std::vector<TypeProto> body_input_types = {UnshapedTensor(TensorProto::INT64),
                                               UnshapedTensor(TensorProto::BOOL)};
    for (size_t i = 0; i < carried; ++i) {
      const TypeProto* t = ctx.input_type(i + 2);
      body_input_types.push_back(t != nullptr ? *t : TypeProto());
      ClearShapes(&body_input_types.back());
    }
    GraphInferencer* body = ctx.graph_inferencer("body");
    if (body == nullptr) {
      for (size_t i = 0; i < carried; ++i) {
        if (body_input_types[i + 2].value_case() != TypeProto::VALUE_NOT_SET) {
          SetOutput(ctx, i, body_input_types[i + 2]);
        }
      }
      return absl::OkStatus();
    }
    std::vector<const TypeProto*> body_inputs;
    for (const TypeProto& t : body_input_types) {
      body_inputs.push_back(t.value_case() == TypeProto::VALUE_NOT_SET ? nullptr : &t);
    }
    absl::StatusOr<std::vector<TypeProto>> yielded = RunSubgraph(*body, body_inputs);
    if (!yielded.ok()) return yielded.status();
    if (yielded->size() != ctx.num_outputs() + 1) {
      return InferenceError("the body yields ", yielded->size(), " values but a node with ",
                            ctx.num_outputs(), " outputs needs ", ctx.num_outputs() + 1,
                            " (the next cond, then one per output)");
    }
    ONNXFORGE_RETURN_IF_ERROR(CheckNextCond((*yielded)[0]));
    for (size_t i = 0; i < ctx.num_outputs(); ++i) {
      const TypeProto& value = (*yielded)[i + 1];
      if (i >= carried && value.value_case() == TypeProto::VALUE_NOT_SET) continue;
      absl::StatusOr<TypeProto> output =
          i < carried ? FinalCarriedType(ctx, i, value, kinds) : ScanOutputType(i - carried, value);
      if (!output.ok()) return output.status();
      SetOutput(ctx, i, *std::move(output));
    }
    return absl::OkStatus();
  };
}

}  // namespace onnxforge::controlflow
