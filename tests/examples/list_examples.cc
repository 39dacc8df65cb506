// Prints every example under tests/examples as a JSON array, for the doc
// generator: op, domain, opset, name, description, and the model, inputs
// and outputs (or expected error) as written.
//
//   bazel run //tests/examples:list_examples [-- <examples folder>]
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "tests/examples/op_usage.h"
#include "tests/examples/runner.h"

namespace onnxforge::examples {
namespace {

std::string Json(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string ExampleJson(const Example& e) {
  std::vector<std::string> description;
  for (const std::string& line : e.description) description.push_back(Json(line));
  std::vector<std::string> fields = {
      absl::StrCat("\"name\": ", Json(e.name)),
      absl::StrCat("\"op\": ", Json(e.op)),
      absl::StrCat("\"domain\": ", Json(e.domain)),
      absl::StrCat("\"opset\": ", testing::ImportedOpset(e.model, e.domain)),
      absl::StrCat("\"file\": ", Json(e.file)),
      absl::StrCat("\"line\": ", e.line),
      absl::StrCat("\"description\": [", absl::StrJoin(description, ", "), "]"),
      absl::StrCat("\"model\": ", Json(e.model_text)),
      absl::StrCat("\"inputs\": ", Json(e.inputs_text)),
      absl::StrCat("\"outputs\": ", e.expects_error ? "null" : Json(e.outputs_text)),
      absl::StrCat("\"error\": ", e.expects_error ? Json(e.expected_error) : "null"),
  };
  return absl::StrCat("  {\n    ", absl::StrJoin(fields, ",\n    "), "\n  }");
}

}  // namespace
}  // namespace onnxforge::examples

int main(int argc, char** argv) {
  using namespace onnxforge::examples;  // NOLINT
  const std::string root = argc > 1 ? argv[1] : "tests/examples";
  const ExampleSet set = ReadExampleTree(root);
  for (const std::string& error : set.errors) std::cerr << error << "\n";
  std::vector<std::string> items;
  for (const Example& e : set.examples) items.push_back(ExampleJson(e));
  std::cout << "[\n" << absl::StrJoin(items, ",\n") << (items.empty() ? "]\n" : "\n]\n");
  return set.errors.empty() ? 0 : 1;
}
