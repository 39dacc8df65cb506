// The operators of each domain of a document group, and the texts every
// generated document uses to introduce a domain.
#pragma once

#include <string>
#include <vector>

#include "onnx_defs/schema.h"
#include "tools/gen_doc/doc_names.h"

namespace onnxforge::gen_doc {

struct DomainOps {
  std::string domain;  // "" for ai.onnx
  const DomainOpsetRange* range = nullptr;
  // One entry per op, by name; each holds the op's versions, oldest first.
  std::vector<std::vector<const OpSchema*>> ops;

  int VersionCount() const;
};

// Every domain of the group, in the group's order, with its operators.
std::vector<DomainOps> GroupOps(const DocGroup& group, const SchemaRegistry& registry);

// "ai.onnx.ml", or "ai.onnx, ai.onnx.preview and ai.onnx.training".
std::string GroupTitle(const DocGroup& group);

// "domain-ai.onnx": the anchor of a domain's section.
std::string DomainAnchor(const std::string& domain);

// "## <anchor>Domain ai.onnx" and a blank line.
std::string DomainHeading(const DomainOps& domain);

// A line linking each domain's section with its operator count.
std::string DomainIndex(const std::vector<DomainOps>& domains);

// "180 operators with 269 versions; the domain's opsets run from 1 to 28."
std::string OpCountLine(const DomainOps& domain);

}  // namespace onnxforge::gen_doc
