// Times the reference evaluator on one model.
//
//   eval_bench_main --model=M.onnx --inputs=DIR --outputs=DIR
//                   [--warmup=3] [--runs=20] [--profile]
//
// DIR holds input_0.pb, input_1.pb ... (TensorProtos, one per graph input
// without an initializer, in graph order), as ONNX's test data does. After
// `warmup` untimed runs, `runs` timed runs of Evaluator::Run; the outputs of
// the last one go to output_0.pb ... in the outputs folder. The last line
// printed is JSON: {"median_ms": ..., "min_ms": ..., "runs": ...}.
//
// --profile then runs the top-level nodes one at a time, each as a model of
// its own fed with the values the nodes before it computed, and prints the
// time per op type (median over the runs, summed over the nodes) above the
// JSON line.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ir/model_io.h"
#include "ir/onnx.pb.h"
#include "reference/executor.h"
#include "reference/value.h"

namespace {

using onnxforge::ModelProto;
using onnxforge::NodeProto;
using onnxforge::TensorProto;
using onnxforge::reference::Evaluator;
using onnxforge::reference::Tensor;
using onnxforge::reference::Value;
using Clock = std::chrono::steady_clock;
using Feeds = std::map<std::string, Value>;

struct Options {
  std::string model;
  std::string inputs;
  std::string outputs;
  int warmup = 3;
  int runs = 20;
  bool profile = false;
};

absl::StatusOr<Options> ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value_of = [&](const std::string& flag) -> const char* {
      return arg.rfind(flag, 0) == 0 ? argv[i] + flag.size() : nullptr;
    };
    if (const char* v = value_of("--model=")) {
      options.model = v;
    } else if (const char* v = value_of("--inputs=")) {
      options.inputs = v;
    } else if (const char* v = value_of("--outputs=")) {
      options.outputs = v;
    } else if (const char* v = value_of("--warmup=")) {
      options.warmup = std::atoi(v);
    } else if (const char* v = value_of("--runs=")) {
      options.runs = std::atoi(v);
    } else if (arg == "--profile") {
      options.profile = true;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument '", arg, "'"));
    }
  }
  if (options.model.empty() || options.inputs.empty()) {
    return absl::InvalidArgumentError("--model and --inputs are required");
  }
  if (options.runs < 1 || options.warmup < 0) {
    return absl::InvalidArgumentError("--runs must be at least 1 and --warmup at least 0");
  }
  return options;
}

double MillisecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

absl::StatusOr<TensorProto> ReadTensorFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open '", path, "'"));
  std::stringstream bytes;
  bytes << in.rdbuf();
  TensorProto proto;
  if (!proto.ParseFromString(bytes.str())) {
    return absl::InvalidArgumentError(absl::StrCat("'", path, "' is not a TensorProto"));
  }
  return proto;
}

// One feed per graph input that no initializer provides, read from
// input_<k>.pb in order.
absl::StatusOr<Feeds> ReadFeeds(const ModelProto& model, const std::string& folder) {
  std::set<std::string> initializers;
  for (const TensorProto& t : model.graph().initializer()) initializers.insert(t.name());
  Feeds feeds;
  int k = 0;
  for (const auto& input : model.graph().input()) {
    if (initializers.count(input.name()) > 0) continue;
    const std::string path = absl::StrCat(folder, "/input_", k++, ".pb");
    absl::StatusOr<TensorProto> proto = ReadTensorFile(path);
    if (!proto.ok()) return proto.status();
    absl::StatusOr<Value> value = Value::FromTensorProto(*proto);
    if (!value.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(path, ": ", value.status().message()));
    }
    feeds[input.name()] = *std::move(value);
  }
  return feeds;
}

absl::Status WriteOutputs(const ModelProto& model, const std::vector<Value>& outputs,
                          const std::string& folder) {
  for (size_t k = 0; k < outputs.size(); ++k) {
    absl::StatusOr<TensorProto> proto = outputs[k].ToTensorProto(model.graph().output(k).name());
    if (!proto.ok()) return proto.status();
    const std::string path = absl::StrCat(folder, "/output_", k, ".pb");
    std::ofstream out(path, std::ios::binary);
    if (!out || !proto->SerializeToOstream(&out)) {
      return absl::InternalError(absl::StrCat("cannot write '", path, "'"));
    }
  }
  return absl::OkStatus();
}

// Median milliseconds of `runs` calls of evaluator.Run after `warmup` calls;
// `last` receives the last call's outputs.
absl::StatusOr<std::vector<double>> TimeRuns(const Evaluator& evaluator, const Feeds& feeds,
                                             int warmup, int runs, std::vector<Value>* last) {
  std::vector<double> times;
  for (int r = 0; r < warmup + runs; ++r) {
    const Clock::time_point start = Clock::now();
    absl::StatusOr<std::vector<Value>> outputs = evaluator.Run({}, feeds);
    const double ms = MillisecondsSince(start);
    if (!outputs.ok()) return outputs.status();
    if (r >= warmup) times.push_back(ms);
    if (last != nullptr) *last = *std::move(outputs);
  }
  return times;
}

// A model of the single node `node`: its inputs become graph inputs (fed),
// its outputs graph outputs.
ModelProto SingleNodeModel(const ModelProto& model, const NodeProto& node) {
  ModelProto single;
  single.set_ir_version(model.ir_version());
  *single.mutable_opset_import() = model.opset_import();
  *single.mutable_functions() = model.functions();
  auto* graph = single.mutable_graph();
  graph->set_name(node.name().empty() ? node.op_type() : node.name());
  *graph->add_node() = node;
  std::set<std::string> seen;
  for (const std::string& name : node.input()) {
    if (!name.empty() && seen.insert(name).second) graph->add_input()->set_name(name);
  }
  for (const std::string& name : node.output()) {
    if (!name.empty()) graph->add_output()->set_name(name);
  }
  return single;
}

// Per op type: the summed median time of its nodes, and the node count.
absl::Status Profile(const ModelProto& model, Feeds values, int runs) {
  std::map<std::string, std::pair<double, int>> per_op;

  // Initializers, which the Evaluator converts once, are fed as values.
  for (const TensorProto& t : model.graph().initializer()) {
    if (values.count(t.name()) > 0) continue;
    absl::StatusOr<Tensor> tensor = Tensor::FromProto(t);
    if (!tensor.ok()) return tensor.status();
    values[t.name()] = *std::move(tensor);
  }
  for (const NodeProto& node : model.graph().node()) {
    const ModelProto single = SingleNodeModel(model, node);
    const Evaluator evaluator(single);
    Feeds feeds;
    for (const auto& input : single.graph().input()) feeds[input.name()] = values[input.name()];
    std::vector<Value> outputs;
    absl::StatusOr<std::vector<double>> times =
        TimeRuns(evaluator, feeds, /*warmup=*/1, runs, &outputs);
    if (!times.ok()) {
      return absl::Status(times.status().code(),
                          absl::StrCat("profiling node '", node.name(), "' (", node.op_type(),
                                       "): ", times.status().message()));
    }
    auto& entry = per_op[node.domain().empty() ? node.op_type()
                                               : absl::StrCat(node.domain(), ".", node.op_type())];
    entry.first += Median(*times);
    entry.second += 1;
    for (int i = 0; i < single.graph().output_size(); ++i) {
      values[single.graph().output(i).name()] = outputs[i];
    }
  }

  double total = 0;
  for (const auto& [op, entry] : per_op) total += entry.first;
  std::vector<std::pair<std::string, std::pair<double, int>>> rows(per_op.begin(), per_op.end());
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::printf("%-36s %6s %12s %7s\n", "op", "nodes", "ms", "share");
  for (const auto& [op, entry] : rows) {
    std::printf("%-36s %6d %12.3f %6.1f%%\n", op.c_str(), entry.second, entry.first,
                total > 0 ? 100.0 * entry.first / total : 0.0);
  }
  std::printf("%-36s %6s %12.3f\n", "total", "", total);
  return absl::OkStatus();
}

absl::Status Main(const Options& options) {
  absl::StatusOr<ModelProto> model = onnxforge::LoadModel(options.model);
  if (!model.ok()) return model.status();
  absl::StatusOr<Feeds> feeds = ReadFeeds(*model, options.inputs);
  if (!feeds.ok()) return feeds.status();

  const Evaluator evaluator(*model);
  std::vector<Value> outputs;
  absl::StatusOr<std::vector<double>> times =
      TimeRuns(evaluator, *feeds, options.warmup, options.runs, &outputs);
  if (!times.ok()) return times.status();
  if (!options.outputs.empty()) {
    absl::Status written = WriteOutputs(*model, outputs, options.outputs);
    if (!written.ok()) return written;
  }
  if (options.profile) {
    absl::Status profiled = Profile(*model, *feeds, options.runs);
    if (!profiled.ok()) return profiled;
  }
  std::printf("{\"median_ms\": %.4f, \"min_ms\": %.4f, \"runs\": %d}\n", Median(*times),
              *std::min_element(times->begin(), times->end()), options.runs);
  return absl::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  absl::StatusOr<Options> options = ParseOptions(argc, argv);
  if (!options.ok()) {
    std::cerr << "eval_bench_main: " << options.status().message() << "\n";
    return 2;
  }
  absl::Status status = Main(*options);
  if (!status.ok()) {
    std::cerr << options->model << ": " << status.message() << "\n";
    return 1;
  }
  return 0;
}
