#include "onnx_defs/checker.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/syntax/parser.h"
#include "ir/tensor_util.h"

namespace onnxforge {
namespace {

using ::testing::EndsWith;
using ::testing::StartsWith;

ModelProto Parse(const std::string& text) {
  absl::StatusOr<ModelProto> model = ParseModel(text);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *model : ModelProto();
}

std::string Check(const ModelProto& model, const CheckerOptions& options = {}) {
  absl::Status status = CheckModel(model, options);
  return status.ok() ? "OK" : std::string(status.message());
}

std::string Check(const std::string& text, const CheckerOptions& options = {}) {
  return Check(Parse(text), options);
}

constexpr char kHeader13[] = R"(<ir_version: 8, opset_import: ["" : 13]>)";

std::string Model13(const std::string& graph) { return std::string(kHeader13) + "\n" + graph; }

// ---- Model: IR version and opset imports ----

TEST(CheckModelTest, AcceptsAWellFormedModel) {
  EXPECT_EQ(Check(Model13("g (float[2] X, float[2] Y) => (float[2] Z) { Z = Add (X, Y) }")), "OK");
}

TEST(CheckModelTest, RequiresIrVersion) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.clear_ir_version();
  EXPECT_EQ(Check(model), "model has no ir_version");
}

TEST(CheckModelTest, RejectsFutureIrVersion) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.set_ir_version(15);
  EXPECT_EQ(Check(model), "model ir_version 15 is newer than the newest this checker knows (14)");
}

TEST(CheckModelTest, RequiresOpsetImportFromIr3) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.clear_opset_import();
  EXPECT_EQ(Check(model),
            "model has no opset_import; from IR version 3 a model lists the opsets it uses");
}

TEST(CheckModelTest, RejectsOpsetImportBeforeIr3) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.set_ir_version(2);
  EXPECT_EQ(Check(model), "opset_import needs IR version 3, the model has 2");
}

TEST(CheckModelTest, RejectsDuplicateOpsetDomains) {
  EXPECT_EQ(Check(R"(<ir_version: 8, opset_import: ["" : 13, "ai.onnx" : 14]>
                     g (float[2] X) => (float[2] Y) { Y = Neg (X) })"),
            "opset_import lists domain 'ai.onnx' more than once");
}

TEST(CheckModelTest, RejectsOpsetVersionOutsideTheDomainRange) {
  EXPECT_EQ(Check(R"(<ir_version: 8, opset_import: ["" : 30]>
                     g (float[2] X) => (float[2] Y) { Y = Neg (X) })"),
            "opset_import has ai.onnx version 30, outside the known range 1 to 28");
  EXPECT_EQ(Check(R"(<ir_version: 8, opset_import: ["" : 13, "ai.onnx.ml" : 6]>
                     g (float[2] X) => (float[2] Y) { Y = Neg (X) })"),
            "opset_import has ai.onnx.ml version 6, outside the known range 1 to 5");
}

TEST(CheckModelTest, RejectsDuplicateMetadataKeys) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  for (int i = 0; i < 2; ++i) {
    auto* p = model.add_metadata_props();
    p->set_key("author");
    p->set_value("x");
  }
  EXPECT_EQ(Check(model), "model: metadata_props has key 'author' more than once");
}

TEST(CheckModelTest, RequiresAGraph) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.clear_graph();
  EXPECT_EQ(Check(model), "model has no graph");
}

TEST(CheckModelTest, MetadataOnGraphsNodesAndValuesNeedsIr10) {
  const std::string text = Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }");
  StringStringEntryProto entry;
  entry.set_key("k");
  ModelProto model = Parse(text);
  *model.mutable_graph()->mutable_node(0)->add_metadata_props() = entry;
  EXPECT_EQ(Check(model),
            "node 0 (\"\", Neg): metadata_props needs IR version 10, the model has 8");
  model.set_ir_version(10);
  EXPECT_EQ(Check(model), "OK");
  model = Parse(text);
  *model.mutable_graph()->add_metadata_props() = entry;
  EXPECT_EQ(Check(model), "graph metadata_props needs IR version 10, the model has 8");
  model = Parse(text);
  *model.mutable_graph()->mutable_input(0)->add_metadata_props() = entry;
  EXPECT_EQ(Check(model), "graph input 'X': metadata_props needs IR version 10, the model has 8");
  model = Parse(text);
  model.mutable_graph()->mutable_node(0)->add_device_configurations();
  model.set_ir_version(10);
  EXPECT_EQ(Check(model),
            "node 0 (\"\", Neg): device_configurations needs IR version 11, the model has 10");
}

// ---- Element types and the IR versions that introduced them ----

struct ElementTypeCase {
  const char* type;
  int introduced_in;
};

class ElementTypeIrTest : public ::testing::TestWithParam<ElementTypeCase> {};

TEST_P(ElementTypeIrTest, NeedsTheIrVersionThatIntroducedIt) {
  const ElementTypeCase& c = GetParam();
  const std::string graph =
      absl::StrCat("g (", c.type, "[2] X) => (", c.type, "[2] Y) { Y = Identity (X) }");
  ModelProto model = Parse(absl::StrCat(R"(<ir_version: 8, opset_import: ["" : 25]>)", graph));
  model.set_ir_version(c.introduced_in - 1);
  EXPECT_EQ(Check(model), absl::StrCat("graph input 'X': tensor type: element type ", c.type,
                                       " needs IR version ", c.introduced_in, ", the model has ",
                                       c.introduced_in - 1));
  model.set_ir_version(c.introduced_in);
  EXPECT_EQ(Check(model), "OK");
}

INSTANTIATE_TEST_SUITE_P(
    All, ElementTypeIrTest,
    ::testing::Values(ElementTypeCase{"bfloat16", 4}, ElementTypeCase{"float8e4m3fn", 9},
                      ElementTypeCase{"float8e4m3fnuz", 9}, ElementTypeCase{"float8e5m2", 9},
                      ElementTypeCase{"float8e5m2fnuz", 9}, ElementTypeCase{"int4", 10},
                      ElementTypeCase{"uint4", 10}, ElementTypeCase{"float4e2m1", 11},
                      ElementTypeCase{"float8e8m0", 12}, ElementTypeCase{"int2", 13},
                      ElementTypeCase{"uint2", 13}));

TEST(CheckModelTest, NewestElementTypesNeedTheirIrVersion) {
  // Identity reaches these types only in later opsets; check the tensors.
  TensorProto t;
  t.set_name("w");
  t.add_dims(1);
  t.set_raw_data(std::string(1, '\0'));
  t.set_data_type(TensorProto::FLOAT8E8M0);
  EXPECT_EQ(CheckTensor(t, 11).message(),
            "tensor 'w': element type float8e8m0 needs IR version 12, the model has 11");
  EXPECT_TRUE(CheckTensor(t, 12).ok());
  t.set_data_type(TensorProto::INT2);
  EXPECT_EQ(CheckTensor(t, 12).message(),
            "tensor 'w': element type int2 needs IR version 13, the model has 12");
  t.set_data_type(TensorProto::UINT2);
  EXPECT_TRUE(CheckTensor(t, 13).ok());
  EXPECT_EQ(MinIrVersionOfElementType(999), 0);
}

TEST(CheckModelTest, OptionalAndSparseTypesNeedIr8) {
  TypeProto optional;
  optional.mutable_optional_type()->mutable_elem_type()->mutable_tensor_type()->set_elem_type(1);
  EXPECT_EQ(CheckType(optional, 7).message(), "optional types need IR version 8, the model has 7");
  TypeProto sparse;
  sparse.mutable_sparse_tensor_type()->set_elem_type(1);
  EXPECT_EQ(CheckType(sparse, 7).message(),
            "sparse_tensor types need IR version 8, the model has 7");
  TypeProto map;
  map.mutable_map_type()->set_key_type(TensorProto::FLOAT);
  EXPECT_EQ(CheckType(map, 8).message(),
            "map key type must be an integer type or string, got float");
  EXPECT_EQ(CheckType(TypeProto(), 8).message(),
            "type has no kind (tensor, sequence, map, ...) set");
}

TEST(CheckModelTest, DeepTypesAreRejectedNotRecursedWithoutBound) {
  TypeProto type;
  TypeProto* t = &type;
  for (int i = 0; i < 1000; ++i) t = t->mutable_sequence_type()->mutable_elem_type();
  t->mutable_tensor_type()->set_elem_type(1);
  EXPECT_EQ(CheckType(type, 8).message(), "type nests deeper than 64 levels");
}

// ---- Tensors ----

TensorProto FloatTensor(std::vector<int64_t> dims, int values) {
  TensorProto t;
  t.set_name("w");
  t.set_data_type(TensorProto::FLOAT);
  for (int64_t d : dims) t.add_dims(d);
  for (int i = 0; i < values; ++i) t.add_float_data(1.0f);
  return t;
}

TEST(CheckTensorTest, AcceptsMatchingData) {
  EXPECT_TRUE(CheckTensor(FloatTensor({2, 2}, 4), 8).ok());
  EXPECT_TRUE(CheckTensor(FloatTensor({0, 3}, 0), 8).ok());
}

TEST(CheckTensorTest, RejectsUndefinedType) {
  TensorProto t = FloatTensor({1}, 1);
  t.set_data_type(TensorProto::UNDEFINED);
  EXPECT_EQ(CheckTensor(t, 8).message(), "tensor 'w': data_type is UNDEFINED");
  t.set_data_type(77);
  EXPECT_EQ(CheckTensor(t, 8).message(), "tensor 'w': element type 77 is not a known element type");
}

TEST(CheckTensorTest, RejectsNegativeDims) {
  EXPECT_EQ(CheckTensor(FloatTensor({2, -1}, 0), 8).message(),
            "tensor 'w': dimension 1 is negative (-1) in dims [2,-1]");
}

TEST(CheckTensorTest, RejectsWrongValueCount) {
  EXPECT_EQ(CheckTensor(FloatTensor({2, 2}, 3), 8).message(),
            "tensor 'w': float_data has 3 entries, dims [2,2] of float need 4");
}

TEST(CheckTensorTest, RejectsMissingData) {
  EXPECT_EQ(CheckTensor(FloatTensor({2, 3}, 0), 8).message(),
            "tensor 'w': has 6 elements (dims [2,3]) but holds no data");
}

TEST(CheckTensorTest, RejectsValuesInTheWrongField) {
  TensorProto t = FloatTensor({2}, 0);
  t.add_int64_data(1);
  t.add_int64_data(2);
  EXPECT_EQ(CheckTensor(t, 8).message(),
            "tensor 'w': holds float values in int64_data; they belong in float_data");
}

TEST(CheckTensorTest, RejectsTwoDataFields) {
  TensorProto t = FloatTensor({1}, 1);
  t.set_raw_data(std::string(4, '\0'));
  EXPECT_EQ(CheckTensor(t, 8).message(),
            "tensor 'w': holds values in both raw_data and float_data");
}

TEST(CheckTensorTest, ChecksRawDataSize) {
  TensorProto t = FloatTensor({3}, 0);
  t.set_raw_data(std::string(8, '\0'));
  EXPECT_EQ(CheckTensor(t, 8).message(), CheckRawDataSize(t).message());
  EXPECT_FALSE(CheckRawDataSize(t).ok());
  t.set_raw_data(std::string(12, '\0'));
  EXPECT_TRUE(CheckTensor(t, 8).ok());
}

TEST(CheckTensorTest, StringsMayNotUseRawData) {
  TensorProto t;
  t.set_name("s");
  t.set_data_type(TensorProto::STRING);
  t.add_dims(1);
  t.set_raw_data("abc");
  EXPECT_EQ(CheckTensor(t, 8).message(),
            "tensor 's': string tensors keep their values in string_data, not raw_data");
}

TEST(CheckTensorTest, ExternalDataNeedsALocation) {
  TensorProto t = FloatTensor({4}, 0);
  t.set_data_location(TensorProto::EXTERNAL);
  EXPECT_EQ(CheckTensor(t, 8).message(),
            "tensor 'w': data_location is EXTERNAL but external_data has no 'location'");
  auto* entry = t.add_external_data();
  entry->set_key("location");
  entry->set_value("weights.bin");
  EXPECT_TRUE(CheckTensor(t, 8).ok());
}

TEST(CheckTensorTest, PackedTypesCountBytes) {
  TensorProto t;
  t.set_name("q");
  t.set_data_type(TensorProto::INT4);
  t.add_dims(3);
  t.add_int32_data(0x21);
  t.add_int32_data(0x03);
  EXPECT_TRUE(CheckTensor(t, 10).ok());
  t.add_int32_data(0);
  EXPECT_EQ(CheckTensor(t, 10).message(),
            "tensor 'q': int32_data has 3 entries, dims [3] of int4 need 2");
}

TEST(CheckSparseTensorTest, ChecksIndices) {
  SparseTensorProto s;
  s.add_dims(2);
  s.add_dims(3);
  *s.mutable_values() = FloatTensor({2}, 2);
  TensorProto* indices = s.mutable_indices();
  indices->set_data_type(TensorProto::INT64);
  indices->add_dims(2);
  indices->add_int64_data(1);
  indices->add_int64_data(5);
  EXPECT_TRUE(CheckSparseTensor(s, 8).ok());
  EXPECT_EQ(CheckSparseTensor(s, 5).message(), "sparse tensors need IR version 6, the model has 5");
  indices->set_int64_data(1, 6);
  EXPECT_EQ(CheckSparseTensor(s, 8).message(),
            "sparse tensor 'w': index 6 at position 1 is out of range");
  indices->set_int64_data(1, 0);
  EXPECT_EQ(CheckSparseTensor(s, 8).message(),
            "sparse tensor 'w': indices are not in increasing order at position 1");
}

// ---- Graphs: value infos, initializers, SSA, order ----

TEST(CheckGraphTest, MainGraphInputsNeedTypes) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.mutable_graph()->mutable_input(0)->clear_type();
  EXPECT_EQ(Check(model), "graph input 'X' has no type");
  model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.mutable_graph()->mutable_output(0)->mutable_type()->mutable_tensor_type()->set_elem_type(0);
  EXPECT_EQ(Check(model), "graph output 'Y' has no element type");
}

TEST(CheckGraphTest, GraphNeedsAName) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.mutable_graph()->clear_name();
  EXPECT_EQ(Check(model), "graph has no name");
}

TEST(CheckGraphTest, RejectsDuplicateInputs) {
  EXPECT_EQ(Check(Model13("g (float[2] X, float[2] X) => (float[2] Y) { Y = Neg (X) }")),
            "graph input 'X' is declared more than once");
}

TEST(CheckGraphTest, SingleStaticAssignment) {
  EXPECT_EQ(Check(Model13(R"(g (float[2] X) => (float[2] Y) {
                               Y = Neg (X)
                               [again] Y = Abs (X)
                             })")),
            "node 1 (\"again\", Abs): output 'Y' is already assigned; every name is assigned "
            "once (by a graph input, an initializer or one node output)");
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] X) { X = Neg (X) }")),
            "node 0 (\"\", Neg): output 'X' is already assigned; every name is assigned "
            "once (by a graph input, an initializer or one node output)");
}

TEST(CheckGraphTest, TopologicalOrder) {
  EXPECT_EQ(Check(Model13(R"(g (float[2] X) => (float[2] Y) {
                               Y = Neg (T)
                               T = Abs (X)
                             })")),
            "node 0 (\"\", Neg): input 0 ('T') is not defined before the node (nodes must be in "
            "topological order; a value comes from a graph input, an initializer, an earlier "
            "node or an enclosing graph)");
}

TEST(CheckGraphTest, OutputsMustBeDefined) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Y, float[2] W) { Y = Neg (X) }")),
            "graph output 'W' is not a graph input, an initializer or a node output of the "
            "graph");
}

TEST(CheckGraphTest, InitializersAreValues) {
  EXPECT_EQ(Check(Model13(R"(g (float[2] X) => (float[2] Y) <float[2] w = {1.0, 2.0}> {
                               Y = Add (X, w)
                             })")),
            "OK");
}

TEST(CheckGraphTest, InitializersMustBeInputsBeforeIr4) {
  ModelProto model = Parse(Model13(R"(g (float[2] X) => (float[2] Y) <float[2] w = {1.0, 2.0}> {
                                        Y = Add (X, w)
                                      })"));
  model.set_ir_version(3);
  EXPECT_EQ(Check(model),
            "initializer 'w' is not a graph input, which IR version 3 requires (from IR "
            "version 4 it need not be)");
  *model.mutable_graph()->add_input() = model.graph().input(0);
  model.mutable_graph()->mutable_input(1)->set_name("w");
  EXPECT_EQ(Check(model), "OK");
}

TEST(CheckGraphTest, RejectsDuplicateInitializers) {
  ModelProto model = Parse(Model13(R"(g (float[2] X) => (float[2] Y) <float[2] w = {1.0, 2.0}> {
                                        Y = Add (X, w)
                                      })"));
  *model.mutable_graph()->add_initializer() = model.graph().initializer(0);
  EXPECT_EQ(Check(model), "initializer 'w' is declared more than once");
}

TEST(CheckGraphTest, ChecksInitializerTensors) {
  ModelProto model = Parse(Model13(R"(g (float[2] X) => (float[2] Y) <float[2] w = {1.0, 2.0}> {
                                        Y = Add (X, w)
                                      })"));
  model.mutable_graph()->mutable_initializer(0)->add_dims(2);
  EXPECT_THAT(Check(model), StartsWith("initializer: tensor 'w': "));
}

TEST(CheckGraphTest, SparseInitializersNeedIr6) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.set_ir_version(5);
  SparseTensorProto* s = model.mutable_graph()->add_sparse_initializer();
  s->add_dims(2);
  *s->mutable_values() = FloatTensor({0}, 0);
  EXPECT_EQ(Check(model), "sparse initializer: sparse tensors need IR version 6, the model has 5");
}

// ---- Nodes: resolution, attributes, arity, types ----

TEST(CheckNodeTest, UnknownOperator) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Y) { Y = Frobnicate (X) }")),
            "node 0 (\"\", Frobnicate): Frobnicate is not an operator of ai.onnx (opset 13)");
}

TEST(CheckNodeTest, OperatorNotYetDefinedAtTheOpset) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Y) { [hs] Y = HardSwish (X) }")),
            "node 0 (\"hs\", HardSwish): HardSwish is not defined in ai.onnx at opset 13; its "
            "first version is opset 14");
}

TEST(CheckNodeTest, DomainMustBeImported) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Y) { Y = custom.Op (X) }")),
            "node 0 (\"\", custom.Op): domain 'custom' is not imported (add it to opset_import)");
}

TEST(CheckNodeTest, CustomDomainsNeedTheOption) {
  const std::string text = R"(<ir_version: 8, opset_import: ["" : 13, "custom" : 1]>
                              g (float[2] X) => (float[2] Y) { Y = custom.Op (X) })";
  EXPECT_EQ(Check(text),
            "node 0 (\"\", custom.Op): no schema or model-local function defines custom.Op "
            "(custom domains are accepted only with allow_custom_domains)");
  CheckerOptions options;
  options.allow_custom_domains = true;
  EXPECT_EQ(Check(text, options), "OK");
}

TEST(CheckNodeTest, AttributeTypeMustMatch) {
  EXPECT_EQ(Check(Model13(R"(g (float[1,1,3,3] X, float[1,1,2,2] W) => (float[1,1,2,2] Y) {
                               [conv1] Y = Conv <strides = 1> (X, W)
                             })")),
            "node 0 (\"conv1\", Conv): attribute 'strides' must be INTS, got INT");
}

TEST(CheckNodeTest, UnknownAttribute) {
  EXPECT_EQ(
      Check(Model13("g (float[2] X, float[2] Y) => (float[2] Z) { Z = Add <foo = 1> (X, Y) }")),
      "node 0 (\"\", Add): attribute 'foo' is not an attribute of Add-13 (ai.onnx)");
}

TEST(CheckNodeTest, RequiredAttribute) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (int64[2] Y) { Y = Cast (X) }")),
            "node 0 (\"\", Cast): required attribute 'to' of Cast-13 (ai.onnx) is missing");
}

TEST(CheckNodeTest, DuplicateAttribute) {
  ModelProto model = Parse(Model13("g (float[2] X) => (int64[2] Y) { Y = Cast <to = 7> (X) }"));
  *model.mutable_graph()->mutable_node(0)->add_attribute() = model.graph().node(0).attribute(0);
  EXPECT_EQ(Check(model), "node 0 (\"\", Cast): attribute 'to' appears more than once");
}

TEST(CheckNodeTest, AttributeValueMustMatchItsType) {
  ModelProto model = Parse(Model13("g (float[2] X) => (int64[2] Y) { Y = Cast <to = 7> (X) }"));
  AttributeProto* to = model.mutable_graph()->mutable_node(0)->mutable_attribute(0);
  to->set_f(1.0f);
  EXPECT_EQ(Check(model), "node 0 (\"\", Cast): attribute 'to' is INT but holds a value in 'f'");
  to->clear_f();
  to->clear_i();
  EXPECT_EQ(Check(model), "node 0 (\"\", Cast): attribute 'to' is INT but holds no value");
  to->set_i(7);
  to->clear_type();
  EXPECT_EQ(Check(model),
            "node 0 (\"\", Cast): attribute 'to' has no type (required from IR version 2)");
}

TEST(CheckNodeTest, AttributeReferencesOnlyInFunctions) {
  ModelProto model = Parse(Model13("g (float[2] X) => (int64[2] Y) { Y = Cast <to = 7> (X) }"));
  AttributeProto* to = model.mutable_graph()->mutable_node(0)->mutable_attribute(0);
  to->clear_i();
  to->set_ref_attr_name("target");
  EXPECT_EQ(Check(model),
            "node 0 (\"\", Cast): attribute 'to' refers to 'target' (ref_attr_name), which only "
            "a function body may do");
}

TEST(CheckNodeTest, InputArity) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Z) { Z = Add (X, X, X) }")),
            "node 0 (\"\", Add): has 3 inputs; Add-13 (ai.onnx) accepts 2");
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Z) { Z = Concat <axis = 0> () }")),
            "node 0 (\"\", Concat): has 0 inputs; Concat-13 (ai.onnx) accepts at least 1");
}

TEST(CheckNodeTest, OutputArity) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (float[2] Y, float[2] Z) { Y, Z = Neg (X) }")),
            "node 0 (\"\", Neg): has 2 outputs; Neg-13 (ai.onnx) accepts 1");
}

TEST(CheckNodeTest, RequiredInputMayNotBeEmpty) {
  EXPECT_EQ(Check(Model13("g (float[2] Y) => (float[2] Z) { Z = Add (, Y) }")),
            "node 0 (\"\", Add): input 0 ('A') is required but empty");
}

TEST(CheckNodeTest, TypeParameterBoundConsistently) {
  EXPECT_EQ(Check(Model13("g (float[2] X, int64[2] Y) => (float[2] Z) { Z = Add (X, Y) }")),
            "node 0 (\"\", Add): input 1 ('Y') has type tensor(int64), but T is tensor(float) "
            "from input 0 ('X')");
}

TEST(CheckNodeTest, TypeMustBeAllowed) {
  EXPECT_EQ(Check(Model13("g (float[2] X) => (bool[2] Y) { Y = Not (X) }")),
            "node 0 (\"\", Not): input 0 ('X') has type tensor(float), which type parameter T "
            "does not allow (allowed: tensor(bool))");
}

TEST(CheckNodeTest, FixedTypeMustMatch) {
  EXPECT_EQ(Check(Model13("g (float[6] X, float[2] S) => (float[2,3] Y) { Y = Reshape (X, S) }")),
            "node 0 (\"\", Reshape): input 1 ('S') has type tensor(float), but the schema "
            "requires tensor(int64)");
}

TEST(CheckNodeTest, DeclaredOutputTypesAreChecked) {
  EXPECT_EQ(Check(Model13("g (float[6] X) => (float[1] S) { S = Shape (X) }")),
            "node 0 (\"\", Shape): output 0 ('S') has type tensor(float), which type parameter "
            "T1 does not allow (allowed: tensor(int64))");
  // value_info declares intermediate values.
  ModelProto model = Parse(Model13(R"(g (float[2] X) => (float[2] Y) {
                                        T = Neg (X)
                                        Y = Abs (T)
                                      })"));
  ValueInfoProto* info = model.mutable_graph()->add_value_info();
  info->set_name("T");
  info->mutable_type()->mutable_tensor_type()->set_elem_type(TensorProto::INT64);
  EXPECT_EQ(Check(model),
            "node 0 (\"\", Neg): output 0 ('T') has type tensor(int64), but T is tensor(float) "
            "from input 0 ('X')");
  CheckerOptions options;
  options.check_types = false;
  EXPECT_EQ(Check(model, options), "OK");
}

TEST(CheckNodeTest, NodeNeedsAnOpType) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.mutable_graph()->mutable_node(0)->clear_op_type();
  EXPECT_EQ(Check(model), "node 0 (\"\"): op_type is empty");
}

TEST(CheckNodeTest, OverloadNeedsIr10) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Neg (X) }"));
  model.mutable_graph()->mutable_node(0)->set_overload("v2");
  EXPECT_EQ(Check(model), "node 0 (\"\", Neg): overload needs IR version 10, the model has 8");
}

// ---- Subgraphs ----

constexpr char kIfModel[] = R"(<ir_version: 8, opset_import: ["" : 13]>
g (bool C, float[2] X) => (float[2] Y) {
  A = Neg (X)
  Y = If (C) <
    then_branch = then_g () => (float[2] T) { T = Abs (%s) },
    else_branch = else_g () => (float[2] E) { E = Identity (A) }
  >
  B = Abs (X)
})";

std::string IfModel(const std::string& then_input) {
  std::string text = kIfModel;
  text.replace(text.find("%s"), 2, then_input);
  return text;
}

TEST(CheckSubgraphTest, SeesEnclosingValuesDefinedBefore) {
  EXPECT_EQ(Check(IfModel("A")), "OK");
  EXPECT_EQ(Check(IfModel("X")), "OK");
}

TEST(CheckSubgraphTest, CannotSeeValuesDefinedAfterTheNode) {
  EXPECT_EQ(Check(IfModel("B")),
            "node 1 (\"\", If): attribute 'then_branch': graph 'then_g': node 0 (\"\", Abs): "
            "input 0 ('B') is not defined before the node (nodes must be in topological order; "
            "a value comes from a graph input, an initializer, an earlier node or an enclosing "
            "graph)");
}

TEST(CheckSubgraphTest, CannotReassignEnclosingNames) {
  EXPECT_EQ(Check(Model13(R"(g (bool C, float[2] X) => (float[2] Y) {
                               Y = If (C) <
                                 then_branch = t () => (float[2] X) { X = Abs (X) },
                                 else_branch = e () => (float[2] E) { E = Identity (X) }
                               >
                             })")),
            "node 0 (\"\", If): attribute 'then_branch': graph 't': node 0 (\"\", Abs): output "
            "'X' reuses the name of a value of an enclosing graph");
}

TEST(CheckSubgraphTest, NestingIsBounded) {
  // If nodes nested 80 deep, built directly.
  GraphProto leaf;
  leaf.set_name("leaf");
  NodeProto* id = leaf.add_node();
  id->set_op_type("Identity");
  id->add_input("X");
  id->add_output("Y0");
  leaf.add_output()->set_name("Y0");
  GraphProto graph = leaf;
  for (int level = 1; level < 80; ++level) {
    GraphProto outer;
    outer.set_name(absl::StrCat("level", level));
    NodeProto* node = outer.add_node();
    node->set_op_type("If");
    node->add_input("C");
    const std::string out = absl::StrCat("Y", level);
    node->add_output(out);
    for (const char* branch : {"then_branch", "else_branch"}) {
      // Only the then branch nests, keeping the model linear in size.
      *node->add_attribute() =
          GraphAttr(branch, std::string(branch) == "then_branch" ? graph : leaf);
    }
    outer.add_output()->set_name(out);
    graph = std::move(outer);
  }
  ModelProto model =
      Parse(Model13("g (bool C, float[2] X) => (float[2] Y79) { Y79 = Identity (X) }"));
  *model.mutable_graph()->mutable_node(0) = graph.node(0);
  EXPECT_THAT(Check(model),
              EndsWith("attribute 'then_branch': subgraphs nest deeper than 64 levels"));
}

// ---- Model-local functions ----

constexpr char kFunctionModel[] = R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
g (float[2] X) => (float[2] Y) { Y = local.NegAbs (X) }
<domain: "local", opset_import: ["" : 13]>
NegAbs (A) => (B) { T = Neg (A)  B = Abs (T) }
)";

TEST(CheckFunctionTest, AcceptsAFunctionCall) { EXPECT_EQ(Check(kFunctionModel), "OK"); }

TEST(CheckFunctionTest, FunctionsNeedIr8) {
  ModelProto model = Parse(kFunctionModel);
  model.set_ir_version(7);
  EXPECT_EQ(Check(model), "model-local functions need IR version 8, the model has 7");
}

TEST(CheckFunctionTest, RejectsDuplicateFunctions) {
  ModelProto model = Parse(kFunctionModel);
  *model.add_functions() = model.functions(0);
  EXPECT_EQ(Check(model), "model-local function 'local.NegAbs' is defined more than once");
}

TEST(CheckFunctionTest, ChecksBodyNodes) {
  ModelProto model = Parse(kFunctionModel);
  model.mutable_functions(0)->mutable_node(1)->set_op_type("Frobnicate");
  EXPECT_EQ(Check(model),
            "function 'local.NegAbs': node 1 (\"\", Frobnicate): Frobnicate is not an operator "
            "of ai.onnx (opset 13)");
}

TEST(CheckFunctionTest, OutputsMustBeProduced) {
  ModelProto model = Parse(kFunctionModel);
  model.mutable_functions(0)->add_output("C");
  EXPECT_EQ(Check(model),
            "function 'local.NegAbs': output 'C' is not an input or a node output of the body");
}

TEST(CheckFunctionTest, CallArity) {
  ModelProto model = Parse(kFunctionModel);
  model.mutable_graph()->mutable_node(0)->add_input("X");
  EXPECT_EQ(Check(model),
            "node 0 (\"\", local.NegAbs): has 2 inputs; function 'local.NegAbs' declares 1");
}

TEST(CheckFunctionTest, AttributeReferencesMustBeDeclared) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (float[2,3] X) => (float[2,3] Y) { Y = local.Soft <ax = 1> (X) }
    <domain: "local", opset_import: ["" : 13]>
    Soft <ax> (A) => (B) { B = Softmax <axis = @ax> (A) }
  )");
  EXPECT_EQ(Check(model), "OK");
  model.mutable_functions(0)->clear_attribute();
  EXPECT_EQ(Check(model),
            "function 'local.Soft': node 0 (\"\", Softmax): attribute 'axis' refers to 'ax', "
            "which function 'Soft' does not declare");
}

TEST(CheckFunctionTest, DetectsCallCycles) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (float[2] X) => (float[2] Y) { Y = local.A (X) }
    <domain: "local", opset_import: ["" : 13, "local" : 1]>
    A (I) => (O) { O = local.B (I) }
    <domain: "local", opset_import: ["" : 13, "local" : 1]>
    B (I) => (O) { T = Neg (I)  O = local.C (T) }
    <domain: "local", opset_import: ["" : 13, "local" : 1]>
    C (I) => (O) { O = local.A (I) }
  )");
  EXPECT_EQ(Check(model),
            "model-local functions call each other in a cycle: local.A -> local.B -> local.C -> "
            "local.A");
}

TEST(CheckFunctionTest, DetectsSelfCalls) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (float[2] X) => (float[2] Y) { Y = local.A (X) }
    <domain: "local", opset_import: ["" : 13, "local" : 1]>
    A (I) => (O) { O = local.A (I) }
  )");
  EXPECT_EQ(Check(model), "model-local functions call each other in a cycle: local.A -> local.A");
}

}  // namespace
}  // namespace onnxforge
