// Printing then reading gives back an equal proto, for every construct the
// syntax holds and for float values that need every digit.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "gtest/gtest.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/printer.h"
#include "ir/syntax/tests/test_util.h"

namespace onnxforge {
namespace {

using testing::Differences;
using testing::FromTextProto;

// A model using every part of the syntax.
constexpr char kEveryFeature[] = R"pb(
  ir_version: 10
  opset_import { domain: "" version: 21 }
  opset_import { domain: "ai.onnx.ml" version: 5 }
  opset_import { domain: "local" version: 1 }
  producer_name: "producer \"quoted\" \\ back"
  producer_version: ""
  domain: "org.example"
  model_version: -1
  doc_string: "line one\nline two"
  metadata_props { key: "k" value: "v" }
  metadata_props { key: "" value: "" }
  graph {
    name: "main graph"
    input {
      name: "X"
      type {
        tensor_type {
          elem_type: 1
          shape {
            dim { dim_param: "N" }
            dim { dim_value: 0 }
            dim {}
            dim { dim_param: "" }
          }
        }
      }
    }
    input {
      name: "scalar"
      type {
        tensor_type {
          elem_type: 9
          shape {}
        }
      }
    }
    input {
      name: "unranked"
      type { tensor_type { elem_type: 16 } }
    }
    input {
      name: "s"
      type {
        sequence_type {
          elem_type {
            tensor_type {
              elem_type: 8
              shape { dim { dim_value: -1 } }
            }
          }
        }
      }
    }
    input {
      name: "m"
      type {
        map_type {
          key_type: 7
          value_type { optional_type { elem_type { tensor_type { elem_type: 11 } } } }
        }
      }
    }
    input {
      name: "sp"
      type {
        sparse_tensor_type {
          elem_type: 1
          shape {
            dim { dim_value: 3 }
            dim { dim_param: "K" }
          }
        }
      }
    }
    input {
      name: "sp_unranked"
      type { sparse_tensor_type { elem_type: 7 } }
    }
    input {
      name: "sp_scalar"
      type {
        sparse_tensor_type {
          elem_type: 7
          shape {}
        }
      }
    }
    input {
      name: "op0"
      type { opaque_type {} }
    }
    input {
      name: "op1"
      type { opaque_type { name: "Handle" } }
    }
    input {
      name: "op2"
      type { opaque_type { domain: "com.example" name: "Handle" } }
    }
    input {
      name: "op3"
      type { opaque_type { domain: "" name: "a.b" } }
    }
    input { name: "no_type" }
    input {
      name: "float"
      type {
        tensor_type {
          elem_type: 1
          shape {}
        }
      }
    }
    input { name: "inf" }
    input { name: "" }
    output {
      name: "Y"
      type {
        tensor_type {
          elem_type: 1
          shape { dim { dim_param: "N" } }
        }
      }
    }
    output { name: "with space" }
    initializer { name: "w_float" data_type: 1 dims: 2 float_data: 0.1 float_data: -0.0 }
    initializer { name: "w_raw" data_type: 1 dims: 2 raw_data: "\000\000\200?\001\000\300\177" }
    initializer { name: "w_scalar" data_type: 7 int64_data: 5 }
    initializer { name: "" data_type: 6 dims: 0 }
    initializer {
      name: "w_ext"
      data_type: 1
      dims: 10
      data_location: EXTERNAL
      external_data { key: "location" value: "w.bin" }
      external_data { key: "offset" value: "64" }
    }
    initializer { name: "X" data_type: 1 dims: 1 dims: 0 }
    value_info {
      name: "T"
      type { tensor_type { elem_type: 1 } }
    }
    value_info { name: "U" }
    node { input: "X" output: "T" op_type: "Relu" domain: "" }
    node {
      name: "fancy"
      input: ""
      input: "X"
      input: ""
      input: "T"
      input: ""
      output: "A"
      output: ""
      output: "B"
      op_type: "TreeEnsemble"
      domain: "ai.onnx.ml"
      overload: "o1"
    }
    node { name: "" output: "C" op_type: "Op" domain: "com.my-company" }
    node { input: "float" op_type: "Sink" domain: "local" }
    node { input: "a" output: "b" op_type: "Op-1" domain: "" overload: "" }
    node {
      input: "T"
      output: "Y"
      op_type: "Everything"
      domain: ""
      attribute { name: "i" type: INT i: -9223372036854775808 }
      attribute { name: "f" type: FLOAT f: 0.1 }
      attribute { name: "f_whole" type: FLOAT f: 3 }
      attribute { name: "f_inf" type: FLOAT f: -inf }
      attribute { name: "f_nan" type: FLOAT f: nan }
      attribute { name: "s" type: STRING s: "tab\there \"q\" \\ \n end" }
      attribute { name: "s_empty" type: STRING s: "" }
      attribute {
        name: "t"
        type: TENSOR
        t { data_type: 11 dims: 1 double_data: 0.1 }
      }
      attribute {
        name: "t_named"
        type: TENSOR
        t { name: "nm" data_type: 8 dims: 2 string_data: "a" string_data: "" }
      }
      attribute {
        name: "t_raw"
        type: TENSOR
        t { name: "raw" data_type: 2 dims: 3 raw_data: "\001\002\003" }
      }
      attribute {
        name: "t_empty_name"
        type: TENSOR
        t { name: "" data_type: 9 int32_data: 1 }
      }
      attribute {
        name: "g"
        type: GRAPH
        g {
          name: "inf"
          input {
            name: "gx"
            type {
              tensor_type {
                elem_type: 1
                shape {}
              }
            }
          }
          output { name: "gy" }
          initializer { name: "gw" data_type: 1 float_data: 2 }
          value_info {
            name: "gv"
            type { tensor_type { elem_type: 1 } }
          }
          node {
            input: "gx"
            output: "gy"
            op_type: "Loop"
            domain: ""
            attribute {
              name: "body"
              type: GRAPH
              g {
                name: ""
                node { output: "z" op_type: "Zero" domain: "" }
              }
            }
          }
        }
      }
      attribute {
        name: "sp"
        type: SPARSE_TENSOR
        sparse_tensor {
          values { data_type: 1 dims: 2 float_data: 1 float_data: 2 }
          indices { data_type: 7 dims: 2 dims: 1 int64_data: 0 int64_data: 5 }
          dims: 2
          dims: 3
        }
      }
      attribute {
        name: "tp"
        type: TYPE_PROTO
        tp { sequence_type { elem_type { tensor_type { elem_type: 1 } } } }
      }
      attribute {
        name: "tp_tensor"
        type: TYPE_PROTO
        tp {
          tensor_type {
            elem_type: 1
            shape { dim { dim_value: 2 } }
          }
        }
      }
      attribute { name: "ints" type: INTS ints: 1 ints: -2 ints: 9223372036854775807 }
      attribute { name: "floats" type: FLOATS floats: 1 floats: 0.5 floats: inf floats: -0.0 }
      attribute { name: "strings" type: STRINGS strings: "x" strings: "" }
      attribute {
        name: "tensors"
        type: TENSORS
        tensors { data_type: 7 int64_data: 1 }
        tensors { data_type: 1 dims: 1 raw_data: "\000\000\000\000" }
      }
      attribute {
        name: "graphs"
        type: GRAPHS
        graphs { name: "g1" }
        graphs {
          name: "g2"
          output { name: "o" }
        }
      }
      attribute {
        name: "sparse_list"
        type: SPARSE_TENSORS
        sparse_tensors {
          values { data_type: 7 dims: 1 int64_data: 4 }
          indices { data_type: 7 dims: 1 int64_data: 0 }
          dims: 1
        }
      }
      attribute {
        name: "tps"
        type: TYPE_PROTOS
        type_protos {
          tensor_type {
            elem_type: 1
            shape {}
          }
        }
        type_protos { opaque_type {} }
      }
      attribute { name: "e_ints" type: INTS }
      attribute { name: "e_floats" type: FLOATS }
      attribute { name: "e_strings" type: STRINGS }
      attribute { name: "e_tensors" type: TENSORS }
      attribute { name: "e_graphs" type: GRAPHS }
      attribute { name: "e_sparse" type: SPARSE_TENSORS }
      attribute { name: "e_tps" type: TYPE_PROTOS }
      attribute { name: "with space" type: INT i: 0 }
    }
  }
  functions {
    name: "Square"
    domain: "local"
    overload: "v2"
    doc_string: "squares"
    opset_import { domain: "" version: 18 }
    metadata_props { key: "a" value: "b" }
    attribute: "unused"
    attribute: "float"
    attribute_proto { name: "alpha" type: FLOAT f: 1 }
    attribute_proto { name: "axes" type: INTS }
    input: "A"
    input: "B"
    output: "C"
    value_info {
      name: "A"
      type { tensor_type { elem_type: 1 } }
    }
    value_info {
      name: "C"
      type { tensor_type { elem_type: 1 } }
    }
    value_info {
      name: "B"
      type { tensor_type { elem_type: 1 } }
    }
    value_info { name: "T" }
    node {
      input: "A"
      input: "A"
      output: "C"
      op_type: "Mul"
      domain: ""
      attribute { name: "alpha" type: FLOAT ref_attr_name: "alpha" }
      attribute { name: "axis" ref_attr_name: "axes" }
    }
  }
  functions {
    name: "NoHeader"
    input: "x"
    output: "y"
    node { input: "x" output: "y" op_type: "Identity" domain: "" }
  }
)pb";

template <typename T, typename Print, typename Parse>
void ExpectRoundTrip(const T& proto, Print print, Parse parse) {
  const std::string text = print(proto);
  absl::StatusOr<T> parsed = parse(text);
  ASSERT_TRUE(parsed.ok()) << parsed.status() << "\n" << text;
  EXPECT_EQ(Differences(proto, *parsed), "") << text;
  EXPECT_EQ(print(*parsed), text);
}

TEST(RoundTrip, ModelWithEveryFeature) {
  ModelProto model = FromTextProto<ModelProto>(kEveryFeature);
  ExpectRoundTrip(model, PrintModel, ParseModel);
}

TEST(RoundTrip, GraphFunctionNodeOnTheirOwn) {
  ModelProto model = FromTextProto<ModelProto>(kEveryFeature);
  ExpectRoundTrip(model.graph(), PrintGraph, ParseGraph);
  for (const FunctionProto& f : model.functions()) ExpectRoundTrip(f, PrintFunction, ParseFunction);
  for (const NodeProto& n : model.graph().node()) ExpectRoundTrip(n, PrintNode, ParseNode);
  for (const AttributeProto& a : model.graph().node(5).attribute()) {
    ExpectRoundTrip(a, PrintAttribute, ParseAttribute);
  }
  for (const ValueInfoProto& v : model.graph().input()) {
    if (v.has_type()) ExpectRoundTrip(v.type(), PrintType, ParseType);
  }
  for (const TensorProto& t : model.graph().initializer()) {
    ExpectRoundTrip(t, PrintTensor, ParseTensor);
  }
}

std::vector<float> HardFloats() {
  using L = std::numeric_limits<float>;
  return {0.1f,
          1.0f / 3.0f,
          L::max(),
          L::lowest(),
          L::min(),
          L::denorm_min(),
          -L::denorm_min(),
          -0.0f,
          0.0f,
          L::infinity(),
          -L::infinity(),
          L::quiet_NaN(),
          -L::quiet_NaN(),
          1e10f,
          123456789.0f,
          16777217.0f,
          2.5e-38f,
          3.14159274f,
          1e-7f,
          65504.0f};
}

std::vector<double> HardDoubles() {
  using L = std::numeric_limits<double>;
  return {0.1,
          1.0 / 3.0,
          L::max(),
          L::lowest(),
          L::min(),
          L::denorm_min(),
          -0.0,
          L::infinity(),
          -L::infinity(),
          L::quiet_NaN(),
          1e300,
          9007199254740993.0,
          2.2250738585072014e-308,
          4.9406564584124654e-324,
          0.30000000000000004};
}

TEST(RoundTrip, FloatsKeepEveryBit) {
  TensorProto floats;
  floats.set_data_type(TensorProto::FLOAT);
  AttributeProto float_list;
  float_list.set_name("fs");
  float_list.set_type(AttributeProto::FLOATS);
  for (float f : HardFloats()) {
    floats.add_float_data(f);
    float_list.add_floats(f);
    AttributeProto single;
    single.set_name("f");
    single.set_type(AttributeProto::FLOAT);
    single.set_f(f);
    absl::StatusOr<AttributeProto> parsed = ParseAttribute(PrintAttribute(single));
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    uint32_t want, got;
    std::memcpy(&want, &f, 4);
    float back = parsed->f();
    std::memcpy(&got, &back, 4);
    EXPECT_EQ(got, want) << PrintAttribute(single);
  }
  floats.add_dims(floats.float_data_size());
  ExpectRoundTrip(floats, PrintTensor, ParseTensor);
  ExpectRoundTrip(float_list, PrintAttribute, ParseAttribute);

  TensorProto doubles;
  doubles.set_data_type(TensorProto::DOUBLE);
  for (double d : HardDoubles()) doubles.add_double_data(d);
  doubles.add_dims(doubles.double_data_size());
  ExpectRoundTrip(doubles, PrintTensor, ParseTensor);
  // Bit-exact for the non-NaN values.
  absl::StatusOr<TensorProto> back = ParseTensor(PrintTensor(doubles));
  ASSERT_TRUE(back.ok());
  for (int i = 0; i < doubles.double_data_size(); ++i) {
    if (std::isnan(doubles.double_data(i))) continue;
    double want = doubles.double_data(i), got = back->double_data(i);
    EXPECT_EQ(std::memcmp(&want, &got, 8), 0) << i;
  }
}

// Every element type, typed values and raw bytes.
TEST(RoundTrip, EveryElementType) {
  std::mt19937 random(7);
  for (int type = 1; type <= 26; ++type) {
    SCOPED_TRACE(type);
    TensorProto typed;
    typed.set_data_type(type);
    typed.set_name("t");
    typed.add_dims(2);
    switch (type) {
      case TensorProto::FLOAT:
      case TensorProto::COMPLEX64:
        typed.add_float_data(0.1f);
        typed.add_float_data(-2.0f);
        break;
      case TensorProto::DOUBLE:
      case TensorProto::COMPLEX128:
        typed.add_double_data(0.1);
        typed.add_double_data(-2.0);
        break;
      case TensorProto::INT64:
        typed.add_int64_data(std::numeric_limits<int64_t>::min());
        typed.add_int64_data(std::numeric_limits<int64_t>::max());
        break;
      case TensorProto::UINT32:
      case TensorProto::UINT64:
        typed.add_uint64_data(0);
        typed.add_uint64_data(std::numeric_limits<uint64_t>::max());
        break;
      case TensorProto::STRING:
        typed.add_string_data("with \"quotes\" and \\");
        typed.add_string_data(std::string("\0\xff\n", 3));
        break;
      case TensorProto::UINT4:
      case TensorProto::INT4:
      case TensorProto::FLOAT4E2M1:
      case TensorProto::UINT2:
      case TensorProto::INT2:
        typed.add_int32_data(0x9c);  // one packed byte
        break;
      default:
        typed.add_int32_data(std::numeric_limits<int32_t>::min());
        typed.add_int32_data(std::numeric_limits<int32_t>::max());
        break;
    }
    ExpectRoundTrip(typed, PrintTensor, ParseTensor);
    if (type == TensorProto::STRING) continue;

    // Raw bytes of many lengths and values, NaN payloads included: either
    // listed as values or written in hex, they come back byte for byte.
    for (int trial = 0; trial < 50; ++trial) {
      TensorProto raw;
      raw.set_data_type(type);
      raw.add_dims(trial % 5);
      std::string bytes(trial % 17, '\0');
      for (char& c : bytes) c = static_cast<char>(random() & 0xff);
      raw.set_raw_data(bytes);
      ExpectRoundTrip(raw, PrintTensor, ParseTensor);
    }
  }
}

// Packed 4-bit and 2-bit values in int32_data, one byte per entry: odd
// counts, padding bits set or not, more or fewer entries than the dims call
// for, all come back entry for entry.
TEST(RoundTrip, SubByteInt32Data) {
  struct Packed {
    TensorProto::DataType type;
    int per_entry;
  };
  const Packed kinds[] = {{TensorProto::INT4, 2},
                          {TensorProto::UINT4, 2},
                          {TensorProto::FLOAT4E2M1, 2},
                          {TensorProto::INT2, 4},
                          {TensorProto::UINT2, 4}};
  std::mt19937 random(11);
  for (const Packed& kind : kinds) {
    SCOPED_TRACE(kind.type);
    for (int trial = 0; trial < 60; ++trial) {
      const int count = trial % 10;
      TensorProto tensor;
      tensor.set_data_type(kind.type);
      tensor.add_dims(count);
      int entries = (count + kind.per_entry - 1) / kind.per_entry;
      if (trial % 3 == 2) entries = trial % 4;  // any number of entries
      const int used_bits = (count % kind.per_entry) * (8 / kind.per_entry);
      for (int i = 0; i < entries; ++i) {
        int byte = static_cast<int>(random() & 0xff);
        // Half the time, clear the last entry's padding as a writer should.
        if (trial % 2 == 0 && i == entries - 1 && used_bits > 0) byte &= (1 << used_bits) - 1;
        tensor.add_int32_data(byte);
      }
      ExpectRoundTrip(tensor, PrintTensor, ParseTensor);
    }
  }
}

// Text with one value per element prints back as written.
TEST(RoundTrip, SubByteText) {
  for (const char* text : {"int4[3] {1, -2, 7}", "int4[2, 2] {-8, 7, 0, -1}", "uint4[1] {15}",
                           "float4e2m1[5] {0, 1, 6, 15, 9}", "int2[5] {1, -2, -1, 0, -1}",
                           "uint2[7] {3, 2, 1, 0, 1, 2, 3}", "int2[0] {}"}) {
    absl::StatusOr<TensorProto> tensor = ParseTensor(text);
    ASSERT_TRUE(tensor.ok()) << text << ": " << tensor.status();
    EXPECT_EQ(PrintTensor(*tensor), text);
  }
}

}  // namespace
}  // namespace onnxforge
