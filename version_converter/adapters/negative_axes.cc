#include "version_converter/adapters/negative_axes.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "version_converter/adapters/attribute_default.h"
#include "version_converter/step.h"

namespace onnxforge::version_converter {
namespace {

// The rank axes count in: input 0's, or output 0's (input rank plus the
// number of axes inserted, for Unsqueeze).
std::optional<int64_t> AxesRank(Step& step, AxesOf of, int64_t inserted) {
  std::optional<int64_t> rank = step.RankOf(step.input(0));
  if (of == AxesOf::kOutput) {
    if (rank) return *rank + inserted;
    return step.RankOf(step.output(0));
  }
  return rank;
}

Adapter MakeAdapter(const std::string& attribute, AxesOf of, bool list) {
  Adapter adapter;
  adapter.kind = absl::StrCat("make attribute '", attribute, "' non-negative");
  adapter.apply = [attribute, of, list](Step& step) -> absl::Status {
    const AttributeProto* attr = step.attribute(attribute);
    if (attr == nullptr) return absl::OkStatus();
    std::vector<int64_t> values;
    if (list) {
      values.assign(attr->ints().begin(), attr->ints().end());
    } else {
      values.push_back(attr->i());
    }
    bool negative = false;
    for (int64_t v : values) negative = negative || v < 0;
    if (!negative) return absl::OkStatus();
    const std::optional<int64_t> rank =
        AxesRank(step, of, static_cast<int64_t>(values.size()));
    if (!rank) {
      const std::string& value = of == AxesOf::kOutput ? step.output(0) : step.input(0);
      return Step::Refuse("attribute '", attribute, "' is ", AttributeValueString(*attr),
                          " and the rank of ", of == AxesOf::kOutput ? "output" : "input",
                          " 0 ('", value, "') is unknown; ", Step::Name(step.to()),
                          " counts axes from the front only");
    }
    for (int64_t& v : values) {
      if (v < 0) v += *rank;
    }
    if (list) {
      step.SetInts(attribute, values);
    } else {
      step.SetInt(attribute, values[0]);
    }
    return absl::OkStatus();
  };
  return adapter;
}

}  // namespace

Adapter NonNegativeAxis(const std::string& attribute, AxesOf of) {
  return MakeAdapter(attribute, of, false);
}

Adapter NonNegativeAxes(const std::string& attribute, AxesOf of) {
  return MakeAdapter(attribute, of, true);
}

}  // namespace onnxforge::version_converter
