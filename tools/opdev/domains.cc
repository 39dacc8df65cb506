#include "tools/opdev/domains.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace onnxforge::opdev {

const std::vector<DomainInfo>& Domains() {
  static const std::vector<DomainInfo>* domains = new std::vector<DomainInfo>{
      {"", "ai.onnx", "Onnx", "onnx_defs/operator_sets.h", "OnnxOpset", "OnnxOpsetClasses",
       "kOnnxDomain", "", "opset_"},
      {"ai.onnx.ml", "ai.onnx.ml", "OnnxML", "onnx_defs/operator_sets_ml.h", "OnnxMlOpset",
       "OnnxMlOpsetClasses", "kMlDomain", "traditionalml", "ml_opset_"},
      {"ai.onnx.training", "ai.onnx.training", "OnnxTraining",
       "onnx_defs/operator_sets_training.h", "OnnxTrainingOpset", "OnnxTrainingOpsetClasses",
       "kTrainingDomain", "training", "training_opset_"},
      {"ai.onnx.preview.training", "ai.onnx.preview.training", "OnnxPreviewTraining",
       "onnx_defs/operator_sets_preview.h", "OnnxPreviewTrainingOpset",
       "OnnxPreviewTrainingOpsetClasses", "kPreviewTrainingDomain", "training",
       "preview_training_opset_"},
      {"ai.onnx.preview", "ai.onnx.preview", "OnnxPreview", "onnx_defs/operator_sets_preview.h",
       "OnnxPreviewOpset", "OnnxPreviewOpsetClasses", "kPreviewDomain", "preview",
       "preview_opset_"},
  };
  return *domains;
}

const DomainInfo* DomainByTag(std::string_view tag) {
  for (const DomainInfo& d : Domains()) {
    if (d.tag == tag) return &d;
  }
  return nullptr;
}

const DomainInfo* DomainByName(std::string_view name) {
  if (name.empty()) return &Domains()[0];
  for (const DomainInfo& d : Domains()) {
    if (d.display == name) return &d;
  }
  return nullptr;
}

const DomainInfo& DomainOfFolder(std::string_view folder) {
  if (folder == "traditionalml") return *DomainByName("ai.onnx.ml");
  if (folder == "training") return *DomainByName("ai.onnx.training");
  if (folder == "preview") return *DomainByName("ai.onnx.preview");
  return Domains()[0];
}

absl::StatusOr<DomainChoice> ResolveDomainFlag(std::string_view flag,
                                               const std::vector<std::string>& folders) {
  if (const DomainInfo* domain = DomainByName(flag)) {
    return DomainChoice{domain, domain->default_folder};
  }
  if (std::find(folders.begin(), folders.end(), flag) != folders.end()) {
    return DomainChoice{&DomainOfFolder(flag), std::string(flag)};
  }
  std::vector<std::string> names;
  for (const DomainInfo& d : Domains()) names.push_back(d.display);
  return absl::InvalidArgumentError(absl::StrCat(
      "--domain=", std::string(flag), " is neither a domain (", absl::StrJoin(names, ", "),
      ") nor a folder of onnx_defs (", absl::StrJoin(folders, ", "), ")"));
}

}  // namespace onnxforge::opdev
