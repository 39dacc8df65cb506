#include "tools/opdev/example_sources.h"

#include <regex>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/examples/op_usage.h"
#include "tests/examples/runner.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

// "Softsign2" -> "softsign2": example names are lowercase.
std::string ExampleNamePrefix(const std::string& op) { return absl::AsciiStrToLower(op); }

std::string NewOpStub(const DomainInfo& domain, const std::string& op, int version) {
  const std::string name = absl::StrCat(ExampleNamePrefix(op), "_v", version, "_basic");
  const std::string call = domain.domain.empty() ? op : absl::StrCat(domain.domain, ".", op);
  const std::string import_name = domain.domain.empty() ? "" : domain.domain;
  return absl::StrCat(
      "=== ", name, "\n",
      "# TODO(opdev): say what this example shows.\n",
      "<ir_version: 10, opset_import: [\"", import_name, "\" : ", version, "]>\n",
      name, " (float[3] X) => (float[3] Y) {\n",
      "    Y = ", call, "(X)\n",
      "}\n",
      "--- inputs\n",
      "float[3] X = {-1.0, 0.0, 2.0}\n",
      "--- error\n",
      "TODO(opdev): replace this section with '--- outputs' and the hand-checked Y\n");
}

std::string FileComment(const std::string& op) {
  return absl::StrCat("# TODO(opdev): say what ", op, " computes, as its examples show it.\n");
}

void Append(Workspace& ws, const std::string& file, const std::string& text,
            const std::string& first_comment) {
  if (!ws.Exists(file)) {
    ws.Write(file, absl::StrCat(first_comment, "\n", text));
    return;
  }
  std::string* existing = *ws.Edit(file);
  if (!existing->empty() && existing->back() != '\n') existing->push_back('\n');
  absl::StrAppend(existing, "\n", text);
}

// Sets the opset the model header imports for `domain` to `version`.
absl::StatusOr<std::string> ReimportHeader(const std::string& header, const DomainInfo& domain,
                                           int version) {
  const std::regex import(domain.domain.empty()
                              ? std::string(R"re("(ai\.onnx)?"\s*:\s*\d+)re")
                              : absl::StrCat("\"", std::regex_replace(domain.domain,
                                                                      std::regex(R"(\.)"),
                                                                      R"(\.)"),
                                             R"re("\s*:\s*\d+)re"));
  if (!std::regex_search(header, import)) return absl::NotFoundError("no import");
  const std::string key = domain.domain.empty() ? "" : domain.domain;
  return std::regex_replace(header, import, absl::StrCat("\"", key, "\" : ", version),
                            std::regex_constants::format_first_only);
}

}  // namespace

std::string ExampleFileFor(const DomainInfo& domain, const std::string& op) {
  return absl::StrCat("tests/examples/", domain.display, "/", op, ".txt");
}

absl::Status AddNewOpExampleStub(Workspace& ws, const DomainInfo& domain, const std::string& op,
                                 int version) {
  Append(ws, ExampleFileFor(domain, op), NewOpStub(domain, op, version), FileComment(op));
  return absl::OkStatus();
}

absl::StatusOr<std::string> AddBumpExampleStub(Workspace& ws, const DomainInfo& domain,
                                               const std::string& op, int old_version,
                                               int new_version) {
  const std::string file = ExampleFileFor(domain, op);
  std::vector<examples::Example> parsed;
  std::string text;
  if (ws.Exists(file)) {
    absl::StatusOr<std::string> read = ws.Read(file);
    if (!read.ok()) return read.status();
    text = *read;
    absl::StatusOr<std::vector<examples::Example>> examples = examples::ParseExamples(text, file);
    if (!examples.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "the examples of ", op, " do not read, so opdev cannot copy one: ",
          std::string(examples.status().message())));
    }
    parsed = *std::move(examples);
  }

  // The newest example running op-old_version: old_version is the op's
  // latest, so any example importing an opset at or above it does.
  const examples::Example* source = nullptr;
  size_t source_index = 0;
  for (size_t i = 0; i < parsed.size(); ++i) {
    for (const testing::OpUse& use : testing::ModelOpUses(parsed[i].model)) {
      if (use.op.first == domain.domain && use.op.second == op && use.opset >= old_version) {
        source = &parsed[i];
        source_index = i;
      }
    }
  }
  if (source == nullptr) {
    Append(ws, file, NewOpStub(domain, op, new_version), FileComment(op));
    return absl::StrCat(ExampleNamePrefix(op), "_v", new_version, "_basic");
  }

  std::vector<std::string> lines = Lines(text);
  const size_t first = source->line - 1;
  size_t last = source_index + 1 < parsed.size() ? parsed[source_index + 1].line - 1
                                                 : lines.size();
  while (last > first && absl::StripAsciiWhitespace(lines[last - 1]).empty()) --last;
  std::vector<std::string> copy(lines.begin() + first, lines.begin() + last);

  const std::string name = absl::StrCat(source->name, "_at_opset", new_version);
  copy[0] = absl::StrCat("=== ", name);
  size_t after_comments = 1;
  while (after_comments < copy.size() && absl::StartsWith(copy[after_comments], "#")) {
    ++after_comments;
  }
  if (after_comments >= copy.size() || !absl::StartsWith(copy[after_comments], "<")) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ":", source->line + after_comments,
        ": expected the model header '<ir_version: ..., opset_import: [...]>' of example '",
        source->name, "'"));
  }
  absl::StatusOr<std::string> header = ReimportHeader(copy[after_comments], domain, new_version);
  if (!header.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        file, ":", source->line + after_comments, ": the header of example '", source->name,
        "' imports no opset of ", domain.display, " on its own line; copy it by hand"));
  }
  copy[after_comments] = *header;
  copy.insert(copy.begin() + after_comments,
              absl::StrCat("# TODO(opdev): check this copy of '", source->name, "' against ", op,
                           "-", new_version, "."));
  Append(ws, file, absl::StrCat(absl::StrJoin(copy, "\n"), "\n"), "");
  return name;
}

}  // namespace onnxforge::opdev
