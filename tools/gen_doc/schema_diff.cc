#include "tools/gen_doc/schema_diff.h"

#include <optional>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/gen_doc/function_bodies.h"
#include "tools/gen_doc/markdown.h"
#include "tools/gen_doc/schema_text.h"

namespace onnxforge::gen_doc {
namespace {

class ChangeList {
 public:
  void Add(ChangeKind kind, const std::string& subject, std::string text) {
    changes_.push_back({kind, subject, std::move(text)});
  }
  std::vector<SchemaChange> Take() { return std::move(changes_); }

 private:
  std::vector<SchemaChange> changes_;
};

const FormalParameter* FindFormal(const std::vector<FormalParameter>& formals,
                                  const std::string& name) {
  for (const FormalParameter& formal : formals) {
    if (formal.name == name) return &formal;
  }
  return nullptr;
}

// "required", "`1`" or "no default".
std::string DefaultState(const AttributeDef& attribute) {
  if (attribute.required) return "required";
  if (attribute.default_value) return Code(AttributeValueText(*attribute.default_value));
  return "no default";
}

std::string CodeList(const std::vector<std::string>& items) {
  std::vector<std::string> coded;
  for (const std::string& item : items) coded.push_back(Code(item));
  return absl::StrJoin(coded, ", ");
}

void DiffAttributes(const OpSchema& before, const OpSchema& after, ChangeList& changes) {
  for (const AttributeDef& now : after.attributes()) {
    const std::string subject = Code(now.name);
    const AttributeDef* was = before.FindAttribute(now.name);
    if (was == nullptr) {
      // An input of the same name that went away is reported with the inputs.
      if (FindFormal(before.inputs(), now.name) != nullptr &&
          FindFormal(after.inputs(), now.name) == nullptr) {
        continue;
      }
      changes.Add(ChangeKind::kAttributeAdded, now.name,
                  absl::StrCat("attribute ", subject, " added (", AttributeSummary(now), ")"));
      continue;
    }
    if (was->type != now.type) {
      changes.Add(ChangeKind::kAttributeTypeChanged, now.name,
                  absl::StrCat("attribute ", subject, ": type changed from ",
                               AttributeTypeText(was->type), " to ", AttributeTypeText(now.type)));
    }
    const std::string old_default = DefaultState(*was);
    const std::string new_default = DefaultState(now);
    if (old_default != new_default) {
      changes.Add(ChangeKind::kAttributeDefaultChanged, now.name,
                  absl::StrCat("attribute ", subject, ": default changed from ", old_default,
                               " to ", new_default));
    }
  }
  for (const AttributeDef& was : before.attributes()) {
    if (after.FindAttribute(was.name) != nullptr) continue;
    if (FindFormal(after.inputs(), was.name) != nullptr &&
        FindFormal(before.inputs(), was.name) == nullptr) {
      continue;  // reported with the inputs
    }
    changes.Add(ChangeKind::kAttributeRemoved, was.name,
                absl::StrCat("attribute ", Code(was.name), " removed"));
  }
}

struct FormalKinds {
  const char* noun;  // "input" or "output"
  ChangeKind added, removed, option_changed, type_changed, differentiability_changed;
};

constexpr FormalKinds kInputKinds{"input",
                                  ChangeKind::kInputAdded,
                                  ChangeKind::kInputRemoved,
                                  ChangeKind::kInputOptionChanged,
                                  ChangeKind::kInputTypeChanged,
                                  ChangeKind::kInputDifferentiabilityChanged};
constexpr FormalKinds kOutputKinds{"output",
                                   ChangeKind::kOutputAdded,
                                   ChangeKind::kOutputRemoved,
                                   ChangeKind::kOutputOptionChanged,
                                   ChangeKind::kOutputTypeChanged,
                                   ChangeKind::kOutputDifferentiabilityChanged};

std::string DifferentiabilityState(Differentiability differentiability) {
  const std::string text = DifferentiabilityText(differentiability);
  return text.empty() ? "unstated" : text;
}

void DiffFormal(const FormalParameter& was, const FormalParameter& now, const FormalKinds& kinds,
                ChangeList& changes) {
  const std::string subject = absl::StrCat(kinds.noun, " ", Code(now.name));
  const std::string old_option = FormalOptionText(was);
  const std::string new_option = FormalOptionText(now);
  if (old_option != new_option) {
    changes.Add(kinds.option_changed, now.name,
                absl::StrCat(subject, ": changed from ", old_option, " to ", new_option));
  }
  if (was.type_str != now.type_str) {
    changes.Add(kinds.type_changed, now.name,
                absl::StrCat(subject, ": type changed from ", Code(was.type_str), " to ",
                             Code(now.type_str)));
  }
  if (was.differentiability != now.differentiability) {
    changes.Add(kinds.differentiability_changed, now.name,
                absl::StrCat(subject, ": differentiability changed from ",
                             DifferentiabilityState(was.differentiability), " to ",
                             DifferentiabilityState(now.differentiability)));
  }
}

void DiffInputs(const OpSchema& before, const OpSchema& after, ChangeList& changes) {
  for (const FormalParameter& now : after.inputs()) {
    const FormalParameter* was = FindFormal(before.inputs(), now.name);
    if (was != nullptr) {
      DiffFormal(*was, now, kInputKinds, changes);
      continue;
    }
    if (before.FindAttribute(now.name) != nullptr && after.FindAttribute(now.name) == nullptr) {
      changes.Add(ChangeKind::kAttributeBecameInput, now.name,
                  absl::StrCat(Code(now.name), " turned from an attribute into an input (",
                               FormalSummary(now), ")"));
      continue;
    }
    changes.Add(ChangeKind::kInputAdded, now.name,
                absl::StrCat("input ", Code(now.name), " added (", FormalSummary(now), ")"));
  }
  for (const FormalParameter& was : before.inputs()) {
    if (FindFormal(after.inputs(), was.name) != nullptr) continue;
    const AttributeDef* attribute = after.FindAttribute(was.name);
    if (attribute != nullptr && before.FindAttribute(was.name) == nullptr) {
      changes.Add(ChangeKind::kInputBecameAttribute, was.name,
                  absl::StrCat(Code(was.name), " turned from an input into an attribute (",
                               AttributeSummary(*attribute), ")"));
      continue;
    }
    changes.Add(ChangeKind::kInputRemoved, was.name,
                absl::StrCat("input ", Code(was.name), " removed"));
  }
}

void DiffOutputs(const OpSchema& before, const OpSchema& after, ChangeList& changes) {
  for (const FormalParameter& now : after.outputs()) {
    const FormalParameter* was = FindFormal(before.outputs(), now.name);
    if (was != nullptr) {
      DiffFormal(*was, now, kOutputKinds, changes);
      continue;
    }
    changes.Add(ChangeKind::kOutputAdded, now.name,
                absl::StrCat("output ", Code(now.name), " added (", FormalSummary(now), ")"));
  }
  for (const FormalParameter& was : before.outputs()) {
    if (FindFormal(after.outputs(), was.name) != nullptr) continue;
    changes.Add(ChangeKind::kOutputRemoved, was.name,
                absl::StrCat("output ", Code(was.name), " removed"));
  }
}

// The items of `from` missing in `in`, in `from`'s order.
std::vector<std::string> Missing(const std::vector<std::string>& from,
                                 const std::vector<std::string>& in) {
  const std::set<std::string> present(in.begin(), in.end());
  std::vector<std::string> missing;
  for (const std::string& item : from) {
    if (present.count(item) == 0) missing.push_back(item);
  }
  return missing;
}

void DiffConstraints(const OpSchema& before, const OpSchema& after, ChangeList& changes) {
  for (const TypeConstraint& now : after.type_constraints()) {
    const std::string& param = now.type_param_str;
    const TypeConstraint* was = before.FindTypeConstraint(param);
    if (was == nullptr) {
      changes.Add(ChangeKind::kConstraintAdded, param,
                  absl::StrCat("type constraint ", Code(param),
                               " added: ", CodeList(now.allowed_type_strs)));
      continue;
    }
    const std::vector<std::string> added = Missing(now.allowed_type_strs, was->allowed_type_strs);
    if (!added.empty()) {
      changes.Add(ChangeKind::kConstraintTypesAdded, param,
                  absl::StrCat("type constraint ", Code(param), " allows ", CodeList(added)));
    }
    const std::vector<std::string> removed = Missing(was->allowed_type_strs, now.allowed_type_strs);
    if (!removed.empty()) {
      changes.Add(
          ChangeKind::kConstraintTypesRemoved, param,
          absl::StrCat("type constraint ", Code(param), " no longer allows ", CodeList(removed)));
    }
  }
  for (const TypeConstraint& was : before.type_constraints()) {
    if (after.FindTypeConstraint(was.type_param_str) != nullptr) continue;
    changes.Add(ChangeKind::kConstraintRemoved, was.type_param_str,
                absl::StrCat("type constraint ", Code(was.type_param_str), " removed"));
  }
}

std::string BodyKind(const FunctionBodyView& body) {
  return body.context_dependent ? "built per node" : "fixed";
}

// Compares the bodies each version has at its own since_version. Two
// context-dependent bodies count as equal unless both build and differ.
void DiffFunctionBody(const OpSchema& before, const OpSchema& after, ChangeList& changes) {
  const std::optional<FunctionBodyView> was = FunctionBodyAt(before, before.since_version());
  const std::optional<FunctionBodyView> now = FunctionBodyAt(after, after.since_version());
  if (!was && !now) return;
  if (!was) {
    changes.Add(ChangeKind::kFunctionBodyAdded, "",
                absl::StrCat("function body added (", BodyKind(*now), ")"));
    return;
  }
  if (!now) {
    changes.Add(ChangeKind::kFunctionBodyRemoved, "", "function body removed");
    return;
  }
  if (was->context_dependent != now->context_dependent) {
    changes.Add(
        ChangeKind::kFunctionBodyChanged, "",
        absl::StrCat("function body changed from ", BodyKind(*was), " to ", BodyKind(*now)));
    return;
  }
  const bool both_built = was->build_error.empty() && now->build_error.empty();
  if (both_built && was->text != now->text) {
    changes.Add(ChangeKind::kFunctionBodyChanged, "", "function body changed");
  }
}

}  // namespace

std::vector<SchemaChange> DiffSchemas(const OpSchema& before, const OpSchema& after) {
  ChangeList changes;
  if (after.deprecated() && !before.deprecated()) {
    changes.Add(ChangeKind::kDeprecated, "", "the operator is deprecated");
  }
  DiffAttributes(before, after, changes);
  DiffInputs(before, after, changes);
  DiffOutputs(before, after, changes);
  DiffConstraints(before, after, changes);
  DiffFunctionBody(before, after, changes);
  return changes.Take();
}

}  // namespace onnxforge::gen_doc
