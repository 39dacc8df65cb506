#include "tools/gen_doc/schema_section.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "tools/gen_doc/doc_names.h"
#include "tools/gen_doc/function_bodies.h"
#include "tools/gen_doc/markdown.h"
#include "tools/gen_doc/schema_diff.h"
#include "tools/gen_doc/schema_text.h"

namespace onnxforge::gen_doc {
namespace {

// "`name` (facts): description" as a list item.
std::string Item(const std::string& name, const std::string& facts,
                 const std::string& description) {
  std::string item = absl::StrCat("- ", Code(name), " (", facts, ")");
  const std::string text = OneLine(description);
  if (!text.empty()) absl::StrAppend(&item, ": ", text);
  return item + "\n";
}

std::string Attributes(const OpSchema& schema, int level) {
  if (schema.attributes().empty()) return "";
  std::string out = Heading(level, "Attributes");
  for (const AttributeDef& attribute : schema.attributes()) {
    out += Item(attribute.name, AttributeSummary(attribute), attribute.description);
  }
  return out + "\n";
}

std::string Formals(const std::string& title, const std::vector<FormalParameter>& formals, int min,
                    int max, int level) {
  std::string out = Heading(level, absl::StrCat(title, " (", ArityText(min, max), ")"));
  if (formals.empty()) return out + "None.\n\n";
  for (const FormalParameter& formal : formals) {
    out += Item(formal.name, FormalSummary(formal), formal.description);
  }
  return out + "\n";
}

std::string Constraints(const OpSchema& schema, int level) {
  if (schema.type_constraints().empty()) return "";
  std::string out = Heading(level, "Type constraints");
  for (const TypeConstraint& constraint : schema.type_constraints()) {
    std::vector<std::string> types;
    for (const std::string& type : constraint.allowed_type_strs) types.push_back(Code(type));
    out += Item(constraint.type_param_str, absl::StrCat("one of ", absl::StrJoin(types, ", ")),
                constraint.description);
  }
  return out + "\n";
}

// "from opset 18 of ai.onnx on" or "at opsets 13 to 17 of ai.onnx" for the
// body at `index`, which holds until the next body takes over.
std::string BodyOpsets(const OpSchema& schema, const std::vector<FunctionBodyView>& bodies,
                       size_t index) {
  const std::string domain = DomainName(schema.domain());
  const int first = bodies[index].opset;
  for (size_t next = index + 1; next < bodies.size(); ++next) {
    if (bodies[next].opset > first) {
      const int last = bodies[next].opset - 1;
      if (last == first) return absl::StrCat("at opset ", first, " of ", domain);
      return absl::StrCat("at opsets ", first, " to ", last, " of ", domain);
    }
  }
  return absl::StrCat("from opset ", first, " of ", domain, " on");
}

std::string FunctionBodiesPart(const OpSchema& schema, int level) {
  const std::vector<FunctionBodyView> bodies = FunctionBodies(schema);
  if (bodies.empty()) return "";
  std::string out = Heading(level, "Function body");
  for (size_t i = 0; i < bodies.size(); ++i) {
    const FunctionBodyView& body = bodies[i];
    const std::string opsets = BodyOpsets(schema, bodies, i);
    if (!body.context_dependent) {
      absl::StrAppend(&out, "The operator expands to these nodes ", opsets, ":\n\n",
                      CodeBlock(body.text), "\n");
      continue;
    }
    absl::StrAppend(&out, "The nodes depend on the calling node: its attributes and inputs ",
                    "shape the body, which is built for each node ", opsets, ". ");
    if (body.build_error.empty()) {
      absl::StrAppend(&out,
                      "For a node that sets no attribute (every default applies) and passes "
                      "every input, the body is:\n\n",
                      CodeBlock(body.text), "\n");
    } else {
      absl::StrAppend(&out,
                      "It cannot be shown here without a real node: ", OneLine(body.build_error),
                      ".\n\n");
    }
  }
  return out;
}

std::string Changes(const OpSchema& schema, const std::vector<const OpSchema*>& versions, int level,
                    const VersionLinks& links) {
  const OpSchema* previous = PreviousVersion(schema, versions);
  if (previous == nullptr) return "";
  std::string out =
      Heading(level, absl::StrCat("Changes from version ", previous->since_version()));
  const std::vector<SchemaChange> changes = DiffSchemas(*previous, schema);
  absl::StrAppend(&out, "Compared with ", links.To(*previous, VersionLabel(*previous)), ":\n\n");
  if (changes.empty()) {
    return out +
           "- the attributes, inputs, outputs, type constraints and function body are the "
           "same; the difference lies in the behaviour the description gives\n\n";
  }
  for (const SchemaChange& change : changes) absl::StrAppend(&out, "- ", change.text, "\n");
  return out + "\n";
}

}  // namespace

std::string VersionLinks::To(const OpSchema& schema, const std::string& text) const {
  return Link(text, absl::StrCat(changelog_file, "#", VersionAnchor(schema)));
}

std::string DescriptionAndChanges(const OpSchema& schema,
                                  const std::vector<const OpSchema*>& versions, int level,
                                  const VersionLinks& links) {
  std::string out;
  if (schema.deprecated()) {
    out += "**Deprecated.** New models should not use this version.\n\n";
  }
  if (schema.support_level() == SupportLevel::kExperimental) {
    out += "**Experimental.** This version may change or go away without a new opset.\n\n";
  }
  const std::string doc(absl::StripAsciiWhitespace(schema.doc()));
  if (!doc.empty()) absl::StrAppend(&out, doc, "\n\n");
  return out + Changes(schema, versions, level, links);
}

std::string SignatureParts(const OpSchema& schema, int level) {
  return absl::StrCat(
      Attributes(schema, level),
      Formals("Inputs", schema.inputs(), schema.min_input(), schema.max_input(), level),
      Formals("Outputs", schema.outputs(), schema.min_output(), schema.max_output(), level),
      Constraints(schema, level), FunctionBodiesPart(schema, level));
}

}  // namespace onnxforge::gen_doc
