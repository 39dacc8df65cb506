#include "tests/examples/value_compare.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <map>
#include <set>
#include <type_traits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "ir/syntax/names.h"
#include "ir/syntax/numbers.h"
#include "reference/dispatch.h"

namespace onnxforge::testing {
namespace {

using reference::BFloat16;
using reference::Float16;
using reference::Float4E2M1;
using reference::Float8E4M3FN;
using reference::Float8E4M3FNUZ;
using reference::Float8E5M2;
using reference::Float8E5M2FNUZ;
using reference::Float8E8M0;
using reference::Tensor;
using reference::Value;

template <typename T, typename... Us>
inline constexpr bool kIsAnyOf = (std::is_same_v<T, Us> || ...);

template <typename T>
inline constexpr bool kIsNarrowFloat =
    kIsAnyOf<T, Float16, BFloat16, Float8E4M3FN, Float8E4M3FNUZ, Float8E5M2, Float8E5M2FNUZ,
             Float4E2M1, Float8E8M0>;
template <typename T>
inline constexpr bool kIsFloat = kIsAnyOf<T, float, double> || kIsNarrowFloat<T>;
template <typename T>
inline constexpr bool kIsComplex = kIsAnyOf<T, std::complex<float>, std::complex<double>>;

// The position of a narrow float among its format's values, in numeric
// order: neighbouring values are one apart. The formats keep the sign in
// the top bit and the magnitude in the rest (E8M0 has no sign).
template <typename T>
int64_t Step(T v) {
  int64_t sign_bit = 0;
  if constexpr (kIsAnyOf<T, Float16, BFloat16>) {
    sign_bit = 0x8000;
  } else if constexpr (std::is_same_v<T, Float4E2M1>) {
    sign_bit = 0x8;
  } else if constexpr (std::is_same_v<T, Float8E8M0>) {
    return v.bits;
  } else {
    sign_bit = 0x80;
  }
  const int64_t bits = v.bits;
  const int64_t magnitude = bits & (sign_bit - 1);
  return (bits & sign_bit) != 0 ? -magnitude : magnitude;
}

template <typename T>
double AsDouble(T v) {
  if constexpr (kIsNarrowFloat<T>) {
    return static_cast<double>(static_cast<float>(v));
  } else {
    return static_cast<double>(v);
  }
}

// The allowed difference of a float pair, for messages.
double Allowed(double expected, const Tolerance& tolerance) {
  return tolerance.atol + tolerance.rtol * std::fabs(expected);
}

bool RealsMatch(double expected, double got, const Tolerance& tolerance) {
  if (std::isnan(expected) || std::isnan(got)) return std::isnan(expected) && std::isnan(got);
  if (std::isinf(expected) || std::isinf(got)) return expected == got;
  return std::fabs(got - expected) <= Allowed(expected, tolerance);
}

template <typename T>
bool ElementsMatch(const T& expected, const T& got, const Tolerance* tolerance) {
  if constexpr (kIsFloat<T>) {
    const double e = AsDouble(expected);
    const double g = AsDouble(got);
    if (RealsMatch(e, g, *tolerance)) return true;
    if constexpr (kIsNarrowFloat<T>) {
      if (!std::isfinite(e) || !std::isfinite(g)) return false;
      return std::llabs(Step(expected) - Step(got)) <= tolerance->max_steps;
    }
    return false;
  } else if constexpr (kIsComplex<T>) {
    return RealsMatch(expected.real(), got.real(), *tolerance) &&
           RealsMatch(expected.imag(), got.imag(), *tolerance);
  } else if constexpr (kIsAnyOf<T, reference::Int4, reference::UInt4, reference::Int2,
                                reference::UInt2>) {
    return expected.value == got.value;
  } else {
    return expected == got;
  }
}

template <typename T>
std::string ElementText(const T& v) {
  if constexpr (std::is_same_v<T, float>) {
    return syntax::FormatFloat(v);
  } else if constexpr (std::is_same_v<T, double>) {
    return syntax::FormatDouble(v);
  } else if constexpr (kIsNarrowFloat<T>) {
    return syntax::FormatFloat(static_cast<float>(v));
  } else if constexpr (kIsComplex<T>) {
    return absl::StrCat("(", ElementText(v.real()), ", ", ElementText(v.imag()), ")");
  } else if constexpr (std::is_same_v<T, std::string>) {
    return syntax::Quote(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return v ? "1" : "0";
  } else if constexpr (std::is_integral_v<T>) {
    return absl::StrCat(v);
  } else {
    return absl::StrCat(static_cast<int>(v));  // Int4, UInt4, Int2, UInt2
  }
}

std::string IndexText(const std::vector<int64_t>& shape, int64_t flat) {
  std::vector<int64_t> index(shape.size());
  for (int64_t axis = static_cast<int64_t>(shape.size()) - 1; axis >= 0; --axis) {
    if (shape[axis] > 0) {
      index[axis] = flat % shape[axis];
      flat /= shape[axis];
    }
  }
  return absl::StrCat("[", absl::StrJoin(index, ", "), "]");
}

template <typename T>
std::string CompareElements(const Tensor& expected, const Tensor& got, const Tolerance* tolerance) {
  const auto e = expected.data<T>();
  const auto g = got.data<T>();
  int64_t first = -1;
  int64_t count = 0;
  for (int64_t i = 0; i < expected.size(); ++i) {
    if (!ElementsMatch(e[i], g[i], tolerance)) {
      if (first < 0) first = i;
      ++count;
    }
  }
  if (count == 0) return "";
  std::string where = expected.rank() == 0
                          ? "the scalar differs"
                          : absl::StrCat(count, " of ", expected.size(),
                                         " elements differ; the first at index ",
                                         IndexText(expected.shape(), first));
  std::string message = absl::StrCat(expected.DebugString(), ": ", where, ": expected ",
                                     ElementText(e[first]), ", got ", ElementText(g[first]));
  if constexpr (kIsFloat<T>) {
    const double ed = AsDouble(e[first]);
    const double gd = AsDouble(g[first]);
    if (std::isfinite(ed) && std::isfinite(gd)) {
      absl::StrAppend(&message, absl::StrFormat(" (difference %g, allowed %g)", std::fabs(gd - ed),
                                                Allowed(ed, *tolerance)));
    }
  }
  if (expected.size() > 1) {
    // Show the elements around the first difference.
    const int64_t from = std::max<int64_t>(0, first - 4);
    absl::StrAppend(&message, "\n  expected ", TensorValuesText(expected, from, 16),
                    "\n  got      ", TensorValuesText(got, from, 16));
    if (from > 0) absl::StrAppend(&message, "\n  (from flat index ", from, ")");
  }
  return message;
}

std::string CompareTensors(const Tensor& expected, const Tensor& got,
                           const Tolerances& tolerances) {
  if (expected.type() != got.type() || expected.shape() != got.shape()) {
    return absl::StrCat("expected ", expected.DebugString(), ", got ", got.DebugString());
  }
  const Tolerance* tolerance = tolerances.For(expected.type());
  absl::StatusOr<std::string> result =
      reference::Dispatch<reference::types::All>(
          expected.type(), [&](auto tag) -> absl::StatusOr<std::string> {
            using T = ONNXFORGE_TYPE(tag);
            return CompareElements<T>(expected, got, tolerance);
          });
  return result.ok() ? *result : std::string(result.status().message());
}

std::string KeyText(const reference::MapValue& map, size_t i) {
  return map.key_type == TensorProto::STRING ? syntax::Quote(map.string_keys[i])
                                             : absl::StrCat(map.int_keys[i]);
}

std::string Prefixed(const std::string& path, const std::string& message) {
  return message.empty() ? message : absl::StrCat(path, ": ", message);
}

std::string CompareMaps(const reference::MapValue& expected, const reference::MapValue& got,
                        const Tolerances& tolerances) {
  if (expected.key_type != got.key_type) {
    return absl::StrCat("expected keys of type ", reference::ElementTypeString(expected.key_type),
                        ", got ", reference::ElementTypeString(got.key_type));
  }
  std::map<std::string, size_t> got_keys;
  for (size_t i = 0; i < got.values.size(); ++i) got_keys[KeyText(got, i)] = i;
  std::set<std::string> expected_keys;
  for (size_t i = 0; i < expected.values.size(); ++i) {
    const std::string key = KeyText(expected, i);
    expected_keys.insert(key);
    auto it = got_keys.find(key);
    if (it == got_keys.end()) return absl::StrCat("key ", key, " is missing");
    std::string diff = CompareValues(expected.values[i], got.values[it->second], tolerances);
    if (!diff.empty()) return Prefixed(absl::StrCat("{", key, "}"), diff);
  }
  for (const auto& [key, index] : got_keys) {
    if (expected_keys.count(key) == 0) return absl::StrCat("unexpected key ", key);
  }
  return "";
}

std::string KindText(const Value& v) { return v.is_none() ? "no value" : ValueText(v, 8); }

}  // namespace

Tolerances Tolerances::ForExamples() {
  Tolerances t;
  t.float32 = {1e-5, 1e-6, 0};
  t.float64 = {1e-10, 1e-12, 0};
  t.float16 = {1e-3, 1e-5, 1};
  t.bfloat16 = {8e-3, 1e-5, 1};
  t.float8 = {0, 0, 1};
  return t;
}

Tolerances Tolerances::ForConformance() {
  // ONNX's backend runner compares with rtol 1e-3 and atol 1e-7 whatever
  // the type; the narrow formats may also be one step apart, as a result
  // computed in float and rounded once can land next to one computed in
  // double.
  Tolerances t;
  t.float32 = {1e-3, 1e-7, 0};
  t.float64 = {1e-3, 1e-7, 0};
  t.float16 = {1e-3, 1e-7, 1};
  t.bfloat16 = {1e-3, 1e-7, 1};
  t.float8 = {1e-3, 1e-7, 1};
  return t;
}

const Tolerance* Tolerances::For(int32_t elem_type) const {
  switch (elem_type) {
    case TensorProto::FLOAT:
    case TensorProto::COMPLEX64:
      return &float32;
    case TensorProto::DOUBLE:
    case TensorProto::COMPLEX128:
      return &float64;
    case TensorProto::FLOAT16:
      return &float16;
    case TensorProto::BFLOAT16:
      return &bfloat16;
    case TensorProto::FLOAT8E4M3FN:
    case TensorProto::FLOAT8E4M3FNUZ:
    case TensorProto::FLOAT8E5M2:
    case TensorProto::FLOAT8E5M2FNUZ:
    case TensorProto::FLOAT8E8M0:
    case TensorProto::FLOAT4E2M1:
      return &float8;
    default:
      return nullptr;
  }
}

std::vector<std::string> Tolerances::Describe() const {
  auto line = [](const std::string& name, const Tolerance& t) {
    std::string text = absl::StrFormat("%s: rtol %g, atol %g", name, t.rtol, t.atol);
    if (t.max_steps > 0) {
      absl::StrAppend(&text, ", or at most ", t.max_steps, " representable value",
                      t.max_steps == 1 ? "" : "s", " apart");
    }
    return text;
  };
  return {line("float (and complex64)", float32), line("double (and complex128)", float64),
          line("float16", float16), line("bfloat16", bfloat16),
          line("float8 and float4 formats", float8)};
}

std::string CompareValues(const Value& expected, const Value& got, const Tolerances& tolerances) {
  if (expected.kind() != got.kind()) {
    return absl::StrCat("expected ", KindText(expected), ", got ", KindText(got));
  }
  switch (expected.kind()) {
    case Value::Kind::kNone:
      return "";
    case Value::Kind::kTensor:
      return CompareTensors(expected.tensor(), got.tensor(), tolerances);
    case Value::Kind::kSequence: {
      const auto& e = expected.elements();
      const auto& g = got.elements();
      if (e.size() != g.size()) {
        return absl::StrCat("expected a sequence of ", e.size(), " values, got ", g.size());
      }
      for (size_t i = 0; i < e.size(); ++i) {
        std::string diff = CompareValues(e[i], g[i], tolerances);
        if (!diff.empty()) return Prefixed(absl::StrCat("[", i, "]"), diff);
      }
      return "";
    }
    case Value::Kind::kMap:
      return CompareMaps(expected.map(), got.map(), tolerances);
    case Value::Kind::kOptional:
      if (expected.has_value() != got.has_value()) {
        return absl::StrCat("expected ", ValueText(expected, 8), ", got ", ValueText(got, 8));
      }
      if (!expected.has_value()) return "";
      return Prefixed("optional", CompareValues(expected.optional_value(), got.optional_value(),
                                                tolerances));
  }
  return "";
}

std::string TensorValuesText(const Tensor& tensor, int64_t first, int64_t limit) {
  absl::StatusOr<std::string> text = reference::Dispatch<reference::types::All>(
      tensor.type(), [&](auto tag) -> absl::StatusOr<std::string> {
        using T = ONNXFORGE_TYPE(tag);
        const auto data = tensor.data<T>();
        const int64_t end = std::min<int64_t>(tensor.size(), first + limit);
        std::vector<std::string> parts;
        if (first > 0) parts.push_back("...");
        for (int64_t i = first; i < end; ++i) parts.push_back(ElementText(data[i]));
        if (end < tensor.size()) parts.push_back("...");
        return absl::StrCat("{", absl::StrJoin(parts, ", "), "}");
      });
  return text.ok() ? *text : "{?}";
}

std::string ValueText(const Value& value, int64_t limit) {
  switch (value.kind()) {
    case Value::Kind::kNone:
      return "none";
    case Value::Kind::kTensor:
      return absl::StrCat(value.tensor().DebugString(), " ",
                          TensorValuesText(value.tensor(), 0, limit));
    case Value::Kind::kSequence:
      return absl::StrCat("[",
                          absl::StrJoin(value.elements(), ", ",
                                        [&](std::string* out, const Value& v) {
                                          out->append(ValueText(v, limit));
                                        }),
                          "]");
    case Value::Kind::kMap: {
      const reference::MapValue& map = value.map();
      std::vector<std::string> entries;
      for (size_t i = 0; i < map.values.size(); ++i) {
        entries.push_back(absl::StrCat(KeyText(map, i), ": ", ValueText(map.values[i], limit)));
      }
      return absl::StrCat("{", absl::StrJoin(entries, ", "), "}");
    }
    case Value::Kind::kOptional:
      return value.has_value() ? ValueText(value.optional_value(), limit) : "none";
  }
  return "?";
}

}  // namespace onnxforge::testing
