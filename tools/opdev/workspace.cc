#include "tools/opdev/workspace.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace onnxforge::opdev {

namespace fs = std::filesystem;

Workspace::Workspace(std::string root) {
  std::error_code error;
  std::string absolute = fs::absolute(root, error).lexically_normal().string();
  while (absolute.size() > 1 && absolute.back() == '/') absolute.pop_back();
  root_ = error ? root : absolute;
}

absl::StatusOr<std::string> Workspace::FindRoot(const std::string& flag_value) {
  std::string root = flag_value;
  if (root.empty()) {
    const char* from_bazel = std::getenv("BUILD_WORKSPACE_DIRECTORY");
    root = from_bazel != nullptr ? from_bazel : fs::current_path().string();
  }
  std::error_code error;
  if (!fs::exists(fs::path(root) / "onnx_defs" / "schema.h", error)) {
    return absl::NotFoundError(
        absl::StrCat(root, " is not an onnxforge workspace (no onnx_defs/schema.h); run opdev ",
                     "from the workspace root or pass --root"));
  }
  return root;
}

std::string Workspace::FullPath(const std::string& path) const {
  return (fs::path(root_) / path).string();
}

bool Workspace::Exists(const std::string& path) const {
  if (loaded_.count(path) != 0) return true;
  std::error_code error;
  return fs::is_regular_file(FullPath(path), error);
}

absl::StatusOr<std::string> Workspace::Read(const std::string& path) {
  absl::StatusOr<std::string*> text = Edit(path);
  if (!text.ok()) return text.status();
  return **text;
}

absl::StatusOr<std::string*> Workspace::Edit(const std::string& path) {
  auto it = loaded_.find(path);
  if (it == loaded_.end()) {
    std::ifstream in(FullPath(path), std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat(path, ": cannot read the file"));
    std::ostringstream text;
    text << in.rdbuf();
    it = loaded_.emplace(path, text.str()).first;
  }
  // Callers edit through the pointer; assume they do.
  changed_.insert(path);
  return &it->second;
}

void Workspace::Write(const std::string& path, std::string text) {
  loaded_[path] = std::move(text);
  changed_.insert(path);
}

std::vector<std::string> Workspace::Files(const std::string& dir,
                                          const std::string& suffix) const {
  std::set<std::string> found;
  std::error_code error;
  for (fs::directory_iterator it(FullPath(dir), error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (it->is_regular_file(error) && absl::EndsWith(name, suffix)) {
      found.insert(dir.empty() ? name : absl::StrCat(dir, "/", name));
    }
  }
  const std::string prefix = dir.empty() ? "" : absl::StrCat(dir, "/");
  for (const auto& [path, text] : loaded_) {
    if (absl::StartsWith(path, prefix) && absl::EndsWith(path, suffix) &&
        path.find('/', prefix.size()) == std::string::npos) {
      found.insert(path);
    }
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> Workspace::Subdirectories(const std::string& dir) const {
  std::set<std::string> found;
  std::error_code error;
  for (fs::directory_iterator it(FullPath(dir), error), end; !error && it != end;
       it.increment(error)) {
    if (it->is_directory(error)) found.insert(it->path().filename().string());
  }
  const std::string prefix = dir.empty() ? "" : absl::StrCat(dir, "/");
  for (const auto& [path, text] : loaded_) {
    if (!absl::StartsWith(path, prefix)) continue;
    const size_t slash = path.find('/', prefix.size());
    if (slash != std::string::npos) found.insert(path.substr(prefix.size(), slash - prefix.size()));
  }
  return {found.begin(), found.end()};
}

std::vector<std::string> Workspace::Changed() const {
  std::vector<std::string> out;
  for (const std::string& path : changed_) {
    // Files only read through Edit() count when their text differs.
    std::ifstream in(FullPath(path), std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in || text.str() != loaded_.at(path)) out.push_back(path);
  }
  return out;
}

absl::Status Workspace::Commit() {
  for (const std::string& path : Changed()) {
    const fs::path full = FullPath(path);
    std::error_code error;
    fs::create_directories(full.parent_path(), error);
    std::ofstream out(full, std::ios::binary | std::ios::trunc);
    out << loaded_.at(path);
    if (!out) return absl::InternalError(absl::StrCat(path, ": cannot write the file"));
  }
  return absl::OkStatus();
}

}  // namespace onnxforge::opdev
