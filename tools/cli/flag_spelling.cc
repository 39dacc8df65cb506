#include "tools/cli/flag_spelling.h"

#include <algorithm>
#include <map>

namespace onnxforge::cli {

std::vector<std::string> NormalizeFlagSpelling(const std::vector<std::string>& args,
                                               const std::set<std::string>& list_flags) {
  std::vector<std::string> out;
  std::map<std::string, std::string> lists;  // flag -> joined values
  std::vector<std::string> list_order;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {  // everything after is positional
      out.insert(out.end(), args.begin() + i, args.end());
      break;
    }
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      out.push_back(arg);
      continue;
    }
    const size_t eq = arg.find('=');
    std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    std::replace(name.begin(), name.end(), '-', '_');
    if (list_flags.count(name) == 0) {
      out.push_back("--" + name + (eq == std::string::npos ? "" : arg.substr(eq)));
      continue;
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    }
    if (lists.count(name) == 0) list_order.push_back(name);
    std::string& joined = lists[name];
    joined += (joined.empty() ? "" : ",") + value;
  }
  for (const std::string& name : list_order) out.push_back("--" + name + "=" + lists[name]);
  return out;
}

}  // namespace onnxforge::cli
