// How the op-as-function API presents ops, and the exact code both writers
// produce for them.
#include "converters/builder/op_signature.h"

#include <string>
#include <tuple>
#include <vector>

#include "converters/builder/code_wrap.h"
#include "converters/builder/cpp_ops_writer.h"
#include "converters/builder/py_ops_writer.h"
#include "gtest/gtest.h"

namespace onnxforge::builder {
namespace {

const OpSignature& Find(const std::vector<OpSignature>& sigs, const std::string& domain,
                        const std::string& op) {
  for (const OpSignature& sig : sigs) {
    if (sig.domain == domain && sig.op == op) return sig;
  }
  static const OpSignature* none = new OpSignature();
  ADD_FAILURE() << "no signature for " << domain << ":" << op;
  return *none;
}

std::vector<OpSignature> Registry() { return AllSignatures(SchemaRegistry::Instance()); }

// "ident[=default]" for each input, as C++ / Python would default them.
std::string InputForms(const OpSignature& sig) {
  std::string text;
  for (const InputParam& in : sig.inputs) {
    text += in.ident + (in.cpp_default ? "+cpp" : "") + (in.py_default ? "+py" : "") + " ";
  }
  return text;
}

std::string AttributeNames(const OpSignature& sig) {
  std::string text;
  for (const AttributeParam& a : sig.attributes) {
    text += a.ident + (a.required ? "!" : "") + " ";
  }
  return text;
}

TEST(OpSignatureTest, EveryOpOnceSortedByDomainAndName) {
  const std::vector<OpSignature> sigs = Registry();
  EXPECT_EQ(sigs.size(), SchemaRegistry::Instance().Ops().size());
  for (size_t i = 1; i < sigs.size(); ++i) {
    EXPECT_LT(std::tie(sigs[i - 1].domain, sigs[i - 1].op), std::tie(sigs[i].domain, sigs[i].op));
  }
}

TEST(OpSignatureTest, FixedMultipleOutputs) {
  const OpSignature& topk = Find(Registry(), "", "TopK");
  EXPECT_EQ(topk.output_form, OutputForm::kFixed);
  EXPECT_EQ(topk.default_output_count, 2);
  EXPECT_EQ(InputForms(topk), "X K ");
  EXPECT_EQ(AttributeNames(topk), "axis largest sorted ");
}

TEST(OpSignatureTest, OptionalAndVariadicOutputsAreCounted) {
  const std::vector<OpSignature> sigs = Registry();
  const OpSignature& dropout = Find(sigs, "", "Dropout");
  EXPECT_EQ(dropout.output_form, OutputForm::kCounted);
  EXPECT_EQ(dropout.default_output_count, 1);
  EXPECT_EQ(InputForms(dropout), "data ratio+cpp+py training_mode+cpp+py ");
  const OpSignature& split = Find(sigs, "", "Split");
  EXPECT_EQ(split.output_form, OutputForm::kCounted);
  EXPECT_EQ(split.default_output_count, 1);
  EXPECT_EQ(Find(sigs, "", "Relu").output_form, OutputForm::kSingle);
}

TEST(OpSignatureTest, RequiredAttributesComeFirst) {
  const std::vector<OpSignature> sigs = Registry();
  // C++ cannot default Loop's optional inputs: a required attribute
  // follows them. Python makes attributes keyword-only, so it can.
  const OpSignature& loop = Find(sigs, "", "Loop");
  EXPECT_EQ(InputForms(loop), "M+py cond+py v_initial+py ");
  EXPECT_EQ(AttributeNames(loop), "body! ");
  EXPECT_EQ(AttributeNames(Find(sigs, "", "Cast")), "to! saturate round_mode ");
}

TEST(OpSignatureTest, DeprecatedOpsKeepTheirLastLiveVersion) {
  const OpSignature& regressor = Find(Registry(), "ai.onnx.ml", "TreeEnsembleRegressor");
  EXPECT_EQ(regressor.since_version, 3);
  EXPECT_EQ(regressor.deprecated_since, 5);
  EXPECT_EQ(Find(Registry(), "ai.onnx.ml", "TreeEnsemble").deprecated_since, 0);
}

OpSchema Awkward() {
  OpSchema schema("Awkward", "com.example", 2, __FILE__, __LINE__);
  schema.Input(0, "builder", "", "T")
      .Input(1, "from", "", "T", FormalOption::kOptional)
      .Input(2, "rest", "", "T", FormalOption::kVariadic, true, 0)
      .Output(0, "Y", "", "T")
      .Output(1, "Z", "", "T", FormalOption::kOptional)
      .Attr("rest", "", AttributeProto::INTS)
      .Attr("class", "", AttributeProto::STRING, true)
      .Attr("ratio", "", AttributeProto::FLOAT, 0.5f)
      .TypeConstraint("T", {"tensor(float)"}, "");
  return schema;
}

TEST(OpSignatureTest, NamesBecomeIdentifiersNoOtherParameterHas) {
  const OpSignature sig = SignatureOf(Awkward(), 0);
  EXPECT_EQ(InputForms(sig), "builder_ from_+py rest+py ");
  EXPECT_EQ(AttributeNames(sig), "class_! rest_ ratio ");
  EXPECT_EQ(sig.output_form, OutputForm::kCounted);
  EXPECT_EQ(sig.default_output_count, 1);
}

TEST(OpSignatureTest, DomainScopes) {
  EXPECT_EQ(DomainScope(""), "");
  EXPECT_EQ(DomainScope("ai.onnx"), "");
  EXPECT_EQ(DomainScope("ai.onnx.ml"), "ml");
  EXPECT_EQ(DomainScope("ai.onnx.preview.training"), "preview_training");
  EXPECT_EQ(DomainScope("com.example"), "com_example");
}

TEST(CppOpsWriterTest, WritesDeclarationAndDefinition) {
  const std::vector<OpSignature> sigs = {SignatureOf(Awkward(), 0)};
  const std::string header = CppOpsHeader(sigs);
  EXPECT_NE(header.find(
                "namespace com_example {\n"
                "\n"
                "// Awkward-2 (com.example). Inputs: builder, from, rest. Outputs: Y, Z.\n"
                "std::vector<std::string> Awkward(\n"
                "    GraphBuilder& builder, const std::string& builder_, "
                "const std::string& from_,\n"
                "    const std::vector<std::string>& rest, const std::string& class_, int "
                "output_count = 1,\n"
                "    const std::optional<std::vector<int64_t>>& rest_ = std::nullopt,\n"
                "    const std::optional<float>& ratio = std::nullopt);\n"
                "\n"
                "}  // namespace com_example\n"),
            std::string::npos)
      << header;
  const std::string source = CppOpsSource(sigs, "x/ops.h");
  EXPECT_NE(source.find("#include \"x/ops.h\"\n"), std::string::npos) << source;
  EXPECT_NE(source.find("using builder::FloatAttr;\nusing builder::GraphBuilder;\n"
                        "using builder::IntsAttr;\nusing builder::StringAttr;\n"),
            std::string::npos)
      << source;
  EXPECT_NE(source.find(
                "  std::vector<std::string> node_inputs;\n"
                "  node_inputs.push_back(builder_);\n"
                "  node_inputs.push_back(from_);\n"
                "  node_inputs.insert(node_inputs.end(), rest.begin(), rest.end());\n"
                "  std::vector<AttributeProto> node_attributes;\n"
                "  node_attributes.push_back(StringAttr(\"class\", class_));\n"
                "  if (rest_) node_attributes.push_back(IntsAttr(\"rest\", *rest_));\n"
                "  if (ratio) node_attributes.push_back(FloatAttr(\"ratio\", *ratio));\n"
                "  return builder.AddNode(\n"
                "      \"Awkward\", std::move(node_inputs), output_count, "
                "std::move(node_attributes), \"com.example\");\n"
                "}\n"),
            std::string::npos)
      << source;
}

TEST(PythonOpsWriterTest, WritesAFunctionPerOp) {
  const std::string module = PythonOpsModule({SignatureOf(Awkward(), 4)});
  EXPECT_NE(module.find(
                "class com_example:\n"
                "    \"\"\"The ops of com.example.\"\"\"\n"
                "\n"
                "    @staticmethod\n"
                "    def Awkward(\n"
                "            builder, builder_, from_=None, rest=None, *, class_, rest_=None, "
                "ratio=None,\n"
                "            outputs=None, name=None):\n"
                "        \"\"\"Awkward-2 (com.example).\n"
                "\n"
                "        Inputs: builder, from (optional), rest (list).\n"
                "        Outputs: Y, Z.\n"
                "        Attributes: class: STRING, required; rest: INTS; ratio: FLOAT.\n"
                "        Deprecated from com.example opset 4: write it only for opsets below "
                "that.\n"
                "        \"\"\"\n"
                "        node_attributes = [\n"
                "            (\"class\", \"STRING\", class_), (\"rest\", \"INTS\", rest_), "
                "(\"ratio\", \"FLOAT\", ratio)]\n"
                "        return builder.add_op(\n"
                "            \"Awkward\", \"com.example\", [builder_, from_, rest], "
                "node_attributes, outputs=outputs,\n"
                "            count=1, counted=True, single=False, name=name)\n"),
            std::string::npos)
      << module;
}

TEST(CodeWrapTest, FillsLinesUpToTheWidth) {
  EXPECT_EQ(WrapList("", "f(", {"a", "b"}, ");", "    "), "f(a, b);\n");
  const std::string item(40, 'x');
  EXPECT_EQ(WrapList("  ", "call(", {item, item, item}, ")", "    "),
            "  call(\n      " + item + ", " + item + ",\n      " + item + ")\n");
  EXPECT_EQ(WrapList("", std::string(99, 'f') + "(", {}, ")", "    "),
            std::string(99, 'f') + "(\n    )\n");
}

}  // namespace
}  // namespace onnxforge::builder
