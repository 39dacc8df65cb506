// The adapter registry against the schema registry: every version change
// of every op has an upgrade and a downgrade (or a registered refusal), no
// line names a change that does not exist, downgrades into narrower types
// restrict them, and each attribute one side of a change lacks is handled by
// the adapter that leaves the side having it.
#include <algorithm>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "onnx_defs/schema.h"
#include "version_converter/registry.h"

namespace onnxforge::version_converter {
namespace {

std::string DomainName(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

std::string ChangeName(const std::string& domain, const std::string& op, int older, int newer) {
  return absl::StrCat(DomainName(domain), " ", op, " ", older, " <-> ", newer);
}

struct Pair {
  const OpSchema* older;
  const OpSchema* newer;
};

// Every consecutive pair of schema versions, over every registered op.
std::vector<Pair> AllPairs() {
  std::vector<Pair> pairs;
  const SchemaRegistry& schemas = SchemaRegistry::Instance();
  for (const auto& [domain, op] : schemas.Ops()) {
    const std::vector<const OpSchema*> versions = schemas.Versions(op, domain);
    for (size_t i = 1; i < versions.size(); ++i) pairs.push_back({versions[i - 1], versions[i]});
  }
  return pairs;
}

// The type strings a schema's formal parameter (input or output `index`)
// accepts.
std::set<std::string> Accepted(const OpSchema& schema, const FormalParameter& param) {
  if (const TypeConstraint* c = schema.FindTypeConstraint(param.type_str)) {
    return {c->allowed_type_strs.begin(), c->allowed_type_strs.end()};
  }
  return {param.type_str};
}

// True when some input or output of `newer` accepts a type the same
// parameter of `older` does not.
bool Narrower(const OpSchema& older, const OpSchema& newer) {
  auto compare = [&](const std::vector<FormalParameter>& old_params,
                     const std::vector<FormalParameter>& new_params) {
    for (size_t i = 0; i < new_params.size() && i < old_params.size(); ++i) {
      const std::set<std::string> was = Accepted(older, old_params[i]);
      for (const std::string& type : Accepted(newer, new_params[i])) {
        if (!was.count(type)) return true;
      }
    }
    return false;
  };
  return compare(older.inputs(), newer.inputs()) || compare(older.outputs(), newer.outputs());
}

std::set<std::string> AttributeNames(const OpSchema& schema) {
  std::set<std::string> names;
  for (const AttributeDef& a : schema.attributes()) names.insert(a.name);
  return names;
}

TEST(AdapterLint, EveryChangeOfEveryOpHasBothAdapters) {
  const AdapterRegistry& adapters = AdapterRegistry::Instance();
  std::vector<std::string> missing;
  int covered = 0, refusals = 0;
  for (const Pair& p : AllPairs()) {
    const std::string& domain = p.older->domain();
    const Change* change = adapters.Find(domain, p.older->name(), p.older->since_version(),
                                         p.newer->since_version());
    const std::string name =
        ChangeName(domain, p.older->name(), p.older->since_version(), p.newer->since_version());
    if (change == nullptr) {
      missing.push_back(absl::StrCat(name, ": no line in convert.h"));
      continue;
    }
    if (!change->upgrade.apply) missing.push_back(absl::StrCat(name, ": no upgrade"));
    if (!change->downgrade.apply) missing.push_back(absl::StrCat(name, ": no downgrade"));
    ++covered;
    refusals += change->upgrade.refuses + change->downgrade.refuses;
  }
  EXPECT_TRUE(missing.empty()) << missing.size() << " changes lack adapters:\n  "
                               << absl::StrJoin(missing, "\n  ");
  std::cout << covered << " changes registered, " << 2 * covered - refusals
            << " adapters convert, " << refusals << " refuse\n";
}

TEST(AdapterLint, EveryLineNamesAChange) {
  const SchemaRegistry& schemas = SchemaRegistry::Instance();
  std::vector<std::string> stale;
  for (const Change& c : AdapterRegistry::Instance().changes()) {
    const std::vector<const OpSchema*> versions = schemas.Versions(c.op, c.domain);
    bool found = false;
    for (size_t i = 1; i < versions.size(); ++i) {
      found = found || (versions[i - 1]->since_version() == c.older &&
                        versions[i]->since_version() == c.newer);
    }
    if (!found) {
      stale.push_back(absl::StrCat(c.file, ":", c.line, ": ",
                                   ChangeName(c.domain, c.op, c.older, c.newer),
                                   " are not consecutive versions in the schema registry"));
    }
  }
  EXPECT_TRUE(stale.empty()) << absl::StrJoin(stale, "\n");
  EXPECT_TRUE(AdapterRegistry::Instance().problems().empty())
      << absl::StrJoin(AdapterRegistry::Instance().problems(), "\n");
}

TEST(AdapterLint, IntroducedOpsNameTheirFirstVersion) {
  const SchemaRegistry& schemas = SchemaRegistry::Instance();
  for (const Introduction& i : AdapterRegistry::Instance().introductions()) {
    const std::vector<const OpSchema*> versions = schemas.Versions(i.op, i.domain);
    ASSERT_FALSE(versions.empty()) << i.op;
    EXPECT_EQ(versions.front()->since_version(), i.version) << i.file << ":" << i.line;
  }
}

TEST(AdapterLint, DowngradesIntoNarrowerTypesRestrictThem) {
  std::vector<std::string> loose;
  for (const Pair& p : AllPairs()) {
    const Change* change = AdapterRegistry::Instance().Find(
        p.older->domain(), p.older->name(), p.older->since_version(), p.newer->since_version());
    if (change == nullptr || !Narrower(*p.older, *p.newer)) continue;
    if (!change->downgrade.restricts_types && !change->downgrade.refuses) {
      loose.push_back(absl::StrCat(
          change->file, ":", change->line, ": ",
          ChangeName(p.older->domain(), p.older->name(), p.older->since_version(),
                     p.newer->since_version()),
          ": version ", p.older->since_version(),
          " accepts fewer types, so the downgrade must restrict types"));
    }
  }
  EXPECT_TRUE(loose.empty()) << absl::StrJoin(loose, "\n");
}

TEST(AdapterLint, AttributesOnlyOneSideHasAreHandled) {
  std::vector<std::string> unhandled;
  for (const Pair& p : AllPairs()) {
    const Change* change = AdapterRegistry::Instance().Find(
        p.older->domain(), p.older->name(), p.older->since_version(), p.newer->since_version());
    if (change == nullptr) continue;
    const std::set<std::string> old_names = AttributeNames(*p.older);
    const std::set<std::string> new_names = AttributeNames(*p.newer);
    auto check = [&](const std::set<std::string>& has, const std::set<std::string>& lacks,
                     const Adapter& leaving, const char* direction) {
      if (leaving.refuses) return;
      for (const std::string& name : has) {
        if (lacks.count(name)) continue;
        const auto& listed = leaving.attributes;
        if (std::find(listed.begin(), listed.end(), name) == listed.end()) {
          unhandled.push_back(absl::StrCat(
              change->file, ":", change->line, ": ",
              ChangeName(p.older->domain(), p.older->name(), p.older->since_version(),
                         p.newer->since_version()),
              ": the ", direction, " (", leaving.kind, ") does not handle attribute '", name,
              "'"));
        }
      }
    };
    check(old_names, new_names, change->upgrade, "upgrade");
    check(new_names, old_names, change->downgrade, "downgrade");
  }
  EXPECT_TRUE(unhandled.empty()) << absl::StrJoin(unhandled, "\n");
}

}  // namespace
}  // namespace onnxforge::version_converter
