#include "tools/opdev/adapter_sources.h"

#include <algorithm>
#include <cstring>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

constexpr char kAdaptersMacro[] = "ONNXFORGE_ADAPTERS(";
constexpr char kIntroducedMacro[] = "ONNXFORGE_INTRODUCED(";

// Collapses the whitespace runs of a multi-line expression.
std::string OneLine(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

// Where a new line for (tag, op) goes: after the op's last line, else
// before the first line of the domain whose op sorts after it, else after
// the domain's last line. Returns the 1-based line to insert before, and
// the line whose indentation to copy.
absl::StatusOr<std::pair<int, int>> InsertionLine(const AdapterSources& sources,
                                                 const std::string& tag, const std::string& op,
                                                 bool introduction) {
  const AdapterLine* same_op = nullptr;
  const AdapterLine* after = nullptr;
  const AdapterLine* domain_last = nullptr;
  for (const AdapterLine& line : sources.lines) {
    if (line.tag != tag || line.introduction != introduction) continue;
    domain_last = &line;
    if (line.op == op) same_op = &line;
    if (after == nullptr && line.op > op) after = &line;
  }
  if (same_op != nullptr) return std::make_pair(same_op->line + 1, same_op->line);
  if (after != nullptr) return std::make_pair(after->line, after->line);
  if (domain_last != nullptr) return std::make_pair(domain_last->line + 1, domain_last->line);
  return absl::NotFoundError(absl::StrCat(
      kConvertHeader, ": no ", introduction ? kIntroducedMacro : kAdaptersMacro, tag,
      ", ...) line to put the line of ", op, " next to; add it by hand"));
}

// The call `macro(args...),` laid out like `neighbour`, a line of the same
// macro: each argument starts in its column (numbers end in it), so the
// table stays aligned.
std::string AlignedLike(const std::string& neighbour, const std::string& macro,
                        const std::vector<std::string>& args) {
  const size_t open = neighbour.find('(');
  absl::StatusOr<std::vector<std::string_view>> columns =
      CallArguments(neighbour, open, kConvertHeader);
  std::string line = neighbour.substr(0, neighbour.find(macro)) + macro;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) line += ", ";
    if (columns.ok() && i < columns->size()) {
      const std::string_view column = (*columns)[i];
      const size_t start = column.data() - neighbour.data();
      const bool number = !args[i].empty() && absl::ascii_isdigit(args[i][0]);
      const long wanted = number ? static_cast<long>(start + column.size() - args[i].size())
                                 : static_cast<long>(start);
      if (wanted > static_cast<long>(line.size())) line.append(wanted - line.size(), ' ');
    }
    line += args[i];
  }
  return line + "),";
}

absl::Status InsertLine(Workspace& ws, const std::string& tag, const std::string& op,
                        bool introduction, const std::vector<std::string>& args) {
  absl::StatusOr<AdapterSources> sources = ReadAdapterSources(ws);
  if (!sources.ok()) return sources.status();
  absl::StatusOr<std::pair<int, int>> where = InsertionLine(*sources, tag, op, introduction);
  if (!where.ok()) return where.status();
  absl::StatusOr<std::string*> text = ws.Edit(kConvertHeader);
  if (!text.ok()) return text.status();
  const size_t start = LineStart(**text, where->second);
  std::string neighbour = (*text)->substr(start, LineEnd(**text, start) - start);
  if (!neighbour.empty() && neighbour.back() == '\n') neighbour.pop_back();
  const std::string line =
      AlignedLike(neighbour, introduction ? kIntroducedMacro : kAdaptersMacro, args);
  (*text)->insert(LineStart(**text, where->first), absl::StrCat(line, "\n"));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<AdapterSources> ReadAdapterSources(Workspace& ws) {
  absl::StatusOr<std::string> text = ws.Read(kConvertHeader);
  if (!text.ok()) return text.status();
  AdapterSources out;
  size_t start = 0;
  while (start < text->size()) {
    const size_t end = LineEnd(*text, start);
    const std::string line = text->substr(start, end - start);
    const size_t first = line.find_first_not_of(" \t");
    const bool adapters = first != std::string::npos &&
                          line.compare(first, strlen(kAdaptersMacro), kAdaptersMacro) == 0;
    const bool introduced = first != std::string::npos &&
                            line.compare(first, strlen(kIntroducedMacro), kIntroducedMacro) == 0;
    if (!adapters && !introduced) {
      start = end;
      continue;
    }
    const int number = LineAt(*text, start);
    const size_t open = start + line.find('(');
    absl::StatusOr<size_t> close = ClosingBrace(*text, open, kConvertHeader);
    absl::StatusOr<std::vector<std::string_view>> call =
        CallArguments(*text, open, kConvertHeader);
    if (!close.ok() || !call.ok()) {
      out.problems.push_back(std::string(call.status().message()));
      break;
    }
    const std::vector<std::string> args(call->begin(), call->end());
    AdapterLine entry;
    entry.file = kConvertHeader;
    entry.line = number;
    entry.introduction = introduced;
    const size_t count = introduced ? 4 : 6;
    bool ok = args.size() == count;
    if (ok) {
      entry.tag = args[0];
      entry.op = args[1];
      ok = absl::SimpleAtoi(args[2], &entry.older) &&
           (introduced || absl::SimpleAtoi(args[3], &entry.newer));
      if (introduced) {
        entry.downgrade = OneLine(args[3]);
      } else {
        entry.upgrade = OneLine(args[4]);
        entry.downgrade = OneLine(args[5]);
      }
    }
    if (!ok) {
      out.problems.push_back(absl::StrCat(
          kConvertHeader, ":", number, ": expected ",
          introduced ? "ONNXFORGE_INTRODUCED(Tag, Op, version, downgrade)"
                     : "ONNXFORGE_ADAPTERS(Tag, Op, older, newer, upgrade, downgrade)"));
    } else {
      out.lines.push_back(std::move(entry));
    }
    start = LineEnd(*text, *close);
  }
  return out;
}

bool IsRefusal(const std::string& adapter) { return absl::StartsWith(adapter, "Refuse("); }

absl::Status AddCompatibleChange(Workspace& ws, const DomainInfo& domain, const std::string& op,
                                 int older, int newer) {
  return InsertLine(ws, domain.tag, op, /*introduction=*/false,
                    {domain.tag, op, absl::StrCat(older), absl::StrCat(newer), "Compatible()",
                     "Compatible()"});
}

absl::Status AddIntroduction(Workspace& ws, const DomainInfo& domain, const std::string& op,
                             int version, const std::string& downgrade) {
  return InsertLine(ws, domain.tag, op, /*introduction=*/true,
                    {domain.tag, op, absl::StrCat(version), downgrade});
}

}  // namespace onnxforge::opdev
