#include "version_converter/adapters/type_restriction.h"

#include <memory>

#include "absl/container/flat_hash_map.h"
#include "onnx_defs/type_binding.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

// Working out a schema's type rules parses its type strings; each thread
// does it once per schema.
const SchemaTypeRules& RulesOf(const OpSchema& schema) {
  thread_local absl::flat_hash_map<const OpSchema*, std::unique_ptr<SchemaTypeRules>> cache;
  std::unique_ptr<SchemaTypeRules>& rules = cache[&schema];
  if (rules == nullptr) rules = std::make_unique<SchemaTypeRules>(schema);
  return *rules;
}

absl::Status CheckTypes(Step& step) {
  const SchemaTypeRules& rules = RulesOf(step.to());
  TypeBinding binding(rules);
  const NodeProto& node = step.node();
  for (int i = 0; i < node.input_size(); ++i) {
    const std::string& name = node.input(i);
    const TypeProto* type = step.TypeOf(name);
    if (type == nullptr) continue;
    if (absl::Status s = binding.Bind(true, i, name, *type); !s.ok()) {
      return Step::Refuse(s.message());
    }
  }
  for (int i = 0; i < node.output_size(); ++i) {
    const std::string& name = node.output(i);
    const TypeProto* type = step.TypeOf(name);
    if (type == nullptr) continue;
    if (absl::Status s = binding.Bind(false, i, name, *type); !s.ok()) {
      return Step::Refuse(s.message());
    }
  }
  return absl::OkStatus();
}

}  // namespace

Adapter RestrictTypes() {
  Adapter adapter;
  adapter.kind = "restrict types";
  adapter.restricts_types = true;
  adapter.apply = CheckTypes;
  return adapter;
}

}  // namespace onnxforge::version_converter
