#include "onnx_defs/schema.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"

namespace onnxforge {

const DomainOpsetRange* FindDomainOpsetRange(std::string_view domain) {
  domain = CanonicalDomain(domain);
  for (const auto& range : kDomainOpsetRanges) {
    if (domain == range.domain) return &range;
  }
  return nullptr;
}

std::string_view CanonicalDomain(std::string_view domain) {
  return domain == kOnnxDomainAlias ? std::string_view(kOnnxDomain) : domain;
}

OpSchema::OpSchema(std::string name, std::string domain, int since_version,
                   const char* file, int line)
    : name_(std::move(name)),
      domain_(std::move(domain)),
      since_version_(since_version),
      file_(file),
      line_(line) {}

OpSchema& OpSchema::Doc(std::string doc) {
  doc_ = std::move(doc);
  return *this;
}

OpSchema& OpSchema::Deprecate() {
  deprecated_ = true;
  return *this;
}

OpSchema& OpSchema::Experimental() {
  support_level_ = SupportLevel::kExperimental;
  return *this;
}

OpSchema& OpSchema::NonDeterministic() {
  node_determinism_ = NodeDeterminism::kNonDeterministic;
  return *this;
}

OpSchema& OpSchema::AddAttribute(AttributeDef def) {
  if (def.default_value) def.default_value->set_type(def.type);
  attributes_.push_back(std::move(def));
  return *this;
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type, bool required) {
  return AddAttribute({std::move(name), std::move(description), type, required, std::nullopt});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type, int64_t value) {
  AttributeProto proto;
  proto.set_i(value);
  return AddAttribute({std::move(name), std::move(description), type, false, proto});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type, float value) {
  AttributeProto proto;
  proto.set_f(value);
  return AddAttribute({std::move(name), std::move(description), type, false, proto});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type, const char* value) {
  AttributeProto proto;
  proto.set_s(value);
  return AddAttribute({std::move(name), std::move(description), type, false, proto});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type,
                         std::vector<int64_t> value) {
  AttributeProto proto;
  for (int64_t v : value) proto.add_ints(v);
  return AddAttribute({std::move(name), std::move(description), type, false, proto});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type,
                         std::vector<float> value) {
  AttributeProto proto;
  for (float v : value) proto.add_floats(v);
  return AddAttribute({std::move(name), std::move(description), type, false, proto});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         AttributeProto::AttributeType type,
                         std::vector<std::string> value) {
  AttributeProto proto;
  for (auto& v : value) proto.add_strings(v);
  return AddAttribute({std::move(name), std::move(description), type, false, proto});
}

OpSchema& OpSchema::Attr(std::string name, std::string description,
                         const AttributeProto& value) {
  return AddAttribute({std::move(name), std::move(description), value.type(), false, value});
}

OpSchema& OpSchema::AddFormal(std::vector<FormalParameter>& list, int index,
                              FormalParameter p) {
  if (static_cast<int>(list.size()) <= index) list.resize(index + 1);
  list[index] = std::move(p);
  return *this;
}

OpSchema& OpSchema::Input(int index, std::string name, std::string description,
                          std::string type_str, FormalOption option,
                          bool is_homogeneous, int min_arity,
                          Differentiability differentiability) {
  return AddFormal(inputs_, index,
                   {std::move(name), std::move(type_str), std::move(description),
                    option, is_homogeneous, min_arity, differentiability});
}

OpSchema& OpSchema::Output(int index, std::string name, std::string description,
                           std::string type_str, FormalOption option,
                           bool is_homogeneous, int min_arity,
                           Differentiability differentiability) {
  return AddFormal(outputs_, index,
                   {std::move(name), std::move(type_str), std::move(description),
                    option, is_homogeneous, min_arity, differentiability});
}

OpSchema& OpSchema::TypeConstraint(std::string type_param_str,
                                   std::vector<std::string> allowed_type_strs,
                                   std::string description) {
  type_constraints_.push_back({std::move(type_param_str),
                               std::move(allowed_type_strs),
                               std::move(description)});
  return *this;
}

OpSchema& OpSchema::NumInputs(int min, int max) {
  min_input_ = min;
  max_input_ = max;
  return *this;
}

OpSchema& OpSchema::NumOutputs(int min, int max) {
  min_output_ = min;
  max_output_ = max;
  return *this;
}

OpSchema& OpSchema::AllowedInputCounts(std::vector<int> counts) {
  allowed_input_counts_ = std::move(counts);
  return *this;
}

OpSchema& OpSchema::TypeAndShapeInference(InferenceFunction fn) {
  inference_ = std::move(fn);
  return *this;
}

OpSchema& OpSchema::DataPropagation(DataPropagationFunction fn) {
  propagation_ = std::move(fn);
  return *this;
}

OpSchema& OpSchema::FunctionBody(std::string text, int opset) {
  function_bodies_[opset] = std::move(text);
  return *this;
}

OpSchema& OpSchema::ContextDependentFunctionBody(FunctionBodyBuilder builder,
                                                 int opset) {
  function_builders_[opset] = std::move(builder);
  return *this;
}

const AttributeDef* OpSchema::FindAttribute(std::string_view name) const {
  for (const auto& a : attributes_) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const TypeConstraint* OpSchema::FindTypeConstraint(std::string_view param) const {
  for (const auto& c : type_constraints_) {
    if (c.type_param_str == param) return &c;
  }
  return nullptr;
}

bool OpSchema::AcceptsInputCount(int n) const {
  if (!allowed_input_counts_.empty()) {
    return std::find(allowed_input_counts_.begin(), allowed_input_counts_.end(),
                     n) != allowed_input_counts_.end();
  }
  return n >= min_input_ && n <= max_input_;
}

bool OpSchema::AcceptsOutputCount(int n) const {
  return n >= min_output_ && n <= max_output_;
}

std::vector<int> OpSchema::function_opset_versions() const {
  std::vector<int> out;
  for (const auto& [opset, text] : function_bodies_) out.push_back(opset);
  return out;
}

std::vector<int> OpSchema::context_dependent_function_opset_versions() const {
  std::vector<int> out;
  for (const auto& [opset, builder] : function_builders_) out.push_back(opset);
  return out;
}

template <typename Map>
static const typename Map::mapped_type* InForceAt(const Map& by_opset, int opset) {
  auto it = by_opset.upper_bound(opset);
  if (it == by_opset.begin()) return nullptr;
  return &std::prev(it)->second;
}

const std::string* OpSchema::FunctionBodyText(int opset) const {
  return InForceAt(function_bodies_, opset);
}

const FunctionBodyBuilder* OpSchema::FunctionBodyBuilderAt(int opset) const {
  return InForceAt(function_builders_, opset);
}

std::string OpSchema::Describe() const {
  return absl::StrCat(name_, "-", since_version_, " (",
                      domain_.empty() ? "ai.onnx" : domain_, ")");
}

// The arity the formal parameters imply: every single input counts, an
// optional one only towards the maximum, a variadic one opens the maximum.
static void DeriveArity(const std::vector<FormalParameter>& formals, int* min,
                        int* max) {
  if (*min >= 0) return;  // set explicitly
  int lo = 0, hi = 0;
  for (const auto& p : formals) {
    switch (p.option) {
      case FormalOption::kSingle:
        lo = hi + 1;
        ++hi;
        break;
      case FormalOption::kOptional:
        ++hi;
        break;
      case FormalOption::kVariadic:
        lo = hi + p.min_arity;
        hi = std::numeric_limits<int>::max();
        break;
    }
  }
  *min = lo;
  *max = hi;
}

void OpSchema::Finalize() {
  DeriveArity(inputs_, &min_input_, &max_input_);
  DeriveArity(outputs_, &min_output_, &max_output_);
}

const char* AttributeTypeName(AttributeProto::AttributeType type) {
  switch (type) {
    case AttributeProto::FLOAT: return "FLOAT";
    case AttributeProto::INT: return "INT";
    case AttributeProto::STRING: return "STRING";
    case AttributeProto::TENSOR: return "TENSOR";
    case AttributeProto::GRAPH: return "GRAPH";
    case AttributeProto::SPARSE_TENSOR: return "SPARSE_TENSOR";
    case AttributeProto::TYPE_PROTO: return "TYPE_PROTO";
    case AttributeProto::FLOATS: return "FLOATS";
    case AttributeProto::INTS: return "INTS";
    case AttributeProto::STRINGS: return "STRINGS";
    case AttributeProto::TENSORS: return "TENSORS";
    case AttributeProto::GRAPHS: return "GRAPHS";
    case AttributeProto::SPARSE_TENSORS: return "SPARSE_TENSORS";
    case AttributeProto::TYPE_PROTOS: return "TYPE_PROTOS";
    default: return "UNDEFINED";
  }
}

// ---- Definitions noted at static-initialisation time ----

namespace internal {
static std::vector<DefinedSchema>& MutableDefinedSchemas() {
  static auto* list = new std::vector<DefinedSchema>();
  return *list;
}

bool NoteDefinedSchema(const char* name, const char* domain, int version,
                       const char* file, int line) {
  MutableDefinedSchemas().push_back({name, domain, version, file, line});
  return true;
}

const std::vector<DefinedSchema>& DefinedSchemas() {
  return MutableDefinedSchemas();
}
}  // namespace internal

// ---- Registry ----

void SchemaRegistry::Register(OpSchema schema, int opset_class_version) {
  schema.Finalize();
  const std::string where = schema.file();
  const int line = schema.line();
  const DomainOpsetRange* range = FindDomainOpsetRange(schema.domain());
  if (range == nullptr) {
    problems_.push_back({where, line,
                         absl::StrCat(schema.Describe(), ": domain '",
                                      schema.domain(), "' has no opset range in schema.h")});
    return;
  }
  if (schema.since_version() < range->min_version ||
      schema.since_version() > range->max_version) {
    problems_.push_back(
        {where, line,
         absl::StrCat(schema.Describe(), ": since_version ", schema.since_version(),
                      " is outside the domain's opset range ", range->min_version,
                      "..", range->max_version, " in schema.h")});
  }
  if (schema.since_version() != opset_class_version) {
    problems_.push_back(
        {where, line,
         absl::StrCat(schema.Describe(), " is registered by the opset ",
                      opset_class_version, " class; register it in opset ",
                      schema.since_version(), ", which introduced it")});
  }
  auto& versions = schemas_[{schema.domain(), schema.name()}];
  if (versions.count(schema.since_version())) {
    problems_.push_back({where, line,
                         absl::StrCat(schema.Describe(), " is registered twice")});
    return;
  }
  int since = schema.since_version();
  versions[since] = std::make_unique<OpSchema>(std::move(schema));
}

void SchemaRegistry::CheckAllDefinedAreRegistered() {
  std::set<std::tuple<std::string, std::string, int>> seen;
  for (const auto& d : internal::DefinedSchemas()) {
    if (!seen.insert({d.domain, d.name, d.version}).second) {
      problems_.push_back({d.file, d.line,
                           absl::StrCat(d.name, "-", d.version,
                                        " is defined more than once")});
    }
    if (Exact(d.name, d.version, d.domain) == nullptr) {
      problems_.push_back(
          {d.file, d.line,
           absl::StrCat(d.name, "-", d.version, " (",
                        d.domain.empty() ? "ai.onnx" : d.domain,
                        ") is defined but no opset class in operator_sets*.h registers it")});
    }
  }
}

const OpSchema* SchemaRegistry::Lookup(std::string_view op, int opset,
                                       std::string_view domain) const {
  auto it = schemas_.find({std::string(CanonicalDomain(domain)), std::string(op)});
  if (it == schemas_.end()) return nullptr;
  auto v = it->second.upper_bound(opset);
  if (v == it->second.begin()) return nullptr;
  return std::prev(v)->second.get();
}

const OpSchema* SchemaRegistry::Exact(std::string_view op, int since_version,
                                      std::string_view domain) const {
  auto it = schemas_.find({std::string(CanonicalDomain(domain)), std::string(op)});
  if (it == schemas_.end()) return nullptr;
  auto v = it->second.find(since_version);
  return v == it->second.end() ? nullptr : v->second.get();
}

std::vector<const OpSchema*> SchemaRegistry::Versions(std::string_view op,
                                                      std::string_view domain) const {
  std::vector<const OpSchema*> out;
  auto it = schemas_.find({std::string(CanonicalDomain(domain)), std::string(op)});
  if (it == schemas_.end()) return out;
  for (const auto& [since, schema] : it->second) out.push_back(schema.get());
  return out;
}

std::vector<const OpSchema*> SchemaRegistry::All() const {
  std::vector<const OpSchema*> out;
  for (const auto& [key, versions] : schemas_) {
    for (const auto& [since, schema] : versions) out.push_back(schema.get());
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> SchemaRegistry::Ops() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, versions] : schemas_) out.push_back(key);
  return out;
}

}  // namespace onnxforge
