// convert --from FRAMEWORK: a framework's saved model to an .onnx file.
//
//   onnxforge convert --from sklearn model.pkl --initial-types 'X:float[None,4]' \
//       --target-opset 15 -o model.onnx
//
// The framework converters live in the Python package, so this replaces the
// process with `python3 -m onnxforge.cli_convert ARGS...`: its flags, output,
// errors and exit code are the command's own. ONNXFORGE_PYTHON names another
// interpreter than Debian's /usr/bin/python3.
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tools/cli/commands.h"

extern char** environ;

namespace onnxforge::cli {
namespace {

constexpr char kDefaultPython[] = "/usr/bin/python3";
constexpr char kConverterModule[] = "onnxforge.cli_convert";
// The probe's exit code when the package is not importable.
constexpr int kPackageMissing = 3;
// The frameworks cli_convert accepts for --from.
const std::vector<std::string>& Frameworks() {
  static const auto* frameworks = new std::vector<std::string>{"sklearn"};
  return *frameworks;
}

std::string Available() {
  std::string list;
  for (const std::string& f : Frameworks()) list += (list.empty() ? "" : ", ") + f;
  return list;
}

std::string PythonInterpreter() {
  const char* chosen = std::getenv("ONNXFORGE_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : kDefaultPython;
}

struct FromFlag {
  bool present = false;
  std::string framework;  // empty when --from has no value
};

FromFlag FindFromFlag(const std::vector<std::string>& args) {
  FromFlag flag;
  for (size_t i = 0; i < args.size() && args[i] != "--"; ++i) {
    if (args[i] == "--from") {
      flag.present = true;
      if (i + 1 < args.size()) flag.framework = args[i + 1];
      return flag;
    }
    if (args[i].rfind("--from=", 0) == 0) {
      flag.present = true;
      flag.framework = args[i].substr(7);
      return flag;
    }
  }
  return flag;
}

// Long flags may be spelled with underscores, as for the other commands;
// Python's argparse wants dashes.
std::vector<std::string> DashedFlags(const std::vector<std::string>& args) {
  std::vector<std::string> out = args;
  for (std::string& arg : out) {
    if (arg == "--") break;
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) continue;
    const size_t end = std::min(arg.find('='), arg.size());
    std::replace(arg.begin() + 2, arg.begin() + static_cast<std::ptrdiff_t>(end), '_', '-');
  }
  return out;
}

std::vector<char*> Argv(std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  return argv;
}

struct Probe {
  int spawn_error = 0;  // errno when the interpreter could not be started
  int exit_code = 0;    // 0: the package is there; kPackageMissing: it is not
};

// Asks the interpreter whether the onnxforge package is importable, without
// importing it (find_spec on a top-level name only searches sys.path).
Probe ProbePackage(const std::string& python) {
  std::vector<std::string> args = {
      python, "-c",
      absl::StrCat("import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("
                   "'onnxforge') else ",
                   kPackageMissing, ")")};
  std::vector<char*> argv = Argv(args);
  Probe probe;
  pid_t pid = 0;
  probe.spawn_error = posix_spawnp(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ);
  if (probe.spawn_error != 0) return probe;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      probe.spawn_error = errno;
      return probe;
    }
  }
  probe.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return probe;
}

int MissingPython(const std::string& python, int error) {
  std::cerr << "onnxforge convert: cannot run the Python interpreter '" << python << "' ("
            << std::strerror(error) << "). --from needs Debian's python3 with the onnxforge "
            << "package and the framework (python3-sklearn): run tools/setup.sh, or set "
            << "ONNXFORGE_PYTHON to an interpreter that has them\n";
  return 1;
}

}  // namespace

bool IsFrameworkConvert(const std::vector<std::string>& argv) {
  if (argv.size() < 2 || argv[1] != "convert") return false;
  return FindFromFlag(std::vector<std::string>(argv.begin() + 2, argv.end())).present;
}

int ConvertFromFramework(const std::vector<std::string>& args) {
  const std::string framework = FindFromFlag(args).framework;
  if (framework.empty()) {
    std::cerr << "onnxforge convert: --from needs a framework; available: " << Available() << "\n";
    return 2;
  }
  if (std::find(Frameworks().begin(), Frameworks().end(), framework) == Frameworks().end()) {
    std::cerr << "onnxforge convert: no converter for framework '" << framework
              << "'; available: " << Available() << "\n";
    return 2;
  }
  const std::string python = PythonInterpreter();
  const Probe probe = ProbePackage(python);
  if (probe.spawn_error != 0) return MissingPython(python, probe.spawn_error);
  if (probe.exit_code == kPackageMissing) {
    std::cerr << "onnxforge convert: " << python << " cannot import the onnxforge package. "
              << "Run tools/setup.sh to install it, or add a built package folder "
              << "(bazel-bin/python/onnxforge_package after `bazel build "
              << "//python:onnxforge_package`) to PYTHONPATH\n";
    return 1;
  }
  if (probe.exit_code != 0) {
    std::cerr << "onnxforge convert: " << python << " failed (exit code " << probe.exit_code
              << ") while looking for the onnxforge package; set ONNXFORGE_PYTHON to a "
              << "working python3\n";
    return 1;
  }
  std::vector<std::string> command = {python, "-m", kConverterModule};
  for (std::string& arg : DashedFlags(args)) command.push_back(std::move(arg));
  std::vector<char*> argv = Argv(command);
  std::cout.flush();
  execvp(python.c_str(), argv.data());
  return MissingPython(python, errno);  // only reached when exec failed
}

}  // namespace onnxforge::cli
