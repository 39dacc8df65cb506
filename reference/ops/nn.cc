// Kernels of the ai.onnx normalization and dropout operators:
// BatchNormalization, LayerNormalization and Dropout. Conv is in
// nn_conv.cc, the pooling operators in nn_pool.cc.
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "ir/tensor_util.h"
#include "reference/kernel.h"

namespace onnxforge::reference {
namespace {

// The arithmetic type a float element type computes in: double for double,
// float for float and the narrower formats.
template <typename T>
using ComputeType = std::conditional_t<std::is_same_v<T, double>, double, float>;

// A tensor of the float element type `type` holding `values`.
absl::StatusOr<Tensor> FloatTensor(int32_t type, std::vector<int64_t> shape,
                                   const std::vector<double>& values) {
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor t, Tensor::Create(type, std::move(shape)));
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::Float>(type, [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    auto out = t.mutable_data<T>();
    for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<T>(values[i]);
    return absl::OkStatus();
  }));
  return t;
}

// The single value of a one-element tensor `what`, as double.
absl::StatusOr<double> SingleValue(const Tensor& t, const std::string& what) {
  if (t.size() != 1) {
    return KernelError(what, " must hold one value; it has shape ", ShapeString(t.shape()));
  }
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<double> values, t.ToDoubles());
  return values[0];
}

// ---- BatchNormalization -------------------------------------------------------

// X seen as [N, F, S]: F features (the channels, or with spatial=0 every
// channel and position), each with S values per sample.
struct FeatureLayout {
  int64_t batch = 0;
  int64_t features = 0;
  int64_t inner = 1;
};

// The per-feature statistics and parameters, one value per feature.
struct BatchNormParams {
  std::vector<double> scale, bias, mean, var;
};

absl::StatusOr<std::vector<double>> PerFeature(const KernelContext& ctx, int index,
                                               const std::string& name, int64_t features,
                                               bool spatial) {
  const Tensor& t = ctx.input(index);
  if (t.size() != features) {
    return KernelError(
        "input '", name, "' has shape ", ShapeString(t.shape()), "; it needs ", features,
        spatial ? " values, one per channel" : " values, one per channel and position (spatial=0)");
  }
  return t.ToDoubles();
}

// Y = scale * (X - mean) / sqrt(var + epsilon) + B, feature by feature.
absl::StatusOr<Tensor> Normalize(const Tensor& x, const FeatureLayout& layout,
                                 const BatchNormParams& p, double epsilon) {
  Tensor y(x.type(), x.shape());
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using C = ComputeType<T>;
    auto in = x.data<T>();
    auto out = y.mutable_data<T>();
    int64_t i = 0;
    for (int64_t n = 0; n < layout.batch; ++n) {
      for (int64_t f = 0; f < layout.features; ++f) {
        const C scale = static_cast<C>(p.scale[f]), bias = static_cast<C>(p.bias[f]);
        const C mean = static_cast<C>(p.mean[f]);
        const C stddev = std::sqrt(static_cast<C>(p.var[f]) + static_cast<C>(epsilon));
        for (int64_t s = 0; s < layout.inner; ++s, ++i) {
          out[i] = static_cast<T>(scale * (static_cast<C>(in[i]) - mean) / stddev + bias);
        }
      }
    }
    return absl::OkStatus();
  }));
  return y;
}

// The mean and population variance of each feature over the batch.
absl::Status BatchStatistics(const Tensor& x, const FeatureLayout& layout,
                             std::vector<double>* mean, std::vector<double>* var) {
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<double> values, x.ToDoubles());
  const double count = static_cast<double>(layout.batch * layout.inner);
  mean->assign(layout.features, 0.0);
  var->assign(layout.features, 0.0);
  auto at = [&](int64_t n, int64_t f, int64_t s) {
    return values[(n * layout.features + f) * layout.inner + s];
  };
  for (int64_t f = 0; f < layout.features; ++f) {
    double sum = 0;
    for (int64_t n = 0; n < layout.batch; ++n) {
      for (int64_t s = 0; s < layout.inner; ++s) sum += at(n, f, s);
    }
    (*mean)[f] = sum / count;
    double squares = 0;
    for (int64_t n = 0; n < layout.batch; ++n) {
      for (int64_t s = 0; s < layout.inner; ++s) {
        const double d = at(n, f, s) - (*mean)[f];
        squares += d * d;
      }
    }
    (*var)[f] = squares / count;
  }
  return absl::OkStatus();
}

// running = running * momentum + current * (1 - momentum)
std::vector<double> RunningAverage(const std::vector<double>& running,
                                   const std::vector<double>& current, double momentum) {
  std::vector<double> out(running.size());
  for (size_t i = 0; i < out.size(); ++i) {
    out[i] = running[i] * momentum + current[i] * (1 - momentum);
  }
  return out;
}

// ---- LayerNormalization -----------------------------------------------------

// Rounds an intermediate result to the stash type (float or bfloat16).
float Stash(float v, bool bfloat16) { return bfloat16 ? static_cast<float>(BFloat16(v)) : v; }

// ---- Dropout ----------------------------------------------------------------------

// Uniform doubles in [0, 1) from a Mersenne Twister seeded with `seed`,
// each built from two 32-bit draws (27 + 26 bits): the same stream as
// numpy's RandomState(seed).uniform(0, 1), so masks agree with numpy-based
// references for the same seed.
class UniformStream {
 public:
  explicit UniformStream(uint32_t seed) : engine_(seed) {}
  double Next() {
    const uint32_t high = engine_() >> 5;
    const uint32_t low = engine_() >> 6;
    return (high * 67108864.0 + low) / 9007199254740992.0;
  }

 private:
  std::mt19937 engine_;
};

using DropoutTypes = Concat<types::Float, types::Float8>;

// Dropout's outputs. In training, element i is kept when the i-th uniform
// draw is >= ratio and then scaled by 1 / (1 - ratio); otherwise output is
// data and every mask element is true. The mask is bool, or data's type
// (1 and 0) before opset 10.
absl::Status RunDropout(KernelContext& ctx, bool training, double ratio, int64_t seed) {
  const Tensor& x = ctx.input(0);
  const bool bool_mask = ctx.since_version() >= 10;
  if (training && !(ratio >= 0 && ratio < 1)) {
    return KernelError("ratio must be in [0, 1) in training mode, got ", ratio);
  }
  std::vector<bool> keep(x.size(), true);
  if (training) {
    UniformStream stream(static_cast<uint32_t>(seed));
    for (size_t i = 0; i < keep.size(); ++i) keep[i] = stream.Next() >= ratio;
  }
  Tensor y(x.type(), x.shape());
  Tensor mask(bool_mask ? static_cast<int32_t>(TensorProto::BOOL) : x.type(), x.shape());
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<DropoutTypes>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    using C = ComputeType<T>;
    auto in = x.data<T>();
    auto out = y.mutable_data<T>();
    const C scale = C(1) / (C(1) - static_cast<C>(ratio));
    for (size_t i = 0; i < keep.size(); ++i) {
      if (!training) {
        out[i] = in[i];
      } else {
        out[i] = keep[i] ? static_cast<T>(static_cast<C>(in[i]) * scale) : static_cast<T>(0.0f);
      }
    }
    if (!bool_mask) {
      auto m = mask.mutable_data<T>();
      for (size_t i = 0; i < keep.size(); ++i) m[i] = static_cast<T>(keep[i] ? 1.0f : 0.0f);
    }
    return absl::OkStatus();
  }));
  if (bool_mask) {
    auto m = mask.mutable_data<bool>();
    for (size_t i = 0; i < keep.size(); ++i) m[i] = keep[i];
  }
  ctx.set_output(0, std::move(y));
  ctx.set_output(1, std::move(mask));
  return absl::OkStatus();
}

}  // namespace

// Versions 1 and 6 choose training with is_test=0 and statistics outputs;
// 7 keeps `spatial`, 9 drops it (always per channel). Before 14 a node is
// in training when it asks for any statistics output: Y is then normalized
// with the batch's statistics; mean and var give the updated running
// statistics, saved_mean and saved_var the batch's.
ONNXFORGE_KERNEL(Onnx, BatchNormalization, 1, 9) {
  const Tensor& x = ctx.input(0);
  const int version = ctx.since_version();
  if (x.rank() < 2) {
    return KernelError("X has shape ", ShapeString(x.shape()),
                       "; BatchNormalization needs [N, C, D1, ...]");
  }
  const bool spatial = version >= 9 || ctx.attr_int("spatial", 1) != 0;
  FeatureLayout layout{x.dim(0), x.dim(1), 1};
  for (int64_t i = 2; i < x.rank(); ++i) layout.inner *= x.dim(i);
  if (!spatial) {
    layout.features *= layout.inner;
    layout.inner = 1;
  }
  BatchNormParams p;
  ONNXFORGE_ASSIGN_OR_RETURN(p.scale, PerFeature(ctx, 1, "scale", layout.features, spatial));
  ONNXFORGE_ASSIGN_OR_RETURN(p.bias, PerFeature(ctx, 2, "B", layout.features, spatial));
  ONNXFORGE_ASSIGN_OR_RETURN(p.mean, PerFeature(ctx, 3, "mean", layout.features, spatial));
  ONNXFORGE_ASSIGN_OR_RETURN(p.var, PerFeature(ctx, 4, "var", layout.features, spatial));
  const double epsilon = ctx.attr_float("epsilon", 1e-5f);
  const double momentum = ctx.attr_float("momentum", 0.9f);

  bool training = false;
  for (int i = 1; i <= 4; ++i) training = training || ctx.has_output(i);
  if (training && version < 7 && ctx.attr_int("is_test", 0) != 0) {
    return KernelError(
        "with is_test=1 the node computes only Y; remove the statistics outputs "
        "or set is_test=0");
  }
  if (!training) {
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Normalize(x, layout, p, epsilon));
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  }
  std::vector<double> batch_mean, batch_var;
  ONNXFORGE_RETURN_IF_ERROR(BatchStatistics(x, layout, &batch_mean, &batch_var));
  const std::vector<double> running_mean = RunningAverage(p.mean, batch_mean, momentum);
  const std::vector<double> running_var = RunningAverage(p.var, batch_var, momentum);
  BatchNormParams current = p;
  current.mean = batch_mean;
  current.var = batch_var;
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Normalize(x, layout, current, epsilon));
  const std::vector<int64_t>& stats_shape = ctx.input(3).shape();
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor mean_out, FloatTensor(x.type(), stats_shape, running_mean));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor var_out, FloatTensor(x.type(), stats_shape, running_var));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor saved_mean, FloatTensor(x.type(), stats_shape, batch_mean));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor saved_var, FloatTensor(x.type(), stats_shape, batch_var));
  ctx.set_output(0, std::move(y));
  ctx.set_output(1, std::move(mean_out));
  ctx.set_output(2, std::move(var_out));
  ctx.set_output(3, std::move(saved_mean));
  ctx.set_output(4, std::move(saved_var));
  return absl::OkStatus();
}

// training_mode=1 normalizes with the batch's statistics and gives the
// updated running statistics; 0 normalizes with input_mean and input_var.
// Version 15 lets scale and B, and input_mean and input_var, have their own
// float types.
ONNXFORGE_KERNEL(Onnx, BatchNormalization, 14, 15) {
  const Tensor& x = ctx.input(0);
  if (x.rank() < 2) {
    return KernelError("X has shape ", ShapeString(x.shape()),
                       "; BatchNormalization needs [N, C, D1, ...]");
  }
  FeatureLayout layout{x.dim(0), x.dim(1), 1};
  for (int64_t i = 2; i < x.rank(); ++i) layout.inner *= x.dim(i);
  BatchNormParams p;
  ONNXFORGE_ASSIGN_OR_RETURN(p.scale, PerFeature(ctx, 1, "scale", layout.features, true));
  ONNXFORGE_ASSIGN_OR_RETURN(p.bias, PerFeature(ctx, 2, "B", layout.features, true));
  ONNXFORGE_ASSIGN_OR_RETURN(p.mean, PerFeature(ctx, 3, "input_mean", layout.features, true));
  ONNXFORGE_ASSIGN_OR_RETURN(p.var, PerFeature(ctx, 4, "input_var", layout.features, true));
  const double epsilon = ctx.attr_float("epsilon", 1e-5f);
  const double momentum = ctx.attr_float("momentum", 0.9f);
  const int64_t training_mode = ctx.attr_int("training_mode", 0);
  if (training_mode != 0 && training_mode != 1) {
    return KernelError("attribute 'training_mode' must be 0 or 1, got ", training_mode);
  }
  if (training_mode == 0) {
    if (ctx.has_output(1) || ctx.has_output(2)) {
      return KernelError("running_mean and running_var are computed only with training_mode=1");
    }
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Normalize(x, layout, p, epsilon));
    ctx.set_output(0, std::move(y));
    return absl::OkStatus();
  }
  BatchNormParams current = p;
  ONNXFORGE_RETURN_IF_ERROR(BatchStatistics(x, layout, &current.mean, &current.var));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, Normalize(x, layout, current, epsilon));
  const Tensor& input_mean = ctx.input(3);
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor running_mean,
                             FloatTensor(input_mean.type(), input_mean.shape(),
                                         RunningAverage(p.mean, current.mean, momentum)));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor running_var,
                             FloatTensor(ctx.input(4).type(), ctx.input(4).shape(),
                                         RunningAverage(p.var, current.var, momentum)));
  ctx.set_output(0, std::move(y));
  ctx.set_output(1, std::move(running_mean));
  ctx.set_output(2, std::move(running_var));
  return absl::OkStatus();
}

// Normalizes X over the axes from `axis` on: each group of those values
// has its mean subtracted and is divided by its standard deviation, both
// computed in the stash type (float or bfloat16), then it is multiplied by
// Scale and shifted by B in X's type. Scale and B broadcast to X's shape.
ONNXFORGE_KERNEL(Onnx, LayerNormalization, 17, 17) {
  const Tensor& x = ctx.input(0);
  const Tensor& scale = ctx.input(1);
  const bool has_bias = ctx.has_input(2);
  const Tensor& bias = has_bias ? ctx.input(2) : scale;
  if (x.rank() == 0) return KernelError("X must have rank >= 1; it is a scalar");
  ONNXFORGE_ASSIGN_OR_RETURN(int64_t axis,
                             ResolveAxis(ctx.attr_int("axis", -1), x.rank(), "attribute 'axis'"));
  const int64_t stash_type = ctx.attr_int("stash_type", TensorProto::FLOAT);
  if (stash_type != TensorProto::FLOAT && stash_type != TensorProto::BFLOAT16) {
    return KernelError("attribute 'stash_type' is ", stash_type, "; expected ",
                       static_cast<int>(TensorProto::FLOAT), " (float) or ",
                       static_cast<int>(TensorProto::BFLOAT16), " (bfloat16)");
  }
  const bool bf16 = stash_type == TensorProto::BFLOAT16;
  const float epsilon = Stash(ctx.attr_float("epsilon", 1e-5f), bf16);
  absl::StatusOr<BroadcastWalker> walker =
      BroadcastWalker::CreateTo({scale.shape(), bias.shape()}, x.shape());
  if (!walker.ok()) {
    return KernelError("Scale ", ShapeString(scale.shape()),
                       has_bias ? absl::StrCat(" and B ", ShapeString(bias.shape())) : "",
                       " must broadcast to X's shape ", ShapeString(x.shape()));
  }
  int64_t groups = 1, group_size = 1;
  for (int64_t i = 0; i < x.rank(); ++i) (i < axis ? groups : group_size) *= x.dim(i);
  std::vector<int64_t> stats_shape = x.shape();
  for (int64_t i = axis; i < x.rank(); ++i) stats_shape[i] = 1;
  std::vector<double> means(groups), inv_stddevs(groups);

  Tensor y(x.type(), x.shape());
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    auto in = x.data<T>();
    std::vector<T> normalized(x.size());
    std::vector<float> centered(group_size);
    for (int64_t g = 0; g < groups; ++g) {
      const int64_t start = g * group_size;
      double sum = 0;
      for (int64_t i = 0; i < group_size; ++i) {
        sum += Stash(static_cast<float>(in[start + i]), bf16);
      }
      const float mean = Stash(static_cast<float>(sum / group_size), bf16);
      double squares = 0;
      for (int64_t i = 0; i < group_size; ++i) {
        centered[i] = Stash(Stash(static_cast<float>(in[start + i]), bf16) - mean, bf16);
        squares += Stash(centered[i] * centered[i], bf16);
      }
      const float variance = Stash(static_cast<float>(squares / group_size), bf16);
      const float stddev = Stash(std::sqrt(Stash(variance + epsilon, bf16)), bf16);
      for (int64_t i = 0; i < group_size; ++i) {
        normalized[start + i] = static_cast<T>(Stash(centered[i] / stddev, bf16));
      }
      means[g] = mean;
      inv_stddevs[g] = Stash(1.0f / stddev, bf16);
    }
    auto s = scale.data<T>();
    auto b = bias.data<T>();
    auto out = y.mutable_data<T>();
    walker->ForEach([&](int64_t o, const int64_t* at) {
      const T scaled = static_cast<T>(normalized[o] * s[at[0]]);
      out[o] = has_bias ? static_cast<T>(scaled + b[at[1]]) : scaled;
    });
    return absl::OkStatus();
  }));
  ctx.set_output(0, std::move(y));
  if (ctx.has_output(1)) {
    ONNXFORGE_ASSIGN_OR_RETURN(Tensor mean,
                               FloatTensor(static_cast<int32_t>(stash_type), stats_shape, means));
    ctx.set_output(1, std::move(mean));
  }
  if (ctx.has_output(2)) {
    ONNXFORGE_ASSIGN_OR_RETURN(
        Tensor inv, FloatTensor(static_cast<int32_t>(stash_type), stats_shape, inv_stddevs));
    ctx.set_output(2, std::move(inv));
  }
  return absl::OkStatus();
}

// Versions 1 and 6: random dropout unless is_test is set; the mask has
// data's type. Dropout's seed attribute arrives in 12; earlier versions
// draw from seed 0.
ONNXFORGE_KERNEL(Onnx, Dropout, 1, 6) {
  const bool training = ctx.attr_int("is_test", 0) == 0;
  return RunDropout(ctx, training, ctx.attr_float("ratio", 0.5f), 0);
}

// Versions 7 and 10 always run in inference mode: output is data and the
// mask all ones (data's type in 7, bool from 10).
ONNXFORGE_KERNEL(Onnx, Dropout, 7, 10) {
  return RunDropout(ctx, false, ctx.attr_float("ratio", 0.5f), 0);
}

// From 12 the optional inputs ratio (default 0.5) and training_mode
// (default false) choose; the seed attribute makes the mask repeatable
// (seed 0 when absent).
ONNXFORGE_KERNEL(Onnx, Dropout, 12, 22) {
  double ratio = 0.5;
  if (ctx.has_input(1)) {
    ONNXFORGE_ASSIGN_OR_RETURN(ratio, SingleValue(ctx.input(1), "input 'ratio'"));
  }
  bool training = false;
  if (ctx.has_input(2)) {
    ONNXFORGE_ASSIGN_OR_RETURN(double mode, SingleValue(ctx.input(2), "input 'training_mode'"));
    training = mode != 0;
  }
  return RunDropout(ctx, training, ratio, ctx.attr_int("seed", 0));
}

}  // namespace onnxforge::reference
