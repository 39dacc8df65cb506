#include "version_converter/adapters/batch_norm.h"

#include "absl/strings/str_cat.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

absl::Status ToTrainingMode(Step& step) {
  const bool training = step.has_output(1) || step.has_output(2) || step.has_output(3) ||
                        step.has_output(4);
  if (!training) return absl::OkStatus();
  for (int i : {3, 4}) {
    if (step.has_output(i)) {
      return Step::Refuse("output ", i, " ('", step.output(i), "') gives the batch's ",
                          i == 3 ? "mean" : "variance", ", which ", Step::Name(step.to()),
                          " does not output");
    }
  }
  while (step.node().output_size() > 3) step.node().mutable_output()->RemoveLast();
  step.SetInt("training_mode", 1);
  return absl::OkStatus();
}

absl::Status ToStatisticsOutputs(Step& step) {
  const int64_t training_mode = step.int_attribute("training_mode", 0);
  step.RemoveAttribute("training_mode");
  const bool has_running = step.has_output(1) || step.has_output(2);
  if (training_mode == 0) {
    if (has_running) {
      return Step::Refuse("training_mode is 0 but the node asks for its running statistics, "
                          "which would make ", Step::Name(step.to()), " train");
    }
    return absl::OkStatus();
  }
  if (!has_running) {
    while (step.node().output_size() < 2) step.node().add_output();
    step.node().set_output(1, step.NewName(absl::StrCat(step.output(0), "_running_mean")));
  }
  return absl::OkStatus();
}

}  // namespace

Adapter StatisticsOutputsToTrainingMode() {
  Adapter adapter;
  adapter.kind = "statistics outputs to training_mode";
  adapter.attributes = {"training_mode"};
  adapter.apply = ToTrainingMode;
  return adapter;
}

Adapter TrainingModeToStatisticsOutputs() {
  Adapter adapter;
  adapter.kind = "training_mode to statistics outputs";
  adapter.attributes = {"training_mode"};
  adapter.apply = ToStatisticsOutputs;
  return adapter;
}

}  // namespace onnxforge::version_converter
