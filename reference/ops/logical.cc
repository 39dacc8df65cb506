// Kernels of the ai.onnx comparison and logical operators: Equal, Less,
// Greater, And, Or and Not. Results are bool tensors.
//
// Before opset 7 the binary ops broadcast only when the `broadcast`
// attribute is set, aligning B with A at `axis`; from opset 7 on they
// broadcast as numpy does.
#include <string>
#include <type_traits>

#include "reference/kernel.h"
#include "reference/ops/compute_type.h"

namespace onnxforge::reference {
namespace {

struct EqualTo {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return static_cast<ComputeType<T>>(a) == static_cast<ComputeType<T>>(b);
  }
};
struct LessThan {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return static_cast<ComputeType<T>>(a) < static_cast<ComputeType<T>>(b);
  }
};
struct GreaterThan {
  template <typename T>
  bool operator()(const T& a, const T& b) const {
    return static_cast<ComputeType<T>>(a) > static_cast<ComputeType<T>>(b);
  }
};

// y = predicate(a, b) over the element types in `Types`, broadcast as the
// version asks.
template <typename Types, typename Predicate>
absl::Status RunComparison(KernelContext& ctx, bool legacy_broadcast, Predicate predicate) {
  const Tensor& a = ctx.input(0);
  const Tensor* b = &ctx.input(1);
  if (a.type() != b->type()) {
    return KernelError("A is ", ElementTypeString(a.type()), " but B is ",
                       ElementTypeString(b->type()));
  }
  Tensor aligned_b;
  if (legacy_broadcast) {
    ONNXFORGE_ASSIGN_OR_RETURN(aligned_b, LegacyBroadcastOperand(ctx, a, *b));
    b = &aligned_b;
  }
  return Dispatch<Types>(a.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ONNXFORGE_ASSIGN_OR_RETURN(
        Tensor y, BroadcastMap<bool, T, T>(a, *b, [&](const T& x, const T& z) {
          return predicate(x, z);
        }));
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  });
}

using EqualTypes = Concat<types::Numeric, types::Bool, types::String>;

}  // namespace

// ---- Equal, Less, Greater ----

ONNXFORGE_KERNEL(Onnx, Equal, 1, 6) { return RunComparison<EqualTypes>(ctx, true, EqualTo{}); }
ONNXFORGE_KERNEL(Onnx, Equal, 7, 19) { return RunComparison<EqualTypes>(ctx, false, EqualTo{}); }

ONNXFORGE_KERNEL(Onnx, Less, 1, 6) { return RunComparison<types::Numeric>(ctx, true, LessThan{}); }
ONNXFORGE_KERNEL(Onnx, Less, 7, 13) {
  return RunComparison<types::Numeric>(ctx, false, LessThan{});
}

ONNXFORGE_KERNEL(Onnx, Greater, 1, 6) {
  return RunComparison<types::Numeric>(ctx, true, GreaterThan{});
}
ONNXFORGE_KERNEL(Onnx, Greater, 7, 13) {
  return RunComparison<types::Numeric>(ctx, false, GreaterThan{});
}

// ---- And, Or, Not ----

ONNXFORGE_KERNEL(Onnx, And, 1, 6) {
  return RunComparison<types::Bool>(ctx, true, [](bool a, bool b) { return a && b; });
}
ONNXFORGE_KERNEL(Onnx, And, 7, 7) {
  return RunComparison<types::Bool>(ctx, false, [](bool a, bool b) { return a && b; });
}

ONNXFORGE_KERNEL(Onnx, Or, 1, 6) {
  return RunComparison<types::Bool>(ctx, true, [](bool a, bool b) { return a || b; });
}
ONNXFORGE_KERNEL(Onnx, Or, 7, 7) {
  return RunComparison<types::Bool>(ctx, false, [](bool a, bool b) { return a || b; });
}

ONNXFORGE_KERNEL(Onnx, Not, 1, 1) {
  const Tensor& x = ctx.input(0);
  return Dispatch<types::Bool>(x.type(), [&](auto) -> absl::Status {
    ctx.set_output(0, UnaryMap<bool, bool>(x, [](bool v) { return !v; }));
    return absl::OkStatus();
  });
}

}  // namespace onnxforge::reference
