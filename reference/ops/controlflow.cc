// Kernels of the ai.onnx control-flow operators If and Loop. Their graph
// attributes run through ctx.run_subgraph, which lets them read every name
// of the graphs around them.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ir/tensor_util.h"
#include "reference/kernel.h"

namespace onnxforge::reference {
namespace {

// The value of a one-element bool tensor.
absl::StatusOr<bool> SingleBool(const Value& value, const std::string& what) {
  if (!value.is_tensor() || value.tensor().type() != TensorProto::BOOL ||
      value.tensor().size() != 1) {
    return KernelError(what, " must be a bool tensor with one element, got ", value.DebugString());
  }
  return value.tensor().data<bool>()[0];
}

// `parts` stacked along a new leading axis; all have one type and shape.
absl::StatusOr<Tensor> Stack(const std::vector<Tensor>& parts, int index) {
  const Tensor& first = parts.front();
  for (size_t i = 1; i < parts.size(); ++i) {
    if (parts[i].type() != first.type() || parts[i].shape() != first.shape()) {
      return KernelError("scan output ", index, " is ", first.DebugString(), " in iteration 0 but ",
                         parts[i].DebugString(), " in iteration ", i,
                         "; every iteration must give the same type and shape");
    }
  }
  std::vector<int64_t> shape = {static_cast<int64_t>(parts.size())};
  shape.insert(shape.end(), first.shape().begin(), first.shape().end());
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor stacked, Tensor::Create(first.type(), shape));
  ONNXFORGE_RETURN_IF_ERROR(Dispatch<types::All>(first.type(), [&](auto tag) -> absl::Status {
    using T = ONNXFORGE_TYPE(tag);
    auto out = stacked.mutable_data<T>();
    size_t at = 0;
    for (const Tensor& part : parts) {
      for (const T& v : part.data<T>()) out[at++] = v;
    }
    return absl::OkStatus();
  }));
  return stacked;
}

// The scan output of a loop that ran no iteration: an empty tensor of the
// body output's declared element type, shape [0, dims...] (unknown dims 0).
absl::StatusOr<Tensor> EmptyScan(const ValueInfoProto& info, int index) {
  if (!info.type().has_tensor_type() || info.type().tensor_type().elem_type() == 0) {
    return KernelError("the loop ran no iteration and body output '", info.name(),
                       "' (scan output ", index, ") declares no tensor element type");
  }
  const TypeProto::Tensor& type = info.type().tensor_type();
  std::vector<int64_t> shape = {0};
  for (const TensorShapeProto::Dimension& d : type.shape().dim()) {
    shape.push_back(d.has_dim_value() ? d.dim_value() : 0);
  }
  return Tensor::Create(type.elem_type(), shape);
}

}  // namespace

// Runs then_branch when cond holds, else else_branch; the branch's outputs
// are the node's.
ONNXFORGE_KERNEL(Onnx, If, 1, 25) {
  ONNXFORGE_ASSIGN_OR_RETURN(bool cond, SingleBool(ctx.value(0), "input 'cond'"));
  const std::string branch = cond ? "then_branch" : "else_branch";
  ONNXFORGE_ASSIGN_OR_RETURN(std::vector<Value> outputs, ctx.run_subgraph(branch, {}));
  if (static_cast<int>(outputs.size()) != ctx.num_outputs()) {
    return KernelError("attribute '", branch, "' gives ", outputs.size(),
                       " outputs but the node has ", ctx.num_outputs());
  }
  for (int i = 0; i < ctx.num_outputs(); ++i) ctx.set_output(i, std::move(outputs[i]));
  return absl::OkStatus();
}

// for (i = 0; (M absent or i < M) and (cond absent or cond); ++i)
//   (cond, v..., scan...) = body(i, cond, v...)
// The node gives the final loop-carried values v, then each scan output's
// values of every iteration stacked along a new first axis. Without a cond
// input the body's cond output is ignored. Loop-carried values may be
// tensors, sequences (13+) or optionals (16+).
ONNXFORGE_KERNEL(Onnx, Loop, 1, 25) {
  const GraphProto* body = ctx.attr_graph("body");
  if (body == nullptr) return absl::OkStatus();  // the error is recorded
  const int carried_count = std::max(0, ctx.num_inputs() - 2);
  if (body->input_size() != 2 + carried_count) {
    return KernelError("attribute 'body' takes ", body->input_size(),
                       " inputs but the node passes 2 (iteration number, cond) + ", carried_count,
                       " loop-carried values");
  }
  const int scan_count = body->output_size() - 1 - carried_count;
  if (scan_count < 0) {
    return KernelError("attribute 'body' gives ", body->output_size(),
                       " outputs but needs at least 1 (cond) + ", carried_count,
                       " loop-carried values");
  }
  if (ctx.num_outputs() > carried_count + scan_count) {
    return KernelError("the node has ", ctx.num_outputs(), " outputs but the body gives only ",
                       carried_count, " loop-carried values and ", scan_count, " scan outputs");
  }

  std::optional<int64_t> trip_limit;
  if (ctx.has_input(0)) {
    const Tensor& m = ctx.input(0);
    if (m.type() != TensorProto::INT64 || m.size() != 1) {
      return KernelError("input 'M' must be an int64 tensor with one element, got ",
                         m.DebugString());
    }
    trip_limit = m.data<int64_t>()[0];
  }
  const bool has_cond = ctx.has_input(1);
  bool cond = true;
  if (has_cond) {
    ONNXFORGE_ASSIGN_OR_RETURN(cond, SingleBool(ctx.value(1), "input 'cond'"));
  }
  if (!trip_limit && !has_cond) {
    return KernelError("neither M nor cond is given, so the loop would never end");
  }

  std::vector<Value> carried;
  for (int i = 0; i < carried_count; ++i) carried.push_back(ctx.value(2 + i));
  std::vector<std::vector<Tensor>> scans(scan_count);
  int64_t iteration = 0;
  for (; (!trip_limit || iteration < *trip_limit) && cond; ++iteration) {
    std::vector<Value> inputs = {Tensor::Scalar<int64_t>(iteration), Tensor::Scalar<bool>(cond)};
    inputs.insert(inputs.end(), carried.begin(), carried.end());
    ONNXFORGE_ASSIGN_OR_RETURN(std::vector<Value> outputs, ctx.run_subgraph("body", inputs));
    if (static_cast<int>(outputs.size()) != body->output_size()) {
      return KernelError("attribute 'body' gave ", outputs.size(), " outputs, expected ",
                         body->output_size());
    }
    if (has_cond) {
      ONNXFORGE_ASSIGN_OR_RETURN(
          cond,
          SingleBool(outputs[0], absl::StrCat("the body's cond output in iteration ", iteration)));
    }
    for (int i = 0; i < carried_count; ++i) carried[i] = std::move(outputs[1 + i]);
    for (int k = 0; k < scan_count; ++k) {
      Value& v = outputs[1 + carried_count + k];
      if (!v.is_tensor()) {
        return KernelError("scan output ", k, " must be a tensor, got ", v.TypeString(),
                           " in iteration ", iteration);
      }
      scans[k].push_back(v.tensor());
    }
  }

  for (int i = 0; i < carried_count; ++i) ctx.set_output(i, std::move(carried[i]));
  for (int k = 0; k < scan_count; ++k) {
    if (!ctx.has_output(carried_count + k)) continue;
    absl::StatusOr<Tensor> stacked =
        iteration == 0 ? EmptyScan(body->output(1 + carried_count + k), k) : Stack(scans[k], k);
    if (!stacked.ok()) return stacked.status();
    ctx.set_output(carried_count + k, *std::move(stacked));
  }
  return absl::OkStatus();
}

}  // namespace onnxforge::reference
