#include "tests/examples/runner.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/checker.h"
#include "reference/executor.h"

namespace onnxforge::examples {
namespace {

namespace fs = std::filesystem;

// "line L, column C: message" from the syntax library (or the value
// reader) becomes "file:L:C: message"; other messages get the line of the
// part they came from.
std::string AtFile(const std::string& file, int fallback_line, const absl::Status& status) {
  const std::string message(status.message());
  int line = 0;
  int column = 0;
  if (absl::StartsWith(message, "line ")) {
    const size_t comma = message.find(", column ");
    const size_t colon = message.find(": ", comma == std::string::npos ? 0 : comma);
    if (comma != std::string::npos && colon != std::string::npos &&
        absl::SimpleAtoi(message.substr(5, comma - 5), &line) &&
        absl::SimpleAtoi(message.substr(comma + 9, colon - comma - 9), &column)) {
      return absl::StrCat(file, ":", line, ":", column, ": ", message.substr(colon + 2));
    }
  }
  return absl::StrCat(file, ":", fallback_line, ": ", message);
}

absl::Status ErrorAt(const std::string& file, int line, int column, const std::string& message) {
  return absl::InvalidArgumentError(absl::StrCat(file, ":", line, ":", column, ": ", message));
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

// A run of lines of one part of an example; `first` is 1-based.
struct Part {
  int first = 0;
  std::vector<absl::string_view> lines;

  // The lines, preceded by blank lines so positions in it are the file's.
  std::string PaddedText() const {
    return absl::StrCat(std::string(std::max(0, first - 1), '\n'), absl::StrJoin(lines, "\n"));
  }
  // The lines as written, without leading and trailing blank lines.
  std::string Text() const {
    size_t end = lines.size();
    while (end > 0 && absl::StripAsciiWhitespace(lines[end - 1]).empty()) --end;
    size_t begin = 0;
    while (begin < end && absl::StripAsciiWhitespace(lines[begin]).empty()) ++begin;
    std::vector<absl::string_view> kept(lines.begin() + begin, lines.begin() + end);
    return absl::StrJoin(kept, "\n");
  }
  bool Blank() const { return Text().empty(); }
};

bool IsSectionLine(absl::string_view line) {
  return absl::StartsWith(line, "---") || absl::StartsWith(line, "===");
}

// Checks that the declared values name exactly the graph's values of one
// side: `required` must all be given, every name must be in `known`.
absl::Status CheckNames(const std::string& file, const Part& section, const char* what,
                        const std::vector<NamedValue>& values, const std::set<std::string>& known,
                        const std::vector<std::string>& required) {
  std::set<std::string> seen;
  for (const NamedValue& v : values) {
    if (known.count(v.name) == 0) {
      return ErrorAt(file, v.line, v.column,
                     absl::StrCat("'", v.name, "' is not a graph ", what, " (graph ", what,
                                  "s: ", absl::StrJoin(known, ", "), ")"));
    }
    if (!seen.insert(v.name).second) {
      return ErrorAt(file, v.line, v.column, absl::StrCat("'", v.name, "' is given twice"));
    }
  }
  for (const std::string& name : required) {
    if (seen.count(name) == 0) {
      return ErrorAt(file, section.first - 1, 1,
                     absl::StrCat("graph ", what, " '", name, "' has no value here"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<NamedValue>> ReadSection(const std::string& file, const Part& part) {
  absl::StatusOr<std::vector<NamedValue>> values = ReadValueDeclarations(part.PaddedText());
  if (!values.ok()) {
    return absl::InvalidArgumentError(AtFile(file, part.first, values.status()));
  }
  return values;
}

// Fills an example from its parts once they are split.
absl::Status BuildExample(const std::string& file, const Part& model_part, const Part* inputs,
                          const Part* outputs, const Part* error, int header_line,
                          Example& example) {
  if (model_part.Blank()) {
    return ErrorAt(file, header_line, 1,
                   absl::StrCat("example '", example.name, "' has no model"));
  }
  example.model_text = model_part.Text();
  absl::StatusOr<ModelProto> model = ParseModel(model_part.PaddedText());
  if (!model.ok()) {
    return absl::InvalidArgumentError(AtFile(file, model_part.first, model.status()));
  }
  example.model = *std::move(model);
  const GraphProto& graph = example.model.graph();

  std::set<std::string> initializers;
  for (const TensorProto& t : graph.initializer()) initializers.insert(t.name());
  std::set<std::string> input_names;
  std::vector<std::string> required_inputs;
  for (const ValueInfoProto& input : graph.input()) {
    input_names.insert(input.name());
    if (initializers.count(input.name()) == 0) required_inputs.push_back(input.name());
  }
  if (inputs != nullptr) {
    example.inputs_text = inputs->Text();
    absl::StatusOr<std::vector<NamedValue>> values = ReadSection(file, *inputs);
    if (!values.ok()) return values.status();
    example.inputs = *std::move(values);
    absl::Status named =
        CheckNames(file, *inputs, "input", example.inputs, input_names, required_inputs);
    if (!named.ok()) return named;
  } else if (!required_inputs.empty()) {
    return ErrorAt(file, header_line, 1,
                   absl::StrCat("example '", example.name, "' has no '--- inputs' section but ",
                                "its graph has inputs (", absl::StrJoin(required_inputs, ", "),
                                ")"));
  }

  if (error != nullptr) {
    example.expects_error = true;
    example.expected_error = error->Text();
    if (example.expected_error.empty()) {
      return ErrorAt(file, error->first - 1, 1, "'--- error' needs the expected message text");
    }
    return absl::OkStatus();
  }
  example.outputs_text = outputs->Text();
  absl::StatusOr<std::vector<NamedValue>> values = ReadSection(file, *outputs);
  if (!values.ok()) return values.status();
  example.outputs = *std::move(values);
  std::set<std::string> output_names;
  std::vector<std::string> all_outputs;
  for (const ValueInfoProto& output : graph.output()) {
    output_names.insert(output.name());
    all_outputs.push_back(output.name());
  }
  return CheckNames(file, *outputs, "output", example.outputs, output_names, all_outputs);
}

// The domain and op of ".../<domain>/<Op>.txt".
std::pair<std::string, std::string> DomainAndOp(const std::string& path) {
  const fs::path p(path);
  if (p.extension() != ".txt" || !p.has_parent_path()) return {"", ""};
  return {p.parent_path().filename().string(), p.stem().string()};
}

}  // namespace

absl::StatusOr<std::vector<Example>> ParseExamples(std::string_view text, const std::string& file) {
  std::vector<absl::string_view> lines =
      absl::StrSplit(absl::string_view(text.data(), text.size()), '\n');
  for (absl::string_view& line : lines) line = absl::StripSuffix(line, "\r");
  std::vector<Example> examples;
  size_t i = 0;
  // The file's own comments.
  while (i < lines.size() && !absl::StartsWith(lines[i], "===")) {
    absl::string_view stripped = absl::StripAsciiWhitespace(lines[i]);
    if (!stripped.empty() && stripped[0] != '#') {
      return ErrorAt(file, static_cast<int>(i) + 1, 1,
                     "expected '=== name' to start an example");
    }
    ++i;
  }
  while (i < lines.size()) {
    const int header_line = static_cast<int>(i) + 1;
    Example example;
    example.file = file;
    example.line = header_line;
    absl::string_view header = lines[i];
    if (!absl::StartsWith(header, "=== ")) {
      return ErrorAt(file, header_line, 1, "expected '=== name' to start an example");
    }
    example.name = std::string(absl::StripAsciiWhitespace(header.substr(4)));
    if (example.name.empty()) {
      return ErrorAt(file, header_line, 5, "expected an example name after '==='");
    }
    for (size_t c = 0; c < example.name.size(); ++c) {
      if (!IsNameChar(example.name[c])) {
        return ErrorAt(file, header_line, static_cast<int>(header.find(example.name) + c) + 1,
                       absl::StrCat("example names use lowercase letters, digits and '_'; '",
                                    example.name, "' has '", std::string(1, example.name[c]),
                                    "'"));
      }
    }
    ++i;
    while (i < lines.size() && absl::StartsWith(lines[i], "#")) {
      absl::string_view line = absl::StripPrefix(lines[i], "#");
      line = absl::StripPrefix(line, " ");
      example.description.emplace_back(absl::StripTrailingAsciiWhitespace(line));
      ++i;
    }
    Part model_part;
    model_part.first = static_cast<int>(i) + 1;
    while (i < lines.size() && !IsSectionLine(lines[i])) model_part.lines.push_back(lines[i++]);

    std::map<std::string, Part> sections;
    std::vector<std::string> order;
    while (i < lines.size() && absl::StartsWith(lines[i], "---")) {
      const int section_line = static_cast<int>(i) + 1;
      const std::string kind(absl::StripAsciiWhitespace(lines[i].substr(3)));
      if (kind != "inputs" && kind != "outputs" && kind != "error") {
        return ErrorAt(file, section_line, 1,
                       absl::StrCat("unknown section '", std::string(lines[i]),
                                    "'; expected '--- inputs', '--- outputs' or '--- error'"));
      }
      if (sections.count(kind) > 0) {
        return ErrorAt(file, section_line, 1, absl::StrCat("a second '--- ", kind, "' section"));
      }
      if (kind == "inputs" && !order.empty()) {
        return ErrorAt(file, section_line, 1, "'--- inputs' comes before the outputs or error");
      }
      if ((kind == "outputs" && sections.count("error")) ||
          (kind == "error" && sections.count("outputs"))) {
        return ErrorAt(file, section_line, 1,
                       "an example has either '--- outputs' or '--- error', not both");
      }
      ++i;
      Part part;
      part.first = static_cast<int>(i) + 1;
      while (i < lines.size() && !IsSectionLine(lines[i])) part.lines.push_back(lines[i++]);
      sections[kind] = std::move(part);
      order.push_back(kind);
    }
    if (i < lines.size() && !absl::StartsWith(lines[i], "===")) {
      return ErrorAt(file, static_cast<int>(i) + 1, 1,
                     "expected '--- inputs', '--- outputs', '--- error' or '=== name'");
    }
    if (sections.count("outputs") == 0 && sections.count("error") == 0) {
      return ErrorAt(file, header_line, 1,
                     absl::StrCat("example '", example.name,
                                  "' needs a '--- outputs' or '--- error' section"));
    }
    auto find = [&](const char* kind) -> const Part* {
      auto it = sections.find(kind);
      return it == sections.end() ? nullptr : &it->second;
    };
    absl::Status built = BuildExample(file, model_part, find("inputs"), find("outputs"),
                                      find("error"), header_line, example);
    if (!built.ok()) return built;
    examples.push_back(std::move(example));
  }
  return examples;
}

absl::StatusOr<std::vector<Example>> ReadExampleFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the file"));
  std::ostringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::vector<Example>> examples = ParseExamples(text.str(), path);
  if (!examples.ok()) return examples;
  const auto [domain, op] = DomainAndOp(path);
  for (Example& e : *examples) {
    e.domain = domain;
    e.op = op;
  }
  return examples;
}

ExampleSet ReadExampleTree(const std::string& root) {
  ExampleSet set;
  std::vector<std::string> paths;
  std::error_code error;
  for (fs::recursive_directory_iterator it(root, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".txt" && fs::is_regular_file(it->path())) {
      paths.push_back(it->path().lexically_normal().string());
    }
  }
  if (error) set.errors.push_back(absl::StrCat(root, ": ", error.message()));
  std::sort(paths.begin(), paths.end());
  std::map<std::string, std::string> where;  // example name -> file:line
  for (const std::string& path : paths) {
    ++set.files;
    absl::StatusOr<std::vector<Example>> examples = ReadExampleFile(path);
    if (!examples.ok()) {
      set.errors.push_back(std::string(examples.status().message()));
      continue;
    }
    for (Example& e : *examples) {
      const std::string here = absl::StrCat(e.file, ":", e.line);
      auto [it, inserted] = where.emplace(e.name, here);
      if (!inserted) {
        set.errors.push_back(absl::StrCat(here, ": example name '", e.name,
                                          "' is already used at ", it->second));
        continue;
      }
      set.examples.push_back(std::move(e));
    }
  }
  return set;
}

ExampleOutcome RunExample(const Example& example, const testing::Tolerances& tolerances) {
  auto matches_error = [&](const absl::Status& status) {
    return example.expects_error &&
           absl::StrContains(std::string(status.message()), example.expected_error);
  };
  absl::Status checked = CheckModel(example.model);
  if (!checked.ok()) {
    if (matches_error(checked)) return {true, ""};
    return {false, absl::StrCat("the model does not pass the checker: ", checked.message())};
  }

  std::map<std::string, reference::Value> feeds;
  for (const NamedValue& input : example.inputs) feeds[input.name] = input.value;
  std::vector<std::string> names;
  for (const NamedValue& output : example.outputs) names.push_back(output.name);
  reference::Evaluator evaluator(example.model);
  absl::StatusOr<std::vector<reference::Value>> got = evaluator.Run(names, feeds);

  if (example.expects_error) {
    if (got.ok()) {
      return {false, absl::StrCat("expected an error containing \"", example.expected_error,
                                  "\" but the model ran")};
    }
    if (matches_error(got.status())) return {true, ""};
    return {false, absl::StrCat("expected an error containing \"", example.expected_error,
                                "\"\n  got: ", got.status().message())};
  }
  if (!got.ok()) return {false, absl::StrCat("evaluation failed: ", got.status().message())};
  std::vector<std::string> diffs;
  for (size_t k = 0; k < example.outputs.size() && k < got->size(); ++k) {
    std::string diff = testing::CompareValues(example.outputs[k].value, (*got)[k], tolerances);
    if (!diff.empty()) {
      diffs.push_back(absl::StrCat("output '", example.outputs[k].name, "': ", diff));
    }
  }
  if (diffs.empty()) return {true, ""};
  return {false, absl::StrJoin(diffs, "\n")};
}

}  // namespace onnxforge::examples
