// The command line of one opdev subcommand: positional words and
// --name=value / --name value / --flag options, each checked against the
// options the subcommand knows.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace onnxforge::opdev {

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // switches map to "true"

  bool Has(const std::string& name) const { return options.count(name) != 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  // The option as a positive integer; `fallback` when absent.
  absl::StatusOr<int> GetInt(const std::string& name, int fallback) const;
};

// `valued` options take a value; `switches` do not. Unknown options are
// an error naming the ones the command takes.
absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& words,
                               const std::set<std::string>& valued,
                               const std::set<std::string>& switches);

}  // namespace onnxforge::opdev
