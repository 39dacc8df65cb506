#include "version_converter/adapters/gemm.h"

#include "absl/strings/str_cat.h"
#include "version_converter/step.h"
#include "version_converter/tensors.h"

namespace onnxforge::version_converter {

Adapter GemmZeroBias() {
  Adapter adapter;
  adapter.kind = "add a zero C when C is omitted";
  adapter.apply = [](Step& step) -> absl::Status {
    if (step.has_input(2)) return absl::OkStatus();
    const int32_t elem = step.ElemTypeOf(step.input(0));
    if (elem == 0) {
      return Step::Refuse("input 2 (C) is omitted, and ", Step::Name(step.to()),
                          " needs one; a zero C needs the element type of input 0 ('",
                          step.input(0), "'), which is unknown");
    }
    absl::StatusOr<TensorProto> zero = MakeNumericTensor(elem, {}, {0.0});
    if (!zero.ok()) return Step::Refuse(zero.status().message());
    step.SetInput(2, step.AddConstant(*std::move(zero), absl::StrCat(step.output(0), "_C")));
    return absl::OkStatus();
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
