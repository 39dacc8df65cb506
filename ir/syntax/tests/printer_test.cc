// Writing the textual syntax: exact text for each construct.
#include "ir/syntax/printer.h"

#include <cmath>
#include <limits>

#include "gtest/gtest.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/tests/test_util.h"

namespace onnxforge {
namespace {

using testing::FromTextProto;

TEST(PrintModel, LooksLikeTheSyntaxDocument) {
  ModelProto model = FromTextProto<ModelProto>(R"pb(
    ir_version: 8
    opset_import { domain: "" version: 18 }
    opset_import { domain: "local" version: 1 }
    producer_name: "maker"
    graph {
      name: "agraph"
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
      output {
        name: "C"
        type {
          tensor_type {
            elem_type: 1
            shape {
              dim { dim_param: "N" }
              dim { dim_value: 10 }
            }
          }
        }
      }
      initializer { name: "W" data_type: 1 dims: 2 float_data: 0.5 float_data: 1 }
      value_info {
        name: "T"
        type { tensor_type { elem_type: 1 } }
      }
      node { input: "X" input: "W" output: "T" op_type: "MatMul" domain: "" }
      node {
        input: "T"
        output: "C"
        op_type: "Softmax"
        domain: ""
        attribute { name: "axis" type: INT i: 1 }
      }
      node { input: "C" output: "D" op_type: "Twice" domain: "local" }
    }
    functions {
      name: "Twice"
      domain: "local"
      opset_import { domain: "" version: 18 }
      attribute: "unused"
      input: "A"
      output: "B"
      node { input: "A" input: "A" output: "B" op_type: "Add" domain: "" }
    }
  )pb");
  EXPECT_EQ(PrintModel(model),
            R"(<
  ir_version: 8,
  opset_import: ["" : 18, "local" : 1],
  producer_name: "maker"
>
agraph (float[N, 128] X) => (float[N, 10] C)
  <float[2] W = {0.5, 1.0}, float[] T>
{
    T = MatMul(X, W)
    C = Softmax <axis = 1> (T)
    D = local.Twice(C)
}

<
  domain: "local",
  opset_import: ["" : 18]
>
Twice <unused> (A) => (B)
{
    B = Add(A, A)
})");
}

TEST(PrintModel, ReadingAndWritingTheCanonicalFormIsIdentity) {
  const std::string text = R"(<
  ir_version: 7,
  opset_import: ["" : 10]
>
agraph (float[N, 128] X, float[128, 10] W, float[10] B) => (float[N, 10] C)
{
    T = MatMul(X, W)
    S = Add(T, B)
    C = Softmax(S)
})";
  absl::StatusOr<ModelProto> model = ParseModel(text);
  ASSERT_TRUE(model.ok()) << model.status();
  EXPECT_EQ(PrintModel(*model), text);
}

TEST(PrintNode, SubgraphsGoAfterTheInputs) {
  NodeProto node = FromTextProto<NodeProto>(R"pb(
    input: "cond"
    output: "y"
    op_type: "If"
    domain: ""
    attribute {
      name: "then_branch"
      type: GRAPH
      g {
        name: "then_body"
        output {
          name: "a"
          type {
            tensor_type {
              elem_type: 1
              shape {}
            }
          }
        }
        node {
          output: "a"
          op_type: "Constant"
          domain: ""
          attribute {
            name: "value"
            type: TENSOR
            t { data_type: 1 float_data: 1 }
          }
        }
      }
    }
    attribute {
      name: "else_branch"
      type: GRAPH
      g {
        name: "else_body"
        output { name: "a" }
        initializer { name: "k" data_type: 7 int64_data: 2 }
        node { input: "k" output: "a" op_type: "Identity" }
      }
    }
  )pb");
  EXPECT_EQ(PrintNode(node), R"(y = If(cond) <then_branch = then_body () => (float a) {
    a = Constant <value = float {1.0}> ()
}, else_branch = else_body () => (a) <int64 k = {2}> {
    a = Identity(k)
}>)");
}

TEST(PrintNode, NamesThatNeedQuotes) {
  NodeProto node = FromTextProto<NodeProto>(R"pb(
    name: ""
    output: "float"
    output: ""
    output: "a-b"
    domain: "ai.onnx.ml"
    op_type: "Op"
    overload: "v2"
    input: ""
    input: "x"
    input: ""
    attribute {
      name: "g"
      type: GRAPH
      g { name: "inf" }
    }
  )pb");
  EXPECT_EQ(PrintNode(node),
            R"([""] "float", "", "a-b" = ai.onnx.ml.Op:v2(, x, "") <g = "inf" () => () {
}>)");
  NodeProto odd_domain =
      FromTextProto<NodeProto>(R"pb(
        output: "y" domain: "my-domain.x" op_type: "Op 1"
      )pb");
  EXPECT_EQ(PrintNode(odd_domain), R"(y = "my-domain.x"."Op 1"())");
}

TEST(PrintAttribute, EveryKind) {
  auto print = [](const char* text_proto) {
    return PrintAttribute(FromTextProto<AttributeProto>(text_proto));
  };
  EXPECT_EQ(print("name: 'a' type: INT i: -3"), "a = -3");
  EXPECT_EQ(print("name: 'a' type: FLOAT f: 2"), "a = 2.0");
  EXPECT_EQ(print("name: 'a' type: FLOAT f: 0.1"), "a = 0.1");
  EXPECT_EQ(print("name: 'a' type: FLOAT f: 1e10"), "a = 1e+10");
  EXPECT_EQ(print("name: 'a' type: FLOAT f: -inf"), "a = -inf");
  EXPECT_EQ(print("name: 'a' type: FLOAT f: nan"), "a = nan");
  EXPECT_EQ(print("name: 'a' type: STRING s: 'x\"y'"), R"(a = "x\"y")");
  EXPECT_EQ(print("name: 'a' type: INTS ints: 1 ints: 2"), "a = [1, 2]");
  EXPECT_EQ(print("name: 'a' type: FLOATS floats: 1 floats: 0.25"), "a = [1.0, 0.25]");
  EXPECT_EQ(print("name: 'a' type: STRINGS strings: 'p' strings: ''"), R"(a = ["p", ""])");
  EXPECT_EQ(print("name: 'a' type: FLOATS"), "a: floats = []");
  EXPECT_EQ(print("name: 'a' type: GRAPHS"), "a: graphs = []");
  EXPECT_EQ(print("name: 'a' type: TYPE_PROTO tp { tensor_type { elem_type: 7 } }"), "a = int64[]");
  EXPECT_EQ(
      print("name: 'a' type: TYPE_PROTOS type_protos { tensor_type { elem_type: 7 shape {} } } "
            "type_protos { sequence_type { elem_type { tensor_type { elem_type: 1 } } } }"),
      "a = [int64, seq(float[])]");
  EXPECT_EQ(print("name: 'a' type: TENSOR t { name: 'w' data_type: 6 dims: 2 int32_data: 1 "
                  "int32_data: 2 }"),
            "a = int32[2] w {1, 2}");
  EXPECT_EQ(print("name: 'a' type: TENSORS tensors { data_type: 8 string_data: 's' }"),
            R"(a = [string {"s"}])");
  EXPECT_EQ(print("name: 'a' type: SPARSE_TENSOR sparse_tensor { values { data_type: 1 dims: 1 "
                  "float_data: 5 } indices { data_type: 7 dims: 1 int64_data: 2 } dims: 3 }"),
            "a = sparse_tensor(float[1] {5.0}, int64[1] {2}, [3])");
  EXPECT_EQ(print("name: 'a' type: INT ref_attr_name: 'b'"), "a: int = @b");
  EXPECT_EQ(print("name: 'a' ref_attr_name: 'b'"), "a = @b");
}

TEST(PrintType, EveryKind) {
  auto print = [](const char* text_proto) {
    return PrintType(FromTextProto<TypeProto>(text_proto));
  };
  EXPECT_EQ(print("tensor_type { elem_type: 1 shape {} }"), "float");
  EXPECT_EQ(print("tensor_type { elem_type: 1 }"), "float[]");
  EXPECT_EQ(print("tensor_type { elem_type: 24 shape { dim { dim_value: 2 } dim {} "
                  "dim { dim_param: 'N' } dim { dim_param: 'n+1' } } }"),
            R"(float8e8m0[2, ?, N, "n+1"])");
  EXPECT_EQ(print("sequence_type { elem_type { map_type { key_type: 8 value_type { "
                  "optional_type { elem_type { tensor_type { elem_type: 26 } } } } } } }"),
            "seq(map(string, optional(int2[])))");
  EXPECT_EQ(print("sparse_tensor_type { elem_type: 11 shape { dim { dim_value: 4 } } }"),
            "sparse_tensor(double[4])");
  EXPECT_EQ(print("opaque_type {}"), "opaque()");
  EXPECT_EQ(print("opaque_type { name: 'Handle' }"), "opaque(Handle)");
  EXPECT_EQ(print("opaque_type { domain: 'com.x' name: 'H' }"), "opaque(com.x, H)");
}

TEST(PrintTensor, TypedRawAndExternal) {
  auto print = [](const char* text_proto) {
    return PrintTensor(FromTextProto<TensorProto>(text_proto));
  };
  EXPECT_EQ(print("data_type: 1 dims: 3 float_data: 0.1 float_data: -0.0 float_data: 3.4028235e38"),
            "float[3] {0.1, -0.0, 3.4028235e+38}");
  EXPECT_EQ(print("data_type: 11 double_data: 0.1"), "double {0.1}");
  EXPECT_EQ(print("name: 'b' data_type: 9 dims: 2 int32_data: 1 int32_data: 0"),
            "bool[2] b {1, 0}");
  EXPECT_EQ(print("name: '' data_type: 7 dims: 0"), R"(int64[0] "" {})");
  EXPECT_EQ(print("data_type: 1 dims: 2 raw_data: '\\000\\000\\200?\\000\\000\\000\\300'"),
            "float[2] = raw {1.0, -2.0}");
  EXPECT_EQ(print("data_type: 22 dims: 3 raw_data: '\\361\\007'"), "int4[3] = raw {1, -1, 7}");
  // A set padding bit: every slot is listed so the bytes come back as is.
  EXPECT_EQ(print("data_type: 22 dims: 3 raw_data: '\\361\\027'"), "int4[3] = raw {1, -1, 7, 1}");
  // Bytes that are no whole number of elements, or a NaN payload: hex.
  EXPECT_EQ(print("data_type: 1 dims: 1 raw_data: '\\001\\002\\003'"),
            R"(float[1] = raw "010203")");
  EXPECT_EQ(print("data_type: 1 dims: 1 raw_data: '\\001\\000\\300\\177'"),
            R"(float[1] = raw "0100c07f")");
  EXPECT_EQ(print("name: 'w' data_type: 1 dims: 4 data_location: EXTERNAL "
                  "external_data { key: 'location' value: 'w.bin' }"),
            R"(float[4] w = ["location": "w.bin"])");
}

// int32_data packs a byte of 4-bit or 2-bit values per entry; the text has
// one value per element.
TEST(PrintTensor, SubByteValuesOnePerElement) {
  auto print = [](const char* text_proto) {
    return PrintTensor(FromTextProto<TensorProto>(text_proto));
  };
  EXPECT_EQ(print("data_type: 22 dims: 3 int32_data: 225 int32_data: 7"), "int4[3] {1, -2, 7}");
  EXPECT_EQ(print("data_type: 22 dims: 2 dims: 2 int32_data: 120 int32_data: 240"),
            "int4[2, 2] {-8, 7, 0, -1}");
  EXPECT_EQ(print("data_type: 21 dims: 2 int32_data: 15"), "uint4[2] {15, 0}");
  EXPECT_EQ(print("data_type: 23 dims: 4 int32_data: 16 int32_data: 246"),
            "float4e2m1[4] {0, 1, 6, 15}");
  EXPECT_EQ(print("data_type: 26 dims: 5 int32_data: 57 int32_data: 3"),
            "int2[5] {1, -2, -1, 0, -1}");
  EXPECT_EQ(print("data_type: 25 dims: 4 int32_data: 27"), "uint2[4] {3, 2, 1, 0}");
  EXPECT_EQ(print("data_type: 25 dims: 0"), "uint2[0] {}");
  // A set padding bit, or entries the dims do not call for: every slot is
  // listed so the entries come back as they are.
  EXPECT_EQ(print("data_type: 22 dims: 3 int32_data: 225 int32_data: 23"),
            "int4[3] {1, -2, 7, 1}");
  EXPECT_EQ(print("data_type: 22 dims: 1 int32_data: 1 int32_data: 2"), "int4[1] {1, 0, 2, 0}");
  EXPECT_EQ(print("data_type: 25 dims: 1 int32_data: 1 int32_data: 2"),
            "uint2[1] {1, 0, 0, 0, 2, 0, 0, 0}");
  // Bits above an entry's low byte are not part of the format: -5 is
  // 0x...fffb, whose low byte holds -5 and -1.
  EXPECT_EQ(print("data_type: 22 dims: 1 int32_data: -5"), "int4[1] {-5, -1}");
}

TEST(PrintFunction, TypedValuesAndDefaults) {
  FunctionProto function = FromTextProto<FunctionProto>(R"pb(
    name: "F"
    domain: "local"
    overload: "o"
    doc_string: "d"
    metadata_props { key: "k" value: "v" }
    attribute: "a"
    attribute_proto { name: "b" type: FLOAT f: 0.5 }
    input: "X"
    input: "Y"
    output: "Z"
    value_info {
      name: "X"
      type {
        tensor_type {
          elem_type: 1
          shape {}
        }
      }
    }
    value_info {
      name: "Z"
      type {
        tensor_type {
          elem_type: 1
          shape {}
        }
      }
    }
    value_info {
      name: "T"
      type { tensor_type { elem_type: 7 } }
    }
    node { input: "X" input: "Y" output: "Z" op_type: "Add" domain: "" }
  )pb");
  EXPECT_EQ(PrintFunction(function), R"(<
  domain: "local",
  overload: "o",
  doc_string: "d",
  metadata_props: ["k": "v"]
>
F <a, b = 0.5> (float X, Y) => (float Z)
  <int64[] T>
{
    Z = Add(X, Y)
})");
}

TEST(PrintGraph, NoHeaderNoValues) {
  GraphProto graph = FromTextProto<GraphProto>(R"pb(name: "g"
                                                    output { name: "y" })pb");
  EXPECT_EQ(PrintGraph(graph), "g () => (y)\n{\n}");
}

}  // namespace
}  // namespace onnxforge
