#include <iostream>
#include "gtest/gtest.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
void Show(const std::string& title, const std::string& text, std::map<std::string,int> t) {
  std::string out = Convert(text, t);
  std::cout << "=== " << title << "\n" << out << "\n";
  if (out.rfind("error", 0) != 0) std::cout << "compare: [" << CompareOutputs(Parse(text), Parse(out)) << "]\n";
}
TEST(Scratch, Print) {
  Show("softmax13->11 axis0", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax <axis = 0> (X) })", {{"", 11}});
  Show("logsoftmax13->1 default", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = LogSoftmax (X) })", {{"", 1}});
  Show("softmax13->11 unknown rank", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[] X) => (float[] Y) { Y = Softmax <axis = 0> (X) })", {{"", 11}});
  Show("clip6->11", R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[4] X) => (float[4] Y) { Y = Clip <min = -1.0, max = 0.5> (X) })", {{"", 11}});
  Show("clip6->13 double max only", R"(<ir_version: 3, opset_import: ["" : 6]>
g (double[4] X) => (double[4] Y) { Y = Clip <max = 0.5> (X) })", {{"", 13}});
  Show("clip11->6 const", R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[4] X) => (float[4] Y) <float lo = {-1.5}> { Y = Clip (X, lo) })", {{"", 6}});
  Show("clip11->6 double inexact", R"(<ir_version: 6, opset_import: ["" : 11]>
g (double[4] X) => (double[4] Y) <double lo = {0.1}> { Y = Clip (X, lo) })", {{"", 6}});
  Show("split1->2", R"(<ir_version: 3, opset_import: ["" : 1]>
g (float[6] X) => (float[2] A, float[4] B) <float[2] s = {2.0, 4.0}> { A, B = Split <axis = 0> (X, s) })", {{"", 2}});
  Show("split13->18", R"(<ir_version: 7, opset_import: ["" : 13]>
g (float[6] X) => (float[3] A, float[3] B) { A, B = Split (X) })", {{"", 18}});
  Show("split18->13 uneven", R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[7] X) => (float[3] A, float[3] B, float[1] C) { A, B, C = Split <num_outputs = 3> (X) })", {{"", 13}});
  Show("split18->11 uneven", R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[7] X) => (float[3] A, float[3] B, float[1] C) { A, B, C = Split <num_outputs = 3> (X) })", {{"", 11}});
  Show("reduce18->13 noop", R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X) => (float[2,3] Y) { Y = ReduceMean <noop_with_empty_axes = 1> (X) })", {{"", 13}});
  Show("reduce18->17 axes", R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X) => (float[2] Y) <int64[1] ax = {1}> { Y = ReduceMax <keepdims = 0> (X, ax) })", {{"", 17}});
  Show("reducesum11->13", R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2,3] X) => (float[2] Y) { Y = ReduceSum <keepdims = 0, axes = [-1]> (X) })", {{"", 13}});
  Show("pad2->11", R"(<ir_version: 3, opset_import: ["" : 2]>
g (float[2] X) => (float[5] Y) { Y = Pad <pads = [1, 2], value = 1.5> (X) })", {{"", 11}});
  Show("pad11->2", R"(<ir_version: 6, opset_import: ["" : 11]>
g (float[2] X) => (float[5] Y) <int64[2] p = {1, 2}, float v = {1.5}> { Y = Pad (X, p, v) })", {{"", 2}});
  Show("pad18->13 axes", R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[2,3] X) => (float[2,6] Y) <int64[2] p = {1, 2}, int64[1] a = {-1}> { Y = Pad (X, p, , a) })", {{"", 13}});
}
}
