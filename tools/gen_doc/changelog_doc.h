// Changelog.md / Changelog-ml.md: every operator version, listed under the
// opset of its domain that introduced it, with what changed from the
// version before.
#pragma once

#include <string>

#include "onnx_defs/schema.h"
#include "tools/gen_doc/doc_names.h"

namespace onnxforge::gen_doc {

std::string ChangelogDoc(const DocGroup& group, const SchemaRegistry& registry);

}  // namespace onnxforge::gen_doc
