// Builds the registry from every domain's opset classes.
#include "onnx_defs/operator_sets.h"
#include "onnx_defs/operator_sets_ml.h"
#include "onnx_defs/operator_sets_preview.h"
#include "onnx_defs/operator_sets_training.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

const SchemaRegistry& SchemaRegistry::Instance() {
  static const SchemaRegistry* registry = [] {
    auto* r = new SchemaRegistry();
    auto add = [r](OpSchema&& schema, int version) { r->Register(std::move(schema), version); };
    OnnxOpsetClasses::ForEachSchema(add);
    OnnxMlOpsetClasses::ForEachSchema(add);
    OnnxTrainingOpsetClasses::ForEachSchema(add);
    OnnxPreviewOpsetClasses::ForEachSchema(add);
    OnnxPreviewTrainingOpsetClasses::ForEachSchema(add);
    r->CheckAllDefinedAreRegistered();
    return r;
  }();
  return *registry;
}

std::vector<int> RegisteredOpsetClassVersions(std::string_view domain) {
  domain = CanonicalDomain(domain);
  if (domain == kOnnxDomain) return OnnxOpsetClasses::Versions();
  if (domain == kMlDomain) return OnnxMlOpsetClasses::Versions();
  if (domain == kTrainingDomain) return OnnxTrainingOpsetClasses::Versions();
  if (domain == kPreviewDomain) return OnnxPreviewOpsetClasses::Versions();
  if (domain == kPreviewTrainingDomain) return OnnxPreviewTrainingOpsetClasses::Versions();
  return {};
}

}  // namespace onnxforge
