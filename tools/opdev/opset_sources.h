// The opset classes of onnx_defs/operator_sets*.h, read and edited as text:
// which class registers which schema version, and the class lists.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

struct SchemaLine {  // ONNXFORGE_DECLARE_SCHEMA or ONNXFORGE_REGISTER
  std::string tag;
  std::string name;
  int version = 0;
  std::string file;
  int line = 0;
  // For a registration: the version of the enclosing opset class (0 when
  // outside any class).
  int class_version = 0;
  const DomainInfo* class_domain = nullptr;
};

struct OpsetClass {
  const DomainInfo* domain = nullptr;
  int version = 0;     // from the class name
  int k_version = -1;  // from `kVersion = N`; -1 when missing
  std::string file;
  int line = 0;
};

struct ClassList {
  const DomainInfo* domain = nullptr;
  std::vector<int> versions;  // of the classes named, in order
  std::string file;
  int line = 0;
};

struct OpsetSources {
  std::vector<SchemaLine> declarations;
  std::vector<SchemaLine> registrations;
  std::vector<OpsetClass> classes;
  std::vector<ClassList> lists;
  // Lines naming an unknown class prefix or domain tag, as "file:line: ...".
  std::vector<std::string> problems;
};

// Reads every domain's opset file.
absl::StatusOr<OpsetSources> ReadOpsetSources(Workspace& ws);

// Adds ONNXFORGE_DECLARE_SCHEMA above the opset-`version` class and
// ONNXFORGE_REGISTER inside it, each in name order.
absl::Status AddRegistration(Workspace& ws, const DomainInfo& domain, const std::string& name,
                             int version);

// Appends an empty opset-`version` class after the opset-(version-1) class
// and adds it to the domain's class list.
absl::Status AddOpsetClass(Workspace& ws, const DomainInfo& domain, int version);

}  // namespace onnxforge::opdev
