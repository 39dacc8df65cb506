// Early-return helpers for absl::Status and absl::StatusOr.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "onnx_defs/inference_utils.h"  // ONNXFORGE_RETURN_IF_ERROR, AsStrCatPiece

#define ONNXFORGE_STATUS_CONCAT_INNER(a, b) a##b
#define ONNXFORGE_STATUS_CONCAT(a, b) ONNXFORGE_STATUS_CONCAT_INNER(a, b)

// ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, MakeY(x)); declares `y` from the
// StatusOr's value, or returns its error. The expression may contain
// commas (template arguments).
#define ONNXFORGE_ASSIGN_OR_RETURN(lhs, ...)                                             \
  ONNXFORGE_ASSIGN_OR_RETURN_IMPL(ONNXFORGE_STATUS_CONCAT(statusor_, __LINE__), lhs, \
                                  (__VA_ARGS__))
#define ONNXFORGE_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return statusor.status();              \
  lhs = std::move(statusor).value()
