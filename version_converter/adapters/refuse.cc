#include "version_converter/adapters/refuse.h"

#include <utility>

#include "version_converter/step.h"

namespace onnxforge::version_converter {

Adapter Refuse(std::string reason) {
  Adapter adapter;
  adapter.kind = "refuse: " + reason;
  adapter.refuses = true;
  adapter.apply = [reason = std::move(reason)](Step&) { return Step::Refuse(reason); };
  return adapter;
}

}  // namespace onnxforge::version_converter
