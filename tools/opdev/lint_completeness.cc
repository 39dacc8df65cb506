// Every version is complete: a doc, a kernel or a function body, an
// example; and every kernel covers versions that exist.
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "onnx_defs/schema.h"
#include "tests/examples/op_usage.h"
#include "tools/opdev/lint_facts.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

const KernelLine* KernelFor(const SourceFacts& facts, const SchemaBlock& b) {
  for (const KernelLine& k : facts.kernels) {
    if (k.domain == b.domain && k.op == b.name && k.first <= b.version && b.version <= k.last) {
      return &k;
    }
  }
  return nullptr;
}

// "ai.onnx opset 6" or "an ai.onnx opset from 7 to 9".
std::string OpsetsText(const DomainInfo& domain, int first, int last) {
  return first == last ? absl::StrCat(domain.display, " opset ", first)
                       : absl::StrCat("an ", domain.display, " opset from ", first, " to ", last);
}

}  // namespace

void CheckKernels(const SourceFacts& facts, Findings& out) {
  std::map<std::pair<std::string, std::string>, std::vector<const KernelLine*>> by_op;
  for (const KernelLine& k : facts.kernels) {
    if (k.domain == nullptr) {
      out.push_back({k.file, k.line,
                     absl::StrCat("ONNXFORGE_KERNEL tag '", k.tag, "' is not a domain tag")});
      continue;
    }
    auto it = facts.ops.find({k.domain->domain, k.op});
    if (it == facts.ops.end()) {
      out.push_back({k.file, k.line,
                     absl::StrCat("kernel of ", k.op, " (", k.domain->display,
                                  "), which has no schema")});
      continue;
    }
    std::vector<int> since;
    bool covers = false;
    bool first_is_version = false;
    for (const SchemaBlock* b : it->second) {
      since.push_back(b->version);
      covers |= k.first <= b->version && b->version <= k.last;
      first_is_version |= b->version == k.first;
    }
    if (k.first > k.last) {
      out.push_back({k.file, k.line,
                     absl::StrCat("kernel of ", k.op, " runs from ", k.first, " to ", k.last,
                                  ": the first version must not pass the last")});
    } else if (!covers) {
      out.push_back({k.file, k.line,
                     absl::StrCat("kernel of ", k.op, " covers ", k.first, " to ", k.last,
                                  ", which holds no version of it (versions: ",
                                  absl::StrJoin(since, ", "), ")")});
    } else if (!first_is_version) {
      out.push_back({k.file, k.line,
                     absl::StrCat("kernel of ", k.op, " starts at ", k.first,
                                  ", which is not a version of it (versions: ",
                                  absl::StrJoin(since, ", "), ")")});
    }
    for (const KernelLine* other : by_op[{k.domain->domain, k.op}]) {
      if (k.first <= other->last && other->first <= k.last) {
        out.push_back({k.file, k.line,
                       absl::StrCat("kernel of ", k.op, " (", k.first, " to ", k.last,
                                    ") overlaps the one at ", other->file, ":", other->line, " (",
                                    other->first, " to ", other->last, ")")});
      }
    }
    by_op[{k.domain->domain, k.op}].push_back(&k);
  }
}

void CheckCompleteness(const SourceFacts& facts, bool use_registry, Findings& out) {
  // The versions some example runs: the one in force at the opset its
  // model imports.
  std::set<const SchemaBlock*> covered;
  for (const examples::Example& e : facts.examples.examples) {
    for (const testing::OpUse& use : testing::ModelOpUses(e.model)) {
      if (const SchemaBlock* b = facts.Lookup(use.op.first, use.op.second, use.opset)) {
        covered.insert(b);
      }
    }
  }
  for (const std::string& error : facts.examples.errors) {
    out.push_back(FindingFromMessage(error, ""));
  }

  const SchemaRegistry* registry = use_registry ? &SchemaRegistry::Instance() : nullptr;
  for (const auto& [key, versions] : facts.ops) {
    for (const SchemaBlock* b : versions) {
      const std::string code = CodeWithoutComments(b->text);
      const OpSchema* compiled =
          registry != nullptr ? registry->Exact(b->name, b->version, b->domain->domain) : nullptr;
      const bool has_doc = compiled != nullptr ? !compiled->doc().empty()
                                               : absl::StrContains(code, "Doc(");
      if (!has_doc && (registry == nullptr || compiled != nullptr)) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b), " has no doc: describe it with .Doc(...) in "
                                                     "our own words")});
      }
      if (compiled != nullptr && !compiled->has_inference_function()) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b), " has no type and shape inference "
                                                     "(.TypeAndShapeInference)")});
      }
      const bool has_function =
          compiled != nullptr
              ? compiled->has_function() || compiled->has_context_dependent_function()
              : absl::StrContains(code, "FunctionBody(");
      if (KernelFor(facts, *b) == nullptr && !has_function &&
          (registry == nullptr || compiled != nullptr)) {
        out.push_back({b->file, b->line,
                       absl::StrCat(VersionName(*b), " has neither a reference kernel (an "
                                                     "ONNXFORGE_KERNEL(",
                                    b->tag, ", ", b->name, ", first, last) whose range holds ",
                                    b->version, ", under reference/ops/) nor a function body")});
      }
      if (covered.count(b) == 0) {
        out.push_back(
            {b->file, b->line,
             absl::StrCat(VersionName(*b), " has no example test: add one to tests/examples/",
                          b->domain->display, "/", b->name, ".txt whose model imports ",
                          OpsetsText(*b->domain, b->version, facts.LastOpsetOf(*b)))});
      }
    }
  }
}

}  // namespace onnxforge::opdev
