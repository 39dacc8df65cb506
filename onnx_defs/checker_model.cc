// Checks of a whole model: IR version, opset imports, model-local functions
// (including cycles among them) and the main graph.
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/schema_cache.h"

namespace onnxforge {
namespace {

absl::Status Fail(absl::string_view what) { return absl::InvalidArgumentError(what); }

std::string DomainName(std::string_view domain) {
  return domain.empty() ? "ai.onnx" : std::string(domain);
}

std::string FunctionName(const FunctionProto& function) {
  std::string name = absl::StrCat(function.domain(), ".", function.name());
  if (!function.overload().empty()) absl::StrAppend(&name, ":", function.overload());
  return name;
}

FunctionKey KeyOf(const FunctionProto& function) {
  return {std::string(CanonicalDomain(function.domain())), function.name(), function.overload()};
}

// Adds `imports` to `opsets`, replacing versions already there.
absl::Status ReadOpsetImports(const google::protobuf::RepeatedPtrField<OperatorSetIdProto>& imports,
                              std::map<std::string, int64_t, std::less<>>* opsets) {
  std::set<std::string> seen;
  for (const auto& import : imports) {
    const std::string domain(CanonicalDomain(import.domain()));
    if (!seen.insert(domain).second) {
      return Fail(
          absl::StrCat("opset_import lists domain '", DomainName(domain), "' more than once"));
    }
    const int64_t version = import.version();
    if (const DomainOpsetRange* range = FindDomainOpsetRange(domain)) {
      if (version < range->min_version || version > range->max_version) {
        return Fail(absl::StrCat("opset_import has ", DomainName(domain), " version ", version,
                                 ", outside the known range ", range->min_version, " to ",
                                 range->max_version));
      }
    } else if (version < 1) {
      return Fail(absl::StrCat("opset_import has ", DomainName(domain), " version ", version,
                               "; versions start at 1"));
    }
    (*opsets)[domain] = version;
  }
  return absl::OkStatus();
}

absl::Status CheckMetadata(const google::protobuf::RepeatedPtrField<StringStringEntryProto>& props,
                           absl::string_view owner) {
  std::set<std::string> keys;
  for (const auto& p : props) {
    if (!keys.insert(p.key()).second) {
      return Fail(absl::StrCat(owner, ": metadata_props has key '", p.key(), "' more than once"));
    }
  }
  return absl::OkStatus();
}

// ---- Calls among model-local functions ----

void CollectCalls(const NodeProto& node, const FunctionTable& table, int depth,
                  std::set<FunctionKey>* callees);

void CollectCallsInGraph(const GraphProto& graph, const FunctionTable& table, int depth,
                         std::set<FunctionKey>* callees) {
  if (depth > 64) return;  // the graph check reports the nesting
  for (const auto& node : graph.node()) CollectCalls(node, table, depth, callees);
}

void CollectCalls(const NodeProto& node, const FunctionTable& table, int depth,
                  std::set<FunctionKey>* callees) {
  FunctionKey key{std::string(CanonicalDomain(node.domain())), node.op_type(), node.overload()};
  if (table.count(key)) callees->insert(key);
  for (const auto& attr : node.attribute()) {
    if (attr.has_g()) CollectCallsInGraph(attr.g(), table, depth + 1, callees);
    for (const auto& g : attr.graphs()) CollectCallsInGraph(g, table, depth + 1, callees);
  }
}

std::string KeyName(const FunctionKey& key) {
  const auto& [domain, name, overload] = key;
  std::string out = absl::StrCat(domain, ".", name);
  if (!overload.empty()) absl::StrAppend(&out, ":", overload);
  return out;
}

// Depth-first search over the call graph, without recursion.
absl::Status CheckNoCallCycles(const FunctionTable& table) {
  std::map<FunctionKey, std::vector<FunctionKey>> calls;
  for (const auto& [key, function] : table) {
    std::set<FunctionKey> callees;
    for (const auto& node : function->node()) CollectCalls(node, table, 0, &callees);
    calls[key].assign(callees.begin(), callees.end());
  }
  enum Color { kWhite, kGrey, kBlack };
  std::map<FunctionKey, Color> color;
  for (const auto& [root, unused] : table) {
    if (color[root] != kWhite) continue;
    // Each frame: a function and the index of its next callee to visit.
    std::vector<std::pair<FunctionKey, size_t>> stack = {{root, 0}};
    color[root] = kGrey;
    while (!stack.empty()) {
      auto& [key, next] = stack.back();
      const auto& callees = calls[key];
      if (next == callees.size()) {
        color[key] = kBlack;
        stack.pop_back();
        continue;
      }
      const FunctionKey callee = callees[next++];
      if (color[callee] == kGrey) {
        std::vector<std::string> cycle;
        bool in_cycle = false;
        for (const auto& frame : stack) {
          in_cycle |= frame.first == callee;
          if (in_cycle) cycle.push_back(KeyName(frame.first));
        }
        cycle.push_back(KeyName(callee));
        return Fail(absl::StrCat("model-local functions call each other in a cycle: ",
                                 absl::StrJoin(cycle, " -> ")));
      }
      if (color[callee] == kWhite) {
        color[callee] = kGrey;
        stack.push_back({callee, 0});
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckFunctionBody(const FunctionProto& function, const CheckerContext& outer) {
  if (function.name().empty()) return Fail("has no name");
  if (function.attribute_proto_size() > 0 && outer.ir_version < 9) {
    return Fail(
        absl::StrCat("attribute_proto needs IR version 9, the model has ", outer.ir_version));
  }
  if (!function.overload().empty() && outer.ir_version < 10) {
    return Fail(absl::StrCat("overload needs IR version 10, the model has ", outer.ir_version));
  }
  if (function.metadata_props_size() > 0 && outer.ir_version < 10) {
    return Fail(
        absl::StrCat("metadata_props needs IR version 10, the model has ", outer.ir_version));
  }
  if (absl::Status s = CheckMetadata(function.metadata_props(), "function"); !s.ok()) return s;
  std::set<std::string> attributes;
  for (const auto& name : function.attribute()) {
    if (!attributes.insert(name).second) {
      return Fail(absl::StrCat("attribute '", name, "' is declared more than once"));
    }
  }
  for (const auto& attr : function.attribute_proto()) {
    if (attr.name().empty()) return Fail("an attribute_proto entry has no name");
    if (!attributes.insert(attr.name()).second) {
      return Fail(absl::StrCat("attribute '", attr.name(), "' is declared more than once"));
    }
  }
  CheckerContext ctx = outer;
  ctx.function = &function;
  ctx.depth = 0;
  if (absl::Status s = ReadOpsetImports(function.opset_import(), &ctx.opsets); !s.ok()) {
    return s;
  }
  LexicalScope scope;
  for (const auto& input : function.input()) {
    if (input.empty()) return Fail("an input has no name");
    if (!scope.Define(input, nullptr)) {
      return Fail(absl::StrCat("input '", input, "' is declared more than once"));
    }
  }
  std::set<std::string> outputs;
  for (const auto& output : function.output()) {
    if (output.empty()) return Fail("an output has no name");
    if (!outputs.insert(output).second) {
      return Fail(absl::StrCat("output '", output, "' is declared more than once"));
    }
  }
  for (int i = 0; i < function.value_info_size(); ++i) {
    const auto& info = function.value_info(i);
    if (info.has_type()) {
      if (absl::Status s = CheckType(info.type(), ctx.ir_version, ctx.options.max_depth); !s.ok()) {
        return Fail(absl::StrCat("value_info '", info.name(), "': ", s.message()));
      }
      scope.Declare(info.name(), &info.type());
    }
  }
  for (int i = 0; i < function.node_size(); ++i) {
    const NodeProto& node = function.node(i);
    if (absl::Status s = CheckNode(node, i, ctx, scope); !s.ok()) return s;
    for (const std::string& output : node.output()) {
      if (output.empty()) continue;
      if (!scope.Define(output, scope.DeclaredType(output))) {
        return Fail(absl::StrCat(NodeLabel(node, i), ": output '", output,
                                 "' is already assigned; every name is assigned once"));
      }
    }
  }
  for (const auto& output : function.output()) {
    if (!scope.DefinedHere(output)) {
      return Fail(absl::StrCat("output '", output,
                               "' is not an input or a node output of the "
                               "body"));
    }
  }
  return absl::OkStatus();
}

absl::Status CheckModelBody(const ModelProto& model, const CheckerOptions& options) {
  if (!model.has_ir_version() || model.ir_version() <= 0) {
    return Fail("model has no ir_version");
  }
  if (model.ir_version() > IR_VERSION) {
    return Fail(absl::StrCat("model ir_version ", model.ir_version(),
                             " is newer than the newest this checker knows (", IR_VERSION, ")"));
  }
  CheckerContext ctx;
  ctx.ir_version = model.ir_version();
  ctx.options = options;
  if (absl::Status s = CheckMetadata(model.metadata_props(), "model"); !s.ok()) return s;
  if (ctx.ir_version >= 3) {
    if (model.opset_import_size() == 0) {
      return Fail("model has no opset_import; from IR version 3 a model lists the opsets it uses");
    }
    if (absl::Status s = ReadOpsetImports(model.opset_import(), &ctx.opsets); !s.ok()) {
      return s;
    }
  } else {
    if (model.opset_import_size() > 0) {
      return Fail(absl::StrCat("opset_import needs IR version 3, the model has ", ctx.ir_version));
    }
    ctx.opsets[""] = 1;
  }
  if (model.training_info_size() > 0 && ctx.ir_version < 7) {
    return Fail(absl::StrCat("training_info needs IR version 7, the model has ", ctx.ir_version));
  }
  if (model.configuration_size() > 0 && ctx.ir_version < 11) {
    return Fail(absl::StrCat("configuration needs IR version 11, the model has ", ctx.ir_version));
  }
  if (model.functions_size() > 0 && ctx.ir_version < 8) {
    return Fail(
        absl::StrCat("model-local functions need IR version 8, the model has ", ctx.ir_version));
  }
  if (!model.has_graph()) return Fail("model has no graph");

  SchemaCache schemas;
  ctx.schemas = &schemas;
  FunctionTable functions;
  for (const auto& function : model.functions()) {
    if (!functions.emplace(KeyOf(function), &function).second) {
      return Fail(absl::StrCat("model-local function '", FunctionName(function),
                               "' is defined more than once"));
    }
  }
  ctx.functions = &functions;
  for (const auto& function : model.functions()) {
    if (absl::Status s = CheckFunction(function, ctx); !s.ok()) return s;
  }
  if (absl::Status s = CheckNoCallCycles(functions); !s.ok()) return s;
  return CheckGraph(model.graph(), ctx, nullptr);
}

}  // namespace

absl::Status CheckFunction(const FunctionProto& function, const CheckerContext& ctx) {
  absl::Status status = CheckFunctionBody(function, ctx);
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat("function '", FunctionName(function), "': ", status.message()));
}

absl::Status CheckModel(const ModelProto& model, const CheckerOptions& options) {
  return CheckModelBody(model, options);
}

}  // namespace onnxforge
