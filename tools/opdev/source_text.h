// Reading C++ and Starlark sources as text: lines, positions and the extent
// of a braced block. opdev edits sources as text so that its changes read
// like a person's; these helpers keep those edits exact.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace onnxforge::opdev {

// The lines of `text` without their '\n'.
std::vector<std::string> Lines(std::string_view text);

// The 1-based line of `offset`.
int LineAt(std::string_view text, size_t offset);

// The offset where 1-based `line` starts (text.size() past the end).
size_t LineStart(std::string_view text, int line);

// The offset just past the end of the line holding `offset` ('\n' included).
size_t LineEnd(std::string_view text, size_t offset);

// The offset of the bracket that closes the '{', '(' or '[' at `open`,
// skipping brackets in comments, string and character literals (raw
// strings included). An error names `file` and the line of `open` when it
// never closes.
absl::StatusOr<size_t> ClosingBrace(std::string_view text, size_t open, const std::string& file);

// The arguments of the call whose '(' is at `open`, split at its top-level
// commas and trimmed.
absl::StatusOr<std::vector<std::string_view>> CallArguments(std::string_view text, size_t open,
                                                           const std::string& file);

// `text` without its comments (string literals kept).
std::string CodeWithoutComments(std::string_view text);

// `text` without leading and trailing whitespace.
std::string_view Trimmed(std::string_view text);

// The offset of the last line that is exactly `line` (e.g. the closing
// "}  // namespace onnxforge"); npos when there is none.
size_t FindLastLine(std::string_view text, std::string_view line);

// True for [A-Za-z_][A-Za-z0-9_]*.
bool IsIdentifier(std::string_view name);

}  // namespace onnxforge::opdev
