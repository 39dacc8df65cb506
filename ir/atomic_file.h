// A file written under a temporary name in its final folder and renamed over
// the target only once it is complete, so no reader ever sees half a file and
// a failed write leaves nothing behind.
#ifndef ONNXFORGE_IR_ATOMIC_FILE_H_
#define ONNXFORGE_IR_ATOMIC_FILE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace onnxforge {

class AtomicFile {
 public:
  // Creates the temporary file next to `target`. It never follows or reuses
  // an existing entry.
  static absl::StatusOr<std::unique_ptr<AtomicFile>> Create(
      const std::string& target);

  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Removes the temporary file unless Commit succeeded.
  ~AtomicFile();

  absl::Status Write(std::string_view bytes);
  absl::Status WriteZeros(int64_t count);

  // Bytes written so far.
  int64_t size() const { return size_; }
  // For writers that need a descriptor (protobuf's FileOutputStream).
  int fd() const { return fd_; }
  // Records that the caller wrote `count` bytes through fd() itself.
  void AddWritten(int64_t count) { size_ += count; }

  // Flushes the data to disk, closes the file and renames it over the
  // target.
  absl::Status Commit();

  const std::string& target() const { return target_; }
  const std::string& temp_path() const { return temp_path_; }

 private:
  AtomicFile(std::string target, std::string temp_path, int fd)
      : target_(std::move(target)), temp_path_(std::move(temp_path)), fd_(fd) {}

  absl::Status Fail(const char* action, int error) const;

  std::string target_;
  std::string temp_path_;
  int fd_;
  int64_t size_ = 0;
  bool committed_ = false;
};

}  // namespace onnxforge

#endif  // ONNXFORGE_IR_ATOMIC_FILE_H_
