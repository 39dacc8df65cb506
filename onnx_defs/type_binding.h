// Matching a node's value types against its schema's formal parameters and
// type constraints. The checker and shape inference share it: both reject a
// node whose known input types do not fit the schema, and inference uses the
// bound type parameters to fill in output types the schema fixes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
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

// What binding needs from one schema, worked out once so that checking a
// node costs no type-string parsing: the constraint each formal parameter
// names and the types each constraint allows. Tensor types, by far the most
// common, are looked up by element type in a bit mask.
class SchemaTypeRules {
 public:
  explicit SchemaTypeRules(const OpSchema& schema);

  struct Constraint {
    uint64_t tensor_elems = 0;               // bit e: "tensor(e)" is allowed
    absl::flat_hash_set<std::string> other;  // every other allowed type, canonical
    bool Allows(const TypeProto& type) const;
  };
  struct Formal {
    const FormalParameter* param = nullptr;
    int constraint = -1;  // index into constraints(); -1 when it names no constraint
    // A concrete type, canonical; unset when the parameter names neither a
    // constraint nor a parsable type (it then says nothing).
    std::optional<std::string> concrete;
    bool binds = false;  // false for a heterogeneous variadic
    // The output type the parameter fixes whatever the inputs: its concrete
    // type, or the single type its constraint allows.
    std::optional<TypeProto> fixed_type;
  };

  const OpSchema& schema() const { return schema_; }
  // The rules of the formal parameter FormalAt() picks, or nullptr.
  const Formal* InputAt(size_t index) const { return At(schema_.inputs(), inputs_, index); }
  const Formal* OutputAt(size_t index) const { return At(schema_.outputs(), outputs_, index); }
  const std::vector<Constraint>& constraints() const { return constraints_; }

 private:
  static const Formal* At(const std::vector<FormalParameter>& params,
                          const std::vector<Formal>& formals, size_t index);
  Formal MakeFormal(const FormalParameter& param) const;

  const OpSchema& schema_;
  std::vector<Constraint> constraints_;  // parallel to schema.type_constraints()
  std::vector<Formal> inputs_;
  std::vector<Formal> outputs_;
};

// Binds type parameters to the types of a node's values one at a time.
class TypeBinding {
 public:
  explicit TypeBinding(const SchemaTypeRules& rules)
      : rules_(rules), bound_(rules.constraints().size()) {}

  // Checks the type of input (or output) `index`, named `value_name`, against
  // its formal parameter and records what it binds. Incomplete types are
  // accepted without binding. `value_name` must outlive the binding (it is
  // the node's own string). Errors read like
  //   input 1 ('B') has type tensor(int64), but T is tensor(float) from input 0 ('A')
  absl::Status Bind(bool is_input, size_t index, std::string_view value_name,
                    const TypeProto& type);

  // The type an output's formal parameter fixes: a concrete type, a
  // parameter bound by an input, or a parameter allowing a single type.
  // Unset when the output's type is not fixed by the schema.
  std::optional<TypeProto> FixedOutputType(size_t index) const;

 private:
  // A complete type as binding compares it: tensors by element type (no
  // strings on the common path), any other type by its type string.
  struct Bound {
    bool set = false;
    int32_t tensor_elem = 0;  // nonzero for "tensor(e)"
    std::string other;        // the type string otherwise
    // Where the binding came from, for messages.
    bool is_input = true;
    size_t index = 0;
    std::string_view name;
    std::string TypeString() const;
  };

  const SchemaTypeRules& rules_;
  // Parallel to rules_.constraints(); a binding lives for one node, and most
  // schemas have few constraints: no allocation then.
  absl::InlinedVector<Bound, 4> bound_;
};

}  // namespace onnxforge
