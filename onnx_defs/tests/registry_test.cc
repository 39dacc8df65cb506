// The registry is consistent: every schema registered once, by the opset
// class that introduced it, inside its domain's range; and look-ups pick the
// version in force.
#include "onnx_defs/schema.h"

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace onnxforge {
namespace {

TEST(Registry, HasNoProblems) {
  const auto& registry = SchemaRegistry::Instance();
  std::string report;
  for (const auto& p : registry.problems()) {
    absl::StrAppend(&report, p.file, ":", p.line, ": ", p.message, "\n");
  }
  EXPECT_EQ(report, "");
}

TEST(Registry, EveryDomainHasAnOpsetClassPerVersionInItsRange) {
  for (const auto& range : kDomainOpsetRanges) {
    std::vector<int> expected;
    for (int v = range.min_version; v <= range.max_version; ++v) expected.push_back(v);
    EXPECT_EQ(RegisteredOpsetClassVersions(range.domain), expected)
        << "domain '" << range.domain << "'";
  }
}

TEST(Registry, LookupGivesTheVersionInForce) {
  const auto& registry = SchemaRegistry::Instance();
  EXPECT_EQ(registry.Lookup("Abs", 1)->since_version(), 1);
  EXPECT_EQ(registry.Lookup("Abs", 5)->since_version(), 1);
  EXPECT_EQ(registry.Lookup("Abs", 6)->since_version(), 6);
  EXPECT_EQ(registry.Lookup("Abs", 12)->since_version(), 6);
  EXPECT_EQ(registry.Lookup("Abs", 28)->since_version(), 13);
  EXPECT_EQ(registry.Lookup("Abs", 13, "ai.onnx")->since_version(), 13);
  EXPECT_EQ(registry.Lookup("Abs", 0), nullptr);
  EXPECT_EQ(registry.Lookup("NoSuchOp", 13), nullptr);
  EXPECT_EQ(registry.Lookup("Abs", 13, "ai.onnx.ml"), nullptr);
}

TEST(Registry, ArityIsDerivedFromFormals) {
  const OpSchema* abs = SchemaRegistry::Instance().Exact("Abs", 13);
  ASSERT_NE(abs, nullptr);
  EXPECT_EQ(abs->min_input(), 1);
  EXPECT_EQ(abs->max_input(), 1);
  EXPECT_EQ(abs->min_output(), 1);
  EXPECT_EQ(abs->max_output(), 1);
}

TEST(Registry, ReportsSinceVersionOutsideRangeAndWrongOpsetClass) {
  SchemaRegistry registry;
  registry.Register(OpSchema("Foo", "", 29, "onnx_defs/x/defs.cc", 7), 29);
  registry.Register(OpSchema("Bar", "", 3, "onnx_defs/x/old.cc", 9), 4);
  registry.Register(OpSchema("Bar", "", 3, "onnx_defs/x/old.cc", 12), 3);
  ASSERT_EQ(registry.problems().size(), 3u);
  EXPECT_EQ(registry.problems()[0].message,
            "Foo-29 (ai.onnx): since_version 29 is outside the domain's opset range 1..28 in schema.h");
  EXPECT_EQ(registry.problems()[0].file, "onnx_defs/x/defs.cc");
  EXPECT_EQ(registry.problems()[0].line, 7);
  EXPECT_EQ(registry.problems()[1].message,
            "Bar-3 (ai.onnx) is registered by the opset 4 class; register it in opset 3, which introduced it");
  EXPECT_EQ(registry.problems()[2].message, "Bar-3 (ai.onnx) is registered twice");
  EXPECT_EQ(registry.problems()[2].line, 12);
}

TEST(Registry, RegisterForTestingAddsToTheSharedRegistry) {
  EXPECT_TRUE(SchemaRegistry::RegisterForTesting(
                  OpSchema("RegistryTestOnlyOp", "", 2, "onnx_defs/tests/registry_test.cc", 3))
                  .ok());
  const OpSchema* added = SchemaRegistry::Instance().Lookup("RegistryTestOnlyOp", 5);
  ASSERT_NE(added, nullptr);
  EXPECT_EQ(added->since_version(), 2);
  EXPECT_EQ(added->line(), 3);
}

TEST(Registry, RegisterForTestingReturnsTheProblemsWithoutKeepingThem) {
  const absl::Status again = SchemaRegistry::RegisterForTesting(
      OpSchema("RegistryTestOnlyOp2", "ai.onnx.ml", 1, "onnx_defs/tests/registry_test.cc", 8));
  ASSERT_TRUE(again.ok()) << again;
  const absl::Status twice = SchemaRegistry::RegisterForTesting(
      OpSchema("RegistryTestOnlyOp2", "ai.onnx.ml", 1, "onnx_defs/tests/registry_test.cc", 9));
  EXPECT_EQ(twice.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(twice.message(),
            "onnx_defs/tests/registry_test.cc:9: RegistryTestOnlyOp2-1 (ai.onnx.ml) is "
            "registered twice");
  const absl::Status outside = SchemaRegistry::RegisterForTesting(
      OpSchema("RegistryTestOnlyOp3", "", 99, "onnx_defs/tests/registry_test.cc", 12));
  EXPECT_EQ(outside.message(),
            "onnx_defs/tests/registry_test.cc:12: RegistryTestOnlyOp3-99 (ai.onnx): "
            "since_version 99 is outside the domain's opset range 1..28 in schema.h");
  EXPECT_TRUE(SchemaRegistry::Instance().problems().empty());
}

}  // namespace
}  // namespace onnxforge
