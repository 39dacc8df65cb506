#include "version_converter/adapters/compatible.h"

namespace onnxforge::version_converter {

Adapter Compatible() {
  Adapter adapter;
  adapter.kind = "compatible";
  adapter.apply = [](Step&) { return absl::OkStatus(); };
  return adapter;
}

}  // namespace onnxforge::version_converter
