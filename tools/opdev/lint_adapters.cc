// Every version change has its adapters: an ONNXFORGE_ADAPTERS line in
// version_converter/convert.h with an upgrade and a downgrade (either may
// be a Refuse with its reason), and nothing else claims to be a change.
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/opdev/lint_facts.h"

namespace onnxforge::opdev {

void CheckAdapters(const SourceFacts& facts, Findings& out) {
  if (!facts.has_adapters) return;
  for (const std::string& problem : facts.adapters.problems) {
    out.push_back(FindingFromMessage(problem, ""));
  }
  using Change = std::tuple<std::string, std::string, int, int>;  // (tag, op, older, newer)
  std::map<Change, const AdapterLine*> listed;
  for (const AdapterLine& line : facts.adapters.lines) {
    if (line.introduction) continue;
    auto [it, inserted] = listed.emplace(Change{line.tag, line.op, line.older, line.newer}, &line);
    if (!inserted) {
      out.push_back({line.file, line.line,
                     absl::StrCat(line.op, " ", line.older, " -> ", line.newer,
                                  " is listed again (first at line ", it->second->line, ")")});
    }
    if (line.upgrade.empty() || line.downgrade.empty()) {
      out.push_back({line.file, line.line,
                     absl::StrCat(line.op, " ", line.older, " -> ", line.newer,
                                  " needs both an upgrade and a downgrade (or a Refuse)")});
    }
  }

  std::set<Change> changes;
  for (const auto& [key, versions] : facts.ops) {
    for (size_t i = 1; i < versions.size(); ++i) {
      const SchemaBlock& older = *versions[i - 1];
      const SchemaBlock& newer = *versions[i];
      changes.insert({newer.tag, newer.name, older.version, newer.version});
      if (listed.count({newer.tag, newer.name, older.version, newer.version}) == 0) {
        out.push_back(
            {newer.file, newer.line,
             absl::StrCat(newer.name, " ", older.version, " -> ", newer.version,
                          " has no adapters: add 'ONNXFORGE_ADAPTERS(", newer.tag, ", ",
                          newer.name, ", ", older.version, ", ", newer.version,
                          ", upgrade, downgrade),' to ", kConvertHeader,
                          " (Refuse(\"why\") where no rewrite is exact)")});
      }
    }
  }
  for (const auto& [change, line] : listed) {
    if (changes.count(change) > 0) continue;
    const auto& [tag, op, older, newer] = change;
    const DomainInfo* domain = DomainByTag(tag);
    std::vector<int> versions;
    if (domain != nullptr) {
      auto it = facts.ops.find({domain->domain, op});
      if (it != facts.ops.end()) {
        for (const SchemaBlock* b : it->second) versions.push_back(b->version);
      }
    }
    out.push_back({line->file, line->line,
                   absl::StrCat(op, " ", older, " -> ", newer,
                                " is not a change between consecutive versions of ", op,
                                versions.empty()
                                    ? std::string(", which has no schema")
                                    : absl::StrCat(" (versions: ", absl::StrJoin(versions, ", "),
                                                   ")"))});
  }
}

}  // namespace onnxforge::opdev
