// Reading and writing .onnx model files, with their external data.
#ifndef ONNXFORGE_IR_MODEL_IO_H_
#define ONNXFORGE_IR_MODEL_IO_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge {

struct LoadOptions {
  // Read tensors kept in external files into raw_data. When false, such
  // tensors keep their references and no data file is opened; call
  // CheckModelExternalData or LoadModelExternalData (external_data.h) later.
  bool load_external_data = true;
  // The folder external data locations are relative to. Empty: the model
  // file's folder. LoadModelFromBytes needs it to read external data.
  std::string base_dir;
};

// Reads and parses a model file. Protobuf parses at most 2 GiB in one
// message; bigger models keep their tensors in external data.
absl::StatusOr<ModelProto> LoadModel(const std::string& path,
                                     const LoadOptions& options = {});

// Parses a serialized model.
absl::StatusOr<ModelProto> LoadModelFromBytes(std::string_view bytes,
                                              const LoadOptions& options = {});

struct SaveOptions {
  // Move every tensor of at least `size_threshold` bytes into one external
  // data file. Tensors already referring to an external file keep their
  // reference either way.
  bool save_external_data = false;
  int64_t size_threshold = 1024;
  // That file, relative to the model's folder. Empty: the model file's name
  // with ".data" appended.
  std::string location;
  // Each tensor's offset in the file is a multiple of this; 4096 lets
  // readers map tensors straight from the file.
  int64_t alignment = 1;
};

// Writes `model` to `path`, and its external data file when asked. The files
// appear only once complete (written under a temporary name, then renamed);
// on any error no new or partial file is left behind.
absl::Status SaveModel(const ModelProto& model, const std::string& path,
                       const SaveOptions& options = {});

// The model's wire bytes; an error when they would pass protobuf's 2 GiB
// limit.
absl::StatusOr<std::string> SerializeModel(const ModelProto& model);

}  // namespace onnxforge

#endif  // ONNXFORGE_IR_MODEL_IO_H_
