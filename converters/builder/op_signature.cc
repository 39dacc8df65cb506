#include "converters/builder/op_signature.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace onnxforge::builder {
namespace {

// Words neither language lets a parameter be called, and the names the
// generated functions use themselves.
const std::set<std::string>& ReservedWords() {
  static const auto* words = new std::set<std::string>{
      // C++
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
      "case", "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "constexpr",
      "const_cast", "continue", "decltype", "default", "delete", "do", "double",
      "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
      "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
      "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private",
      "protected", "public", "register", "reinterpret_cast", "return", "short", "signed",
      "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template",
      "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "union",
      "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      // Python
      "False", "None", "True", "as", "assert", "async", "await", "def", "del", "elif",
      "except", "finally", "from", "global", "import", "in", "is", "lambda", "nonlocal",
      "pass", "raise", "with", "yield",
      // The generated code's own names
      "builder", "name", "node_attributes", "node_inputs", "output_count", "outputs", "std",
  };
  return *words;
}

// `name` as an identifier no other parameter of the function has.
std::string Identifier(const std::string& name, std::set<std::string>* taken) {
  std::string ident;
  for (char c : name) ident += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (ident.empty() || std::isdigit(static_cast<unsigned char>(ident[0]))) ident = "_" + ident;
  while (ReservedWords().count(ident) > 0 || taken->count(ident) > 0) ident += "_";
  taken->insert(ident);
  return ident;
}

bool Optional(const FormalParameter& p) { return p.option != FormalOption::kSingle; }

OutputForm FormOf(const std::vector<FormalParameter>& outputs) {
  if (outputs.size() == 1 && outputs[0].option == FormalOption::kSingle) {
    return OutputForm::kSingle;
  }
  return std::any_of(outputs.begin(), outputs.end(), Optional) ? OutputForm::kCounted
                                                                : OutputForm::kFixed;
}

// Outputs written when the caller does not say: up to the last required
// one; else the least a variadic list takes; else one.
int DefaultOutputCount(const std::vector<FormalParameter>& outputs) {
  int count = 0;
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i].option == FormalOption::kSingle) count = static_cast<int>(i) + 1;
  }
  if (count > 0) return count;
  if (!outputs.empty() && outputs[0].option == FormalOption::kVariadic) {
    return std::max(outputs[0].min_arity, 1);
  }
  return 1;
}

bool MayBeLeftOut(const InputParam& p) {
  return p.option == FormalOption::kOptional ||
         (p.option == FormalOption::kVariadic && p.min_arity == 0);
}

}  // namespace

std::string DomainScope(const std::string& domain) {
  std::string scope(CanonicalDomain(domain));
  const std::string prefix = "ai.onnx.";
  if (scope.rfind(prefix, 0) == 0) scope = scope.substr(prefix.size());
  return absl::StrReplaceAll(scope, {{".", "_"}, {"-", "_"}});
}

OpSignature SignatureOf(const OpSchema& schema, int deprecated_since) {
  OpSignature sig;
  sig.domain = std::string(CanonicalDomain(schema.domain()));
  sig.op = schema.name();
  sig.since_version = schema.since_version();
  sig.deprecated_since = deprecated_since;

  // "builder" and "output_count" are reserved: no parameter takes them.
  std::set<std::string> taken;
  for (const FormalParameter& formal : schema.inputs()) {
    InputParam p;
    p.onnx_name = formal.name;
    p.ident = Identifier(formal.name, &taken);
    p.option = formal.option;
    p.min_arity = formal.min_arity;
    sig.inputs.push_back(std::move(p));
  }
  for (bool required : {true, false}) {
    for (const AttributeDef& def : schema.attributes()) {
      if (def.required != required) continue;
      sig.attributes.push_back(
          AttributeParam{def.name, Identifier(def.name, &taken), def.type, def.required});
    }
  }
  const bool any_required_attribute =
      std::any_of(sig.attributes.begin(), sig.attributes.end(),
                  [](const AttributeParam& a) { return a.required; });
  bool cpp_tail = !any_required_attribute;
  bool py_tail = true;
  for (auto it = sig.inputs.rbegin(); it != sig.inputs.rend(); ++it) {
    cpp_tail = cpp_tail && MayBeLeftOut(*it);
    py_tail = py_tail && MayBeLeftOut(*it);
    it->cpp_default = cpp_tail;
    it->py_default = py_tail;
  }

  for (const FormalParameter& formal : schema.outputs()) sig.output_names.push_back(formal.name);
  sig.output_form = FormOf(schema.outputs());
  sig.default_output_count =
      sig.output_form == OutputForm::kCounted ? DefaultOutputCount(schema.outputs())
                                              : static_cast<int>(schema.outputs().size());
  return sig;
}

std::vector<OpSignature> AllSignatures(const SchemaRegistry& registry) {
  std::vector<OpSignature> out;
  for (const auto& [domain, op] : registry.Ops()) {
    const std::vector<const OpSchema*> versions = registry.Versions(op, domain);
    // A deprecated op keeps the signature of its last live version.
    const OpSchema* live = nullptr;
    int deprecated_since = 0;
    for (const OpSchema* s : versions) {
      if (s->deprecated()) {
        if (deprecated_since == 0) deprecated_since = s->since_version();
      } else {
        live = s;
        deprecated_since = 0;
      }
    }
    if (live == nullptr) continue;
    out.push_back(SignatureOf(*live, deprecated_since));
  }
  std::sort(out.begin(), out.end(), [](const OpSignature& a, const OpSignature& b) {
    return std::tie(a.domain, a.op) < std::tie(b.domain, b.op);
  });
  return out;
}

std::string CppAttributeType(AttributeProto::AttributeType type) {
  switch (type) {
    case AttributeProto::INT: return "int64_t";
    case AttributeProto::FLOAT: return "float";
    case AttributeProto::STRING: return "std::string";
    case AttributeProto::INTS: return "std::vector<int64_t>";
    case AttributeProto::FLOATS: return "std::vector<float>";
    case AttributeProto::STRINGS: return "std::vector<std::string>";
    case AttributeProto::TENSOR: return "TensorProto";
    case AttributeProto::TENSORS: return "std::vector<TensorProto>";
    case AttributeProto::SPARSE_TENSOR: return "SparseTensorProto";
    case AttributeProto::GRAPH: return "GraphProto";
    case AttributeProto::GRAPHS: return "std::vector<GraphProto>";
    case AttributeProto::TYPE_PROTO: return "TypeProto";
    default: return "";
  }
}

std::string CppAttributeMaker(AttributeProto::AttributeType type) {
  switch (type) {
    case AttributeProto::INT: return "IntAttr";
    case AttributeProto::FLOAT: return "FloatAttr";
    case AttributeProto::STRING: return "StringAttr";
    case AttributeProto::INTS: return "IntsAttr";
    case AttributeProto::FLOATS: return "FloatsAttr";
    case AttributeProto::STRINGS: return "StringsAttr";
    case AttributeProto::TENSOR: return "TensorAttr";
    case AttributeProto::TENSORS: return "TensorsAttr";
    case AttributeProto::SPARSE_TENSOR: return "SparseTensorAttr";
    case AttributeProto::GRAPH: return "GraphAttr";
    case AttributeProto::GRAPHS: return "GraphsAttr";
    case AttributeProto::TYPE_PROTO: return "TypeAttr";
    default: return "";
  }
}

}  // namespace onnxforge::builder
