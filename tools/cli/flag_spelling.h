// Rewrites the command line before abseil parses it, so that flags may be
// spelled with dashes (--output-dir for --output_dir) and list flags may be
// repeated (--input A=a.npy --input B=b.pb becomes --input=A=a.npy,B=b.pb;
// abseil would keep only the last).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace onnxforge::cli {

// `list_flags` names the flags whose repeats are joined with commas.
std::vector<std::string> NormalizeFlagSpelling(const std::vector<std::string>& args,
                                               const std::set<std::string>& list_flags);

}  // namespace onnxforge::cli
