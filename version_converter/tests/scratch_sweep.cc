#include <dirent.h>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include "gtest/gtest.h"
#include "data_paths.h"
#include "ir/model_io.h"
#include "onnx_defs/schema.h"
#include "reference/executor.h"
#include "version_converter/driver.h"
#include "onnx_defs/shape_inference.h"

namespace onnxforge::version_converter {
using reference::Tensor;
using reference::Value;

static bool ReadTensor(const std::string& path, TensorProto* t) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::stringstream ss; ss << f.rdbuf();
  return t->ParseFromString(ss.str());
}

static std::string Differ(const Tensor& x, const Tensor& y) {
  if (x.type() != y.type() || x.shape() != y.shape()) return "type/shape " + x.DebugString() + " vs " + y.DebugString();
  if (x.is_string()) return x == y ? "" : "strings";
  auto dx = x.ToDoubles(); auto dy = y.ToDoubles();
  if (!dx.ok() || !dy.ok()) return x == y ? "" : "values";
  for (size_t i = 0; i < dx->size(); ++i) {
    double p = (*dx)[i], q = (*dy)[i];
    if ((std::isnan(p) && std::isnan(q)) || p == q) continue;
    double s = std::max({1.0, std::fabs(p), std::fabs(q)});
    if (!(std::fabs(p - q) <= 1e-4 * s)) return "value " + std::to_string(p) + " vs " + std::to_string(q);
  }
  return "";
}

TEST(Sweep, Backend) {
  const char* only = getenv("SWEEP_ONLY");
  std::string dir = data::kBackendNodeDir;
  DIR* d = opendir(dir.c_str());
  std::vector<std::string> tests;
  while (dirent* e = readdir(d)) { std::string n = e->d_name; if (n[0] != '.') tests.push_back(n); }
  closedir(d);
  std::sort(tests.begin(), tests.end());
  std::map<std::string, int> refusals;
  int ok = 0, bad = 0, conv = 0;
  for (const std::string& t : tests) {
    if (only && t.find(only) == std::string::npos) continue;
    auto model = LoadModel(dir + "/" + t + "/model.onnx");
    if (!model.ok()) continue;
    bool known = true;
    for (const auto& n : model->graph().node()) {
      if (!SchemaRegistry::Instance().Lookup(n.op_type(), 28, n.domain())) known = false;
    }
    if (!known) continue;
    std::map<std::string, Value> feeds;
    std::vector<Tensor> expected;
    std::vector<std::string> inputs;
    for (const auto& in : model->graph().input()) {
      bool init = false;
      for (const auto& i : model->graph().initializer()) init |= i.name() == in.name();
      if (!init) inputs.push_back(in.name());
    }
    bool simple = true;
    for (size_t k = 0; k < inputs.size(); ++k) {
      TensorProto tp;
      if (!ReadTensor(dir + "/" + t + "/test_data_set_0/input_" + std::to_string(k) + ".pb", &tp)) { simple = false; break; }
      auto tt = Tensor::FromProto(tp); if (!tt.ok()) { simple = false; break; }
      feeds[inputs[k]] = *tt;
    }
    for (int k = 0; k < model->graph().output_size(); ++k) {
      TensorProto tp;
      if (!ReadTensor(dir + "/" + t + "/test_data_set_0/output_" + std::to_string(k) + ".pb", &tp)) { simple = false; break; }
      auto tt = Tensor::FromProto(tp); if (!tt.ok()) { simple = false; break; }
      expected.push_back(*tt);
    }
    if (!simple) continue;
    std::map<std::string,int> src;
    for (const auto& o : model->opset_import()) src[o.domain()] = o.version();
    std::vector<std::pair<std::string,int>> targets;
    for (int v = 1; v <= 28; ++v) targets.push_back({"", v});
    if (src.count("ai.onnx.ml")) for (int v = 1; v <= 5; ++v) targets.push_back({"ai.onnx.ml", v});
    for (auto [dom, v] : targets) {
      if (!src.count(dom) && !(dom == "" && src.count("ai.onnx"))) continue;
      ++conv;
      auto out = ConvertVersion(*model, {{dom, v}});
      if (!out.ok()) {
        std::string m(out.status().message());
        auto p = m.find("): ");
        std::string reason = p == std::string::npos ? m : m.substr(p + 3);
        if (reason.size() > 90) reason = reason.substr(0, 90);
        // classify
        refusals[reason]++;
        if (getenv("SWEEP_VERBOSE")) std::cout << t << " -> " << dom << v << ": " << m << "\n";
        continue;
      }
      ModelProto converted = *out;
      if (getenv("SWEEP_BACK")) {
        int back = src.count(dom) ? src[dom] : src["ai.onnx"];
        auto again = ConvertVersion(*out, {{dom, back}});
        if (!again.ok()) { ++bad; std::cout << "BACKFAIL " << t << " -> " << dom << v << ": " << again.status().message() << "\n"; continue; }
        converted = *again;
      }
      {
        ShapeInferenceOptions strict; strict.strict = true;
        auto inf = InferShapes(converted, strict);
        if (!inf.ok()) { ++bad; std::cout << "INFERFAIL " << t << " -> " << dom << v << ": " << inf.status().message() << "\n"; continue; }
      }
      reference::Evaluator ev(converted);
      auto res = ev.Run({}, feeds);
      if (!res.ok()) { ++bad; std::cout << "RUNFAIL " << t << " -> " << dom << v << ": " << res.status().message() << "\n"; continue; }
      std::string diff;
      for (size_t k = 0; k < expected.size() && k < res->size(); ++k) {
        if (!(*res)[k].is_tensor()) { diff = "not tensor"; break; }
        diff = Differ((*res)[k].tensor(), expected[k]);
        if (!diff.empty()) break;
      }
      if (!diff.empty()) { ++bad; std::cout << "MISMATCH " << t << " -> " << dom << v << ": " << diff << "\n"; }
      else ++ok;
    }
  }
  std::vector<std::pair<int,std::string>> r;
  for (auto& [k, n] : refusals) r.push_back({n, k});
  std::sort(r.rbegin(), r.rend());
  for (auto& [n, k] : r) std::cout << n << "  " << k << "\n";
  std::cout << "conversions " << conv << " ok " << ok << " bad " << bad << "\n";
}
}
