// The ONNXFORGE_SCHEMA blocks of onnx_defs/<folder>/*.cc, read as text:
// which op version each file defines, and where.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

// Where a file sits in the defs/old scheme.
enum class DefsFileKind {
  kLatest,   // defs.cc or <family>_defs.cc
  kEarlier,  // old.cc or <family>_old.cc
  kOther,    // utils.cc and the like: no schema belongs here
};

DefsFileKind KindOfDefsFile(const std::string& path);

// The old file paired with a defs file: math/defs.cc -> math/old.cc,
// math/matrix_defs.cc -> math/matrix_old.cc.
std::string EarlierFileFor(const std::string& latest_file);

struct SchemaBlock {
  const DomainInfo* domain = nullptr;  // nullptr for an unknown tag
  std::string tag;
  std::string name;
  int version = 0;
  std::string file;  // relative to the workspace root
  std::string folder;
  int line = 0;        // of ONNXFORGE_SCHEMA
  // The block with the comment lines right above it (section rules of the
  // form "// ----" excluded), as offsets into the file's text: [begin, end)
  // where end is past the closing brace's line.
  size_t begin = 0;
  size_t end = 0;
  std::string text;
  DefsFileKind kind = DefsFileKind::kOther;
};

// Every block of every folder's .cc files (tests/ excluded), in file order.
absl::StatusOr<std::vector<SchemaBlock>> ScanSchemaBlocks(Workspace& ws);

// The blocks of one file.
absl::StatusOr<std::vector<SchemaBlock>> ScanSchemaFile(Workspace& ws, const std::string& path);

// The schema folders of onnx_defs (tests/ excluded).
std::vector<std::string> SchemaFolders(const Workspace& ws);

}  // namespace onnxforge::opdev
