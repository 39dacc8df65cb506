#include "ir/external_data.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <new>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/tensor_util.h"

namespace onnxforge {
namespace {

constexpr const char* kAllowedKeys[] = {"location", "offset", "length",
                                        "checksum", "basepath"};

absl::Status WithLabel(const TensorProto& tensor, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat(TensorLabel(tensor), ": ", message));
}

// Digits only, no sign or spaces, at most INT64_MAX.
std::optional<int64_t> ParseByteCount(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const int digit = c - '0';
    if (value > (INT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

std::string ErrnoText(int error) { return std::strerror(error); }

absl::StatusOr<std::string> CanonicalPath(const std::string& path) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (resolved == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot resolve '", path,
                                            "': ", ErrnoText(errno)));
  }
  std::string out(resolved);
  std::free(resolved);
  return out;
}

absl::StatusOr<std::string> CanonicalModelDir(const std::string& model_dir) {
  const std::string dir = model_dir.empty() ? "." : model_dir;
  char* resolved = realpath(dir.c_str(), nullptr);
  if (resolved == nullptr) {
    return absl::NotFoundError(absl::StrCat("cannot resolve model folder '",
                                            dir, "': ", ErrnoText(errno)));
  }
  std::string out(resolved);
  std::free(resolved);
  return out;
}

// True when canonical `path` lies strictly below canonical folder `base`.
bool IsStrictlyInside(const std::string& path, const std::string& base) {
  if (base == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > base.size() + 1 &&
         path.compare(0, base.size(), base) == 0 && path[base.size()] == '/';
}

struct ResolvedFile {
  std::string path;
  struct stat info;
};

absl::StatusOr<ResolvedFile> ResolveForRead(const std::string& model_dir,
                                            const std::string& location,
                                            const TensorProto& tensor) {
  absl::StatusOr<std::string> relative = NormalizeLocation(location);
  if (!relative.ok()) return WithLabel(tensor, relative.status().message());
  absl::StatusOr<std::string> base = CanonicalModelDir(model_dir);
  if (!base.ok()) return WithLabel(tensor, base.status().message());

  const std::string joined = absl::StrCat(*base, "/", *relative);
  struct stat link_info;
  if (lstat(joined.c_str(), &link_info) != 0) {
    const int error = errno;
    if (error == ENOENT || error == ENOTDIR) {
      return absl::NotFoundError(absl::StrCat(
          TensorLabel(tensor), ": external data file '", location,
          "' does not exist in folder '", model_dir.empty() ? "." : model_dir,
          "'"));
    }
    return WithLabel(tensor, absl::StrCat("cannot access external data file '",
                                          location, "': ", ErrnoText(error)));
  }
  if (S_ISLNK(link_info.st_mode)) {
    return WithLabel(tensor, absl::StrCat("external data file '", location,
                                          "' is a symbolic link; refusing to "
                                          "follow it"));
  }
  // Follows links in the folders along the way, so a linked folder that
  // leads out of the model folder is caught here.
  absl::StatusOr<std::string> real = CanonicalPath(joined);
  if (!real.ok()) return WithLabel(tensor, real.status().message());
  if (!IsStrictlyInside(*real, *base)) {
    return WithLabel(tensor, absl::StrCat("external data file '", location,
                                          "' resolves to '", *real,
                                          "', outside the model folder '",
                                          *base, "'"));
  }
  ResolvedFile file{*real, {}};
  if (stat(file.path.c_str(), &file.info) != 0) {
    return WithLabel(tensor, absl::StrCat("cannot access external data file '",
                                          location, "': ", ErrnoText(errno)));
  }
  if (!S_ISREG(file.info.st_mode)) {
    return WithLabel(tensor, absl::StrCat("external data file '", location,
                                          "' is not a regular file"));
  }
  if (file.info.st_nlink > 1) {
    return WithLabel(
        tensor, absl::StrCat("external data file '", location, "' has ",
                             file.info.st_nlink,
                             " hard links; refusing a file that may be "
                             "linked from outside the model folder"));
  }
  return file;
}

// Closes its descriptor when it goes out of scope.
class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ScopedFd(ScopedFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  ~ScopedFd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

struct OpenedRange {
  ScopedFd fd;
  int64_t offset;
  int64_t length;
};

// Runs every check on an external tensor and opens its file, ready to read
// [offset, offset + length).
absl::StatusOr<OpenedRange> OpenExternalRange(const TensorProto& tensor,
                                              const std::string& model_dir) {
  absl::StatusOr<ExternalDataInfo> info = ParseExternalDataInfo(tensor);
  if (!info.ok()) return info.status();
  if (tensor.data_type() == TensorProto::STRING) {
    return WithLabel(tensor, "string tensors cannot keep their data in an "
                             "external file");
  }
  absl::StatusOr<int64_t> need = RawByteSize(tensor);
  if (!need.ok()) return need.status();
  absl::StatusOr<ResolvedFile> file =
      ResolveForRead(model_dir, info->location, tensor);
  if (!file.ok()) return file.status();

  // O_NOFOLLOW and the identity check below make sure the file opened is the
  // file checked, even if the folder changes in between.
  ScopedFd fd(open(file->path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    return WithLabel(tensor, absl::StrCat("cannot open external data file '",
                                          info->location,
                                          "': ", ErrnoText(errno)));
  }
  struct stat opened;
  if (fstat(fd.get(), &opened) != 0 || opened.st_dev != file->info.st_dev ||
      opened.st_ino != file->info.st_ino || !S_ISREG(opened.st_mode) ||
      opened.st_nlink > 1) {
    return WithLabel(tensor, absl::StrCat("external data file '",
                                          info->location,
                                          "' changed while it was opened"));
  }
  const int64_t file_size = opened.st_size;
  if (info->offset > file_size) {
    return WithLabel(tensor, absl::StrCat("external data offset ", info->offset,
                                          " is past the end of '",
                                          info->location, "' (", file_size,
                                          " bytes)"));
  }
  const int64_t length = info->length.value_or(file_size - info->offset);
  if (length > file_size - info->offset) {
    return WithLabel(tensor,
                     absl::StrCat("external data at offset ", info->offset,
                                  " with length ", length,
                                  " runs past the end of '", info->location,
                                  "' (", file_size, " bytes)"));
  }
  if (length != *need) {
    return WithLabel(
        tensor, absl::StrCat("external data length ", length,
                             " does not match the ", *need, " bytes that shape ",
                             ShapeString(tensor.dims()), " of type ",
                             ElementTypeName(tensor.data_type()),
                             " needs"));
  }
  return OpenedRange{std::move(fd), info->offset, length};
}

// Visits tensors in a fixed order; see TensorScope.
class TensorWalker {
 public:
  explicit TensorWalker(TensorScope scope) : scope_(scope) {}

  void Model(const ModelProto& model) {
    if (model.has_graph()) Graph(model.graph());
    for (const FunctionProto& function : model.functions()) {
      for (const NodeProto& node : function.node()) Node(node);
    }
    if (scope_ == TensorScope::kAll) {
      for (const TrainingInfoProto& info : model.training_info()) {
        if (info.has_initialization()) Graph(info.initialization());
        if (info.has_algorithm()) Graph(info.algorithm());
      }
    }
  }

  std::vector<const TensorProto*> Take() { return std::move(found_); }

 private:
  void Graph(const GraphProto& graph) {
    for (const TensorProto& tensor : graph.initializer()) found_.push_back(&tensor);
    if (scope_ == TensorScope::kAll) {
      for (const SparseTensorProto& sparse : graph.sparse_initializer()) {
        Sparse(sparse);
      }
    }
    for (const NodeProto& node : graph.node()) Node(node);
  }

  void Node(const NodeProto& node) {
    for (const AttributeProto& attribute : node.attribute()) {
      if (attribute.has_t()) found_.push_back(&attribute.t());
      for (const TensorProto& tensor : attribute.tensors()) {
        found_.push_back(&tensor);
      }
      if (attribute.has_g()) Graph(attribute.g());
      for (const GraphProto& graph : attribute.graphs()) Graph(graph);
      if (scope_ == TensorScope::kAll) {
        if (attribute.has_sparse_tensor()) Sparse(attribute.sparse_tensor());
        for (const SparseTensorProto& sparse : attribute.sparse_tensors()) {
          Sparse(sparse);
        }
      }
    }
  }

  void Sparse(const SparseTensorProto& sparse) {
    if (sparse.has_values()) found_.push_back(&sparse.values());
    if (sparse.has_indices()) found_.push_back(&sparse.indices());
  }

  TensorScope scope_;
  std::vector<const TensorProto*> found_;
};

}  // namespace

absl::StatusOr<std::string> NormalizeLocation(std::string_view text) {
  const std::string location(text);
  if (location.empty()) {
    return absl::InvalidArgumentError("external data location is empty");
  }
  if (location.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError(
        "external data location contains a NUL character");
  }
  if (location.front() == '/') {
    return absl::InvalidArgumentError(absl::StrCat(
        "external data location '", location,
        "' is an absolute path; it must be relative to the model's folder"));
  }
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= location.size()) {
    size_t end = location.find('/', start);
    if (end == std::string::npos) end = location.size();
    std::string part = location.substr(start, end - start);
    start = end + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      return absl::InvalidArgumentError(
          absl::StrCat("external data location '", location,
                       "' contains '..'; it must stay inside the model's "
                       "folder"));
    }
    parts.push_back(std::move(part));
  }
  if (parts.empty() || location.back() == '/') {
    return absl::InvalidArgumentError(absl::StrCat(
        "external data location '", location, "' does not name a file"));
  }
  return absl::StrJoin(parts, "/");
}

absl::StatusOr<ExternalDataInfo> ParseExternalDataInfo(
    const TensorProto& tensor) {
  ExternalDataInfo info;
  bool seen[std::size(kAllowedKeys)] = {};
  for (const StringStringEntryProto& entry : tensor.external_data()) {
    size_t index = 0;
    while (index < std::size(kAllowedKeys) &&
           kAllowedKeys[index] != entry.key()) {
      ++index;
    }
    if (index == std::size(kAllowedKeys)) {
      return WithLabel(tensor,
                       absl::StrCat("unknown external_data key '", entry.key(),
                                    "' (allowed: ",
                                    absl::StrJoin(kAllowedKeys, ", "), ")"));
    }
    if (seen[index]) {
      return WithLabel(tensor, absl::StrCat("external_data key '", entry.key(),
                                            "' appears more than once"));
    }
    seen[index] = true;
    const std::string& value = entry.value();
    if (entry.key() == "location") {
      absl::StatusOr<std::string> location = NormalizeLocation(value);
      if (!location.ok()) return WithLabel(tensor, location.status().message());
      info.location = *std::move(location);
    } else if (entry.key() == "offset" || entry.key() == "length") {
      std::optional<int64_t> count = ParseByteCount(value);
      if (!count.has_value()) {
        return WithLabel(tensor,
                         absl::StrCat("external_data ", entry.key(), " '",
                                      value,
                                      "' is not a non-negative decimal "
                                      "integer that fits in int64"));
      }
      if (entry.key() == "offset") {
        info.offset = *count;
      } else {
        info.length = *count;
      }
    } else if (entry.key() == "checksum") {
      info.checksum = value;
    }
    // "basepath" is accepted for compatibility and never used: locations are
    // always relative to the folder the model was loaded from.
  }
  if (!seen[0]) {
    return WithLabel(tensor,
                     "data_location is EXTERNAL but external_data has no "
                     "'location'");
  }
  return info;
}

absl::StatusOr<std::string> ResolveExternalDataForRead(
    const std::string& model_dir, std::string_view location,
    const TensorProto& tensor) {
  absl::StatusOr<ResolvedFile> file =
      ResolveForRead(model_dir, std::string(location), tensor);
  if (!file.ok()) return file.status();
  return file->path;
}

absl::StatusOr<std::string> ResolveExternalDataForWrite(
    const std::string& model_dir, std::string_view location_text) {
  const std::string location(location_text);
  absl::StatusOr<std::string> relative = NormalizeLocation(location);
  if (!relative.ok()) return relative.status();
  absl::StatusOr<std::string> base = CanonicalModelDir(model_dir);
  if (!base.ok()) return base.status();

  const size_t slash = relative->rfind('/');
  std::string folder = *base;
  std::string leaf = *relative;
  if (slash != std::string::npos) {
    leaf = relative->substr(slash + 1);
    absl::StatusOr<std::string> real =
        CanonicalPath(absl::StrCat(*base, "/", relative->substr(0, slash)));
    if (!real.ok()) {
      return absl::NotFoundError(absl::StrCat(
          "the folder of external data location '", location,
          "' does not exist"));
    }
    folder = *std::move(real);
    if (folder != *base && !IsStrictlyInside(folder, *base)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "external data location '", location, "' resolves to folder '",
          folder, "', outside the model folder '", *base, "'"));
    }
  }
  std::string target = absl::StrCat(folder, "/", leaf);
  struct stat info;
  if (lstat(target.c_str(), &info) == 0) {
    if (S_ISLNK(info.st_mode)) {
      return absl::InvalidArgumentError(
          absl::StrCat("external data location '", location,
                       "' is a symbolic link; refusing to replace it"));
    }
    if (!S_ISREG(info.st_mode)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "external data location '", location, "' is not a regular file"));
    }
    if (info.st_nlink > 1) {
      return absl::InvalidArgumentError(
          absl::StrCat("external data location '", location, "' has ",
                       info.st_nlink, " hard links; refusing to replace it"));
    }
  } else if (errno != ENOENT) {
    return absl::PermissionDeniedError(absl::StrCat(
        "cannot access external data location '", location,
        "': ", ErrnoText(errno)));
  }
  return target;
}

absl::Status CheckExternalData(const TensorProto& tensor,
                               const std::string& model_dir) {
  return OpenExternalRange(tensor, model_dir).status();
}

absl::Status LoadExternalData(TensorProto* tensor,
                              const std::string& model_dir) {
  absl::StatusOr<OpenedRange> range = OpenExternalRange(*tensor, model_dir);
  if (!range.ok()) return range.status();
  std::string bytes;
  try {
    bytes.resize(static_cast<size_t>(range->length));
  } catch (const std::bad_alloc&) {
    return absl::ResourceExhaustedError(
        absl::StrCat(TensorLabel(*tensor), ": cannot allocate ",
                     range->length, " bytes for its external data"));
  }
  int64_t done = 0;
  while (done < range->length) {
    // Linux reads at most about 2 GiB per call.
    const size_t chunk = static_cast<size_t>(
        std::min<int64_t>(range->length - done, int64_t{1} << 30));
    const ssize_t got =
        pread(range->fd.get(), bytes.data() + done, chunk, range->offset + done);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      return absl::DataLossError(absl::StrCat(
          TensorLabel(*tensor), ": reading its external data failed after ",
          done, " of ", range->length, " bytes",
          got < 0 ? absl::StrCat(": ", ErrnoText(errno)) : std::string()));
    }
    done += got;
  }
  *tensor->mutable_raw_data() = std::move(bytes);
  tensor->clear_external_data();
  tensor->clear_data_location();
  return absl::OkStatus();
}

std::vector<const TensorProto*> ModelTensors(const ModelProto& model,
                                             TensorScope scope) {
  TensorWalker walker(scope);
  walker.Model(model);
  return walker.Take();
}

std::vector<TensorProto*> MutableModelTensors(ModelProto* model,
                                              TensorScope scope) {
  // The walk reads through const references; the tensors themselves belong to
  // a non-const model, so handing them out as mutable is sound.
  std::vector<TensorProto*> out;
  for (const TensorProto* tensor : ModelTensors(*model, scope)) {
    out.push_back(const_cast<TensorProto*>(tensor));
  }
  return out;
}

absl::Status CheckModelExternalData(const ModelProto& model,
                                    const std::string& model_dir) {
  for (const TensorProto* tensor : ModelTensors(model, TensorScope::kAll)) {
    if (!UsesExternalData(*tensor)) continue;
    if (absl::Status s = CheckExternalData(*tensor, model_dir); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

absl::Status LoadModelExternalData(ModelProto* model,
                                   const std::string& model_dir) {
  for (TensorProto* tensor : MutableModelTensors(model, TensorScope::kAll)) {
    if (!UsesExternalData(*tensor)) continue;
    if (absl::Status s = LoadExternalData(tensor, model_dir); !s.ok()) {
      return s;
    }
  }
  return absl::OkStatus();
}

}  // namespace onnxforge
