#include "version_converter/adapters/softmax.h"

#include <numeric>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "ir/attribute_util.h"
#include "ir/tensor_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status ToSingleAxis(Step& step) {
  const int64_t axis = step.int_attribute("axis", 1);
  const std::string x = step.input(0);
  const std::optional<int64_t> rank = step.RankOf(x);
  const bool last = axis == -1 || (rank && (axis == *rank - 1 || axis + *rank == *rank - 1));
  if (last) {
    step.SetInt("axis", -1);
    return absl::OkStatus();
  }
  // softmax over [prod(dims before axis), rest], then back to X's shape:
  // a constant when every dim is known, else X's shape at run time.
  const std::string y = step.output(0);
  const std::string flat = step.NewName(absl::StrCat(x, "_2d"));
  const std::string flat_y = step.NewName(absl::StrCat(y, "_2d"));
  std::string shape;
  if (std::optional<std::vector<int64_t>> dims = step.DimsOf(x)) {
    shape = step.AddConstant(
        MakeTensor<int64_t>("", {static_cast<int64_t>(dims->size())}, *dims),
        absl::StrCat(x, "_shape"));
  } else {
    shape = step.NewName(absl::StrCat(x, "_shape"));
    step.Emit("Shape", {x}, {shape});
  }
  NodeProto& flatten = step.Emit("Flatten", {x}, {flat});
  *flatten.add_attribute() = IntAttr("axis", axis);
  step.SetInput(0, flat);
  step.node().set_output(0, flat_y);
  step.SetInt("axis", 1);
  step.EmitAfter("Reshape", {flat_y, shape}, {y});
  return absl::OkStatus();
}

absl::Status ToCoerced(Step& step) {
  const int64_t axis = step.int_attribute("axis", -1);
  if (axis == -1) {
    // The older default is 1: the last axis must be named.
    step.SetInt("axis", -1);
    return absl::OkStatus();
  }
  const std::string x = step.input(0);
  const std::optional<int64_t> rank = step.RankOf(x);
  if (!rank) {
    return Step::Refuse("attribute 'axis' is ", axis, " and the rank of input 0 ('", x,
                        "') is unknown; ", Step::Name(step.to()),
                        " normalizes over every dim from 'axis' on, so any axis but the last "
                        "needs the rank to be moved last");
  }
  const int64_t a = axis < 0 ? axis + *rank : axis;
  if (a == *rank - 1) {
    step.SetInt("axis", a);
    return absl::OkStatus();
  }
  // Swap `a` with the last dim around the node; the swap is its own inverse.
  std::vector<int64_t> perm(*rank);
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[a], perm[*rank - 1]);
  const AttributeProto perm_attr = IntsAttr("perm", perm);
  const std::string y = step.output(0);
  const std::string moved = step.NewName(absl::StrCat(x, "_moved"));
  const std::string moved_y = step.NewName(absl::StrCat(y, "_moved"));
  *step.Emit("Transpose", {x}, {moved}).add_attribute() = perm_attr;
  step.SetInput(0, moved);
  step.node().set_output(0, moved_y);
  step.SetInt("axis", *rank - 1);
  *step.EmitAfter("Transpose", {moved_y}, {y}).add_attribute() = perm_attr;
  return absl::OkStatus();
}

}  // namespace

Adapter CoercedToSingleAxis() {
  Adapter adapter;
  adapter.kind = "2-D coerced axis to single axis";
  adapter.attributes = {"axis"};
  adapter.apply = ToSingleAxis;
  return adapter;
}

Adapter SingleAxisToCoerced() {
  Adapter adapter;
  adapter.kind = "single axis to 2-D coerced axis";
  adapter.attributes = {"axis"};
  adapter.apply = ToCoerced;
  return adapter;
}

}  // namespace onnxforge::version_converter
