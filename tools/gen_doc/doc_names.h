// Names the generated documents share: how a domain is written, the anchors
// of operators and of their versions, and which files hold which domains.
#pragma once

#include <string>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge::gen_doc {

// "ai.onnx" for the default domain (""), the domain itself otherwise.
std::string DomainName(const std::string& domain);

// The anchor of an operator: "Relu", or "ai.onnx.ml.ZipMap" outside ai.onnx.
std::string OpAnchor(const std::string& domain, const std::string& op);

// The anchor of one version: "Relu-14", "ai.onnx.ml.ZipMap-1".
std::string VersionAnchor(const OpSchema& schema);

// How a version is named in text: "Relu-14".
std::string VersionLabel(const OpSchema& schema);

// The domains one set of files covers: ai.onnx.ml has its own files
// (suffix "-ml"), every other domain shares the plain ones.
struct DocGroup {
  std::string suffix;
  std::vector<std::string> domains;  // "" first, then by name

  std::string OperatorsFile() const { return "Operators" + suffix + ".md"; }
  std::string ChangelogFile() const { return "Changelog" + suffix + ".md"; }
  std::string CoverageFile() const { return "TestCoverage" + suffix + ".md"; }
};

// The groups, from the registry's domain ranges.
std::vector<DocGroup> DocGroups();

}  // namespace onnxforge::gen_doc
