#include "version_converter/adapters/pool.h"

#include <optional>
#include <vector>

#include "version_converter/step.h"

namespace onnxforge::version_converter {

Adapter NoIndicesOutput() {
  Adapter adapter;
  adapter.kind = "refuse the Indices output, remove storage_order";
  adapter.attributes = {"storage_order"};
  adapter.apply = [](Step& step) -> absl::Status {
    if (step.has_output(1)) {
      return Step::Refuse("output 1 ('", step.output(1), "') asks for the indices of the "
                          "maxima, which ", Step::Name(step.to()), " does not output");
    }
    while (step.node().output_size() > 1) step.node().mutable_output()->RemoveLast();
    step.RemoveAttribute("storage_order");
    return absl::OkStatus();
  };
  return adapter;
}

namespace {

std::vector<int64_t> IntsOr(const Step& step, const std::string& name, size_t n, int64_t fill) {
  const AttributeProto* attr = step.attribute(name);
  if (attr == nullptr || attr->ints_size() == 0) return std::vector<int64_t>(n, fill);
  return {attr->ints().begin(), attr->ints().end()};
}

// Whether some spatial axis has a ceil-mode window that starts in the end
// padding; unset when the shapes do not tell.
std::optional<int64_t> AxisWithWindowInEndPad(Step& step) {
  const std::optional<std::vector<int64_t>> dims = step.DimsOf(step.input(0));
  const AttributeProto* kernel = step.attribute("kernel_shape");
  if (!dims || dims->size() < 2 || kernel == nullptr) return std::nullopt;
  const size_t spatial = dims->size() - 2;
  if (static_cast<size_t>(kernel->ints_size()) != spatial) return std::nullopt;
  const std::vector<int64_t> strides = IntsOr(step, "strides", spatial, 1);
  const std::vector<int64_t> dilations = IntsOr(step, "dilations", spatial, 1);
  std::vector<int64_t> pads = IntsOr(step, "pads", 2 * spatial, 0);
  const AttributeProto* auto_pad = step.attribute("auto_pad");
  const std::string mode = auto_pad == nullptr ? "NOTSET" : auto_pad->s();
  if (strides.size() != spatial || dilations.size() != spatial || pads.size() != 2 * spatial) {
    return std::nullopt;
  }
  for (size_t i = 0; i < spatial; ++i) {
    const int64_t in = (*dims)[i + 2];
    const int64_t extent = (kernel->ints(i) - 1) * dilations[i] + 1;
    if (strides[i] <= 0) return std::nullopt;
    if (step.attribute("pads") == nullptr && (mode == "SAME_UPPER" || mode == "SAME_LOWER")) {
      const int64_t windows = (in + strides[i] - 1) / strides[i];
      const int64_t total = std::max<int64_t>(0, (windows - 1) * strides[i] + extent - in);
      pads[i] = mode == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[i + spatial] = total - pads[i];
    }
    const int64_t room = in + pads[i] + pads[i + spatial] - extent;
    if (room < 0) continue;
    const int64_t count = room / strides[i] + (room % strides[i] != 0 ? 1 : 0) + 1;
    if ((count - 1) * strides[i] >= in + pads[i]) return static_cast<int64_t>(i);
  }
  return -1;
}

}  // namespace

Adapter SameCeilWindows() {
  Adapter adapter;
  adapter.kind = "ceil_mode windows agree";
  adapter.apply = [](Step& step) -> absl::Status {
    if (step.int_attribute("ceil_mode", 0) == 0) return absl::OkStatus();
    const std::optional<int64_t> axis = AxisWithWindowInEndPad(step);
    if (axis && *axis < 0) return absl::OkStatus();
    const OpSchema& v22 = step.upgrading() ? step.to() : step.from();
    const OpSchema& older = step.upgrading() ? step.from() : step.to();
    if (!axis) {
      return Step::Refuse("ceil_mode is 1 and the shape of input 0 ('", step.input(0),
                          "') or the window attributes are not known; ", Step::Name(v22),
                          " drops a last window that starts in the end padding, which ",
                          Step::Name(older), " keeps");
    }
    return Step::Refuse("ceil_mode is 1 and along spatial axis ", *axis,
                        " the last window starts in the end padding; ", Step::Name(v22),
                        " drops it and ", Step::Name(older), " keeps it");
  };
  return adapter;
}

}  // namespace onnxforge::version_converter
