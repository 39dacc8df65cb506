#include "tools/opdev/kernel_sources.h"

#include <regex>

#include "absl/strings/str_cat.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

const std::regex& KernelMacro() {
  static const std::regex* re = new std::regex(
      R"(^ONNXFORGE_KERNEL\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\))");
  return *re;
}

absl::Status ScanFile(Workspace& ws, const std::string& file, std::vector<KernelLine>& out) {
  absl::StatusOr<std::string> text = ws.Read(file);
  if (!text.ok()) return text.status();
  const std::vector<std::string> lines = Lines(*text);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::smatch m;
    if (!std::regex_search(lines[i], m, KernelMacro())) continue;
    out.push_back({DomainByTag(std::string(m[1])), m[1], m[2], std::stoi(m[3]), std::stoi(m[4]),
                   file, static_cast<int>(i) + 1});
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::vector<KernelLine>> ScanKernels(Workspace& ws) {
  std::vector<std::string> files = ws.Files("reference", ".cc");
  for (const std::string& dir : ws.Subdirectories("reference")) {
    if (dir == "tests") continue;
    for (const std::string& file : ws.Files(absl::StrCat("reference/", dir), ".cc")) {
      files.push_back(file);
    }
  }
  std::vector<KernelLine> kernels;
  for (const std::string& file : files) {
    absl::Status scanned = ScanFile(ws, file, kernels);
    if (!scanned.ok()) return scanned;
  }
  return kernels;
}

absl::Status SetKernelLast(Workspace& ws, const KernelLine& kernel, int last) {
  absl::StatusOr<std::string*> text = ws.Edit(kernel.file);
  if (!text.ok()) return text.status();
  const size_t start = LineStart(**text, kernel.line);
  const size_t end = LineEnd(**text, start);
  const std::string line = (*text)->substr(start, end - start);
  std::smatch m;
  if (!std::regex_search(line, m, KernelMacro()) || m[2] != kernel.op) {
    return absl::NotFoundError(absl::StrCat(kernel.file, ":", kernel.line,
                                            ": expected the ONNXFORGE_KERNEL line of ",
                                            kernel.op));
  }
  const std::string rewritten =
      absl::StrCat("ONNXFORGE_KERNEL(", kernel.tag, ", ", kernel.op, ", ", kernel.first, ", ",
                   last, ")", m.suffix().str());
  (*text)->replace(start, end - start, rewritten);
  return absl::OkStatus();
}

std::string KernelFileFor(const std::string& folder) {
  return absl::StrCat("reference/ops/", folder, ".cc");
}

absl::Status AddKernelStub(Workspace& ws, const std::string& folder, const DomainInfo& domain,
                           const std::string& op, int version) {
  const std::string file = KernelFileFor(folder);
  constexpr char kNamespaceEnd[] = "}  // namespace onnxforge::reference";
  if (!ws.Exists(file)) {
    ws.Write(file, absl::StrCat("// Kernels of the ", folder,
                                " operators that have no family file of their own.\n"
                                "#include \"reference/kernel.h\"\n\n"
                                "namespace onnxforge::reference {\n\n",
                                kNamespaceEnd, "\n"));
  }
  absl::StatusOr<std::string*> text = ws.Edit(file);
  if (!text.ok()) return text.status();
  const size_t at = FindLastLine(**text, kNamespaceEnd);
  if (at == std::string::npos) {
    return absl::NotFoundError(
        absl::StrCat(file, ": no line '", kNamespaceEnd, "' to put the kernel of ", op,
                     " before"));
  }
  const std::string stub = absl::StrCat(
      "// TODO(opdev): compute ", op, "-", version, " as its schema says, for every type it allows.\n"
      "ONNXFORGE_KERNEL(", domain.tag, ", ", op, ", ", version, ", ", version, ") {\n"
      "  return KernelError(\"", op, "-", version, " is not implemented yet: write its kernel in ",
      file, "\");\n"
      "}\n\n");
  (*text)->insert(at, stub);
  return absl::OkStatus();
}

}  // namespace onnxforge::opdev
