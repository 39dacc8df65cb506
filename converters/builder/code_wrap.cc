#include "converters/builder/code_wrap.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace onnxforge::builder {

std::string WrapList(const std::string& lead, const std::string& head,
                     const std::vector<std::string>& items, const std::string& tail,
                     const std::string& indent) {
  const std::string one_line = absl::StrCat(lead, head, absl::StrJoin(items, ", "), tail);
  if (one_line.size() <= static_cast<size_t>(kLineWidth)) return one_line + "\n";
  std::string text = absl::StrCat(lead, head, "\n");
  const std::string start = lead + indent;
  std::string line = start;
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string piece = absl::StrCat(items[i], i + 1 < items.size() ? "," : tail);
    const bool first = line.size() == start.size();
    if (!first && line.size() + 1 + piece.size() > static_cast<size_t>(kLineWidth)) {
      absl::StrAppend(&text, line, "\n");
      line = start;
    }
    absl::StrAppend(&line, line.size() == start.size() ? "" : " ", piece);
  }
  if (items.empty()) absl::StrAppend(&line, tail);
  return absl::StrCat(text, line, "\n");
}

std::string WrapWords(const std::string& text, int width, const std::string& hang) {
  std::string out;
  std::string line;
  for (absl::string_view word : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    if (!line.empty() && line.size() + 1 + word.size() > static_cast<size_t>(width)) {
      absl::StrAppend(&out, line, "\n");
      line = hang;
    }
    absl::StrAppend(&line, line.empty() || line == hang ? "" : " ", word);
  }
  return out + line;
}

}  // namespace onnxforge::builder
