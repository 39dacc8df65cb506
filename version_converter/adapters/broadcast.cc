#include "version_converter/adapters/broadcast.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/attribute_util.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

using Dim = TensorShapeProto::Dimension;

bool SameDim(const Dim& a, const Dim& b) {
  if (a.has_dim_value() && b.has_dim_value()) return a.dim_value() == b.dim_value();
  return a.has_dim_param() && b.has_dim_param() && !a.dim_param().empty() &&
         a.dim_param() == b.dim_param();
}

bool SameShape(const TensorShapeProto& a, const TensorShapeProto& b) {
  if (a.dim_size() != b.dim_size()) return false;
  for (int i = 0; i < a.dim_size(); ++i) {
    if (!SameDim(a.dim(i), b.dim(i))) return false;
  }
  return true;
}

// Whether the legacy broadcast of `small` to `big` is exact: small holds
// one element, or its dims equal big's last dims (a dim of 1 against a
// larger one is numpy's broadcast, not the legacy one).
bool Fits(const TensorShapeProto& small, const TensorShapeProto& big) {
  if (small.dim_size() > big.dim_size()) return false;
  bool one_element = true;
  for (const Dim& d : small.dim()) one_element = one_element && d.has_dim_value() && d.dim_value() == 1;
  if (one_element) return true;
  const int offset = big.dim_size() - small.dim_size();
  for (int i = 0; i < small.dim_size(); ++i) {
    if (!SameDim(small.dim(i), big.dim(offset + i))) return false;
  }
  return true;
}

// Numpy lines B up with A's last dims; B's leading and trailing 1s only
// stretch. Without them (a Squeeze), the rest of B must equal A's dims at
// its place, which the legacy form says with `axis`. Fills the Squeeze's
// axes and the legacy axis; false when the rest does not equal A's dims.
bool FitsWithoutOuterOnes(const TensorShapeProto& b, const TensorShapeProto& a,
                          std::vector<int64_t>* squeeze, int64_t* axis) {
  const int rank_b = b.dim_size();
  const int rank_a = a.dim_size();
  if (rank_b > rank_a) return false;
  auto is_one = [&](int i) { return b.dim(i).has_dim_value() && b.dim(i).dim_value() == 1; };
  int lead = 0, trail = 0;
  while (lead < rank_b && is_one(lead)) ++lead;
  while (trail < rank_b - lead && is_one(rank_b - 1 - trail)) ++trail;
  if (lead + trail == 0 || lead == rank_b) return false;
  const int offset = rank_a - rank_b;
  for (int i = lead; i < rank_b - trail; ++i) {
    if (!SameDim(b.dim(i), a.dim(offset + i))) return false;
  }
  squeeze->clear();
  for (int i = 0; i < lead; ++i) squeeze->push_back(i);
  for (int i = rank_b - trail; i < rank_b; ++i) squeeze->push_back(i);
  *axis = offset + lead;
  return true;
}

std::string ShapeText(const TensorShapeProto& shape) {
  std::vector<std::string> dims;
  for (const Dim& d : shape.dim()) {
    dims.push_back(d.has_dim_value() ? absl::StrCat(d.dim_value())
                                     : d.dim_param().empty() ? "?" : d.dim_param());
  }
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

bool Commutative(const std::string& op) {
  return op == "Add" || op == "Mul" || op == "And" || op == "Or" || op == "Equal" ||
         op == "Xor" || op == "Max" || op == "Min" || op == "Sum" || op == "Mean";
}

absl::Status ToNumpy(Step& step) {
  const int64_t broadcast = step.int_attribute("broadcast", 0);
  const bool has_axis = step.has_attribute("axis");
  const int64_t axis = step.int_attribute("axis", 0);
  step.RemoveAttribute("broadcast");
  step.RemoveAttribute("axis");
  if (broadcast == 0 || !has_axis) return absl::OkStatus();
  const std::string a = step.input(0);
  const std::string b = step.input(1);
  const std::optional<int64_t> rank_a = step.RankOf(a);
  const std::optional<int64_t> rank_b = step.RankOf(b);
  if (rank_b && *rank_b == 0) return absl::OkStatus();
  if (!rank_a || !rank_b) {
    return Step::Refuse("attribute 'axis' is ", axis, " and the rank of ",
                        rank_a ? absl::StrCat("input 1 ('", b, "')")
                               : absl::StrCat("input 0 ('", a, "')"),
                        " is unknown; ", Step::Name(step.to()),
                        " lines B up with A's last dims, so B needs reshaping that depends on "
                        "both ranks");
  }
  const int64_t start = axis < 0 ? axis + *rank_a : axis;
  const int64_t trailing = *rank_a - start - *rank_b;
  if (start < 0 || trailing < 0) {
    return Step::Refuse("attribute 'axis' is ", axis, ", where B of rank ", *rank_b,
                        " does not fit A of rank ", *rank_a);
  }
  if (trailing == 0) return absl::OkStatus();
  std::vector<int64_t> axes;
  for (int64_t i = 0; i < trailing; ++i) axes.push_back(*rank_b + i);
  const std::string aligned = step.NewName(absl::StrCat(b, "_aligned"));
  NodeProto& unsqueeze = step.Emit("Unsqueeze", {b}, {aligned});
  *unsqueeze.add_attribute() = IntsAttr("axes", axes);
  step.SetInput(1, aligned);
  return absl::OkStatus();
}

absl::Status ToLegacy(Step& step) {
  const std::string a = step.input(0);
  const std::string b = step.input(1);
  const TensorShapeProto* shape_a = step.ShapeOf(a);
  const TensorShapeProto* shape_b = step.ShapeOf(b);
  if (shape_a == nullptr || shape_b == nullptr) {
    return Step::Refuse("the shape of ",
                        shape_a == nullptr ? absl::StrCat("input 0 ('", a, "')")
                                           : absl::StrCat("input 1 ('", b, "')"),
                        " is unknown; ", Step::Name(step.to()),
                        " broadcasts only its second input, so the shapes must show that it "
                        "fits the first");
  }
  if (SameShape(*shape_a, *shape_b)) return absl::OkStatus();
  if (Fits(*shape_b, *shape_a)) {
    step.SetInt("broadcast", 1);
    return absl::OkStatus();
  }
  const bool commutative = Commutative(step.node().op_type());
  if (commutative && Fits(*shape_a, *shape_b)) {
    step.SetInput(0, b);
    step.SetInput(1, a);
    step.SetInt("broadcast", 1);
    return absl::OkStatus();
  }
  std::vector<int64_t> squeeze;
  int64_t axis = 0;
  for (const bool swap : {false, true}) {
    if (swap && !commutative) break;
    const std::string& big = swap ? b : a;
    const std::string& small = swap ? a : b;
    if (!FitsWithoutOuterOnes(swap ? *shape_a : *shape_b, swap ? *shape_b : *shape_a, &squeeze,
                              &axis)) {
      continue;
    }
    const std::string squeezed = step.NewName(absl::StrCat(small, "_squeezed"));
    NodeProto& node = step.Emit("Squeeze", {small}, {squeezed});
    *node.add_attribute() = IntsAttr("axes", squeeze);
    step.SetInput(0, big);
    step.SetInput(1, squeezed);
    step.SetInt("broadcast", 1);
    step.SetInt("axis", axis);
    return absl::OkStatus();
  }
  return Step::Refuse("input 0 ('", a, "') ", ShapeText(*shape_a), " and input 1 ('", b, "') ",
                      ShapeText(*shape_b), " do not show that the second fits the first; ",
                      Step::Name(step.to()), " broadcasts only its second input");
}

}  // namespace

Adapter LegacyToNumpyBroadcast() {
  Adapter adapter;
  adapter.kind = "legacy broadcast to numpy broadcast";
  adapter.attributes = {"broadcast", "axis"};
  adapter.apply = ToNumpy;
  return adapter;
}

Adapter NumpyToLegacyBroadcast() {
  Adapter adapter;
  adapter.kind = "numpy broadcast to legacy broadcast";
  adapter.attributes = {"broadcast", "axis"};
  adapter.apply = ToLegacy;
  return adapter;
}

}  // namespace onnxforge::version_converter
