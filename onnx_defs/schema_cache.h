// Schema resolution remembered for one run over a model. The checker and
// shape inference look up a schema for every node; a model repeats a few
// ops many times, so each (domain, op, opset) is resolved once per run, and
// each schema's type rules are worked out once per run.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/type_binding.h"

namespace onnxforge {

class SchemaCache {
 public:
  struct Entry {
    const OpSchema* schema = nullptr;        // nullptr when the registry has none
    std::unique_ptr<SchemaTypeRules> rules;  // set with `schema`
  };

  // What SchemaRegistry::Lookup(op, opset, domain) answers. The entry lives
  // as long as the cache.
  const Entry& Lookup(std::string_view domain, std::string_view op, int opset);

 private:
  // The ops seen in one domain at one opset; a model uses a handful.
  struct Table {
    std::string domain;
    int opset = 0;
    absl::flat_hash_map<std::string, std::unique_ptr<Entry>> ops;
  };
  std::vector<std::unique_ptr<Table>> tables_;
};

}  // namespace onnxforge
