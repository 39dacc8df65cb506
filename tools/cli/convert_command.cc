// convert: moves a model to other opsets of ai.onnx and ai.onnx.ml.
//
//   onnxforge convert model.onnx --to 13 [--ml-to 3] -o out.onnx
//
// `convert --from FRAMEWORK` (framework_convert.cc) converts a framework's
// model instead.
#include <iostream>
#include <map>
#include <string>

#include "absl/flags/flag.h"
#include "ir/model_io.h"
#include "tools/cli/commands.h"
#include "version_converter/driver.h"

ABSL_FLAG(int, to, 0, "convert: the ai.onnx opset to convert to");
ABSL_FLAG(int, ml_to, 0, "convert: the ai.onnx.ml opset to convert to");

namespace onnxforge::cli {

int Convert(const std::vector<std::string>& args) {
  const std::string out = absl::GetFlag(FLAGS_o);
  const int to = absl::GetFlag(FLAGS_to);
  const int ml_to = absl::GetFlag(FLAGS_ml_to);
  if (args.size() != 1 || out.empty() || (to == 0 && ml_to == 0)) {
    std::cerr << "usage: onnxforge convert MODEL --to OPSET [--ml-to OPSET] -o OUT\n";
    return 2;
  }
  std::map<std::string, int> targets;
  if (to != 0) targets[""] = to;
  if (ml_to != 0) targets["ai.onnx.ml"] = ml_to;
  absl::StatusOr<ModelProto> model = LoadModel(args[0]);
  if (model.ok()) model = version_converter::ConvertVersion(*model, targets);
  absl::Status status = model.ok() ? SaveModel(*model, out) : model.status();
  if (!status.ok()) {
    std::cerr << "onnxforge: " << status.message() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace onnxforge::cli
