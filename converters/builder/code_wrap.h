// Lays out a generated call or signature within a line width:
//
//   prefix(item, item, item)suffix              when it fits, else
//   prefix(
//   <indent>item, item, item,
//   <indent>item)suffix                         filling each line.
#pragma once

#include <string>
#include <vector>

namespace onnxforge::builder {

inline constexpr int kLineWidth = 100;

// `head` ends with the opening parenthesis; `tail` starts with the closing
// one. Each line of the result starts with `lead` (the current indent).
std::string WrapList(const std::string& lead, const std::string& head,
                     const std::vector<std::string>& items, const std::string& tail,
                     const std::string& indent);

// `text` (one paragraph) broken between words into lines of at most
// `width` characters where the words allow; lines after the first start
// with `hang`. Lines are joined by newlines, with none at the end.
std::string WrapWords(const std::string& text, int width, const std::string& hang);

}  // namespace onnxforge::builder
