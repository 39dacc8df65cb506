// The placement, registration and opset-range rules.
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tools/opdev/lint_facts.h"

namespace onnxforge::opdev {
namespace {

using VersionKey = std::tuple<std::string, std::string, int>;  // (tag, name, version)

std::string RangeText(const OpsetRange& r) {
  return absl::StrCat(r.min_version, "..", r.max_version);
}

}  // namespace

void CheckPlacement(const SourceFacts& facts, Findings& out) {
  std::map<VersionKey, const SchemaBlock*> first_definition;
  for (const SchemaBlock& b : facts.blocks) {
    if (b.domain == nullptr) {
      out.push_back({b.file, b.line,
                     absl::StrCat("ONNXFORGE_SCHEMA tag '", b.tag,
                                  "' is not a domain tag (Onnx, OnnxML, OnnxTraining, "
                                  "OnnxPreview, OnnxPreviewTraining)")});
      continue;
    }
    if (b.folder == "pending") {
      out.push_back({b.file, b.line,
                     absl::StrCat(VersionName(b), " is a placeholder: write the schema in its "
                                                  "folder")});
      continue;
    }
    auto [it, inserted] = first_definition.emplace(VersionKey{b.tag, b.name, b.version}, &b);
    if (!inserted) {
      out.push_back({b.file, b.line,
                     absl::StrCat(VersionName(b), " is defined again (first at ",
                                  it->second->file, ":", it->second->line, ")")});
    }
    if (b.kind == DefsFileKind::kOther) {
      out.push_back({b.file, b.line,
                     absl::StrCat(VersionName(b),
                                  " is defined outside the schema files: an op's latest version "
                                  "goes in defs.cc (or <family>_defs.cc), earlier ones in old.cc "
                                  "(or <family>_old.cc)")});
    }
  }

  for (const auto& [key, versions] : facts.ops) {
    const SchemaBlock* latest = versions.back();
    for (const SchemaBlock* b : versions) {
      if (b == latest && b->kind == DefsFileKind::kEarlier) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b),
                                    " is the op's latest version but sits in an old file; it "
                                    "belongs in a defs file of onnx_defs/", b->folder, "/")});
      }
      if (b != latest && b->kind == DefsFileKind::kLatest) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b), " is an earlier version (", latest->name,
                                    "-", latest->version, " at ", latest->file, ":", latest->line,
                                    " is the latest) but sits in a defs file; move it to ",
                                    EarlierFileFor(b->file))});
      }
    }
  }

  // Earlier files list each op's versions newest first.
  std::map<std::pair<std::string, std::string>, const SchemaBlock*> previous;  // (file, op)
  for (const SchemaBlock& b : facts.blocks) {
    if (b.kind != DefsFileKind::kEarlier || b.domain == nullptr) continue;
    auto [it, inserted] = previous.emplace(std::make_pair(b.file, b.tag + "." + b.name), &b);
    if (!inserted) {
      if (it->second->version < b.version) {
        out.push_back({b.file, b.line,
                       absl::StrCat(VersionName(b), " comes after ", b.name, "-",
                                    it->second->version, " (line ", it->second->line,
                                    "); old files list an op's versions newest first")});
      }
      it->second = &b;
    }
  }
}

void CheckRegistrations(const SourceFacts& facts, Findings& out) {
  for (const std::string& problem : facts.opsets.problems) {
    out.push_back(FindingFromMessage(problem, ""));
  }
  std::map<VersionKey, std::vector<const SchemaLine*>> registrations;
  for (const SchemaLine& reg : facts.opsets.registrations) {
    registrations[{reg.tag, reg.name, reg.version}].push_back(&reg);
  }
  std::map<VersionKey, std::vector<const SchemaLine*>> declarations;
  for (const SchemaLine& decl : facts.opsets.declarations) {
    declarations[{decl.tag, decl.name, decl.version}].push_back(&decl);
  }

  std::set<VersionKey> defined;
  for (const auto& [key, versions] : facts.ops) {
    for (const SchemaBlock* b : versions) {
      defined.insert({b->tag, b->name, b->version});
      auto it = registrations.find({b->tag, b->name, b->version});
      if (it == registrations.end()) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b), " is not registered: add 'ONNXFORGE_REGISTER(",
                                    b->tag, ", ", b->name, ", ", b->version, ");' to class ",
                                    b->domain->class_prefix, b->version, " in ",
                                    b->domain->opset_file, " (and its ONNXFORGE_DECLARE_SCHEMA "
                                                           "line above the class)")});
      }
    }
  }

  for (const auto& [key, regs] : registrations) {
    const auto& [tag, name, version] = key;
    for (size_t i = 1; i < regs.size(); ++i) {
      out.push_back({regs[i]->file, regs[i]->line,
                     absl::StrCat(name, "-", version, " is registered again (first at ",
                                  regs[0]->file, ":", regs[0]->line,
                                  "); register each version once")});
    }
    for (const SchemaLine* reg : regs) {
      const DomainInfo* domain = DomainByTag(tag);
      if (reg->class_version == 0) {
        out.push_back({reg->file, reg->line,
                       absl::StrCat("ONNXFORGE_REGISTER of ", name, "-", version,
                                    " is outside any opset class")});
      } else if (reg->class_version != version || reg->class_domain != domain) {
        const std::string class_name =
            reg->class_domain != nullptr
                ? absl::StrCat(reg->class_domain->class_prefix, reg->class_version)
                : absl::StrCat("opset ", reg->class_version);
        out.push_back(
            {reg->file, reg->line,
             absl::StrCat(name, "-", version, " is registered in class ", class_name,
                          "; it belongs in ",
                          domain != nullptr ? absl::StrCat("class ", domain->class_prefix, version)
                                            : std::string("the class of its domain"),
                          ", the opset that introduced it")});
      }
    }
    if (defined.count(key) == 0) {
      out.push_back({regs[0]->file, regs[0]->line,
                     absl::StrCat("registers ", name, "-", version,
                                  ", which no schema file under onnx_defs/ defines")});
    }
    if (declarations.count(key) == 0) {
      out.push_back({regs[0]->file, regs[0]->line,
                     absl::StrCat(name, "-", version, " has no ONNXFORGE_DECLARE_SCHEMA(", tag,
                                  ", ", name, ", ", version, ") line")});
    }
  }
  for (const auto& [key, decls] : declarations) {
    const auto& [tag, name, version] = key;
    for (size_t i = 1; i < decls.size(); ++i) {
      out.push_back({decls[i]->file, decls[i]->line,
                     absl::StrCat(name, "-", version, " is declared again (first at line ",
                                  decls[0]->line, ")")});
    }
    if (registrations.count(key) == 0) {
      out.push_back({decls[0]->file, decls[0]->line,
                     absl::StrCat(name, "-", version,
                                  " is declared but no opset class registers it")});
    }
  }
}

void CheckRanges(const SourceFacts& facts, Findings& out) {
  const std::string header = kSchemaHeader;
  for (const DomainInfo& domain : Domains()) {
    const OpsetRange* range = facts.RangeOf(&domain);
    if (range == nullptr) {
      out.push_back({header, 0,
                     absl::StrCat("kDomainOpsetRanges has no entry for ", domain.display, " (",
                                  domain.range_constant, ")")});
      continue;
    }
    if (range->min_version > range->max_version || range->last_release > range->max_version) {
      out.push_back({header, range->line,
                     absl::StrCat(domain.display, ": expected min_version <= last_release <= "
                                                  "max_version, found ",
                                  range->min_version, ", ", range->last_release, ", ",
                                  range->max_version)});
    }

    // The opset classes: one per opset of the range, in order.
    std::map<int, const OpsetClass*> classes;
    for (const OpsetClass& c : facts.opsets.classes) {
      if (c.domain != &domain) continue;
      if (c.k_version != c.version) {
        out.push_back({c.file, c.line,
                       absl::StrCat("class ", domain.class_prefix, c.version,
                                    " must set kVersion = ", c.version)});
      }
      if (!classes.emplace(c.version, &c).second) {
        out.push_back({c.file, c.line,
                       absl::StrCat("class ", domain.class_prefix, c.version, " is defined twice")});
      }
      if (c.version < range->min_version || c.version > range->max_version) {
        out.push_back({c.file, c.line,
                       absl::StrCat("class ", domain.class_prefix, c.version, " is outside ",
                                    domain.display, "'s opset range ", RangeText(*range), " (",
                                    header, ":", range->line, ")")});
      }
    }
    std::vector<int> expected;
    for (int v = range->min_version; v <= range->max_version; ++v) {
      expected.push_back(v);
      if (classes.count(v) == 0) {
        out.push_back({domain.opset_file, 0,
                       absl::StrCat(domain.display, " opset ", v, " is in the range ",
                                    RangeText(*range), " of ", header, ":", range->line,
                                    " but has no class ", domain.class_prefix, v)});
      }
    }
    int lists = 0;
    for (const ClassList& list : facts.opsets.lists) {
      if (list.domain != &domain) continue;
      ++lists;
      if (list.versions != expected) {
        out.push_back({list.file, list.line,
                       absl::StrCat(domain.class_list, " must list ", domain.class_prefix,
                                    range->min_version, " to ", domain.class_prefix,
                                    range->max_version, " in order (the range in ", header, ":",
                                    range->line, ")")});
      }
    }
    if (lists != 1) {
      out.push_back({domain.opset_file, 0,
                     absl::StrCat("expected one 'using ", domain.class_list,
                                  " = OpsetClassList<...>;' line, found ", lists)});
    }

    // Every since_version lies in the range.
    for (const auto& [key, versions] : facts.ops) {
      for (const SchemaBlock* b : versions) {
        if (b->domain != &domain) continue;
        if (b->version < range->min_version || b->version > range->max_version) {
          out.push_back({b->file, b->line,
                         absl::StrCat(VersionName(*b), " is outside ", domain.display,
                                      "'s opset range ", RangeText(*range), " in ", header, ":",
                                      range->line, "; opdev bump opens new opsets")});
        }
      }
    }

    // The copy for Bazel agrees.
    if (!facts.has_range_bzl) continue;
    const OpsetRange* copy = nullptr;
    for (const OpsetRange& r : facts.range_bzl) {
      if (r.domain == &domain) copy = &r;
    }
    if (copy == nullptr) {
      out.push_back({kOpsetRangeBzl, 0,
                     absl::StrCat("has no entry for ", domain.display,
                                  "; `opdev sync-ranges` rewrites it from ", header)});
    } else if (copy->min_version != range->min_version ||
               copy->max_version != range->max_version) {
      out.push_back({kOpsetRangeBzl, copy->line,
                     absl::StrCat("says ", domain.display, " is (", copy->min_version, ", ",
                                  copy->max_version, ") but ", header, ":", range->line, " says ",
                                  RangeText(*range), "; `opdev sync-ranges` rewrites it")});
    }
  }
  if (!facts.has_range_bzl) {
    out.push_back({kOpsetRangeBzl, 0,
                   absl::StrCat("is missing; `opdev sync-ranges` writes it from ", header)});
  }
}

}  // namespace onnxforge::opdev
