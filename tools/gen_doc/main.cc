// Writes the generated operator docs (Operators*.md, Changelog*.md,
// TestCoverage*.md, schemas.json) from the schema registry, the example
// tests and the conformance report.
//
//   bazel run //tools/gen_doc:gen_doc                 (into the source tree's docs/)
//   bazel run //tools/gen_doc:gen_doc -- --out_dir=/tmp/docs
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_format.h"
#include "ir/atomic_file.h"
#include "onnx_defs/schema.h"
#include "tests/examples/runner.h"
#include "tools/gen_doc/backend_test_counts.h"
#include "tools/gen_doc/doc_set.h"

ABSL_FLAG(std::string, out_dir, "",
          "folder to write into; default: docs/ of the workspace `bazel run` was started in");
ABSL_FLAG(std::string, examples_dir, "tests/examples", "the example tests");
ABSL_FLAG(std::string, conformance_report, onnxforge::gen_doc::kConformanceReport,
          "the conformance report whose per-op table counts the backend node tests");

namespace onnxforge::gen_doc {
namespace {

std::string ReadOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "";
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string OutputDir() {
  const std::string flag = absl::GetFlag(FLAGS_out_dir);
  if (!flag.empty()) return flag;
  const char* workspace = std::getenv("BUILD_WORKSPACE_DIRECTORY");
  if (workspace == nullptr || *workspace == '\0') return "";
  return std::string(workspace) + "/docs";
}

int Run() {
  const auto start = std::chrono::steady_clock::now();
  const std::string out_dir = OutputDir();
  if (out_dir.empty()) {
    std::cerr << "gen_doc: no output folder: pass --out_dir=DIR, or start it with `bazel run "
                 "//tools/gen_doc:gen_doc` to write the workspace's docs/\n";
    return 2;
  }

  const SchemaRegistry& registry = SchemaRegistry::Instance();
  if (!registry.problems().empty()) {
    for (const RegistryProblem& problem : registry.problems()) {
      std::cerr << problem.file << ":" << problem.line << ": " << problem.message << "\n";
    }
    std::cerr << "gen_doc: the schema registry has the problems above; fix them first\n";
    return 1;
  }

  const examples::ExampleSet examples =
      examples::ReadExampleTree(absl::GetFlag(FLAGS_examples_dir));
  if (!examples.errors.empty()) {
    for (const std::string& error : examples.errors) std::cerr << error << "\n";
    std::cerr << "gen_doc: the example files above do not read; fix them first\n";
    return 1;
  }
  if (examples.files == 0) {
    std::cerr << "gen_doc: no example files under " << absl::GetFlag(FLAGS_examples_dir) << "\n";
    return 1;
  }

  absl::StatusOr<BackendTestCounts> backend =
      ReadBackendTestCounts(absl::GetFlag(FLAGS_conformance_report));
  if (!backend.ok()) {
    std::cerr << "gen_doc: " << backend.status().message() << "\n";
    return 1;
  }

  const std::map<std::string, std::string> files =
      GenerateDocs(registry, examples.examples, *backend);

  std::error_code error;
  std::filesystem::create_directories(out_dir, error);
  if (error) {
    std::cerr << "gen_doc: cannot create " << out_dir << ": " << error.message() << "\n";
    return 1;
  }
  int changed = 0;
  for (const auto& [name, text] : files) {
    const std::string path = out_dir + "/" + name;
    if (ReadOrEmpty(path) == text && std::filesystem::exists(path)) continue;
    absl::StatusOr<std::unique_ptr<AtomicFile>> file = AtomicFile::Create(path);
    absl::Status written = file.ok() ? (*file)->Write(text) : file.status();
    if (written.ok()) written = (*file)->Commit();
    if (!written.ok()) {
      std::cerr << "gen_doc: " << written.message() << "\n";
      return 1;
    }
    ++changed;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << absl::StrFormat("gen_doc: %d files in %s, %d rewritten, in %.2f s\n", files.size(),
                               out_dir, changed, seconds);
  return 0;
}

}  // namespace
}  // namespace onnxforge::gen_doc

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("writes the generated operator docs; see tools/gen_doc/main.cc");
  absl::ParseCommandLine(argc, argv);
  return onnxforge::gen_doc::Run();
}
