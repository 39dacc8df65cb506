// Reading the textual syntax: each construct gives exactly the expected
// proto fields.
#include "ir/syntax/parser.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"
#include "ir/syntax/tests/test_util.h"

namespace onnxforge {
namespace {

using testing::Differences;
using testing::FromTextProto;

TEST(ParseModel, HeaderGraphAndFunction) {
  absl::StatusOr<ModelProto> model = ParseModel(R"(
    <
      ir_version: 8,
      opset_import: ["" : 18, "ai.onnx.ml" : 3, "local" : 1],
      producer_name: "maker",
      producer_version: "1.0",
      domain: "org.example",
      model_version: 7,
      doc_string: "a model",
      metadata_props: ["author": "me", "license": "none"]
    >
    main (float[N, 128] X, int64[2] shape) => (float[N] Y)
    {
        T = local.Square(X)
        Y = ReduceSum <keepdims = 0> (T, axes)
    }
    <domain: "local", opset_import: ["" : 18]>
    Square (A) => (B) {
        B = Mul(A, A)
    }
  )");
  ASSERT_TRUE(model.ok()) << model.status();
  ModelProto expected = FromTextProto<ModelProto>(R"pb(
    ir_version: 8
    opset_import { domain: "" version: 18 }
    opset_import { domain: "ai.onnx.ml" version: 3 }
    opset_import { domain: "local" version: 1 }
    producer_name: "maker"
    producer_version: "1.0"
    domain: "org.example"
    model_version: 7
    doc_string: "a model"
    metadata_props { key: "author" value: "me" }
    metadata_props { key: "license" value: "none" }
    graph {
      name: "main"
      input {
        name: "X"
        type {
          tensor_type {
            elem_type: 1
            shape {
              dim { dim_param: "N" }
              dim { dim_value: 128 }
            }
          }
        }
      }
      input {
        name: "shape"
        type {
          tensor_type {
            elem_type: 7
            shape { dim { dim_value: 2 } }
          }
        }
      }
      output {
        name: "Y"
        type {
          tensor_type {
            elem_type: 1
            shape { dim { dim_param: "N" } }
          }
        }
      }
      node { input: "X" output: "T" op_type: "Square" domain: "local" }
      node {
        input: "T"
        input: "axes"
        output: "Y"
        op_type: "ReduceSum"
        domain: ""
        attribute { name: "keepdims" type: INT i: 0 }
      }
    }
    functions {
      name: "Square"
      domain: "local"
      opset_import { domain: "" version: 18 }
      input: "A"
      output: "B"
      node { input: "A" input: "A" output: "B" op_type: "Mul" domain: "" }
    }
  )pb");
  EXPECT_EQ(Differences(expected, *model), "");
}

TEST(ParseGraph, InitializersAndValueInfos) {
  absl::StatusOr<GraphProto> graph = ParseGraph(R"(
    g (float[2] X, float[2] W = {0.5, -1.5}) => (float[2] Y)
      <float[2] bias = {1.0, 2.0}, float[2] T, int64 count = {3}, Untyped>
    {
        T = Mul(X, W)
        Y = Add(T, bias)
    }
  )");
  ASSERT_TRUE(graph.ok()) << graph.status();
  GraphProto expected = FromTextProto<GraphProto>(R"pb(
    name: "g"
    input {
      name: "X"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_value: 2 } }
        }
      }
    }
    input {
      name: "W"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_value: 2 } }
        }
      }
    }
    output {
      name: "Y"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_value: 2 } }
        }
      }
    }
    initializer { name: "W" data_type: 1 dims: 2 float_data: 0.5 float_data: -1.5 }
    initializer { name: "bias" data_type: 1 dims: 2 float_data: 1 float_data: 2 }
    initializer { name: "count" data_type: 7 int64_data: 3 }
    value_info {
      name: "T"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_value: 2 } }
        }
      }
    }
    value_info { name: "Untyped" }
    node { input: "X" input: "W" output: "T" op_type: "Mul" domain: "" }
    node { input: "T" input: "bias" output: "Y" op_type: "Add" domain: "" }
  )pb");
  EXPECT_EQ(Differences(expected, *graph), "");
}

TEST(ParseNode, LabelDomainOverloadAndEmptyInputs) {
  absl::StatusOr<NodeProto> node =
      ParseNode(R"([my_node] Y, "" = com.example.Fancy:v2 <alpha = 0.5> (X, , Z))");
  ASSERT_TRUE(node.ok()) << node.status();
  NodeProto expected = FromTextProto<NodeProto>(R"pb(
    name: "my_node"
    output: "Y"
    output: ""
    domain: "com.example"
    op_type: "Fancy"
    overload: "v2"
    input: "X"
    input: ""
    input: "Z"
    attribute { name: "alpha" type: FLOAT f: 0.5 }
  )pb");
  EXPECT_EQ(Differences(expected, *node), "");
}

TEST(ParseNode, EmptyNamesFollowOnnxRules) {
  // A blank before a comma is an empty name; one trailing comma is ignored.
  auto inputs = [](const char* text) {
    absl::StatusOr<NodeProto> node = ParseNode(text);
    EXPECT_TRUE(node.ok()) << node.status();
    return std::vector<std::string>(node->input().begin(), node->input().end());
  };
  EXPECT_EQ(inputs("Y = Op()"), (std::vector<std::string>{}));
  EXPECT_EQ(inputs("Y = Op(,x)"), (std::vector<std::string>{"", "x"}));
  EXPECT_EQ(inputs("Y = Op(\"\")"), (std::vector<std::string>{""}));
  EXPECT_EQ(inputs("Y = Op(,)"), (std::vector<std::string>{""}));
  EXPECT_EQ(inputs("Y = Op(x,)"), (std::vector<std::string>{"x"}));
  EXPECT_EQ(inputs("Y = Op(x, , \"\")"), (std::vector<std::string>{"x", "", ""}));
}

TEST(ParseNode, AttributesAfterInputsAndQuotedNames) {
  absl::StatusOr<NodeProto> node =
      ParseNode(R"("out put" = "my-domain"."Op Name" ("in.0") <axis = -1>)");
  ASSERT_TRUE(node.ok()) << node.status();
  NodeProto expected = FromTextProto<NodeProto>(R"pb(
    output: "out put"
    domain: "my-domain"
    op_type: "Op Name"
    input: "in.0"
    attribute { name: "axis" type: INT i: -1 }
  )pb");
  EXPECT_EQ(Differences(expected, *node), "");
}

TEST(ParseNodeList, WithAndWithoutBraces) {
  absl::StatusOr<std::vector<NodeProto>> nodes = ParseNodeList("Y = Relu(X)\nZ = Add(Y, X)");
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  ASSERT_EQ(nodes->size(), 2u);
  EXPECT_EQ((*nodes)[0].op_type(), "Relu");
  EXPECT_EQ((*nodes)[1].op_type(), "Add");
  EXPECT_EQ((*nodes)[1].input(1), "X");

  absl::StatusOr<std::vector<NodeProto>> braced = ParseNodeList("{ Y = Relu(X) }");
  ASSERT_TRUE(braced.ok()) << braced.status();
  EXPECT_EQ(braced->size(), 1u);

  absl::StatusOr<std::vector<NodeProto>> none = ParseNodeList("  # nothing\n");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

AttributeProto Attr(const char* text) {
  absl::StatusOr<AttributeProto> attribute = ParseAttribute(text);
  EXPECT_TRUE(attribute.ok()) << text << ": " << attribute.status();
  return attribute.ok() ? *attribute : AttributeProto();
}

TEST(ParseAttribute, ScalarsAndLists) {
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>("name: 'i' type: INT i: 42"), Attr("i = 42")),
            "");
  EXPECT_EQ(
      Differences(FromTextProto<AttributeProto>("name: 'f' type: FLOAT f: 2.5"), Attr("f = 2.5")),
      "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>("name: 'f' type: FLOAT f: 3"),
                        Attr("f: float = 3")),
            "");
  EXPECT_EQ(
      Differences(FromTextProto<AttributeProto>("name: 'f' type: FLOAT f: 1e-3"), Attr("f = 1e-3")),
      "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>("name: 's' type: STRING s: 'a \"q\" b'"),
                        Attr(R"(s = "a \"q\" b")")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>("name: 'v' type: INTS ints: 1 ints: -2"),
                        Attr("v = [1, -2]")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(
                            "name: 'v' type: FLOATS floats: 1 floats: 2.5 floats: -0.0"),
                        Attr("v = [1, 2.5, -0]")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>("name: 'v' type: FLOATS floats: 1 floats: 2"),
                        Attr("v: floats = [1, 2]")),
            "");
  EXPECT_EQ(
      Differences(FromTextProto<AttributeProto>("name: 'v' type: STRINGS strings: 'a' strings: ''"),
                  Attr(R"(v = ["a", ""])")),
      "");
  EXPECT_EQ(
      Differences(FromTextProto<AttributeProto>("name: 'v' type: INTS"), Attr("v: ints = []")), "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>("name: 'v' type: TYPE_PROTOS"),
                        Attr("v: type_protos = []")),
            "");
}

TEST(ParseAttribute, SpecialFloats) {
  EXPECT_EQ(Attr("f = inf").f(), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Attr("f = -inf").f(), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(Attr("f = Infinity").f(), std::numeric_limits<float>::infinity());
  EXPECT_EQ(Attr("f = -Infinity").f(), -std::numeric_limits<float>::infinity());
  EXPECT_TRUE(std::isnan(Attr("f = nan").f()));
  EXPECT_TRUE(std::isnan(Attr("f = NaN").f()));
  EXPECT_TRUE(std::signbit(Attr("f = -nan").f()));
  EXPECT_EQ(Attr("f = inf").type(), AttributeProto::FLOAT);
  EXPECT_TRUE(std::signbit(Attr("f: float = -0").f()));
  // Too small to hold: rounds to zero with its sign.
  EXPECT_EQ(Attr("f = 1e-60").f(), 0.0f);
  EXPECT_TRUE(std::signbit(Attr("f = -1e-60").f()));
  EXPECT_EQ(Attr("f = 1.4e-45").f(), std::numeric_limits<float>::denorm_min());
}

TEST(ParseAttribute, TensorsGraphsTypesAndReferences) {
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "t"
                          type: TENSOR
                          t { data_type: 1 dims: 2 float_data: 1 float_data: 2 }
                        )pb"),
                        Attr("t = float[2] {1.0, 2.0}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "t"
                          type: TENSOR
                          t { name: "w" data_type: 7 int64_data: 5 }
                        )pb"),
                        Attr("t = int64 w = {5}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "tp"
                          type: TYPE_PROTO
                          tp { sequence_type { elem_type { tensor_type { elem_type: 1 } } } }
                        )pb"),
                        Attr("tp = seq(float[])")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "body"
                          type: GRAPH
                          g {
                            name: "b"
                            output { name: "y" }
                            node { input: "x" output: "y" op_type: "Neg" domain: "" }
                          }
                        )pb"),
                        Attr("body = b () => (y) { y = Neg(x) }")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "gs"
                          type: GRAPHS
                          graphs { name: "a" }
                          graphs { name: "" }
                        )pb"),
                        Attr(R"(gs = [a () => () {}, "" () => () {}])")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "ts"
                          type: TENSORS
                          tensors { data_type: 6 dims: 1 int32_data: 7 }
                          tensors { data_type: 9 int32_data: 1 }
                        )pb"),
                        Attr("ts = [int32[1] {7}, bool {1}]")),
            "");
  EXPECT_EQ(
      Differences(FromTextProto<AttributeProto>(R"pb(
                    name: "axis" type: INT ref_attr_name: "axis"
                  )pb"),
                  Attr("axis: int = @axis")),
      "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "axis" ref_attr_name: "a"
                        )pb"),
                        Attr("axis = @a")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "sp"
                          type: SPARSE_TENSOR
                          sparse_tensor {
                            values { data_type: 1 dims: 2 float_data: 1 float_data: 2 }
                            indices { data_type: 7 dims: 2 int64_data: 0 int64_data: 3 }
                            dims: 4
                          }
                        )pb"),
                        Attr("sp = sparse_tensor(float[2] {1.0, 2.0}, int64[2] {0, 3}, [4])")),
            "");
  EXPECT_EQ(Differences(FromTextProto<AttributeProto>(R"pb(
                          name: "sp"
                          type: TYPE_PROTO
                          tp {
                            sparse_tensor_type {
                              elem_type: 1
                              shape { dim { dim_value: 4 } }
                            }
                          }
                        )pb"),
                        Attr("sp = sparse_tensor(float[4])")),
            "");
}

TypeProto Type(const char* text) {
  absl::StatusOr<TypeProto> type = ParseType(text);
  EXPECT_TRUE(type.ok()) << text << ": " << type.status();
  return type.ok() ? *type : TypeProto();
}

TEST(ParseType, TensorShapes) {
  // No brackets: a scalar (an empty shape). Empty brackets: unknown rank.
  EXPECT_EQ(
      Differences(FromTextProto<TypeProto>("tensor_type { elem_type: 1 shape {} }"), Type("float")),
      "");
  EXPECT_EQ(Differences(FromTextProto<TypeProto>("tensor_type { elem_type: 1 }"), Type("float[]")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TypeProto>(R"pb(
                          tensor_type {
                            elem_type: 16
                            shape {
                              dim { dim_value: 3 }
                              dim { dim_param: "batch" }
                              dim {}
                              dim { dim_param: "a b" }
                            }
                          }
                        )pb"),
                        Type(R"(bfloat16[3, batch, ?, "a b"])")),
            "");
}

TEST(ParseType, EveryElementType) {
  const std::pair<const char*, int> kTypes[] = {
      {"float", 1},         {"uint8", 2},           {"int8", 3},        {"uint16", 4},
      {"int16", 5},         {"int32", 6},           {"int64", 7},       {"string", 8},
      {"bool", 9},          {"float16", 10},        {"double", 11},     {"uint32", 12},
      {"uint64", 13},       {"complex64", 14},      {"complex128", 15}, {"bfloat16", 16},
      {"float8e4m3fn", 17}, {"float8e4m3fnuz", 18}, {"float8e5m2", 19}, {"float8e5m2fnuz", 20},
      {"uint4", 21},        {"int4", 22},           {"float4e2m1", 23}, {"float8e8m0", 24},
      {"uint2", 25},        {"int2", 26},
  };
  for (const auto& [name, value] : kTypes) {
    EXPECT_EQ(Type(name).tensor_type().elem_type(), value) << name;
  }
}

TEST(ParseType, CompositeTypes) {
  EXPECT_EQ(Differences(FromTextProto<TypeProto>(R"pb(
                          map_type {
                            key_type: 7
                            value_type {
                              optional_type {
                                elem_type {
                                  sequence_type {
                                    elem_type {
                                      tensor_type {
                                        elem_type: 8
                                        shape {}
                                      }
                                    }
                                  }
                                }
                              }
                            }
                          }
                        )pb"),
                        Type("map(int64, optional(seq(string)))")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TypeProto>(
                            "sparse_tensor_type { elem_type: 1 shape { dim { dim_param: 'N' } } }"),
                        Type("sparse_tensor(float[N])")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TypeProto>("opaque_type {}"), Type("opaque()")), "");
  EXPECT_EQ(Differences(FromTextProto<TypeProto>("opaque_type { name: 'test.rng.RNG' }"),
                        Type("opaque(test.rng.RNG)")),
            "");
  EXPECT_EQ(
      Differences(FromTextProto<TypeProto>("opaque_type { domain: 'com.example' name: 'Handle' }"),
                  Type("opaque(com.example, Handle)")),
      "");
}

TensorProto Tensor(const char* text) {
  absl::StatusOr<TensorProto> tensor = ParseTensor(text);
  EXPECT_TRUE(tensor.ok()) << text << ": " << tensor.status();
  return tensor.ok() ? *tensor : TensorProto();
}

TEST(ParseTensor, ValuesGoToTheTypedField) {
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "name: 'w' data_type: 1 dims: 2 dims: 1 float_data: 1 float_data: 2"),
                        Tensor("float[2, 1] w = {1, 2.0}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 11 double_data: 0.1"),
                        Tensor("double {0.1}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "data_type: 8 dims: 2 string_data: 'a' string_data: 'b,c'"),
                        Tensor(R"(string[2] {"a", "b,c"})")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "data_type: 13 dims: 1 uint64_data: 18446744073709551615"),
                        Tensor("uint64[1] {18446744073709551615}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 12 dims: 1 uint64_data: 4294967295"),
                        Tensor("uint32[1] {4294967295}")),
            "");
  EXPECT_EQ(Differences(
                FromTextProto<TensorProto>("data_type: 10 dims: 2 int32_data: 15360 int32_data: 0"),
                Tensor("float16[2] {15360, 0}")),
            "");
  EXPECT_EQ(
      Differences(FromTextProto<TensorProto>("data_type: 14 dims: 1 float_data: 1 float_data: -1"),
                  Tensor("complex64[1] {1.0, -1.0}")),
      "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 7 dims: 0"), Tensor("int64[0] {}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("name: '' data_type: 9 int32_data: 1"),
                        Tensor(R"(bool "" {1})")),
            "");
}

// int32_data keeps one byte of 4-bit or 2-bit values per entry, the first
// element in the low bits, negative ones in two's complement.
TEST(ParseTensor, SubByteValuesArePackedInInt32Data) {
  // 1 -> 0x1, -2 -> 0xe, 7 -> 0x7: entries 0xe1 and 0x07 (high bits zero).
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "data_type: 22 dims: 3 int32_data: 225 int32_data: 7"),
                        Tensor("int4[3] {1, -2, 7}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "data_type: 22 dims: 2 dims: 2 int32_data: 120 int32_data: 240"),
                        Tensor("int4[2, 2] {-8, 7, 0, -1}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 22 dims: 1 int32_data: 11"),
                        Tensor("int4[1] {-5}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 21 dims: 2 int32_data: 15"),
                        Tensor("uint4[2] {15, 0}")),
            "");
  // float4e2m1 values are bit patterns, as for the other narrow floats.
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "data_type: 23 dims: 4 int32_data: 16 int32_data: 246"),
                        Tensor("float4e2m1[4] {0, 1, 6, 15}")),
            "");
  // 1, -2, -1, 0 -> 0b00_11_10_01; -1 -> 0b11 alone in the second entry.
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(
                            "data_type: 26 dims: 5 int32_data: 57 int32_data: 3"),
                        Tensor("int2[5] {1, -2, -1, 0, -1}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 25 dims: 4 int32_data: 27"),
                        Tensor("uint2[4] {3, 2, 1, 0}")),
            "");
  EXPECT_EQ(Differences(FromTextProto<TensorProto>("data_type: 25 dims: 0"), Tensor("uint2[0] {}")),
            "");
  // The entries hold the same bytes as raw_data would.
  const TensorProto typed = Tensor("uint2[6] {1, 2, 3, 0, 3, 1}");
  const std::string raw = Tensor("uint2[6] = raw {1, 2, 3, 0, 3, 1}").raw_data();
  ASSERT_EQ(typed.int32_data_size(), 2);
  ASSERT_EQ(raw.size(), 2u);
  EXPECT_EQ(typed.int32_data(0), static_cast<unsigned char>(raw[0]));
  EXPECT_EQ(typed.int32_data(1), static_cast<unsigned char>(raw[1]));
}

TEST(ParseTensor, RawData) {
  TensorProto floats = Tensor("float[2] = raw {1.0, -2.0}");
  EXPECT_EQ(floats.raw_data(), std::string("\x00\x00\x80\x3f\x00\x00\x00\xc0", 8));
  EXPECT_EQ(floats.float_data_size(), 0);
  EXPECT_EQ(Tensor("int16[2] = raw {-1, 258}").raw_data(), std::string("\xff\xff\x02\x01", 4));
  // Sub-byte elements pack from the low bits; an odd count pads with zero.
  EXPECT_EQ(Tensor("int4[3] = raw {1, -1, 7}").raw_data(), std::string("\xf1\x07", 2));
  EXPECT_EQ(Tensor("uint2[5] = raw {1, 2, 3, 0, 3}").raw_data(), std::string("\x39\x03", 2));
  EXPECT_EQ(Tensor(R"(uint8[3] w = raw "00ff7A")").raw_data(), std::string("\x00\xff\x7a", 3));
  EXPECT_EQ(Tensor(R"(uint8[3] w = raw "00ff7A")").name(), "w");
  // A word after the type is the name, so `raw` with no '=' names the tensor.
  EXPECT_EQ(Tensor("float[1] raw {1.0}").name(), "raw");
  EXPECT_EQ(Tensor("float[1] raw {1.0}").float_data_size(), 1);
}

TEST(ParseTensor, ExternalData) {
  EXPECT_EQ(Differences(FromTextProto<TensorProto>(R"pb(
                          name: "w"
                          data_type: 1
                          dims: 4
                          data_location: EXTERNAL
                          external_data { key: "location" value: "weights.bin" }
                          external_data { key: "offset" value: "0" }
                        )pb"),
                        Tensor(R"(float[4] w = ["location": "weights.bin", "offset": "0"])")),
            "");
}

TEST(ParseFunction, AttributesValueInfosAndReferences) {
  absl::StatusOr<FunctionProto> function = ParseFunction(R"(
    <domain: "local", overload: "v1", doc_string: "doubles", opset_import: ["" : 18]>
    Scale <alpha, beta: float = 2.0, axis = 1> (float[N] X, Y) => (Z, int64 S)
      <float[N] T, U>
    {
        T = Mul(X, Y)
        Z = Softmax <axis: int = @axis> (T)
        S = Shape(Z)
    }
  )");
  ASSERT_TRUE(function.ok()) << function.status();
  FunctionProto expected = FromTextProto<FunctionProto>(R"pb(
    name: "Scale"
    domain: "local"
    overload: "v1"
    doc_string: "doubles"
    opset_import { domain: "" version: 18 }
    attribute: "alpha"
    attribute_proto { name: "beta" type: FLOAT f: 2 }
    attribute_proto { name: "axis" type: INT i: 1 }
    input: "X"
    input: "Y"
    output: "Z"
    output: "S"
    value_info {
      name: "X"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_param: "N" } }
        }
      }
    }
    value_info {
      name: "S"
      type {
        tensor_type {
          elem_type: 7
          shape {}
        }
      }
    }
    value_info {
      name: "T"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_param: "N" } }
        }
      }
    }
    value_info { name: "U" }
    node { input: "X" input: "Y" output: "T" op_type: "Mul" domain: "" }
    node {
      input: "T"
      output: "Z"
      op_type: "Softmax"
      domain: ""
      attribute { name: "axis" type: INT ref_attr_name: "axis" }
    }
    node { input: "Z" output: "S" op_type: "Shape" domain: "" }
  )pb");
  EXPECT_EQ(Differences(expected, *function), "");
}

TEST(ParseModel, ReadsTheTypedAttributeFormOnnxWrites) {
  absl::StatusOr<ModelProto> model = ParseModel(R"(<
   ir_version: 8,
   opset_import: ["" : 16]
>
test_if (bool cond) => (float[5] res) {
   res = If (cond) <else_branch: graph = else_body () => (float[5] else_out) {
      else_out = Constant <value: tensor = float[5] {5,4,3,2,1}> ()
   }, then_branch: graph = then_body () => (float[5] then_out) {
      then_out = Constant <value: tensor = float[2] const {1,2}, alpha: float = 2> ()
   }>
})");
  ASSERT_TRUE(model.ok()) << model.status();
  const NodeProto& node = model->graph().node(0);
  ASSERT_EQ(node.attribute_size(), 2);
  EXPECT_EQ(node.attribute(1).name(), "then_branch");
  EXPECT_EQ(node.attribute(1).type(), AttributeProto::GRAPH);
  EXPECT_EQ(Differences(FromTextProto<NodeProto>(R"pb(
                          output: "then_out"
                          op_type: "Constant"
                          domain: ""
                          attribute {
                            name: "value"
                            type: TENSOR
                            t { name: "const" data_type: 1 dims: 2 float_data: 1 float_data: 2 }
                          }
                          attribute { name: "alpha" type: FLOAT f: 2 }
                        )pb"),
                        node.attribute(1).g().node(0)),
            "");
}

TEST(ParseModel, CommentsAndNoHeader) {
  absl::StatusOr<ModelProto> model = ParseModel(R"(
    # A model with only a graph.
    g (float x) => (float y)   # scalar in and out
    {
        y = Identity(x)  # copy
    }
  )");
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_FALSE(model->has_ir_version());
  EXPECT_EQ(model->graph().node_size(), 1);
  EXPECT_EQ(model->functions_size(), 0);
}

}  // namespace
}  // namespace onnxforge
