#include "tools/opdev/schema_sources.h"

#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {

DefsFileKind KindOfDefsFile(const std::string& path) {
  const std::string name = path.substr(path.rfind('/') + 1);
  if (name == "defs.cc" || absl::EndsWith(name, "_defs.cc")) return DefsFileKind::kLatest;
  if (name == "old.cc" || absl::EndsWith(name, "_old.cc")) return DefsFileKind::kEarlier;
  return DefsFileKind::kOther;
}

std::string EarlierFileFor(const std::string& latest_file) {
  const size_t at = latest_file.rfind("defs.cc");
  return absl::StrCat(latest_file.substr(0, at), "old.cc");
}

std::vector<std::string> SchemaFolders(const Workspace& ws) {
  std::vector<std::string> folders;
  for (const std::string& folder : ws.Subdirectories("onnx_defs")) {
    if (folder != "tests") folders.push_back(folder);
  }
  return folders;
}

absl::StatusOr<std::vector<SchemaBlock>> ScanSchemaFile(Workspace& ws, const std::string& path) {
  static const std::regex kSchemaLine(
      R"(^ONNXFORGE_SCHEMA\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\d+)\s*\))");
  absl::StatusOr<std::string> text = ws.Read(path);
  if (!text.ok()) return text.status();
  const std::vector<std::string> lines = Lines(*text);
  const std::string folder = path.substr(0, path.rfind('/')).substr(path.find('/') + 1);
  std::vector<SchemaBlock> blocks;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_search(lines[i], m, kSchemaLine)) continue;
    SchemaBlock block;
    block.tag = m[1];
    block.name = m[2];
    block.version = std::stoi(m[3]);
    block.domain = DomainByTag(block.tag);
    block.file = path;
    block.folder = folder;
    block.line = static_cast<int>(i) + 1;
    block.kind = KindOfDefsFile(path);

    int first = block.line;
    while (first > 1) {
      const std::string& above = lines[first - 2];
      if (!absl::StartsWith(above, "//") || absl::StartsWith(above, "// ----")) break;
      --first;
    }
    block.begin = LineStart(*text, first);
    const size_t macro = LineStart(*text, block.line);
    const size_t open = text->find('{', macro + m.length(0));
    if (open == std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", block.line, ": ONNXFORGE_SCHEMA without a body"));
    }
    absl::StatusOr<size_t> close = ClosingBrace(*text, open, path);
    if (!close.ok()) return close.status();
    block.end = LineEnd(*text, *close);
    block.text = text->substr(block.begin, block.end - block.begin);
    blocks.push_back(std::move(block));
  }
  return blocks;
}

absl::StatusOr<std::vector<SchemaBlock>> ScanSchemaBlocks(Workspace& ws) {
  std::vector<SchemaBlock> all;
  for (const std::string& folder : SchemaFolders(ws)) {
    for (const std::string& file : ws.Files(absl::StrCat("onnx_defs/", folder), ".cc")) {
      absl::StatusOr<std::vector<SchemaBlock>> blocks = ScanSchemaFile(ws, file);
      if (!blocks.ok()) return blocks.status();
      for (SchemaBlock& b : *blocks) all.push_back(std::move(b));
    }
  }
  return all;
}

}  // namespace onnxforge::opdev
