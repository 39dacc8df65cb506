// The text edits opdev makes, on small files held in memory: exact results
// and exact errors when a file does not have the expected shape.
#include <string>

#include "gtest/gtest.h"
#include "tools/opdev/adapter_sources.h"
#include "tools/opdev/example_sources.h"
#include "tools/opdev/kernel_sources.h"
#include "tools/opdev/opset_ranges.h"
#include "tools/opdev/opset_sources.h"
#include "tools/opdev/schema_edits.h"
#include "tools/opdev/schema_sources.h"
#include "tools/opdev/source_text.h"

namespace onnxforge::opdev {
namespace {

// A workspace whose files live only in memory.
Workspace InMemory() { return Workspace("/nonexistent-opdev-test-root"); }

const DomainInfo& Onnx() { return *DomainByName("ai.onnx"); }
const DomainInfo& Ml() { return *DomainByName("ai.onnx.ml"); }

TEST(SourceText, ClosingBraceSkipsCommentsAndLiterals) {
  const std::string text = "f() { a = \"}\"; b = '}'; // }\n /* } */ c = R\"x(})x\"; { } }";
  absl::StatusOr<size_t> close = ClosingBrace(text, text.find('{'), "f.cc");
  ASSERT_TRUE(close.ok()) << close.status();
  EXPECT_EQ(*close, text.size() - 1);
  absl::StatusOr<size_t> open = ClosingBrace("x\n{ {", 2, "f.cc");
  EXPECT_EQ(std::string(open.status().message()), "f.cc:2: the bracket opened here never closes");
}

TEST(SourceText, CallArgumentsSplitAtTopLevelCommas) {
  const std::string text = "g(a, h(b, c), \"d, e\", {1, 2})";
  absl::StatusOr<std::vector<std::string_view>> args = CallArguments(text, 1, "f.cc");
  ASSERT_TRUE(args.ok()) << args.status();
  EXPECT_EQ(std::vector<std::string>(args->begin(), args->end()),
            (std::vector<std::string>{"a", "h(b, c)", "\"d, e\"", "{1, 2}"}));
  EXPECT_EQ(CodeWithoutComments("a // Doc(\nb /* c */ \"// d\""), "a \nb  \"// d\"");
}

constexpr char kOpsets[] =
    "// ---- ai.onnx opset 1 ----\n"
    "ONNXFORGE_DECLARE_SCHEMA(Onnx, Abs, 1);\n"
    "ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, 1);\n"
    "class OnnxOpset1 {\n"
    " public:\n"
    "  static constexpr int kVersion = 1;\n"
    "  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {\n"
    "    ONNXFORGE_REGISTER(Onnx, Abs, 1);\n"
    "    ONNXFORGE_REGISTER(Onnx, Relu, 1);\n"
    "  }\n"
    "};\n"
    "\n"
    "// Every opset class of the domain, oldest first.\n"
    "using OnnxOpsetClasses = OpsetClassList<OnnxOpset1>;\n";

TEST(OpsetSources, RegistrationGoesInNameOrder) {
  Workspace ws = InMemory();
  ws.Write("onnx_defs/operator_sets.h", kOpsets);
  ASSERT_TRUE(AddRegistration(ws, Onnx(), "Neg", 1).ok());
  EXPECT_EQ(*ws.Read("onnx_defs/operator_sets.h"),
            "// ---- ai.onnx opset 1 ----\n"
            "ONNXFORGE_DECLARE_SCHEMA(Onnx, Abs, 1);\n"
            "ONNXFORGE_DECLARE_SCHEMA(Onnx, Neg, 1);\n"
            "ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, 1);\n"
            "class OnnxOpset1 {\n"
            " public:\n"
            "  static constexpr int kVersion = 1;\n"
            "  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& "
            "fn) {\n"
            "    ONNXFORGE_REGISTER(Onnx, Abs, 1);\n"
            "    ONNXFORGE_REGISTER(Onnx, Neg, 1);\n"
            "    ONNXFORGE_REGISTER(Onnx, Relu, 1);\n"
            "  }\n"
            "};\n"
            "\n"
            "// Every opset class of the domain, oldest first.\n"
            "using OnnxOpsetClasses = OpsetClassList<OnnxOpset1>;\n");
  EXPECT_EQ(std::string(AddRegistration(ws, Onnx(), "Neg", 1).message()),
            "onnx_defs/operator_sets.h:3: Neg-1 is already registered");
  EXPECT_EQ(std::string(AddRegistration(ws, Onnx(), "Neg", 2).message()),
            "onnx_defs/operator_sets.h: no 'class OnnxOpset2 {' to register Neg-2 in");
}

TEST(OpsetSources, NewOpsetClassFollowsTheLastOne) {
  Workspace ws = InMemory();
  ws.Write("onnx_defs/operator_sets.h", kOpsets);
  ASSERT_TRUE(AddOpsetClass(ws, Onnx(), 2).ok());
  const std::string text = *ws.Read("onnx_defs/operator_sets.h");
  EXPECT_NE(text.find("};\n"
                      "\n"
                      "// ---- ai.onnx opset 2 ----\n"
                      "class OnnxOpset2 {\n"
                      " public:\n"
                      "  static constexpr int kVersion = 2;\n"
                      "  static void ForEachSchema([[maybe_unused]] const "
                      "std::function<void(OpSchema&&)>& fn) {\n"
                      "  }\n"
                      "};\n"
                      "\n"
                      "// Every opset class"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("using OnnxOpsetClasses = OpsetClassList<OnnxOpset1, OnnxOpset2>;\n"),
            std::string::npos);
  EXPECT_EQ(std::string(AddOpsetClass(ws, Onnx(), 4).message()),
            "onnx_defs/operator_sets.h: no 'class OnnxOpset3 {' to put opset 4 after");

  absl::StatusOr<OpsetSources> read = ReadOpsetSources(ws);
  EXPECT_EQ(std::string(read.status().message()),
            "onnx_defs/operator_sets_ml.h: cannot read the file");
}

constexpr char kSchemaH[] =
    "inline constexpr DomainOpsetRange kDomainOpsetRanges[] = {\n"
    "    {kOnnxDomain, 1, 28, 27},\n"
    "    {kMlDomain, 1, 5, 5},\n"
    "};\n";

TEST(OpsetRanges, MaxVersionAndTheBazelCopy) {
  Workspace ws = InMemory();
  ws.Write(kSchemaHeader, kSchemaH);
  absl::StatusOr<OpsetRange> ml = SchemaRangeOf(ws, Ml());
  ASSERT_TRUE(ml.ok()) << ml.status();
  EXPECT_EQ(OpenOpset(*ml), 6);
  EXPECT_EQ(OpenOpset(*SchemaRangeOf(ws, Onnx())), 28);
  ASSERT_TRUE(SetMaxVersion(ws, Ml(), 6).ok());
  EXPECT_EQ(*ws.Read(kSchemaHeader),
            "inline constexpr DomainOpsetRange kDomainOpsetRanges[] = {\n"
            "    {kOnnxDomain, 1, 28, 27},\n"
            "    {kMlDomain, 1, 6, 5},\n"
            "};\n");
  ASSERT_TRUE(WriteOpsetRangeBzl(ws).ok());
  const std::string bzl = *ws.Read(kOpsetRangeBzl);
  EXPECT_NE(bzl.find("OPSET_RANGES = {\n"
                     "    \"ai.onnx\": (1, 28),\n"
                     "    \"ai.onnx.ml\": (1, 6),\n"
                     "}\n"),
            std::string::npos)
      << bzl;
  absl::StatusOr<std::vector<OpsetRange>> back = ReadOpsetRangeBzl(ws);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[1].max_version, 6);
  EXPECT_EQ(std::string(SchemaRangeOf(ws, *DomainByName("ai.onnx.preview")).status().message()),
            "onnx_defs/schema.h: kDomainOpsetRanges has no entry for ai.onnx.preview "
            "(kPreviewDomain)");
}

TEST(SchemaEdits, BumpMovesTheLatestVersionAndCopiesIt) {
  Workspace ws = InMemory();
  ws.Write("onnx_defs/math/defs.cc",
           "namespace onnxforge {\n"
           "\n"
           "// Foo's body needs opset 3.\n"
           "ONNXFORGE_SCHEMA(Onnx, Foo, 3) {\n"
           "  return schema.Doc(\"{ not a brace }\").FunctionBody(\"Y = Abs (X)\", 3);\n"
           "}\n"
           "\n"
           "}  // namespace onnxforge\n");
  ws.Write("onnx_defs/math/old.cc",
           "namespace onnxforge {\n"
           "\n"
           "// ---- Foo ----\n"
           "ONNXFORGE_SCHEMA(Onnx, Foo, 1) {\n"
           "  return schema;\n"
           "}\n"
           "\n"
           "}  // namespace onnxforge\n");
  absl::StatusOr<std::vector<SchemaBlock>> blocks = ScanSchemaFile(ws, "onnx_defs/math/defs.cc");
  ASSERT_TRUE(blocks.ok()) << blocks.status();
  ASSERT_EQ(blocks->size(), 1u);
  EXPECT_EQ((*blocks)[0].line, 4);
  EXPECT_EQ((*blocks)[0].kind, DefsFileKind::kLatest);
  ASSERT_TRUE(MoveToOldAndCopy(ws, (*blocks)[0], 5).ok());
  EXPECT_EQ(*ws.Read("onnx_defs/math/defs.cc"),
            "namespace onnxforge {\n"
            "\n"
            "// Foo's body needs opset 3.\n"
            "ONNXFORGE_SCHEMA(Onnx, Foo, 5) {\n"
            "  // TODO(opdev): make opset 5's change, say it in the doc, and fit its adapters in "
            "convert.h.\n"
            "  return schema.Doc(\"{ not a brace }\").FunctionBody(\"Y = Abs (X)\", 5);\n"
            "}\n"
            "\n"
            "}  // namespace onnxforge\n");
  EXPECT_EQ(*ws.Read("onnx_defs/math/old.cc"),
            "namespace onnxforge {\n"
            "\n"
            "// ---- Foo ----\n"
            "// Foo's body needs opset 3.\n"
            "ONNXFORGE_SCHEMA(Onnx, Foo, 3) {\n"
            "  return schema.Doc(\"{ not a brace }\").FunctionBody(\"Y = Abs (X)\", 3);\n"
            "}\n"
            "\n"
            "ONNXFORGE_SCHEMA(Onnx, Foo, 1) {\n"
            "  return schema;\n"
            "}\n"
            "\n"
            "}  // namespace onnxforge\n");
}

TEST(SchemaEdits, SkeletonNeedsTheNamespaceEnd) {
  Workspace ws = InMemory();
  ws.Write("onnx_defs/nn/defs.cc", "namespace onnxforge {\n}\n");
  EXPECT_EQ(std::string(AppendSchemaSkeleton(ws, "onnx_defs/nn/defs.cc", Onnx(), "Foo", 28, false)
                            .message()),
            "onnx_defs/nn/defs.cc: no line '}  // namespace onnxforge' to put the schema before");
  ASSERT_TRUE(AppendSchemaSkeleton(ws, "onnx_defs/new_family/defs.cc", Onnx(), "Foo", 28, false)
                  .ok());
  EXPECT_EQ(*ws.Read("onnx_defs/new_family/defs.cc"),
            "// The latest version of each operator of this file.\n"
            "#include \"onnx_defs/inference_utils.h\"\n"
            "#include \"onnx_defs/schema.h\"\n"
            "#include \"onnx_defs/type_sets.h\"\n"
            "\n"
            "namespace onnxforge {\n"
            "\n"
            "// TODO(opdev): add .Doc(...) in our own words; match inputs, attributes and types "
            "to the spec.\n"
            "ONNXFORGE_SCHEMA(Onnx, Foo, 28) {\n"
            "  return schema\n"
            "      .Input(0, \"X\", \"The input.\", \"T\")\n"
            "      .Output(0, \"Y\", \"The result, shaped like X.\", \"T\")\n"
            "      .TypeConstraint(\"T\", types::Float(), \"Float tensors.\")\n"
            "      .TypeAndShapeInference(PropagateShapeAndTypeFromFirstInput);\n"
            "}\n"
            "\n"
            "}  // namespace onnxforge\n");
}

TEST(KernelSources, RangeEditAndStub) {
  Workspace ws = InMemory();
  ws.Write("reference/ops/math.cc",
           "namespace onnxforge::reference {\n"
           "ONNXFORGE_KERNEL(Onnx, Foo, 1, 3) { return Run(ctx); }\n"
           "}  // namespace onnxforge::reference\n");
  absl::StatusOr<std::vector<KernelLine>> kernels = ScanKernels(ws);
  ASSERT_TRUE(kernels.ok());
  ASSERT_EQ(kernels->size(), 1u);
  EXPECT_EQ((*kernels)[0].line, 2);
  ASSERT_TRUE(SetKernelLast(ws, (*kernels)[0], 5).ok());
  ASSERT_TRUE(AddKernelStub(ws, "math", Onnx(), "Bar", 5).ok());
  EXPECT_EQ(*ws.Read("reference/ops/math.cc"),
            "namespace onnxforge::reference {\n"
            "ONNXFORGE_KERNEL(Onnx, Foo, 1, 5) { return Run(ctx); }\n"
            "// TODO(opdev): compute Bar-5 as its schema says, for every type it allows.\n"
            "ONNXFORGE_KERNEL(Onnx, Bar, 5, 5) {\n"
            "  return KernelError(\"Bar-5 is not implemented yet: write its kernel in "
            "reference/ops/math.cc\");\n"
            "}\n"
            "\n"
            "}  // namespace onnxforge::reference\n");
}

TEST(AdapterSources, NewLinesKeepTheTableAligned) {
  Workspace ws = InMemory();
  ws.Write(kConvertHeader,
           "    ONNXFORGE_ADAPTERS(Onnx, Abs,                   1,  6, RemoveConsumedInputs(),  "
           "   RestrictTypes()),\n"
           "    ONNXFORGE_ADAPTERS(Onnx, Relu,                  6, 13, Compatible(),            "
           "   RestrictTypes()),\n"
           "    ONNXFORGE_ADAPTERS(OnnxML, LabelEncoder,        2,  4, Compatible(),\n"
           "                       Refuse(\"why, really\")),\n");
  ASSERT_TRUE(AddCompatibleChange(ws, Onnx(), "Relu", 13, 28).ok());
  ASSERT_TRUE(AddCompatibleChange(ws, Onnx(), "Neg", 6, 13).ok());
  EXPECT_EQ(*ws.Read(kConvertHeader),
            "    ONNXFORGE_ADAPTERS(Onnx, Abs,                   1,  6, RemoveConsumedInputs(),  "
            "   RestrictTypes()),\n"
            "    ONNXFORGE_ADAPTERS(Onnx, Neg,                   6, 13, Compatible(),           "
            "    Compatible()),\n"
            "    ONNXFORGE_ADAPTERS(Onnx, Relu,                  6, 13, Compatible(),            "
            "   RestrictTypes()),\n"
            "    ONNXFORGE_ADAPTERS(Onnx, Relu,                 13, 28, Compatible(),           "
            "    Compatible()),\n"
            "    ONNXFORGE_ADAPTERS(OnnxML, LabelEncoder,        2,  4, Compatible(),\n"
            "                       Refuse(\"why, really\")),\n");
  absl::StatusOr<AdapterSources> read = ReadAdapterSources(ws);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->lines.size(), 5u);
  EXPECT_EQ(read->lines[4].downgrade, "Refuse(\"why, really\")");
  EXPECT_TRUE(IsRefusal(read->lines[4].downgrade));
  EXPECT_EQ(std::string(AddCompatibleChange(ws, *DomainByName("ai.onnx.preview"), "X", 1, 2)
                            .message()),
            "version_converter/convert.h: no ONNXFORGE_ADAPTERS(OnnxPreview, ...) line to put the "
            "line of X next to; add it by hand");
}

TEST(ExampleSources, BumpCopiesTheNewestExampleOfTheLatestVersion) {
  Workspace ws = InMemory();
  ws.Write("tests/examples/ai.onnx/Foo.txt",
           "# Foo.\n"
           "\n"
           "=== foo_v1\n"
           "# Old.\n"
           "<ir_version: 8, opset_import: [\"\" : 1]>\n"
           "foo_v1 (float[1] X) => (float[1] Y) {\n"
           "    Y = Foo(X)\n"
           "}\n"
           "--- inputs\n"
           "float[1] X = {1.0}\n"
           "--- outputs\n"
           "float[1] Y = {1.0}\n"
           "\n"
           "=== foo_v3\n"
           "<ir_version: 8, opset_import: [\"\" : 3]>\n"
           "foo_v3 (float[1] X) => (float[1] Y) {\n"
           "    Y = Foo(X)\n"
           "}\n"
           "--- inputs\n"
           "float[1] X = {2.0}\n"
           "--- outputs\n"
           "float[1] Y = {2.0}\n");
  absl::StatusOr<std::string> name = AddBumpExampleStub(ws, Onnx(), "Foo", 3, 5);
  ASSERT_TRUE(name.ok()) << name.status();
  EXPECT_EQ(*name, "foo_v3_at_opset5");
  const std::string text = *ws.Read("tests/examples/ai.onnx/Foo.txt");
  EXPECT_EQ(text.substr(text.find("float[1] Y = {2.0}\n")),
            "float[1] Y = {2.0}\n"
            "\n"
            "=== foo_v3_at_opset5\n"
            "# TODO(opdev): check this copy of 'foo_v3' against Foo-5.\n"
            "<ir_version: 8, opset_import: [\"\" : 5]>\n"
            "foo_v3 (float[1] X) => (float[1] Y) {\n"
            "    Y = Foo(X)\n"
            "}\n"
            "--- inputs\n"
            "float[1] X = {2.0}\n"
            "--- outputs\n"
            "float[1] Y = {2.0}\n");
}

TEST(ExampleSources, NewOpStubReadsButFails) {
  Workspace ws = InMemory();
  ASSERT_TRUE(AddNewOpExampleStub(ws, Ml(), "Thing", 6).ok());
  EXPECT_EQ(*ws.Read("tests/examples/ai.onnx.ml/Thing.txt"),
            "# TODO(opdev): say what Thing computes, as its examples show it.\n"
            "\n"
            "=== thing_v6_basic\n"
            "# TODO(opdev): say what this example shows.\n"
            "<ir_version: 10, opset_import: [\"ai.onnx.ml\" : 6]>\n"
            "thing_v6_basic (float[3] X) => (float[3] Y) {\n"
            "    Y = ai.onnx.ml.Thing(X)\n"
            "}\n"
            "--- inputs\n"
            "float[3] X = {-1.0, 0.0, 2.0}\n"
            "--- error\n"
            "TODO(opdev): replace this section with '--- outputs' and the hand-checked Y\n");
}

TEST(Domains, FlagNamesADomainOrAFolder) {
  const std::vector<std::string> folders = {"math", "nn", "traditionalml"};
  EXPECT_EQ(ResolveDomainFlag("math", folders)->domain, &Onnx());
  EXPECT_EQ(ResolveDomainFlag("math", folders)->folder, "math");
  EXPECT_EQ(ResolveDomainFlag("ai.onnx.ml", folders)->folder, "traditionalml");
  EXPECT_EQ(ResolveDomainFlag("ai.onnx", folders)->folder, "");
  EXPECT_EQ(std::string(ResolveDomainFlag("maths", folders).status().message()),
            "--domain=maths is neither a domain (ai.onnx, ai.onnx.ml, ai.onnx.training, "
            "ai.onnx.preview.training, ai.onnx.preview) nor a folder of onnx_defs (math, nn, "
            "traditionalml)");
}

}  // namespace
}  // namespace onnxforge::opdev
