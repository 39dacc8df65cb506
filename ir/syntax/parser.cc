#include "ir/syntax/parser.h"

#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/syntax/lexer.h"
#include "ir/syntax/names.h"
#include "ir/syntax/numbers.h"
#include "ir/syntax/tensor_data.h"

namespace onnxforge {
namespace syntax {
namespace {

#define SYNTAX_RETURN_IF_ERROR(expr)   \
  do {                                 \
    absl::Status status_ = (expr);     \
    if (!status_.ok()) return status_; \
  } while (0)

// Types inside types and graphs inside attributes nest; past this depth the
// text is refused rather than risking the stack.
constexpr int kMaxNesting = 100;

template <typename T>
using Repeated = google::protobuf::RepeatedPtrField<T>;

AttributeProto::AttributeType ElementTypeOfList(AttributeProto::AttributeType type) {
  switch (type) {
    case AttributeProto::FLOATS:
      return AttributeProto::FLOAT;
    case AttributeProto::INTS:
      return AttributeProto::INT;
    case AttributeProto::STRINGS:
      return AttributeProto::STRING;
    case AttributeProto::TENSORS:
      return AttributeProto::TENSOR;
    case AttributeProto::GRAPHS:
      return AttributeProto::GRAPH;
    case AttributeProto::SPARSE_TENSORS:
      return AttributeProto::SPARSE_TENSOR;
    case AttributeProto::TYPE_PROTOS:
      return AttributeProto::TYPE_PROTO;
    default:
      return AttributeProto::UNDEFINED;
  }
}

std::string AttributeTypeLabel(AttributeProto::AttributeType type) {
  std::string_view name = AttributeTypeName(type);
  return name.empty() ? "undefined" : std::string(name);
}

// One attribute value as read, before a list decides the list's type.
struct SingleValue {
  AttributeProto value;     // type and the singular field
  std::string number_text;  // the literal of an int, to re-read it as float
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  absl::Status ExpectEnd() {
    if (Peek().kind == TokenKind::kEnd) return absl::OkStatus();
    return Expected("end of input");
  }

  absl::Status Model(ModelProto* model) {
    if (ConsumePunct("<")) {
      SYNTAX_RETURN_IF_ERROR(ModelHeader(model));
    }
    SYNTAX_RETURN_IF_ERROR(Graph(model->mutable_graph()));
    while (Peek().kind != TokenKind::kEnd) {
      SYNTAX_RETURN_IF_ERROR(Function(model->add_functions()));
    }
    return absl::OkStatus();
  }

  absl::Status Graph(GraphProto* graph) {
    Nesting nesting(this);
    SYNTAX_RETURN_IF_ERROR(nesting.status);
    std::string name;
    SYNTAX_RETURN_IF_ERROR(Name("a graph name", &name));
    graph->set_name(name);
    return GraphAfterName(graph);
  }

  absl::Status Function(FunctionProto* function) {
    if (ConsumePunct("<")) {
      SYNTAX_RETURN_IF_ERROR(FunctionHeader(function));
    }
    SYNTAX_RETURN_IF_ERROR(Name("a function name", function->mutable_name()));
    if (ConsumePunct("<")) {
      SYNTAX_RETURN_IF_ERROR(FunctionAttributes(function));
    }
    SYNTAX_RETURN_IF_ERROR(
        FunctionValues(function->mutable_input(), function->mutable_value_info()));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("=>"));
    SYNTAX_RETURN_IF_ERROR(
        FunctionValues(function->mutable_output(), function->mutable_value_info()));
    if (ConsumePunct("<")) {
      SYNTAX_RETURN_IF_ERROR(DelimitedList(
          ">", [&]() -> absl::Status { return ValueInfo(function->add_value_info()); }));
    }
    return NodeBlock(function->mutable_node());
  }

  absl::Status Node(NodeProto* node) {
    if (ConsumePunct("[")) {
      if (Peek().IsPunct("]")) {
        node->set_name("");
      } else {
        SYNTAX_RETURN_IF_ERROR(Name("a node name", node->mutable_name()));
      }
      SYNTAX_RETURN_IF_ERROR(ExpectPunct("]"));
    }
    SYNTAX_RETURN_IF_ERROR(IdList(node->mutable_output()));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("="));
    SYNTAX_RETURN_IF_ERROR(OperatorName(node));
    if (ConsumePunct(":")) {
      SYNTAX_RETURN_IF_ERROR(Name("an overload name", node->mutable_overload()));
    }
    bool has_attributes = false;
    if (ConsumePunct("<")) {
      has_attributes = true;
      SYNTAX_RETURN_IF_ERROR(AttributeList(node->mutable_attribute()));
    }
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
    SYNTAX_RETURN_IF_ERROR(IdList(node->mutable_input()));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct(")"));
    // Attributes may also follow the inputs, which reads better when they
    // hold subgraphs.
    if (!has_attributes && ConsumePunct("<")) {
      SYNTAX_RETURN_IF_ERROR(AttributeList(node->mutable_attribute()));
    }
    return absl::OkStatus();
  }

  absl::Status NodeList(Repeated<NodeProto>* nodes) {
    if (ConsumePunct("{")) return NodesUntilBrace(nodes);
    while (Peek().kind != TokenKind::kEnd) {
      SYNTAX_RETURN_IF_ERROR(Node(nodes->Add()));
    }
    return absl::OkStatus();
  }

  absl::Status Attribute(AttributeProto* attribute) {
    std::string name;
    SYNTAX_RETURN_IF_ERROR(Name("an attribute name", &name));
    return AttributeAfterName(std::move(name), attribute);
  }

  absl::Status Type(TypeProto* type) {
    Nesting nesting(this);
    SYNTAX_RETURN_IF_ERROR(nesting.status);
    const Token& start = Peek();
    if (!start.IsIdentifier()) return Expected("a type");
    const std::string word = start.text;
    if (int32_t element = ElementTypeFromName(word); element != 0) {
      Next();
      return TensorTypeShape(element, type->mutable_tensor_type());
    }
    if (word == "seq" || word == "optional") {
      Next();
      SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
      TypeProto* inner = word == "seq" ? type->mutable_sequence_type()->mutable_elem_type()
                                       : type->mutable_optional_type()->mutable_elem_type();
      SYNTAX_RETURN_IF_ERROR(Type(inner));
      return ExpectPunct(")");
    }
    if (word == "map") {
      Next();
      SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
      int32_t key = 0;
      SYNTAX_RETURN_IF_ERROR(ElementType("a map key type", &key));
      type->mutable_map_type()->set_key_type(key);
      SYNTAX_RETURN_IF_ERROR(ExpectPunct(","));
      SYNTAX_RETURN_IF_ERROR(Type(type->mutable_map_type()->mutable_value_type()));
      return ExpectPunct(")");
    }
    if (word == "sparse_tensor") {
      Next();
      SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
      int32_t element = 0;
      SYNTAX_RETURN_IF_ERROR(ElementType("a sparse tensor element type", &element));
      SYNTAX_RETURN_IF_ERROR(TensorTypeShape(element, type->mutable_sparse_tensor_type()));
      return ExpectPunct(")");
    }
    if (word == "opaque") {
      Next();
      return OpaqueType(type->mutable_opaque_type());
    }
    return Expected("a type");
  }

  // A tensor literal: its type, then an optional name, '=' and the data.
  absl::Status Tensor(TensorProto* tensor) {
    TypeProto type;
    SYNTAX_RETURN_IF_ERROR(Type(&type));
    return TensorAfterType(type, tensor);
  }

 private:
  // Counts nesting for the lifetime of one recursive parse.
  struct Nesting {
    explicit Nesting(Parser* p) : parser(p) {
      if (++parser->depth_ > kMaxNesting) {
        status = parser->ErrorAt(parser->Peek(),
                                 absl::StrCat("nesting is deeper than ", kMaxNesting, " levels"));
      }
    }
    ~Nesting() { --parser->depth_; }
    Parser* parser;
    absl::Status status;
  };

  // ---- Tokens ------------------------------------------------------------

  const Token& Peek(size_t ahead = 0) const {
    size_t at = pos_ + ahead;
    return at < tokens_.size() ? tokens_[at] : tokens_.back();
  }

  const Token& Next() {
    const Token& token = Peek();
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return token;
  }

  bool ConsumePunct(std::string_view punct) {
    if (!Peek().IsPunct(punct)) return false;
    Next();
    return true;
  }

  absl::Status ErrorAt(const Token& token, absl::string_view message) const {
    return absl::InvalidArgumentError(absl::StrCat(Where(token), message));
  }

  absl::Status Expected(const std::string& what) const {
    return ErrorAt(Peek(), absl::StrCat("expected ", what, " but found ", DescribeToken(Peek())));
  }

  absl::Status ExpectPunct(std::string_view punct) {
    if (ConsumePunct(punct)) return absl::OkStatus();
    return Expected(absl::StrCat("'", std::string(punct), "'"));
  }

  // A quotable identifier: a bare word or a quoted string.
  absl::Status Name(const std::string& what, std::string* name) {
    const Token& token = Peek();
    if (!token.IsIdentifier() && !token.IsString()) return Expected(what);
    *name = Next().text;
    return absl::OkStatus();
  }

  absl::Status StringValue(const std::string& what, std::string* value) {
    if (!Peek().IsString()) return Expected(what);
    *value = Next().text;
    return absl::OkStatus();
  }

  absl::Status IntegerValue(const std::string& what, int64_t* value) {
    const Token& token = Peek();
    if (token.kind != TokenKind::kInteger) return Expected(what);
    absl::StatusOr<int64_t> parsed = ParseInt64Text(token.text);
    if (!parsed.ok()) return ErrorAt(token, parsed.status().message());
    Next();
    *value = *parsed;
    return absl::OkStatus();
  }

  // `item (',' item)* close`, or just `close`.
  template <typename ParseItem>
  absl::Status DelimitedList(std::string_view close, ParseItem parse_item) {
    if (ConsumePunct(close)) return absl::OkStatus();
    do {
      SYNTAX_RETURN_IF_ERROR(parse_item());
    } while (ConsumePunct(","));
    return ExpectPunct(close);
  }

  // ---- Headers -----------------------------------------------------------

  absl::Status OpsetImports(Repeated<OperatorSetIdProto>* opsets) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("["));
    return DelimitedList("]", [&]() -> absl::Status {
      OperatorSetIdProto* opset = opsets->Add();
      SYNTAX_RETURN_IF_ERROR(StringValue("an opset domain string", opset->mutable_domain()));
      SYNTAX_RETURN_IF_ERROR(ExpectPunct(":"));
      int64_t version = 0;
      SYNTAX_RETURN_IF_ERROR(IntegerValue("an opset version", &version));
      opset->set_version(version);
      return absl::OkStatus();
    });
  }

  absl::Status StringPairs(Repeated<StringStringEntryProto>* entries) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("["));
    return DelimitedList("]", [&]() -> absl::Status {
      StringStringEntryProto* entry = entries->Add();
      SYNTAX_RETURN_IF_ERROR(StringValue("a key string", entry->mutable_key()));
      SYNTAX_RETURN_IF_ERROR(ExpectPunct(":"));
      return StringValue("a value string", entry->mutable_value());
    });
  }

  absl::Status ModelHeader(ModelProto* model) {
    return DelimitedList(">", [&]() -> absl::Status {
      const Token& key = Peek();
      if (!key.IsIdentifier()) return Expected("a model field name");
      Next();
      SYNTAX_RETURN_IF_ERROR(ExpectPunct(":"));
      int64_t number = 0;
      if (key.text == "ir_version") {
        SYNTAX_RETURN_IF_ERROR(IntegerValue("an integer", &number));
        model->set_ir_version(number);
      } else if (key.text == "model_version") {
        SYNTAX_RETURN_IF_ERROR(IntegerValue("an integer", &number));
        model->set_model_version(number);
      } else if (key.text == "opset_import") {
        return OpsetImports(model->mutable_opset_import());
      } else if (key.text == "producer_name") {
        return StringValue("a string", model->mutable_producer_name());
      } else if (key.text == "producer_version") {
        return StringValue("a string", model->mutable_producer_version());
      } else if (key.text == "domain") {
        return StringValue("a string", model->mutable_domain());
      } else if (key.text == "doc_string") {
        return StringValue("a string", model->mutable_doc_string());
      } else if (key.text == "metadata_props") {
        return StringPairs(model->mutable_metadata_props());
      } else {
        return ErrorAt(key, absl::StrCat("unknown model field '", key.text,
                                         "'; expected ir_version, opset_import, producer_name, "
                                         "producer_version, domain, model_version, doc_string "
                                         "or metadata_props"));
      }
      return absl::OkStatus();
    });
  }

  absl::Status FunctionHeader(FunctionProto* function) {
    return DelimitedList(">", [&]() -> absl::Status {
      const Token& key = Peek();
      if (!key.IsIdentifier()) return Expected("a function field name");
      Next();
      SYNTAX_RETURN_IF_ERROR(ExpectPunct(":"));
      if (key.text == "domain") return StringValue("a string", function->mutable_domain());
      if (key.text == "overload") return StringValue("a string", function->mutable_overload());
      if (key.text == "doc_string") return StringValue("a string", function->mutable_doc_string());
      if (key.text == "opset_import") return OpsetImports(function->mutable_opset_import());
      if (key.text == "metadata_props") return StringPairs(function->mutable_metadata_props());
      return ErrorAt(key, absl::StrCat("unknown function field '", key.text,
                                       "'; expected domain, overload, doc_string, opset_import "
                                       "or metadata_props"));
    });
  }

  // ---- Graphs and functions ----------------------------------------------

  absl::Status GraphAfterName(GraphProto* graph) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
    SYNTAX_RETURN_IF_ERROR(DelimitedList(")", [&]() -> absl::Status {
      ValueInfoProto* input = graph->add_input();
      SYNTAX_RETURN_IF_ERROR(ValueInfo(input));
      if (Peek().IsPunct("=")) {
        const Token& equals = Next();
        return Initializer(equals, *input, graph->add_initializer());
      }
      return absl::OkStatus();
    }));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("=>"));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
    SYNTAX_RETURN_IF_ERROR(
        DelimitedList(")", [&]() -> absl::Status { return ValueInfo(graph->add_output()); }));
    if (ConsumePunct("<")) {
      // Each entry is a value info, or an initializer when '=' follows.
      SYNTAX_RETURN_IF_ERROR(DelimitedList(">", [&]() -> absl::Status {
        ValueInfoProto info;
        SYNTAX_RETURN_IF_ERROR(ValueInfo(&info));
        if (Peek().IsPunct("=")) {
          const Token& equals = Next();
          return Initializer(equals, info, graph->add_initializer());
        }
        *graph->add_value_info() = std::move(info);
        return absl::OkStatus();
      }));
    }
    return NodeBlock(graph->mutable_node());
  }

  absl::Status NodeBlock(Repeated<NodeProto>* nodes) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("{"));
    return NodesUntilBrace(nodes);
  }

  absl::Status NodesUntilBrace(Repeated<NodeProto>* nodes) {
    while (!ConsumePunct("}")) {
      if (Peek().kind == TokenKind::kEnd) return Expected("'}'");
      SYNTAX_RETURN_IF_ERROR(Node(nodes->Add()));
    }
    return absl::OkStatus();
  }

  // `type? name`.
  absl::Status ValueInfo(ValueInfoProto* info) {
    if (Peek().IsIdentifier() && IsTypeKeyword(Peek().text)) {
      SYNTAX_RETURN_IF_ERROR(Type(info->mutable_type()));
    }
    return Name("a value name", info->mutable_name());
  }

  // The data after `type name =` in a graph's inputs or initializer list.
  absl::Status Initializer(const Token& equals, const ValueInfoProto& info, TensorProto* tensor) {
    tensor->set_name(info.name());
    return TensorData(equals, info.type(), tensor);
  }

  absl::Status FunctionAttributes(FunctionProto* function) {
    return DelimitedList(">", [&]() -> absl::Status {
      std::string name;
      SYNTAX_RETURN_IF_ERROR(Name("an attribute name", &name));
      if (Peek().IsPunct(":") || Peek().IsPunct("=")) {
        return AttributeAfterName(std::move(name), function->add_attribute_proto());
      }
      function->add_attribute(std::move(name));
      return absl::OkStatus();
    });
  }

  // `(name, type name, ...)`: typed entries also go to value_info.
  absl::Status FunctionValues(Repeated<std::string>* names, Repeated<ValueInfoProto>* infos) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
    return DelimitedList(")", [&]() -> absl::Status {
      if (Peek().IsIdentifier() && IsTypeKeyword(Peek().text)) {
        ValueInfoProto* info = infos->Add();
        SYNTAX_RETURN_IF_ERROR(ValueInfo(info));
        *names->Add() = info->name();
        return absl::OkStatus();
      }
      return Name("a value name", names->Add());
    });
  }

  // ---- Nodes -------------------------------------------------------------

  // Names separated by commas, as ONNX reads them: a missing name before a
  // comma is an empty one, and a single trailing comma is ignored.
  absl::Status IdList(Repeated<std::string>* ids) {
    auto at_name = [&] { return Peek().IsIdentifier() || Peek().IsString(); };
    if (at_name()) {
      *ids->Add() = Next().text;
    } else if (Peek().IsPunct(",")) {
      ids->Add();
    } else {
      return absl::OkStatus();
    }
    while (ConsumePunct(",")) {
      if (at_name()) {
        *ids->Add() = Next().text;
      } else if (Peek().IsPunct(",")) {
        ids->Add();
      } else {
        break;
      }
    }
    return absl::OkStatus();
  }

  // `domain.parts.Op`: the last part is the operator, the rest the domain.
  absl::Status OperatorName(NodeProto* node) {
    std::vector<std::string> parts(1);
    SYNTAX_RETURN_IF_ERROR(Name("an operator name", &parts.back()));
    while (ConsumePunct(".")) {
      parts.emplace_back();
      SYNTAX_RETURN_IF_ERROR(Name("an operator name", &parts.back()));
    }
    node->set_op_type(parts.back());
    parts.pop_back();
    node->set_domain(absl::StrJoin(parts, "."));
    return absl::OkStatus();
  }

  // ---- Attributes --------------------------------------------------------

  absl::Status AttributeList(Repeated<AttributeProto>* attributes) {
    do {
      SYNTAX_RETURN_IF_ERROR(Attribute(attributes->Add()));
    } while (ConsumePunct(","));
    return ExpectPunct(">");
  }

  absl::Status AttributeAfterName(std::string name, AttributeProto* attribute) {
    attribute->set_name(std::move(name));
    AttributeProto::AttributeType declared = AttributeProto::UNDEFINED;
    if (ConsumePunct(":")) {
      const Token& type_token = Peek();
      if (!type_token.IsIdentifier()) return Expected("an attribute type");
      declared = AttributeTypeFromName(type_token.text);
      if (declared == AttributeProto::UNDEFINED) {
        return ErrorAt(type_token, absl::StrCat("unknown attribute type '", type_token.text, "'"));
      }
      Next();
      attribute->set_type(declared);
    }
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("="));
    if (Peek().IsPunct("[")) return ListValue(declared, attribute);
    if (Peek().IsPunct("@")) {
      Next();
      return Name("a referenced attribute name", attribute->mutable_ref_attr_name());
    }
    const Token& start = Peek();
    SingleValue single;
    SYNTAX_RETURN_IF_ERROR(SingleAttributeValue(declared, &single));
    SYNTAX_RETURN_IF_ERROR(CheckDeclared(start, *attribute, declared, single.value.type()));
    std::string kept_name = attribute->name();
    *attribute = std::move(single.value);
    attribute->set_name(std::move(kept_name));
    return absl::OkStatus();
  }

  absl::Status CheckDeclared(const Token& at, const AttributeProto& attribute,
                             AttributeProto::AttributeType declared,
                             AttributeProto::AttributeType found) const {
    if (declared == AttributeProto::UNDEFINED || declared == found) return absl::OkStatus();
    return ErrorAt(at, absl::StrCat("attribute '", attribute.name(), "' is declared ",
                                    AttributeTypeLabel(declared), " but its value is ",
                                    AttributeTypeLabel(found)));
  }

  // One value that is not a list. `expected` is the declared element type,
  // if any: it turns an integer literal into a float.
  absl::Status SingleAttributeValue(AttributeProto::AttributeType expected, SingleValue* out) {
    Nesting nesting(this);
    SYNTAX_RETURN_IF_ERROR(nesting.status);
    AttributeProto& value = out->value;
    const Token& token = Peek();
    switch (token.kind) {
      case TokenKind::kInteger:
        if (expected == AttributeProto::FLOAT) return FloatAttributeValue(&value);
        {
          absl::StatusOr<int64_t> i = ParseInt64Text(token.text);
          if (!i.ok()) return ErrorAt(token, i.status().message());
          out->number_text = token.text;
          Next();
          value.set_type(AttributeProto::INT);
          value.set_i(*i);
        }
        return absl::OkStatus();
      case TokenKind::kFloat:
        return FloatAttributeValue(&value);
      case TokenKind::kString:
        // A quoted name followed by '(' starts a graph.
        if (Peek(1).IsPunct("(")) {
          value.set_type(AttributeProto::GRAPH);
          return Graph(value.mutable_g());
        }
        value.set_type(AttributeProto::STRING);
        value.set_s(Next().text);
        return absl::OkStatus();
      case TokenKind::kIdentifier:
        if (token.text == "sparse_tensor") {
          bool is_value = false;
          SYNTAX_RETURN_IF_ERROR(SparseTensorValue(&value, &is_value));
          if (is_value) return absl::OkStatus();
        }
        if (IsTypeKeyword(token.text)) {
          TypeProto type;
          SYNTAX_RETURN_IF_ERROR(Type(&type));
          const Token& after = Peek();
          if (after.IsPunct("{") || after.IsPunct("=") || after.IsIdentifier() ||
              after.IsString()) {
            value.set_type(AttributeProto::TENSOR);
            return TensorAfterType(type, value.mutable_t());
          }
          value.set_type(AttributeProto::TYPE_PROTO);
          *value.mutable_tp() = std::move(type);
          return absl::OkStatus();
        }
        if (IsFloatWord(token.text)) return FloatAttributeValue(&value);
        value.set_type(AttributeProto::GRAPH);
        return Graph(value.mutable_g());
      default:
        return Expected("an attribute value");
    }
  }

  // `sparse_tensor(values, indices, [dims])`, told apart from the type
  // `sparse_tensor(float[N])` by what follows the values' type. Leaves the
  // position unchanged and `is_value` false for the type.
  absl::Status SparseTensorValue(AttributeProto* value, bool* is_value) {
    const size_t start = pos_;
    Next();  // sparse_tensor
    if (!ConsumePunct("(") || !Peek().IsIdentifier() || ElementTypeFromName(Peek().text) == 0) {
      pos_ = start;
      return absl::OkStatus();
    }
    TypeProto values_type;
    SYNTAX_RETURN_IF_ERROR(Type(&values_type));
    if (Peek().IsPunct(")")) {
      pos_ = start;
      return absl::OkStatus();
    }
    *is_value = true;
    value->set_type(AttributeProto::SPARSE_TENSOR);
    SparseTensorProto* sparse = value->mutable_sparse_tensor();
    SYNTAX_RETURN_IF_ERROR(TensorAfterType(values_type, sparse->mutable_values()));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct(","));
    SYNTAX_RETURN_IF_ERROR(Tensor(sparse->mutable_indices()));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct(","));
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("["));
    SYNTAX_RETURN_IF_ERROR(DelimitedList("]", [&]() -> absl::Status {
      int64_t dim = 0;
      SYNTAX_RETURN_IF_ERROR(IntegerValue("a dimension", &dim));
      sparse->add_dims(dim);
      return absl::OkStatus();
    }));
    return ExpectPunct(")");
  }

  absl::Status FloatAttributeValue(AttributeProto* value) {
    const Token& token = Peek();
    absl::StatusOr<float> f = ParseFloatText(token.text);
    if (!f.ok()) return ErrorAt(token, f.status().message());
    Next();
    value->set_type(AttributeProto::FLOAT);
    value->set_f(*f);
    return absl::OkStatus();
  }

  absl::Status ListValue(AttributeProto::AttributeType declared, AttributeProto* attribute) {
    const Token& open = Next();  // '['
    AttributeProto::AttributeType element = ElementTypeOfList(declared);
    if (declared != AttributeProto::UNDEFINED && element == AttributeProto::UNDEFINED) {
      return ErrorAt(open,
                     absl::StrCat("attribute '", attribute->name(), "' is declared ",
                                  AttributeTypeLabel(declared), " and cannot take a list value"));
    }
    std::vector<SingleValue> values;
    std::vector<const Token*> starts;
    if (!Peek().IsPunct("]")) {
      do {
        starts.push_back(&Peek());
        values.emplace_back();
        SYNTAX_RETURN_IF_ERROR(SingleAttributeValue(element, &values.back()));
        SYNTAX_RETURN_IF_ERROR(
            CheckDeclared(*starts.back(), *attribute, element, values.back().value.type()));
      } while (ConsumePunct(","));
    }
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("]"));
    if (values.empty()) {
      if (declared == AttributeProto::UNDEFINED) {
        return ErrorAt(open,
                       absl::StrCat("the empty list of attribute '", attribute->name(),
                                    "' needs a type, as in '", attribute->name(), ": ints = []'"));
      }
      return absl::OkStatus();
    }
    if (element == AttributeProto::UNDEFINED) {
      // Without a declared type the values decide; ints among floats become
      // floats.
      element = values[0].value.type();
      for (size_t i = 1; i < values.size(); ++i) {
        AttributeProto::AttributeType t = values[i].value.type();
        if (t == element) continue;
        bool numeric = (t == AttributeProto::INT || t == AttributeProto::FLOAT) &&
                       (element == AttributeProto::INT || element == AttributeProto::FLOAT);
        if (!numeric) {
          return ErrorAt(*starts[i], absl::StrCat("list attribute '", attribute->name(), "' mixes ",
                                                  AttributeTypeLabel(element), " and ",
                                                  AttributeTypeLabel(t), " values"));
        }
        element = AttributeProto::FLOAT;
      }
    }
    for (size_t i = 0; i < values.size(); ++i) {
      AttributeProto& v = values[i].value;
      switch (element) {
        case AttributeProto::INT:
          attribute->add_ints(v.i());
          break;
        case AttributeProto::FLOAT:
          if (v.type() == AttributeProto::INT) {
            absl::StatusOr<float> f = ParseFloatText(values[i].number_text);
            if (!f.ok()) return ErrorAt(*starts[i], f.status().message());
            attribute->add_floats(*f);
          } else {
            attribute->add_floats(v.f());
          }
          break;
        case AttributeProto::STRING:
          attribute->add_strings(std::move(*v.mutable_s()));
          break;
        case AttributeProto::TENSOR:
          *attribute->add_tensors() = std::move(*v.mutable_t());
          break;
        case AttributeProto::GRAPH:
          *attribute->add_graphs() = std::move(*v.mutable_g());
          break;
        case AttributeProto::TYPE_PROTO:
          *attribute->add_type_protos() = std::move(*v.mutable_tp());
          break;
        case AttributeProto::SPARSE_TENSOR:
          *attribute->add_sparse_tensors() = std::move(*v.mutable_sparse_tensor());
          break;
        default:
          return ErrorAt(*starts[i],
                         absl::StrCat("list attribute '", attribute->name(), "' cannot hold ",
                                      AttributeTypeLabel(element), " values"));
      }
    }
    switch (element) {
      case AttributeProto::INT:
        attribute->set_type(AttributeProto::INTS);
        break;
      case AttributeProto::FLOAT:
        attribute->set_type(AttributeProto::FLOATS);
        break;
      case AttributeProto::STRING:
        attribute->set_type(AttributeProto::STRINGS);
        break;
      case AttributeProto::TENSOR:
        attribute->set_type(AttributeProto::TENSORS);
        break;
      case AttributeProto::GRAPH:
        attribute->set_type(AttributeProto::GRAPHS);
        break;
      case AttributeProto::SPARSE_TENSOR:
        attribute->set_type(AttributeProto::SPARSE_TENSORS);
        break;
      default:
        attribute->set_type(AttributeProto::TYPE_PROTOS);
        break;
    }
    return absl::OkStatus();
  }

  // ---- Types -------------------------------------------------------------

  absl::Status ElementType(const std::string& what, int32_t* element) {
    const Token& token = Peek();
    if (!token.IsIdentifier() || ElementTypeFromName(token.text) == 0) return Expected(what);
    *element = ElementTypeFromName(Next().text);
    return absl::OkStatus();
  }

  // After an element type: no brackets for a scalar, `[]` for unknown rank,
  // `[dims]` otherwise.
  template <typename TensorLikeType>
  absl::Status TensorTypeShape(int32_t element, TensorLikeType* tensor_type) {
    tensor_type->set_elem_type(element);
    if (!ConsumePunct("[")) {
      tensor_type->mutable_shape();
      return absl::OkStatus();
    }
    if (ConsumePunct("]")) return absl::OkStatus();
    TensorShapeProto* shape = tensor_type->mutable_shape();
    do {
      SYNTAX_RETURN_IF_ERROR(Dimension(shape->add_dim()));
    } while (ConsumePunct(","));
    return ExpectPunct("]");
  }

  absl::Status Dimension(TensorShapeProto::Dimension* dim) {
    const Token& token = Peek();
    if (token.IsPunct("?")) {
      Next();
      return absl::OkStatus();
    }
    if (token.IsIdentifier() || token.IsString()) {
      dim->set_dim_param(Next().text);
      return absl::OkStatus();
    }
    if (token.kind == TokenKind::kInteger) {
      int64_t value = 0;
      SYNTAX_RETURN_IF_ERROR(IntegerValue("a dimension", &value));
      dim->set_dim_value(value);
      return absl::OkStatus();
    }
    return Expected("a dimension (a number, a name or '?')");
  }

  // `opaque()`, `opaque(name)` or `opaque(domain, name)`; the domain may be
  // dotted.
  absl::Status OpaqueType(TypeProto::Opaque* opaque) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("("));
    if (ConsumePunct(")")) return absl::OkStatus();
    std::vector<std::string> parts(1);
    SYNTAX_RETURN_IF_ERROR(Name("an opaque type name", &parts.back()));
    while (ConsumePunct(".")) {
      parts.emplace_back();
      SYNTAX_RETURN_IF_ERROR(Name("an opaque type name", &parts.back()));
    }
    std::string first = absl::StrJoin(parts, ".");
    if (ConsumePunct(",")) {
      opaque->set_domain(std::move(first));
      SYNTAX_RETURN_IF_ERROR(Name("an opaque type name", opaque->mutable_name()));
    } else {
      opaque->set_name(std::move(first));
    }
    return ExpectPunct(")");
  }

  // ---- Tensors -----------------------------------------------------------

  absl::Status TensorAfterType(const TypeProto& type, TensorProto* tensor) {
    if (Peek().IsIdentifier() || Peek().IsString()) tensor->set_name(Next().text);
    const Token& at = Peek();
    ConsumePunct("=");
    return TensorData(at, type, tensor);
  }

  // Fills data_type and dims from `type`, then reads `{values}`,
  // `raw {values}`, `raw "hex"` or external data `["key": "value", ...]`.
  absl::Status TensorData(const Token& at, const TypeProto& type, TensorProto* tensor) {
    if (!type.has_tensor_type()) {
      return ErrorAt(at, "a tensor value needs a tensor type such as float[2]");
    }
    tensor->set_data_type(type.tensor_type().elem_type());
    for (const TensorShapeProto::Dimension& dim : type.tensor_type().shape().dim()) {
      if (!dim.has_dim_value()) {
        return ErrorAt(at, absl::StrCat("a tensor value needs numeric dimensions but found ",
                                        dim.has_dim_param() ? Quote(dim.dim_param()) : "'?'"));
      }
      tensor->add_dims(dim.dim_value());
    }
    if (Peek().Is(TokenKind::kIdentifier, "raw")) {
      Next();
      if (Peek().IsString()) {
        const Token& hex = Next();
        absl::StatusOr<std::string> bytes = FromHex(hex.text);
        if (!bytes.ok()) return ErrorAt(hex, bytes.status().message());
        tensor->set_raw_data(std::move(*bytes));
        return absl::OkStatus();
      }
      if (!Peek().IsPunct("{")) return Expected("'{' or a hex string after raw");
      std::vector<ValueLiteral> values;
      std::vector<const Token*> tokens;
      SYNTAX_RETURN_IF_ERROR(ValueLiterals(&values, &tokens));
      absl::StatusOr<std::string> bytes = EncodeRawValues(tensor->data_type(), values);
      if (!bytes.ok()) {
        // Find the value at fault to point at it.
        for (size_t i = 0; i < values.size(); ++i) {
          absl::Status one = EncodeRawValues(tensor->data_type(), {values[i]}).status();
          if (!one.ok()) return ErrorAt(*tokens[i], one.message());
        }
        return ErrorAt(at, bytes.status().message());
      }
      tensor->set_raw_data(std::move(*bytes));
      return absl::OkStatus();
    }
    if (Peek().IsPunct("[")) {
      tensor->set_data_location(TensorProto::EXTERNAL);
      return StringPairs(tensor->mutable_external_data());
    }
    if (!Peek().IsPunct("{")) return Expected("tensor values in '{ }'");
    std::vector<ValueLiteral> values;
    std::vector<const Token*> tokens;
    SYNTAX_RETURN_IF_ERROR(ValueLiterals(&values, &tokens));
    size_t bad_value = 0;
    absl::Status status = StoreTypedValues(values, tensor, &bad_value);
    if (!status.ok()) return ErrorAt(*tokens[bad_value], status.message());
    return absl::OkStatus();
  }

  // `{ literal, ... }`.
  absl::Status ValueLiterals(std::vector<ValueLiteral>* values, std::vector<const Token*>* tokens) {
    SYNTAX_RETURN_IF_ERROR(ExpectPunct("{"));
    return DelimitedList("}", [&]() -> absl::Status {
      const Token& token = Peek();
      ValueLiteral value;
      value.text = token.text;
      if (token.kind == TokenKind::kInteger) {
        value.kind = ValueLiteral::kInteger;
      } else if (token.kind == TokenKind::kFloat ||
                 (token.IsIdentifier() && IsFloatWord(token.text))) {
        value.kind = ValueLiteral::kFloat;
      } else if (token.IsString()) {
        value.kind = ValueLiteral::kString;
      } else {
        return Expected("a tensor value");
      }
      Next();
      tokens->push_back(&token);
      values->push_back(std::move(value));
      return absl::OkStatus();
    });
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
};

// Tokenizes `text`, runs `parse` on a fresh parser and checks that nothing
// is left over.
template <typename T, typename ParseFn>
absl::StatusOr<T> ParseAll(std::string_view text, ParseFn parse) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  Parser parser(std::move(*tokens));
  T result;
  SYNTAX_RETURN_IF_ERROR(parse(parser, &result));
  SYNTAX_RETURN_IF_ERROR(parser.ExpectEnd());
  return result;
}

#undef SYNTAX_RETURN_IF_ERROR

}  // namespace
}  // namespace syntax

using syntax::Parser;

absl::StatusOr<ModelProto> ParseModel(std::string_view text) {
  return syntax::ParseAll<ModelProto>(text, [](Parser& p, ModelProto* m) { return p.Model(m); });
}

absl::StatusOr<GraphProto> ParseGraph(std::string_view text) {
  return syntax::ParseAll<GraphProto>(text, [](Parser& p, GraphProto* g) { return p.Graph(g); });
}

absl::StatusOr<FunctionProto> ParseFunction(std::string_view text) {
  return syntax::ParseAll<FunctionProto>(text,
                                         [](Parser& p, FunctionProto* f) { return p.Function(f); });
}

absl::StatusOr<NodeProto> ParseNode(std::string_view text) {
  return syntax::ParseAll<NodeProto>(text, [](Parser& p, NodeProto* n) { return p.Node(n); });
}

absl::StatusOr<std::vector<NodeProto>> ParseNodeList(std::string_view text) {
  absl::StatusOr<GraphProto> holder = syntax::ParseAll<GraphProto>(
      text, [](Parser& p, GraphProto* g) { return p.NodeList(g->mutable_node()); });
  if (!holder.ok()) return holder.status();
  return std::vector<NodeProto>(holder->node().begin(), holder->node().end());
}

absl::StatusOr<AttributeProto> ParseAttribute(std::string_view text) {
  return syntax::ParseAll<AttributeProto>(
      text, [](Parser& p, AttributeProto* a) { return p.Attribute(a); });
}

absl::StatusOr<TypeProto> ParseType(std::string_view text) {
  return syntax::ParseAll<TypeProto>(text, [](Parser& p, TypeProto* t) { return p.Type(t); });
}

absl::StatusOr<TensorProto> ParseTensor(std::string_view text) {
  return syntax::ParseAll<TensorProto>(text, [](Parser& p, TensorProto* t) { return p.Tensor(t); });
}

}  // namespace onnxforge
