// The kernel API: how an operator version computes its outputs.
//
// A kernel is one function per operator, registered for the range of schema
// versions it implements, reading like the operator's spec:
//
//   ONNXFORGE_KERNEL(Onnx, Relu, 6, 14) {
//     const Tensor& x = ctx.input(0);
//     return Dispatch<types::SignedNumeric>(x.type(), [&](auto tag) -> absl::Status {
//       using T = ONNXFORGE_TYPE(tag);
//       ctx.set_output(0, UnaryMap<T, T>(x, [](T v) { return v < T(0) ? T(0) : v; }));
//       return absl::OkStatus();
//     });
//   }
//
// The executor picks the kernel whose [first, last] range holds the
// since_version of the schema in force at the node's opset. `first` is a
// schema version; `last` is the newest schema version covered (or any
// opset below the next version's since_version). The executor checks the
// inputs against the schema (count, required ones present, value kinds and
// element types allowed by the type constraints), runs the kernel, and
// prefixes any error with the node and op: "node 3 'relu1' (Relu-14): ...".
//
// Getters never fail outward: a missing or ill-typed attribute or input
// records an error and returns an empty value; the executor reports the
// first recorded error in place of the kernel's result. So a kernel reads
// its arguments plainly and returns only its own errors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ir/onnx.pb.h"
#include "onnx_defs/schema.h"
#include "reference/axis.h"
#include "reference/broadcast.h"
#include "reference/dispatch.h"
#include "reference/node_state.h"
#include "reference/status_macros.h"
#include "reference/tensor.h"
#include "reference/value.h"

namespace onnxforge::reference {

// Runs a graph attribute of the node being computed, with the names of the
// enclosing scopes visible. Implemented by the executor.
class SubgraphRunner {
 public:
  virtual ~SubgraphRunner() = default;
  // Binds `inputs` to the graph's inputs in order and returns its outputs.
  virtual absl::StatusOr<std::vector<Value>> RunSubgraph(const GraphProto& graph,
                                                         const std::vector<Value>& inputs) = 0;
};

class KernelContext {
 public:
  // `inputs` has one entry per node input; nullptr for an omitted one.
  // `kept` holds the states kernels keep across runs; null where nothing is
  // kept (nodes the executor makes afresh for one run, tests).
  KernelContext(const NodeProto& node, const OpSchema& schema, int opset,
                std::vector<const Value*> inputs, SubgraphRunner* subgraphs,
                NodeStateCache* kept = nullptr);

  // ---- The node ----
  const NodeProto& node() const { return node_; }
  const OpSchema& schema() const { return schema_; }
  // The opset of the node's domain the model imports.
  int opset() const { return opset_; }
  // The since_version of the schema in force (within the kernel's range).
  int since_version() const { return schema_.since_version(); }

  // ---- Inputs ----
  // The node's input count, omitted optional inputs included.
  int num_inputs() const { return static_cast<int>(inputs_.size()); }
  // False for an omitted optional input (an empty name) and past the end.
  bool has_input(int index) const;
  // Input `index` as a tensor. Records an error when it is omitted or not a
  // tensor, and then returns an empty tensor.
  const Tensor& input(int index) const;
  // Input `index` of any kind; a none Value when omitted.
  const Value& value(int index) const;

  // ---- Attributes ----
  // The node's attribute, else the schema's default, else nullptr.
  const AttributeProto* attribute(const std::string& name) const;
  // True when the node sets the attribute (defaults do not count).
  bool has_attr(const std::string& name) const;
  // The attribute's value, the schema's default applied. With no value and
  // no default, the first form records an error ("attribute 'axis' is
  // required") and the second returns `fallback`. A value of the wrong type
  // records an error.
  int64_t attr_int(const std::string& name) const;
  int64_t attr_int(const std::string& name, int64_t fallback) const;
  float attr_float(const std::string& name) const;
  float attr_float(const std::string& name, float fallback) const;
  std::string attr_string(const std::string& name) const;
  std::string attr_string(const std::string& name, const std::string& fallback) const;
  std::vector<int64_t> attr_ints(const std::string& name) const;
  std::vector<int64_t> attr_ints(const std::string& name,
                                 const std::vector<int64_t>& fallback) const;
  std::vector<float> attr_floats(const std::string& name) const;
  std::vector<float> attr_floats(const std::string& name, const std::vector<float>& fallback) const;
  std::vector<std::string> attr_strings(const std::string& name) const;
  std::vector<std::string> attr_strings(const std::string& name,
                                        const std::vector<std::string>& fallback) const;
  // A TENSOR attribute converted to a Tensor (empty tensor on error).
  Tensor attr_tensor(const std::string& name) const;
  // A GRAPH attribute; nullptr (and an error recorded) when absent.
  const GraphProto* attr_graph(const std::string& name) const;
  // A TYPE_PROTO attribute; an empty TypeProto (and an error) when absent.
  TypeProto attr_type(const std::string& name) const;

  // ---- State kept across runs ----
  // A state that depends on the node's attributes (and on `variant`, say
  // X's element type, where that matters) and on nothing else: `build()`
  // makes it (returning absl::StatusOr<State>) at the node's first run, the
  // Evaluator keeps it, and the node's later runs with the same variant get
  // the kept one. A node's attributes cannot change while its Evaluator
  // lives, so a kept state never goes stale; it must not depend on the
  // node's inputs. An error from `build`, or one a getter recorded while it
  // ran, is returned and nothing is kept. Without a cache (the nodes of
  // function bodies, made afresh for each call) it is built every time.
  template <typename State, typename Build>
  absl::StatusOr<std::shared_ptr<const State>> KeptState(int64_t variant, Build&& build);

  // ---- Subgraphs ----
  // Runs the graph attribute `graph_attr` with `inputs` bound to its inputs.
  absl::StatusOr<std::vector<Value>> run_subgraph(const std::string& graph_attr,
                                                  const std::vector<Value>& inputs);

  // ---- Outputs ----
  // The node's output count, omitted optional outputs included.
  int num_outputs() const { return node_.output_size(); }
  // False for an omitted optional output (an empty name): a kernel may skip
  // computing it.
  bool has_output(int index) const;
  // Sets output `index` (a Tensor converts to a Value). Indexes past the
  // node's outputs are ignored.
  void set_output(int index, Value value);

  // ---- Used by the executor ----
  // The first error a getter recorded, or OK.
  const absl::Status& recorded_error() const { return recorded_error_; }
  std::vector<Value>& outputs() { return outputs_; }
  std::vector<bool>& outputs_set() { return outputs_set_; }
  // Records `status` unless an earlier error is recorded.
  void RecordError(absl::Status status) const;

 private:
  const AttributeProto* TypedAttribute(const std::string& name,
                                       AttributeProto::AttributeType type,
                                       bool required) const;

  const NodeProto& node_;
  const OpSchema& schema_;
  int opset_;
  std::vector<const Value*> inputs_;
  SubgraphRunner* subgraphs_;
  NodeStateCache* kept_;
  std::vector<Value> outputs_;
  std::vector<bool> outputs_set_;
  mutable absl::Status recorded_error_;
};

template <typename State, typename Build>
absl::StatusOr<std::shared_ptr<const State>> KernelContext::KeptState(int64_t variant,
                                                                      Build&& build) {
  const NodeStateCache::Key key{&node_, NodeStateCache::TypeTag<State>(), variant};
  if (kept_ != nullptr) {
    if (std::shared_ptr<const void> found = kept_->Find(key)) {
      return std::static_pointer_cast<const State>(std::move(found));
    }
  }
  absl::StatusOr<State> built = build();
  if (!built.ok()) return built.status();
  if (!recorded_error_.ok()) return recorded_error_;
  auto state = std::make_shared<const State>(*std::move(built));
  if (kept_ == nullptr) return state;
  return std::static_pointer_cast<const State>(kept_->Insert(key, std::move(state)));
}

// A kernel: computes the node's outputs with ctx.set_output; returns the
// kernel's own errors (the executor adds the node and op).
using KernelFunction = absl::Status (*)(KernelContext& ctx);

// ---- Registry -----------------------------------------------------------------

struct KernelEntry {
  std::string domain;  // "" for ai.onnx
  std::string op;
  int first_version;   // schema since_versions the kernel implements
  int last_version;
  KernelFunction fn;
  const char* file;
  int line;
};

class KernelRegistry {
 public:
  static KernelRegistry& Instance();

  // Adds a kernel; an overlap with a kernel of the same op is recorded as a
  // problem and the later kernel ignored.
  void Register(KernelEntry entry);
  // The kernel whose range holds `since_version`, or nullptr.
  const KernelEntry* Find(const std::string& domain, const std::string& op,
                          int since_version) const;
  // Every kernel, sorted by domain, op and first version.
  std::vector<const KernelEntry*> All() const;
  // Overlapping registrations, as "file:line: ..." messages.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<KernelEntry> entries_;
  std::vector<std::string> problems_;
};

namespace internal {
bool RegisterKernel(const char* domain, const char* op, int first_version, int last_version,
                    KernelFunction fn, const char* file, int line);
}  // namespace internal

// Defines the kernel of (domain, op) for schema versions first..last; the
// braces that follow are its body, with `KernelContext& ctx` in scope.
// Domain tags as in ONNXFORGE_SCHEMA: Onnx, OnnxML, OnnxTraining,
// OnnxPreviewTraining, OnnxPreview. Use inside namespace
// onnxforge::reference.
#define ONNXFORGE_KERNEL(domain_tag, op, first, last)                                  \
  static absl::Status Kernel_##domain_tag##_##op##_##first##_##last(KernelContext& ctx); \
  [[maybe_unused]] static const bool kKernelRegistered_##domain_tag##_##op##_##first =  \
      ::onnxforge::reference::internal::RegisterKernel(                                 \
          ONNXFORGE_DOMAIN_##domain_tag, #op, first, last,                              \
          &Kernel_##domain_tag##_##op##_##first##_##last, __FILE__, __LINE__);          \
  static absl::Status Kernel_##domain_tag##_##op##_##first##_##last(KernelContext& ctx)

// ---- Small helpers kernels share ----------------------------------------------

// An InvalidArgument error from pieces, as StrCat joins them.
template <typename... Args>
absl::Status KernelError(const Args&... parts) {
  return absl::InvalidArgumentError(absl::StrCat(AsStrCatPiece(parts)...));
}

// For the broadcast/axis attributes of Add, Sub, Mul, Div, ... before
// opset 7: returns b reshaped so that numpy broadcasting against a gives
// the old semantics. broadcast=0 requires equal shapes; broadcast=1 aligns
// b's shape with a's dims starting at `axis` (default: a's trailing dims).
absl::StatusOr<Tensor> LegacyBroadcastOperand(const KernelContext& ctx, const Tensor& a,
                                              const Tensor& b);

}  // namespace onnxforge::reference
