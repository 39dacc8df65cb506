// The first lines of every generated Markdown file.
#pragma once

#include <string>

namespace onnxforge::gen_doc {

// The command that rewrites the generated files.
inline constexpr char kRegenerateCommand[] = "bazel run //tools/gen_doc:gen_doc";

// An HTML comment saying the file is generated and how to rewrite it.
inline std::string GeneratedNotice() {
  return std::string("<!-- Written by `") + kRegenerateCommand +
         "` from the operator schemas and the example tests; edit those, not this file. -->\n\n";
}

}  // namespace onnxforge::gen_doc
