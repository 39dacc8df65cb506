#include "tools/opdev/docs.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace onnxforge::opdev {
namespace {

std::string ShellQuoted(const std::string& text) {
  return absl::StrCat("'", absl::StrReplaceAll(text, {{"'", "'\\''"}}), "'");
}

}  // namespace

std::string BazelCommand() {
  const char* bazel = std::getenv("OPDEV_BAZEL");
  return bazel != nullptr && *bazel != '\0' ? bazel : "bazel";
}

absl::Status RegenerateDocs(const std::string& root) {
  std::error_code error;
  if (!std::filesystem::exists(std::filesystem::path(root) / "tools/gen_doc/BUILD", error)) {
    std::cout << "docs: this workspace has no tools/gen_doc; not regenerated\n";
    return absl::OkStatus();
  }
  const std::string run = absl::StrCat(
      BazelCommand(), " run --ui_event_filters=-info --noshow_progress //tools/gen_doc:gen_doc");
  std::cout << "docs: " << run << std::endl;
  // The runfiles of this binary are not the doc generator's.
  const int status = std::system(absl::StrCat("cd ", ShellQuoted(root),
                                              " && env -u RUNFILES_DIR -u RUNFILES_MANIFEST_FILE ",
                                              "-u JAVA_RUNFILES ", run)
                                     .c_str());
  if (status != 0) {
    return absl::FailedPreconditionError(absl::StrCat(
        "docs: `", run, "` failed (status ", status,
        "); the sources are edited; fix what it printed, then run it again"));
  }
  return absl::OkStatus();
}

}  // namespace onnxforge::opdev
