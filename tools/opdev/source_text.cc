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

namespace {

// When a comment or a string or character literal (raw strings included)
// starts at `i`, the offset just past it; else `i`. npos when it never ends.
size_t SkipNonCode(std::string_view text, size_t i) {
  const char c = text[i];
  const char next = i + 1 < text.size() ? text[i + 1] : '\0';
  if (c == '/' && next == '/') {
    const size_t end = text.find('\n', i);
    return end == std::string_view::npos ? text.size() : end;
  }
  if (c == '/' && next == '*') {
    const size_t end = text.find("*/", i + 2);
    return end == std::string_view::npos ? end : end + 2;
  }
  if (c == 'R' && next == '"' && (i == 0 || !IsIdentifier(text.substr(i - 1, 1)))) {
    // R"delim( ... )delim"
    const size_t paren = text.find('(', i + 2);
    if (paren == std::string_view::npos) return paren;
    const std::string closing =
        absl::StrCat(")", std::string(text.substr(i + 2, paren - i - 2)), "\"");
    const size_t end = text.find(closing, paren + 1);
    return end == std::string_view::npos ? end : end + closing.size();
  }
  if (c == '"' || c == '\'') {
    size_t j = i + 1;
    while (j < text.size() && text[j] != c && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
    return j + 1;
  }
  return i;
}

bool Opens(char c) { return c == '(' || c == '{' || c == '['; }
bool Closes(char c) { return c == ')' || c == '}' || c == ']'; }

}  // namespace

absl::StatusOr<size_t> ClosingBrace(std::string_view text, size_t open, const std::string& file) {
  int depth = 0;
  size_t i = open;
  while (i < text.size()) {
    const size_t skipped = SkipNonCode(text, i);
    if (skipped == std::string_view::npos) break;
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (Opens(text[i])) ++depth;
    if (Closes(text[i]) && --depth == 0) return i;
    ++i;
  }
  return absl::InvalidArgumentError(absl::StrCat(file, ":", LineAt(text, open),
                                                 ": the bracket opened here never closes"));
}

absl::StatusOr<std::vector<std::string_view>> CallArguments(std::string_view text, size_t open,
                                                           const std::string& file) {
  absl::StatusOr<size_t> close = ClosingBrace(text, open, file);
  if (!close.ok()) return close.status();
  std::vector<std::string_view> args;
  int depth = 0;
  size_t begin = open + 1;
  size_t i = open + 1;
  while (i < *close) {
    const size_t skipped = SkipNonCode(text, i);
    if (skipped != i) {
      i = skipped;
      continue;
    }
    if (Opens(text[i])) ++depth;
    if (Closes(text[i])) --depth;
    if (text[i] == ',' && depth == 0) {
      args.push_back(Trimmed(text.substr(begin, i - begin)));
      begin = i + 1;
    }
    ++i;
  }
  args.push_back(Trimmed(text.substr(begin, *close - begin)));
  return args;
}

std::string CodeWithoutComments(std::string_view text) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    const size_t skipped = SkipNonCode(text, i);
    if (skipped == std::string_view::npos) break;
    if (skipped != i) {
      if (text[i] != '/') out.append(text.substr(i, skipped - i));  // literals stay
      i = skipped;
      continue;
    }
    out.push_back(text[i++]);
  }
  return out;
}

std::string_view Trimmed(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return text.substr(0, 0);
  const size_t last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
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
