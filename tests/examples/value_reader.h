// Reading the values an example file gives its model: one declaration per
// value, `type name = value`, in the textual syntax's words.
//
//   float[2, 2] X = {1.0, 2.0, 3.0, 4.0}
//   float16[2] H = {0.5, -1.25}          # narrow floats as decimals, rounded
//   bool[3] B = {1, 0, true}
//   seq(float[]) S = [float[2] {1, 2}, float[1] {3}]
//   seq(float[2]) P = [{1, 2}, {3, 4}]   # element dims from the type
//   map(string, float) M = {"a": float {0.5}, "b": float {1.5}}
//   optional(int64[1]) O = none
//
// A tensor is `{values}` when the type in force (the declaration's, or a
// sequence's, map's or optional's element type) has numeric dims or none
// (`float` and `float[]` hold a scalar), and otherwise a literal with its
// own type, `float[2] {1, 2}`. float16,
// bfloat16 and the float8/float4 formats take decimal values (also nan and
// inf), rounded to nearest even into the format; int4, uint4, int2 and
// uint2 take integers in their range; bool takes 0, 1, true and false.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "reference/value.h"

namespace onnxforge::examples {

struct NamedValue {
  std::string name;
  TypeProto declared_type;
  reference::Value value;
  int line = 0;
  int column = 0;
};

// Reads the declarations in `text`, whose line L and column C are the file's
// (the caller pads a section with the lines before it). Errors read
// "line L, column C: ...", as the syntax library's do.
absl::StatusOr<std::vector<NamedValue>> ReadValueDeclarations(std::string_view text);

}  // namespace onnxforge::examples
