// Malformed text gives an error naming the line, the column and what was
// expected; deep or large inputs give errors or results, never crashes.
#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "ir/syntax/parser.h"

namespace onnxforge {
namespace {

template <typename T>
std::string ErrorOf(const absl::StatusOr<T>& result) {
  if (result.ok()) return "no error";
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(result.status().message());
}

TEST(Errors, Graphs) {
  EXPECT_EQ(ErrorOf(ParseGraph("g (float x) => (float y)\n{\n    y = Relu(x = 1)\n}")),
            "line 3, column 16: expected ')' but found '='");
  EXPECT_EQ(ErrorOf(ParseGraph("g (float x) => (float y) {\n  y = Relu(x\n  z = Neg(y)\n}")),
            "line 3, column 3: expected ')' but found 'z'");
  EXPECT_EQ(ErrorOf(ParseGraph("g (float x) (float y) {}")),
            "line 1, column 13: expected '=>' but found '('");
  EXPECT_EQ(ErrorOf(ParseGraph("g (float x) = > (float y) {}")),
            "line 1, column 13: expected '=>' but found '='");
  EXPECT_EQ(ErrorOf(ParseGraph("g () => () {\n  y = Relu(x)\n")),
            "line 3, column 1: expected '}' but found end of input");
  EXPECT_EQ(ErrorOf(ParseGraph("g (float[N] x = {1}) => () {}")),
            "line 1, column 15: a tensor value needs numeric dimensions but found \"N\"");
  EXPECT_EQ(ErrorOf(ParseGraph("g (seq(float) x = {1}) => () {}")),
            "line 1, column 17: a tensor value needs a tensor type such as float[2]");
  EXPECT_EQ(ErrorOf(ParseGraph("g (float) => () {}")),
            "line 1, column 9: expected a value name but found ')'");
}

TEST(Errors, Models) {
  EXPECT_EQ(ErrorOf(ParseModel("")),
            "line 1, column 1: expected a graph name but found end of input");
  EXPECT_EQ(ErrorOf(ParseModel("<ir_versio: 8> g () => () {}")),
            "line 1, column 2: unknown model field 'ir_versio'; expected ir_version, "
            "opset_import, producer_name, producer_version, domain, model_version, doc_string "
            "or metadata_props");
  EXPECT_EQ(ErrorOf(ParseModel("<opset_import: [\"\" : \"18\"]> g () => () {}")),
            "line 1, column 22: expected an opset version but found \"18\"");
  EXPECT_EQ(ErrorOf(ParseModel("<ir_version: 8 producer_name: \"x\"> g () => () {}")),
            "line 1, column 16: expected '>' but found 'producer_name'");
  EXPECT_EQ(ErrorOf(ParseModel("g () => () {}\n<domain: \"a\", since: 1> F () => () {}")),
            "line 2, column 15: unknown function field 'since'; expected domain, overload, "
            "doc_string, opset_import or metadata_props");
}

TEST(Errors, Nodes) {
  EXPECT_EQ(ErrorOf(ParseNode("Y = Relu(X) extra")),
            "line 1, column 13: expected end of input but found 'extra'");
  EXPECT_EQ(ErrorOf(ParseNode("Y = (X)")),
            "line 1, column 5: expected an operator name but found '('");
  EXPECT_EQ(ErrorOf(ParseNode("Y Relu(X)")), "line 1, column 3: expected '=' but found 'Relu'");
  EXPECT_EQ(ErrorOf(ParseNode("Y = Op <a: int = 1.5> (X)")),
            "line 1, column 18: attribute 'a' is declared int but its value is float");
  EXPECT_EQ(
      ErrorOf(ParseNode("Y = Op <a = []> (X)")),
      "line 1, column 13: the empty list of attribute 'a' needs a type, as in 'a: ints = []'");
  EXPECT_EQ(ErrorOf(ParseNode("Y = Op <a = 1 b = 2> (X)")),
            "line 1, column 15: expected '>' but found 'b'");
}

TEST(Errors, Attributes) {
  EXPECT_EQ(ErrorOf(ParseAttribute("a = [1, \"x\"]")),
            "line 1, column 9: list attribute 'a' mixes int and string values");
  EXPECT_EQ(ErrorOf(ParseAttribute("a: integer = 1")),
            "line 1, column 4: unknown attribute type 'integer'");
  EXPECT_EQ(ErrorOf(ParseAttribute("a: int = [1]")),
            "line 1, column 10: attribute 'a' is declared int and cannot take a list value");
  EXPECT_EQ(ErrorOf(ParseAttribute("a: floats = [1, \"x\"]")),
            "line 1, column 17: attribute 'a' is declared float but its value is string");
  EXPECT_EQ(ErrorOf(ParseAttribute("a = [@b]")),
            "line 1, column 6: expected an attribute value but found '@'");
  EXPECT_EQ(ErrorOf(ParseAttribute("a = 1e39")),
            "line 1, column 5: '1e39' is out of range for float");
  EXPECT_EQ(ErrorOf(ParseAttribute("a = 99999999999999999999")),
            "line 1, column 5: '99999999999999999999' is out of range for int64");
  EXPECT_EQ(ErrorOf(ParseAttribute("a = ")),
            "line 1, column 5: expected an attribute value but found end of input");
}

TEST(Errors, TypesAndTensors) {
  EXPECT_EQ(ErrorOf(ParseType("floot[2]")), "line 1, column 1: expected a type but found 'floot'");
  EXPECT_EQ(ErrorOf(ParseType("map(seq(float), float)")),
            "line 1, column 5: expected a map key type but found 'seq'");
  EXPECT_EQ(ErrorOf(ParseType("float[2")), "line 1, column 8: expected ']' but found end of input");
  EXPECT_EQ(ErrorOf(ParseType("float[2.5]")),
            "line 1, column 7: expected a dimension (a number, a name or '?') but found '2.5'");
  EXPECT_EQ(ErrorOf(ParseTensor("int64[2] {1, 2.5}")),
            "line 1, column 14: expected an integer for element type int64 but found '2.5'");
  EXPECT_EQ(ErrorOf(ParseTensor("float[1] {\"x\"}")),
            "line 1, column 11: expected a number for element type float but found \"x\"");
  EXPECT_EQ(ErrorOf(ParseTensor("string[1] {1}")),
            "line 1, column 12: expected a string value but found '1'");
  EXPECT_EQ(ErrorOf(ParseTensor("int8[2] = raw {1, 200}")),
            "line 1, column 19: '200' is out of range for int8");
  EXPECT_EQ(ErrorOf(ParseTensor("uint4[1] = raw {-1}")),
            "line 1, column 17: '-1' is negative; expected an unsigned integer");
  // Packed 4-bit and 2-bit values must fit their type; float4e2m1 takes
  // bit patterns, as raw {values} does.
  EXPECT_EQ(ErrorOf(ParseTensor("int4[2] {1, 8}")),
            "line 1, column 13: '8' is out of range for int4");
  EXPECT_EQ(ErrorOf(ParseTensor("int4[1] {-9}")),
            "line 1, column 10: '-9' is out of range for int4");
  EXPECT_EQ(ErrorOf(ParseTensor("uint4[1] {-1}")),
            "line 1, column 11: '-1' is negative; expected an unsigned integer");
  EXPECT_EQ(ErrorOf(ParseTensor("uint4[1] {16}")),
            "line 1, column 11: '16' is out of range for uint4");
  EXPECT_EQ(ErrorOf(ParseTensor("int2[3] {0, 1, -3}")),
            "line 1, column 16: '-3' is out of range for int2");
  EXPECT_EQ(ErrorOf(ParseTensor("uint2[3] {0, 1, 4}")),
            "line 1, column 17: '4' is out of range for uint2");
  EXPECT_EQ(ErrorOf(ParseTensor("float4e2m1[2] {0, 16}")),
            "line 1, column 19: '16' is out of range for float4e2m1");
  EXPECT_EQ(ErrorOf(ParseTensor("float4e2m1[2] {0, 1.5}")),
            "line 1, column 19: expected an integer for element type float4e2m1 but found '1.5'");
  EXPECT_EQ(ErrorOf(ParseTensor("float4e2m1[1] = raw {1.5}")),
            "line 1, column 22: expected an integer for element type float4e2m1 but found '1.5'");
  EXPECT_EQ(ErrorOf(ParseTensor("int4[1] {\"1\"}")),
            "line 1, column 10: expected an integer for element type int4 but found \"1\"");
  EXPECT_EQ(ErrorOf(ParseTensor("int32[1] {3000000000}")),
            "line 1, column 11: '3000000000' is out of range for int32");
  EXPECT_EQ(ErrorOf(ParseTensor("uint8[1] = raw \"abc\"")),
            "line 1, column 16: raw data in hex needs an even number of digits");
  EXPECT_EQ(ErrorOf(ParseTensor("uint8[1] = raw \"zz\"")),
            "line 1, column 16: raw data in hex has a non-hex character at offset 0");
  EXPECT_EQ(ErrorOf(ParseTensor("string[1] = raw {1}")),
            "line 1, column 18: string values cannot be stored as raw data");
  EXPECT_EQ(ErrorOf(ParseTensor("float[1] = raw [1]")),
            "line 1, column 16: expected '{' or a hex string after raw but found '['");
  EXPECT_EQ(ErrorOf(ParseTensor("float[1] w")),
            "line 1, column 11: expected tensor values in '{ }' but found end of input");
}

TEST(Errors, DeepNestingIsRefused) {
  std::string deep_type;
  for (int i = 0; i < 100000; ++i) deep_type += "seq(";
  deep_type += "float";
  for (int i = 0; i < 100000; ++i) deep_type += ")";
  EXPECT_EQ(ErrorOf(ParseType(deep_type)), "line 1, column 401: nesting is deeper than 100 levels");

  // Graphs in attributes in graphs: each level is a graph and an attribute value.
  std::string deep_graph = "g () => () {";
  for (int i = 0; i < 10000; ++i) deep_graph += " y = If(c) <b = g () => () {";
  for (int i = 0; i < 10000; ++i) deep_graph += "}>";
  deep_graph += "}";
  // The 50th nested graph's name, 'g', is where the limit is hit.
  EXPECT_EQ(ErrorOf(ParseGraph(deep_graph)),
            "line 1, column 1401: nesting is deeper than 100 levels");

  // Fifty levels of graphs still read.
  std::string ok_graph = "g () => () {";
  for (int i = 0; i < 40; ++i) ok_graph += " y = If(c) <b = g () => () {";
  for (int i = 0; i < 40; ++i) ok_graph += "}>";
  ok_graph += "}";
  EXPECT_TRUE(ParseGraph(ok_graph).ok());
}

TEST(Errors, LargeInputsRead) {
  std::string nodes;
  for (int i = 0; i < 100000; ++i) absl::StrAppend(&nodes, "y", i + 1, " = Relu(y", i, ")\n");
  absl::StatusOr<std::vector<NodeProto>> list = ParseNodeList(nodes);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->size(), 100000u);

  std::string values = "float[1000000] {";
  for (int i = 0; i < 1000000; ++i) absl::StrAppend(&values, i == 0 ? "" : ", ", i % 7, ".5");
  values += "}";
  absl::StatusOr<TensorProto> tensor = ParseTensor(values);
  ASSERT_TRUE(tensor.ok()) << tensor.status();
  EXPECT_EQ(tensor->float_data_size(), 1000000);
  EXPECT_EQ(tensor->float_data(999998), 6.5f);
}

TEST(Errors, GarbageNeverCrashes) {
  // Every prefix of a valid model is either valid or an error.
  const std::string model = R"(<ir_version: 8, opset_import: ["" : 18]>
g (float[N] x, float[2] w = {1.0, 2.0}) => (float[N] y) <float[1] k = raw {3.0}> {
    [n] y = Op <a = [1, 2], t = float[1] {1.0}, g = b () => (z) { z = Neg(x) }> (x, , w)
}
F <a: int = 1> (x) => (y) { y = Identity(x) })";
  for (size_t i = 0; i <= model.size(); ++i) {
    absl::StatusOr<ModelProto> result = ParseModel(model.substr(0, i));
    if (!result.ok()) {
      EXPECT_EQ(std::string(result.status().message()).substr(0, 5), "line ");
    }
  }
  EXPECT_TRUE(ParseModel(model).ok()) << ParseModel(model).status();
}

}  // namespace
}  // namespace onnxforge
