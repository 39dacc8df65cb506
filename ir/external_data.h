// Tensors whose bytes live in a file next to the model (ONNX "external data").
//
// A tensor with data_location EXTERNAL names its file in external_data:
// "location" (required, relative to the model's folder), "offset" and
// "length" (decimal byte counts), "checksum" and "basepath" (accepted, not
// used). A model comes from anywhere, so every reference is treated as hostile
// until checked: the file must resolve inside the model's folder after all
// symbolic links are followed, must itself be neither a symbolic link nor a
// file with other hard links, and the byte range must lie inside it and match
// what the tensor's shape and type need.
#ifndef ONNXFORGE_IR_EXTERNAL_DATA_H_
#define ONNXFORGE_IR_EXTERNAL_DATA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

// What a tensor's external_data entries say, after checking.
struct ExternalDataInfo {
  // Relative path in normal form: no empty or "." components.
  std::string location;
  int64_t offset = 0;
  // Absent: the data runs to the end of the file.
  std::optional<int64_t> length;
  std::string checksum;
};

// Parses the tensor's external_data entries. Errors name the tensor: an
// unknown or repeated key, a missing or unsafe location, an offset or length
// that is not a non-negative decimal integer fitting int64.
absl::StatusOr<ExternalDataInfo> ParseExternalDataInfo(
    const TensorProto& tensor);

// `location` in normal form if it may be used at all: relative, no ".."
// component, no NUL, naming a file. The error text does not name a tensor;
// callers add that.
absl::StatusOr<std::string> NormalizeLocation(std::string_view location);

// The canonical path of an existing external data file, after every check a
// read needs (inside `model_dir`, not a symbolic link, a regular file with
// one hard link). Errors start with the tensor's label.
absl::StatusOr<std::string> ResolveExternalDataForRead(
    const std::string& model_dir, std::string_view location,
    const TensorProto& tensor);

// The path a new external data file named `location` should take: its folder
// must exist and resolve inside `model_dir`; an existing entry of that name
// must be a regular file with one hard link.
absl::StatusOr<std::string> ResolveExternalDataForWrite(
    const std::string& model_dir, std::string_view location);

// Checks an external tensor's reference against the files in `model_dir`
// without reading its bytes.
absl::Status CheckExternalData(const TensorProto& tensor,
                               const std::string& model_dir);

// Reads an external tensor's bytes into raw_data and makes it an ordinary
// in-memory tensor (no external_data, data_location unset).
absl::Status LoadExternalData(TensorProto* tensor, const std::string& model_dir);

// Which tensors a model walk visits.
enum class TensorScope {
  // Graph initializers and tensor-valued node attributes, in the main graph,
  // its subgraphs and the model's functions: the tensors ONNX itself moves
  // to and from external files.
  kDense,
  // kDense plus sparse tensors' values and indices and the training graphs.
  kAll,
};

// The model's tensors in a fixed order.
std::vector<const TensorProto*> ModelTensors(const ModelProto& model,
                                             TensorScope scope);
std::vector<TensorProto*> MutableModelTensors(ModelProto* model,
                                              TensorScope scope);

// CheckExternalData / LoadExternalData for every external tensor of a model.
absl::Status CheckModelExternalData(const ModelProto& model,
                                    const std::string& model_dir);
absl::Status LoadModelExternalData(ModelProto* model,
                                   const std::string& model_dir);

}  // namespace onnxforge

#endif  // ONNXFORGE_IR_EXTERNAL_DATA_H_
