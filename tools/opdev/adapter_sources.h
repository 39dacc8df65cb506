// The adapter lines of version_converter/convert.h, read and added as
// text: ONNXFORGE_ADAPTERS(Tag, Op, older, newer, upgrade, downgrade) per
// version change and ONNXFORGE_INTRODUCED(Tag, Op, version, downgrade) per
// op introduced above its domain's first opset.
#pragma once

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tools/opdev/domains.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {

inline constexpr char kConvertHeader[] = "version_converter/convert.h";

struct AdapterLine {
  std::string tag;
  std::string op;
  int older = 0;    // the introduced version for ONNXFORGE_INTRODUCED
  int newer = 0;    // 0 for ONNXFORGE_INTRODUCED
  std::string upgrade;    // the adapter expressions as written
  std::string downgrade;
  bool introduction = false;
  std::string file;
  int line = 0;
};

struct AdapterSources {
  std::vector<AdapterLine> lines;
  // Lines that do not read, as "file:line: ...".
  std::vector<std::string> problems;
};

absl::StatusOr<AdapterSources> ReadAdapterSources(Workspace& ws);

// True for an adapter expression that refuses (Refuse("...")).
bool IsRefusal(const std::string& adapter);

// Adds the line of a compatible change of `op` from `older` to `newer`
// next to the op's other lines (or where its name sorts among the domain's).
absl::Status AddCompatibleChange(Workspace& ws, const DomainInfo& domain, const std::string& op,
                                 int older, int newer);

// Adds the line of an op introduced at `version` whose nodes cannot go
// below it, with the reason.
absl::Status AddIntroduction(Workspace& ws, const DomainInfo& domain, const std::string& op,
                             int version, const std::string& downgrade);

}  // namespace onnxforge::opdev
