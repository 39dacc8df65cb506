#include "tools/opdev/source_text.h"

#include "absl/strings/str_cat.h"

namespace onnxforge::opdev {

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

int LineAt(std::string_view text, size_t offset) {
  int line = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

size_t LineStart(std::string_view text, int line) {
  size_t offset = 0;
  for (int l = 1; l < line; ++l) {
    offset = text.find('\n', offset);
    if (offset == std::string_view::npos) return text.size();
    ++offset;
  }
  return offset;
}

size_t LineEnd(std::string_view text, size_t offset) {
  const size_t newline = text.find('\n', offset);
  return newline == std::string_view::npos ? text.size() : newline + 1;
}

absl::StatusOr<size_t> ClosingBrace(std::string_view text, size_t open, const std::string& file) {
  int depth = 0;
  size_t i = open;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) break;
      continue;
    }
    if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
      i = text.find("*/", i + 2);
      if (i == std::string_view::npos) break;
      i += 2;
      continue;
    }
    if (c == 'R' && i + 1 < text.size() && text[i + 1] == '"') {
      // R"delim( ... )delim"
      const size_t paren = text.find('(', i + 2);
      if (paren == std::string_view::npos) break;
      const std::string closing =
          absl::StrCat(")", std::string(text.substr(i + 2, paren - i - 2)), "\"");
      i = text.find(closing, paren + 1);
      if (i == std::string_view::npos) break;
      i += closing.size();
      continue;
    }
    if (c == '"' || c == '\'') {
      ++i;
      while (i < text.size() && text[i] != c && text[i] != '\n') {
        i += text[i] == '\\' ? 2 : 1;
      }
      ++i;
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}' && --depth == 0) return i;
    ++i;
  }
  return absl::InvalidArgumentError(absl::StrCat(file, ":", LineAt(text, open),
                                                 ": the block opened here never closes"));
}

size_t FindLastLine(std::string_view text, std::string_view line) {
  size_t found = std::string_view::npos;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(start, end - start) == line) found = start;
    start = end + 1;
  }
  return found;
}

bool IsIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace onnxforge::opdev
