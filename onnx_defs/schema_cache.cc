#include "onnx_defs/schema_cache.h"

namespace onnxforge {

const SchemaCache::Entry& SchemaCache::Lookup(std::string_view domain, std::string_view op,
                                              int opset) {
  domain = CanonicalDomain(domain);
  Table* table = nullptr;
  for (const auto& t : tables_) {
    if (t->opset == opset && t->domain == domain) table = t.get();
  }
  if (table == nullptr) {
    tables_.push_back(std::make_unique<Table>());
    table = tables_.back().get();
    table->domain = std::string(domain);
    table->opset = opset;
  }
  // Debian's abseil keys std::string maps by absl::string_view.
  const absl::string_view key(op.data(), op.size());
  auto it = table->ops.find(key);
  if (it != table->ops.end()) return *it->second;
  auto entry = std::make_unique<Entry>();
  entry->schema = SchemaRegistry::Instance().Lookup(op, opset, domain);
  if (entry->schema != nullptr) entry->rules = std::make_unique<SchemaTypeRules>(*entry->schema);
  return *table->ops.emplace(std::string(op), std::move(entry)).first->second;
}

}  // namespace onnxforge
