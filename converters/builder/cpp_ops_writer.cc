#include "converters/builder/cpp_ops_writer.h"

#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "converters/builder/code_wrap.h"

namespace onnxforge::builder {
namespace {

constexpr char kNotice[] =
    "// Generated from the schema registry by //converters/builder:gen_ops.\n"
    "// Do not edit: the build writes it afresh.\n";

std::string DomainName(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

bool ByValue(AttributeProto::AttributeType type) {
  return type == AttributeProto::INT || type == AttributeProto::FLOAT;
}

std::string ReturnType(const OpSignature& sig) {
  return sig.output_form == OutputForm::kSingle ? "std::string" : "std::vector<std::string>";
}

// The parameters; with defaults for the declaration.
std::vector<std::string> Parameters(const OpSignature& sig, bool with_defaults) {
  std::vector<std::string> params = {absl::StrCat("GraphBuilder& ", kBuilderParam)};
  for (const InputParam& in : sig.inputs) {
    const bool list = in.option == FormalOption::kVariadic;
    std::string p = absl::StrCat(list ? "const std::vector<std::string>& " : "const std::string& ",
                                 in.ident);
    if (with_defaults && in.cpp_default) absl::StrAppend(&p, list ? " = {}" : " = \"\"");
    params.push_back(std::move(p));
  }
  for (const AttributeParam& a : sig.attributes) {
    if (!a.required) continue;
    const std::string type = CppAttributeType(a.type);
    params.push_back(ByValue(a.type) ? absl::StrCat(type, " ", a.ident)
                                     : absl::StrCat("const ", type, "& ", a.ident));
  }
  if (sig.output_form == OutputForm::kCounted) {
    params.push_back(absl::StrCat("int ", kOutputCountParam,
                                  with_defaults ? absl::StrCat(" = ", sig.default_output_count)
                                                : ""));
  }
  for (const AttributeParam& a : sig.attributes) {
    if (a.required) continue;
    params.push_back(absl::StrCat("const std::optional<", CppAttributeType(a.type), ">& ",
                                  a.ident, with_defaults ? " = std::nullopt" : ""));
  }
  return params;
}

std::string Comment(const OpSignature& sig) {
  std::vector<std::string> inputs;
  for (const InputParam& in : sig.inputs) inputs.push_back(in.onnx_name);
  const std::string head = absl::StrCat("// ", sig.op, "-", sig.since_version, " (",
                                        DomainName(sig.domain), "). Inputs: ",
                                        inputs.empty() ? "none" : absl::StrJoin(inputs, ", "), ".");
  const std::string outputs =
      absl::StrCat("Outputs: ", absl::StrJoin(sig.output_names, ", "), ".\n");
  std::string text = head.size() + 1 + outputs.size() <= static_cast<size_t>(kLineWidth)
                         ? absl::StrCat(head, " ", outputs)
                         : absl::StrCat(head, "\n// ", outputs);
  if (sig.deprecated_since > 0) {
    absl::StrAppend(&text, "// Deprecated from ", DomainName(sig.domain), " opset ",
                    sig.deprecated_since, ": write it only for opsets below that.\n");
  }
  return text;
}

std::string Body(const OpSignature& sig) {
  std::string body;
  // The inputs, a variadic list spliced in where it stands.
  bool has_list = false;
  for (const InputParam& in : sig.inputs) has_list |= in.option == FormalOption::kVariadic;
  std::string inputs_expr;
  if (!has_list) {
    std::vector<std::string> names;
    for (const InputParam& in : sig.inputs) names.push_back(in.ident);
    inputs_expr = absl::StrCat("{", absl::StrJoin(names, ", "), "}");
  } else {
    absl::StrAppend(&body, "  std::vector<std::string> node_inputs;\n");
    for (const InputParam& in : sig.inputs) {
      if (in.option == FormalOption::kVariadic) {
        absl::StrAppend(&body, "  node_inputs.insert(node_inputs.end(), ", in.ident,
                        ".begin(), ", in.ident, ".end());\n");
      } else {
        absl::StrAppend(&body, "  node_inputs.push_back(", in.ident, ");\n");
      }
    }
    inputs_expr = "std::move(node_inputs)";
  }
  absl::StrAppend(&body, "  std::vector<AttributeProto> node_attributes;\n");
  for (const AttributeParam& a : sig.attributes) {
    const std::string maker_call = absl::StrCat(CppAttributeMaker(a.type), "(\"", a.onnx_name,
                                                "\", ", a.required ? "" : "*", a.ident, ")");
    const std::string push = absl::StrCat("node_attributes.push_back(", maker_call, ");");
    if (a.required) {
      absl::StrAppend(&body, "  ", push, "\n");
    } else if (absl::StrCat("  if (", a.ident, ") ", push).size() <=
               static_cast<size_t>(kLineWidth)) {
      absl::StrAppend(&body, "  if (", a.ident, ") ", push, "\n");
    } else {
      absl::StrAppend(&body, "  if (", a.ident, ") {\n",
                      WrapList("    ", "node_attributes.push_back(", {maker_call}, ");", "    "),
                      "  }\n");
    }
  }
  const std::string count = sig.output_form == OutputForm::kCounted
                                ? std::string(kOutputCountParam)
                                : absl::StrCat(sig.default_output_count);
  absl::StrAppend(
      &body, WrapList("  ", absl::StrCat("return ", kBuilderParam, ".AddNode("),
                      {absl::StrCat("\"", sig.op, "\""), inputs_expr, count,
                       "std::move(node_attributes)", absl::StrCat("\"", sig.domain, "\"")},
                      sig.output_form == OutputForm::kSingle ? ")[0];" : ");", "    "));
  return body;
}

// Signatures by domain scope ("" first), keeping their order.
std::map<std::string, std::vector<const OpSignature*>> ByScope(
    const std::vector<OpSignature>& signatures) {
  std::map<std::string, std::vector<const OpSignature*>> scopes;
  for (const OpSignature& sig : signatures) scopes[DomainScope(sig.domain)].push_back(&sig);
  return scopes;
}

// The functions in their namespaces; `usings` are the names the code takes
// from the builder.
template <typename WriteOne>
std::string Namespaces(const std::vector<OpSignature>& signatures,
                       const std::vector<std::string>& usings, WriteOne write_one) {
  std::string text = "namespace onnxforge::ops {\n\n";
  for (const std::string& name : usings) absl::StrAppend(&text, "using builder::", name, ";\n");
  for (const auto& [scope, sigs] : ByScope(signatures)) {
    const std::string domain = sigs.front()->domain;
    if (!scope.empty()) {
      absl::StrAppend(&text, "\n// ---- ", DomainName(domain), " ----\nnamespace ", scope,
                      " {\n");
    }
    for (const OpSignature* sig : sigs) absl::StrAppend(&text, "\n", write_one(*sig));
    if (!scope.empty()) absl::StrAppend(&text, "\n}  // namespace ", scope, "\n");
  }
  absl::StrAppend(&text, "\n}  // namespace onnxforge::ops\n");
  return text;
}

}  // namespace

std::string CppOpsHeader(const std::vector<OpSignature>& signatures) {
  std::string text = absl::StrCat(
      kNotice,
      "//\n"
      "// The op-as-function API: one function per op, its parameters the inputs\n"
      "// and attributes of the op's newest schema. See cpp_ops_writer.h.\n"
      "#pragma once\n\n"
      "#include <cstdint>\n#include <optional>\n#include <string>\n#include <vector>\n\n"
      "#include \"converters/builder/graph_builder.h\"\n#include \"ir/onnx.pb.h\"\n\n");
  absl::StrAppend(&text, Namespaces(signatures, {"GraphBuilder"}, [](const OpSignature& sig) {
                    return absl::StrCat(
                        Comment(sig), WrapList("", absl::StrCat(ReturnType(sig), " ", sig.op, "("),
                                               Parameters(sig, true), ");", "    "));
                  }));
  return text;
}

std::string CppOpsSource(const std::vector<OpSignature>& signatures,
                         const std::string& header_path) {
  std::string text = absl::StrCat(kNotice, "#include \"", header_path,
                                  "\"\n\n#include <utility>\n\n");
  std::set<std::string> usings = {"GraphBuilder"};
  for (const OpSignature& sig : signatures) {
    for (const AttributeParam& a : sig.attributes) usings.insert(CppAttributeMaker(a.type));
  }
  absl::StrAppend(&text, Namespaces(signatures, {usings.begin(), usings.end()},
                                    [](const OpSignature& sig) {
                    return absl::StrCat(
                        WrapList("", absl::StrCat(ReturnType(sig), " ", sig.op, "("),
                                 Parameters(sig, false), ") {", "    "),
                        Body(sig), "}\n");
                  }));
  return text;
}

}  // namespace onnxforge::builder
