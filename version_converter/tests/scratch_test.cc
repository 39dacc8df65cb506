#include <iostream>
#include "gtest/gtest.h"
#include "version_converter/tests/convert_test_util.h"

namespace onnxforge::version_converter::testing {
TEST(Scratch, Print) {
  const char* relu14 = R"(<ir_version: 8, opset_import: ["" : 14]>
g (int8[2] X) => (int8[2] Y) { Y = Relu (X) })";
  std::cout << Convert(relu14, {{"", 13}}) << "\n---\n";
  const char* relu = R"(<ir_version: 8, opset_import: ["" : 14]>
g (float[2] X) => (float[2] Y) { Y = Relu (X) })";
  std::cout << Convert(relu, {{"", 5}}) << "\n---\n";
  const char* add = R"(<ir_version: 3, opset_import: ["" : 6]>
g (float[2,3,4] A, float[3] B) => (float[2,3,4] Y) { Y = Add <broadcast=1, axis=1> (A, B) })";
  std::cout << Convert(add, {{"", 13}}) << "\n---\n";
  std::string up = Convert(add, {{"", 13}});
  std::cout << CompareOutputs(Parse(add), Parse(up)) << "\n---\n";
  const char* sm = R"(<ir_version: 3, opset_import: ["" : 11]>
g (float[2,3,4] X) => (float[2,3,4] Y) { Y = Softmax <axis=1> (X) })";
  std::string s13 = Convert(sm, {{"", 13}});
  std::cout << s13 << "\n" << CompareOutputs(Parse(sm), Parse(s13)) << "\n---\n";
  std::string s11 = Convert(s13, {{"", 11}});
  std::cout << s11 << "\n" << CompareOutputs(Parse(sm), Parse(s11)) << "\n---\n";
  std::string s7 = Convert(s13, {{"", 7}});
  std::cout << s7 << "\n" << CompareOutputs(Parse(sm), Parse(s7)) << "\n---\n";
}
}
