// The workspace files opdev reads and edits. Edits stay in memory until
// Commit(), so a command that fails half-way leaves every file as it was.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace onnxforge::opdev {

class Workspace {
 public:
  // `root` holds WORKSPACE and onnx_defs/; paths below are relative to it.
  explicit Workspace(std::string root);

  // The directory named by --root, else the one `bazel run` was started in,
  // else the current directory; an error when it is not an onnxforge
  // workspace.
  static absl::StatusOr<std::string> FindRoot(const std::string& flag_value);

  const std::string& root() const { return root_; }

  // True for a file on disk or created in memory.
  bool Exists(const std::string& path) const;
  // The file's text, with the edits made so far.
  absl::StatusOr<std::string> Read(const std::string& path);
  // The file's text for editing in place; an error when it does not exist.
  absl::StatusOr<std::string*> Edit(const std::string& path);
  // Creates (or replaces) a file.
  void Write(const std::string& path, std::string text);

  // The files of `dir` (not its subdirectories) whose names end with
  // `suffix`, as paths relative to the root, sorted; created files count.
  std::vector<std::string> Files(const std::string& dir, const std::string& suffix) const;
  // The subdirectories of `dir`, sorted, as names.
  std::vector<std::string> Subdirectories(const std::string& dir) const;

  // The files changed or created, sorted.
  std::vector<std::string> Changed() const;
  // Writes every changed file.
  absl::Status Commit();

 private:
  std::string FullPath(const std::string& path) const;

  std::string root_;
  std::map<std::string, std::string> loaded_;
  std::set<std::string> changed_;
};

}  // namespace onnxforge::opdev
