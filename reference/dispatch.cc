#include "reference/dispatch.h"

#include "absl/strings/str_cat.h"

namespace onnxforge::reference::internal {

absl::Status UnsupportedTypeError(int32_t type, const std::string& supported) {
  return absl::InvalidArgumentError(absl::StrCat("unsupported element type ",
                                                 ElementTypeString(type),
                                                 "; this kernel handles ", supported));
}

}  // namespace onnxforge::reference::internal
