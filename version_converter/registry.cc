#include "version_converter/registry.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "version_converter/convert.h"

namespace onnxforge::version_converter {

const AdapterRegistry& AdapterRegistry::Instance() {
  static const AdapterRegistry* registry =
      new AdapterRegistry(BuiltinChanges(), BuiltinIntroductions());
  return *registry;
}

AdapterRegistry::AdapterRegistry(std::vector<Change> changes,
                                 std::vector<Introduction> introductions)
    : changes_(std::move(changes)), introductions_(std::move(introductions)) {
  for (const Change& c : changes_) {
    std::vector<const Change*>& list = by_op_[OpKey(c.domain, c.op)];
    for (const Change* d : list) {
      if (c.older == d->older && c.newer == d->newer) {
        problems_.push_back(absl::StrCat(c.file, ":", c.line, ": ", c.op, " ", c.older, " -> ",
                                         c.newer, " is listed twice (first at line ", d->line,
                                         ")"));
      }
    }
    list.push_back(&c);
  }
}

const Change* AdapterRegistry::Find(std::string_view domain, std::string_view op, int older,
                                    int newer) const {
  auto it = by_op_.find(OpKey(absl::string_view(domain.data(), domain.size()),
                             absl::string_view(op.data(), op.size())));
  if (it == by_op_.end()) return nullptr;
  for (const Change* c : it->second) {
    if (c->older == older && c->newer == newer) return c;
  }
  return nullptr;
}

const Introduction* AdapterRegistry::FindIntroduction(std::string_view domain,
                                                      std::string_view op) const {
  for (const Introduction& i : introductions_) {
    if (op == i.op && domain == i.domain) return &i;
  }
  return nullptr;
}

}  // namespace onnxforge::version_converter
