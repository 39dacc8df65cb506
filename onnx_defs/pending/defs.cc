#include "onnx_defs/schema.h"
namespace onnxforge {
}  // namespace onnxforge
