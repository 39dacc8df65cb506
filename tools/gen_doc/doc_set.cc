#include "tools/gen_doc/doc_set.h"

#include "onnx_defs/schema_json.h"
#include "tools/gen_doc/changelog_doc.h"
#include "tools/gen_doc/coverage_doc.h"
#include "tools/gen_doc/doc_names.h"
#include "tools/gen_doc/example_index.h"
#include "tools/gen_doc/operators_doc.h"

namespace onnxforge::gen_doc {

std::map<std::string, std::string> GenerateDocs(const SchemaRegistry& registry,
                                                const std::vector<examples::Example>& examples,
                                                const BackendTestCounts& backend) {
  const ExampleIndex index(examples, registry);
  std::map<std::string, std::string> files;
  for (const DocGroup& group : DocGroups()) {
    files[group.OperatorsFile()] = OperatorsDoc(group, registry, index);
    files[group.ChangelogFile()] = ChangelogDoc(group, registry);
    files[group.CoverageFile()] = CoverageDoc(group, registry, index, backend);
  }
  // The schema facts as JSON, for tools that compare them with ONNX's.
  files["schemas.json"] = SchemasToJson(registry.All());
  return files;
}

}  // namespace onnxforge::gen_doc
