// opdev's subcommands. Each takes the words after its name and returns the
// process exit code, printing what it did or why it could not.
#pragma once

#include <string>
#include <vector>

namespace onnxforge::opdev {

int NewCommand(const std::vector<std::string>& words);
int BumpCommand(const std::vector<std::string>& words);
int LintCommand(const std::vector<std::string>& words);
int SyncRangesCommand(const std::vector<std::string>& words);

}  // namespace onnxforge::opdev
