#include "ir/model_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "ir/atomic_file.h"
#include "ir/external_data.h"
#include "ir/tensor_util.h"

namespace onnxforge {
namespace {

// Protobuf sizes messages with int: nothing bigger parses or serializes.
constexpr int64_t kMaxMessageBytes = INT_MAX;

std::string FolderOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string FileNameOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The same status with `prefix` in front of its message.
absl::Status Prefixed(const absl::Status& status, absl::string_view prefix) {
  return absl::Status(status.code(), absl::StrCat(prefix, status.message()));
}

bool HasExternalTensors(const ModelProto& model) {
  for (const TensorProto* tensor : ModelTensors(model, TensorScope::kAll)) {
    if (UsesExternalData(*tensor)) return true;
  }
  return false;
}

// Parses one whole model from `stream`; false on malformed or cut-off data.
bool ParseWholeModel(google::protobuf::io::ZeroCopyInputStream* stream,
                     ModelProto* model) {
  google::protobuf::io::CodedInputStream coded(stream);
  coded.SetTotalBytesLimit(static_cast<int>(kMaxMessageBytes));
  return model->ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
}

void ClearTensorData(TensorProto* tensor) {
  // Swapping with an empty string frees the buffer; clear() would keep it.
  std::string().swap(*tensor->mutable_raw_data());
  tensor->clear_raw_data();
  tensor->clear_float_data();
  tensor->clear_int32_data();
  tensor->clear_string_data();
  tensor->clear_int64_data();
  tensor->clear_double_data();
  tensor->clear_uint64_data();
}

void AddEntry(TensorProto* tensor, std::string key, std::string value) {
  StringStringEntryProto* entry = tensor->add_external_data();
  entry->set_key(std::move(key));
  entry->set_value(std::move(value));
}

// Moves every large enough in-memory tensor of `model` into `file`.
absl::Status WriteExternalTensors(ModelProto* model, const SaveOptions& options,
                                  const std::string& location,
                                  AtomicFile* file) {
  for (TensorProto* tensor : MutableModelTensors(model, TensorScope::kDense)) {
    if (UsesExternalData(*tensor) ||
        tensor->data_type() == TensorProto::STRING) {
      continue;
    }
    absl::StatusOr<int64_t> size = RawByteSize(*tensor);
    // A tensor without a fixed-size form stays where it is, as it is.
    if (!size.ok() || *size < options.size_threshold) continue;

    std::string converted;
    std::string_view bytes;
    if (tensor->has_raw_data()) {
      if (absl::Status s = CheckRawDataSize(*tensor); !s.ok()) return s;
      bytes = tensor->raw_data();
    } else {
      absl::StatusOr<std::string> raw = TensorRawBytes(*tensor);
      if (!raw.ok()) return raw.status();
      converted = *std::move(raw);
      bytes = converted;
    }
    const int64_t padding =
        (options.alignment - file->size() % options.alignment) %
        options.alignment;
    if (absl::Status s = file->WriteZeros(padding); !s.ok()) return s;
    const int64_t offset = file->size();
    if (absl::Status s = file->Write(bytes); !s.ok()) return s;

    ClearTensorData(tensor);
    tensor->clear_external_data();
    AddEntry(tensor, "location", location);
    AddEntry(tensor, "offset", absl::StrCat(offset));
    AddEntry(tensor, "length", absl::StrCat(*size));
    tensor->set_data_location(TensorProto::EXTERNAL);
  }
  return absl::OkStatus();
}

absl::Status CheckSaveOptions(const SaveOptions& options) {
  if (!options.save_external_data) return absl::OkStatus();
  if (options.size_threshold < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("size_threshold ", options.size_threshold,
                     " is negative"));
  }
  if (options.alignment < 1 || options.alignment > (int64_t{1} << 30)) {
    return absl::InvalidArgumentError(
        absl::StrCat("alignment ", options.alignment,
                     " is outside 1 to 1073741824"));
  }
  return absl::OkStatus();
}

absl::Status SaveModelImpl(const ModelProto& model, const std::string& path,
                           const SaveOptions& options) {
  const std::string dir = FolderOf(path);
  const std::string name = FileNameOf(path);
  if (name.empty() || name == "." || name == "..") {
    return absl::InvalidArgumentError("the path does not name a file");
  }
  struct stat info;
  if (stat(dir.c_str(), &info) != 0) {
    return absl::NotFoundError(absl::StrCat("folder '", dir,
                                            "': ", std::strerror(errno)));
  }
  if (!S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", dir, "' is not a folder"));
  }
  if (lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError("the path is a folder");
  }
  if (absl::Status s = CheckSaveOptions(options); !s.ok()) return s;

  std::string location;
  if (options.save_external_data) {
    absl::StatusOr<std::string> normal = NormalizeLocation(
        options.location.empty() ? name + ".data" : options.location);
    if (!normal.ok()) return normal.status();
    location = *std::move(normal);
    if (location == name) {
      return absl::InvalidArgumentError(absl::StrCat(
          "external data location '", location, "' is the model file itself"));
    }
  }

  ModelProto out = model;
  for (TensorProto* tensor : MutableModelTensors(&out, TensorScope::kAll)) {
    if (!UsesExternalData(*tensor)) continue;
    if (tensor->has_raw_data()) {
      // The bytes are in memory: whatever file the tensor used to name is
      // neither read nor written, and the tensor is saved like any other.
      tensor->clear_external_data();
      tensor->clear_data_location();
      continue;
    }
    // A tensor still in its external file keeps its reference, which must
    // hold for the folder the model is saved to.
    absl::StatusOr<ExternalDataInfo> reference = ParseExternalDataInfo(*tensor);
    if (!reference.ok()) return reference.status();
    if (options.save_external_data && reference->location == location) {
      return absl::FailedPreconditionError(absl::StrCat(
          TensorLabel(*tensor), " keeps its data in '", location,
          "', the file this save would replace; load its external data "
          "first or choose another location"));
    }
    if (absl::Status s = CheckExternalData(*tensor, dir); !s.ok()) return s;
  }

  std::unique_ptr<AtomicFile> data_file;
  if (options.save_external_data) {
    absl::StatusOr<std::string> target =
        ResolveExternalDataForWrite(dir, location);
    if (!target.ok()) return target.status();
    absl::StatusOr<std::unique_ptr<AtomicFile>> file =
        AtomicFile::Create(*target);
    if (!file.ok()) return file.status();
    data_file = *std::move(file);
    if (absl::Status s =
            WriteExternalTensors(&out, options, location, data_file.get());
        !s.ok()) {
      return s;
    }
  }

  const size_t model_bytes = out.ByteSizeLong();
  if (model_bytes > static_cast<size_t>(kMaxMessageBytes)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the model takes ", model_bytes,
        " bytes, more than protobuf's limit of ", kMaxMessageBytes,
        " for one message; set SaveOptions::save_external_data to keep "
        "large tensors in an external file"));
  }
  absl::StatusOr<std::unique_ptr<AtomicFile>> model_file =
      AtomicFile::Create(path);
  if (!model_file.ok()) return model_file.status();
  {
    google::protobuf::io::FileOutputStream stream((*model_file)->fd());
    if (!out.SerializeToZeroCopyStream(&stream) || !stream.Flush()) {
      const int error = stream.GetErrno();
      return absl::DataLossError(
          absl::StrCat("cannot write '", path, "': ",
                       error != 0 ? std::strerror(error) : "serialization failed"));
    }
    (*model_file)->AddWritten(static_cast<int64_t>(model_bytes));
  }

  // The data file goes first so the new model never names missing data.
  if (data_file != nullptr) {
    if (absl::Status s = data_file->Commit(); !s.ok()) return s;
  }
  if (absl::Status s = (*model_file)->Commit(); !s.ok()) {
    if (data_file != nullptr) unlink(data_file->target().c_str());
    return s;
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ModelProto> LoadModel(const std::string& path,
                                     const LoadOptions& options) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0) {
    return absl::NotFoundError(absl::StrCat("cannot open model file '", path,
                                            "': ", std::strerror(errno)));
  }
  if (S_ISDIR(info.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", path, "' is a folder, not a model file"));
  }
  if (!S_ISREG(info.st_mode)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", path, "' is not a regular file"));
  }
  if (info.st_size == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("model file '", path, "' is empty"));
  }
  if (info.st_size > kMaxMessageBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "model file '", path, "' has ", info.st_size,
        " bytes, more than protobuf can parse as one message (",
        kMaxMessageBytes, "); large tensors belong in external data"));
  }
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot open model file '", path, "': ", std::strerror(errno)));
  }
  ModelProto model;
  bool parsed;
  int read_error;
  {
    google::protobuf::io::FileInputStream stream(fd);
    parsed = ParseWholeModel(&stream, &model);
    read_error = stream.GetErrno();
  }
  close(fd);
  if (read_error != 0) {
    return absl::DataLossError(absl::StrCat("cannot read model file '", path,
                                            "': ", std::strerror(read_error)));
  }
  if (!parsed) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", path,
                     "' is not a valid ONNX model: its protobuf data is "
                     "malformed or truncated"));
  }
  if (options.load_external_data) {
    const std::string base =
        options.base_dir.empty() ? FolderOf(path) : options.base_dir;
    if (absl::Status s = LoadModelExternalData(&model, base); !s.ok()) {
      return Prefixed(s, absl::StrCat("model '", path, "': "));
    }
  }
  return model;
}

absl::StatusOr<ModelProto> LoadModelFromBytes(std::string_view bytes,
                                              const LoadOptions& options) {
  if (bytes.empty()) {
    return absl::InvalidArgumentError("the model bytes are empty");
  }
  if (bytes.size() > static_cast<size_t>(kMaxMessageBytes)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the model bytes number ", bytes.size(),
        ", more than protobuf can parse as one message (", kMaxMessageBytes,
        ")"));
  }
  ModelProto model;
  google::protobuf::io::ArrayInputStream stream(bytes.data(),
                                                static_cast<int>(bytes.size()));
  if (!ParseWholeModel(&stream, &model)) {
    return absl::InvalidArgumentError(
        "the bytes are not a valid ONNX model: their protobuf data is "
        "malformed or truncated");
  }
  if (options.load_external_data && HasExternalTensors(model)) {
    if (options.base_dir.empty()) {
      return absl::InvalidArgumentError(
          "the model keeps tensor data in external files; set "
          "LoadOptions::base_dir to the folder they are relative to");
    }
    if (absl::Status s = LoadModelExternalData(&model, options.base_dir);
        !s.ok()) {
      return s;
    }
  }
  return model;
}

absl::Status SaveModel(const ModelProto& model, const std::string& path,
                       const SaveOptions& options) {
  absl::Status status = SaveModelImpl(model, path, options);
  if (!status.ok()) {
    return Prefixed(status, absl::StrCat("cannot save model '", path, "': "));
  }
  return status;
}

absl::StatusOr<std::string> SerializeModel(const ModelProto& model) {
  const size_t size = model.ByteSizeLong();
  if (size > static_cast<size_t>(kMaxMessageBytes)) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "the model takes ", size, " bytes, more than protobuf's limit of ",
        kMaxMessageBytes, " for one message"));
  }
  std::string out;
  if (!model.SerializeToString(&out)) {
    return absl::InternalError("the model could not be serialized");
  }
  return out;
}

}  // namespace onnxforge
