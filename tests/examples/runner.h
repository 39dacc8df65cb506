// The per-op example files (tests/examples/<domain>/<Op>.txt): reading them
// and running each example through the reference evaluator.
//
// A file holds one or more examples:
//
//   === relu_mixed_signs
//   # Negative values and -0.0 become 0; positives pass through.
//   <ir_version: 8, opset_import: ["" : 14]>
//   relu_mixed_signs (float[4] X) => (float[4] Y) {
//       Y = Relu(X)
//   }
//   --- inputs
//   float[4] X = {-1.5, -0.0, 2.0, 7.0}
//   --- outputs
//   float[4] Y = {0.0, 0.0, 2.0, 7.0}
//
// `=== name` starts an example (lowercase letters, digits and '_'); the `#`
// lines right after it describe it; then comes the model in ONNX's textual
// syntax; `--- inputs` declares one value per graph input (see
// value_reader.h for the value forms); `--- outputs` the expected value of
// every graph output, or `--- error` text the evaluation's error message
// must contain. Blank lines and `#` lines before the first example are the
// file's own comments. Problems are reported as "file:line:column: ...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "tests/examples/value_compare.h"
#include "tests/examples/value_reader.h"

namespace onnxforge::examples {

struct Example {
  std::string name;
  // The `#` lines, without the '#' and the space after it.
  std::vector<std::string> description;
  // The file as it was named to the reader, and the line of `=== name`.
  std::string file;
  int line = 0;
  // The op the file is about, from its path <domain>/<Op>.txt; empty when
  // the path does not have that form.
  std::string domain;
  std::string op;

  std::string model_text;
  ModelProto model;
  std::string inputs_text;
  std::vector<NamedValue> inputs;
  std::string outputs_text;
  std::vector<NamedValue> outputs;  // expected
  // For `--- error`: the text the error message must contain.
  bool expects_error = false;
  std::string expected_error;
};

// Reads the examples in `text`; `file` names it in messages. Also checks
// that the inputs and outputs name the graph's inputs and outputs.
absl::StatusOr<std::vector<Example>> ParseExamples(std::string_view text, const std::string& file);

// Reads a file; domain and op come from its path.
absl::StatusOr<std::vector<Example>> ReadExampleFile(const std::string& path);

struct ExampleSet {
  std::vector<Example> examples;
  // One message per file that does not read, and per name used twice.
  std::vector<std::string> errors;
  int files = 0;
};

// Every *.txt file under `root` (sorted by path), named `root/...`.
ExampleSet ReadExampleTree(const std::string& root);

struct ExampleOutcome {
  bool passed = false;
  // Why it failed: the error or the outputs' differences.
  std::string message;
};

// Checks the model, evaluates it with the example's inputs and compares
// the outputs (or the error) with the expected ones.
ExampleOutcome RunExample(
    const Example& example,
    const testing::Tolerances& tolerances = testing::Tolerances::ForExamples());

}  // namespace onnxforge::examples
