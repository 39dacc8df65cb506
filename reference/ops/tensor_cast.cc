// Kernel of the ai.onnx Cast operator, every version. The conversions
// themselves are in cast_conversions.h.
//
// Cast-1 names the target type (`to` = "FLOAT"); from Cast-6 on `to` is a
// TensorProto.DataType value. Cast-9 adds strings, Cast-13 bfloat16, Cast-19
// the float8 types and `saturate`, Cast-21 int4/uint4, Cast-23 float4e2m1,
// Cast-24 float8e8m0 and `round_mode`, Cast-25 int2/uint2.
#include <algorithm>
#include <limits>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "reference/kernel.h"
#include "reference/ops/cast_conversions.h"

namespace onnxforge::reference {
namespace {

// Checks that this version of Cast may produce `to`: the schema's T2
// constraint lists the tensor types it allows.
absl::Status CheckTargetAllowed(const KernelContext& ctx, int32_t to) {
  const TypeConstraint* allowed = ctx.schema().FindTypeConstraint("T2");
  if (allowed == nullptr) return absl::OkStatus();
  const std::string& name = ElementTypeName(to);
  const std::string wanted = absl::StrCat("tensor(", name, ")");
  const auto& strs = allowed->allowed_type_strs;
  if (!name.empty() && std::find(strs.begin(), strs.end(), wanted) != strs.end()) {
    return absl::OkStatus();
  }
  return KernelError("attribute 'to' is ", to, " (", ElementTypeString(to), "), which Cast-",
                     ctx.since_version(), " cannot produce; it allows ",
                     absl::StrJoin(strs, ", "));
}

absl::StatusOr<E8M0Rounding> ParseRoundMode(const std::string& mode) {
  if (mode == "up") return E8M0Rounding::kUp;
  if (mode == "down") return E8M0Rounding::kDown;
  if (mode == "nearest") return E8M0Rounding::kNearest;
  return KernelError("attribute 'round_mode' is \"", mode,
                     "\"; expected \"up\", \"down\" or \"nearest\"");
}

absl::Status RunCast(KernelContext& ctx, int32_t to, const CastOptions& options) {
  const Tensor& x = ctx.input(0);
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  ONNXFORGE_RETURN_IF_ERROR(CheckTargetAllowed(ctx, to));
  ONNXFORGE_ASSIGN_OR_RETURN(Tensor y, CastTensor(x, to, options));
  ctx.set_output(0, std::move(y));
  return absl::OkStatus();
}

}  // namespace

// `to` is a type name: the DataType enum's ("FLOAT", "INT64"), which is
// also taken in lower case ("float").
ONNXFORGE_KERNEL(Onnx, Cast, 1, 1) {
  const std::string to_name = ctx.attr_string("to");
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  absl::StatusOr<int32_t> to = ElementTypeFromName(absl::AsciiStrToLower(to_name));
  if (!to.ok()) {
    return KernelError("attribute 'to' is \"", to_name,
                       "\", which names no element type (expected a name such as \"FLOAT\")");
  }
  return RunCast(ctx, *to, CastOptions{});
}

ONNXFORGE_KERNEL(Onnx, Cast, 6, 25) {
  const int64_t to = ctx.attr_int("to");
  CastOptions options;
  if (ctx.since_version() >= 19) options.saturate = ctx.attr_int("saturate", 1) != 0;
  if (ctx.since_version() >= 24) {
    ONNXFORGE_ASSIGN_OR_RETURN(options.rounding, ParseRoundMode(ctx.attr_string("round_mode", "up")));
  }
  ONNXFORGE_RETURN_IF_ERROR(ctx.recorded_error());
  if (to < std::numeric_limits<int32_t>::min() || to > std::numeric_limits<int32_t>::max()) {
    return KernelError("attribute 'to' is ", to, ", which is no element type");
  }
  return RunCast(ctx, static_cast<int32_t>(to), options);
}

}  // namespace onnxforge::reference
