// Small kernels for the executor's tests, so they do not depend on the
// evaluator's kernel files.
#include <algorithm>
#include <atomic>
#include <memory>

#include "reference/kernel.h"
#include "reference/tests/test_kernels.h"

namespace onnxforge::reference {
namespace {

std::atomic<int> cast_states_built{0};

// Cast's attribute, kept across runs (KernelContext::KeptState).
struct CastState {
  int64_t to;
};

}  // namespace

int test_kernels::CastStatesBuilt() { return cast_states_built; }

ONNXFORGE_KERNEL(Onnx, Add, 7, 14) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  return Dispatch<types::Numeric>(a.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor c, BroadcastMap<T, T, T>(a, b, [](T x, T y) { return x + y; }));
    ctx.set_output(0, std::move(c));
    return absl::OkStatus();
  });
}

ONNXFORGE_KERNEL(Onnx, Mul, 7, 14) {
  const Tensor& a = ctx.input(0);
  const Tensor& b = ctx.input(1);
  return Dispatch<types::Numeric>(a.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor c, BroadcastMap<T, T, T>(a, b, [](T x, T y) { return x * y; }));
    ctx.set_output(0, std::move(c));
    return absl::OkStatus();
  });
}

ONNXFORGE_KERNEL(Onnx, HardSigmoid, 6, 22) {
  const Tensor& x = ctx.input(0);
  const float alpha = ctx.attr_float("alpha");
  const float beta = ctx.attr_float("beta");
  return Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    ctx.set_output(0, UnaryMap<T, T>(x, [&](T v) {
                     return std::max(0.0f, std::min(1.0f, alpha * static_cast<float>(v) + beta));
                   }));
    return absl::OkStatus();
  });
}

ONNXFORGE_KERNEL(Onnx, Identity, 1, 25) {
  ctx.set_output(0, ctx.value(0));
  return absl::OkStatus();
}

// Casts between float, double and int64 only. Keeps `to` across runs, as
// the executor's tests of kept states count.
ONNXFORGE_KERNEL(Onnx, Cast, 13, 25) {
  using Types = TypeList<float, double, int64_t>;
  const Tensor& x = ctx.input(0);
  ONNXFORGE_ASSIGN_OR_RETURN(const std::shared_ptr<const CastState> kept,
                             ctx.KeptState<CastState>(0, [&]() -> absl::StatusOr<CastState> {
                               ++cast_states_built;
                               return CastState{ctx.attr_int("to")};
                             }));
  const int64_t to = kept->to;
  return Dispatch<Types>(x.type(), [&](auto from_tag) -> absl::Status {
    using From = ONNXFORGE_TYPE(from_tag);
    return Dispatch<Types>(static_cast<int32_t>(to), [&](auto to_tag) -> absl::Status {
      using To = ONNXFORGE_TYPE(to_tag);
      ctx.set_output(0, UnaryMap<To, From>(x, [](From v) { return v; }));
      return absl::OkStatus();
    });
  });
}

ONNXFORGE_KERNEL(Onnx, If, 1, 25) {
  const Tensor& cond = ctx.input(0);
  if (cond.type() != TensorProto::BOOL || cond.size() != 1) {
    return KernelError("cond must hold one bool, got ", cond.DebugString());
  }
  const char* branch = cond.at<bool>(0) ? "then_branch" : "else_branch";
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<Value> outputs, ctx.run_subgraph(branch, {}));
  for (size_t i = 0; i < outputs.size(); ++i) ctx.set_output(static_cast<int>(i), outputs[i]);
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
