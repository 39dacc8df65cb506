#include "tools/gen_doc/schema_diff.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"

namespace onnxforge::gen_doc {
namespace {

OpSchema Schema(int version) { return OpSchema("Op", "", version, "test.cc", 1); }

std::vector<std::string> Texts(const std::vector<SchemaChange>& changes) {
  std::vector<std::string> texts;
  for (const SchemaChange& change : changes) texts.push_back(change.text);
  return texts;
}

std::vector<ChangeKind> Kinds(const std::vector<SchemaChange>& changes) {
  std::vector<ChangeKind> kinds;
  for (const SchemaChange& change : changes) kinds.push_back(change.kind);
  return kinds;
}

using Texts_ = std::vector<std::string>;

TEST(SchemaDiff, EqualSchemasHaveNoChanges) {
  OpSchema before = Schema(1);
  before.Attr("axis", "", AttributeProto::INT, int64_t{0})
      .Input(0, "X", "", "T")
      .Output(0, "Y", "", "T")
      .TypeConstraint("T", {"tensor(float)"}, "");
  OpSchema after = Schema(6);
  after.Attr("axis", "other words", AttributeProto::INT, int64_t{0})
      .Input(0, "X", "other words", "T")
      .Output(0, "Y", "", "T")
      .TypeConstraint("T", {"tensor(float)"}, "other words");
  EXPECT_TRUE(DiffSchemas(before, after).empty());
}

TEST(SchemaDiff, Attributes) {
  OpSchema before = Schema(1);
  before.Attr("kept", "", AttributeProto::INT, int64_t{1})
      .Attr("retyped", "", AttributeProto::INT, int64_t{0})
      .Attr("becomes_required", "", AttributeProto::FLOAT, 0.5f)
      .Attr("gets_default", "", AttributeProto::STRING)
      .Attr("dropped", "", AttributeProto::INTS);
  OpSchema after = Schema(6);
  after.Attr("kept", "", AttributeProto::INT, int64_t{-1})
      .Attr("retyped", "", AttributeProto::INTS, std::vector<int64_t>{0})
      .Attr("becomes_required", "", AttributeProto::FLOAT, /*required=*/true)
      .Attr("gets_default", "", AttributeProto::STRING, "NOTSET")
      .Attr("fresh", "", AttributeProto::FLOATS, std::vector<float>{})
      .Attr("fresh_required", "", AttributeProto::GRAPH, /*required=*/true);
  EXPECT_EQ(Texts(DiffSchemas(before, after)),
            (Texts_{
                "attribute `kept`: default changed from `1` to `-1`",
                "attribute `retyped`: type changed from int to ints",
                "attribute `retyped`: default changed from `0` to `[0]`",
                "attribute `becomes_required`: default changed from `0.5` to required",
                "attribute `gets_default`: default changed from no default to `\"NOTSET\"`",
                "attribute `fresh` added (floats, default `[]`)",
                "attribute `fresh_required` added (graph, required)",
                "attribute `dropped` removed",
            }));
  EXPECT_EQ(Kinds(DiffSchemas(before, after)),
            (std::vector<ChangeKind>{
                ChangeKind::kAttributeDefaultChanged, ChangeKind::kAttributeTypeChanged,
                ChangeKind::kAttributeDefaultChanged, ChangeKind::kAttributeDefaultChanged,
                ChangeKind::kAttributeDefaultChanged, ChangeKind::kAttributeAdded,
                ChangeKind::kAttributeAdded, ChangeKind::kAttributeRemoved}));
}

TEST(SchemaDiff, AttributeTurnedIntoInputAndBack) {
  OpSchema before = Schema(11);
  before.Attr("split", "", AttributeProto::INTS)
      .Input(0, "input", "", "T")
      .Input(1, "bias", "", "T");
  OpSchema after = Schema(13);
  after.Attr("bias", "", AttributeProto::FLOAT, 0.0f)
      .Input(0, "input", "", "T")
      .Input(1, "split", "", "tensor(int64)", FormalOption::kOptional, true, 1,
             Differentiability::kNonDifferentiable);
  const std::vector<SchemaChange> changes = DiffSchemas(before, after);
  EXPECT_EQ(Texts(changes),
            (Texts_{
                "`split` turned from an attribute into an input (`tensor(int64)`, optional, "
                "not differentiable)",
                "`bias` turned from an input into an attribute (float, default `0.0`)",
            }));
  EXPECT_EQ(Kinds(changes), (std::vector<ChangeKind>{ChangeKind::kAttributeBecameInput,
                                                     ChangeKind::kInputBecameAttribute}));
  EXPECT_EQ(changes[0].subject, "split");
}

TEST(SchemaDiff, InputsAndOutputs) {
  OpSchema before = Schema(1);
  before.Input(0, "X", "", "T")
      .Input(1, "bound", "", "T")
      .Input(2, "old", "", "T")
      .Input(3, "rest", "", "T", FormalOption::kVariadic, true, 1)
      .Output(0, "Y", "", "T")
      .Output(1, "mask", "", "T")
      .Output(2, "gone", "", "T");
  OpSchema after = Schema(7);
  after.Input(0, "X", "", "T1", FormalOption::kSingle, true, 1, Differentiability::kDifferentiable)
      .Input(1, "bound", "", "T", FormalOption::kOptional)
      .Input(2, "rest", "", "T", FormalOption::kVariadic, false, 2)
      .Input(3, "axes", "", "tensor(int64)", FormalOption::kOptional)
      .Output(0, "Y", "", "T", FormalOption::kSingle, true, 1,
              Differentiability::kNonDifferentiable)
      .Output(1, "mask", "", "T", FormalOption::kOptional)
      .Output(2, "extra", "", "T2", FormalOption::kOptional);
  EXPECT_EQ(Texts(DiffSchemas(before, after)),
            (Texts_{
                "input `X`: type changed from `T` to `T1`",
                "input `X`: differentiability changed from unstated to differentiable",
                "input `bound`: changed from single to optional",
                "input `rest`: changed from variadic, at least 1 to variadic (mixed types), at "
                "least 2",
                "input `axes` added (`tensor(int64)`, optional)",
                "input `old` removed",
                "output `Y`: differentiability changed from unstated to not differentiable",
                "output `mask`: changed from single to optional",
                "output `extra` added (`T2`, optional)",
                "output `gone` removed",
            }));
}

TEST(SchemaDiff, TypeConstraints) {
  OpSchema before = Schema(6);
  before.TypeConstraint("T", {"tensor(float)", "tensor(double)", "tensor(int8)"}, "")
      .TypeConstraint("T1", {"tensor(int64)"}, "")
      .TypeConstraint("Told", {"tensor(bool)"}, "");
  OpSchema after = Schema(13);
  after
      .TypeConstraint("T", {"tensor(double)", "tensor(float)", "tensor(bfloat16)", "tensor(int16)"},
                      "")
      .TypeConstraint("T1", {"tensor(int64)"}, "")
      .TypeConstraint("U", {"tensor(float)", "tensor(bfloat16)"}, "");
  const std::vector<SchemaChange> changes = DiffSchemas(before, after);
  EXPECT_EQ(Texts(changes), (Texts_{
                                "type constraint `T` allows `tensor(bfloat16)`, `tensor(int16)`",
                                "type constraint `T` no longer allows `tensor(int8)`",
                                "type constraint `U` added: `tensor(float)`, `tensor(bfloat16)`",
                                "type constraint `Told` removed",
                            }));
  EXPECT_EQ(Kinds(changes),
            (std::vector<ChangeKind>{
                ChangeKind::kConstraintTypesAdded, ChangeKind::kConstraintTypesRemoved,
                ChangeKind::kConstraintAdded, ChangeKind::kConstraintRemoved}));
}

FunctionBodyBuilder BuilderOf(std::string text) {
  return [text](const FunctionBodyContext&) -> absl::StatusOr<std::string> { return text; };
}

TEST(SchemaDiff, FunctionBodyAddedChangedRemoved) {
  OpSchema none = Schema(1);
  OpSchema fixed = Schema(6);
  fixed.FunctionBody("Y = Identity (X)");
  OpSchema fixed_other = Schema(13);
  fixed_other.FunctionBody("Y = Neg (X)");
  OpSchema fixed_same = Schema(14);
  fixed_same.FunctionBody("  Y = Neg (X)\n");
  OpSchema built = Schema(18);
  built.ContextDependentFunctionBody(BuilderOf("Y = Neg (X)"));
  OpSchema built_other = Schema(19);
  built_other.ContextDependentFunctionBody(BuilderOf("Y = Abs (X)"));
  OpSchema needs_node = Schema(20);
  needs_node.ContextDependentFunctionBody(
      [](const FunctionBodyContext&) -> absl::StatusOr<std::string> {
        return absl::FailedPreconditionError("needs the type of X");
      });

  EXPECT_EQ(Texts(DiffSchemas(none, fixed)), (Texts_{"function body added (fixed)"}));
  EXPECT_EQ(Texts(DiffSchemas(fixed, fixed_other)), (Texts_{"function body changed"}));
  EXPECT_TRUE(DiffSchemas(fixed_other, fixed_same).empty());
  EXPECT_EQ(Texts(DiffSchemas(fixed_same, built)),
            (Texts_{"function body changed from fixed to built per node"}));
  EXPECT_EQ(Texts(DiffSchemas(built, built_other)), (Texts_{"function body changed"}));
  // A body that cannot be built without a node cannot be compared.
  EXPECT_TRUE(DiffSchemas(built_other, needs_node).empty());
  EXPECT_EQ(Texts(DiffSchemas(needs_node, none)), (Texts_{"function body removed"}));
  EXPECT_EQ(Texts(DiffSchemas(none, built)), (Texts_{"function body added (built per node)"}));
}

TEST(SchemaDiff, BodyInForceAtEachVersionIsCompared) {
  // Version 6 has its body from opset 6; version 13 gains a second body at
  // opset 18, which does not count against version 6.
  OpSchema before = Schema(6);
  before.FunctionBody("Y = Identity (X)");
  OpSchema after = Schema(13);
  after.FunctionBody("Y = Identity (X)").FunctionBody("Y = Neg (X)", 18);
  EXPECT_TRUE(DiffSchemas(before, after).empty());
}

TEST(SchemaDiff, Deprecation) {
  OpSchema before = Schema(1);
  OpSchema after = Schema(5);
  after.Deprecate();
  EXPECT_EQ(Texts(DiffSchemas(before, after)), (Texts_{"the operator is deprecated"}));
  EXPECT_TRUE(DiffSchemas(after, after).empty());
}

}  // namespace
}  // namespace onnxforge::gen_doc
