// The example runner itself: reading example files (with the positions of
// their errors), the value forms, comparing values, and running examples.
#include "tests/examples/runner.h"

#include <cmath>
#include <limits>
#include <string>

#include "gtest/gtest.h"
#include "tests/examples/value_compare.h"
#include "tests/examples/value_reader.h"

namespace onnxforge::examples {
namespace {

using reference::Tensor;
using reference::Value;
using testing::CompareValues;
using testing::Tolerances;

constexpr char kIdentityExample[] = R"(# A file comment.

=== identity_floats
# Copies its input.
# Second line.
<ir_version: 8, opset_import: ["" : 14]>
identity_floats (float[2] X) => (float[2] Y) {
    Y = Identity(X)
}
--- inputs
float[2] X = {1.5, -2.0}
--- outputs
float[2] Y = {1.5, -2.0}

=== identity_error
<ir_version: 8, opset_import: ["" : 14]>
identity_error (float[2] X) => (float[2] Y) {
    Y = Identity(X)
}
--- inputs
float[2] X = {1.5, -2.0}
--- error
no such error
)";

// The first example of `text`, or the parse error's message.
std::string ParseError(const std::string& text) {
  absl::StatusOr<std::vector<Example>> examples = ParseExamples(text, "f.txt");
  return examples.ok() ? "ok" : std::string(examples.status().message());
}

// `text` with a model of one input X and one output Y before it.
std::string WithModel(const std::string& sections) {
  return "=== e\n<ir_version: 8, opset_import: [\"\" : 14]>\ne (float[2] X) => (float[2] Y) {\n"
         "    Y = Identity(X)\n}\n" +
         sections;
}

TEST(ParseExamples, ReadsEveryPart) {
  absl::StatusOr<std::vector<Example>> examples = ParseExamples(kIdentityExample, "f.txt");
  ASSERT_TRUE(examples.ok()) << examples.status();
  ASSERT_EQ(examples->size(), 2u);
  const Example& e = (*examples)[0];
  EXPECT_EQ(e.name, "identity_floats");
  EXPECT_EQ(e.file, "f.txt");
  EXPECT_EQ(e.line, 3);
  EXPECT_EQ(e.description, (std::vector<std::string>{"Copies its input.", "Second line."}));
  EXPECT_EQ(e.model.graph().node(0).op_type(), "Identity");
  EXPECT_EQ(e.model.opset_import(0).version(), 14);
  EXPECT_EQ(e.model_text,
            "<ir_version: 8, opset_import: [\"\" : 14]>\nidentity_floats (float[2] X) => "
            "(float[2] Y) {\n    Y = Identity(X)\n}");
  EXPECT_EQ(e.inputs_text, "float[2] X = {1.5, -2.0}");
  EXPECT_EQ(e.outputs_text, "float[2] Y = {1.5, -2.0}");
  ASSERT_EQ(e.inputs.size(), 1u);
  EXPECT_EQ(e.inputs[0].name, "X");
  EXPECT_EQ(e.inputs[0].line, 11);
  EXPECT_EQ(e.inputs[0].value, Value(Tensor::Vector<float>({1.5f, -2.0f})));
  EXPECT_FALSE(e.expects_error);

  const Example& error = (*examples)[1];
  EXPECT_TRUE(error.expects_error);
  EXPECT_EQ(error.expected_error, "no such error");
  EXPECT_TRUE(error.outputs.empty());
}

TEST(ParseExamples, ErrorsNameFileLineAndColumn) {
  EXPECT_EQ(ParseError("hello\n"), "f.txt:1:1: expected '=== name' to start an example");
  EXPECT_EQ(ParseError("=== Bad\n"),
            "f.txt:1:5: example names use lowercase letters, digits and '_'; 'Bad' has 'B'");
  EXPECT_EQ(ParseError(WithModel("")), "f.txt:1:1: example 'e' needs a '--- outputs' or "
                                       "'--- error' section");
  EXPECT_EQ(ParseError(WithModel("--- inputs\nfloat[2] X = {1, 2, 3}\n--- outputs\n")),
            "f.txt:7:14: float[2] needs 2 values but 3 are given");
  EXPECT_EQ(ParseError(WithModel("--- inputs\nfloat[2] Z = {1, 2}\n--- outputs\n")),
            "f.txt:7:1: 'Z' is not a graph input (graph inputs: X)");
  EXPECT_EQ(ParseError(WithModel("--- inputs\n--- outputs\nfloat[2] Y = {1, 2}\n")),
            "f.txt:6:1: graph input 'X' has no value here");
  EXPECT_EQ(ParseError(WithModel("--- inputs\nfloat[2] X = {1, x}\n--- outputs\n")),
            "f.txt:7:18: expected a tensor value but found 'x'");
  EXPECT_EQ(ParseError(WithModel("--- inputs\nint64[2] X = {1, 2.5}\n--- outputs\n")),
            "f.txt:7:18: expected an integer for element type int64 but found '2.5'");
  EXPECT_EQ(ParseError(WithModel("--- inputs\nfloat[2] X = {1, 2}\n--- result\n")),
            "f.txt:8:1: unknown section '--- result'; expected '--- inputs', '--- outputs' or "
            "'--- error'");
  EXPECT_EQ(ParseError("=== e\n<ir_version: 8>\ne (float[2] X) => (float[2] Y) {\n  Y = (X)\n}\n"
                       "--- error\nx\n"),
            "f.txt:4:7: expected an operator name but found '('");
  // Blank lines before the model and the values keep their place.
  EXPECT_EQ(ParseError("=== e\n\n<ir_version: 8>\ne (float[2] X) => (float[2] Y) {\n  Y = (X)\n}\n"
                       "--- error\nx\n"),
            "f.txt:5:7: expected an operator name but found '('");
  EXPECT_EQ(ParseError(WithModel("--- inputs\n\nfloat[2] X = {1, x}\n--- outputs\n")),
            "f.txt:8:18: expected a tensor value but found 'x'");
}

// The values of one declaration line.
Value ReadOne(const std::string& text) {
  absl::StatusOr<std::vector<NamedValue>> values = ReadValueDeclarations(text);
  EXPECT_TRUE(values.ok()) << values.status();
  if (!values.ok() || values->size() != 1) return Value();
  return (*values)[0].value;
}

TEST(ReadValueDeclarations, TensorForms) {
  EXPECT_EQ(ReadOne("float X = {2.5}"), Value(Tensor::Scalar<float>(2.5f)));
  // As in the textual syntax, a type without dims (`float[]`) holds a scalar.
  EXPECT_EQ(ReadOne("float[] X = {2.5}"), Value(Tensor::Scalar<float>(2.5f)));
  EXPECT_EQ(ReadOne("bool[3] B = {1, false, true}"),
            Value(Tensor::Vector<bool>({true, false, true})));
  EXPECT_EQ(ReadOne("string[2] S = {\"a\", \"\"}"),
            Value(Tensor::Vector<std::string>({"a", ""})));
  EXPECT_EQ(ReadOne("int64[0] E = {}"), Value(Tensor::Vector<int64_t>({})));
  // Narrow floats are written as decimals and rounded into the format.
  Value half = ReadOne("float16[3] H = {0.1, -2, inf}");
  ASSERT_TRUE(half.is_tensor());
  auto h = half.tensor().data<reference::Float16>();
  EXPECT_EQ(h[0].bits, 0x2e66);  // 0.0999755859375, the nearest float16 to 0.1
  EXPECT_EQ(h[1].bits, 0xc000);
  EXPECT_EQ(h[2].bits, 0x7c00);
  Value bf = ReadOne("bfloat16[1] B = {1.00390625}");  // a tie: rounds to even
  EXPECT_EQ(bf.tensor().data<reference::BFloat16>()[0].bits, 0x3f80);
  Value f8 = ReadOne("float8e4m3fn[2] F = {0.3, -448}");
  EXPECT_EQ(f8.tensor().data<reference::Float8E4M3FN>()[0].bits, 0x2a);  // 0.3125
  EXPECT_EQ(f8.tensor().data<reference::Float8E4M3FN>()[1].bits, 0xfe);
  Value int4 = ReadOne("int4[3] I = {-8, 7, 0}");
  ASSERT_TRUE(int4.is_tensor());
  EXPECT_EQ(int4.tensor().data<reference::Int4>()[0].value, -8);
  EXPECT_EQ(int4.tensor().data<reference::Int4>()[1].value, 7);
  absl::StatusOr<std::vector<NamedValue>> out_of_range = ReadValueDeclarations("uint4[1] U = {16}");
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_EQ(out_of_range.status().message(), "line 1, column 15: '16' is out of range for uint4");
}

TEST(ReadValueDeclarations, SequencesMapsOptionals) {
  Value seq = ReadOne("seq(float[]) S = [float[2] {1, 2}, float {3}]");
  ASSERT_TRUE(seq.is_sequence());
  ASSERT_EQ(seq.elements().size(), 2u);
  EXPECT_EQ(seq.elements()[0], Value(Tensor::Vector<float>({1, 2})));
  EXPECT_EQ(seq.elements()[1], Value(Tensor::Scalar<float>(3)));

  Value dims_from_type = ReadOne("seq(int64[2]) S = [{1, 2}, {3, 4}]");
  ASSERT_EQ(dims_from_type.elements().size(), 2u);
  EXPECT_EQ(dims_from_type.elements()[1], Value(Tensor::Vector<int64_t>({3, 4})));

  Value empty = ReadOne("seq(float[]) S = []");
  EXPECT_TRUE(empty.is_sequence());
  EXPECT_EQ(empty.TypeString(), "seq(tensor(float))");

  Value map = ReadOne("seq(map(string, float)) Z = [{\"a\": float {0.25}, \"b\": float {0.75}}]");
  ASSERT_EQ(map.elements().size(), 1u);
  const reference::MapValue& m = map.elements()[0].map();
  EXPECT_EQ(m.string_keys, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(m.values[1], Value(Tensor::Scalar<float>(0.75f)));

  Value int_keys = ReadOne("map(int64, float) M = {3: float {1}, -1: float {2}}");
  EXPECT_EQ(int_keys.map().int_keys, (std::vector<int64_t>{3, -1}));

  Value none = ReadOne("optional(float[2]) O = none");
  ASSERT_TRUE(none.is_optional());
  EXPECT_FALSE(none.has_value());
  Value some = ReadOne("optional(float[2]) O = {1, 2}");
  ASSERT_TRUE(some.has_value());
  EXPECT_EQ(some.optional_value(), Value(Tensor::Vector<float>({1, 2})));
}

TEST(ReadValueDeclarations, Errors) {
  auto error = [](const std::string& text) {
    absl::StatusOr<std::vector<NamedValue>> values = ReadValueDeclarations(text);
    return values.ok() ? "ok" : std::string(values.status().message());
  };
  EXPECT_EQ(error("seq(float[N]) S = [{1}]"),
            "line 1, column 20: a tensor value needs numeric dimensions but its type is float[N]; "
            "write the values as a literal with its own type, such as float[2] {1.0, 2.0}");
  EXPECT_EQ(error("seq(float[]) S = [int64[1] {1}]"),
            "line 1, column 19: expected a tensor of float but found int64[1]");
  EXPECT_EQ(error("map(string, float) M = {1: float {1}}"),
            "line 1, column 25: expected a string key but found '1'");
  EXPECT_EQ(error("float[2] X {1, 2}"), "line 1, column 12: expected '=' after 'X' but found '{'");
  EXPECT_EQ(error("float[2 X = {1, 2}"), "line 1, column 6: '[' is not closed");
  EXPECT_EQ(error("float16[1] H = {\"a\"}"),
            "line 1, column 17: expected a number for element type float16 but found \"a\"");
  EXPECT_EQ(error("\n  flot[1] X = {1}"),
            "line 2, column 3: expected a type such as float[2] or seq(float[]) but found 'flot'");
}

TEST(CompareValues, FloatsWithinTolerance) {
  const Tolerances t = Tolerances::ForExamples();
  const Value a(Tensor::Vector<float>({1.0f, 100.0f, NAN}));
  EXPECT_EQ(CompareValues(a, Value(Tensor::Vector<float>({1.0000005f, 100.0009f, NAN})), t), "");
  EXPECT_EQ(CompareValues(a, Value(Tensor::Vector<float>({1.0f, 100.002f, NAN})), t),
            "float[3]: 1 of 3 elements differ; the first at index [1]: expected 100.0, got "
            "100.002 (difference 0.0019989, allowed 0.001001)\n"
            "  expected {1.0, 100.0, nan}\n"
            "  got      {1.0, 100.002, nan}");
  EXPECT_EQ(CompareValues(a, Value(Tensor::Vector<float>({1.0f, 100.0f, 0.0f})), t),
            "float[3]: 1 of 3 elements differ; the first at index [2]: expected nan, got 0.0\n"
            "  expected {1.0, 100.0, nan}\n"
            "  got      {1.0, 100.0, 0.0}");
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_NE(CompareValues(Value(Tensor::Scalar<float>(inf)), Value(Tensor::Scalar<float>(-inf)), t),
            "");
  EXPECT_EQ(CompareValues(Value(Tensor::Scalar<float>(-0.0f)), Value(Tensor::Scalar<float>(0.0f)),
                          t),
            "");
}

TEST(CompareValues, NarrowFloatsMayBeOneStepApart) {
  const Tolerances t = Tolerances::ForExamples();
  auto half = [](uint16_t bits) {
    return Value(Tensor::Vector<reference::Float16>({reference::Float16::FromBits(bits)}));
  };
  EXPECT_EQ(CompareValues(half(0x5000), half(0x5001), t), "");  // 32.0 and 32.03125
  EXPECT_NE(CompareValues(half(0x7c00), half(0x7bff), t), "");  // inf is not 65504
  EXPECT_EQ(CompareValues(half(0x5000), half(0x5002), t),
            "float16[1]: 1 of 1 elements differ; the first at index [0]: expected 32.0, got "
            "32.0625 (difference 0.0625, allowed 0.03201)");
}

TEST(CompareValues, ExactTypesAndStructure) {
  const Tolerances t = Tolerances::ForExamples();
  EXPECT_EQ(CompareValues(Value(Tensor::FromVector<int64_t>({2, 2}, {1, 2, 3, 4})),
                          Value(Tensor::FromVector<int64_t>({2, 2}, {1, 2, 3, 5})), t),
            "int64[2,2]: 1 of 4 elements differ; the first at index [1, 1]: expected 4, got 5\n"
            "  expected {1, 2, 3, 4}\n"
            "  got      {1, 2, 3, 5}");
  EXPECT_EQ(CompareValues(Value(Tensor::Vector<float>({1, 2})),
                          Value(Tensor::FromVector<float>({2, 1}, {1, 2})), t),
            "expected float[2], got float[2,1]");
  EXPECT_EQ(CompareValues(Value(Tensor::Scalar<std::string>("a")),
                          Value(Tensor::Scalar<std::string>("b")), t),
            "string[]: the scalar differs: expected \"a\", got \"b\"");
  const Value seq = Value::Sequence({Value(Tensor::Scalar<int32_t>(1)),
                                     Value(Tensor::Scalar<int32_t>(2))});
  const Value other = Value::Sequence({Value(Tensor::Scalar<int32_t>(1)),
                                       Value(Tensor::Scalar<int32_t>(3))});
  EXPECT_EQ(CompareValues(seq, other, t),
            "[1]: int32[]: the scalar differs: expected 2, got 3");
  EXPECT_EQ(CompareValues(seq, Value::Sequence({Value(Tensor::Scalar<int32_t>(1))}), t),
            "expected a sequence of 2 values, got 1");
  const Value one = Value::Optional(Value(Tensor::Scalar<int32_t>(1)));
  EXPECT_EQ(CompareValues(Value::EmptyOptional({}), one, t),
            "expected none, got int32[] {1}");
}

TEST(RunExample, PassesFailsAndExpectsErrors) {
  absl::StatusOr<std::vector<Example>> examples = ParseExamples(kIdentityExample, "f.txt");
  ASSERT_TRUE(examples.ok()) << examples.status();
  ExampleOutcome ran = RunExample((*examples)[0]);
  EXPECT_TRUE(ran.passed) << ran.message;

  Example wrong = (*examples)[0];
  wrong.outputs[0].value = Value(Tensor::Vector<float>({1.5f, 2.0f}));
  ExampleOutcome failed = RunExample(wrong);
  EXPECT_FALSE(failed.passed);
  EXPECT_EQ(failed.message,
            "output 'Y': float[2]: 1 of 2 elements differ; the first at index [1]: expected 2.0, "
            "got -2.0 (difference 4, allowed 2.1e-05)\n"
            "  expected {1.5, 2.0}\n"
            "  got      {1.5, -2.0}");

  ExampleOutcome no_error = RunExample((*examples)[1]);
  EXPECT_FALSE(no_error.passed);
  EXPECT_EQ(no_error.message, "expected an error containing \"no such error\" but the model ran");

  Example bad_feed = (*examples)[1];
  bad_feed.inputs[0].value = Value(Tensor::Vector<int32_t>({1, 2}));
  bad_feed.expected_error = "input 'X' expects tensor(float)";
  ExampleOutcome refused = RunExample(bad_feed);
  EXPECT_TRUE(refused.passed) << refused.message;
}

}  // namespace
}  // namespace onnxforge::examples
