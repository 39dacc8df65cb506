// The building blocks of the generated docs, and the three documents for a
// small registry of made-up ai.onnx.ml operators, compared with golden text
// under testdata/. After a deliberate change of the format, rerun with
// --test_env=GEN_DOC_GOLDEN_OUT=/some/dir, review the files written there
// and copy them over testdata/.
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "onnx_defs/schema.h"
#include "tests/examples/runner.h"
#include "tools/gen_doc/backend_test_counts.h"
#include "tools/gen_doc/changelog_doc.h"
#include "tools/gen_doc/coverage_doc.h"
#include "tools/gen_doc/doc_names.h"
#include "tools/gen_doc/example_index.h"
#include "tools/gen_doc/function_bodies.h"
#include "tools/gen_doc/markdown.h"
#include "tools/gen_doc/operators_doc.h"
#include "tools/gen_doc/schema_text.h"

namespace onnxforge::gen_doc {
namespace {

TEST(Markdown, CodeSpansAndBlocksOutgrowTheBackticksInside) {
  EXPECT_EQ(Code("T"), "`T`");
  EXPECT_EQ(Code("a`b"), "``a`b``");
  EXPECT_EQ(Code("`x"), "`` `x ``");
  EXPECT_EQ(CodeBlock("Y = Neg (X)\n\n"), "```\nY = Neg (X)\n```\n");
  EXPECT_EQ(CodeBlock("a ```` b"), "`````\na ```` b\n`````\n");
}

TEST(Markdown, OneLineFoldsSpacesAndEscapesBars) {
  EXPECT_EQ(OneLine("  a |b|\n  c\t d  "), "a \\|b\\| c d");
  EXPECT_EQ(OneLine(""), "");
}

TEST(SchemaText, AttributeValues) {
  EXPECT_EQ(AttributeValueText(FloatAttr("epsilon", 1e-5f)), "1e-05");
  EXPECT_EQ(AttributeValueText(StringAttr("auto_pad", "NOTSET")), "\"NOTSET\"");
  EXPECT_EQ(AttributeValueText(IntsAttr("axes", {})), "[]");
  EXPECT_EQ(AttributeValueText(IntsAttr("axes", {1, -2})), "[1, -2]");
}

TEST(SchemaText, Summaries) {
  AttributeDef required{"axes", "", AttributeProto::INTS, true, std::nullopt};
  EXPECT_EQ(AttributeSummary(required), "ints, required");
  AttributeDef optional{"seed", "", AttributeProto::INT, false, std::nullopt};
  EXPECT_EQ(AttributeSummary(optional), "int, optional");

  FormalParameter variadic;
  variadic.type_str = "T";
  variadic.option = FormalOption::kVariadic;
  variadic.min_arity = 2;
  variadic.differentiability = Differentiability::kNonDifferentiable;
  EXPECT_EQ(FormalSummary(variadic), "`T`, variadic, at least 2, not differentiable");
  EXPECT_EQ(ArityText(1, 3), "1 to 3");
  EXPECT_EQ(ArityText(2, std::numeric_limits<int>::max()), "2 or more");
  EXPECT_EQ(ArityText(1, 1), "1");
}

TEST(FunctionBodies, StandInNodePassesEveryInputAndSetsNoAttribute) {
  OpSchema schema("Op", "", 13, "test.cc", 1);
  schema.Attr("alpha", "", AttributeProto::FLOAT, 1.0f)
      .Input(0, "X", "", "T")
      .Input(1, "min", "", "T", FormalOption::kOptional)
      .Output(0, "Y", "", "T")
      .ContextDependentFunctionBody(
          [](const FunctionBodyContext& ctx) -> absl::StatusOr<std::string> {
            return std::string(ctx.attribute("alpha") == nullptr ? "no alpha" : "alpha") +
                   (ctx.has_input(1) ? ", min" : "") + (ctx.has_input(2) ? ", third" : "") +
                   (ctx.has_output(0) ? ", Y" : "") +
                   (ctx.input_type(0) == nullptr ? ", untyped" : "");
          })
      .FunctionBody("Y = Identity (X)", 18);
  const std::vector<FunctionBodyView> bodies = FunctionBodies(schema);
  ASSERT_EQ(bodies.size(), 2u);
  EXPECT_EQ(bodies[0].opset, 13);
  EXPECT_TRUE(bodies[0].context_dependent);
  EXPECT_EQ(bodies[0].text, "no alpha, min, Y, untyped");
  EXPECT_EQ(bodies[1].opset, 18);
  EXPECT_FALSE(bodies[1].context_dependent);
  EXPECT_EQ(bodies[1].text, "Y = Identity (X)");
  EXPECT_EQ(FunctionBodyAt(schema, 17)->opset, 13);
  EXPECT_EQ(FunctionBodyAt(schema, 18)->opset, 18);
  EXPECT_FALSE(FunctionBodyAt(schema, 12).has_value());
}

TEST(BackendTestCounts, ReadsThePerOpTable) {
  const std::string report =
      "# Report\n\n## Summary\n\n| tests | count |\n|---|---:|\n| all | 9 |\n\n"
      "## Per op\n\n| op | in the slice | tests | passed |\n|---|---|---:|---:|\n"
      "| Abs | yes | 1 | 1 |\n| ai.onnx.ml.ZipMap | no | 4 | 0 |\n\n"
      "## Later\n\n| a | b | c |\n|---|---|---|\n| x | y | 7 |\n";
  absl::StatusOr<BackendTestCounts> counts = ParseBackendTestCounts(report, "report.md");
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(*counts, (BackendTestCounts{{"Abs", 1}, {"ai.onnx.ml.ZipMap", 4}}));
}

TEST(BackendTestCounts, NamesTheBadRow) {
  const std::string report =
      "## Per op\n\n| op | in | tests |\n|---|---|---|\n| Abs | yes | many |\n";
  EXPECT_EQ(ParseBackendTestCounts(report, "r.md").status().message(),
            "r.md:5: expected a row 'op | in the slice | tests | ...' of the '## Per op' table");
  EXPECT_EQ(ParseBackendTestCounts("# nothing\n", "r.md").status().message(),
            "r.md: no '## Per op' table; regenerate the report with `bazel run "
            "//tests/conformance:conformance_report`");
}

// ---- The documents for a small registry --------------------------------

SchemaRegistry SmallRegistry() {
  SchemaRegistry registry;
  OpSchema twice1("Twice", kMlDomain, 1, "test.cc", 1);
  twice1.Doc("Multiplies X by scale.")
      .Attr("scale", "The factor.", AttributeProto::FLOAT, 2.0f)
      .Input(0, "X", "The input.", "T")
      .Output(0, "Y", "The product.", "T")
      .TypeConstraint("T", {"tensor(float)"}, "Floats.");
  registry.Register(twice1, 1);
  OpSchema twice3("Twice", kMlDomain, 3, "test.cc", 2);
  twice3.Doc("Multiplies X by scale and adds the optional bias.")
      .Attr("scale", "The factor.", AttributeProto::FLOAT, 2.0f)
      .Input(0, "X", "The input.", "T", FormalOption::kSingle, true, 1,
             Differentiability::kDifferentiable)
      .Input(1, "bias", "Added | after.", "T", FormalOption::kOptional)
      .Output(0, "Y", "The result.", "T")
      .TypeConstraint("T", {"tensor(float)", "tensor(double)"}, "Floats.")
      .FunctionBody("Scale = Constant <value_float = 2.0> ()\nY = Mul (X, Scale)");
  registry.Register(twice3, 3);
  // Version 5 takes the scale as an input; no example runs it.
  OpSchema twice5("Twice", kMlDomain, 5, "test.cc", 3);
  twice5.Doc("Multiplies X by the scale input and adds the optional bias.")
      .Input(0, "X", "The input.", "T", FormalOption::kSingle, true, 1,
             Differentiability::kDifferentiable)
      .Input(1, "bias", "Added | after.", "T", FormalOption::kOptional)
      .Input(2, "scale", "The factor.", "T")
      .Output(0, "Y", "The result.", "T")
      .TypeConstraint("T", {"tensor(float)", "tensor(double)"}, "Floats.");
  registry.Register(twice5, 5);
  OpSchema plain("Plain", kMlDomain, 2, "test.cc", 4);
  plain.Doc("Passes its inputs through.")
      .Input(0, "inputs", "Any values.", "T", FormalOption::kVariadic, false, 1)
      .Output(0, "outputs", "The same values.", "T", FormalOption::kVariadic, false, 1)
      .TypeConstraint("T", {"tensor(float)"}, "")
      .Deprecate();
  registry.Register(plain, 2);
  return registry;
}

constexpr char kExamples[] = R"(# Made-up examples.

=== twice_v1
# Doubles the input.
<ir_version: 8, opset_import: ["ai.onnx.ml" : 1]>
twice_v1 (float[2] X) => (float[2] Y) {
    Y = ai.onnx.ml.Twice (X)
}
--- inputs
float[2] X = {1.0, -2.0}
--- outputs
float[2] Y = {2.0, -4.0}

=== twice_v3_bad_type
<ir_version: 8, opset_import: ["ai.onnx.ml" : 4]>
twice_v3_bad_type (int32[1] X) => (int32[1] Y) {
    Y = ai.onnx.ml.Twice (X)
}
--- inputs
int32[1] X = {1}
--- error
does not allow int32
)";

// The golden text of `name`; also writes `actual` out when asked to.
// An example file for an op the registry does not have.
constexpr char kUnknownOpExamples[] = R"(=== unknown_op
<ir_version: 8, opset_import: ["ai.onnx.ml" : 1]>
unknown_op (float[1] X) => (float[1] Y) {
    Y = ai.onnx.ml.Unknown (X)
}
--- inputs
float[1] X = {1.0}
--- outputs
float[1] Y = {1.0}
)";

std::string Golden(const std::string& name, const std::string& actual) {
  if (const char* out = std::getenv("GEN_DOC_GOLDEN_OUT")) {
    std::ofstream(std::string(out) + "/" + name, std::ios::binary) << actual;
  }
  std::ifstream in("tools/gen_doc/testdata/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class SmallDocs : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::vector<examples::Example>> parsed =
        examples::ParseExamples(kExamples, "tests/examples/ai.onnx.ml/Twice.txt");
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    examples_ = *parsed;
    for (examples::Example& example : examples_) {
      example.domain = "ai.onnx.ml";
      example.op = "Twice";
    }
    absl::StatusOr<std::vector<examples::Example>> unknown =
        examples::ParseExamples(kUnknownOpExamples, "tests/examples/ai.onnx.ml/Unknown.txt");
    ASSERT_TRUE(unknown.ok()) << unknown.status();
    for (examples::Example& example : *unknown) {
      example.domain = "ai.onnx.ml";
      example.op = "Unknown";
      examples_.push_back(example);
    }
  }

  const DocGroup group_{"-ml", {kMlDomain}};
  const SchemaRegistry registry_ = SmallRegistry();
  std::vector<examples::Example> examples_;
};

TEST_F(SmallDocs, Operators) {
  ASSERT_TRUE(registry_.problems().empty());
  const ExampleIndex index(examples_, registry_);
  const std::string doc = OperatorsDoc(group_, registry_, index);
  EXPECT_EQ(doc, Golden("Operators-small.md", doc));
}

TEST_F(SmallDocs, Changelog) {
  const std::string doc = ChangelogDoc(group_, registry_);
  EXPECT_EQ(doc, Golden("Changelog-small.md", doc));
}

TEST_F(SmallDocs, Coverage) {
  const ExampleIndex index(examples_, registry_);
  const BackendTestCounts backend{{"ai.onnx.ml.Twice", 3}, {"ai.onnx.ml.Gone", 2}, {"Relu", 5}};
  const std::string doc = CoverageDoc(group_, registry_, index, backend);
  EXPECT_EQ(doc, Golden("TestCoverage-small.md", doc));
}

}  // namespace
}  // namespace onnxforge::gen_doc
