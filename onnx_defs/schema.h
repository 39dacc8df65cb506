// OpSchema: the specification of one version of one operator, and the
// registry that answers "which version of op X is in force at opset N".
//
// A schema is built with chained setters in a domain's defs.cc (latest
// version) or old.cc (earlier versions) through ONNXFORGE_SCHEMA, and
// registered by the opset class that introduced it (operator_sets*.h).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

// ---- Domains and their opset ranges -------------------------------------

inline constexpr char kOnnxDomain[] = "";
inline constexpr char kOnnxDomainAlias[] = "ai.onnx";
inline constexpr char kMlDomain[] = "ai.onnx.ml";
inline constexpr char kTrainingDomain[] = "ai.onnx.training";
inline constexpr char kPreviewTrainingDomain[] = "ai.onnx.preview.training";
inline constexpr char kPreviewDomain[] = "ai.onnx.preview";

// The opsets a domain defines. `last_release` is the newest opset published
// in a release; opsets above it are still open for changes.
struct DomainOpsetRange {
  const char* domain;
  int min_version;
  int max_version;
  int last_release;
};

// Each domain's opset range. `opdev bump` raises max_version when it opens
// a new opset; the registry rejects any since_version outside its range.
inline constexpr DomainOpsetRange kDomainOpsetRanges[] = {
    {kOnnxDomain, 1, 28, 27},
    {kMlDomain, 1, 5, 5},
    {kTrainingDomain, 1, 1, 1},
    {kPreviewTrainingDomain, 1, 1, 1},
    {kPreviewDomain, 1, 1, 1},
};

// The range of `domain` ("ai.onnx" is accepted for ""), or nullptr.
const DomainOpsetRange* FindDomainOpsetRange(std::string_view domain);

// "" for "ai.onnx", the domain itself otherwise.
std::string_view CanonicalDomain(std::string_view domain);

// ---- Parts of a schema ---------------------------------------------------

enum class FormalOption { kSingle, kOptional, kVariadic };
enum class Differentiability { kUnknown, kDifferentiable, kNonDifferentiable };

// One input or output of an operator.
struct FormalParameter {
  std::string name;
  std::string type_str;  // a type parameter ("T") or a type ("tensor(int64)")
  std::string description;
  FormalOption option = FormalOption::kSingle;
  bool is_homogeneous = true;  // variadic only: all values share one type
  int min_arity = 1;           // variadic only: the fewest values accepted
  Differentiability differentiability = Differentiability::kUnknown;
};

struct AttributeDef {
  std::string name;
  std::string description;
  AttributeProto::AttributeType type = AttributeProto::UNDEFINED;
  bool required = false;
  std::optional<AttributeProto> default_value;  // name-less; type set
};

struct TypeConstraint {
  std::string type_param_str;
  std::vector<std::string> allowed_type_strs;
  std::string description;
};

class InferenceContext;
class DataPropagationContext;

using InferenceFunction = std::function<absl::Status(InferenceContext&)>;
using DataPropagationFunction =
    std::function<absl::Status(DataPropagationContext&)>;

// What a context-dependent function body may look at: the calling node's
// attributes and the types of its inputs.
class FunctionBodyContext {
 public:
  virtual ~FunctionBodyContext() = default;
  virtual const AttributeProto* attribute(std::string_view name) const = 0;
  virtual bool has_input(size_t index) const = 0;
  virtual bool has_output(size_t index) const = 0;
  // The input's type, or nullptr when unknown.
  virtual const TypeProto* input_type(size_t index) const = 0;
};

// Returns the body as text in the ONNX textual syntax (a function or a node
// list); see FunctionBody in function_body.h for how it is parsed.
using FunctionBodyBuilder =
    std::function<absl::StatusOr<std::string>(const FunctionBodyContext&)>;

enum class SupportLevel { kCommon, kExperimental };
enum class NodeDeterminism { kUnknown, kNonDeterministic, kDeterministic };

// ---- OpSchema --------------------------------------------------------------

class OpSchema {
 public:
  OpSchema() = default;
  OpSchema(std::string name, std::string domain, int since_version,
           const char* file, int line);

  // Chained setters, used in defs.cc / old.cc.
  OpSchema& Doc(std::string doc);
  OpSchema& Deprecate();
  OpSchema& Experimental();
  OpSchema& NonDeterministic();

  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type, bool required = false);
  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type, int64_t default_value);
  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type, float default_value);
  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type, const char* default_value);
  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type,
                 std::vector<int64_t> default_value);
  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type,
                 std::vector<float> default_value);
  OpSchema& Attr(std::string name, std::string description,
                 AttributeProto::AttributeType type,
                 std::vector<std::string> default_value);
  OpSchema& Attr(std::string name, std::string description,
                 const AttributeProto& default_value);

  OpSchema& Input(int index, std::string name, std::string description,
                  std::string type_str,
                  FormalOption option = FormalOption::kSingle,
                  bool is_homogeneous = true, int min_arity = 1,
                  Differentiability differentiability =
                      Differentiability::kUnknown);
  OpSchema& Output(int index, std::string name, std::string description,
                   std::string type_str,
                   FormalOption option = FormalOption::kSingle,
                   bool is_homogeneous = true, int min_arity = 1,
                   Differentiability differentiability =
                       Differentiability::kUnknown);

  OpSchema& TypeConstraint(std::string type_param_str,
                           std::vector<std::string> allowed_type_strs,
                           std::string description);

  // Overrides the arity derived from the formal parameters (for ops whose
  // last input is optional only in combination, or with capped variadics).
  OpSchema& NumInputs(int min, int max);
  OpSchema& NumOutputs(int min, int max);
  // Allows input counts in this set only (e.g. {1, 3}).
  OpSchema& AllowedInputCounts(std::vector<int> counts);

  OpSchema& TypeAndShapeInference(InferenceFunction fn);
  OpSchema& DataPropagation(DataPropagationFunction fn);

  // A body in the textual syntax, valid from `opset` of the op's domain (the
  // body is used at that opset and above until the next body's opset).
  OpSchema& FunctionBody(std::string text, int opset);
  OpSchema& FunctionBody(std::string text) { return FunctionBody(std::move(text), since_version_); }
  // A body built per node; registered per opset like FunctionBody.
  OpSchema& ContextDependentFunctionBody(FunctionBodyBuilder builder, int opset);
  OpSchema& ContextDependentFunctionBody(FunctionBodyBuilder builder) {
    return ContextDependentFunctionBody(std::move(builder), since_version_);
  }

  // ---- Reading ----
  const std::string& name() const { return name_; }
  const std::string& domain() const { return domain_; }
  int since_version() const { return since_version_; }
  bool deprecated() const { return deprecated_; }
  SupportLevel support_level() const { return support_level_; }
  NodeDeterminism node_determinism() const { return node_determinism_; }
  const std::string& doc() const { return doc_; }
  const char* file() const { return file_; }
  int line() const { return line_; }

  const std::vector<AttributeDef>& attributes() const { return attributes_; }
  const AttributeDef* FindAttribute(std::string_view name) const;
  const std::vector<FormalParameter>& inputs() const { return inputs_; }
  const std::vector<FormalParameter>& outputs() const { return outputs_; }
  const std::vector<onnxforge::TypeConstraint>& type_constraints() const {
    return type_constraints_;
  }
  const onnxforge::TypeConstraint* FindTypeConstraint(std::string_view param) const;

  int min_input() const { return min_input_; }
  int max_input() const { return max_input_; }
  int min_output() const { return min_output_; }
  int max_output() const { return max_output_; }
  bool AcceptsInputCount(int n) const;
  bool AcceptsOutputCount(int n) const;

  const InferenceFunction& inference_function() const { return inference_; }
  bool has_inference_function() const { return static_cast<bool>(inference_); }
  const DataPropagationFunction& data_propagation_function() const { return propagation_; }
  bool has_data_propagation_function() const { return static_cast<bool>(propagation_); }

  bool has_function() const { return !function_bodies_.empty(); }
  bool has_context_dependent_function() const { return !function_builders_.empty(); }
  std::vector<int> function_opset_versions() const;
  std::vector<int> context_dependent_function_opset_versions() const;
  // The body text in force at `opset` (largest registered opset <= opset).
  const std::string* FunctionBodyText(int opset) const;
  const FunctionBodyBuilder* FunctionBodyBuilderAt(int opset) const;

  // "Name-ver (domain)" for messages.
  std::string Describe() const;

  // Fills in the arity from the formal parameters; called at registration.
  void Finalize();

 private:
  OpSchema& AddAttribute(AttributeDef def);
  OpSchema& AddFormal(std::vector<FormalParameter>& list, int index, FormalParameter p);

  std::string name_;
  std::string domain_;
  int since_version_ = 1;
  bool deprecated_ = false;
  SupportLevel support_level_ = SupportLevel::kCommon;
  NodeDeterminism node_determinism_ = NodeDeterminism::kDeterministic;
  std::string doc_;
  const char* file_ = "";
  int line_ = 0;
  std::vector<AttributeDef> attributes_;
  std::vector<FormalParameter> inputs_;
  std::vector<FormalParameter> outputs_;
  std::vector<onnxforge::TypeConstraint> type_constraints_;
  int min_input_ = -1, max_input_ = -1, min_output_ = -1, max_output_ = -1;
  std::vector<int> allowed_input_counts_;
  InferenceFunction inference_;
  DataPropagationFunction propagation_;
  std::map<int, std::string> function_bodies_;
  std::map<int, FunctionBodyBuilder> function_builders_;
};

// ---- Defining and registering schemas ---------------------------------------

// A tag type per (domain, op, version); GetOpSchema<Tag>() builds its schema.
template <typename Tag>
OpSchema GetOpSchema();

// Domain tags used in schema keys.
#define ONNXFORGE_DOMAIN_Onnx ::onnxforge::kOnnxDomain
#define ONNXFORGE_DOMAIN_OnnxML ::onnxforge::kMlDomain
#define ONNXFORGE_DOMAIN_OnnxTraining ::onnxforge::kTrainingDomain
#define ONNXFORGE_DOMAIN_OnnxPreviewTraining ::onnxforge::kPreviewTrainingDomain
#define ONNXFORGE_DOMAIN_OnnxPreview ::onnxforge::kPreviewDomain

#define ONNXFORGE_SCHEMA_KEY(domain_tag, name, version) \
  SchemaKey_##domain_tag##_##name##_ver##version

// Declares the key of a schema version; operator_sets*.h lists these.
#define ONNXFORGE_DECLARE_SCHEMA(domain_tag, name, version) \
  class ONNXFORGE_SCHEMA_KEY(domain_tag, name, version)

// Defines one schema version; the braces that follow fill in `schema`, whose
// name, domain, version, file and line are already set. Use inside
// namespace onnxforge:
//
//   ONNXFORGE_SCHEMA(Onnx, Abs, 13) {
//     return schema.Doc("...").Input(0, "X", "...", "T")...;
//   }
#define ONNXFORGE_SCHEMA(domain_tag, name, version)                            \
  class ONNXFORGE_SCHEMA_KEY(domain_tag, name, version);                       \
  static OpSchema Fill_##domain_tag##_##name##_ver##version(OpSchema schema);  \
  template <>                                                                  \
  OpSchema GetOpSchema<ONNXFORGE_SCHEMA_KEY(domain_tag, name, version)>() {    \
    return Fill_##domain_tag##_##name##_ver##version(                          \
        OpSchema(#name, ONNXFORGE_DOMAIN_##domain_tag, version, __FILE__,      \
                 __LINE__));                                                   \
  }                                                                            \
  [[maybe_unused]] static const bool kDefined_##domain_tag##_##name##_ver##version = \
      ::onnxforge::internal::NoteDefinedSchema(                                \
          #name, ONNXFORGE_DOMAIN_##domain_tag, version, __FILE__, __LINE__);  \
  static OpSchema Fill_##domain_tag##_##name##_ver##version(OpSchema schema)

// One line of an opset class: registers a schema version.
#define ONNXFORGE_REGISTER(domain_tag, name, version) \
  fn(GetOpSchema<ONNXFORGE_SCHEMA_KEY(domain_tag, name, version)>())

namespace internal {
// Records that a schema was defined, so the registry can report definitions
// that no opset class registers.
bool NoteDefinedSchema(const char* name, const char* domain, int version,
                       const char* file, int line);
struct DefinedSchema {
  std::string name, domain;
  int version;
  const char* file;
  int line;
};
const std::vector<DefinedSchema>& DefinedSchemas();
}  // namespace internal

// ---- The registry ------------------------------------------------------------

// A problem found while registering: a duplicate, a since_version outside the
// domain's range, a schema registered by the wrong opset class, or a schema
// defined but never registered.
struct RegistryProblem {
  std::string file;
  int line = 0;
  std::string message;
};

class SchemaRegistry {
 public:
  // The registry of every built-in schema, built on first use.
  static const SchemaRegistry& Instance();

  // For tests only: adds `schema` to Instance(), registered by the opset
  // class of its own since_version, so that a test can define ops the spec
  // does not have. An error lists the problems Register finds, one a line
  // ("file:line: message"); problems() keeps none of them, so the lint still
  // sees only the spec's. Not thread-safe: call it before any other thread
  // looks the op up.
  static absl::Status RegisterForTesting(OpSchema schema);

  // Adds a schema registered by the opset class `opset_class_version` of its
  // domain. Problems are recorded, not fatal.
  void Register(OpSchema schema, int opset_class_version);

  // The version of (domain, op) in force at `opset`: the largest
  // since_version not above `opset`. nullptr when there is none.
  const OpSchema* Lookup(std::string_view op, int opset,
                         std::string_view domain = kOnnxDomain) const;
  // Exactly this version, or nullptr.
  const OpSchema* Exact(std::string_view op, int since_version,
                        std::string_view domain = kOnnxDomain) const;
  // Every version of (domain, op), oldest first.
  std::vector<const OpSchema*> Versions(std::string_view op,
                                        std::string_view domain = kOnnxDomain) const;

  // Every schema, sorted by domain, name, since_version.
  std::vector<const OpSchema*> All() const;
  // Distinct op names per domain.
  std::vector<std::pair<std::string, std::string>> Ops() const;  // (domain, name)

  const std::vector<RegistryProblem>& problems() const { return problems_; }

 private:
  // Instance(), writable: only registry.cc builds it and RegisterForTesting
  // adds to it.
  static SchemaRegistry& MutableInstance();
  void CheckAllDefinedAreRegistered();

  // (domain, name) -> since_version -> schema
  std::map<std::pair<std::string, std::string>,
           std::map<int, std::unique_ptr<OpSchema>>>
      schemas_;
  std::vector<RegistryProblem> problems_;
};

// The versions of the opset classes a domain has in operator_sets*.h; the
// lint compares them with the domain's range.
std::vector<int> RegisteredOpsetClassVersions(std::string_view domain);

// Name for an attribute type as the spec json writes it ("INT", "FLOATS").
const char* AttributeTypeName(AttributeProto::AttributeType type);

}  // namespace onnxforge
