#include "reference/broadcast.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

std::string ShapesForMessage(const std::vector<Shape>& shapes) {
  std::vector<std::string> parts;
  for (const Shape& s : shapes) parts.push_back(ShapeString(s));
  if (parts.size() <= 1) return absl::StrJoin(parts, "");
  std::string last = parts.back();
  parts.pop_back();
  return absl::StrCat(absl::StrJoin(parts, ", "), " and ", last);
}

}  // namespace

absl::StatusOr<Shape> BroadcastShape(const std::vector<Shape>& shapes) {
  size_t rank = 0;
  for (const Shape& s : shapes) rank = std::max(rank, s.size());
  Shape out(rank, 1);
  for (const Shape& s : shapes) {
    const size_t pad = rank - s.size();
    for (size_t i = 0; i < s.size(); ++i) {
      const int64_t d = s[i];
      int64_t& o = out[pad + i];
      if (d < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("shape ", ShapeString(s), " has a negative dimension"));
      }
      if (d == o || d == 1) continue;
      if (o == 1) {
        o = d;
        continue;
      }
      return absl::InvalidArgumentError(
          absl::StrCat("cannot broadcast shapes ", ShapesForMessage(shapes)));
    }
  }
  return out;
}

absl::StatusOr<BroadcastWalker> BroadcastWalker::Create(const std::vector<Shape>& input_shapes) {
  absl::StatusOr<Shape> out = BroadcastShape(input_shapes);
  if (!out.ok()) return out.status();
  return CreateTo(input_shapes, *out);
}

absl::StatusOr<BroadcastWalker> BroadcastWalker::CreateTo(const std::vector<Shape>& input_shapes,
                                                          const Shape& output_shape) {
  BroadcastWalker w;
  w.output_shape_ = output_shape;
  absl::StatusOr<int64_t> size = ElementCount(output_shape);
  if (!size.ok()) return size.status();
  w.output_size_ = *size;
  const size_t rank = output_shape.size();
  for (const Shape& s : input_shapes) {
    if (s.size() > rank) {
      return absl::InvalidArgumentError(absl::StrCat("cannot broadcast shape ", ShapeString(s),
                                                     " to ", ShapeString(output_shape)));
    }
    std::vector<int64_t> strides(rank, 0);
    int64_t stride = 1;
    for (size_t i = s.size(); i-- > 0;) {
      const size_t axis = rank - s.size() + i;
      if (s[i] == output_shape[axis]) {
        strides[axis] = s[i] == 1 ? 0 : stride;
      } else if (s[i] != 1) {
        return absl::InvalidArgumentError(absl::StrCat("cannot broadcast shape ", ShapeString(s),
                                                       " to ", ShapeString(output_shape)));
      }
      stride *= s[i];
    }
    w.strides_.push_back(std::move(strides));
  }
  return w;
}

}  // namespace onnxforge::reference
