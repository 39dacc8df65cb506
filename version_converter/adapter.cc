#include "version_converter/adapter.h"

#include <utility>

#include "absl/strings/str_join.h"

namespace onnxforge::version_converter {

Adapter Then(std::vector<Adapter> adapters) {
  Adapter combined;
  std::vector<std::string> kinds;
  std::vector<AdaptFunction> functions;
  for (Adapter& a : adapters) {
    kinds.push_back(a.kind);
    functions.push_back(std::move(a.apply));
    combined.attributes.insert(combined.attributes.end(), a.attributes.begin(),
                               a.attributes.end());
    combined.restricts_types = combined.restricts_types || a.restricts_types;
    combined.refuses = combined.refuses || a.refuses;
  }
  combined.kind = absl::StrJoin(kinds, ", then ");
  combined.apply = [functions = std::move(functions)](Step& step) -> absl::Status {
    for (const AdaptFunction& fn : functions) {
      absl::Status status = fn(step);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  };
  return combined;
}

}  // namespace onnxforge::version_converter
