#include "onnx_defs/function_body.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/syntax/parser.h"
#include "ir/tensor_util.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/tests/function_test_schemas.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

using ::testing::ElementsAre;

class FunctionBodyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { testing::RegisterFunctionTestSchemas(); }

  static const OpSchema& Schema(const char* op, int opset = 1) {
    const OpSchema* schema = SchemaRegistry::Instance().Lookup(op, opset);
    EXPECT_NE(schema, nullptr) << op;
    return *schema;
  }
};

NodeProto Node(const std::string& text) {
  absl::StatusOr<NodeProto> node = ParseNode(text);
  EXPECT_TRUE(node.ok()) << node.status();
  return node.ok() ? *node : NodeProto();
}

std::vector<std::string> Inputs(const NodeProto& node) {
  return {node.input().begin(), node.input().end()};
}
std::vector<std::string> Outputs(const NodeProto& node) {
  return {node.output().begin(), node.output().end()};
}

TEST_F(FunctionBodyTest, RenamesFormalsAndPrefixesInternalNames) {
  auto nodes =
      ExpandFunctionBody(Schema("TestSoftNeg"), Node("Y = TestSoftNeg <axis = 1> (X)"), 13, {});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  ASSERT_EQ(nodes->size(), 2u);
  const NodeProto& softmax = (*nodes)[0];
  EXPECT_EQ(softmax.op_type(), "Softmax");
  EXPECT_THAT(Inputs(softmax), ElementsAre("X"));
  EXPECT_THAT(Outputs(softmax), ElementsAre("Y__S"));
  ASSERT_EQ(softmax.attribute_size(), 1);
  EXPECT_EQ(softmax.attribute(0).name(), "axis");
  EXPECT_EQ(softmax.attribute(0).type(), AttributeProto::INT);
  EXPECT_EQ(softmax.attribute(0).i(), 1);
  EXPECT_TRUE(softmax.attribute(0).ref_attr_name().empty());
  EXPECT_THAT(Inputs((*nodes)[1]), ElementsAre("Y__S"));
  EXPECT_THAT(Outputs((*nodes)[1]), ElementsAre("Y"));
}

TEST_F(FunctionBodyTest, AbsentAttributesTakeTheSchemaDefault) {
  auto nodes = ExpandFunctionBody(Schema("TestSoftNeg"), Node("Y = TestSoftNeg (X)"), 13, {});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  ASSERT_EQ((*nodes)[0].attribute_size(), 1);
  EXPECT_EQ((*nodes)[0].attribute(0).i(), -1);
}

TEST_F(FunctionBodyTest, ExplicitPrefix) {
  auto body = ExpandSchemaCall(Schema("TestSoftNeg"), Node("Y = TestSoftNeg (X)"), 13, {}, "p/");
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_THAT(Outputs(body->nodes[0]), ElementsAre("p/S"));
  EXPECT_EQ(body->opsets.at(""), 13);
}

TEST_F(FunctionBodyTest, DropsNodesOfAbsentOptionalInputs) {
  auto nodes = ExpandFunctionBody(Schema("TestOptional"), Node("Y = TestOptional (A)"), 13, {});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  ASSERT_EQ(nodes->size(), 1u);
  EXPECT_THAT(Inputs((*nodes)[0]), ElementsAre("A"));
  EXPECT_THAT(Outputs((*nodes)[0]), ElementsAre("Y"));

  nodes = ExpandFunctionBody(Schema("TestOptional"), Node("Y = TestOptional (A, B)"), 13, {});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  ASSERT_EQ(nodes->size(), 2u);
  // The call leaves out output Z: the body still computes it, internally.
  EXPECT_THAT(Outputs((*nodes)[1]), ElementsAre("Y__Z"));
}

TEST_F(FunctionBodyTest, ContextDependentBodiesSeeInputTypes) {
  const TypeProto float_type = testing::TensorType(TensorProto::FLOAT, {2});
  const TypeProto int_type = testing::TensorType(TensorProto::INT64, {2});
  auto nodes =
      ExpandFunctionBody(Schema("TestBuilt"), Node("Y = TestBuilt (X)"), 13, {&float_type});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  EXPECT_EQ((*nodes)[0].op_type(), "Identity");
  nodes = ExpandFunctionBody(Schema("TestBuilt"), Node("Y = TestBuilt (X)"), 13, {&int_type});
  ASSERT_TRUE(nodes.ok()) << nodes.status();
  EXPECT_EQ((*nodes)[0].op_type(), "Cast");
  nodes = ExpandFunctionBody(Schema("TestBuilt"), Node("Y = TestBuilt (X)"), 13, {nullptr});
  EXPECT_EQ(nodes.status().message(),
            "TestBuilt-1 (ai.onnx): building the function body failed: input type unknown");
}

TEST_F(FunctionBodyTest, OpsWithoutBody) {
  const OpSchema& add = Schema("Add", 14);
  EXPECT_FALSE(HasFunctionBodyAt(add, 14));
  auto nodes = ExpandFunctionBody(add, Node("Z = Add (X, Y)"), 14, {});
  EXPECT_EQ(nodes.status().message(), "Add-14 (ai.onnx) has no function body at opset 14");
}

TEST_F(FunctionBodyTest, LocalFunctionsWithSubgraphs) {
  absl::StatusOr<FunctionProto> function = ParseFunction(R"(
    <domain: "local", opset_import: ["" : 13]>
    Pick <k = 2> (C, A) => (B) {
      B = If (C) <
        then_branch = t () => (float T) { T = Neg (A) },
        else_branch = e () => (float E) { E = Constant <value_int = @k> () }
      >
    })");
  ASSERT_TRUE(function.ok()) << function.status();
  auto body = ExpandLocalFunctionCall(*function, Node("Out = local.Pick (cond, x)"));
  ASSERT_TRUE(body.ok()) << body.status();
  ASSERT_EQ(body->nodes.size(), 1u);
  const NodeProto& if_node = body->nodes[0];
  EXPECT_THAT(Inputs(if_node), ElementsAre("cond"));
  EXPECT_THAT(Outputs(if_node), ElementsAre("Out"));
  const GraphProto& then_branch = if_node.attribute(0).g();
  EXPECT_THAT(Inputs(then_branch.node(0)), ElementsAre("x"));
  EXPECT_THAT(Outputs(then_branch.node(0)), ElementsAre("Out__T"));
  EXPECT_EQ(then_branch.output(0).name(), "Out__T");
  const AttributeProto& k = if_node.attribute(1).g().node(0).attribute(0);
  EXPECT_EQ(k.name(), "value_int");
  EXPECT_EQ(k.i(), 2);
  EXPECT_EQ(body->opsets.at(""), 13);
}

// Every body a registered schema carries parses and expands.
TEST_F(FunctionBodyTest, EveryRegisteredFixedBodyExpands) {
  int bodies = 0;
  for (const OpSchema* schema : SchemaRegistry::Instance().All()) {
    for (int opset : schema->function_opset_versions()) {
      NodeProto call;
      call.set_op_type(schema->name());
      call.set_domain(schema->domain());
      for (const auto& formal : schema->inputs()) call.add_input(formal.name);
      for (const auto& formal : schema->outputs()) call.add_output(formal.name);
      std::vector<const TypeProto*> types(schema->inputs().size(), nullptr);
      auto body = ExpandSchemaCall(*schema, call, opset, types);
      EXPECT_TRUE(body.ok()) << schema->Describe() << " at opset " << opset << ": "
                             << body.status();
      ++bodies;
    }
  }
  EXPECT_GT(bodies, 0);
}

// The type a test call gives an input: float when the formal allows it.
TypeProto SampleInputType(const OpSchema& schema, const FormalParameter& formal) {
  std::string type_str = formal.type_str;
  if (const TypeConstraint* c = schema.FindTypeConstraint(formal.type_str)) {
    const auto& allowed = c->allowed_type_strs;
    type_str = std::find(allowed.begin(), allowed.end(), "tensor(float)") != allowed.end()
                   ? "tensor(float)"
                   : allowed.front();
  }
  absl::StatusOr<TypeProto> type = TypeFromString(type_str);
  if (!type.ok()) return TypeProto();
  if (type->has_tensor_type()) {
    auto* shape = type->mutable_tensor_type()->mutable_shape();
    shape->add_dim()->set_dim_value(2);
    shape->add_dim()->set_dim_value(3);
  }
  return *type;
}

// Every context-dependent body builds and expands for a call with all
// inputs present.
TEST_F(FunctionBodyTest, EveryRegisteredBuiltBodyExpands) {
  int bodies = 0;
  for (const OpSchema* schema : SchemaRegistry::Instance().All()) {
    if (schema->name().rfind("Test", 0) == 0) continue;  // this file's own
    for (int opset : schema->context_dependent_function_opset_versions()) {
      NodeProto call;
      call.set_op_type(schema->name());
      call.set_domain(schema->domain());
      std::vector<TypeProto> types;
      for (const auto& formal : schema->inputs()) {
        call.add_input(formal.name);
        types.push_back(SampleInputType(*schema, formal));
      }
      for (const auto& formal : schema->outputs()) call.add_output(formal.name);
      std::vector<const TypeProto*> type_ptrs;
      for (const auto& t : types) type_ptrs.push_back(&t);
      auto body = ExpandSchemaCall(*schema, call, opset, type_ptrs);
      EXPECT_TRUE(body.ok()) << schema->Describe() << " at opset " << opset << ": "
                             << body.status();
      ++bodies;
    }
  }
  EXPECT_GT(bodies, 0);
}

}  // namespace
}  // namespace onnxforge
