// The sliding-window arithmetic Conv, MaxPool and AveragePool share: the
// kernel, strides, dilations and padding a node asks for along each spatial
// axis of X, and the number of windows they give. The rules are the ones
// the schemas' shape inference applies (onnx_defs/nn/utils.cc), so the
// evaluator's output shapes agree with the inferred ones.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "reference/kernel.h"

namespace onnxforge::reference {

// What an op version's attributes allow.
struct WindowRules {
  bool dilations = false;  // the version has the `dilations` attribute
  bool ceil_mode = false;  // the version has the `ceil_mode` attribute
  // With ceil_mode, a last window that would begin inside the end padding
  // is dropped (the pooling versions of opset 22).
  bool drop_window_starting_in_end_pad = false;
};

// A node's windows over X's spatial axes; entry i is about X's axis 2 + i.
struct Window {
  std::vector<int64_t> input;   // X's spatial sizes
  std::vector<int64_t> kernel;  // taps per window
  std::vector<int64_t> strides;
  std::vector<int64_t> dilations;
  std::vector<int64_t> pad_begin;
  std::vector<int64_t> pad_end;
  std::vector<int64_t> output;  // windows per axis

  size_t spatial() const { return input.size(); }
  int64_t InputSize() const;   // elements of one [D1, ..., Dn] plane of X
  int64_t OutputSize() const;  // elements of one plane of Y
  int64_t KernelSize() const;  // taps of one window
  // Whether every window reads X as it is: 1-sized kernel, unit strides,
  // no padding. The output plane is then the input plane.
  bool IsPointwise() const;
};

// The spatial axes of X (rank >= 3 required: [N, C, D1, ...]); `op` names
// the operator in the error.
absl::StatusOr<size_t> SpatialAxes(const Tensor& x, const char* op);

// The required kernel_shape attribute of the pooling ops: one positive
// size per spatial axis.
absl::StatusOr<std::vector<int64_t>> KernelShapeAttr(const KernelContext& ctx, size_t spatial);

// The node's windows over X of shape `x_shape` with `kernel` taps per axis:
// strides, dilations (when the version has them), pads or auto_pad, and
// ceil_mode (when the version has it). Errors name the attribute at fault
// or the axis whose padded input is smaller than one window.
absl::StatusOr<Window> ResolveWindow(const KernelContext& ctx, const std::vector<int64_t>& x_shape,
                                     std::vector<int64_t> kernel, const WindowRules& rules);

}  // namespace onnxforge::reference
