// The example tests (tests/examples/<domain>/<Op>.txt) by operator, with
// the operator versions each one runs.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "onnx_defs/schema.h"
#include "tests/examples/runner.h"

namespace onnxforge::gen_doc {

struct IndexedExample {
  const examples::Example* example = nullptr;
  // The opset the model imports for the op's domain (0 when none).
  int opset = 0;
  // The version in force at that opset, or nullptr.
  const OpSchema* schema = nullptr;
  // The since_version of every version of the op the model runs (its main
  // graph, subgraphs and local functions).
  std::set<int> versions;
};

class ExampleIndex {
 public:
  // `examples` must outlive the index.
  ExampleIndex(const std::vector<examples::Example>& examples, const SchemaRegistry& registry);

  // The examples of an op's file, in file order; empty when it has none.
  const std::vector<IndexedExample>& For(const std::string& domain, const std::string& op) const;

  // The since_versions of the op that some example runs.
  std::set<int> CoveredVersions(const std::string& domain, const std::string& op) const;

  // An example file whose op has no schema.
  struct FileWithoutSchema {
    std::string file;
    std::string domain;  // "" for ai.onnx
    int examples = 0;
  };
  // By file name.
  const std::vector<FileWithoutSchema>& FilesWithoutSchema() const { return without_schema_; }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<IndexedExample>> by_op_;
  std::vector<FileWithoutSchema> without_schema_;
};

}  // namespace onnxforge::gen_doc
