#include "reference/executor.h"

#include <set>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"
#include "reference/executor_internal.h"
#include "reference/status_macros.h"

namespace onnxforge::reference {
namespace {

// A feed whose element type differs from the graph input's declared one is
// refused; shapes are left to the kernels.
absl::Status CheckFeedType(const ValueInfoProto& input, const Value& value) {
  const TypeProto& declared = input.type();
  if (declared.value_case() == TypeProto::VALUE_NOT_SET) return absl::OkStatus();
  const std::string want = TypeToString(declared);
  const std::string got = value.TypeString();
  if (absl::StrContains(want, "undefined") || absl::StrContains(got, "undefined")) {
    return absl::OkStatus();
  }
  if (want != got) {
    return absl::InvalidArgumentError(
        absl::StrCat("input '", input.name(), "' expects ", want, ", got ", got));
  }
  return absl::OkStatus();
}

}  // namespace

Evaluator::Evaluator(ModelProto model) : model_(std::move(model)) {
  initializers_.reserve(model_.graph().initializer_size());
  for (const TensorProto& init : model_.graph().initializer()) {
    absl::StatusOr<Tensor> tensor = Tensor::FromProto(init);
    if (tensor.ok()) {
      initializers_.emplace_back(Value(*std::move(tensor)));
    } else {
      initializers_.emplace_back(
          absl::Status(tensor.status().code(), absl::StrCat("initializer '", init.name(),
                                                            "': ", tensor.status().message())));
    }
  }
}

absl::StatusOr<std::vector<Value>> Evaluator::Run(
    const std::vector<std::string>& output_names,
    const std::map<std::string, Value>& feeds) const {
  const GraphProto& graph = model_.graph();
  internal::Frame frame;
  frame.kept = &kept_;
  for (const OperatorSetIdProto& import : model_.opset_import()) {
    frame.opsets[std::string(CanonicalDomain(import.domain()))] =
        static_cast<int>(import.version());
  }
  internal::FunctionTable functions;
  for (const FunctionProto& f : model_.functions()) {
    functions[{std::string(CanonicalDomain(f.domain())), f.name(), f.overload()}] = &f;
  }
  frame.functions = &functions;

  std::set<std::string> initializers;
  for (const TensorProto& t : graph.initializer()) initializers.insert(t.name());
  std::set<std::string> input_names;
  Scope root;
  for (const ValueInfoProto& input : graph.input()) {
    input_names.insert(input.name());
    auto fed = feeds.find(input.name());
    if (fed == feeds.end()) {
      if (initializers.count(input.name()) > 0) continue;  // the initializer is the default
      return absl::InvalidArgumentError(
          absl::StrCat("missing input '", input.name(), "': no feed and no initializer"));
    }
    ONNXFORGE_RETURN_IF_ERROR(CheckFeedType(input, fed->second));
    // Feeds outlive the run: the scope points to them rather than copying.
    ONNXFORGE_RETURN_IF_ERROR(root.DefineBorrowed(input.name(), &fed->second));
  }
  for (const auto& [name, value] : feeds) {
    if (input_names.count(name) == 0) {
      std::vector<std::string> names;
      for (const ValueInfoProto& input : graph.input()) names.push_back(input.name());
      return absl::InvalidArgumentError(absl::StrCat("feed '", name,
                                                     "' is not a graph input (inputs: ",
                                                     absl::StrJoin(names, ", "), ")"));
    }
  }

  // The initializers no feed overrides; RunGraph skips names already defined.
  for (int i = 0; i < graph.initializer_size(); ++i) {
    const std::string& name = graph.initializer(i).name();
    if (root.DefinesLocally(name)) continue;
    if (!initializers_[i].ok()) return initializers_[i].status();
    ONNXFORGE_RETURN_IF_ERROR(root.DefineBorrowed(name, &*initializers_[i]));
  }
  ONNXFORGE_RETURN_IF_ERROR(internal::RunGraph(graph, root, frame));

  std::vector<std::string> wanted = output_names;
  if (wanted.empty()) {
    for (const ValueInfoProto& output : graph.output()) wanted.push_back(output.name());
  }
  std::vector<Value> results;
  for (const std::string& name : wanted) {
    const Value* v = root.Find(name);
    if (v == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("output '", name, "' is not a value the graph computes"));
    }
    results.push_back(*v);
  }
  return results;
}

}  // namespace onnxforge::reference
