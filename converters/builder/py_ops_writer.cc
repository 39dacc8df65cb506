#include "converters/builder/py_ops_writer.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converters/builder/code_wrap.h"

namespace onnxforge::builder {
namespace {

std::string DomainName(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

// The docstring's text, its lines fitting `width` columns.
std::string Docstring(const OpSignature& sig, int width) {
  std::vector<std::string> inputs;
  for (const InputParam& in : sig.inputs) {
    std::string text = in.onnx_name;
    if (in.option == FormalOption::kOptional) absl::StrAppend(&text, " (optional)");
    if (in.option == FormalOption::kVariadic) absl::StrAppend(&text, " (list)");
    inputs.push_back(std::move(text));
  }
  std::vector<std::string> attributes;
  for (const AttributeParam& a : sig.attributes) {
    attributes.push_back(absl::StrCat(a.onnx_name, ": ", AttributeTypeName(a.type),
                                      a.required ? ", required" : ""));
  }
  std::vector<std::string> lines = {
      absl::StrCat(sig.op, "-", sig.since_version, " (", DomainName(sig.domain), ")."), "",
      absl::StrCat("Inputs: ", inputs.empty() ? "none" : absl::StrJoin(inputs, ", "), "."),
      absl::StrCat("Outputs: ", absl::StrJoin(sig.output_names, ", "), ".")};
  if (!attributes.empty()) {
    lines.push_back(absl::StrCat("Attributes: ", absl::StrJoin(attributes, "; "), "."));
  }
  if (sig.deprecated_since > 0) {
    lines.push_back(absl::StrCat("Deprecated from ", DomainName(sig.domain), " opset ",
                                 sig.deprecated_since, ": write it only for opsets below that."));
  }
  for (std::string& line : lines) line = WrapWords(line, width, "    ");
  return absl::StrJoin(lines, "\n");
}

std::string Indent(const std::string& text, const std::string& by) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) absl::StrAppend(&out, by, text.substr(start, end - start));
    absl::StrAppend(&out, "\n");
    start = end + 1;
  }
  return out;
}

// The function, each line starting with `lead`.
std::string Function(const OpSignature& sig, const std::string& lead) {
  std::vector<std::string> params = {kBuilderParam};
  std::vector<std::string> inputs;
  for (const InputParam& in : sig.inputs) {
    params.push_back(in.py_default ? absl::StrCat(in.ident, "=None") : in.ident);
    inputs.push_back(in.ident);
  }
  params.push_back("*");
  std::vector<std::string> attributes;
  for (const AttributeParam& a : sig.attributes) {
    params.push_back(a.required ? a.ident : absl::StrCat(a.ident, "=None"));
    attributes.push_back(absl::StrCat("(\"", a.onnx_name, "\", \"", AttributeTypeName(a.type),
                                      "\", ", a.ident, ")"));
  }
  params.push_back("outputs=None");
  params.push_back("name=None");

  const std::string body = lead + "    ";
  std::string text = WrapList(lead, absl::StrCat("def ", sig.op, "("), params, "):", "        ");
  const int width = kLineWidth - static_cast<int>(body.size());
  absl::StrAppend(&text,
                  Indent(absl::StrCat("\"\"\"", Docstring(sig, width - 3), "\n\"\"\""), body));
  absl::StrAppend(&text, WrapList(body, "node_attributes = [", attributes, "]", "    "));
  absl::StrAppend(
      &text,
      WrapList(body, absl::StrCat("return ", kBuilderParam, ".add_op("),
               {absl::StrCat("\"", sig.op, "\""), absl::StrCat("\"", sig.domain, "\""),
                absl::StrCat("[", absl::StrJoin(inputs, ", "), "]"), "node_attributes",
                "outputs=outputs", absl::StrCat("count=", sig.default_output_count),
                absl::StrCat("counted=",
                             sig.output_form == OutputForm::kCounted ? "True" : "False"),
                absl::StrCat("single=", sig.output_form == OutputForm::kSingle ? "True" : "False"),
                "name=name"},
               ")", "    "));
  return text;
}

}  // namespace

std::string PythonOpsModule(const std::vector<OpSignature>& signatures) {
  std::string text =
      "\"\"\"The op-as-function API of the graph builder: one function per op.\n"
      "\n"
      "Generated from the schema registry by //converters/builder:gen_ops; do not\n"
      "edit. Each function adds one node to a GraphBuilder (onnxforge.builder)\n"
      "and returns the name of its output, or a list of names:\n"
      "\n"
      "    y = ops.Gemm(b, x, w, c, transB=1)\n"
      "    values, indices = ops.TopK(b, y, k, axis=-1)\n"
      "    label = ops.ml.LabelEncoder(b, y, keys_int64s=[0, 1], values_strings=[\"a\", \"b\"])\n"
      "\n"
      "Inputs are positional: a name, None to leave an optional input out, a\n"
      "list for a variadic input. Attributes are keyword arguments; None leaves\n"
      "one out, so the schema's default applies. `outputs` is how many outputs\n"
      "to write (ops with optional or variadic outputs) or a list of names for\n"
      "them; `name` names the node.\n"
      "\"\"\"\n";
  std::map<std::string, std::vector<const OpSignature*>> scopes;
  for (const OpSignature& sig : signatures) scopes[DomainScope(sig.domain)].push_back(&sig);
  for (const auto& [scope, sigs] : scopes) {
    if (scope.empty()) {
      for (const OpSignature* sig : sigs) absl::StrAppend(&text, "\n\n", Function(*sig, ""));
      continue;
    }
    absl::StrAppend(&text, "\n\nclass ", scope, ":\n    \"\"\"The ops of ",
                    DomainName(sigs.front()->domain), ".\"\"\"\n");
    for (const OpSignature* sig : sigs) {
      absl::StrAppend(&text, "\n    @staticmethod\n", Function(*sig, "    "));
    }
  }
  return text;
}

}  // namespace onnxforge::builder
