#include "tools/gen_doc/function_bodies.h"

#include <algorithm>

#include "absl/strings/strip.h"

namespace onnxforge::gen_doc {
namespace {

// A node that sets no attribute and passes every declared input.
class StandInNode : public FunctionBodyContext {
 public:
  explicit StandInNode(const OpSchema& schema) : schema_(schema) {}
  const AttributeProto* attribute(std::string_view) const override { return nullptr; }
  bool has_input(size_t index) const override { return index < schema_.inputs().size(); }
  bool has_output(size_t index) const override { return index < schema_.outputs().size(); }
  const TypeProto* input_type(size_t) const override { return nullptr; }

 private:
  const OpSchema& schema_;
};

std::string Trimmed(const std::string& text) {
  return std::string(absl::StripAsciiWhitespace(text));
}

FunctionBodyView Fixed(const OpSchema& schema, int opset) {
  FunctionBodyView view;
  view.opset = opset;
  if (const std::string* text = schema.FunctionBodyText(opset)) view.text = Trimmed(*text);
  return view;
}

FunctionBodyView Built(const OpSchema& schema, int opset) {
  FunctionBodyView view;
  view.opset = opset;
  view.context_dependent = true;
  const FunctionBodyBuilder* builder = schema.FunctionBodyBuilderAt(opset);
  if (builder == nullptr || !*builder) {
    view.build_error = "no builder is registered";
    return view;
  }
  absl::StatusOr<std::string> text = (*builder)(StandInNode(schema));
  if (text.ok()) {
    view.text = Trimmed(*text);
  } else {
    view.build_error = std::string(text.status().message());
  }
  return view;
}

}  // namespace

std::vector<FunctionBodyView> FunctionBodies(const OpSchema& schema) {
  std::vector<FunctionBodyView> views;
  for (int opset : schema.function_opset_versions()) views.push_back(Fixed(schema, opset));
  for (int opset : schema.context_dependent_function_opset_versions()) {
    views.push_back(Built(schema, opset));
  }
  std::stable_sort(
      views.begin(), views.end(),
      [](const FunctionBodyView& a, const FunctionBodyView& b) { return a.opset < b.opset; });
  return views;
}

std::optional<FunctionBodyView> FunctionBodyAt(const OpSchema& schema, int opset) {
  std::optional<FunctionBodyView> found;
  for (FunctionBodyView& view : FunctionBodies(schema)) {
    if (view.opset > opset) break;
    if (!found || view.opset > found->opset) found = std::move(view);
  }
  return found;
}

}  // namespace onnxforge::gen_doc
