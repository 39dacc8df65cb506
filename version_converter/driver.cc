#include "version_converter/driver.h"

#include <deque>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/schema.h"
#include "version_converter/registry.h"
#include "version_converter/scope.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

using NodeList = google::protobuf::RepeatedPtrField<NodeProto>;

std::string DomainName(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

bool Convertible(const std::string& domain) { return domain.empty() || domain == kMlDomain; }

// Every schema version of an op, looked up once per conversion.
class VersionTable {
 public:
  const std::vector<const OpSchema*>& Of(const std::string& domain, const std::string& op) {
    auto [it, inserted] = versions_.try_emplace(std::make_pair(domain, op));
    if (inserted) it->second = SchemaRegistry::Instance().Versions(op, domain);
    return it->second;
  }

 private:
  absl::flat_hash_map<std::pair<std::string, std::string>, std::vector<const OpSchema*>> versions_;
};

// The schema in force at `opset` and its neighbours.
struct Position {
  const OpSchema* current = nullptr;
  const OpSchema* previous = nullptr;
  const OpSchema* next = nullptr;
};

Position Locate(const std::vector<const OpSchema*>& versions, int opset) {
  Position p;
  for (size_t i = 0; i < versions.size(); ++i) {
    if (versions[i]->since_version() > opset) break;
    p.current = versions[i];
    p.previous = i > 0 ? versions[i - 1] : nullptr;
    p.next = i + 1 < versions.size() ? versions[i + 1] : nullptr;
  }
  return p;
}

class Converter {
 public:
  explicit Converter(const ModelProto& source) : source_(source) {}

  absl::StatusOr<ModelProto> Run(const std::map<std::string, int>& targets,
                                 const ConvertOptions& options);

 private:
  absl::Status ConvertGraph(GraphProto* graph, ConversionScope& scope, const std::string& where);
  absl::Status ConvertNodes(NodeList* nodes, ConversionScope& scope, GraphProto* graph,
                            const std::string& where);
  // Converts `node`, written for `opset` of its domain, to the scope's
  // target, appending it and the nodes its adapters add to `out`.
  absl::Status ConvertNode(NodeProto node, int opset, ConversionScope& scope, GraphProto* graph,
                           const std::string& label, std::vector<NodeProto>* out);

  const ModelProto& source_;
  VersionTable versions_;
};

absl::Status Annotate(const absl::Status& status, const std::string& label,
                      const std::string& what, const std::string& domain,
                      const ConversionScope::Opsets& opsets) {
  return absl::Status(status.code(),
                      absl::StrCat(label, ": cannot convert ", what, " (", DomainName(domain),
                                   " opset ", opsets.source, " to ", opsets.target,
                                   "): ", status.message()));
}

absl::Status Converter::ConvertGraph(GraphProto* graph, ConversionScope& scope,
                                     const std::string& where) {
  return ConvertNodes(graph->mutable_node(), scope, graph, where);
}

absl::Status Converter::ConvertNodes(NodeList* nodes, ConversionScope& scope, GraphProto* graph,
                                     const std::string& where) {
  NodeList original;
  original.Swap(nodes);
  std::vector<NodeProto> converted;
  converted.reserve(original.size());
  for (int i = 0; i < original.size(); ++i) {
    NodeProto& node = *original.Mutable(i);
    const std::string label = absl::StrCat(where, NodeLabel(node, i));
    const ConversionScope::Opsets* opsets = scope.OpsetsOf(node.domain());
    const int opset = opsets == nullptr ? 0 : opsets->source;
    ONNXFORGE_RETURN_IF_ERROR(
        ConvertNode(std::move(node), opset, scope, graph, label, &converted));
  }
  nodes->Reserve(static_cast<int>(converted.size()));
  for (NodeProto& node : converted) *nodes->Add() = std::move(node);
  return absl::OkStatus();
}

absl::Status Converter::ConvertNode(NodeProto node, int opset, ConversionScope& scope,
                                    GraphProto* graph, const std::string& label,
                                    std::vector<NodeProto>* out) {
  for (AttributeProto& attr : *node.mutable_attribute()) {
    const std::string where = absl::StrCat(label, ", attribute '", attr.name(), "': ");
    if (attr.has_g()) ONNXFORGE_RETURN_IF_ERROR(ConvertGraph(attr.mutable_g(), scope, where));
    for (GraphProto& g : *attr.mutable_graphs()) {
      ONNXFORGE_RETURN_IF_ERROR(ConvertGraph(&g, scope, where));
    }
  }

  std::deque<EmittedNode> before;
  std::deque<EmittedNode> after;
  auto convert_emitted = [&](EmittedNode& e) {
    const std::string inserted = absl::StrCat(label, ", inserted ", e.node.op_type());
    return ConvertNode(std::move(e.node), e.opset, scope, graph, inserted, out);
  };
  const AdapterRegistry& registry = AdapterRegistry::Instance();
  while (true) {
    const std::string domain(CanonicalDomain(node.domain()));
    const ConversionScope::Opsets* opsets = scope.OpsetsOf(domain);
    if (opsets == nullptr || !Convertible(domain) || opset == opsets->target) break;
    const int target = opsets->target;
    const std::vector<const OpSchema*>& versions = versions_.Of(domain, node.op_type());
    const Position at = Locate(versions, opset);
    if (at.current == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(
          label, ": ", node.op_type(), " has no schema in ", DomainName(domain), " opset ", opset,
          versions.empty() ? "" : absl::StrCat(" (its first version is ",
                                               versions.front()->since_version(), ")")));
    }
    const OpSchema* from = at.current;
    const OpSchema* to = nullptr;
    const Adapter* adapter = nullptr;
    int opset_after = 0;
    std::string what;
    if (target > opset) {
      if (at.next == nullptr || at.next->since_version() > target) break;
      to = at.next;
      opset_after = to->since_version();
      const Change* change =
          registry.Find(domain, node.op_type(), from->since_version(), to->since_version());
      if (change != nullptr) adapter = &change->upgrade;
      what = absl::StrCat(Step::Name(*from), " to ", Step::Name(*to));
    } else {
      if (from->since_version() <= target) break;
      opset_after = from->since_version() - 1;
      if (at.previous == nullptr) {
        to = from;
        what = absl::StrCat(Step::Name(*from), " to an earlier opset");
        const Introduction* intro = registry.FindIntroduction(domain, node.op_type());
        if (intro == nullptr) {
          return Annotate(Step::Refuse(node.op_type(), " first appears in ", DomainName(domain),
                                       " opset ", from->since_version()),
                          label, what, domain, *opsets);
        }
        adapter = &intro->downgrade;
      } else {
        to = at.previous;
        const Change* change =
            registry.Find(domain, node.op_type(), to->since_version(), from->since_version());
        if (change != nullptr) adapter = &change->downgrade;
        what = absl::StrCat(Step::Name(*from), " to ", Step::Name(*to));
      }
    }
    if (adapter == nullptr || !adapter->apply) {
      return Annotate(absl::UnimplementedError("no adapter is registered for this change"), label,
                      what, domain, *opsets);
    }
    Step step(node, *from, *to, opset_after, scope, graph);
    if (absl::Status s = adapter->apply(step); !s.ok()) {
      return Annotate(s, label, what, domain, *opsets);
    }
    for (EmittedNode& e : step.before()) before.push_back(std::move(e));
    if (step.removed()) {
      for (EmittedNode& e : before) ONNXFORGE_RETURN_IF_ERROR(convert_emitted(e));
      for (auto it = step.after().begin(); it != step.after().end(); ++it) {
        ONNXFORGE_RETURN_IF_ERROR(convert_emitted(*it));
      }
      for (EmittedNode& e : after) ONNXFORGE_RETURN_IF_ERROR(convert_emitted(e));
      return absl::OkStatus();
    }
    // A later step's nodes after the node sit closer to it: they read what
    // the node now writes and feed the earlier steps' nodes.
    for (auto it = step.after().rbegin(); it != step.after().rend(); ++it) {
      after.push_front(std::move(*it));
    }
    opset = opset_after;
  }

  for (EmittedNode& e : before) ONNXFORGE_RETURN_IF_ERROR(convert_emitted(e));
  out->push_back(std::move(node));
  for (EmittedNode& e : after) ONNXFORGE_RETURN_IF_ERROR(convert_emitted(e));
  return absl::OkStatus();
}

// ---- Removing constants a rewrite left unused ----

void CollectUses(const NodeList& nodes, absl::flat_hash_set<std::string>* used);

void CollectGraphUses(const GraphProto& graph, absl::flat_hash_set<std::string>* used) {
  for (const ValueInfoProto& output : graph.output()) used->insert(output.name());
  CollectUses(graph.node(), used);
}

void CollectUses(const NodeList& nodes, absl::flat_hash_set<std::string>* used) {
  for (const NodeProto& node : nodes) {
    for (const std::string& input : node.input()) used->insert(input);
    for (const AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) CollectGraphUses(attr.g(), used);
      for (const GraphProto& g : attr.graphs()) CollectGraphUses(g, used);
    }
  }
}

bool IsDeadConstant(const NodeProto& node, const absl::flat_hash_set<std::string>& dead) {
  return node.op_type() == "Constant" && CanonicalDomain(node.domain()).empty() &&
         node.output_size() == 1 && dead.contains(node.output(0));
}

// What pruning removes: the dead names, and whether an initializer may take
// its graph input along (before IR version 4 every initializer had one).
struct Dead {
  absl::flat_hash_set<std::string> names;
  bool with_inputs = false;
};

void RemoveDeadNodes(NodeList* nodes, const Dead& dead);

void RemoveDead(GraphProto* graph, const Dead& dead) {
  absl::flat_hash_set<std::string> inputs;
  for (const ValueInfoProto& input : graph->input()) inputs.insert(input.name());
  absl::flat_hash_set<std::string> removed;
  auto* inits = graph->mutable_initializer();
  int kept = 0;
  for (int i = 0; i < inits->size(); ++i) {
    const std::string& name = inits->Get(i).name();
    if (dead.names.contains(name) && (dead.with_inputs || !inputs.contains(name))) {
      removed.insert(name);
      continue;
    }
    if (kept != i) inits->SwapElements(kept, i);
    ++kept;
  }
  inits->DeleteSubrange(kept, inits->size() - kept);
  if (dead.with_inputs && !removed.empty()) {
    auto* list = graph->mutable_input();
    int k = 0;
    for (int i = 0; i < list->size(); ++i) {
      if (removed.contains(list->Get(i).name())) continue;
      if (k != i) list->SwapElements(k, i);
      ++k;
    }
    list->DeleteSubrange(k, list->size() - k);
  }
  RemoveDeadNodes(graph->mutable_node(), dead);
}

void RemoveDeadNodes(NodeList* nodes, const Dead& dead) {
  int kept = 0;
  for (int i = 0; i < nodes->size(); ++i) {
    NodeProto& node = *nodes->Mutable(i);
    if (IsDeadConstant(node, dead.names)) continue;
    for (AttributeProto& attr : *node.mutable_attribute()) {
      if (attr.has_g()) RemoveDead(attr.mutable_g(), dead);
      for (GraphProto& g : *attr.mutable_graphs()) RemoveDead(&g, dead);
    }
    if (kept != i) nodes->SwapElements(kept, i);
    ++kept;
  }
  nodes->DeleteSubrange(kept, nodes->size() - kept);
}

Dead DeadAmong(const std::vector<std::string>& candidates,
               const absl::flat_hash_set<std::string>& used, bool with_inputs) {
  Dead dead;
  dead.with_inputs = with_inputs;
  for (const std::string& name : candidates) {
    if (!used.contains(name)) dead.names.insert(name);
  }
  return dead;
}

// Before IR version 4 every initializer is also a graph input (the
// converter adds initializers to the main graph only).
void ListInitializersAsInputs(GraphProto* graph) {
  absl::flat_hash_set<std::string> inputs;
  for (const ValueInfoProto& input : graph->input()) inputs.insert(input.name());
  for (const TensorProto& init : graph->initializer()) {
    if (inputs.contains(init.name())) continue;
    ValueInfoProto* input = graph->add_input();
    input->set_name(init.name());
    TypeProto::Tensor* type = input->mutable_type()->mutable_tensor_type();
    type->set_elem_type(init.data_type());
    TensorShapeProto* shape = type->mutable_shape();
    for (int64_t d : init.dims()) shape->add_dim()->set_dim_value(d);
  }
}

// ---- The IR version ----

int64_t TypeFloor(const TypeProto& type) {
  if (type.has_tensor_type()) return MinIrVersionOfElementType(type.tensor_type().elem_type());
  if (type.has_sequence_type()) return TypeFloor(type.sequence_type().elem_type());
  if (type.has_optional_type()) return TypeFloor(type.optional_type().elem_type());
  if (type.has_map_type()) return TypeFloor(type.map_type().value_type());
  return 0;
}

// The lowest IR version that has every element type a graph declares, and
// initializers in a subgraph (which cannot be its inputs, as IR version 3
// would want).
int64_t GraphFloor(const GraphProto& graph, bool subgraph) {
  int64_t floor = subgraph && graph.initializer_size() > 0 ? 4 : 0;
  for (const TensorProto& init : graph.initializer()) {
    floor = std::max(floor, MinIrVersionOfElementType(init.data_type()));
  }
  for (const auto* list : {&graph.input(), &graph.output(), &graph.value_info()}) {
    for (const ValueInfoProto& info : *list) floor = std::max(floor, TypeFloor(info.type()));
  }
  for (const NodeProto& node : graph.node()) {
    for (const AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) floor = std::max(floor, GraphFloor(attr.g(), true));
      for (const GraphProto& g : attr.graphs()) floor = std::max(floor, GraphFloor(g, true));
    }
  }
  return floor;
}

// The lowest IR version that has what the model uses besides its opsets:
// model-local functions (8), with attribute defaults (9), with overloads
// or metadata (10), and its element types.
int64_t FeatureFloor(const ModelProto& model) {
  int64_t floor = GraphFloor(model.graph(), false);
  for (const FunctionProto& f : model.functions()) {
    floor = std::max<int64_t>(floor, 8);
    if (f.attribute_proto_size() > 0) floor = std::max<int64_t>(floor, 9);
    if (!f.overload().empty() || f.metadata_props_size() > 0) floor = std::max<int64_t>(floor, 10);
  }
  return floor;
}

// ---- The model ----

absl::StatusOr<std::map<std::string, int>> ReadTargets(const std::map<std::string, int>& targets) {
  std::map<std::string, int> canonical;
  for (const auto& [domain, version] : targets) {
    const std::string name(CanonicalDomain(domain));
    if (!Convertible(name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot convert domain '", domain,
                       "': adapters exist for ai.onnx and ai.onnx.ml only"));
    }
    const DomainOpsetRange* range = FindDomainOpsetRange(name);
    if (range == nullptr || version < range->min_version || version > range->max_version) {
      return absl::InvalidArgumentError(absl::StrCat(
          "target opset ", version, " of ", DomainName(name), " is outside the known range ",
          range == nullptr ? 0 : range->min_version, " to ",
          range == nullptr ? 0 : range->max_version));
    }
    if (!canonical.emplace(name, version).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("the targets name ", DomainName(name), " twice"));
    }
  }
  return canonical;
}

// Fills `scope` with the imported domains to convert, read from `imports`
// over those already there (a function inherits the model's).
absl::Status ReadImports(const google::protobuf::RepeatedPtrField<OperatorSetIdProto>& imports,
                         const std::map<std::string, int>& targets, const std::string& owner,
                         ConversionScope& scope) {
  for (const OperatorSetIdProto& import : imports) {
    const std::string domain(CanonicalDomain(import.domain()));
    if (!Convertible(domain)) continue;
    const int version = static_cast<int>(import.version());
    const DomainOpsetRange* range = FindDomainOpsetRange(domain);
    if (version < range->min_version || version > range->max_version) {
      return absl::InvalidArgumentError(absl::StrCat(
          owner, " imports ", DomainName(domain), " opset ", import.version(),
          ", outside the known range ", range->min_version, " to ", range->max_version));
    }
    auto it = targets.find(domain);
    scope.opsets()[domain] = {version, it == targets.end() ? version : it->second};
  }
  return absl::OkStatus();
}

void WriteImports(const ConversionScope& scope,
                  google::protobuf::RepeatedPtrField<OperatorSetIdProto>* imports,
                  bool add_new) {
  for (OperatorSetIdProto& import : *imports) {
    if (const ConversionScope::Opsets* o = scope.OpsetsOf(import.domain())) {
      import.set_version(o->target);
    }
  }
  if (!add_new) return;
  for (const std::string& domain : scope.added_domains()) {
    OperatorSetIdProto* import = imports->Add();
    import->set_domain(domain);
    import->set_version(scope.OpsetsOf(domain)->target);
  }
}

std::string FunctionName(const FunctionProto& f) {
  return absl::StrCat("function '", f.domain(), ".", f.name(),
                      f.overload().empty() ? "" : absl::StrCat(":", f.overload()), "'");
}

absl::StatusOr<ModelProto> Converter::Run(const std::map<std::string, int>& requested,
                                          const ConvertOptions& options) {
  absl::StatusOr<std::map<std::string, int>> targets = ReadTargets(requested);
  if (!targets.ok()) return targets.status();

  ModelProto out = source_;
  ConversionScope main(source_);
  main.set_requested(*targets);
  main.set_initializer_graph(out.mutable_graph());
  ONNXFORGE_RETURN_IF_ERROR(ReadImports(source_.opset_import(), *targets, "the model", main));
  bool goes_down = false;
  for (const auto& [domain, opsets] : main.opsets()) goes_down |= opsets.target < opsets.source;

  ONNXFORGE_RETURN_IF_ERROR(ConvertGraph(out.mutable_graph(), main, ""));
  {
    absl::flat_hash_set<std::string> used;
    CollectGraphUses(out.graph(), &used);
    const Dead dead = DeadAmong(main.possibly_unused(), used, source_.ir_version() < 4);
    if (!dead.names.empty()) RemoveDead(out.mutable_graph(), dead);
  }

  for (int i = 0; i < out.functions_size(); ++i) {
    FunctionProto* function = out.mutable_functions(i);
    const std::string name = FunctionName(*function);
    ConversionScope scope(source_.functions(i));
    scope.set_requested(*targets);
    for (const auto& [domain, opsets] : main.opsets()) scope.opsets()[domain] = opsets;
    ONNXFORGE_RETURN_IF_ERROR(ReadImports(function->opset_import(), *targets, name, scope));
    ONNXFORGE_RETURN_IF_ERROR(
        ConvertNodes(function->mutable_node(), scope, nullptr, absl::StrCat(name, ": ")));
    absl::flat_hash_set<std::string> used(function->output().begin(), function->output().end());
    CollectUses(function->node(), &used);
    const Dead dead = DeadAmong(scope.possibly_unused(), used, false);
    if (!dead.names.empty()) RemoveDeadNodes(function->mutable_node(), dead);
    WriteImports(scope, function->mutable_opset_import(), !function->opset_import().empty());
  }
  WriteImports(main, out.mutable_opset_import(), true);

  int64_t needed = 0;
  for (const OperatorSetIdProto& import : out.opset_import()) {
    needed = std::max(needed, IrVersionForOpset(std::string(CanonicalDomain(import.domain())),
                                                static_cast<int>(import.version())));
  }
  if (needed > 0) {
    const int64_t ir = goes_down ? needed : std::max<int64_t>(out.ir_version(), needed);
    out.set_ir_version(std::max(ir, FeatureFloor(out)));
  }
  if (out.ir_version() < 4) ListInitializersAsInputs(out.mutable_graph());

  if (options.check_result) {
    if (absl::Status s = CheckModel(out); !s.ok()) {
      return absl::Status(s.code(),
                          absl::StrCat("the converted model fails the checker: ", s.message()));
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<ModelProto> ConvertVersion(const ModelProto& model,
                                          const std::map<std::string, int>& targets,
                                          const ConvertOptions& options) {
  return Converter(model).Run(targets, options);
}

int64_t IrVersionForOpset(const std::string& domain, int opset) {
  if (opset < 1) return 0;
  if (domain.empty() || domain == kOnnxDomainAlias) {
    // ONNX releases: the IR version that came with each new ai.onnx opset.
    if (opset <= 8) return 3;
    if (opset == 9) return 4;
    if (opset == 10) return 5;
    if (opset == 11) return 6;
    if (opset <= 14) return 7;
    if (opset <= 18) return 8;
    if (opset <= 20) return 9;
    if (opset <= 22) return 10;
    if (opset == 23) return 11;
    if (opset == 24) return 12;
    if (opset <= 27) return 13;
    return 14;
  }
  if (domain == kMlDomain) {
    static constexpr int64_t kByMlOpset[] = {0, 3, 6, 8, 9, 10};
    return opset <= 5 ? kByMlOpset[opset] : 10;
  }
  return 0;
}

int MlOpsetReleasedWith(int onnx_opset) {
  // ONNX releases: ml 2 came with ai.onnx 11, ml 3 with 16, ml 4 with 20,
  // ml 5 with 21.
  if (onnx_opset <= 10) return 1;
  if (onnx_opset <= 15) return 2;
  if (onnx_opset <= 19) return 3;
  if (onnx_opset == 20) return 4;
  return 5;
}

}  // namespace onnxforge::version_converter
