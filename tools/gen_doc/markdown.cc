#include "tools/gen_doc/markdown.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace onnxforge::gen_doc {
namespace {

// The longest run of backticks in `text`.
size_t LongestBacktickRun(const std::string& text) {
  size_t longest = 0;
  size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

}  // namespace

std::string Anchor(const std::string& name) { return absl::StrCat("<a name=\"", name, "\"></a>"); }

std::string Link(const std::string& text, const std::string& target) {
  return absl::StrCat("[", text, "](", target, ")");
}

std::string Code(const std::string& text) {
  const std::string ticks(LongestBacktickRun(text) + 1, '`');
  // A span that starts or ends with a backtick needs a space as padding.
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  const std::string space = pad ? " " : "";
  return absl::StrCat(ticks, space, text, space, ticks);
}

std::string CodeBlock(const std::string& text) {
  const std::string fence(std::max<size_t>(3, LongestBacktickRun(text) + 1), '`');
  std::string body = text;
  while (!body.empty() && body.back() == '\n') body.pop_back();
  return absl::StrCat(fence, "\n", body, "\n", fence, "\n");
}

std::string OneLine(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string Heading(int level, const std::string& title) {
  return absl::StrCat(std::string(level, '#'), " ", title, "\n\n");
}

}  // namespace onnxforge::gen_doc
