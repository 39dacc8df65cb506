// run: evaluates a model with the reference evaluator.
//
//   onnxforge run MODEL --inputs-dir DIR --output-dir OUT
//   onnxforge run MODEL --input X=x.npy --input Y=y.pb --output-dir OUT
//
// --inputs-dir reads input_K.pb for the K-th graph input that is not an
// initializer, as ONNX's backend test data lays them out; each file holds a
// TensorProto, SequenceProto, MapProto or OptionalProto as the input's type
// calls for. --input binds one input to a .npy or .pb file. Outputs are
// written as OUT/output_K.pb in graph-output order.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "ir/model_io.h"
#include "reference/executor.h"
#include "tools/cli/commands.h"
#include "tools/cli/npy_file.h"

namespace onnxforge::cli {
namespace {

namespace fs = std::filesystem;
using reference::Value;

int Fail(const absl::Status& status) {
  std::cerr << "onnxforge: " << status.message() << "\n";
  return 1;
}

absl::StatusOr<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A value for input `input` from a .npy or .pb file.
absl::StatusOr<Value> ReadValue(const std::string& path, const ValueInfoProto& input) {
  if (absl::EndsWith(path, ".npy")) {
    absl::StatusOr<reference::Tensor> t = ReadNpy(path);
    if (!t.ok()) return t.status();
    return Value(*std::move(t));
  }
  absl::StatusOr<std::string> bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  TypeProto type = input.type();
  if (type.value_case() == TypeProto::VALUE_NOT_SET) type.mutable_tensor_type();
  absl::StatusOr<Value> value = Value::Parse(*bytes, type);
  if (!value.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " (input '", input.name(), "'): ", value.status().message()));
  }
  return value;
}

// The graph inputs that are not initializers, in order.
std::vector<const ValueInfoProto*> RealInputs(const GraphProto& graph) {
  std::set<std::string> initializers;
  for (const TensorProto& t : graph.initializer()) initializers.insert(t.name());
  std::vector<const ValueInfoProto*> inputs;
  for (const ValueInfoProto& input : graph.input()) {
    if (initializers.count(input.name()) == 0) inputs.push_back(&input);
  }
  return inputs;
}

absl::Status ReadFeeds(const GraphProto& graph, std::map<std::string, Value>* feeds) {
  const std::string dir = absl::GetFlag(FLAGS_inputs_dir);
  if (!dir.empty()) {
    std::vector<const ValueInfoProto*> inputs = RealInputs(graph);
    for (size_t k = 0; k < inputs.size(); ++k) {
      const std::string path = (fs::path(dir) / absl::StrCat("input_", k, ".pb")).string();
      if (!fs::exists(path)) {
        return absl::NotFoundError(
            absl::StrCat("no ", path, " for input ", k, " '", inputs[k]->name(), "'"));
      }
      absl::StatusOr<Value> v = ReadValue(path, *inputs[k]);
      if (!v.ok()) return v.status();
      (*feeds)[inputs[k]->name()] = *std::move(v);
    }
  }
  for (const std::string& binding : absl::GetFlag(FLAGS_input)) {
    const size_t eq = binding.find('=');
    if (eq == std::string::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("--input '", binding, "' is not NAME=FILE"));
    }
    const std::string name = binding.substr(0, eq);
    const std::string path = binding.substr(eq + 1);
    const ValueInfoProto* input = nullptr;
    for (const ValueInfoProto& i : graph.input()) {
      if (i.name() == name) input = &i;
    }
    if (input == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("--input names '", name, "', which is not a graph input"));
    }
    absl::StatusOr<Value> v = ReadValue(path, *input);
    if (!v.ok()) return v.status();
    (*feeds)[name] = *std::move(v);
  }
  return absl::OkStatus();
}

absl::Status WriteOutputs(const GraphProto& graph, const std::vector<Value>& outputs,
                          const std::string& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return absl::InternalError(absl::StrCat("cannot create ", dir, ": ", ec.message()));
  for (size_t k = 0; k < outputs.size(); ++k) {
    absl::StatusOr<std::string> bytes = outputs[k].Serialize(graph.output(k).name());
    if (!bytes.ok()) return bytes.status();
    const std::string path = (fs::path(dir) / absl::StrCat("output_", k, ".pb")).string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << *bytes;
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", path));
  }
  return absl::OkStatus();
}

}  // namespace

int Run(const std::vector<std::string>& args) {
  const std::string out_dir = absl::GetFlag(FLAGS_output_dir);
  if (args.size() != 1 || out_dir.empty()) {
    std::cerr << "usage: onnxforge run MODEL (--inputs-dir DIR | --input NAME=FILE ...) "
                 "--output-dir DIR\n";
    return 2;
  }
  absl::StatusOr<ModelProto> model = LoadModel(args[0]);
  if (!model.ok()) return Fail(model.status());
  std::map<std::string, Value> feeds;
  absl::Status read = ReadFeeds(model->graph(), &feeds);
  if (!read.ok()) return Fail(read);
  reference::Evaluator evaluator(*model);
  absl::StatusOr<std::vector<Value>> outputs = evaluator.Run({}, feeds);
  if (!outputs.ok()) return Fail(outputs.status());
  absl::Status written = WriteOutputs(model->graph(), *outputs, out_dir);
  return written.ok() ? 0 : Fail(written);
}

}  // namespace onnxforge::cli
