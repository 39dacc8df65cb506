// Checks of a graph: value infos, initializers, single assignment of every
// name, topological order and the scoping of subgraphs.
#include <deque>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "ir/tensor_util.h"
#include "onnx_defs/checker.h"

namespace onnxforge {

namespace {

// Debian's abseil hash maps take absl::string_view keys, not std::string_view.
absl::string_view Key(std::string_view name) { return absl::string_view(name.data(), name.size()); }

}  // namespace

bool LexicalScope::Define(const std::string& name, const TypeProto* type) {
  return names_.emplace(name, type).second;
}

void LexicalScope::SetType(const std::string& name, const TypeProto* type) { names_[name] = type; }

bool LexicalScope::DefinedHere(std::string_view name) const { return names_.contains(Key(name)); }

bool LexicalScope::DefinedInEnclosing(std::string_view name) const {
  return parent_ != nullptr && parent_->Visible(name);
}

bool LexicalScope::Visible(std::string_view name) const {
  return DefinedHere(name) || DefinedInEnclosing(name);
}

const TypeProto* LexicalScope::TypeOf(std::string_view name) const {
  for (const LexicalScope* s = this; s != nullptr; s = s->parent_) {
    auto it = s->names_.find(Key(name));
    if (it != s->names_.end()) return it->second;
  }
  return nullptr;
}

void LexicalScope::Declare(const std::string& name, const TypeProto* type) {
  declared_[name] = type;
}

const TypeProto* LexicalScope::DeclaredType(std::string_view name) const {
  auto it = declared_.find(Key(name));
  return it == declared_.end() ? nullptr : it->second;
}

namespace {

absl::Status Fail(absl::string_view what) { return absl::InvalidArgumentError(what); }

// Graph inputs and outputs of a main graph must say what they hold.
absl::Status CheckValueInfo(const ValueInfoProto& info, absl::string_view role, int index,
                            const CheckerContext& ctx, bool needs_type) {
  if (info.name().empty()) return Fail(absl::StrCat(role, " ", index, " has no name"));
  const std::string label = absl::StrCat(role, " '", info.name(), "'");
  if (info.metadata_props_size() > 0 && ctx.ir_version < 10) {
    return Fail(absl::StrCat(label, ": metadata_props needs IR version 10, the model has ",
                             ctx.ir_version));
  }
  if (!info.has_type()) {
    if (needs_type) return Fail(absl::StrCat(label, " has no type"));
    return absl::OkStatus();
  }
  if (needs_type && info.type().has_tensor_type() &&
      info.type().tensor_type().elem_type() == TensorProto::UNDEFINED) {
    return Fail(absl::StrCat(label, " has no element type"));
  }
  if (absl::Status s = CheckType(info.type(), ctx.ir_version, ctx.options.max_depth); !s.ok()) {
    return Fail(absl::StrCat(label, ": ", s.message()));
  }
  return absl::OkStatus();
}

// The type a tensor constant has.
TypeProto TypeOfTensor(const TensorProto& tensor) {
  TypeProto type;
  auto* t = type.mutable_tensor_type();
  t->set_elem_type(tensor.data_type());
  auto* shape = t->mutable_shape();
  for (int64_t d : tensor.dims()) shape->add_dim()->set_dim_value(d);
  return type;
}

absl::Status CheckGraphBody(const GraphProto& graph, const CheckerContext& ctx,
                            const LexicalScope* outer) {
  if (graph.name().empty()) return Fail("graph has no name");
  if (graph.metadata_props_size() > 0 && ctx.ir_version < 10) {
    return Fail(
        absl::StrCat("graph metadata_props needs IR version 10, the model has ", ctx.ir_version));
  }
  const bool main_graph = outer == nullptr;
  LexicalScope scope(outer);
  // Types derived from initializers; a deque keeps their addresses.
  std::deque<TypeProto> owned_types;

  for (int i = 0; i < graph.input_size(); ++i) {
    const ValueInfoProto& input = graph.input(i);
    if (absl::Status s = CheckValueInfo(input, "graph input", i, ctx, main_graph); !s.ok()) {
      return s;
    }
    // A subgraph input may reuse an enclosing graph's name: it hides it.
    if (!scope.Define(input.name(), input.has_type() ? &input.type() : nullptr)) {
      return Fail(absl::StrCat("graph input '", input.name(), "' is declared more than once"));
    }
  }
  for (int i = 0; i < graph.output_size(); ++i) {
    const ValueInfoProto& output = graph.output(i);
    if (absl::Status s = CheckValueInfo(output, "graph output", i, ctx, main_graph); !s.ok()) {
      return s;
    }
    if (output.has_type()) scope.Declare(output.name(), &output.type());
  }
  for (int i = 0; i < graph.value_info_size(); ++i) {
    const ValueInfoProto& info = graph.value_info(i);
    if (absl::Status s = CheckValueInfo(info, "value_info", i, ctx, false); !s.ok()) return s;
    if (info.has_type()) scope.Declare(info.name(), &info.type());
  }

  std::set<std::string> initializer_names;
  auto define_constant = [&](const std::string& name, const TypeProto* type,
                             absl::string_view kind) -> absl::Status {
    if (!initializer_names.insert(name).second) {
      return Fail(absl::StrCat(kind, " '", name, "' is declared more than once"));
    }
    if (scope.DefinedHere(name)) {  // also a graph input: a default value
      if (scope.TypeOf(name) == nullptr) scope.SetType(name, type);
      return absl::OkStatus();
    }
    if (ctx.ir_version <= 3) {
      return Fail(absl::StrCat(kind, " '", name, "' is not a graph input, which IR version ",
                               ctx.ir_version, " requires (from IR version 4 it need not be)"));
    }
    if (scope.DefinedInEnclosing(name)) {
      return Fail(
          absl::StrCat(kind, " '", name, "' reuses the name of a value of an enclosing graph"));
    }
    scope.Define(name, type);
    return absl::OkStatus();
  };
  for (int i = 0; i < graph.initializer_size(); ++i) {
    const TensorProto& tensor = graph.initializer(i);
    if (tensor.name().empty()) return Fail(absl::StrCat("initializer ", i, " has no name"));
    if (absl::Status s = CheckTensor(tensor, ctx.ir_version); !s.ok()) {
      return Fail(absl::StrCat("initializer: ", s.message()));
    }
    owned_types.push_back(TypeOfTensor(tensor));
    if (absl::Status s = define_constant(tensor.name(), &owned_types.back(), "initializer");
        !s.ok()) {
      return s;
    }
  }
  for (int i = 0; i < graph.sparse_initializer_size(); ++i) {
    const SparseTensorProto& sparse = graph.sparse_initializer(i);
    const std::string& name = sparse.values().name();
    if (name.empty()) return Fail(absl::StrCat("sparse initializer ", i, " has no name"));
    if (absl::Status s = CheckSparseTensor(sparse, ctx.ir_version); !s.ok()) {
      return Fail(absl::StrCat("sparse initializer: ", s.message()));
    }
    if (absl::Status s = define_constant(name, nullptr, "sparse initializer"); !s.ok()) return s;
  }

  for (int i = 0; i < graph.node_size(); ++i) {
    const NodeProto& node = graph.node(i);
    if (absl::Status s = CheckNode(node, i, ctx, scope); !s.ok()) return s;
    for (const std::string& output : node.output()) {
      if (output.empty()) continue;  // an omitted optional output
      if (scope.DefinedInEnclosing(output)) {
        return Fail(absl::StrCat(NodeLabel(node, i), ": output '", output,
                                 "' reuses the name of a value of an enclosing graph"));
      }
      if (!scope.Define(output, scope.DeclaredType(output))) {
        return Fail(absl::StrCat(NodeLabel(node, i), ": output '", output,
                                 "' is already assigned; every name is assigned once (by a "
                                 "graph input, an initializer or one node output)"));
      }
    }
  }
  for (const auto& output : graph.output()) {
    if (!scope.DefinedHere(output.name())) {
      return Fail(absl::StrCat("graph output '", output.name(),
                               "' is not a graph input, an initializer or a node output of "
                               "the graph"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckGraph(const GraphProto& graph, const CheckerContext& ctx,
                        const LexicalScope* outer) {
  absl::Status status = CheckGraphBody(graph, ctx, outer);
  if (status.ok() || outer == nullptr) return status;
  return absl::Status(status.code(),
                      absl::StrCat("graph '", graph.name(), "': ", status.message()));
}

}  // namespace onnxforge
