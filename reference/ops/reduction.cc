// Kernels of the ai.onnx reductions: ReduceSum, ReduceMean, ReduceMax and
// ArgMax.
//
// Sums of floats accumulate in double and round once; sums of integers
// wrap like the type does. Which axes fold comes from the `axes` attribute
// in older versions and from the optional input `axes` in newer ones.
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <vector>

#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/compute_type.h"

namespace onnxforge::reference {
namespace {

// The accumulator of sums: double for floats, the unsigned twin for
// integers (so overflow wraps instead of being undefined).
template <typename T, typename = void>
struct SumTypeOf {
  using type = double;
};
template <typename T>
struct SumTypeOf<T, std::enable_if_t<std::is_integral_v<T>>> {
  using type = std::make_unsigned_t<T>;
};
template <typename T>
using SumType = typename SumTypeOf<T>::type;

// What a reduction folds and what it produces.
struct Reduction {
  // No axes and noop_with_empty_axes set: the output is the input.
  bool identity = false;
  // The input's shape with each reduced axis set to 1.
  Shape kept_shape;
  // kept_shape, reduced axes dropped unless keepdims.
  Shape output_shape;
  // Input elements folded into each output element.
  int64_t group_size = 1;
  // Elements of the output.
  int64_t output_size = 1;
};

// Reads the axes (the `axes` attribute, or input 1 when `axes_from_input`)
// and `keepdims`/`noop_with_empty_axes`. No axes means every axis.
absl::StatusOr<Reduction> PlanReduction(const KernelContext& ctx, const Tensor& data,
                                        bool axes_from_input) {
  std::vector<int64_t> axes;
  bool noop_with_empty_axes = false;
  if (axes_from_input) {
    if (ctx.has_input(1)) {
      ONNXFORGE_ASSIGN_OR_RETURN(axes, ctx.input(1).ToInt64s());
    }
    noop_with_empty_axes = ctx.attr_int("noop_with_empty_axes", 0) != 0;
  } else {
    axes = ctx.attr_ints("axes", std::vector<int64_t>{});
  }
  Reduction r;
  if (axes.empty() && noop_with_empty_axes) {
    r.identity = true;
    r.output_shape = data.shape();
    r.output_size = data.size();
    return r;
  }
  std::vector<bool> reduced(data.rank(), axes.empty());
  ONNXFORGE_ASSIGN_OR_RETURN(
      std::vector<int64_t> resolved,
      ResolveAxes(axes, data.rank(), axes_from_input ? "input 'axes'" : "attribute 'axes'"));
  for (int64_t axis : resolved) reduced[axis] = true;
  const bool keepdims = ctx.attr_int("keepdims", 1) != 0;
  for (int64_t axis = 0; axis < data.rank(); ++axis) {
    const int64_t dim = data.dim(axis);
    if (reduced[axis]) {
      r.group_size *= dim;
      r.kept_shape.push_back(1);
      if (keepdims) r.output_shape.push_back(1);
    } else {
      r.output_size *= dim;
      r.kept_shape.push_back(dim);
      r.output_shape.push_back(dim);
    }
  }
  return r;
}

int64_t Product(const Shape& shape, int64_t begin, int64_t end) {
  int64_t p = 1;
  for (int64_t i = begin; i < end; ++i) p *= shape[i];
  return p;
}

// acc[g] = step(acc[g], x) for every element x of data, g its output
// element. `acc` has r.output_size entries, already set to the start value.
template <typename T, typename Acc, typename Step>
absl::Status FoldGroups(const Tensor& data, const Reduction& r, std::vector<Acc>& acc,
                        Step step) {
  auto in = data.data<T>();
  const Shape& shape = data.shape();
  // Size-1 axes aside, when the reduced axes are adjacent the data is
  // [outer, group, inner] and a tight loop folds it.
  int64_t first = -1, last = -1, runs = 0;
  bool previous_reduced = false;
  for (int64_t axis = 0; axis < data.rank(); ++axis) {
    if (shape[axis] == 1) continue;
    const bool reduced = r.kept_shape[axis] == 1;
    if (reduced && !previous_reduced) ++runs;
    if (reduced) {
      if (first < 0) first = axis;
      last = axis;
    }
    previous_reduced = reduced;
  }
  if (runs <= 1) {
    const int64_t outer = runs == 0 ? data.size() : Product(shape, 0, first);
    const int64_t group = runs == 0 ? 1 : Product(shape, first, last + 1);
    const int64_t inner = runs == 0 ? 1 : Product(shape, last + 1, data.rank());
    if (inner == 1) {
      // Each output folds one contiguous run: keep the accumulator local.
      for (int64_t o = 0; o < outer; ++o) {
        Acc value = acc[o];
        const T* run = in.data() + o * group;
        for (int64_t g = 0; g < group; ++g) value = step(value, run[g]);
        acc[o] = value;
      }
      return absl::OkStatus();
    }
    for (int64_t o = 0; o < outer; ++o) {
      const int64_t out_base = o * inner;
      const T* block = in.data() + o * group * inner;
      for (int64_t g = 0; g < group; ++g) {
        const T* row = block + g * inner;
        for (int64_t i = 0; i < inner; ++i) acc[out_base + i] = step(acc[out_base + i], row[i]);
      }
    }
    return absl::OkStatus();
  }
  ONNXFORGE_ASSIGN_OR_RETURN(BroadcastWalker walker,
                             BroadcastWalker::CreateTo({r.kept_shape}, shape));
  walker.ForEach([&](int64_t x, const int64_t* group) {
    acc[group[0]] = step(acc[group[0]], in[x]);
  });
  return absl::OkStatus();
}

// Folds x with `step` from `start`, then writes finish(acc) for each
// output element; the identity reduction copies x.
template <typename T, typename Acc, typename Step, typename Finish>
absl::Status Reduce(KernelContext& ctx, const Tensor& x, const Reduction& r, Acc start, Step step,
                    Finish finish) {
  if (r.identity) {
    ctx.set_output(0, x);
    return absl::OkStatus();
  }
  std::vector<Acc> acc(r.output_size, start);
  ONNXFORGE_RETURN_IF_ERROR(FoldGroups<T>(x, r, acc, step));
  Tensor y(x.type(), r.output_shape);
  auto out = y.mutable_data<T>();
  for (int64_t i = 0; i < r.output_size; ++i) out[i] = finish(acc[i]);
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

// ---- ReduceSum -------------------------------------------------------------------

// The sum over the axes; 0 for an empty set.
absl::Status RunReduceSum(KernelContext& ctx, bool axes_from_input) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(Reduction r, PlanReduction(ctx, x, axes_from_input));
  return Dispatch<types::Numeric>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using S = SumType<T>;
    return Reduce<T>(
        ctx, x, r, S(0), [](S acc, T v) { return static_cast<S>(acc + static_cast<S>(v)); },
        [](S acc) { return T(acc); });
  });
}

ONNXFORGE_KERNEL(Onnx, ReduceSum, 1, 12) { return RunReduceSum(ctx, /*axes_from_input=*/false); }
ONNXFORGE_KERNEL(Onnx, ReduceSum, 13, 13) { return RunReduceSum(ctx, /*axes_from_input=*/true); }

// ---- ReduceMean ------------------------------------------------------------------

// The sum divided by the group size. Integer means truncate toward zero;
// the mean of an empty set is NaN for floats and an error for integers.
absl::Status RunReduceMean(KernelContext& ctx, bool axes_from_input) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(Reduction r, PlanReduction(ctx, x, axes_from_input));
  const int64_t count = r.group_size;
  return Dispatch<types::Numeric>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using S = SumType<T>;
    auto add = [](S acc, T v) { return static_cast<S>(acc + static_cast<S>(v)); };
    if constexpr (std::is_integral_v<T>) {
      if (count == 0 && !r.identity && r.output_size > 0) {
        return KernelError("the mean of an empty set of ", ElementTypeString(x.type()),
                           " values is undefined (input shape ", ShapeString(x.shape()), ")");
      }
      return Reduce<T>(ctx, x, r, S(0), add, [count](S acc) {
        if constexpr (std::is_signed_v<T>) {
          return static_cast<T>(static_cast<int64_t>(static_cast<T>(acc)) / count);
        } else {
          return static_cast<T>(static_cast<uint64_t>(acc) / static_cast<uint64_t>(count));
        }
      });
    } else {
      return Reduce<T>(ctx, x, r, S(0), add,
                       [count](S acc) { return T(acc / static_cast<double>(count)); });
    }
  });
}

ONNXFORGE_KERNEL(Onnx, ReduceMean, 1, 17) { return RunReduceMean(ctx, /*axes_from_input=*/false); }
ONNXFORGE_KERNEL(Onnx, ReduceMean, 18, 18) { return RunReduceMean(ctx, /*axes_from_input=*/true); }

// ---- ReduceMax -------------------------------------------------------------------

// The largest value, NaN if any is NaN. An empty set gives -inf for floats,
// the type's minimum for integers and false for bool.
absl::Status RunReduceMax(KernelContext& ctx, bool axes_from_input) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(Reduction r, PlanReduction(ctx, x, axes_from_input));
  return Dispatch<Concat<types::Numeric, types::Bool>>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using C = ComputeType<T>;
    C start;
    if constexpr (std::is_floating_point_v<C>) {
      start = -std::numeric_limits<C>::infinity();
    } else {
      start = std::numeric_limits<C>::lowest();
    }
    return Reduce<T>(
        ctx, x, r, start,
        [](C acc, T v) {
          const C value = static_cast<C>(v);
          if constexpr (std::is_floating_point_v<C>) {
            if (std::isnan(value)) return value;
          }
          return value > acc ? value : acc;
        },
        [](C acc) { return T(acc); });
  });
}

ONNXFORGE_KERNEL(Onnx, ReduceMax, 1, 17) { return RunReduceMax(ctx, /*axes_from_input=*/false); }
ONNXFORGE_KERNEL(Onnx, ReduceMax, 18, 20) { return RunReduceMax(ctx, /*axes_from_input=*/true); }

// ---- ArgMax ----------------------------------------------------------------------

// The index of the largest value along `axis` (NaN counts as largest); ties
// go to the first index, or the last with select_last_index (opset 12 on).
ONNXFORGE_KERNEL(Onnx, ArgMax, 1, 13) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis,
                             ResolveAxis(ctx.attr_int("axis", 0), x.rank(), "attribute 'axis'"));
  const bool keepdims = ctx.attr_int("keepdims", 1) != 0;
  const bool select_last = ctx.attr_int("select_last_index", 0) != 0;
  const Shape& shape = x.shape();
  const int64_t outer = Product(shape, 0, axis);
  const int64_t n = shape[axis];
  const int64_t inner = Product(shape, axis + 1, x.rank());
  if (n == 0 && outer * inner > 0) {
    return KernelError("axis ", axis, " of the input of shape ", ShapeString(shape),
                       " is empty, so it has no largest value");
  }
  Shape out_shape = shape;
  if (keepdims) {
    out_shape[axis] = 1;
  } else {
    out_shape.erase(out_shape.begin() + axis);
  }
  Tensor y(TensorProto::INT64, out_shape);
  return Dispatch<types::Numeric>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using C = ComputeType<T>;
    auto in = x.data<T>();
    auto out = y.mutable_data<int64_t>();
    // Whether `v` replaces `best` as the maximum seen so far.
    auto replaces = [select_last](C v, C best) {
      if constexpr (std::is_floating_point_v<C>) {
        if (std::isnan(best)) return select_last && std::isnan(v);
        if (std::isnan(v)) return true;
      }
      return select_last ? v >= best : v > best;
    };
    for (int64_t o = 0; o < outer; ++o) {
      for (int64_t i = 0; i < inner; ++i) {
        const T* slice = in.data() + o * n * inner + i;
        int64_t best_index = 0;
        C best = static_cast<C>(slice[0]);
        for (int64_t j = 1; j < n; ++j) {
          const C v = static_cast<C>(slice[j * inner]);
          if (replaces(v, best)) {
            best = v;
            best_index = j;
          }
        }
        out[o * inner + i] = best_index;
      }
    }
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  });
}

}  // namespace
}  // namespace onnxforge::reference
