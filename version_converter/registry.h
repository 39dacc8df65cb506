// The adapter registry: every version change of every op, with its upgrade
// and downgrade, as convert.h lists them; and the ops that replace another
// op below the opset that introduced them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "onnx_defs/schema.h"
#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

// One change of an op: its versions `older` and `newer` (since_versions of
// consecutive schemas), how a node goes up and how it comes back down.
struct Change {
  const char* domain;  // "" for ai.onnx
  const char* op;
  int older;
  int newer;
  Adapter upgrade;
  Adapter downgrade;
  const char* file;
  int line;
};

// An op first defined at `version`: how a node of it goes below that
// version (as another op, or refused).
struct Introduction {
  const char* domain;
  const char* op;
  int version;
  Adapter downgrade;
  const char* file;
  int line;
};

class AdapterRegistry {
 public:
  // The built-in registry (convert.h).
  static const AdapterRegistry& Instance();

  AdapterRegistry(std::vector<Change> changes, std::vector<Introduction> introductions);

  // The change between two consecutive versions, or nullptr.
  const Change* Find(std::string_view domain, std::string_view op, int older, int newer) const;
  const Introduction* FindIntroduction(std::string_view domain, std::string_view op) const;

  const std::vector<Change>& changes() const { return changes_; }
  const std::vector<Introduction>& introductions() const { return introductions_; }
  // Lines listed twice, as "file:line: ..." messages.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  using OpKey = std::pair<absl::string_view, absl::string_view>;  // (domain, op)

  std::vector<Change> changes_;
  std::vector<Introduction> introductions_;
  std::vector<std::string> problems_;
  absl::flat_hash_map<OpKey, std::vector<const Change*>> by_op_;
};

}  // namespace onnxforge::version_converter

// One line of convert.h: the change of `op` of a domain (Onnx, OnnxML) from
// version `older` to `newer`, its upgrade and its downgrade.
#define ONNXFORGE_ADAPTERS(domain_tag, op, older, newer, upgrade, downgrade)               \
  ::onnxforge::version_converter::Change {                                                 \
    ONNXFORGE_DOMAIN_##domain_tag, #op, older, newer, upgrade, downgrade, __FILE__, __LINE__ \
  }

// An op introduced at `version`, and how a node of it goes below.
#define ONNXFORGE_INTRODUCED(domain_tag, op, version, downgrade) \
  ::onnxforge::version_converter::Introduction {                \
    ONNXFORGE_DOMAIN_##domain_tag, #op, version, downgrade, __FILE__, __LINE__ \
  }
