// The parts of one operator version's description that the operator pages
// and the changelog share: its status, doc, the changes from the version
// before, attributes, inputs, outputs, type constraints and function bodies.
#pragma once

#include <string>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge::gen_doc {

// Where links to versions point: the changelog file, or "" for links
// inside the changelog itself.
struct VersionLinks {
  std::string changelog_file;

  // "[13](Changelog.md#Relu-13)" with `text` shown.
  std::string To(const OpSchema& schema, const std::string& text) const;
};

// Deprecation and experimental notes, the doc, then the changes from the
// previous version under a heading of `level` (nothing for a first version).
std::string DescriptionAndChanges(const OpSchema& schema,
                                  const std::vector<const OpSchema*>& versions, int level,
                                  const VersionLinks& links);

// Attributes, inputs, outputs, type constraints and function bodies, each
// under a heading of `level`.
std::string SignatureParts(const OpSchema& schema, int level);

}  // namespace onnxforge::gen_doc
