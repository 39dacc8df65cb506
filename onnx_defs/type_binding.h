// Matching a node's value types against its schema's formal parameters and
// type constraints. The checker and shape inference share it: both reject a
// node whose known input types do not fit the schema, and inference uses the
// bound type parameters to fill in output types the schema fixes.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

// The canonical form of a schema type string: "map(int64, float)" reads as
// "map(int64,tensor(float))". Unparsable strings come back unchanged.
std::string CanonicalTypeString(std::string_view type_str);

// True when `type` names every element type it contains, so that its type
// string can be compared with a schema's.
bool IsCompleteType(const TypeProto& type);

// The formal parameter that covers the value at `index`: the last one when
// it is variadic and index runs past it; nullptr when there is none.
const FormalParameter* FormalAt(const std::vector<FormalParameter>& formals, size_t index);

// Binds type parameters to the types of a node's values one at a time.
class TypeBinding {
 public:
  explicit TypeBinding(const OpSchema& schema) : schema_(schema) {}

  // Checks the type of input (or output) `index`, named `value_name`, against
  // its formal parameter and records what it binds. Incomplete types are
  // accepted without binding. Errors read like
  //   input 1 ('B') has type tensor(int64), but T is tensor(float) from input 0 ('A')
  absl::Status Bind(bool is_input, size_t index, std::string_view value_name,
                    const TypeProto& type);

  // The type string bound to `param`, or nullptr.
  const std::string* Bound(std::string_view param) const;

  // The type an output's formal parameter fixes: a concrete type string, a
  // parameter bound by an input, or a parameter allowing a single type.
  // Empty when the output's type is not fixed by the schema.
  std::string FixedOutputType(size_t index) const;

 private:
  struct Binding {
    std::string type;
    std::string source;  // "input 0 ('A')"
  };
  const OpSchema& schema_;
  std::map<std::string, Binding, std::less<>> bound_;
};

}  // namespace onnxforge
