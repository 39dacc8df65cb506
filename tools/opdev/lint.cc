#include "tools/opdev/lint.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "tools/opdev/lint_facts.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {

std::string FormatFinding(const Finding& finding) {
  if (finding.file.empty()) return finding.message;
  if (finding.line <= 0) return absl::StrCat(finding.file, ": ", finding.message);
  return absl::StrCat(finding.file, ":", finding.line, ": ", finding.message);
}

void CheckTodos(Workspace& ws, const SourceFacts& facts, Findings& out) {
  constexpr char kMarker[] = "TODO(opdev)";
  std::vector<std::string> files;
  for (const SchemaBlock& b : facts.blocks) files.push_back(b.file);
  for (const DomainInfo& d : Domains()) files.push_back(d.opset_file);
  for (const KernelLine& k : facts.kernels) files.push_back(k.file);
  for (const std::string& dir : ws.Subdirectories("tests/examples")) {
    for (const std::string& file : ws.Files(absl::StrCat("tests/examples/", dir), ".txt")) {
      files.push_back(file);
    }
  }
  if (facts.has_adapters) files.push_back(kConvertHeader);
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  for (const std::string& file : files) {
    absl::StatusOr<std::string> text = ws.Read(file);
    if (!text.ok()) continue;
    const std::vector<std::string> lines = Lines(*text);
    for (size_t i = 0; i < lines.size(); ++i) {
      const size_t at = lines[i].find(kMarker);
      if (at == std::string::npos) continue;
      std::string rest(absl::StripAsciiWhitespace(lines[i].substr(at + sizeof(kMarker) - 1)));
      rest = std::string(absl::StripPrefix(rest, ":"));
      // A marker inside a string literal: drop the literal's end and what follows.
      const size_t quote = rest.rfind('"');
      if (quote != std::string::npos && lines[i].substr(0, at).find('"') != std::string::npos) {
        rest.erase(quote);
      }
      out.push_back({file, static_cast<int>(i) + 1,
                     absl::StrCat("left for a person: ", absl::StripAsciiWhitespace(rest))});
    }
  }
}

absl::StatusOr<LintResult> Lint(Workspace& ws, const LintOptions& options) {
  absl::StatusOr<SourceFacts> facts = ReadSourceFacts(ws);
  if (!facts.ok()) return facts.status();
  LintResult result;
  Findings& out = result.findings;
  CheckPlacement(*facts, out);
  CheckRegistrations(*facts, out);
  CheckRanges(*facts, out);
  CheckKernels(*facts, out);
  CheckCompleteness(*facts, options.use_registry, out);
  if (options.use_registry) CheckCompiledRegistries(*facts, out);
  CheckAdapters(*facts, out);
  CheckTodos(ws, *facts, out);

  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.file, a.line) < std::tie(b.file, b.line);
  });
  // Two rules may word the same fact alike; say it once.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Finding& a, const Finding& b) {
                          return a.file == b.file && a.line == b.line && a.message == b.message;
                        }),
            out.end());
  result.ops = static_cast<int>(facts->ops.size());
  for (const auto& [key, versions] : facts->ops) {
    result.schema_versions += static_cast<int>(versions.size());
  }
  result.examples = static_cast<int>(facts->examples.examples.size());
  result.kernels = static_cast<int>(facts->kernels.size());
  result.adapter_lines = static_cast<int>(facts->adapters.lines.size());
  return result;
}

}  // namespace onnxforge::opdev
