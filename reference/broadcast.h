// Elementwise maps with numpy-style multidirectional broadcasting, and the
// index walker under them for kernels that need more than a map.
//
//   // Add: y = a + b for every broadcast position.
//   ONNXFORGE_ASSIGN_OR_RETURN(Tensor y,
//       BroadcastMap<T, T, T>(a, b, [](T x, T y) { return x + y; }));
//
// The result of `fn` is converted to the output type with static_cast.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "reference/tensor.h"

namespace onnxforge::reference {

using Shape = std::vector<int64_t>;

// The broadcast shape of `shapes`: aligned on the right, each dimension
// equal or 1. Error: "cannot broadcast shapes [2,3] and [4]".
absl::StatusOr<Shape> BroadcastShape(const std::vector<Shape>& shapes);

// For an output shape and input shapes that broadcast to it, walks every
// output position in row-major order and gives each input's flat offset.
class BroadcastWalker {
 public:
  // Broadcasts `input_shapes` together; errors as BroadcastShape.
  static absl::StatusOr<BroadcastWalker> Create(const std::vector<Shape>& input_shapes);
  // Walks `input_shapes` broadcast to `output_shape`, which must be a valid
  // broadcast target (as for Expand); an error otherwise.
  static absl::StatusOr<BroadcastWalker> CreateTo(const std::vector<Shape>& input_shapes,
                                                  const Shape& output_shape);

  const Shape& output_shape() const { return output_shape_; }
  int64_t output_size() const { return output_size_; }

  // Calls fn(output_offset, input_offsets) for every output position;
  // input_offsets[k] (a const int64_t*) is the offset into input k.
  template <typename Fn>
  void ForEach(Fn&& fn) const;

 private:
  Shape output_shape_;
  int64_t output_size_ = 0;
  // strides_[k][axis]: input k's stride along the output axis (0 where broadcast).
  std::vector<std::vector<int64_t>> strides_;
};

template <typename Fn>
void BroadcastWalker::ForEach(Fn&& fn) const {
  const size_t rank = output_shape_.size();
  const size_t inputs = strides_.size();
  std::vector<int64_t> index(rank, 0);
  std::vector<int64_t> offsets(inputs, 0);
  for (int64_t o = 0; o < output_size_; ++o) {
    fn(o, static_cast<const int64_t*>(offsets.data()));
    // Advance the multi-index like an odometer, updating each offset.
    for (size_t axis = rank; axis-- > 0;) {
      if (++index[axis] < output_shape_[axis]) {
        for (size_t k = 0; k < inputs; ++k) offsets[k] += strides_[k][axis];
        break;
      }
      for (size_t k = 0; k < inputs; ++k) offsets[k] -= strides_[k][axis] * (index[axis] - 1);
      index[axis] = 0;
    }
  }
}

// y[i] = fn(x[i]) with y of type Out.
template <typename Out, typename In, typename Fn>
Tensor UnaryMap(const Tensor& x, Fn fn) {
  auto in = x.data<In>();
  // An x not of type In (a kernel's mistake) gives zeros.
  if (in.size() != static_cast<size_t>(x.size())) return Tensor(kElementTypeOf<Out>, x.shape());
  Tensor y = Tensor::Uninitialized(kElementTypeOf<Out>, x.shape());
  auto out = y.mutable_data<Out>();
  for (size_t i = 0; i < in.size() && i < out.size(); ++i) out[i] = static_cast<Out>(fn(in[i]));
  return y;
}

// y = fn(a, b) broadcast; a holds A, b holds B, y holds Out.
template <typename Out, typename A, typename B, typename Fn>
absl::StatusOr<Tensor> BroadcastMap(const Tensor& a, const Tensor& b, Fn fn) {
  auto walker = BroadcastWalker::Create({a.shape(), b.shape()});
  if (!walker.ok()) return walker.status();
  // The walk below sets every element.
  Tensor y = Tensor::Uninitialized(kElementTypeOf<Out>, walker->output_shape());
  auto da = a.data<A>();
  auto db = b.data<B>();
  auto out = y.mutable_data<Out>();
  if (da.size() != static_cast<size_t>(a.size()) || db.size() != static_cast<size_t>(b.size()) ||
      out.size() != static_cast<size_t>(y.size())) {
    return absl::InternalError("BroadcastMap: tensor element types do not match the kernel's");
  }
  walker->ForEach([&](int64_t o, const int64_t* in) {
    out[o] = static_cast<Out>(fn(da[in[0]], db[in[1]]));
  });
  return y;
}

// y = fn(a, b, c) broadcast (as Where and Clip need).
template <typename Out, typename A, typename B, typename C, typename Fn>
absl::StatusOr<Tensor> BroadcastMap(const Tensor& a, const Tensor& b, const Tensor& c, Fn fn) {
  auto walker = BroadcastWalker::Create({a.shape(), b.shape(), c.shape()});
  if (!walker.ok()) return walker.status();
  // The walk below sets every element.
  Tensor y = Tensor::Uninitialized(kElementTypeOf<Out>, walker->output_shape());
  auto da = a.data<A>();
  auto db = b.data<B>();
  auto dc = c.data<C>();
  auto out = y.mutable_data<Out>();
  if (da.size() != static_cast<size_t>(a.size()) || db.size() != static_cast<size_t>(b.size()) ||
      dc.size() != static_cast<size_t>(c.size()) || out.size() != static_cast<size_t>(y.size())) {
    return absl::InternalError("BroadcastMap: tensor element types do not match the kernel's");
  }
  walker->ForEach([&](int64_t o, const int64_t* in) {
    out[o] = static_cast<Out>(fn(da[in[0]], db[in[1]], dc[in[2]]));
  });
  return y;
}

// Folds any number of same-typed tensors with broadcasting, as Sum, Max,
// Min and Mean do: y = fn(fn(x0, x1), x2)... An error for no inputs.
template <typename T, typename Fn>
absl::StatusOr<Tensor> BroadcastFold(const std::vector<const Tensor*>& inputs, Fn fn) {
  if (inputs.empty()) return absl::InvalidArgumentError("expected at least one input");
  std::vector<Shape> shapes;
  for (const Tensor* t : inputs) shapes.push_back(t->shape());
  auto walker = BroadcastWalker::Create(shapes);
  if (!walker.ok()) return walker.status();
  Tensor y = Tensor::Uninitialized(kElementTypeOf<T>, walker->output_shape());
  std::vector<absl::Span<const T>> data;
  for (const Tensor* t : inputs) {
    data.push_back(t->data<T>());
    if (data.back().size() != static_cast<size_t>(t->size())) {
      return absl::InternalError("BroadcastFold: tensor element types do not match the kernel's");
    }
  }
  auto out = y.mutable_data<T>();
  walker->ForEach([&](int64_t o, const int64_t* in) {
    T acc = data[0][in[0]];
    for (size_t k = 1; k < data.size(); ++k) acc = static_cast<T>(fn(acc, data[k][in[k]]));
    out[o] = acc;
  });
  return y;
}

}  // namespace onnxforge::reference
