// The lint's rules on a small workspace with one mistake of each kind:
// the exact findings, in order.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tools/opdev/lint.h"
#include "tools/opdev/workspace.h"

namespace onnxforge::opdev {
namespace {

// An opset file with classes 1..`last` of a domain, registering `lines`
// (each "Name, version") in the class of its version.
std::string OpsetFile(const std::string& tag, const std::string& prefix, const std::string& list,
                      int last, const std::vector<std::pair<std::string, int>>& lines) {
  std::string out;
  std::string names;
  for (int v = 1; v <= last; ++v) {
    for (const auto& [name, version] : lines) {
      if (version == v) out += "ONNXFORGE_DECLARE_SCHEMA(" + tag + ", " + name + ", " + std::to_string(v) + ");\n";
    }
    out += "class " + prefix + std::to_string(v) + " {\n public:\n  static constexpr int kVersion = " +
           std::to_string(v) + ";\n  static void ForEachSchema(const F& fn) {\n";
    for (const auto& [name, version] : lines) {
      if (version == v) out += "    ONNXFORGE_REGISTER(" + tag + ", " + name + ", " + std::to_string(v) + ");\n";
    }
    out += "  }\n};\n";
    names += (v > 1 ? ", " : "") + prefix + std::to_string(v);
  }
  return out + "using " + list + " = OpsetClassList<" + names + ">;\n";
}

std::string Example(const std::string& name, const std::string& op, int opset) {
  return "=== " + name + "\n<ir_version: 8, opset_import: [\"\" : " + std::to_string(opset) +
         "]>\n" + name + " (float[1] X) => (float[1] Y) {\n    Y = " + op +
         "(X)\n}\n--- inputs\nfloat[1] X = {1.0}\n--- outputs\nfloat[1] Y = {1.0}\n\n";
}

class LintRules : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::string(std::getenv("TEST_TMPDIR")) + "/lint_rules";
    std::filesystem::remove_all(root_);
    Workspace ws(root_);
    ws.Write("onnx_defs/schema.h",
             "inline constexpr DomainOpsetRange kDomainOpsetRanges[] = {\n"
             "    {kOnnxDomain, 1, 3, 2},\n"
             "    {kMlDomain, 1, 1, 1},\n"
             "    {kTrainingDomain, 1, 1, 1},\n"
             "    {kPreviewTrainingDomain, 1, 1, 1},\n"
             "    {kPreviewDomain, 1, 1, 1},\n"
             "};\n");
    // Bar-2 registered in a second opset-3 class; Foo-3 not registered;
    // Gone-3 registered but defined nowhere; preview.training's class 2
    // outside its range.
    ws.Write("onnx_defs/operator_sets.h",
             OpsetFile("Onnx", "OnnxOpset", "OnnxOpsetClasses", 3,
                       {{"Bar", 1}, {"Foo", 1}, {"Foo", 2}, {"Gone", 3}}) +
                 "class OnnxOpset3 {\n public:\n  static constexpr int kVersion = 3;\n"
                 "  void F() {\n    ONNXFORGE_REGISTER(Onnx, Bar, 2);\n  }\n};\n");
    ws.Write("onnx_defs/operator_sets_ml.h",
             OpsetFile("OnnxML", "OnnxMlOpset", "OnnxMlOpsetClasses", 1, {}));
    ws.Write("onnx_defs/operator_sets_training.h",
             OpsetFile("OnnxTraining", "OnnxTrainingOpset", "OnnxTrainingOpsetClasses", 1, {}));
    ws.Write("onnx_defs/operator_sets_preview.h",
             OpsetFile("OnnxPreview", "OnnxPreviewOpset", "OnnxPreviewOpsetClasses", 1, {}) +
                 OpsetFile("OnnxPreviewTraining", "OnnxPreviewTrainingOpset",
                           "OnnxPreviewTrainingOpsetClasses", 2, {}));
    ws.Write("onnx_defs/math/defs.cc",
             "ONNXFORGE_SCHEMA(Onnx, Foo, 3) {\n"
             "  // No Doc( here: a comment does not count.\n"
             "  return schema.FunctionBody(\"Y = Abs (X)\");\n"
             "}\n"
             "ONNXFORGE_SCHEMA(Onnx, Bar, 1) {\n"
             "  return schema.Doc(\"Bar.\");\n"
             "}\n");
    ws.Write("onnx_defs/math/old.cc",
             "ONNXFORGE_SCHEMA(Onnx, Foo, 1) {\n"
             "  return schema.Doc(\"Foo.\");\n"
             "}\n"
             "ONNXFORGE_SCHEMA(Onnx, Foo, 2) {\n"
             "  return schema.Doc(\"Foo.\");  // TODO(opdev): say what changed.\n"
             "}\n"
             "ONNXFORGE_SCHEMA(Onnx, Bar, 2) {\n"
             "  return schema.Doc(\"Bar.\");\n"
             "}\n");
    ws.Write("reference/ops/math.cc",
             "ONNXFORGE_KERNEL(Onnx, Bar, 1, 2) { return Ok(); }\n"
             "ONNXFORGE_KERNEL(Onnx, Bar, 2, 2) { return Ok(); }\n"
             "ONNXFORGE_KERNEL(Onnx, Qux, 1, 1) { return Ok(); }\n");
    ws.Write("tests/examples/ai.onnx/Foo.txt",
             Example("foo_one", "Foo", 1) + Example("foo_three", "Foo", 3));
    ws.Write("tests/examples/ai.onnx/Bar.txt", Example("bar_two", "Bar", 2));
    ws.Write("version_converter/convert.h",
             "    ONNXFORGE_ADAPTERS(Onnx, Foo, 1, 2, Compatible(), RestrictTypes()),\n"
             "    ONNXFORGE_ADAPTERS(Onnx, Foo, 1, 3, Compatible(), Compatible()),\n"
             "    ONNXFORGE_ADAPTERS(Onnx, Bar, 1, 2, Compatible(), Refuse(\"why\")),\n");
    ws.Write("tests/opsets/opset_range.bzl", "OPSET_RANGES = {\n    \"ai.onnx\": (1, 2),\n}\n");
    ASSERT_TRUE(ws.Commit().ok());
  }

  std::string root_;
};

TEST_F(LintRules, EachMistakeIsNamedAtItsLine) {
  Workspace ws(root_);
  absl::StatusOr<LintResult> result = Lint(ws, LintOptions{/*use_registry=*/false});
  ASSERT_TRUE(result.ok()) << result.status();
  std::vector<std::string> got;
  for (const Finding& f : result->findings) got.push_back(FormatFinding(f));
  const std::vector<std::string> expected = {
      "onnx_defs/math/defs.cc:1: Foo-3 (ai.onnx) is not registered: add "
      "'ONNXFORGE_REGISTER(Onnx, Foo, 3);' to class OnnxOpset3 in onnx_defs/operator_sets.h "
      "(and its ONNXFORGE_DECLARE_SCHEMA line above the class)",
      "onnx_defs/math/defs.cc:1: Foo-3 (ai.onnx) has no doc: describe it with .Doc(...) in our "
      "own words",
      "onnx_defs/math/defs.cc:1: Foo 2 -> 3 has no adapters: add 'ONNXFORGE_ADAPTERS(Onnx, Foo, "
      "2, 3, upgrade, downgrade),' to version_converter/convert.h (Refuse(\"why\") where no "
      "rewrite is exact)",
      "onnx_defs/math/defs.cc:5: Bar-1 (ai.onnx) is an earlier version (Bar-2 at "
      "onnx_defs/math/old.cc:7 is the latest) but sits in a defs file; move it to "
      "onnx_defs/math/old.cc",
      "onnx_defs/math/defs.cc:5: Bar-1 (ai.onnx) has no example test: add one to "
      "tests/examples/ai.onnx/Bar.txt whose model imports ai.onnx opset 1",
      "onnx_defs/math/old.cc:1: Foo-1 (ai.onnx) has neither a reference kernel (an "
      "ONNXFORGE_KERNEL(Onnx, Foo, first, last) whose range holds 1, under reference/ops/) nor a "
      "function body",
      "onnx_defs/math/old.cc:4: Foo-2 (ai.onnx) comes after Foo-1 (line 1); old files list an "
      "op's versions newest first",
      "onnx_defs/math/old.cc:4: Foo-2 (ai.onnx) has neither a reference kernel (an "
      "ONNXFORGE_KERNEL(Onnx, Foo, first, last) whose range holds 2, under reference/ops/) nor a "
      "function body",
      "onnx_defs/math/old.cc:4: Foo-2 (ai.onnx) has no example test: add one to "
      "tests/examples/ai.onnx/Foo.txt whose model imports ai.onnx opset 2",
      "onnx_defs/math/old.cc:5: left for a person: say what changed.",
      "onnx_defs/math/old.cc:7: Bar-2 (ai.onnx) is the op's latest version but sits in an old "
      "file; it belongs in a defs file of onnx_defs/math/",
      "onnx_defs/operator_sets.h:24: registers Gone-3, which no schema file under onnx_defs/ "
      "defines",
      "onnx_defs/operator_sets.h:28: class OnnxOpset3 is defined twice",
      "onnx_defs/operator_sets.h:32: Bar-2 is registered in class OnnxOpset3; it belongs in class "
      "OnnxOpset2, the opset that introduced it",
      "onnx_defs/operator_sets.h:32: Bar-2 has no ONNXFORGE_DECLARE_SCHEMA(Onnx, Bar, 2) line",
      "onnx_defs/operator_sets_preview.h:14: class OnnxPreviewTrainingOpset2 is outside "
      "ai.onnx.preview.training's opset range 1..1 (onnx_defs/schema.h:5)",
      "onnx_defs/operator_sets_preview.h:20: OnnxPreviewTrainingOpsetClasses must list "
      "OnnxPreviewTrainingOpset1 to OnnxPreviewTrainingOpset1 in order (the range in "
      "onnx_defs/schema.h:5)",
      "reference/ops/math.cc:2: kernel of Bar (2 to 2) overlaps the one at reference/ops/math.cc:1 "
      "(1 to 2)",
      "reference/ops/math.cc:3: kernel of Qux (ai.onnx), which has no schema",
      "tests/opsets/opset_range.bzl: has no entry for ai.onnx.ml; `opdev sync-ranges` rewrites it "
      "from onnx_defs/schema.h",
      "tests/opsets/opset_range.bzl: has no entry for ai.onnx.training; `opdev sync-ranges` "
      "rewrites it from onnx_defs/schema.h",
      "tests/opsets/opset_range.bzl: has no entry for ai.onnx.preview.training; `opdev "
      "sync-ranges` rewrites it from onnx_defs/schema.h",
      "tests/opsets/opset_range.bzl: has no entry for ai.onnx.preview; `opdev sync-ranges` "
      "rewrites it from onnx_defs/schema.h",
      "tests/opsets/opset_range.bzl:2: says ai.onnx is (1, 2) but onnx_defs/schema.h:2 says 1..3; "
      "`opdev sync-ranges` rewrites it",
      "version_converter/convert.h:2: Foo 1 -> 3 is not a change between consecutive versions of "
      "Foo (versions: 1, 2, 3)",
  };
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace onnxforge::opdev
