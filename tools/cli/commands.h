// The subcommands of the onnxforge command line.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/flags/declare.h"

ABSL_DECLARE_FLAG(std::string, o);
ABSL_DECLARE_FLAG(bool, lenient);
ABSL_DECLARE_FLAG(bool, json);
ABSL_DECLARE_FLAG(std::vector<std::string>, input);
ABSL_DECLARE_FLAG(std::string, inputs_dir);
ABSL_DECLARE_FLAG(std::string, output_dir);

namespace onnxforge::cli {

struct Command {
  const char* name;
  // Takes the positional arguments after the command name; returns the exit code.
  std::function<int(const std::vector<std::string>&)> run;
};

const std::vector<Command>& Commands();

int Check(const std::vector<std::string>& args);
int Infer(const std::vector<std::string>& args);
int Print(const std::vector<std::string>& args);
int Parse(const std::vector<std::string>& args);
int Schemas(const std::vector<std::string>& args);
int Run(const std::vector<std::string>& args);
int Convert(const std::vector<std::string>& args);

// `convert --from FRAMEWORK ...` takes the Python converter's flags, so main
// checks for it on the raw command line (`argv`, program name first) and hands
// the arguments after `convert` to ConvertFromFramework before abseil parses
// anything. ConvertFromFramework only returns on an error.
bool IsFrameworkConvert(const std::vector<std::string>& argv);
int ConvertFromFramework(const std::vector<std::string>& args);

}  // namespace onnxforge::cli
