// Times the version converter on one model.
//
//   convert_bench_main --model=M.onnx --opset=17 [--runs=5] [--output=OUT.onnx]
//
// Loads the model, then converts it to `opset` of ai.onnx `runs` times
// with ConvertVersion (the checker on the result included, as by default)
// and as many times without the checker, to tell the two apart. It then runs
// the model and the converted one on the same input (every graph input
// filled with values from -1 to 1) and requires the outputs to be equal.
// The last line printed is JSON:
//   {"nodes_in": ..., "nodes_out": ..., "load_s": ..., "convert_s": ...,
//    "convert_cpu_s": ..., "convert_unchecked_s": ..., "outputs_equal": true}
// with the times the fastest of the runs (wall-clock, and processor time
// for convert_cpu_s).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "ir/model_io.h"
#include "ir/onnx.pb.h"
#include "reference/executor.h"
#include "reference/value.h"
#include "version_converter/driver.h"

namespace {

using onnxforge::ModelProto;
using onnxforge::TensorProto;
using onnxforge::reference::Evaluator;
using onnxforge::reference::Value;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string model;
  std::string output;
  int opset = 0;
  int runs = 5;
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
    } else if (const char* v = value_of("--output=")) {
      options.output = v;
    } else if (const char* v = value_of("--opset=")) {
      options.opset = std::atoi(v);
    } else if (const char* v = value_of("--runs=")) {
      options.runs = std::max(1, std::atoi(v));
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown argument '", arg, "'"));
    }
  }
  if (options.model.empty() || options.opset <= 0) {
    return absl::InvalidArgumentError("--model and --opset are required");
  }
  return options;
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Processor time of this process, which other work on a busy machine does
// not inflate.
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// Every graph input as a float tensor of its declared shape (unknown dims
// taken as 1), filled with values spread over [-1, 1].
absl::StatusOr<std::map<std::string, Value>> Feeds(const ModelProto& model) {
  std::map<std::string, Value> feeds;
  for (const auto& input : model.graph().input()) {
    if (input.type().tensor_type().elem_type() != TensorProto::FLOAT) {
      return absl::InvalidArgumentError(
          absl::StrCat("graph input '", input.name(), "' is not a float tensor"));
    }
    TensorProto tensor;
    tensor.set_data_type(TensorProto::FLOAT);
    int64_t count = 1;
    for (const auto& dim : input.type().tensor_type().shape().dim()) {
      const int64_t size = dim.has_dim_value() ? dim.dim_value() : 1;
      tensor.add_dims(size);
      count *= size;
    }
    for (int64_t i = 0; i < count; ++i) {
      tensor.add_float_data(count == 1 ? 0.5f : -1.0f + 2.0f * i / (count - 1));
    }
    absl::StatusOr<Value> value = Value::Parse(tensor.SerializeAsString(), input.type());
    if (!value.ok()) return value.status();
    feeds.emplace(input.name(), *std::move(value));
  }
  return feeds;
}

int Fail(const absl::Status& status) {
  std::cerr << status.message() << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace vc = onnxforge::version_converter;
  absl::StatusOr<Options> options = ParseOptions(argc, argv);
  if (!options.ok()) return Fail(options.status());

  Clock::time_point start = Clock::now();
  absl::StatusOr<ModelProto> model = onnxforge::LoadModel(options->model);
  if (!model.ok()) return Fail(model.status());
  const double load_s = Seconds(start);

  double convert_s = 1e300;
  double convert_cpu_s = 1e300;
  absl::StatusOr<ModelProto> converted = absl::UnknownError("not run");
  for (int run = 0; run < options->runs; ++run) {
    start = Clock::now();
    const double cpu_start = CpuSeconds();
    converted = vc::ConvertVersion(*model, {{"", options->opset}});
    convert_cpu_s = std::min(convert_cpu_s, CpuSeconds() - cpu_start);
    convert_s = std::min(convert_s, Seconds(start));
    if (!converted.ok()) return Fail(converted.status());
  }
  vc::ConvertOptions unchecked;
  unchecked.check_result = false;
  double unchecked_s = 1e300;
  for (int run = 0; run < options->runs; ++run) {
    start = Clock::now();
    absl::StatusOr<ModelProto> result =
        vc::ConvertVersion(*model, {{"", options->opset}}, unchecked);
    unchecked_s = std::min(unchecked_s, Seconds(start));
    if (!result.ok()) return Fail(result.status());
  }

  if (!options->output.empty()) {
    if (absl::Status saved = onnxforge::SaveModel(*converted, options->output); !saved.ok()) {
      return Fail(saved);
    }
  }

  absl::StatusOr<std::map<std::string, Value>> feeds = Feeds(*model);
  if (!feeds.ok()) return Fail(feeds.status());
  absl::StatusOr<std::vector<Value>> before = Evaluator(*model).Run({}, *feeds);
  if (!before.ok()) return Fail(before.status());
  absl::StatusOr<std::vector<Value>> after = Evaluator(*converted).Run({}, *feeds);
  if (!after.ok()) return Fail(after.status());
  const bool equal = *before == *after;

  std::cout << "{\"nodes_in\": " << model->graph().node_size()
            << ", \"nodes_out\": " << converted->graph().node_size()
            << ", \"load_s\": " << load_s << ", \"convert_s\": " << convert_s
            << ", \"convert_cpu_s\": " << convert_cpu_s
            << ", \"convert_unchecked_s\": " << unchecked_s
            << ", \"outputs_equal\": " << (equal ? "true" : "false") << "}\n";
  return equal ? 0 : 1;
}
