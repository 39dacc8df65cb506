#include "tools/opdev/opset_sources.h"

#include <algorithm>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

const std::regex& DeclareLine() {
  static const std::regex* re =
      new std::regex(R"(^ONNXFORGE_DECLARE_SCHEMA\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\d+)\s*\);)");
  return *re;
}
const std::regex& RegisterLine() {
  static const std::regex* re =
      new std::regex(R"(^\s*ONNXFORGE_REGISTER\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\d+)\s*\);)");
  return *re;
}
const std::regex& ClassLine() {
  static const std::regex* re = new std::regex(R"(^class (\w+Opset)(\d+) \{)");
  return *re;
}
const std::regex& KVersionLine() {
  static const std::regex* re = new std::regex(R"(static constexpr int kVersion = (\d+);)");
  return *re;
}
const std::regex& ListLine() {
  static const std::regex* re = new std::regex(R"(^using (\w+) = OpsetClassList<(.*)>;)");
  return *re;
}

const DomainInfo* DomainByClassPrefix(const std::string& prefix) {
  for (const DomainInfo& d : Domains()) {
    if (d.class_prefix == prefix) return &d;
  }
  return nullptr;
}

std::vector<std::string> OpsetFiles() {
  std::vector<std::string> files;
  for (const DomainInfo& d : Domains()) {
    if (std::find(files.begin(), files.end(), d.opset_file) == files.end()) {
      files.push_back(d.opset_file);
    }
  }
  return files;
}

absl::Status ReadOneFile(Workspace& ws, const std::string& file, OpsetSources& out) {
  absl::StatusOr<std::string> text = ws.Read(file);
  if (!text.ok()) return text.status();
  const std::vector<std::string> lines = Lines(*text);
  OpsetClass* current = nullptr;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const int number = static_cast<int>(i) + 1;
    std::smatch m;
    if (std::regex_search(line, m, DeclareLine())) {
      out.declarations.push_back({m[1], m[2], std::stoi(m[3]), file, number, 0, nullptr});
    } else if (std::regex_search(line, m, ClassLine())) {
      const DomainInfo* domain = DomainByClassPrefix(m[1]);
      if (domain == nullptr) {
        out.problems.push_back(absl::StrCat(file, ":", number, ": class ", std::string(m[1]),
                                            std::string(m[2]), " has no known domain prefix"));
      }
      out.classes.push_back({domain, std::stoi(m[2]), -1, file, number});
      current = &out.classes.back();
    } else if (current != nullptr && std::regex_search(line, m, KVersionLine())) {
      current->k_version = std::stoi(m[1]);
    } else if (std::regex_search(line, m, RegisterLine())) {
      SchemaLine reg{m[1], m[2], std::stoi(m[3]), file, number, 0, nullptr};
      if (current != nullptr) {
        reg.class_version = current->version;
        reg.class_domain = current->domain;
      }
      out.registrations.push_back(reg);
    } else if (line == "};") {
      current = nullptr;
    } else if (std::regex_search(line, m, ListLine())) {
      ClassList list;
      list.file = file;
      list.line = number;
      for (const DomainInfo& d : Domains()) {
        if (d.class_list == m[1]) list.domain = &d;
      }
      if (list.domain == nullptr) {
        out.problems.push_back(absl::StrCat(file, ":", number, ": class list ",
                                            std::string(m[1]), " has no known domain"));
        continue;
      }
      for (absl::string_view item : absl::StrSplit(std::string(m[2]), ',')) {
        item = absl::StripAsciiWhitespace(item);
        int version = 0;
        if (!absl::ConsumePrefix(&item, list.domain->class_prefix) ||
            !absl::SimpleAtoi(item, &version)) {
          out.problems.push_back(absl::StrCat(file, ":", number, ": '", std::string(item),
                                              "' is not a class of ", list.domain->display));
          continue;
        }
        list.versions.push_back(version);
      }
      out.lists.push_back(std::move(list));
    }
  }
  return absl::OkStatus();
}

// The line index of `class <prefix><version> {`, or -1.
int FindClassLine(const std::vector<std::string>& lines, const DomainInfo& domain, int version) {
  const std::string wanted = absl::StrCat("class ", domain.class_prefix, version, " {");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == wanted) return static_cast<int>(i);
  }
  return -1;
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) absl::StrAppend(&out, line, "\n");
  return out;
}

// Inserts `line` among the run of lines [first, last) that match `re`,
// before the first whose name (group 2) sorts after `name`.
size_t SortedPosition(const std::vector<std::string>& lines, size_t first, size_t last,
                      const std::regex& re, const std::string& name) {
  for (size_t i = first; i < last; ++i) {
    std::smatch m;
    if (std::regex_search(lines[i], m, re) && std::string(m[2]) > name) return i;
  }
  return last;
}

}  // namespace

absl::StatusOr<OpsetSources> ReadOpsetSources(Workspace& ws) {
  OpsetSources out;
  for (const std::string& file : OpsetFiles()) {
    absl::Status read = ReadOneFile(ws, file, out);
    if (!read.ok()) return read;
  }
  return out;
}

absl::Status AddRegistration(Workspace& ws, const DomainInfo& domain, const std::string& name,
                             int version) {
  absl::StatusOr<std::string*> text = ws.Edit(domain.opset_file);
  if (!text.ok()) return text.status();
  std::vector<std::string> lines = Lines(**text);
  const int class_line = FindClassLine(lines, domain, version);
  if (class_line < 0) {
    return absl::NotFoundError(absl::StrCat(domain.opset_file, ": no 'class ",
                                            domain.class_prefix, version,
                                            " {' to register ", name, "-", version, " in"));
  }
  const std::string declare =
      absl::StrCat("ONNXFORGE_DECLARE_SCHEMA(", domain.tag, ", ", name, ", ", version, ");");
  const std::string reg =
      absl::StrCat("    ONNXFORGE_REGISTER(", domain.tag, ", ", name, ", ", version, ");");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == declare || lines[i] == reg) {
      return absl::AlreadyExistsError(absl::StrCat(domain.opset_file, ":", i + 1, ": ", name,
                                                   "-", version, " is already registered"));
    }
  }

  // The registration goes in the body of ForEachSchema, which ends at "  }".
  size_t body = class_line + 1;
  while (body < lines.size() && lines[body].find("ForEachSchema(") == std::string::npos) ++body;
  size_t body_end = body + 1;
  while (body_end < lines.size() && lines[body_end] != "  }") ++body_end;
  if (body_end >= lines.size()) {
    return absl::NotFoundError(absl::StrCat(domain.opset_file, ":", class_line + 1, ": class ",
                                            domain.class_prefix, version,
                                            " has no ForEachSchema body ending in '  }'"));
  }
  static const std::regex kRegisterName(R"(ONNXFORGE_REGISTER\(\s*(\w+)\s*,\s*(\w+)\s*,)");
  lines.insert(lines.begin() + SortedPosition(lines, body + 1, body_end, kRegisterName, name), reg);

  // The declaration goes in the run of declarations right above the class.
  size_t first_declare = class_line;
  static const std::regex kDeclareName(R"(^ONNXFORGE_DECLARE_SCHEMA\(\s*(\w+)\s*,\s*(\w+)\s*,)");
  while (first_declare > 0 && std::regex_search(lines[first_declare - 1], kDeclareName)) {
    --first_declare;
  }
  lines.insert(
      lines.begin() + SortedPosition(lines, first_declare, class_line, kDeclareName, name),
      declare);
  **text = JoinLines(lines);
  return absl::OkStatus();
}

absl::Status AddOpsetClass(Workspace& ws, const DomainInfo& domain, int version) {
  absl::StatusOr<std::string*> text = ws.Edit(domain.opset_file);
  if (!text.ok()) return text.status();
  std::vector<std::string> lines = Lines(**text);
  if (FindClassLine(lines, domain, version) >= 0) {
    return absl::AlreadyExistsError(absl::StrCat(domain.opset_file, ": class ",
                                                 domain.class_prefix, version, " exists"));
  }
  const int previous = FindClassLine(lines, domain, version - 1);
  if (previous < 0) {
    return absl::NotFoundError(absl::StrCat(domain.opset_file, ": no 'class ",
                                            domain.class_prefix, version - 1, " {' to put opset ",
                                            version, " after"));
  }
  size_t end = previous;
  while (end < lines.size() && lines[end] != "};") ++end;
  if (end >= lines.size()) {
    return absl::NotFoundError(absl::StrCat(domain.opset_file, ":", previous + 1, ": class ",
                                            domain.class_prefix, version - 1,
                                            " does not end with a '};' line"));
  }
  const std::vector<std::string> block = {
      "",
      absl::StrCat("// ---- ", domain.display, " opset ", version, " ----"),
      absl::StrCat("class ", domain.class_prefix, version, " {"),
      " public:",
      absl::StrCat("  static constexpr int kVersion = ", version, ";"),
      "  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {",
      "  }",
      "};",
  };
  lines.insert(lines.begin() + end + 1, block.begin(), block.end());

  const std::string list_start = absl::StrCat("using ", domain.class_list, " = OpsetClassList<");
  bool listed = false;
  for (std::string& line : lines) {
    if (absl::StartsWith(line, list_start) && absl::EndsWith(line, ">;")) {
      line = absl::StrCat(line.substr(0, line.size() - 2), ", ", domain.class_prefix, version,
                          ">;");
      listed = true;
    }
  }
  if (!listed) {
    return absl::NotFoundError(absl::StrCat(domain.opset_file, ": no line '", list_start,
                                            "...>;' to add ", domain.class_prefix, version,
                                            " to"));
  }
  **text = JoinLines(lines);
  return absl::OkStatus();
}

}  // namespace onnxforge::opdev
