#include "version_converter/tests/convert_test_util.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/printer.h"
#include "reference/executor.h"
#include "version_converter/driver.h"

namespace onnxforge::version_converter::testing {

using reference::Tensor;
using reference::Value;

ModelProto Parse(const std::string& text) {
  absl::StatusOr<ModelProto> model = ParseModel(text);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *model : ModelProto();
}

std::string Convert(const ModelProto& model, const std::map<std::string, int>& targets) {
  absl::StatusOr<ModelProto> converted = ConvertVersion(model, targets);
  if (!converted.ok()) return absl::StrCat("error: ", converted.status().message());
  return PrintModel(*converted);
}

std::string Convert(const std::string& text, const std::map<std::string, int>& targets) {
  return Convert(Parse(text), targets);
}

namespace {

std::vector<int64_t> DimsOf(const TypeProto& type) {
  std::vector<int64_t> dims;
  for (const auto& d : type.tensor_type().shape().dim()) {
    dims.push_back(d.has_dim_value() ? d.dim_value() : 3);
  }
  return dims;
}

int64_t Count(const std::vector<int64_t>& dims) {
  int64_t n = 1;
  for (int64_t d : dims) n *= d;
  return n;
}

Value RandomValue(const TypeProto& type, std::mt19937& rng) {
  const std::vector<int64_t> dims = DimsOf(type);
  const int64_t n = Count(dims);
  std::uniform_real_distribution<double> real(-3.0, 3.0);
  std::uniform_int_distribution<int64_t> small(-5, 5);
  switch (type.tensor_type().elem_type()) {
    case TensorProto::FLOAT: {
      std::vector<float> v(n);
      for (float& x : v) x = static_cast<float>(real(rng));
      return Tensor::FromVector<float>(dims, v);
    }
    case TensorProto::DOUBLE: {
      std::vector<double> v(n);
      for (double& x : v) x = real(rng);
      return Tensor::FromVector<double>(dims, v);
    }
    case TensorProto::INT64: {
      std::vector<int64_t> v(n);
      for (int64_t& x : v) x = small(rng);
      return Tensor::FromVector<int64_t>(dims, v);
    }
    case TensorProto::INT32: {
      std::vector<int32_t> v(n);
      for (int32_t& x : v) x = static_cast<int32_t>(small(rng));
      return Tensor::FromVector<int32_t>(dims, v);
    }
    case TensorProto::BOOL: {
      std::vector<bool> v(n);
      for (size_t i = 0; i < v.size(); ++i) v[i] = small(rng) > 0;
      return Tensor::FromVector<bool>(dims, v);
    }
    case TensorProto::STRING: {
      static const char* kWords[] = {"a", "b", "c", "zz"};
      std::vector<std::string> v(n);
      for (std::string& x : v) x = kWords[(small(rng) + 5) % 4];
      return Tensor::FromVector<std::string>(dims, v);
    }
    default:
      ADD_FAILURE() << "no random values of element type " << type.tensor_type().elem_type();
      return Value();
  }
}

std::string Differ(const Value& a, const Value& b) {
  if (!a.is_tensor() || !b.is_tensor()) return "a value is not a tensor";
  const Tensor& x = a.tensor();
  const Tensor& y = b.tensor();
  if (x.type() != y.type() || x.shape() != y.shape()) {
    return absl::StrCat(x.DebugString(), " vs ", y.DebugString());
  }
  if (x.is_string()) return x == y ? "" : absl::StrCat(x.DebugString(), " vs ", y.DebugString());
  absl::StatusOr<std::vector<double>> dx = x.ToDoubles();
  absl::StatusOr<std::vector<double>> dy = y.ToDoubles();
  if (!dx.ok() || !dy.ok()) return x == y ? "" : absl::StrCat(x.DebugString(), " vs ", y.DebugString());
  for (size_t i = 0; i < dx->size(); ++i) {
    const double p = (*dx)[i], q = (*dy)[i];
    if ((std::isnan(p) && std::isnan(q)) || p == q) continue;
    const double scale = std::max({1.0, std::fabs(p), std::fabs(q)});
    if (!(std::fabs(p - q) <= 1e-5 * scale)) {
      return absl::StrCat("element ", i, ": ", p, " vs ", q, " (", x.DebugString(), " vs ",
                          y.DebugString(), ")");
    }
  }
  return "";
}

}  // namespace

std::string CompareOutputs(const ModelProto& a, const ModelProto& b, int trials, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> initializers;
  for (const TensorProto& t : a.graph().initializer()) initializers.push_back(t.name());
  reference::Evaluator run_a(a), run_b(b);
  for (int trial = 0; trial < trials; ++trial) {
    std::map<std::string, Value> feeds;
    for (const ValueInfoProto& input : a.graph().input()) {
      if (std::find(initializers.begin(), initializers.end(), input.name()) !=
          initializers.end()) {
        continue;
      }
      feeds[input.name()] = RandomValue(input.type(), rng);
    }
    absl::StatusOr<std::vector<Value>> out_a = run_a.Run({}, feeds);
    absl::StatusOr<std::vector<Value>> out_b = run_b.Run({}, feeds);
    if (!out_a.ok()) return absl::StrCat("first model: ", out_a.status().message());
    if (!out_b.ok()) return absl::StrCat("second model: ", out_b.status().message());
    if (out_a->size() != out_b->size()) return "different output counts";
    for (size_t i = 0; i < out_a->size(); ++i) {
      const std::string d = Differ((*out_a)[i], (*out_b)[i]);
      if (!d.empty()) return absl::StrCat("output ", i, ": ", d);
    }
  }
  return "";
}

}  // namespace onnxforge::version_converter::testing
