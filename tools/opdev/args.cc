#include "tools/opdev/args.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace onnxforge::opdev {

std::string Args::Get(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() ? fallback : it->second;
}

absl::StatusOr<int> Args::GetInt(const std::string& name, int fallback) const {
  auto it = options.find(name);
  if (it == options.end()) return fallback;
  int value = 0;
  if (!absl::SimpleAtoi(it->second, &value) || value <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--", name, " takes a positive number, not '", it->second, "'"));
  }
  return value;
}

absl::StatusOr<Args> ParseArgs(const std::vector<std::string>& words,
                               const std::set<std::string>& valued,
                               const std::set<std::string>& switches) {
  Args args;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!absl::StartsWith(word, "--")) {
      args.positional.push_back(word);
      continue;
    }
    std::string name = word.substr(2);
    std::string value;
    const size_t equals = name.find('=');
    const bool inline_value = equals != std::string::npos;
    if (inline_value) {
      value = name.substr(equals + 1);
      name = name.substr(0, equals);
    }
    if (valued.count(name) != 0) {
      if (!inline_value) {
        if (i + 1 >= words.size()) {
          return absl::InvalidArgumentError(absl::StrCat("--", name, " needs a value"));
        }
        value = words[++i];
      }
      args.options[name] = value;
    } else if (switches.count(name) != 0 && !inline_value) {
      args.options[name] = "true";
    } else {
      std::vector<std::string> known;
      for (const std::string& v : valued) known.push_back(absl::StrCat("--", v, "=..."));
      for (const std::string& s : switches) known.push_back(absl::StrCat("--", s));
      return absl::InvalidArgumentError(absl::StrCat("unknown option ", word, "; this command takes ",
                                                     known.empty() ? "none" : absl::StrJoin(known, ", ")));
    }
  }
  return args;
}

}  // namespace onnxforge::opdev
