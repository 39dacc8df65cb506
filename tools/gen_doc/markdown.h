// Small Markdown builders shared by every generated document: anchors,
// links, code spans and blocks, table cells.
#pragma once

#include <string>

namespace onnxforge::gen_doc {

// An empty HTML anchor that links can point at ("#name").
std::string Anchor(const std::string& name);

// [text](target)
std::string Link(const std::string& text, const std::string& target);

// `text` as a code span; more backticks when the text holds some.
std::string Code(const std::string& text);

// A fenced block; the fence is longer than any run of backticks inside.
std::string CodeBlock(const std::string& text);

// Text safe inside a table cell or a list item: '|' escaped, line breaks
// and runs of spaces folded into one space, ends trimmed.
std::string OneLine(const std::string& text);

// "#### title\n\n" with `level` hashes.
std::string Heading(int level, const std::string& title);

}  // namespace onnxforge::gen_doc
