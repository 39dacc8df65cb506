#include "ir/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"

namespace onnxforge {
namespace {

// Distinct names for files created by one process in the same instant.
std::string TempSuffix() {
  static std::atomic<uint64_t> counter{0};
  std::random_device random;
  return absl::StrCat(".tmp-", getpid(), "-", absl::Hex(counter++), "-",
                      absl::Hex(random()));
}

}  // namespace

absl::StatusOr<std::unique_ptr<AtomicFile>> AtomicFile::Create(
    const std::string& target) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string temp_path = target + TempSuffix();
    const int fd = open(temp_path.c_str(),
                        O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                        0666);
    if (fd >= 0) {
      return std::unique_ptr<AtomicFile>(
          new AtomicFile(target, std::move(temp_path), fd));
    }
    if (errno != EEXIST) {
      return absl::PermissionDeniedError(
          absl::StrCat("cannot create a file next to '", target,
                       "': ", std::strerror(errno)));
    }
  }
  return absl::AlreadyExistsError(absl::StrCat(
      "cannot find a free temporary name next to '", target, "'"));
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) close(fd_);
  if (!committed_) unlink(temp_path_.c_str());
}

absl::Status AtomicFile::Fail(const char* action, int error) const {
  return absl::DataLossError(absl::StrCat("cannot ", action, " '", target_,
                                          "': ", std::strerror(error)));
}

absl::Status AtomicFile::Write(std::string_view bytes) {
  const char* data = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    // Linux writes at most about 2 GiB per call.
    const size_t chunk = std::min<size_t>(left, size_t{1} << 30);
    const ssize_t done = write(fd_, data, chunk);
    if (done < 0) {
      if (errno == EINTR) continue;
      return Fail("write", errno);
    }
    data += done;
    left -= static_cast<size_t>(done);
    size_ += done;
  }
  return absl::OkStatus();
}

absl::Status AtomicFile::WriteZeros(int64_t count) {
  static const char kZeros[4096] = {};
  while (count > 0) {
    const int64_t chunk = std::min<int64_t>(count, sizeof(kZeros));
    if (absl::Status s = Write(std::string_view(kZeros, chunk)); !s.ok()) {
      return s;
    }
    count -= chunk;
  }
  return absl::OkStatus();
}

absl::Status AtomicFile::Commit() {
  if (fsync(fd_) != 0) return Fail("flush", errno);
  const int fd = std::exchange(fd_, -1);
  if (close(fd) != 0) return Fail("close", errno);
  if (rename(temp_path_.c_str(), target_.c_str()) != 0) {
    return Fail("replace", errno);
  }
  committed_ = true;
  return absl::OkStatus();
}

}  // namespace onnxforge
