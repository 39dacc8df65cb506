#include "converters/builder/graph_builder.h"

#include <algorithm>
#include <set>
#include <utility>

#include "absl/strings/str_cat.h"
#include "onnx_defs/schema.h"
#include "version_converter/driver.h"

namespace onnxforge::builder {
namespace {

std::string DomainName(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

void CollectDomains(const GraphProto& graph, std::set<std::string>* domains) {
  for (const NodeProto& node : graph.node()) {
    domains->insert(std::string(CanonicalDomain(node.domain())));
    for (const AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) CollectDomains(attr.g(), domains);
      for (const GraphProto& g : attr.graphs()) CollectDomains(g, domains);
    }
  }
}

}  // namespace

// ---- Types ----------------------------------------------------------------

TypeProto TensorType(int32_t elem_type, const std::vector<int64_t>& dims) {
  TypeProto type = TensorTypeOfUnknownRank(elem_type);
  TensorShapeProto* shape = type.mutable_tensor_type()->mutable_shape();
  for (int64_t d : dims) {
    TensorShapeProto::Dimension* dim = shape->add_dim();
    if (d >= 0) dim->set_dim_value(d);
  }
  return type;
}

TypeProto TensorTypeOfUnknownRank(int32_t elem_type) {
  TypeProto type;
  type.mutable_tensor_type()->set_elem_type(elem_type);
  return type;
}

// ---- The builder ----------------------------------------------------------

GraphBuilder::GraphBuilder(std::map<std::string, int> opsets, std::string graph_name)
    : GraphBuilder(std::move(opsets), std::move(graph_name),
                   std::make_shared<NameTable>()) {}

GraphBuilder::GraphBuilder(std::map<std::string, int> opsets, std::string graph_name,
                           std::shared_ptr<NameTable> names)
    : names_(std::move(names)) {
  for (const auto& [domain, version] : opsets) {
    const std::string canonical(CanonicalDomain(domain));
    if (!opsets_.emplace(canonical, version).second) {
      Fail(absl::InvalidArgumentError(
          absl::StrCat("the authoring opsets name ", DomainName(canonical), " twice")));
    }
  }
  graph_.set_name(std::move(graph_name));
}

GraphBuilder GraphBuilder::Subgraph(std::string graph_name) const {
  return GraphBuilder(opsets_, std::move(graph_name), names_);
}

void GraphBuilder::Fail(absl::Status status) {
  if (status_.ok()) status_ = std::move(status);
}

bool GraphBuilder::Claim(const std::string& name, const std::string& what) {
  if (name.empty()) {
    Fail(absl::InvalidArgumentError(absl::StrCat(what, " needs a name")));
    return false;
  }
  if (names_->used.contains(name) && names_->reserved.erase(name) == 0) {
    Fail(absl::InvalidArgumentError(
        absl::StrCat(what, " '", name, "': the name is already used")));
    return false;
  }
  names_->used.insert(name);
  defined_.insert(name);
  return true;
}

std::string GraphBuilder::NewName(const std::string& hint) {
  const std::string base = hint.empty() ? "value" : hint;
  std::string name = base;
  for (int i = 1; names_->used.contains(name); ++i) name = absl::StrCat(base, "_", i);
  names_->used.insert(name);
  return name;
}

std::string GraphBuilder::UniqueName(const std::string& hint) {
  std::string name = NewName(hint);
  names_->reserved.insert(name);
  return name;
}

int GraphBuilder::OpsetOf(const std::string& domain) const {
  auto it = opsets_.find(std::string(CanonicalDomain(domain)));
  return it == opsets_.end() ? 0 : it->second;
}

std::string GraphBuilder::AddInput(const std::string& name, const TypeProto& type) {
  if (Claim(name, "graph input")) {
    ValueInfoProto* input = graph_.add_input();
    input->set_name(name);
    *input->mutable_type() = type;
  }
  return name;
}

void GraphBuilder::AddOutput(const std::string& name, std::optional<TypeProto> type) {
  ValueInfoProto* output = graph_.add_output();
  output->set_name(name);
  if (type) *output->mutable_type() = *std::move(type);
}

std::string GraphBuilder::AddInitializer(const std::string& name_hint, TensorProto value) {
  const std::string name = NewName(name_hint);
  defined_.insert(name);
  value.set_name(name);
  *graph_.add_initializer() = std::move(value);
  return name;
}

void GraphBuilder::CheckOp(const std::string& op, const std::string& domain) {
  const std::string canonical(CanonicalDomain(domain));
  auto it = opsets_.find(canonical);
  if (it == opsets_.end()) {
    Fail(absl::InvalidArgumentError(absl::StrCat(
        op, ": the builder has no authoring opset for domain ", DomainName(canonical),
        "; name one when creating the builder")));
    return;
  }
  const SchemaRegistry& registry = SchemaRegistry::Instance();
  const std::vector<const OpSchema*> versions = registry.Versions(op, canonical);
  // Ops of domains the registry does not know are the caller's business.
  if (FindDomainOpsetRange(canonical) == nullptr) return;
  if (versions.empty()) {
    Fail(absl::InvalidArgumentError(
        absl::StrCat(op, " is not an op of ", DomainName(canonical))));
  } else if (versions.front()->since_version() > it->second) {
    Fail(absl::InvalidArgumentError(absl::StrCat(
        op, " does not exist at the authoring opset ", it->second, " of ",
        DomainName(canonical), ": its first version is ", versions.front()->since_version())));
  }
}

void GraphBuilder::ClaimSubgraphNames(const GraphProto& graph) {
  auto take = [this](const std::string& name) {
    if (name.empty()) return;
    names_->used.insert(name);
    names_->reserved.erase(name);
  };
  for (const ValueInfoProto& input : graph.input()) take(input.name());
  for (const TensorProto& init : graph.initializer()) take(init.name());
  for (const NodeProto& node : graph.node()) {
    for (const std::string& output : node.output()) take(output);
    for (const AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) ClaimSubgraphNames(attr.g());
      for (const GraphProto& g : attr.graphs()) ClaimSubgraphNames(g);
    }
  }
}

std::vector<std::string> GraphBuilder::NewOutputNames(const std::string& op,
                                                      const std::string& domain, int count) {
  std::vector<std::string> names;
  if (count == 1) {
    names.push_back(NewName(op));
    return names;
  }
  // Several outputs: named after the op's formal outputs where known.
  const OpSchema* schema = nullptr;
  if (int opset = OpsetOf(domain); opset > 0) {
    schema = SchemaRegistry::Instance().Lookup(op, opset, CanonicalDomain(domain));
  }
  for (int i = 0; i < count; ++i) {
    std::string formal = absl::StrCat(i);
    if (schema != nullptr && !schema->outputs().empty()) {
      const size_t k = std::min<size_t>(i, schema->outputs().size() - 1);
      formal = schema->outputs()[k].name;
    }
    names.push_back(NewName(absl::StrCat(op, "_", formal)));
  }
  return names;
}

std::vector<std::string> GraphBuilder::AddNode(const std::string& op,
                                               std::vector<std::string> inputs,
                                               int output_count,
                                               std::vector<AttributeProto> attributes,
                                               const std::string& domain) {
  if (output_count < 0) {
    Fail(absl::InvalidArgumentError(
        absl::StrCat(op, ": output count ", output_count, " is negative")));
    output_count = 0;
  }
  std::vector<std::string> outputs = NewOutputNames(op, domain, output_count);
  for (const std::string& output : outputs) defined_.insert(output);
  AppendNode(op, std::move(inputs), outputs, std::move(attributes), domain);
  return outputs;
}

std::vector<std::string> GraphBuilder::AddNode(const std::string& op,
                                               std::vector<std::string> inputs,
                                               std::vector<std::string> outputs,
                                               std::vector<AttributeProto> attributes,
                                               const std::string& domain) {
  for (const std::string& output : outputs) {
    if (!output.empty()) Claim(output, absl::StrCat(op, " output"));
  }
  AppendNode(op, std::move(inputs), outputs, std::move(attributes), domain);
  return outputs;
}

void GraphBuilder::AppendNode(const std::string& op, std::vector<std::string> inputs,
                              const std::vector<std::string>& outputs,
                              std::vector<AttributeProto> attributes,
                              const std::string& domain) {
  CheckOp(op, domain);
  NodeProto* node = graph_.add_node();
  node->set_op_type(op);
  if (!CanonicalDomain(domain).empty()) node->set_domain(domain);
  // Omitted optional inputs at the end are dropped; inside they stay "".
  while (!inputs.empty() && inputs.back().empty()) inputs.pop_back();
  for (std::string& input : inputs) node->add_input(std::move(input));
  for (const std::string& output : outputs) node->add_output(output);
  for (AttributeProto& attr : attributes) {
    if (attr.has_g()) ClaimSubgraphNames(attr.g());
    for (const GraphProto& g : attr.graphs()) ClaimSubgraphNames(g);
    *node->add_attribute() = std::move(attr);
  }
}

absl::StatusOr<GraphProto> GraphBuilder::BuildGraph() const {
  if (!status_.ok()) return status_;
  for (const ValueInfoProto& output : graph_.output()) {
    if (!names_->used.contains(output.name())) {
      return absl::InvalidArgumentError(absl::StrCat(
          "graph output '", output.name(), "' is not a value of graph '", graph_.name(), "'"));
    }
  }
  return graph_;
}

absl::StatusOr<ModelProto> GraphBuilder::Build() const {
  absl::StatusOr<GraphProto> graph = BuildGraph();
  if (!graph.ok()) return graph.status();
  ModelProto model;
  model.set_producer_name("onnxforge");
  *model.mutable_graph() = *std::move(graph);

  std::set<std::string> used;
  CollectDomains(model.graph(), &used);
  if (used.empty() && opsets_.count("") > 0) used.insert("");
  int64_t ir_version = 0;
  for (const std::string& domain : used) {
    OperatorSetIdProto* import = model.add_opset_import();
    import->set_domain(domain);
    import->set_version(OpsetOf(domain));
    ir_version = std::max(ir_version,
                          version_converter::IrVersionForOpset(domain, OpsetOf(domain)));
  }
  model.set_ir_version(ir_version > 0 ? ir_version : IR_VERSION);
  return model;
}

}  // namespace onnxforge::builder
