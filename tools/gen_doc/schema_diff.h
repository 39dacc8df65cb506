// What changed between two versions of one operator, computed from their
// schemas: attributes, inputs, outputs, type constraints and the function
// body. Doc text is not compared; a version whose change lies in its
// semantics alone yields an empty list.
#pragma once

#include <string>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge::gen_doc {

enum class ChangeKind {
  kDeprecated,
  kAttributeAdded,
  kAttributeRemoved,
  kAttributeTypeChanged,
  kAttributeDefaultChanged,
  kInputAdded,
  kInputRemoved,
  kAttributeBecameInput,  // an attribute removed and an input of its name added
  kInputBecameAttribute,  // the reverse
  kInputOptionChanged,
  kInputTypeChanged,
  kInputDifferentiabilityChanged,
  kOutputAdded,
  kOutputRemoved,
  kOutputOptionChanged,
  kOutputTypeChanged,
  kOutputDifferentiabilityChanged,
  kConstraintAdded,
  kConstraintRemoved,
  kConstraintTypesAdded,
  kConstraintTypesRemoved,
  kFunctionBodyAdded,
  kFunctionBodyChanged,
  kFunctionBodyRemoved,
};

struct SchemaChange {
  ChangeKind kind;
  std::string subject;  // the attribute, formal or type parameter; "" for the op
  std::string text;     // one line of Markdown
};

// The changes from `before` to `after`, in this order: deprecation,
// attributes, inputs, outputs, type constraints, function body. Within a
// part, items follow `after`'s declaration order, then removals in
// `before`'s order.
std::vector<SchemaChange> DiffSchemas(const OpSchema& before, const OpSchema& after);

}  // namespace onnxforge::gen_doc
