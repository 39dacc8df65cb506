#include "onnx_defs/math/matrix_utils.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "onnx_defs/inference_utils.h"

namespace onnxforge::matrix {
namespace {

// "3", "N" or "?" for messages.
std::string DimText(const TensorShapeProto::Dimension& d) {
  if (d.has_dim_value()) return absl::StrCat(d.dim_value());
  if (d.has_dim_param()) return d.dim_param();
  return "?";
}

absl::Status CheckAxisInRange(int64_t axis, int64_t low, int64_t high, int64_t rank) {
  if (axis < low || axis > high) {
    return InferenceError("attribute axis is ", axis, " but must be in [", low, ", ", high,
                          "] for an input of rank ", rank);
  }
  return absl::OkStatus();
}

}  // namespace

// ---- Softmax and LogSoftmax ----

OpSchema& SoftmaxFamilyFormals(OpSchema& schema, const types::TypeList& types,
                               bool differentiable) {
  const auto diff = differentiable ? Differentiability::kDifferentiable
                                   : Differentiability::kUnknown;
  return schema
      .Input(0, "input", "The tensor to normalize.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "output", "The result, with the shape of the input.", "T",
              FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "Floating-point element types.");
}

absl::Status InferSoftmaxCoercedOpset1(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  const int64_t rank = InputShape(ctx, 0).dim_size();
  ONNXFORGE_RETURN_IF_ERROR(CheckAxisInRange(GetIntAttr(ctx, "axis", 1), -rank, rank, rank));
  PropagateShapeFromInput(ctx, 0, 0);
  return absl::OkStatus();
}

InferenceFunction SoftmaxInference(int64_t default_axis) {
  return [default_axis](InferenceContext& ctx) -> absl::Status {
    ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
    if (!HasInputShape(ctx, 0)) return absl::OkStatus();
    const int64_t rank = InputShape(ctx, 0).dim_size();
    if (rank == 0) return InferenceError("input must have rank >= 1, got a scalar");
    ONNXFORGE_RETURN_IF_ERROR(
        CheckAxisInRange(GetIntAttr(ctx, "axis", default_axis), -rank, rank - 1, rank));
    PropagateShapeFromInput(ctx, 0, 0);
    return absl::OkStatus();
  };
}

FunctionBodyBuilder SoftmaxBody(bool log, int reduce_max_opset) {
  return [log, reduce_max_opset](const FunctionBodyContext& ctx) -> absl::StatusOr<std::string> {
    int64_t axis = -1;
    if (const AttributeProto* a = ctx.attribute("axis")) {
      if (!a->has_i()) return absl::InvalidArgumentError("attribute axis must be an int");
      axis = a->i();
    }
    // Subtracting the maximum first keeps Exp from overflowing.
    std::string body = absl::StrCat("axes = Constant <value_ints = [", axis, "]> ()\n");
    if (reduce_max_opset >= 18) {
      absl::StrAppend(&body, "row_max = ReduceMax <keepdims = 1> (input, axes)\n");
    } else {
      absl::StrAppend(&body, "row_max = ReduceMax <keepdims = 1, axes = [", axis, "]> (input)\n");
    }
    absl::StrAppend(&body,
                    "shifted = Sub (input, row_max)\n"
                    "exp_shifted = Exp (shifted)\n"
                    "exp_sum = ReduceSum <keepdims = 1> (exp_shifted, axes)\n");
    if (log) {
      absl::StrAppend(&body, "log_sum = Log (exp_sum)\noutput = Sub (shifted, log_sum)");
    } else {
      absl::StrAppend(&body, "output = Div (exp_shifted, exp_sum)");
    }
    return body;
  };
}

// ---- MatMul ----

OpSchema& MatMulFormals(OpSchema& schema, const types::TypeList& types, bool differentiable) {
  const auto diff = differentiable ? Differentiability::kDifferentiable
                                   : Differentiability::kUnknown;
  return schema
      .Input(0, "A", "The left operand, of rank >= 1.", "T", FormalOption::kSingle, true, 1, diff)
      .Input(1, "B", "The right operand, of rank >= 1.", "T", FormalOption::kSingle, true, 1, diff)
      .Output(0, "Y", "The matrix product.", "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "Element types of the operands and the product.");
}

absl::Status MatMulShape(const TensorShapeProto& a, const TensorShapeProto& b,
                         TensorShapeProto* result) {
  if (a.dim_size() == 0) return InferenceError("input A must have rank >= 1, got a scalar");
  if (b.dim_size() == 0) return InferenceError("input B must have rank >= 1, got a scalar");
  // A vector is a row (for A) or a column (for B) of a matrix.
  TensorShapeProto left = a, right = b;
  if (a.dim_size() == 1) {
    left.clear_dim();
    *left.add_dim() = DimOf(1);
    *left.add_dim() = a.dim(0);
  }
  if (b.dim_size() == 1) *right.add_dim() = DimOf(1);
  const int lrank = left.dim_size(), rrank = right.dim_size();
  const auto& k_left = left.dim(lrank - 1);
  const auto& k_right = right.dim(rrank - 2);
  if (k_left.has_dim_value() && k_right.has_dim_value() &&
      k_left.dim_value() != k_right.dim_value()) {
    return InferenceError("A's last dimension (", k_left.dim_value(),
                          ") must equal B's ", b.dim_size() == 1 ? "only" : "second-to-last",
                          " dimension (", k_right.dim_value(), ")");
  }
  TensorShapeProto left_batch, right_batch;
  for (int i = 0; i < lrank - 2; ++i) *left_batch.add_dim() = left.dim(i);
  for (int i = 0; i < rrank - 2; ++i) *right_batch.add_dim() = right.dim(i);
  TensorShapeProto out;
  absl::Status s = BroadcastShapes({&left_batch, &right_batch}, &out);
  if (!s.ok()) {
    return InferenceError("the batch dimensions of A and B do not broadcast: ", s.message());
  }
  if (a.dim_size() != 1) *out.add_dim() = left.dim(lrank - 2);
  if (b.dim_size() != 1) *out.add_dim() = right.dim(rrank - 1);
  *result = std::move(out);
  return absl::OkStatus();
}

absl::Status InferMatMul(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  if (!HasInputShape(ctx, 0) || !HasInputShape(ctx, 1)) return absl::OkStatus();
  TensorShapeProto shape;
  ONNXFORGE_RETURN_IF_ERROR(MatMulShape(InputShape(ctx, 0), InputShape(ctx, 1), &shape));
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(shape);
  return absl::OkStatus();
}

// ---- Gemm ----

namespace {

// (M, N) from A and B, after the transA/transB flags. nullopt when either
// shape is unknown.
absl::StatusOr<std::optional<TensorShapeProto>> GemmProductShape(const InferenceContext& ctx) {
  if (!HasInputShape(ctx, 0) || !HasInputShape(ctx, 1)) return std::nullopt;
  const auto& a = InputShape(ctx, 0);
  const auto& b = InputShape(ctx, 1);
  if (a.dim_size() != 2) return InferenceError("input A must be a matrix (rank 2), got rank ", a.dim_size());
  if (b.dim_size() != 2) return InferenceError("input B must be a matrix (rank 2), got rank ", b.dim_size());
  const int64_t trans_a = GetIntAttr(ctx, "transA", 0) != 0;
  const int64_t trans_b = GetIntAttr(ctx, "transB", 0) != 0;
  const auto& k_a = a.dim(trans_a ? 0 : 1);
  const auto& k_b = b.dim(trans_b ? 1 : 0);
  if (k_a.has_dim_value() && k_b.has_dim_value() && k_a.dim_value() != k_b.dim_value()) {
    return InferenceError("the inner dimension K differs: ", k_a.dim_value(), " from A (transA=",
                          trans_a, ") vs ", k_b.dim_value(), " from B (transB=", trans_b, ")");
  }
  TensorShapeProto y;
  *y.add_dim() = a.dim(trans_a ? 1 : 0);
  *y.add_dim() = b.dim(trans_b ? 0 : 1);
  return y;
}

// C must broadcast to y without changing y (each of its dims, aligned on the
// right, is 1 or y's); a known C dim other than 1 also tells y's dim.
absl::Status BroadcastCInto(const TensorShapeProto& c, TensorShapeProto* y) {
  if (c.dim_size() > 2) {
    return InferenceError("input C has rank ", c.dim_size(),
                          "; it must broadcast to the 2-D output (M, N)");
  }
  const int offset = 2 - c.dim_size();
  for (int i = 0; i < c.dim_size(); ++i) {
    const auto& cd = c.dim(i);
    auto* yd = y->mutable_dim(offset + i);
    if (!cd.has_dim_value() || cd.dim_value() == 1) continue;
    if (yd->has_dim_value() && yd->dim_value() != cd.dim_value()) {
      return InferenceError("input C's dimension ", i, " is ", cd.dim_value(),
                            " but must be 1 or the output's ", offset + i == 0 ? "M" : "N",
                            " (", yd->dim_value(), ")");
    }
    yd->set_dim_value(cd.dim_value());
  }
  return absl::OkStatus();
}

// Without broadcasting C is exactly (M, N); its dims and y's refine each other.
absl::Status MergeExactC(const TensorShapeProto& c, TensorShapeProto* y) {
  if (c.dim_size() != 2) {
    return InferenceError("input C must have the output's shape (M, N) unless broadcast=1, got rank ",
                          c.dim_size());
  }
  for (int i = 0; i < 2; ++i) {
    const std::string m_or_n = i == 0 ? "M" : "N";
    if (!MergeDimInto(c.dim(i), y->mutable_dim(i)).ok()) {
      return InferenceError("input C's dimension ", i, " is ", DimText(c.dim(i)),
                            " but the output's ", m_or_n, " is ", DimText(y->dim(i)),
                            "; set broadcast=1 to broadcast C");
    }
  }
  return absl::OkStatus();
}

}  // namespace

OpSchema& GemmFormals(OpSchema& schema, const types::TypeList& types, FormalOption c_option,
                      bool differentiable) {
  const auto diff = differentiable ? Differentiability::kDifferentiable
                                   : Differentiability::kUnknown;
  return schema
      .Input(0, "A", "A matrix: (M, K), or (K, M) when transA is 1.", "T", FormalOption::kSingle,
             true, 1, diff)
      .Input(1, "B", "A matrix: (K, N), or (N, K) when transB is 1.", "T", FormalOption::kSingle,
             true, 1, diff)
      .Input(2, "C", "The addend, broadcast to (M, N).", "T", c_option, true, 1, diff)
      .Output(0, "Y", "The (M, N) result.", "T", FormalOption::kSingle, true, 1, diff)
      .TypeConstraint("T", types, "Element types of the operands and the result.");
}

OpSchema& GemmAttributes(OpSchema& schema) {
  return schema
      .Attr("transA", "1 to use the transpose of A.", AttributeProto::INT, int64_t{0})
      .Attr("transB", "1 to use the transpose of B.", AttributeProto::INT, int64_t{0})
      .Attr("alpha", "Factor applied to the product of A and B.", AttributeProto::FLOAT, 1.0f)
      .Attr("beta", "Factor applied to C.", AttributeProto::FLOAT, 1.0f);
}

absl::Status InferGemm(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  auto product = GemmProductShape(ctx);
  if (!product.ok()) return product.status();
  if (!product->has_value()) return absl::OkStatus();
  TensorShapeProto y = std::move(**product);
  if (ctx.has_input(2) && HasInputShape(ctx, 2)) {
    ONNXFORGE_RETURN_IF_ERROR(BroadcastCInto(InputShape(ctx, 2), &y));
  }
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(y);
  return absl::OkStatus();
}

absl::Status InferGemmLegacyBroadcast(InferenceContext& ctx) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  const bool broadcast = GetIntAttr(ctx, "broadcast", 0) != 0;
  auto product = GemmProductShape(ctx);
  if (!product.ok()) return product.status();
  const bool has_c = ctx.has_input(2) && HasInputShape(ctx, 2);
  std::optional<TensorShapeProto> y = std::move(*product);
  if (!y && has_c && !broadcast) {
    // C alone fixes the output shape.
    y.emplace();
    y->add_dim();
    y->add_dim();
  }
  if (!y) return absl::OkStatus();
  if (has_c) {
    const auto& c = InputShape(ctx, 2);
    ONNXFORGE_RETURN_IF_ERROR(broadcast ? BroadcastCInto(c, &*y) : MergeExactC(c, &*y));
  }
  if (TensorShapeProto* out = MutableOutputShape(ctx, 0)) *out = std::move(*y);
  return absl::OkStatus();
}

// ---- TopK ----

namespace {

// Both outputs: X's shape with the axis dimension replaced by k (unknown
// when k is).
absl::Status InferTopK(InferenceContext& ctx, std::optional<int64_t> k) {
  ONNXFORGE_RETURN_IF_ERROR(PropagateElemTypeFromInput(ctx, 0, 0));
  SetOutputElemType(ctx, 1, TensorProto::INT64);
  if (!HasInputShape(ctx, 0)) return absl::OkStatus();
  TensorShapeProto shape = InputShape(ctx, 0);
  const int64_t rank = shape.dim_size();
  if (rank == 0) return InferenceError("input X must have rank >= 1, got a scalar");
  int64_t axis = GetIntAttr(ctx, "axis", -1);
  ONNXFORGE_RETURN_IF_ERROR(CheckAxisInRange(axis, -rank, rank - 1, rank));
  if (axis < 0) axis += rank;
  auto* dim = shape.mutable_dim(static_cast<int>(axis));
  if (k) {
    if (dim->has_dim_value() && dim->dim_value() < *k) {
      return InferenceError("k is ", *k, " but axis ", axis, " of X has only ", dim->dim_value(),
                            " elements");
    }
    *dim = DimOf(*k);
  } else {
    dim->Clear();
  }
  for (size_t i = 0; i < 2; ++i) {
    if (TensorShapeProto* out = MutableOutputShape(ctx, i)) *out = shape;
  }
  return absl::OkStatus();
}

}  // namespace

OpSchema& TopKFormals(OpSchema& schema, const types::TypeList& types, bool k_input,
                      bool differentiable) {
  const auto diff = differentiable ? Differentiability::kDifferentiable
                                   : Differentiability::kUnknown;
  const auto non_diff = differentiable ? Differentiability::kNonDifferentiable
                                       : Differentiability::kUnknown;
  schema.Input(0, "X", "The tensor to select from, of rank >= 1.", "T", FormalOption::kSingle,
               true, 1, diff);
  if (k_input) {
    schema.Input(1, "K", "A 1-D tensor holding k, the number of elements to select.",
                 "tensor(int64)", FormalOption::kSingle, true, 1, non_diff);
  }
  return schema
      .Output(0, "Values", "The selected elements; X's shape with k along axis.", "T",
              FormalOption::kSingle, true, 1, diff)
      .Output(1, "Indices", "Where along axis each selected element was in X.", "I",
              FormalOption::kSingle, true, 1, non_diff)
      .TypeConstraint("T", types, "Element types of X and Values.")
      .TypeConstraint("I", types::Tensors({"int64"}), "Indices are int64.");
}

absl::Status InferTopKWithAttributeK(InferenceContext& ctx) {
  const AttributeProto* k = ctx.attribute("k");
  if (k == nullptr) return InferenceError("attribute k is required");
  if (k->i() <= 0) return InferenceError("attribute k must be positive, got ", k->i());
  return InferTopK(ctx, k->i());
}

absl::Status InferTopKWithInputK(InferenceContext& ctx) {
  if (HasInputShape(ctx, 1)) {
    const auto& k_shape = InputShape(ctx, 1);
    if (k_shape.dim_size() != 1 ||
        (k_shape.dim(0).has_dim_value() && k_shape.dim(0).dim_value() != 1)) {
      return InferenceError("input K must be a 1-D tensor holding one value");
    }
  }
  std::optional<int64_t> k;
  if (auto values = ConstantIntsOfInput(ctx, 1)) {
    const TensorProto* data = ctx.input_data(1);
    if (values->size() != 1 || (data != nullptr && data->dims_size() != 1)) {
      return InferenceError("input K must be a 1-D tensor holding one value");
    }
    if ((*values)[0] < 0) return InferenceError("input K must not be negative, got ", (*values)[0]);
    k = (*values)[0];
  }
  return InferTopK(ctx, k);
}

}  // namespace onnxforge::matrix
