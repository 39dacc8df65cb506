// check, infer, print and parse: the subcommands that read or write models.
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/flags/flag.h"
#include "ir/model_io.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/printer.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/shape_inference.h"
#include "tools/cli/commands.h"

namespace onnxforge::cli {
namespace {

int Fail(const absl::Status& status) {
  std::cerr << "onnxforge: " << status.message() << "\n";
  return 1;
}

int Usage(const char* text) {
  std::cerr << "usage: onnxforge " << text << "\n";
  return 2;
}

}  // namespace

int Check(const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage("check MODEL");
  auto model = LoadModel(args[0]);
  if (!model.ok()) return Fail(model.status());
  absl::Status status = CheckModel(*model);
  if (!status.ok()) return Fail(status);
  std::cout << "ok\n";
  return 0;
}

int Infer(const std::vector<std::string>& args) {
  const std::string out = absl::GetFlag(FLAGS_o);
  if (args.size() != 1 || out.empty()) return Usage("infer MODEL -o OUT [--lenient]");
  auto model = LoadModel(args[0]);
  if (!model.ok()) return Fail(model.status());
  ShapeInferenceOptions options;
  options.strict = !absl::GetFlag(FLAGS_lenient);
  auto inferred = InferShapes(*model, options);
  if (!inferred.ok()) return Fail(inferred.status());
  absl::Status saved = SaveModel(*inferred, out);
  return saved.ok() ? 0 : Fail(saved);
}

int Print(const std::vector<std::string>& args) {
  if (args.size() != 1) return Usage("print MODEL");
  auto model = LoadModel(args[0]);
  if (!model.ok()) return Fail(model.status());
  std::cout << PrintModel(*model);
  return 0;
}

int Parse(const std::vector<std::string>& args) {
  const std::string out = absl::GetFlag(FLAGS_o);
  if (args.size() != 1 || out.empty()) return Usage("parse TEXT -o MODEL");
  std::ifstream in(args[0]);
  if (!in) return Fail(absl::NotFoundError("cannot read " + args[0]));
  std::stringstream text;
  text << in.rdbuf();
  auto model = ParseModel(text.str());
  if (!model.ok()) return Fail(absl::InvalidArgumentError(args[0] + ": " + std::string(model.status().message())));
  absl::Status saved = SaveModel(*model, out);
  return saved.ok() ? 0 : Fail(saved);
}

}  // namespace onnxforge::cli
