#include "reference/kernel.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"

namespace onnxforge::reference {
namespace {

const Tensor& EmptyTensor() {
  static const Tensor* empty = new Tensor();
  return *empty;
}

const Value& NoneValue() {
  static const Value* none = new Value();
  return *none;
}

std::string AttrTypeName(AttributeProto::AttributeType type) {
  return AttributeTypeName(type);
}

}  // namespace

// ---- KernelContext --------------------------------------------------------------

KernelContext::KernelContext(const NodeProto& node, const OpSchema& schema, int opset,
                             std::vector<const Value*> inputs, SubgraphRunner* subgraphs,
                             NodeStateCache* kept)
    : node_(node),
      schema_(schema),
      opset_(opset),
      inputs_(std::move(inputs)),
      subgraphs_(subgraphs),
      kept_(kept),
      outputs_(node.output_size()),
      outputs_set_(node.output_size(), false) {}

void KernelContext::RecordError(absl::Status status) const {
  if (recorded_error_.ok() && !status.ok()) recorded_error_ = std::move(status);
}

bool KernelContext::has_input(int index) const {
  return index >= 0 && index < num_inputs() && inputs_[index] != nullptr &&
         !inputs_[index]->is_none();
}

const Value& KernelContext::value(int index) const {
  return has_input(index) ? *inputs_[index] : NoneValue();
}

const Tensor& KernelContext::input(int index) const {
  if (!has_input(index)) {
    RecordError(KernelError("input ", index, " is missing"));
    return EmptyTensor();
  }
  const Value& v = *inputs_[index];
  if (!v.is_tensor()) {
    RecordError(KernelError("input ", index, " must be a tensor, got ", v.TypeString()));
    return EmptyTensor();
  }
  return v.tensor();
}

const AttributeProto* KernelContext::attribute(const std::string& name) const {
  for (const AttributeProto& attr : node_.attribute()) {
    if (attr.name() == name) return &attr;
  }
  const AttributeDef* def = schema_.FindAttribute(name);
  if (def != nullptr && def->default_value.has_value()) return &*def->default_value;
  return nullptr;
}

bool KernelContext::has_attr(const std::string& name) const {
  for (const AttributeProto& attr : node_.attribute()) {
    if (attr.name() == name) return true;
  }
  return false;
}

const AttributeProto* KernelContext::TypedAttribute(const std::string& name,
                                                    AttributeProto::AttributeType type,
                                                    bool required) const {
  const AttributeProto* attr = attribute(name);
  if (attr == nullptr) {
    if (required) RecordError(KernelError("attribute '", name, "' is required"));
    return nullptr;
  }
  if (!attr->ref_attr_name().empty()) {
    RecordError(KernelError("attribute '", name, "' refers to '", attr->ref_attr_name(),
                            "', which only a function body can resolve"));
    return nullptr;
  }
  // Attributes written without a type (older models) are taken by what they hold.
  if (attr->type() != type && attr->type() != AttributeProto::UNDEFINED) {
    RecordError(KernelError("attribute '", name, "' must be ", AttrTypeName(type), ", got ",
                            AttrTypeName(attr->type())));
    return nullptr;
  }
  return attr;
}

int64_t KernelContext::attr_int(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::INT, true);
  return a ? a->i() : 0;
}
int64_t KernelContext::attr_int(const std::string& name, int64_t fallback) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::INT, false);
  return a ? a->i() : fallback;
}
float KernelContext::attr_float(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::FLOAT, true);
  return a ? a->f() : 0.0f;
}
float KernelContext::attr_float(const std::string& name, float fallback) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::FLOAT, false);
  return a ? a->f() : fallback;
}
std::string KernelContext::attr_string(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::STRING, true);
  return a ? a->s() : std::string();
}
std::string KernelContext::attr_string(const std::string& name,
                                       const std::string& fallback) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::STRING, false);
  return a ? a->s() : fallback;
}
std::vector<int64_t> KernelContext::attr_ints(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::INTS, true);
  return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : std::vector<int64_t>();
}
std::vector<int64_t> KernelContext::attr_ints(const std::string& name,
                                              const std::vector<int64_t>& fallback) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::INTS, false);
  return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : fallback;
}
std::vector<float> KernelContext::attr_floats(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::FLOATS, true);
  return a ? std::vector<float>(a->floats().begin(), a->floats().end()) : std::vector<float>();
}
std::vector<float> KernelContext::attr_floats(const std::string& name,
                                              const std::vector<float>& fallback) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::FLOATS, false);
  return a ? std::vector<float>(a->floats().begin(), a->floats().end()) : fallback;
}
std::vector<std::string> KernelContext::attr_strings(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::STRINGS, true);
  return a ? std::vector<std::string>(a->strings().begin(), a->strings().end())
           : std::vector<std::string>();
}
std::vector<std::string> KernelContext::attr_strings(
    const std::string& name, const std::vector<std::string>& fallback) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::STRINGS, false);
  return a ? std::vector<std::string>(a->strings().begin(), a->strings().end()) : fallback;
}

Tensor KernelContext::attr_tensor(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::TENSOR, true);
  if (a == nullptr) return Tensor();
  absl::StatusOr<Tensor> t = Tensor::FromProto(a->t());
  if (!t.ok()) {
    RecordError(KernelError("attribute '", name, "': ", t.status().message()));
    return Tensor();
  }
  return *std::move(t);
}

const GraphProto* KernelContext::attr_graph(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::GRAPH, true);
  return a ? &a->g() : nullptr;
}

TypeProto KernelContext::attr_type(const std::string& name) const {
  const AttributeProto* a = TypedAttribute(name, AttributeProto::TYPE_PROTO, true);
  return a ? a->tp() : TypeProto();
}

absl::StatusOr<std::vector<Value>> KernelContext::run_subgraph(const std::string& graph_attr,
                                                               const std::vector<Value>& inputs) {
  const GraphProto* graph = attr_graph(graph_attr);
  if (graph == nullptr) {
    absl::Status error = recorded_error_;
    return error.ok() ? KernelError("attribute '", graph_attr, "' is not a graph") : error;
  }
  if (subgraphs_ == nullptr) {
    return absl::FailedPreconditionError("this context cannot run subgraphs");
  }
  if (graph->input_size() != static_cast<int>(inputs.size())) {
    return KernelError("attribute '", graph_attr, "': the graph takes ", graph->input_size(),
                       " inputs but ", inputs.size(), " were given");
  }
  absl::StatusOr<std::vector<Value>> outputs = subgraphs_->RunSubgraph(*graph, inputs);
  if (!outputs.ok()) {
    return absl::Status(outputs.status().code(), absl::StrCat("in attribute '", graph_attr, "': ",
                                                              outputs.status().message()));
  }
  return outputs;
}

bool KernelContext::has_output(int index) const {
  return index >= 0 && index < num_outputs() && !node_.output(index).empty();
}

void KernelContext::set_output(int index, Value value) {
  if (index < 0 || index >= num_outputs()) return;
  outputs_[index] = std::move(value);
  outputs_set_[index] = true;
}

// ---- Registry -------------------------------------------------------------------

KernelRegistry& KernelRegistry::Instance() {
  static auto* registry = new KernelRegistry();
  return *registry;
}

void KernelRegistry::Register(KernelEntry entry) {
  for (const KernelEntry& e : entries_) {
    if (e.domain == entry.domain && e.op == entry.op &&
        e.first_version <= entry.last_version && entry.first_version <= e.last_version) {
      problems_.push_back(absl::StrCat(entry.file, ":", entry.line, ": kernel ", entry.op, " ",
                                       entry.first_version, "..", entry.last_version,
                                       " overlaps the kernel at ", e.file, ":", e.line,
                                       " (versions ", e.first_version, "..", e.last_version,
                                       ")"));
      return;
    }
  }
  if (entry.first_version > entry.last_version) {
    problems_.push_back(absl::StrCat(entry.file, ":", entry.line, ": kernel ", entry.op,
                                     " has an empty version range ", entry.first_version, "..",
                                     entry.last_version));
    return;
  }
  entries_.push_back(std::move(entry));
}

const KernelEntry* KernelRegistry::Find(const std::string& domain, const std::string& op,
                                        int since_version) const {
  const std::string canonical(CanonicalDomain(domain));
  for (const KernelEntry& e : entries_) {
    if (e.domain == canonical && e.op == op && e.first_version <= since_version &&
        since_version <= e.last_version) {
      return &e;
    }
  }
  return nullptr;
}

std::vector<const KernelEntry*> KernelRegistry::All() const {
  std::vector<const KernelEntry*> out;
  for (const KernelEntry& e : entries_) out.push_back(&e);
  std::sort(out.begin(), out.end(), [](const KernelEntry* a, const KernelEntry* b) {
    return std::tie(a->domain, a->op, a->first_version) <
           std::tie(b->domain, b->op, b->first_version);
  });
  return out;
}

namespace internal {
bool RegisterKernel(const char* domain, const char* op, int first_version, int last_version,
                    KernelFunction fn, const char* file, int line) {
  KernelRegistry::Instance().Register(
      KernelEntry{domain, op, first_version, last_version, fn, file, line});
  return true;
}
}  // namespace internal

// ---- Legacy broadcasting -----------------------------------------------------------

absl::StatusOr<Tensor> LegacyBroadcastOperand(const KernelContext& ctx, const Tensor& a,
                                              const Tensor& b) {
  if (ctx.attr_int("broadcast", 0) == 0) {
    if (a.shape() != b.shape()) {
      return KernelError("without broadcast=1 the inputs must have equal shapes, got ",
                         ShapeString(a.shape()), " and ", ShapeString(b.shape()));
    }
    return b;
  }
  const int64_t rank_a = a.rank();
  const int64_t rank_b = b.rank();
  if (rank_b > rank_a) {
    return KernelError("B of shape ", ShapeString(b.shape()), " has more dims than A of shape ",
                       ShapeString(a.shape()));
  }
  // A scalar or one-element B broadcasts everywhere.
  if (rank_b == 0) return b;
  int64_t axis = rank_a - rank_b;
  if (ctx.has_attr("axis")) {
    absl::StatusOr<int64_t> resolved = ResolveAxis(ctx.attr_int("axis"), rank_a, "attribute 'axis'");
    if (!resolved.ok()) return resolved.status();
    axis = *resolved;
  }
  if (axis + rank_b > rank_a) {
    return KernelError("B of shape ", ShapeString(b.shape()), " does not fit A of shape ",
                       ShapeString(a.shape()), " from axis ", axis);
  }
  for (int64_t i = 0; i < rank_b; ++i) {
    if (b.dim(i) != a.dim(axis + i) && b.dim(i) != 1) {
      return KernelError("B of shape ", ShapeString(b.shape()), " does not match A of shape ",
                         ShapeString(a.shape()), " from axis ", axis);
    }
  }
  std::vector<int64_t> shape = b.shape();
  shape.resize(rank_a - axis, 1);
  return b.Reshaped(shape);
}

}  // namespace onnxforge::reference
