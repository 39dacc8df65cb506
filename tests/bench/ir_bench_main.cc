// Times load, check and shape inference of the model files given on the
// command line; prints one JSON object per model (seconds, best of N runs).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "ir/model_io.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/shape_inference.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  int repeats = 3;
  for (int i = 1; i < argc; ++i) {
    std::string path = argv[i];
    if (path.rfind("--repeats=", 0) == 0) {
      repeats = std::stoi(path.substr(10));
      continue;
    }
    double best_load = 1e30, best_check = 1e30, best_infer = 1e30;
    for (int r = 0; r < repeats; ++r) {
      auto t0 = Clock::now();
      auto model = onnxforge::LoadModel(path);
      double load = Seconds(t0);
      if (!model.ok()) {
        std::cerr << path << ": " << model.status().message() << "\n";
        return 1;
      }
      t0 = Clock::now();
      absl::Status checked = onnxforge::CheckModel(*model);
      double check = Seconds(t0);
      if (!checked.ok()) {
        std::cerr << path << ": " << checked.message() << "\n";
        return 1;
      }
      t0 = Clock::now();
      onnxforge::ShapeInferenceOptions options;
      options.strict = true;
      auto inferred = onnxforge::InferShapes(*model, options);
      double infer = Seconds(t0);
      if (!inferred.ok()) {
        std::cerr << path << ": " << inferred.status().message() << "\n";
        return 1;
      }
      best_load = std::min(best_load, load);
      best_check = std::min(best_check, check);
      best_infer = std::min(best_infer, infer);
    }
    std::printf("{\"model\": \"%s\", \"load\": %.6f, \"check\": %.6f, \"infer\": %.6f}\n",
                path.c_str(), best_load, best_check, best_infer);
  }
  return 0;
}
