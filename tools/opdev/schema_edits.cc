#include "tools/opdev/schema_edits.h"

#include <regex>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

constexpr char kNamespaceEnd[] = "}  // namespace onnxforge";

// Inserts `text` before the file's closing namespace line.
absl::Status InsertBeforeNamespaceEnd(std::string& file_text, const std::string& file,
                                      const std::string& text) {
  const size_t at = FindLastLine(file_text, kNamespaceEnd);
  if (at == std::string::npos) {
    return absl::NotFoundError(
        absl::StrCat(file, ": no line '", kNamespaceEnd, "' to put the schema before"));
  }
  file_text.insert(at, text);
  return absl::OkStatus();
}

// A new schema file with the includes schemas use.
std::string NewSchemaFile(const std::string& first_comment, const std::string& includes) {
  return absl::StrCat(first_comment, "\n", includes, "\nnamespace onnxforge {\n\n",
                      kNamespaceEnd, "\n");
}

std::string DefaultIncludes() {
  return "#include \"onnx_defs/inference_utils.h\"\n"
         "#include \"onnx_defs/schema.h\"\n"
         "#include \"onnx_defs/type_sets.h\"\n";
}

// The #include lines of a file, in order.
std::string IncludesOf(const std::string& text) {
  std::string out;
  for (const std::string& line : Lines(text)) {
    if (absl::StartsWith(line, "#include ")) absl::StrAppend(&out, line, "\n");
  }
  return out.empty() ? DefaultIncludes() : out;
}

// In a copy numbered `version`, a function body registered at an opset
// below it would never be in force there: the newest such body moves up to
// `version`. Returns an error naming the file when a call does not read.
absl::Status RaiseFunctionBodyOpsets(std::string& text, int version, const std::string& file) {
  size_t at = 0;
  std::vector<std::pair<size_t, size_t>> below;  // spans of opset literals below `version`
  int newest = 0;
  while ((at = text.find("FunctionBody(", at)) != std::string::npos) {
    const size_t open = at + std::string("FunctionBody").size();
    at = open;
    absl::StatusOr<std::vector<std::string_view>> args = CallArguments(text, open, file);
    if (!args.ok()) return args.status();
    if (args->size() != 2) continue;
    int opset = 0;
    if (!absl::SimpleAtoi(std::string((*args)[1]), &opset) || opset >= version) continue;
    const size_t literal = (*args)[1].data() - text.data();
    if (opset >= newest) {
      newest = opset;
      below.assign(1, {literal, (*args)[1].size()});
    }
  }
  for (const auto& [offset, length] : below) {
    text.replace(offset, length, absl::StrCat(version));
  }
  return absl::OkStatus();
}

}  // namespace

std::string LatestFileFor(const std::string& folder, const std::string& family) {
  return family.empty() ? absl::StrCat("onnx_defs/", folder, "/defs.cc")
                        : absl::StrCat("onnx_defs/", folder, "/", family, "_defs.cc");
}

absl::Status AppendSchemaSkeleton(Workspace& ws, const std::string& file,
                                  const DomainInfo& domain, const std::string& op, int version,
                                  bool function) {
  if (!ws.Exists(file)) {
    ws.Write(file, NewSchemaFile("// The latest version of each operator of this file.",
                                 DefaultIncludes()));
  }
  std::vector<std::string> lines = {
      "// TODO(opdev): add .Doc(...) in our own words; match inputs, attributes and types to the spec.",
      absl::StrCat("ONNXFORGE_SCHEMA(", domain.tag, ", ", op, ", ", version, ") {"),
      "  return schema",
      "      .Input(0, \"X\", \"The input.\", \"T\")",
      "      .Output(0, \"Y\", \"The result, shaped like X.\", \"T\")",
      "      .TypeConstraint(\"T\", types::Float(), \"Float tensors.\")",
  };
  if (function) {
    lines.push_back(
        "      .FunctionBody(\"TODO(opdev): the body, one node per line, such as Y = Abs (X)\")");
  }
  lines.push_back("      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);");
  lines.push_back("}");
  absl::StatusOr<std::string*> text = ws.Edit(file);
  if (!text.ok()) return text.status();
  return InsertBeforeNamespaceEnd(**text, file, absl::StrCat(absl::StrJoin(lines, "\n"), "\n\n"));
}

absl::Status MoveToOldAndCopy(Workspace& ws, const SchemaBlock& latest, int new_version) {
  if (latest.kind != DefsFileKind::kLatest) {
    return absl::FailedPreconditionError(absl::StrCat(
        latest.file, ":", latest.line, ": ", latest.name, "-", latest.version,
        " is the op's latest version but is not in a defs file; run opdev lint and fix that "
        "first"));
  }
  // The copy: renumbered, with a note for the person making the change.
  std::vector<std::string> copy = Lines(latest.text);
  const std::regex macro(absl::StrCat(R"(^ONNXFORGE_SCHEMA\(\s*)", latest.tag, R"(\s*,\s*)",
                                      latest.name, R"(\s*,\s*)", latest.version, R"(\s*\))"));
  bool renumbered = false;
  for (size_t i = 0; i < copy.size() && !renumbered; ++i) {
    if (!std::regex_search(copy[i], macro)) continue;
    copy[i] = std::regex_replace(
        copy[i], macro,
        absl::StrCat("ONNXFORGE_SCHEMA(", latest.tag, ", ", latest.name, ", ", new_version, ")"),
        std::regex_constants::format_first_only);
    copy.insert(copy.begin() + i + 1,
                absl::StrCat("  // TODO(opdev): make opset ", new_version,
                             "'s change, say it in the doc, and fit its adapters in convert.h."));
    renumbered = true;
  }
  if (!renumbered) {
    return absl::NotFoundError(absl::StrCat(latest.file, ":", latest.line,
                                            ": cannot find the ONNXFORGE_SCHEMA line of ",
                                            latest.name, "-", latest.version));
  }

  std::string copy_text = absl::StrCat(absl::StrJoin(copy, "\n"), "\n");
  absl::Status raised = RaiseFunctionBodyOpsets(copy_text, new_version, latest.file);
  if (!raised.ok()) return raised;

  const std::string old_file = EarlierFileFor(latest.file);
  {
    absl::StatusOr<std::string*> defs = ws.Edit(latest.file);
    if (!defs.ok()) return defs.status();
    if ((*defs)->compare(latest.begin, latest.end - latest.begin, latest.text) != 0) {
      return absl::FailedPreconditionError(
          absl::StrCat(latest.file, ":", latest.line, ": the file changed while opdev ran"));
    }
    (*defs)->replace(latest.begin, latest.end - latest.begin, copy_text);
    if (!ws.Exists(old_file)) {
      ws.Write(old_file, NewSchemaFile("// Earlier versions of the operators of this folder, "
                                       "newest first per op.",
                                       IncludesOf(**defs)));
    }
  }

  absl::StatusOr<std::vector<SchemaBlock>> old_blocks = ScanSchemaFile(ws, old_file);
  if (!old_blocks.ok()) return old_blocks.status();
  absl::StatusOr<std::string*> old_text = ws.Edit(old_file);
  if (!old_text.ok()) return old_text.status();
  for (const SchemaBlock& b : *old_blocks) {
    if (b.tag == latest.tag && b.name == latest.name) {
      (*old_text)->insert(b.begin, absl::StrCat(latest.text, "\n"));
      return absl::OkStatus();
    }
  }
  return InsertBeforeNamespaceEnd(**old_text, old_file, absl::StrCat(latest.text, "\n"));
}

}  // namespace onnxforge::opdev
