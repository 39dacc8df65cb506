// Comparing a computed value with an expected one, as the example tests and
// the conformance suite do: integers, bool and strings exactly, floating
// types within a tolerance, NaN equal to NaN. A mismatch is described for a
// person: where the values first differ, what was expected and what came.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reference/value.h"

namespace onnxforge::testing {

// Two floating values match when |got - expected| <= atol + rtol * |expected|
// (computed in double), or when they are at most `max_steps` representable
// values apart in their own format. Infinities match only themselves.
struct Tolerance {
  double rtol = 0;
  double atol = 0;
  int max_steps = 0;
};

// A tolerance per floating type. Complex parts use float32's or float64's.
struct Tolerances {
  Tolerance float32;
  Tolerance float64;
  Tolerance float16;
  Tolerance bfloat16;
  // The 8-bit and 4-bit float formats.
  Tolerance float8;

  // For hand-checked example outputs.
  static Tolerances ForExamples();
  // For ONNX's backend test data, as ONNX's own runner compares it.
  static Tolerances ForConformance();

  // The tolerance of a floating element type; nullptr for exact types.
  const Tolerance* For(int32_t elem_type) const;
  // One line per floating type: "float32: rtol 1e-05, atol 1e-06".
  std::vector<std::string> Describe() const;
};

// "" when `got` matches `expected`; otherwise what differs, starting with
// the path to the first difference in nested values ("[2]", "{\"a\"}").
std::string CompareValues(const reference::Value& expected, const reference::Value& got,
                          const Tolerances& tolerances);

// Elements of a tensor in the textual syntax's literal form, at most
// `limit` of them from `first` on: "{1.5, nan, -2.0, ...}".
std::string TensorValuesText(const reference::Tensor& tensor, int64_t first = 0,
                             int64_t limit = 32);

// A value in the example files' literal form: a tensor as "float[2] {1.0, 2.0}",
// a sequence as "[...]", a map as "{key: value, ...}", an empty optional as
// "none". Long tensors are cut after `limit` elements.
std::string ValueText(const reference::Value& value, int64_t limit = 32);

}  // namespace onnxforge::testing
