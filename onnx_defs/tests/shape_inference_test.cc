#include "onnx_defs/shape_inference.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/syntax/parser.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/tests/function_test_schemas.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using ::onnxforge::testing::ShapeString;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::StartsWith;

ModelProto Parse(const std::string& text) {
  absl::StatusOr<ModelProto> model = ParseModel(text);
  EXPECT_TRUE(model.ok()) << model.status();
  return model.ok() ? *model : ModelProto();
}

std::string Model13(const std::string& graph) {
  return R"(<ir_version: 8, opset_import: ["" : 13]>)"
         "\n" +
         graph;
}

// The type a graph records for `name` (output, value_info or input).
std::string TypeIn(const GraphProto& graph, const std::string& name) {
  for (const auto* list : {&graph.output(), &graph.value_info(), &graph.input()}) {
    for (const auto& info : *list) {
      if (info.name() == name) return ShapeString(info.type());
    }
  }
  return "absent";
}

void ClearOutputTypes(GraphProto* graph) {
  for (auto& output : *graph->mutable_output()) output.clear_type();
}

ShapeInferenceOptions Strict() {
  ShapeInferenceOptions options;
  options.strict = true;
  return options;
}

std::string StrictError(const ModelProto& model) {
  absl::StatusOr<ModelProto> result = InferShapes(model, Strict());
  return result.ok() ? "OK" : std::string(result.status().message());
}

// ---- Basics ----

TEST(ShapeInferenceTest, RecordsIntermediateValuesAndFillsOutputs) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X, float[3] B) => (float Y) {
                                        T = Add (X, B)
                                        Y = Neg (T)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "T"), "float[2,3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,3]");
  ASSERT_EQ(inferred->graph().value_info_size(), 1);
  EXPECT_EQ(inferred->graph().value_info(0).name(), "T");
  // The input model is left alone.
  EXPECT_EQ(model.graph().value_info_size(), 0);
}

TEST(ShapeInferenceTest, InPlaceVariant) {
  ModelProto model = Parse(Model13("g (float[N,3] X) => (float Y) { Y = Neg (X) }"));
  ClearOutputTypes(model.mutable_graph());
  ASSERT_TRUE(InferShapesInPlace(model, Strict()).ok());
  EXPECT_EQ(TypeIn(model.graph(), "Y"), "float[N,3]");
}

TEST(ShapeInferenceTest, OutputNamingAGraphInputTakesItsType) {
  ModelProto model = Parse(Model13("g (float[4] X) => (float X) { Y = Neg (X) }"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(ShapeString(inferred->graph().output(0).type()), "float[4]");
}

// ---- Merging with declared types ----

TEST(ShapeInferenceTest, DeclaredTypesGainInferredDims) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X) => (float[2,K] Y) {
                                        T = Neg (X)
                                        Y = Abs (T)
                                      })"));
  ValueInfoProto* info = model.mutable_graph()->add_value_info();
  info->set_name("T");
  *info->mutable_type() = testing::TensorType(TensorProto::FLOAT, {"N", "?"});
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "T"), "float[2,3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,3]");
  EXPECT_EQ(inferred->graph().value_info_size(), 1);
}

TEST(ShapeInferenceTest, KnownDeclaredDimsStay) {
  ModelProto model = Parse(Model13("g (float[N,3] X) => (float[5,3] Y) { Y = Neg (X) }"));
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[5,3]");
}

TEST(ShapeInferenceTest, ConflictWithDeclaredTypeStrictAndLenient) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X) => (float[2,4] Y) {
                                        T = Neg (X)
                                        Y = Abs (T)
                                      })"));
  EXPECT_EQ(StrictError(model),
            "node 1 (\"\", Abs): output 0 ('Y'): inferred float[2,3] but float[2,4] is "
            "declared: dimension 1 is 3, declared 4");
  std::vector<std::string> problems;
  ASSERT_TRUE(InferShapesInPlace(model, {}, &problems).ok());
  EXPECT_THAT(problems, ElementsAre("node 1 (\"\", Abs): output 0 ('Y'): inferred float[2,3] but "
                                    "float[2,4] is declared: dimension 1 is 3, declared 4"));
  EXPECT_EQ(TypeIn(model.graph(), "Y"), "float[2,4]");
  EXPECT_EQ(TypeIn(model.graph(), "T"), "float[2,3]");
}

TEST(ShapeInferenceTest, ElementTypeAndRankConflicts) {
  EXPECT_EQ(StrictError(Parse(Model13("g (float[2] X) => (int64[2] Y) { Y = Neg (X) }"))),
            "node 0 (\"\", Neg): output 0 ('Y'): inferred float[2] but int64[2] is declared: "
            "element type float differs from the declared int64");
  EXPECT_EQ(StrictError(Parse(Model13("g (float[2] X) => (float[2,1] Y) { Y = Neg (X) }"))),
            "node 0 (\"\", Neg): output 0 ('Y'): inferred float[2] but float[2,1] is declared: "
            "rank 1 differs from the declared rank 2");
}

TEST(MergeTypeIntoTest, Rules) {
  TypeProto existing = testing::TensorType(TensorProto::FLOAT, {2, "N", "?", "M"});
  ASSERT_TRUE(
      MergeTypeInto(testing::TensorType(TensorProto::FLOAT, {"A", 3, "B", "?"}), &existing).ok());
  EXPECT_EQ(ShapeString(existing), "float[2,3,B,M]");
  TypeProto unknown;
  ASSERT_TRUE(MergeTypeInto(existing, &unknown).ok());
  EXPECT_EQ(ShapeString(unknown), "float[2,3,B,M]");
  TypeProto no_shape = testing::TensorTypeNoShape(TensorProto::FLOAT);
  ASSERT_TRUE(MergeTypeInto(no_shape, &existing).ok());
  EXPECT_EQ(ShapeString(existing), "float[2,3,B,M]");
  // A conflict leaves the existing type as it was.
  TypeProto before = existing;
  EXPECT_EQ(
      MergeTypeInto(testing::TensorType(TensorProto::FLOAT, {2, 4, 1, 1}), &existing).message(),
      "dimension 1 is 4, declared 3");
  EXPECT_EQ(existing.SerializeAsString(), before.SerializeAsString());
  TypeProto seq;
  *seq.mutable_sequence_type()->mutable_elem_type() = existing;
  EXPECT_EQ(MergeTypeInto(seq, &existing).message(), "a sequence differs from the declared tensor");
}

// ---- Errors: strict and lenient ----

TEST(ShapeInferenceTest, TypeConstraintViolation) {
  ModelProto model = Parse(Model13("g (float[2] X, int64[2] Y) => (float Z) { Z = Add (X, Y) }"));
  ClearOutputTypes(model.mutable_graph());
  EXPECT_EQ(StrictError(model),
            "node 0 (\"\", Add): input 1 ('Y') has type tensor(int64), but T is tensor(float) "
            "from input 0 ('X')");
  std::vector<std::string> problems;
  ASSERT_TRUE(InferShapesInPlace(model, {}, &problems).ok());
  EXPECT_THAT(problems, ElementsAre("node 0 (\"\", Add): input 1 ('Y') has type tensor(int64), "
                                    "but T is tensor(float) from input 0 ('X')"));
  EXPECT_EQ(TypeIn(model.graph(), "Z"), "none");
}

TEST(ShapeInferenceTest, InferenceErrorNamesTheNode) {
  ModelProto model =
      Parse(Model13("g (float[2] X, float[3] Y) => (float Z) { [add] Z = Add (X, Y) }"));
  ClearOutputTypes(model.mutable_graph());
  EXPECT_EQ(StrictError(model),
            "node 0 (\"add\", Add): shapes cannot be broadcast: dimension 2 vs 3 at axis 0");
}

TEST(ShapeInferenceTest, LenientModeKeepsGoingAfterAFailingNode) {
  ModelProto model = Parse(Model13(R"(g (float[2] X, float[3] Y) => (float Z, float W) {
                                        Z = Add (X, Y)
                                        W = Neg (X)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  std::vector<std::string> problems;
  ASSERT_TRUE(InferShapesInPlace(model, {}, &problems).ok());
  EXPECT_EQ(problems.size(), 1u);
  EXPECT_EQ(TypeIn(model.graph(), "Z"), "none");
  EXPECT_EQ(TypeIn(model.graph(), "W"), "float[2]");
}

TEST(ShapeInferenceTest, UnknownOps) {
  EXPECT_EQ(StrictError(Parse(Model13("g (float[2] X) => (float[2] Y) { Y = Frobnicate (X) }"))),
            "node 0 (\"\", Frobnicate): no schema for Frobnicate in ai.onnx at opset 13");
  // Custom ops are not inferred, and not an error: the declared type stays.
  ModelProto custom = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "custom" : 1]>
    g (float[2] X) => (float[7] Y) { T = custom.Op (X)  Y = Neg (T) })");
  absl::StatusOr<ModelProto> inferred = InferShapes(custom, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "T"), "absent");
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[7]");
}

// ---- Constants and data propagation ----

TEST(ShapeInferenceTest, InitializersAreConstantInputs) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X) => (float Y) <int64[2] s = {3, 2}> {
                                        Y = Reshape (X, s)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[3,2]");
}

TEST(ShapeInferenceTest, ConstantNodesAreConstantInputs) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X) => (float Y) {
                                        s = Constant <value_ints = [1, 6]> ()
                                        Y = Reshape (X, s)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "s"), "int64[2]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[1,6]");
}

TEST(ShapeInferenceTest, DataPropagationThroughShape) {
  ModelProto model = Parse(Model13(R"(g (float[2,3,4] X, float[24] Z) => (float Y) {
                                        S = Shape (X)
                                        Y = Reshape (Z, S)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "S"), "int64[3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,3,4]");

  ShapeInferenceOptions no_propagation = Strict();
  no_propagation.data_propagation = false;
  inferred = InferShapes(model, no_propagation);
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[?,?,?]");
}

// ---- Subgraphs ----

constexpr char kIfModel[] = R"(<ir_version: 8, opset_import: ["" : 13]>
g (bool C, float[2,3] X) => (float Y) {
  A = Neg (X)
  Y = If (C) <
    then_branch = then_g () => (float T) { T = Abs (A) },
    else_branch = else_g () => (float E) { E = Identity (%s) }
  >
})";

ModelProto IfModel(const std::string& else_input) {
  std::string text = kIfModel;
  text.replace(text.find("%s"), 2, else_input);
  ModelProto model = Parse(text);
  ClearOutputTypes(model.mutable_graph());
  for (auto& attr : *model.mutable_graph()->mutable_node(1)->mutable_attribute()) {
    ClearOutputTypes(attr.mutable_g());
  }
  return model;
}

TEST(ShapeInferenceTest, SubgraphsSeeEnclosingTypes) {
  absl::StatusOr<ModelProto> inferred = InferShapes(IfModel("X"), Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,3]");
  const NodeProto& if_node = inferred->graph().node(1);
  EXPECT_EQ(TypeIn(if_node.attribute(0).g(), "T"), "float[2,3]");
  EXPECT_EQ(TypeIn(if_node.attribute(1).g(), "E"), "float[2,3]");
}

TEST(ShapeInferenceTest, SubgraphErrorsNameThePath) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (bool C, float[2] X, int64[2] I) => (float Y) {
      Y = If (C) <
        then_branch = then_g () => (float T) { T = Add (X, I) },
        else_branch = else_g () => (float E) { E = Identity (X) }
      >
    })");
  // The If schema may add words of its own between the node and the path.
  const std::string strict = StrictError(model);
  EXPECT_THAT(strict, StartsWith("node 0 (\"\", If): "));
  EXPECT_THAT(strict, EndsWith("attribute 'then_branch': node 0 (\"\", Add): input 1 ('I') has "
                               "type tensor(int64), but T is tensor(float) from input 0 ('X')"));
  std::vector<std::string> problems;
  ASSERT_TRUE(InferShapesInPlace(model, {}, &problems).ok());
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0],
            "node 0 (\"\", If): attribute 'then_branch': node 0 (\"\", Add): input 1 ('I') has "
            "type tensor(int64), but T is tensor(float) from input 0 ('X')");
}

TEST(ShapeInferenceTest, LoopBodySeesEnclosingTypes) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13]>
    g (int64 M, bool C, float[2] V0, float[2] W) => (float V) {
      V = Loop (M, C, V0) <
        body = body_g (int64 i, bool c, float[2] v) => (bool c_out, float[2] v_out) {
          c_out = Identity (c)
          t = Add (v, W)
          v_out = Neg (t)
        }
      >
    })");
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "V"), "float[2]");
  const GraphProto& body = inferred->graph().node(0).attribute(0).g();
  EXPECT_EQ(TypeIn(body, "t"), "float[2]");
}

// ---- Model-local functions ----

TEST(ShapeInferenceTest, InfersLocalFunctionCallsThroughTheirBodies) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (float[2,3] X) => (float Y, float Z, float W) {
      Y = local.Twice <ax = 1> (X)
      Z = local.Twice (X)
      W = local.NegAbs (Y)
    }
    <domain: "local", opset_import: ["" : 13]>
    Twice <ax = 0> (A) => (B) { B = Concat <axis = @ax> (A, A) }
    <domain: "local", opset_import: ["" : 13]>
    NegAbs (A) => (B) { T = Neg (A)  B = Abs (T) }
  )");
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,6]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Z"), "float[4,3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "W"), "float[2,6]");
  // The body's values stay inside the function.
  EXPECT_EQ(inferred->graph().value_info_size(), 0);
}

TEST(ShapeInferenceTest, LocalFunctionErrorsNameTheBody) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (float[2] X, float[3] Y) => (float Z) { Z = local.Sum (X, Y) }
    <domain: "local", opset_import: ["" : 13]>
    Sum (A, B) => (C) { C = Add (A, B) }
  )");
  EXPECT_EQ(StrictError(model),
            "node 0 (\"\", local.Sum): body of function 'local.Sum': node 0 (\"\", Add): shapes "
            "cannot be broadcast: dimension 2 vs 3 at axis 0");
}

TEST(ShapeInferenceTest, RecursiveLocalFunctionsStop) {
  ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (float[2] X) => (float Y) { Y = local.F (X) }
    <domain: "local", opset_import: ["" : 13, "local" : 1]>
    F (A) => (B) { B = local.F (A) }
  )");
  EXPECT_EQ(StrictError(model),
            "node 0 (\"\", local.F): body of function 'local.F': node 0 (\"\", local.F): "
            "function 'local.F' calls itself");
}

// ---- Ops inferred through their schema's function body ----

class SchemaBodyInferenceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { testing::RegisterFunctionTestSchemas(); }
};

TEST_F(SchemaBodyInferenceTest, InfersThroughTheBody) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X) => (float Y, float Z) {
                                        Y = TestSoftNeg <axis = 0> (X)
                                        Z = TestSoftNeg (X)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Z"), "float[2,3]");
}

TEST_F(SchemaBodyInferenceTest, AbsentOptionalInputs) {
  ModelProto model = Parse(Model13(R"(g (float[2,3] X, float[5] B) => (float Y, float Z, float W) {
                                        Y = TestOptional (X)
                                        Z, W = TestOptional (X, B)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2,3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Z"), "float[2,3]");
  EXPECT_EQ(TypeIn(inferred->graph(), "W"), "float[5]");
}

TEST_F(SchemaBodyInferenceTest, ContextDependentBodies) {
  ModelProto model = Parse(Model13(R"(g (float[2] X, int64[3] I) => (float Y, float Z) {
                                        Y = TestBuilt (X)
                                        Z = TestBuilt (I)
                                      })"));
  ClearOutputTypes(model.mutable_graph());
  absl::StatusOr<ModelProto> inferred = InferShapes(model, Strict());
  ASSERT_TRUE(inferred.ok()) << inferred.status();
  EXPECT_EQ(TypeIn(inferred->graph(), "Y"), "float[2]");
  EXPECT_EQ(TypeIn(inferred->graph(), "Z"), "float[3]");
}

TEST_F(SchemaBodyInferenceTest, RecursiveBodiesStop) {
  ModelProto model = Parse(Model13("g (float[2] X) => (float Y) { Y = TestSelfCall (X) }"));
  EXPECT_EQ(StrictError(model),
            "node 0 (\"\", TestSelfCall): body of TestSelfCall-1 (ai.onnx): node 0 (\"\", "
            "TestSelfCall): the function body of TestSelfCall-1 (ai.onnx) calls the op itself");
}

// ---- Malformed input ----

// A path from a model to one of its fields (index -1 for a singular field).
using FieldPath = std::vector<std::pair<const google::protobuf::FieldDescriptor*, int>>;

void CollectFieldPaths(const google::protobuf::Message& message, FieldPath* path,
                       std::vector<FieldPath>* out) {
  const auto* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      path->push_back({field, field->is_repeated() ? i : -1});
      out->push_back(*path);
      if (field->cpp_type() == google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) {
        CollectFieldPaths(field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                               : reflection->GetMessage(message, field),
                          path, out);
      }
      path->pop_back();
    }
  }
}

// Applies mutation `kind` (0: remove, 1: empty/negative, 2: odd value) at `path`.
void Mutate(google::protobuf::Message* root, const FieldPath& path, int kind) {
  google::protobuf::Message* message = root;
  for (size_t i = 0; i + 1 < path.size(); ++i) {
    const auto [field, index] = path[i];
    const auto* r = message->GetReflection();
    message = index < 0 ? r->MutableMessage(message, field)
                        : r->MutableRepeatedMessage(message, field, index);
  }
  const auto [field, index] = path.back();
  const auto* r = message->GetReflection();
  using FD = google::protobuf::FieldDescriptor;
  if (kind == 0) {
    if (index < 0) {
      r->ClearField(message, field);
    } else {
      for (int i = index; i + 1 < r->FieldSize(*message, field); ++i) {
        r->SwapElements(message, field, i, i + 1);
      }
      r->RemoveLast(message, field);
    }
    return;
  }
  switch (field->cpp_type()) {
    case FD::CPPTYPE_STRING: {
      const std::string value = kind == 1 ? "" : "X";
      index < 0 ? r->SetString(message, field, value)
                : r->SetRepeatedString(message, field, index, value);
      break;
    }
    case FD::CPPTYPE_INT64: {
      const int64_t value = kind == 1 ? -1 : (int64_t{1} << 40);
      index < 0 ? r->SetInt64(message, field, value)
                : r->SetRepeatedInt64(message, field, index, value);
      break;
    }
    case FD::CPPTYPE_INT32: {
      const int32_t value = kind == 1 ? -1 : 1000;
      index < 0 ? r->SetInt32(message, field, value)
                : r->SetRepeatedInt32(message, field, index, value);
      break;
    }
    case FD::CPPTYPE_MESSAGE:
      if (kind == 1) {
        (index < 0 ? r->MutableMessage(message, field)
                   : r->MutableRepeatedMessage(message, field, index))
            ->Clear();
      }
      break;
    default:
      break;
  }
}

// Every field of a model with subgraphs, functions and constants, removed,
// emptied or set to odd values: the checker and inference report problems
// and never crash or hang.
TEST(MalformedInputTest, MutatedModelsDoNotCrash) {
  const ModelProto model = Parse(R"(<ir_version: 8, opset_import: ["" : 13, "local" : 1]>
    g (bool C, int64 M, float[2,3] X) => (float Y, float Z, float L) <int64[2] s = {3, 2}> {
      k = Constant <value_ints = [6]> ()
      R = Reshape (X, s)
      F = Reshape (R, k)
      Y = If (C) <
        then_branch = t () => (float[6] T) { T = Neg (F) },
        else_branch = e () => (float[6] E) { E = Abs (F) }
      >
      L = Loop (M, C, F) <
        body = b (int64 i, bool c, float[6] v) => (bool co, float[6] vo) {
          co = Identity (c)
          vo = Add (v, F)
        }
      >
      Z = local.Twice <ax = 0> (X)
    }
    <domain: "local", opset_import: ["" : 13]>
    Twice <ax = 1> (A) => (B) { B = Concat <axis = @ax> (A, A) }
  )");
  std::vector<FieldPath> paths;
  FieldPath path;
  CollectFieldPaths(model, &path, &paths);
  ASSERT_GT(paths.size(), 100u);
  int runs = 0;
  for (const FieldPath& p : paths) {
    for (int kind = 0; kind < 3; ++kind) {
      ModelProto mutated = model;
      Mutate(&mutated, p, kind);
      (void)CheckModel(mutated);
      (void)InferShapes(mutated, Strict());
      std::vector<std::string> problems;
      (void)InferShapesInPlace(mutated, {}, &problems);
      ++runs;
    }
  }
  EXPECT_EQ(runs, static_cast<int>(paths.size()) * 3);
}

TEST(MalformedInputTest, DeepSubgraphNestingIsAnError) {
  GraphProto graph;
  graph.set_name("leaf");
  NodeProto* neg = graph.add_node();
  neg->set_op_type("Neg");
  neg->add_input("X");
  neg->add_output("Y0");
  graph.add_output()->set_name("Y0");
  const GraphProto leaf = graph;
  for (int level = 1; level < 100; ++level) {
    GraphProto outer;
    outer.set_name(absl::StrCat("level", level));
    NodeProto* node = outer.add_node();
    node->set_op_type("If");
    node->add_input("C");
    node->add_output(absl::StrCat("Y", level));
    for (const char* branch : {"then_branch", "else_branch"}) {
      *node->add_attribute() =
          GraphAttr(branch, std::string(branch) == "then_branch" ? graph : leaf);
    }
    outer.add_output()->set_name(absl::StrCat("Y", level));
    graph = std::move(outer);
  }
  ModelProto model = Parse(Model13("g (bool C, float[2] X) => (float Y99) { Y99 = Neg (X) }"));
  *model.mutable_graph()->mutable_node(0) = graph.node(0);
  EXPECT_THAT(StrictError(model), EndsWith("subgraphs nest deeper than 64 levels"));
}

}  // namespace
}  // namespace onnxforge
