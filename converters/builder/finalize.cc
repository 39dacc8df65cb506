#include "converters/builder/finalize.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/inference_utils.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference.h"
#include "version_converter/driver.h"

namespace onnxforge::builder {
namespace {

std::string DomainName(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

std::string OpsetsText(const std::map<std::string, int>& opsets) {
  std::vector<std::string> parts;
  for (const auto& [domain, version] : opsets) {
    parts.push_back(absl::StrCat(DomainName(domain), " opset ", version));
  }
  return absl::StrJoin(parts, ", ");
}

std::map<std::string, int> ImportedOpsets(const ModelProto& model) {
  std::map<std::string, int> opsets;
  for (const OperatorSetIdProto& import : model.opset_import()) {
    opsets[std::string(CanonicalDomain(import.domain()))] = static_cast<int>(import.version());
  }
  return opsets;
}

// ---- The ops a model uses, by domain ----

using OpsByDomain = std::map<std::string, std::set<std::string>>;

void CollectOps(const google::protobuf::RepeatedPtrField<NodeProto>& nodes, OpsByDomain* ops) {
  for (const NodeProto& node : nodes) {
    (*ops)[std::string(CanonicalDomain(node.domain()))].insert(node.op_type());
    for (const AttributeProto& attr : node.attribute()) {
      if (attr.has_g()) CollectOps(attr.g().node(), ops);
      for (const GraphProto& g : attr.graphs()) CollectOps(g.node(), ops);
    }
  }
}

OpsByDomain UsedOps(const ModelProto& model) {
  OpsByDomain ops;
  CollectOps(model.graph().node(), &ops);
  for (const FunctionProto& f : model.functions()) CollectOps(f.node(), &ops);
  return ops;
}

// ---- Trying a conversion ----

// Graph outputs declared without a type take the one inference finds.
absl::Status FillOutputTypes(ModelProto& model) {
  auto untyped = [](const ValueInfoProto& v) {
    return v.type().value_case() == TypeProto::VALUE_NOT_SET ||
           (v.type().has_tensor_type() && v.type().tensor_type().elem_type() == 0);
  };
  const auto& outputs = model.graph().output();
  if (std::none_of(outputs.begin(), outputs.end(), untyped)) return absl::OkStatus();
  ModelProto inferred = model;
  std::vector<std::string> problems;
  ONNXFORGE_RETURN_IF_ERROR(InferShapesInPlace(inferred, ShapeInferenceOptions(), &problems));
  for (int i = 0; i < model.graph().output_size(); ++i) {
    ValueInfoProto* output = model.mutable_graph()->mutable_output(i);
    if (!untyped(*output)) continue;
    const ValueInfoProto& found = inferred.graph().output(i);
    if (untyped(found)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "graph output '", output->name(),
          "' has no type and shape inference cannot tell it; declare its type",
          problems.empty() ? "" : absl::StrCat(" (inference met: ", problems.front(), ")")));
    }
    *output->mutable_type() = found.type();
  }
  return absl::OkStatus();
}

// Converts, checks (the converter runs the checker) and infers shapes
// strictly. The result keeps its declarations; inferred output types are
// merged into the declared ones.
absl::StatusOr<ModelProto> Attempt(const ModelProto& model,
                                   const std::map<std::string, int>& targets) {
  absl::StatusOr<ModelProto> converted = version_converter::ConvertVersion(model, targets);
  if (!converted.ok()) return converted.status();
  ShapeInferenceOptions strict;
  strict.strict = true;
  absl::StatusOr<ModelProto> inferred = InferShapes(*converted, strict);
  if (!inferred.ok()) {
    return absl::Status(inferred.status().code(),
                        absl::StrCat("shape inference fails: ", inferred.status().message()));
  }
  for (int i = 0; i < converted->graph().output_size(); ++i) {
    *converted->mutable_graph()->mutable_output(i)->mutable_type() =
        inferred->graph().output(i).type();
  }
  return converted;
}

// ---- Explaining a failure ----

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Where `message` names `op` as "Op-13" or as a node's op ", Op)"; npos
// when it does not.
size_t FirstMention(const std::string& message, const std::string& domain,
                    const std::string& op) {
  size_t best = std::string::npos;
  for (size_t at = message.find(op); at != std::string::npos; at = message.find(op, at + 1)) {
    const size_t end = at + op.size();
    if (at > 0 && IsWordChar(message[at - 1])) continue;
    if (end + 1 < message.size() && message[end] == '-' &&
        std::isdigit(static_cast<unsigned char>(message[end + 1]))) {
      best = std::min(best, at);
    }
  }
  const std::string as_node = absl::StrCat(", ", domain.empty() ? "" : domain + ".", op, ")");
  return std::min(best, message.find(as_node));
}

// The used op the message speaks of first, or "".
std::string OpInQuestion(const std::string& message, const std::string& domain,
                         const std::set<std::string>& ops) {
  std::string found;
  size_t found_at = std::string::npos;
  for (const std::string& op : ops) {
    const size_t at = FirstMention(message, domain, op);
    if (at < found_at) {
      found_at = at;
      found = op;
    }
  }
  return found;
}

std::string VersionList(const std::string& domain, const std::string& op) {
  std::vector<int> since;
  for (const OpSchema* s : SchemaRegistry::Instance().Versions(op, domain)) {
    since.push_back(s->since_version());
  }
  return absl::StrJoin(since, ", ");
}

// The lowest opset of `domain` above its target, up to `source`, at which
// the model converts and passes the checks while the other domains go to
// their targets; 0 when none does. Every opset is tried, not only those
// where each op has a schema: an adapter may take an op below its first
// version.
int LowestWorkingOpset(const ModelProto& model, std::map<std::string, int> targets,
                       const std::string& domain, int source) {
  for (int opset = targets[domain] + 1; opset <= source; ++opset) {
    targets[domain] = opset;
    if (Attempt(model, targets).ok()) return opset;
  }
  return 0;
}

absl::Status Explain(const ModelProto& model, const std::map<std::string, int>& targets,
                     const absl::Status& failure) {
  const std::map<std::string, int> written = ImportedOpsets(model);
  // A model whose shapes do not infer as written is at fault, not the target.
  ShapeInferenceOptions strict;
  strict.strict = true;
  if (absl::Status s = InferShapes(model, strict).status(); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("the model as written (", OpsetsText(written),
                                               ") fails shape inference: ", s.message()));
  }
  const std::string message(failure.message());
  const OpsByDomain used = UsedOps(model);
  std::vector<std::string> notes;
  for (const auto& [domain, target] : targets) {
    auto source = written.find(domain);
    auto ops = used.find(domain);
    if (source == written.end() || ops == used.end() || source->second <= target) continue;
    const std::string op = OpInQuestion(message, domain, ops->second);
    if (!op.empty()) {
      notes.push_back(absl::StrCat(op, " has versions ", VersionList(domain, op)));
    }
    if (const int lowest = LowestWorkingOpset(model, targets, domain, source->second)) {
      notes.push_back(absl::StrCat("the lowest ", DomainName(domain),
                                   " opset that can express this model is ", lowest));
    }
  }
  std::string text =
      targets.empty()
          ? absl::StrCat("the model as written (", OpsetsText(written), ") fails: ", message)
          : absl::StrCat("cannot convert the model to ", OpsetsText(targets), ": ", message);
  if (!notes.empty()) absl::StrAppend(&text, "; ", absl::StrJoin(notes, "; "));
  return absl::Status(failure.code(), text);
}

}  // namespace

absl::StatusOr<ModelProto> Finalize(const ModelProto& authored,
                                    const std::map<std::string, int>& requested) {
  ModelProto model = authored;
  ONNXFORGE_RETURN_IF_ERROR(FillOutputTypes(model));
  if (absl::Status s = CheckModel(model); !s.ok()) {
    return absl::Status(s.code(), absl::StrCat("the model as written (",
                                               OpsetsText(ImportedOpsets(model)),
                                               ") fails the checker: ", s.message()));
  }
  std::map<std::string, int> targets;
  for (const auto& [domain, version] : requested) {
    if (!targets.emplace(std::string(CanonicalDomain(domain)), version).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("the targets name ", DomainName(domain), " twice"));
    }
  }
  absl::StatusOr<ModelProto> result = Attempt(model, targets);
  if (result.ok()) return result;
  return Explain(model, targets, result.status());
}

absl::StatusOr<ModelProto> Finalize(const ModelProto& model, int onnx_opset) {
  return Finalize(model, std::map<std::string, int>{{"", onnx_opset}});
}

}  // namespace onnxforge::builder
