#include "version_converter/adapters/reshape.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status WithoutAllowZero(Step& step) {
  const int64_t allowzero = step.int_attribute("allowzero", 0);
  step.RemoveAttribute("allowzero");
  if (allowzero == 0) return absl::OkStatus();
  std::optional<std::vector<int64_t>> shape = step.ConstantInts(1);
  if (!shape) {
    return Step::Refuse("attribute 'allowzero' is 1 and input 1 ('", step.input(1),
                        "') is computed at run time; ", Step::Name(step.to()),
                        " reads a 0 in 'shape' as 'keep this dim', so the shape must be a "
                        "constant without zeros");
  }
  if (std::find(shape->begin(), shape->end(), 0) != shape->end()) {
    return Step::Refuse("attribute 'allowzero' is 1 and input 1 ('", step.input(1),
                        "') holds a 0, which ", Step::Name(step.to()),
                        " would read as 'keep this dim'");
  }
  return absl::OkStatus();
}

absl::Status RangeToSlice(Step& step) {
  const int64_t start = step.int_attribute("start", 0);
  const AttributeProto* end_attr = step.attribute("end");
  const std::optional<int64_t> end =
      end_attr == nullptr ? std::nullopt : std::optional<int64_t>(end_attr->i());
  step.RemoveAttribute("start");
  step.RemoveAttribute("end");
  if (start == 0 && !end) return absl::OkStatus();
  const std::string y = step.output(0);
  const std::string whole = step.NewName(absl::StrCat(y, "_whole"));
  step.node().set_output(0, whole);
  const std::string base = absl::StrCat(y, "_");
  const std::string starts = step.AddConstant(MakeTensor<int64_t>("", {1}, {start}),
                                              base + "starts");
  const std::string ends = step.AddConstant(
      MakeTensor<int64_t>("", {1}, {end.value_or(std::numeric_limits<int64_t>::max())}),
      base + "ends");
  step.EmitAfter("Slice", {whole, starts, ends}, {y});
  return absl::OkStatus();
}

}  // namespace

Adapter DropAllowZero() {
  Adapter adapter;
  adapter.kind = "drop allowzero when the shape has no zeros";
  adapter.attributes = {"allowzero"};
  adapter.apply = WithoutAllowZero;
  return adapter;
}

Adapter ShapeRangeToSlice() {
  Adapter adapter;
  adapter.kind = "start and end to a Slice of the shape";
  adapter.attributes = {"start", "end"};
  adapter.apply = RangeToSlice;
  return adapter;
}

}  // namespace onnxforge::version_converter
