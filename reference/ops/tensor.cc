// Kernels of the ai.onnx tensor-manipulation operators: Reshape, Squeeze,
// Unsqueeze, Concat, Split, Transpose, Flatten, Shape and Identity, every
// version. (Cast is in tensor_cast.cc.) None of them computes: they move
// elements, or only change the shape.
#include <algorithm>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/strided_copy.h"

namespace onnxforge::reference {
namespace {

std::string ListString(const std::vector<int64_t>& values) {
  return absl::StrCat("[", absl::StrJoin(values, ","), "]");
}

// The values of an integer input such as Reshape's `shape` or Squeeze's
// `axes`; `what` names it in errors.
absl::StatusOr<std::vector<int64_t>> IntsOfInput(const KernelContext& ctx, int index,
                                                 const std::string& what) {
  const Tensor& t = ctx.input(index);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (t.rank() > 1) {
    return KernelError("input '", what, "' must be 1-D, got shape ", ShapeString(t.shape()));
  }
  return t.ToInt64s();
}

// ---- Reshape --------------------------------------------------------------------

// The output shape for `requested`: 0 copies the input's dim at that
// position (a real 0 with allow_zero), one -1 takes what the rest leaves.
absl::StatusOr<std::vector<int64_t>> ReshapeTarget(const Tensor& x,
                                                   const std::vector<int64_t>& requested,
                                                   bool allow_zero) {
  std::vector<int64_t> dims(requested.size());
  int64_t inferred = -1;
  bool literal_zero = false;
  int64_t known = 1;
  for (size_t i = 0; i < requested.size(); ++i) {
    int64_t d = requested[i];
    if (d == -1) {
      if (inferred >= 0) {
        return KernelError("shape ", ListString(requested), " has more than one -1 (entries ",
                           inferred, " and ", i, ")");
      }
      inferred = static_cast<int64_t>(i);
      continue;
    }
    if (d < -1) {
      return KernelError("shape ", ListString(requested), " has entry ", i, " = ", d,
                         "; entries must be -1 or more");
    }
    if (d == 0 && allow_zero) literal_zero = true;
    if (d == 0 && !allow_zero) {
      if (static_cast<int64_t>(i) >= x.rank()) {
        return KernelError("shape ", ListString(requested), " has 0 at entry ", i,
                           ", which copies the input's dim ", i, ", but the input has shape ",
                           ShapeString(x.shape()));
      }
      d = x.dim(static_cast<int64_t>(i));
    }
    dims[i] = d;
    if (__builtin_mul_overflow(known, d, &known)) {
      return KernelError("shape ", ListString(requested), " has more elements than int64 holds");
    }
  }
  if (inferred >= 0) {
    if (literal_zero) {
      return KernelError("shape ", ListString(requested),
                         " holds both 0 and -1, which allowzero=1 forbids: the -1 cannot be "
                         "inferred");
    }
    if (known == 0 || x.size() % known != 0) {
      return KernelError("cannot infer the -1 of shape ", ListString(requested),
                         " for an input of shape ", ShapeString(x.shape()), " (", x.size(),
                         " elements)");
    }
    dims[inferred] = x.size() / known;
  }
  return dims;
}

absl::Status RunReshape(KernelContext& ctx, const std::vector<int64_t>& requested,
                        bool allow_zero) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> dims, ReshapeTarget(x, requested, allow_zero));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, x.Reshaped(dims));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Squeeze and Unsqueeze ------------------------------------------------------------

// x without the size-1 dims at `axes` (every size-1 dim when null).
absl::Status RunSqueeze(KernelContext& ctx, const std::vector<int64_t>* axes) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  std::vector<bool> drop(x.rank(), false);
  if (axes == nullptr) {
    for (int64_t i = 0; i < x.rank(); ++i) drop[i] = x.dim(i) == 1;
  } else {
    ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> resolved, ResolveAxes(*axes, x.rank()));
    for (int64_t axis : resolved) {
      if (x.dim(axis) != 1) {
        return KernelError("cannot squeeze axis ", axis, " of shape ", ShapeString(x.shape()),
                           ": its size is ", x.dim(axis), ", not 1");
      }
      drop[axis] = true;
    }
  }
  std::vector<int64_t> dims;
  for (int64_t i = 0; i < x.rank(); ++i) {
    if (!drop[i]) dims.push_back(x.dim(i));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, x.Reshaped(dims));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// x with size-1 dims inserted at the output positions `axes`.
absl::Status RunUnsqueeze(KernelContext& ctx, const std::vector<int64_t>& axes) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  const int64_t out_rank = x.rank() + static_cast<int64_t>(axes.size());
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> resolved, ResolveAxes(axes, out_rank));
  std::vector<int64_t> dims(out_rank, 1);
  std::vector<bool> inserted(out_rank, false);
  for (int64_t axis : resolved) inserted[axis] = true;
  int64_t next = 0;
  for (int64_t i = 0; i < out_rank; ++i) {
    if (!inserted[i]) dims[i] = x.dim(next++);
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, x.Reshaped(dims));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Concat and Split ---------------------------------------------------------------

absl::Status RunConcat(KernelContext& ctx, int64_t axis_attr) {
  std::vector<const Tensor*> parts;
  for (int i = 0; i < ctx.num_inputs(); ++i) parts.push_back(&ctx.input(i));
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (parts.empty()) return KernelError("Concat needs at least one input");
  const Tensor& first = *parts[0];
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis,
                             ResolveAxis(axis_attr, first.rank(), "attribute 'axis'"));
  std::vector<int64_t> dims = first.shape();
  dims[axis] = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    const Tensor& part = *parts[k];
    if (part.type() != first.type()) {
      return KernelError("input ", k, " is ", ElementTypeString(part.type()), " but input 0 is ",
                         ElementTypeString(first.type()));
    }
    bool matches = part.rank() == first.rank();
    for (int64_t j = 0; matches && j < first.rank(); ++j) {
      matches = j == axis || part.dim(j) == first.dim(j);
    }
    if (!matches) {
      return KernelError("input ", k, " has shape ", ShapeString(part.shape()), " but input 0 has ",
                         ShapeString(first.shape()), "; only axis ", axis, " may differ");
    }
    if (__builtin_add_overflow(dims[axis], part.dim(axis), &dims[axis])) {
      return KernelError("the joined length along axis ", axis, " is beyond int64");
    }
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Tensor::Create(first.type(), dims));
  const std::vector<int64_t> out_strides = RowMajorStrides(dims);
  int64_t position = 0;
  for (const Tensor* part : parts) {
    StridedCopyPlan plan = StridedCopyPlan::Contiguous(part->shape());
    plan.out_strides = out_strides;
    plan.out_offset = position * out_strides[axis];
    ONNXFORGE_RETURN_IF_ERROR(CopyElements(plan, *part, y));
    position += part->dim(axis);
  }
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// Where Split finds the part sizes, by version.
struct SplitRequest {
  int64_t axis = 0;
  // The sizes, when given (by attribute or input).
  std::optional<std::vector<int64_t>> sizes;
  // Split-18's num_outputs: parts of ceil(length / n), the last one smaller.
  std::optional<int64_t> num_outputs;
};

absl::Status RunSplit(KernelContext& ctx, const SplitRequest& request) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  const int64_t outputs = ctx.num_outputs();
  if (outputs < 1) return KernelError("Split needs at least one output");
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis, ResolveAxis(request.axis, x.rank(), "attribute 'axis'"));
  const int64_t length = x.dim(axis);
  std::vector<int64_t> sizes;
  if (request.sizes) {
    sizes = *request.sizes;
    if (static_cast<int64_t>(sizes.size()) != outputs) {
      return KernelError("'split' has ", sizes.size(), " sizes ", ListString(sizes),
                         " but the node has ", outputs, " outputs");
    }
    int64_t total = 0;
    for (int64_t s : sizes) {
      if (s < 0 || __builtin_add_overflow(total, s, &total)) {
        return KernelError("'split' ", ListString(sizes), " has a negative or too large size");
      }
    }
    if (total != length) {
      return KernelError("'split' sizes ", ListString(sizes), " add up to ", total, " but axis ",
                         axis, " of shape ", ShapeString(x.shape()), " has length ", length);
    }
  } else if (request.num_outputs) {
    const int64_t n = *request.num_outputs;
    if (n != outputs) {
      return KernelError("attribute 'num_outputs' is ", n, " but the node has ", outputs,
                         " outputs");
    }
    const int64_t part = length / n + (length % n != 0 ? 1 : 0);
    const int64_t last = length - part * (n - 1);
    if (last < 0) {
      return KernelError("cannot cut length ", length, " of axis ", axis, " into ", n,
                         " parts of ", part, " with a smaller last part");
    }
    sizes.assign(n - 1, part);
    sizes.push_back(last);
  } else {
    if (length % outputs != 0) {
      return KernelError("axis ", axis, " of shape ", ShapeString(x.shape()), " has length ",
                         length, ", which does not split evenly into ", outputs, " outputs");
    }
    sizes.assign(outputs, length / outputs);
  }
  const std::vector<int64_t> in_strides = RowMajorStrides(x.shape());
  int64_t position = 0;
  for (int64_t i = 0; i < outputs; ++i) {
    std::vector<int64_t> dims = x.shape();
    dims[axis] = sizes[i];
    if (ctx.has_output(static_cast<int>(i))) {
      Tensor part(x.type(), dims);
      StridedCopyPlan plan = StridedCopyPlan::Contiguous(dims);
      plan.in_strides = in_strides;
      plan.in_offset = position * in_strides[axis];
      ONNXFORGE_RETURN_IF_ERROR(CopyElements(plan, x, part));
      ctx.set_output(static_cast<int>(i), std::move(part));
    }
    position += sizes[i];
  }
  return absl::OkStatus();
}

// The non-empty `split` attribute, if any.
std::optional<std::vector<int64_t>> SplitAttribute(const KernelContext& ctx) {
  std::vector<int64_t> sizes = ctx.attr_ints("split", {});
  if (sizes.empty()) return std::nullopt;
  return sizes;
}

// ---- Transpose and Flatten -------------------------------------------------------------

absl::Status RunTranspose(KernelContext& ctx) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  std::vector<int64_t> reversed(x.rank());
  std::iota(reversed.rbegin(), reversed.rend(), 0);
  const std::vector<int64_t> perm = ctx.attr_ints("perm", reversed);
  std::vector<bool> seen(x.rank(), false);
  bool valid = static_cast<int64_t>(perm.size()) == x.rank();
  for (size_t i = 0; valid && i < perm.size(); ++i) {
    valid = perm[i] >= 0 && perm[i] < x.rank() && !seen[perm[i]];
    if (valid) seen[perm[i]] = true;
  }
  if (!valid) {
    return KernelError("attribute 'perm' ", ListString(perm), " is not a permutation of 0..",
                       x.rank() - 1, " for input shape ", ShapeString(x.shape()));
  }
  std::vector<int64_t> dims(x.rank());
  for (int64_t i = 0; i < x.rank(); ++i) dims[i] = x.dim(perm[i]);
  Tensor y(x.type(), dims);
  // Output axis i walks input axis perm[i].
  const std::vector<int64_t> in_strides = RowMajorStrides(x.shape());
  StridedCopyPlan plan = StridedCopyPlan::Contiguous(dims);
  for (int64_t i = 0; i < x.rank(); ++i) plan.in_strides[i] = in_strides[perm[i]];
  ONNXFORGE_RETURN_IF_ERROR(CopyElements(plan, x, y));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

absl::Status RunFlatten(KernelContext& ctx, bool negative_axis) {
  const Tensor& x = ctx.input(0);
  const int64_t given = ctx.attr_int("axis", 1);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  const int64_t rank = x.rank();
  const int64_t low = negative_axis ? -rank : 0;
  if (given < low || given > rank) {
    return KernelError("attribute 'axis' is ", given, ", out of range for input shape ",
                       ShapeString(x.shape()), " (expected ", low, "..", rank, ")");
  }
  const int64_t axis = given < 0 ? given + rank : given;
  // An empty input may have dims whose product overflows; such a product
  // is no valid dim.
  int64_t outer = 1;
  int64_t inner = 1;
  bool overflow = false;
  for (int64_t i = 0; i < rank; ++i) {
    overflow |= __builtin_mul_overflow(i < axis ? outer : inner, x.dim(i),
                                       i < axis ? &outer : &inner);
  }
  if (overflow) {
    return KernelError("flattening shape ", ShapeString(x.shape()), " at axis ", axis,
                       " gives a dim beyond int64");
  }
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, x.Reshaped({outer, inner}));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- Shape ------------------------------------------------------------------------

// Shape-15's `start` and `end`: negatives count from the back, then both
// clamp into [0, rank].
absl::Status RunShape(KernelContext& ctx, bool ranged) {
  const Value& data = ctx.value(0);
  if (!data.is_tensor()) return KernelError("input 'data' must be a tensor, got ", data.TypeString());
  const std::vector<int64_t>& dims = data.tensor().shape();
  const int64_t rank = static_cast<int64_t>(dims.size());
  int64_t start = 0;
  int64_t end = rank;
  if (ranged) {
    start = ctx.attr_int("start", 0);
    end = ctx.attr_int("end", rank);
    ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  }
  auto clamp = [rank](int64_t v) { return std::clamp(v < 0 ? v + rank : v, int64_t{0}, rank); };
  start = clamp(start);
  end = std::max(clamp(end), start);
  ctx.set_output(0, Tensor::Vector<int64_t>({dims.begin() + start, dims.begin() + end}));
  return absl::OkStatus();
}

}  // namespace

// ---- Registrations -----------------------------------------------------------------

// Reshape-1 takes the shape as an attribute (its `consumed_inputs` is an
// obsolete optimization hint, ignored).
ONNXFORGE_KERNEL(Onnx, Reshape, 1, 1) {
  const std::vector<int64_t> shape = ctx.attr_ints("shape");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunReshape(ctx, shape, /*allow_zero=*/false);
}

// From Reshape-14, allowzero=1 makes a 0 in `shape` a real 0.
ONNXFORGE_KERNEL(Onnx, Reshape, 5, 25) {
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> shape, IntsOfInput(ctx, 1, "shape"));
  const bool allow_zero = ctx.since_version() >= 14 && ctx.attr_int("allowzero", 0) != 0;
  return RunReshape(ctx, shape, allow_zero);
}

ONNXFORGE_KERNEL(Onnx, Squeeze, 1, 11) {
  if (!ctx.has_attr("axes")) return RunSqueeze(ctx, nullptr);
  const std::vector<int64_t> axes = ctx.attr_ints("axes");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunSqueeze(ctx, &axes);
}

// From Squeeze-13 the axes are an optional input.
ONNXFORGE_KERNEL(Onnx, Squeeze, 13, 25) {
  if (!ctx.has_input(1)) return RunSqueeze(ctx, nullptr);
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> axes, IntsOfInput(ctx, 1, "axes"));
  return RunSqueeze(ctx, &axes);
}

ONNXFORGE_KERNEL(Onnx, Unsqueeze, 1, 11) {
  const std::vector<int64_t> axes = ctx.attr_ints("axes");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunUnsqueeze(ctx, axes);
}

// From Unsqueeze-13 the axes are a (required) input.
ONNXFORGE_KERNEL(Onnx, Unsqueeze, 13, 25) {
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<int64_t> axes, IntsOfInput(ctx, 1, "axes"));
  return RunUnsqueeze(ctx, axes);
}

// Concat-1's axis defaults to 1; later versions require it.
ONNXFORGE_KERNEL(Onnx, Concat, 1, 1) { return RunConcat(ctx, ctx.attr_int("axis", 1)); }

ONNXFORGE_KERNEL(Onnx, Concat, 4, 13) {
  const int64_t axis = ctx.attr_int("axis");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunConcat(ctx, axis);
}

// Split-1: sizes from the `split` attribute, else the optional second input
// (a float tensor of lengths).
ONNXFORGE_KERNEL(Onnx, Split, 1, 1) {
  SplitRequest request;
  request.axis = ctx.attr_int("axis", 0);
  request.sizes = SplitAttribute(ctx);
  if (!request.sizes && ctx.has_input(1)) {
    ONNXFORGE_ASSIGN_OR_RETURN(std::vector<double> lengths, ctx.input(1).ToDoubles());
    request.sizes.emplace();
    for (double v : lengths) request.sizes->push_back(static_cast<int64_t>(v));
  }
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunSplit(ctx, request);
}

ONNXFORGE_KERNEL(Onnx, Split, 2, 11) {
  SplitRequest request;
  request.axis = ctx.attr_int("axis", 0);
  request.sizes = SplitAttribute(ctx);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunSplit(ctx, request);
}

// Split-13 moves the sizes to an optional int64 input; Split-18 adds
// `num_outputs`, and then exactly one of the two must be given.
ONNXFORGE_KERNEL(Onnx, Split, 13, 18) {
  SplitRequest request;
  request.axis = ctx.attr_int("axis", 0);
  if (ctx.has_input(1)) {
    ONNXFORGE_ASSIGN_OR_RETURN(request.sizes, IntsOfInput(ctx, 1, "split"));
  }
  if (ctx.since_version() >= 18) {
    if (ctx.has_attr("num_outputs")) request.num_outputs = ctx.attr_int("num_outputs");
    if (request.sizes && request.num_outputs) {
      return KernelError("give either the 'split' input or attribute 'num_outputs', not both");
    }
    if (!request.sizes && !request.num_outputs) {
      return KernelError("needs the 'split' input or attribute 'num_outputs'");
    }
    if (request.num_outputs && *request.num_outputs < 1) {
      return KernelError("attribute 'num_outputs' is ", *request.num_outputs,
                         "; it must be 1 or more");
    }
  }
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  return RunSplit(ctx, request);
}

ONNXFORGE_KERNEL(Onnx, Transpose, 1, 25) { return RunTranspose(ctx); }

// Flatten-11 accepts negative axes.
ONNXFORGE_KERNEL(Onnx, Flatten, 1, 25) { return RunFlatten(ctx, ctx.since_version() >= 11); }

// Shape-15 adds `start` and `end`.
ONNXFORGE_KERNEL(Onnx, Shape, 1, 25) { return RunShape(ctx, ctx.since_version() >= 15); }

// Identity passes any value through: tensors, and from Identity-14
// sequences, from Identity-16 optionals.
ONNXFORGE_KERNEL(Onnx, Identity, 1, 25) {
  ctx.set_output(0, ctx.value(0));
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
