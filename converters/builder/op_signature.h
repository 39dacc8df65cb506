// OpSignature: how the op-as-function API presents one op, derived from
// the newest live schema of the op: its parameters (inputs, then
// attributes), their names as identifiers, which may be left out, and what
// the function returns. The C++ and Python writers share it, so both APIs
// say the same thing.
#pragma once

#include <string>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge::builder {

struct InputParam {
  std::string onnx_name;
  std::string ident;  // the parameter's name in the generated code
  FormalOption option = FormalOption::kSingle;
  int min_arity = 1;  // variadic only
  // Whether the parameter can take a default ("" or an empty list, None in
  // Python): it is optional and so is everything after it. C++ puts the
  // required attributes after the inputs, Python makes them keyword-only,
  // hence two answers.
  bool cpp_default = false;
  bool py_default = false;
};

struct AttributeParam {
  std::string onnx_name;
  std::string ident;
  AttributeProto::AttributeType type = AttributeProto::UNDEFINED;
  bool required = false;
};

// What the function returns.
enum class OutputForm {
  kSingle,  // exactly one output: a name
  kFixed,   // several, all required: a list of that many names
  kCounted, // optional or variadic outputs: a list, as many as asked for
};

struct OpSignature {
  std::string domain;  // "" for ai.onnx
  std::string op;
  int since_version = 0;      // of the schema the signature comes from
  int deprecated_since = 0;   // the opset that removed the op, or 0
  std::vector<InputParam> inputs;
  // Required attributes first, then optional ones, each in schema order.
  std::vector<AttributeParam> attributes;
  std::vector<std::string> output_names;
  OutputForm output_form = OutputForm::kSingle;
  int default_output_count = 1;
};

// The generated functions' own parameters; no op's parameter is renamed
// to these.
inline constexpr char kBuilderParam[] = "builder";
inline constexpr char kOutputCountParam[] = "output_count";

// The signatures of every op of every domain, sorted by domain and op.
std::vector<OpSignature> AllSignatures(const SchemaRegistry& registry);

// The signature of one schema (and, for a deprecated op, the opset that
// removed it).
OpSignature SignatureOf(const OpSchema& schema, int deprecated_since);

// The nested namespace (C++) or class (Python) of a domain: "" for
// ai.onnx, "ml" for ai.onnx.ml, "preview_training" for
// ai.onnx.preview.training.
std::string DomainScope(const std::string& domain);

// The C++ type name of an attribute type ("int64_t", "std::vector<float>").
std::string CppAttributeType(AttributeProto::AttributeType type);
// The builder helper that makes such an attribute ("IntAttr").
std::string CppAttributeMaker(AttributeProto::AttributeType type);

}  // namespace onnxforge::builder
