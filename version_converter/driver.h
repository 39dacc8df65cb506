// ConvertVersion: moves a model to other opsets of ai.onnx and ai.onnx.ml.
//
//   absl::StatusOr<ModelProto> converted =
//       version_converter::ConvertVersion(model, {{"", 13}, {"ai.onnx.ml", 3}});
//
// Each imported domain named in `targets` moves to its target opset; the
// others stay. Every node of the main graph, of its subgraphs (If, Loop,
// Scan bodies) and of the model-local functions steps through each version
// change of its op between the two opsets, in order, by the adapters
// convert.h registers. The walk visits every node once and keeps its
// indexes (types, constants, names) per graph, built on first use, so the
// time is linear in the model's size.
//
// The result imports the target opsets (functions too) and has the IR
// version those opsets were released with — never lower than the model's
// when no domain goes down, nor lower than what the model uses needs
// (model-local functions, element types). It is checked with CheckModel
// unless the options say otherwise.
//
// Errors name where and why:
//   node 3 ("relu1", Relu): cannot convert Relu-14 to Relu-13 (ai.onnx opset
//   14 to 13): input 0 ('X') has type tensor(int8), which type parameter T
//   does not allow (allowed: tensor(float16), tensor(float), tensor(double))
#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge::version_converter {

struct ConvertOptions {
  // Run the checker on the result and fail when it finds a problem.
  bool check_result = true;
};

// `targets` maps a domain ("" or "ai.onnx", "ai.onnx.ml") to its opset.
absl::StatusOr<ModelProto> ConvertVersion(const ModelProto& model,
                                          const std::map<std::string, int>& targets,
                                          const ConvertOptions& options = {});

// The IR version released with `opset` of `domain` ("" for ai.onnx), or 0
// for a domain or opset without one.
int64_t IrVersionForOpset(const std::string& domain, int opset);

// The ai.onnx.ml opset of the ONNX release that brought ai.onnx opset
// `onnx_opset` (the newest ml opset for opsets past the last release
// that added one): what a runtime of that release reads beside it.
int MlOpsetReleasedWith(int onnx_opset);

}  // namespace onnxforge::version_converter
