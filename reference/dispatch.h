// Calling a kernel's generic code for a tensor's element type.
//
//   return Dispatch<types::Float>(x.type(), [&](auto tag) -> absl::Status {
//     using T = ONNXFORGE_TYPE(tag);
//     ctx.set_output(0, UnaryMap<T, T>(x, [](T v) { return v < T(0) ? T(0) : v; }));
//     return absl::OkStatus();
//   });
//
// The lambda is instantiated for every type of the list; an element type
// outside the list is an error naming the type and the list.
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>

#include "absl/status/status.h"
#include "reference/tensor.h"

namespace onnxforge::reference {

template <typename... Ts>
struct TypeList {};

// Carries a type into a generic lambda; ONNXFORGE_TYPE(tag) gets it back.
template <typename T>
struct TypeTag {
  using type = T;
};
#define ONNXFORGE_TYPE(tag) typename decltype(tag)::type

template <typename... Lists>
struct ConcatTypeLists;
template <typename... As>
struct ConcatTypeLists<TypeList<As...>> {
  using type = TypeList<As...>;
};
template <typename... As, typename... Bs, typename... Rest>
struct ConcatTypeLists<TypeList<As...>, TypeList<Bs...>, Rest...> {
  using type = typename ConcatTypeLists<TypeList<As..., Bs...>, Rest...>::type;
};
template <typename... Lists>
using Concat = typename ConcatTypeLists<Lists...>::type;

// Type lists named as the schemas' constraints name them.
namespace types {
using Float = TypeList<float, double, Float16, BFloat16>;
using Float8 = TypeList<Float8E4M3FN, Float8E4M3FNUZ, Float8E5M2, Float8E5M2FNUZ>;
using SignedInt = TypeList<int8_t, int16_t, int32_t, int64_t>;
using UnsignedInt = TypeList<uint8_t, uint16_t, uint32_t, uint64_t>;
using Int = Concat<SignedInt, UnsignedInt>;
using SmallInt = TypeList<Int4, UInt4, Int2, UInt2>;
using Complex = TypeList<std::complex<float>, std::complex<double>>;
// Every integer and float type of numeric ops: float, double, float16,
// bfloat16, int8..int64, uint8..uint64.
using Numeric = Concat<Float, Int>;
using SignedNumeric = Concat<Float, SignedInt>;
using Bool = TypeList<bool>;
using String = TypeList<std::string>;
// Every element type a tensor may have.
using All = Concat<Numeric, Bool, String, Complex, Float8, SmallInt,
                   TypeList<Float4E2M1, Float8E8M0>>;
}  // namespace types

namespace internal {
template <typename List>
struct FirstType;
template <typename T, typename... Ts>
struct FirstType<TypeList<T, Ts...>> {
  using type = T;
};

// "float, double, float16" for the types of a list.
template <typename... Ts>
std::string TypeListString(TypeList<Ts...>) {
  std::string out;
  ((out += (out.empty() ? "" : ", ") + ElementTypeString(kElementTypeOf<Ts>)), ...);
  return out;
}

absl::Status UnsupportedTypeError(int32_t type, const std::string& supported);

template <typename R, typename Fn, typename... Ts>
R DispatchOver(int32_t type, Fn& fn, TypeList<Ts...> list) {
  R result = UnsupportedTypeError(type, TypeListString(list));
  ((type == kElementTypeOf<Ts> ? (void)(result = fn(TypeTag<Ts>{})) : (void)0), ...);
  return result;
}
}  // namespace internal

// Calls fn(TypeTag<T>{}) for the T of `type` in `List`. fn returns
// absl::Status or absl::StatusOr<X>; an unlisted type returns an error
// "unsupported element type 'int32'; this kernel handles float, double, ...".
template <typename List, typename Fn>
auto Dispatch(int32_t type, Fn&& fn) {
  using R = decltype(fn(TypeTag<typename internal::FirstType<List>::type>{}));
  return internal::DispatchOver<R>(type, fn, List{});
}

// True when `type` is one of List's element types.
template <typename... Ts>
bool IsOneOf(int32_t type, TypeList<Ts...>) {
  return ((type == kElementTypeOf<Ts>) || ...);
}

}  // namespace onnxforge::reference
