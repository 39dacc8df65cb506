// Conv, MaxPool and AveragePool against plain loops over every output
// position and tap, for shapes and window attributes that reach the fast
// paths' edges: 1 to 4 spatial axes, groups, strides, dilations, explicit
// and automatic padding, ceil mode. Inputs are small integers, so every
// sum is exact in float whatever the order: results must match bit for
// bit.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/onnx.pb.h"
#include "reference/executor.h"

namespace onnxforge::reference {
namespace {

using Dims = std::vector<int64_t>;

int64_t Product(const Dims& dims) {
  int64_t p = 1;
  for (int64_t d : dims) p *= d;
  return p;
}

std::vector<float> SmallIntegers(int64_t count, int seed) {
  std::vector<float> values(count);
  for (int64_t i = 0; i < count; ++i) values[i] = static_cast<float>((i * 7 + seed * 3) % 9 - 4);
  return values;
}

// Calls fn(index) for every multi-index below `dims`, row-major.
void ForEachIndex(const Dims& dims, const std::function<void(const Dims&)>& fn) {
  if (Product(dims) == 0) return;
  Dims index(dims.size(), 0);
  while (true) {
    fn(index);
    size_t axis = dims.size();
    while (axis > 0 && ++index[axis - 1] == dims[axis - 1]) index[--axis] = 0;
    if (axis == 0) return;
  }
}

int64_t Offset(const Dims& dims, const Dims& index) {
  int64_t offset = 0;
  for (size_t i = 0; i < dims.size(); ++i) offset = offset * dims[i] + index[i];
  return offset;
}

// The attributes of one case, already resolved to explicit padding.
struct WindowCase {
  std::string name;
  Dims x;  // [N, C, D1, ...]
  Dims kernel;
  Dims strides, dilations, pad_begin, pad_end;
  int64_t group = 1;       // Conv
  int64_t maps = 6;        // Conv: output channels
  std::string auto_pad;    // when set, pads are left to the kernel
  bool ceil_mode = false;  // pooling
  bool count_include_pad = false;
};

// A model of one node with float inputs, run through the evaluator.
std::vector<float> RunNode(const NodeProto& node, int opset,
                           const std::vector<std::pair<Dims, std::vector<float>>>& inputs) {
  ModelProto model;
  model.set_ir_version(8);
  model.add_opset_import()->set_version(opset);
  GraphProto* graph = model.mutable_graph();
  *graph->add_node() = node;
  std::map<std::string, Value> feeds;
  for (size_t i = 0; i < inputs.size(); ++i) {
    ValueInfoProto* in = graph->add_input();
    in->set_name(node.input(i));
    in->mutable_type()->mutable_tensor_type()->set_elem_type(TensorProto::FLOAT);
    feeds[node.input(i)] = Tensor::FromVector<float>(inputs[i].first, inputs[i].second);
  }
  graph->add_output()->set_name(node.output(0));
  absl::StatusOr<std::vector<Value>> out = Evaluator(model).Run({}, feeds);
  EXPECT_TRUE(out.ok()) << out.status();
  if (!out.ok()) return {};
  auto data = (*out)[0].tensor().data<float>();
  return std::vector<float>(data.begin(), data.end());
}

NodeProto WindowNode(const std::string& op, const WindowCase& c, std::vector<std::string> inputs) {
  NodeProto node;
  node.set_op_type(op);
  for (const std::string& in : inputs) node.add_input(in);
  node.add_output("Y");
  if (op != "Conv") *node.add_attribute() = IntsAttr("kernel_shape", c.kernel);
  *node.add_attribute() = IntsAttr("strides", c.strides);
  *node.add_attribute() = IntsAttr("dilations", c.dilations);
  if (c.auto_pad.empty()) {
    Dims pads = c.pad_begin;
    pads.insert(pads.end(), c.pad_end.begin(), c.pad_end.end());
    *node.add_attribute() = IntsAttr("pads", pads);
  } else {
    *node.add_attribute() = StringAttr("auto_pad", c.auto_pad);
  }
  if (op == "Conv") *node.add_attribute() = IntAttr("group", c.group);
  if (op != "Conv") *node.add_attribute() = IntAttr("ceil_mode", c.ceil_mode ? 1 : 0);
  if (op == "AveragePool") {
    *node.add_attribute() = IntAttr("count_include_pad", c.count_include_pad ? 1 : 0);
  }
  return node;
}

// Output sizes by the schema's rule (no window dropped: opset 19 and 12).
Dims OutputSizes(const WindowCase& c) {
  Dims out;
  for (size_t i = 0; i < c.kernel.size(); ++i) {
    const int64_t extent = (c.kernel[i] - 1) * c.dilations[i] + 1;
    const int64_t room = c.x[2 + i] + c.pad_begin[i] + c.pad_end[i] - extent;
    out.push_back(room / c.strides[i] + (c.ceil_mode && room % c.strides[i] != 0 ? 1 : 0) + 1);
  }
  return out;
}

// Calls fn(position, inside_x, inside_padding) for each tap of window `o`.
void ForEachTap(const WindowCase& c, const Dims& o,
                const std::function<void(const Dims&, bool, bool)>& fn) {
  const Dims spatial(c.x.begin() + 2, c.x.end());
  ForEachIndex(c.kernel, [&](const Dims& k) {
    Dims pos(k.size());
    bool inside = true, in_padding = true;
    for (size_t i = 0; i < k.size(); ++i) {
      pos[i] = o[i] * c.strides[i] - c.pad_begin[i] + k[i] * c.dilations[i];
      inside = inside && pos[i] >= 0 && pos[i] < spatial[i];
      in_padding = in_padding && pos[i] < spatial[i] + c.pad_end[i];
    }
    fn(pos, inside, in_padding);
  });
}

std::vector<float> PlainConv(const WindowCase& c, const std::vector<float>& x,
                             const std::vector<float>& w, const std::vector<float>& b) {
  const Dims spatial(c.x.begin() + 2, c.x.end());
  const Dims out = OutputSizes(c);
  const int64_t channels = c.x[1] / c.group, maps = c.maps / c.group;
  std::vector<float> y;
  Dims y_dims = {c.x[0], c.maps};
  y_dims.insert(y_dims.end(), out.begin(), out.end());
  ForEachIndex(y_dims, [&](const Dims& at) {
    const Dims o(at.begin() + 2, at.end());
    const int64_t g = at[1] / maps;
    float sum = b[at[1]];
    for (int64_t ch = 0; ch < channels; ++ch) {
      int64_t tap = 0;
      ForEachTap(c, o, [&](const Dims& pos, bool inside, bool) {
        if (inside) {
          Dims x_index = {at[0], g * channels + ch};
          x_index.insert(x_index.end(), pos.begin(), pos.end());
          sum += x[Offset(c.x, x_index)] * w[(at[1] * channels + ch) * Product(c.kernel) + tap];
        }
        ++tap;
      });
    }
    y.push_back(sum);
  });
  return y;
}

std::vector<float> PlainPool(const WindowCase& c, const std::vector<float>& x, bool max) {
  const Dims out = OutputSizes(c);
  std::vector<float> y;
  Dims y_dims = {c.x[0], c.x[1]};
  y_dims.insert(y_dims.end(), out.begin(), out.end());
  ForEachIndex(y_dims, [&](const Dims& at) {
    float best = -1e30f, sum = 0;
    int64_t inside_count = 0, padded_count = 0;
    ForEachTap(c, Dims(at.begin() + 2, at.end()), [&](const Dims& pos, bool inside, bool padded) {
      padded_count += padded ? 1 : 0;
      if (!inside) return;
      Dims x_index = {at[0], at[1]};
      x_index.insert(x_index.end(), pos.begin(), pos.end());
      const float v = x[Offset(c.x, x_index)];
      best = std::max(best, v);
      sum += v;
      ++inside_count;
    });
    y.push_back(max ? best
                    : sum / static_cast<float>(c.count_include_pad ? padded_count : inside_count));
  });
  return y;
}

WindowCase Case(std::string name, Dims x, Dims kernel, Dims strides, Dims dilations, Dims pad_begin,
                Dims pad_end) {
  WindowCase c;
  c.name = std::move(name);
  c.x = std::move(x);
  c.kernel = std::move(kernel);
  c.strides = std::move(strides);
  c.dilations = std::move(dilations);
  c.pad_begin = std::move(pad_begin);
  c.pad_end = std::move(pad_end);
  return c;
}

std::vector<WindowCase> ConvCases() {
  std::vector<WindowCase> cases;
  cases.push_back(Case("1d", {2, 3, 19}, {4}, {2}, {2}, {1}, {3}));
  cases.push_back(Case("2d_pointwise", {2, 5, 7, 9}, {1, 1}, {1, 1}, {1, 1}, {0, 0}, {0, 0}));
  cases.push_back(Case("2d_wide", {1, 3, 9, 70}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}));
  // Same-size outputs: patch rows copied as shifted planes, 64 positions a
  // row (a padded patch row stride); uneven pads and dilations move the
  // border, a kernel wider than X leaves whole rows in the padding.
  cases.push_back(Case("2d_same_8x8", {2, 3, 8, 8}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}));
  cases.push_back(Case("2d_same_uneven", {1, 2, 6, 5}, {3, 4}, {1, 1}, {2, 1}, {0, 2}, {4, 1}));
  cases.push_back(
      Case("2d_same_wide_kernel", {1, 2, 4, 3}, {2, 7}, {1, 1}, {1, 1}, {1, 3}, {0, 3}));
  cases.push_back(Case("2d_strided", {1, 4, 11, 13}, {3, 2}, {2, 3}, {1, 2}, {2, 0}, {1, 2}));
  cases.push_back(Case("2d_big_pads", {1, 1, 2, 3}, {2, 2}, {1, 1}, {1, 1}, {3, 2}, {2, 3}));
  cases.push_back(
      Case("3d", {1, 2, 5, 6, 7}, {2, 3, 2}, {1, 2, 1}, {2, 1, 1}, {1, 0, 1}, {0, 1, 1}));
  cases.push_back(Case("4d", {1, 2, 3, 4, 3, 5}, {2, 2, 1, 3}, {1, 1, 2, 1}, {1, 2, 1, 1},
                       {0, 1, 0, 1}, {1, 0, 0, 1}));
  // Groups, including depthwise; maps around the 6- and 8-row tiles.
  for (auto [group, maps] :
       std::vector<std::pair<int64_t, int64_t>>{{1, 7}, {2, 10}, {4, 4}, {1, 17}}) {
    WindowCase c = Case("2d_group" + std::to_string(group) + "_maps" + std::to_string(maps),
                        {2, 4, 6, 35}, {3, 3}, {1, 2}, {1, 1}, {1, 1}, {1, 0});
    c.group = group;
    c.maps = maps;
    cases.push_back(c);
  }
  return cases;
}

TEST(WindowOpsTest, ConvMatchesPlainLoops) {
  for (const WindowCase& c : ConvCases()) {
    SCOPED_TRACE(c.name);
    Dims w_dims = {c.maps, c.x[1] / c.group};
    w_dims.insert(w_dims.end(), c.kernel.begin(), c.kernel.end());
    const std::vector<float> x = SmallIntegers(Product(c.x), 1);
    const std::vector<float> w = SmallIntegers(Product(w_dims), 2);
    const std::vector<float> b = SmallIntegers(c.maps, 3);
    const std::vector<float> got =
        RunNode(WindowNode("Conv", c, {"X", "W", "B"}), 11, {{c.x, x}, {w_dims, w}, {{c.maps}, b}});
    EXPECT_EQ(got, PlainConv(c, x, w, b));
  }
}

TEST(WindowOpsTest, DoubleConvMatchesPlainLoops) {
  // Doubles take Eigen's product over the same patch rows: 8x8 outputs
  // make rows of 64 positions, stored with a padded stride.
  for (const WindowCase& c :
       {Case("same_8x8", {1, 3, 8, 8}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}),
        Case("strided", {1, 4, 11, 13}, {3, 2}, {2, 3}, {1, 2}, {2, 0}, {1, 2})}) {
    SCOPED_TRACE(c.name);
    const Dims w_dims = {c.maps, c.x[1], c.kernel[0], c.kernel[1]};
    const std::vector<float> x = SmallIntegers(Product(c.x), 1);
    const std::vector<float> w = SmallIntegers(Product(w_dims), 2);
    const std::vector<float> b = SmallIntegers(c.maps, 3);
    ModelProto model;
    model.set_ir_version(8);
    model.add_opset_import()->set_version(11);
    *model.mutable_graph()->add_node() = WindowNode("Conv", c, {"X", "W", "B"});
    std::map<std::string, Value> feeds;
    const std::vector<std::pair<std::string, std::pair<Dims, const std::vector<float>*>>> inputs = {
        {"X", {c.x, &x}}, {"W", {w_dims, &w}}, {"B", {{c.maps}, &b}}};
    for (const auto& [name, input] : inputs) {
      model.mutable_graph()->add_input()->set_name(name);
      feeds[name] = Tensor::FromVector<double>(
          input.first, std::vector<double>(input.second->begin(), input.second->end()));
    }
    model.mutable_graph()->add_output()->set_name("Y");
    absl::StatusOr<std::vector<Value>> out = Evaluator(model).Run({}, feeds);
    ASSERT_TRUE(out.ok()) << out.status();
    const std::vector<float> want = PlainConv(c, x, w, b);
    EXPECT_EQ((*out)[0].tensor(),
              Tensor::FromVector<double>((*out)[0].tensor().shape(),
                                         std::vector<double>(want.begin(), want.end())));
  }
}

TEST(WindowOpsTest, ConvAutoPadMatchesExplicitPads) {
  // SAME_UPPER on 7 with kernel 4 (dilation 1), stride 2: 4 outputs need
  // (4 - 1) * 2 + 4 - 7 = 3 padded positions, 1 before and 2 after.
  WindowCase c = Case("same_upper", {1, 2, 7, 7}, {4, 4}, {2, 2}, {1, 1}, {1, 1}, {2, 2});
  c.maps = 3;
  Dims w_dims = {3, 2, 4, 4};
  const std::vector<float> x = SmallIntegers(Product(c.x), 4),
                           w = SmallIntegers(Product(w_dims), 5);
  const std::vector<float> b = {0, 0, 0};
  WindowCase automatic = c;
  automatic.auto_pad = "SAME_UPPER";
  EXPECT_EQ(RunNode(WindowNode("Conv", automatic, {"X", "W", "B"}), 11,
                    {{c.x, x}, {w_dims, w}, {{3}, b}}),
            PlainConv(c, x, w, b));
  automatic.auto_pad = "SAME_LOWER";
  std::swap(c.pad_begin, c.pad_end);
  EXPECT_EQ(RunNode(WindowNode("Conv", automatic, {"X", "W", "B"}), 11,
                    {{c.x, x}, {w_dims, w}, {{3}, b}}),
            PlainConv(c, x, w, b));
}

std::vector<WindowCase> PoolCases() {
  std::vector<WindowCase> cases;
  cases.push_back(Case("1d", {2, 3, 17}, {3}, {2}, {1}, {1}, {1}));
  cases.push_back(Case("2d_blocks", {1, 3, 8, 10}, {2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 0}));
  cases.push_back(Case("2d_stride1", {1, 2, 9, 11}, {3, 3}, {1, 1}, {1, 1}, {1, 1}, {1, 1}));
  cases.push_back(
      Case("2d_stride3_dilated", {2, 2, 13, 14}, {2, 3}, {3, 3}, {2, 2}, {1, 2}, {0, 1}));
  cases.push_back(Case("2d_big_pads", {1, 1, 3, 3}, {2, 2}, {1, 1}, {1, 1}, {1, 1}, {1, 1}));
  cases.push_back(
      Case("2d_stride2_dilated", {1, 2, 9, 21}, {3, 2}, {2, 2}, {1, 3}, {1, 0}, {0, 2}));
  cases.push_back(
      Case("3d", {1, 2, 5, 6, 7}, {2, 3, 2}, {2, 1, 2}, {1, 1, 2}, {1, 1, 0}, {0, 1, 1}));
  std::vector<WindowCase> out;
  for (WindowCase c : cases) {
    for (bool ceil : {false, true}) {
      c.ceil_mode = ceil;
      out.push_back(c);
    }
  }
  return out;
}

TEST(WindowOpsTest, PoolingMatchesPlainLoops) {
  for (const WindowCase& base : PoolCases()) {
    const std::vector<float> x = SmallIntegers(Product(base.x), 6);
    SCOPED_TRACE(base.name + (base.ceil_mode ? " ceil" : " floor"));
    EXPECT_EQ(RunNode(WindowNode("MaxPool", base, {"X"}), 12, {{base.x, x}}),
              PlainPool(base, x, true));
    for (bool include_pad : {false, true}) {
      WindowCase c = base;
      c.count_include_pad = include_pad;
      EXPECT_EQ(RunNode(WindowNode("AveragePool", c, {"X"}), 19, {{c.x, x}}),
                PlainPool(c, x, false))
          << (include_pad ? "count_include_pad" : "");
    }
  }
}

TEST(WindowOpsTest, MaxPoolSkipsNaNsAndKeepsTheFirstOfEqualTaps) {
  // 2x2 windows, stride 2: four outputs take the four-at-a-time path, the
  // fifth the one-at-a-time path. Taps fold row by row, and a tap replaces
  // the maximum only when larger: -0 (first) beats the +0 after it.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> x = {nan, 1,   nan, nan, -0.0f, 0.0f,  5,   nan, 2,  3,
                                2,   nan, nan, nan, 0.0f,  -0.0f, nan, 4,   -1, -2};
  WindowCase c = Case("nan", {1, 1, 2, 10}, {2, 2}, {2, 2}, {1, 1}, {0, 0}, {0, 0});
  const std::vector<float> y = RunNode(WindowNode("MaxPool", c, {"X"}), 12, {{c.x, x}});
  ASSERT_EQ(y.size(), 5u);
  EXPECT_EQ(y[0], 2.0f);
  EXPECT_EQ(y[1], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(y[2], 0.0f);
  EXPECT_TRUE(std::signbit(y[2]));
  EXPECT_EQ(y[3], 5.0f);
  EXPECT_EQ(y[4], 3.0f);
}

}  // namespace
}  // namespace onnxforge::reference
