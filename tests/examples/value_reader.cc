#include "tests/examples/value_reader.h"

#include <cstdint>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "ir/syntax/lexer.h"
#include "ir/syntax/names.h"
#include "ir/syntax/numbers.h"
#include "ir/syntax/parser.h"
#include "ir/syntax/printer.h"
#include "ir/syntax/tensor_data.h"
#include "reference/narrow_types.h"
#include "reference/tensor.h"

namespace onnxforge::examples {
namespace {

using reference::Tensor;
using reference::Value;
using syntax::Token;
using syntax::TokenKind;

// Sequences in maps in optionals ... stop here rather than exhaust the stack.
constexpr int kMaxNesting = 64;

bool IsNarrowFloat(int32_t type) {
  switch (type) {
    case TensorProto::FLOAT16:
    case TensorProto::BFLOAT16:
    case TensorProto::FLOAT8E4M3FN:
    case TensorProto::FLOAT8E4M3FNUZ:
    case TensorProto::FLOAT8E5M2:
    case TensorProto::FLOAT8E5M2FNUZ:
    case TensorProto::FLOAT8E8M0:
    case TensorProto::FLOAT4E2M1:
      return true;
    default:
      return false;
  }
}

// Stores `value` rounded into the narrow float element `i` of `t`.
void SetNarrowFloat(Tensor& t, int64_t i, double value) {
  using namespace reference;  // NOLINT: the format types
  switch (t.type()) {
    case TensorProto::FLOAT16:
      t.mutable_data<Float16>()[i] = Float16::FromDouble(value);
      break;
    case TensorProto::BFLOAT16:
      t.mutable_data<BFloat16>()[i] = BFloat16::FromDouble(value);
      break;
    case TensorProto::FLOAT8E4M3FN:
      t.mutable_data<Float8E4M3FN>()[i] = Float8E4M3FN::FromDouble(value, false);
      break;
    case TensorProto::FLOAT8E4M3FNUZ:
      t.mutable_data<Float8E4M3FNUZ>()[i] = Float8E4M3FNUZ::FromDouble(value, false);
      break;
    case TensorProto::FLOAT8E5M2:
      t.mutable_data<Float8E5M2>()[i] = Float8E5M2::FromDouble(value, false);
      break;
    case TensorProto::FLOAT8E5M2FNUZ:
      t.mutable_data<Float8E5M2FNUZ>()[i] = Float8E5M2FNUZ::FromDouble(value, false);
      break;
    case TensorProto::FLOAT8E8M0:
      t.mutable_data<Float8E8M0>()[i] =
          Float8E8M0::FromDouble(value, false, E8M0Rounding::kNearest);
      break;
    case TensorProto::FLOAT4E2M1:
      t.mutable_data<Float4E2M1>()[i] = Float4E2M1::FromDouble(value, false);
      break;
    default:
      break;
  }
}

bool IsSubByteInt(int32_t type) {
  return type == TensorProto::INT4 || type == TensorProto::UINT4 || type == TensorProto::INT2 ||
         type == TensorProto::UINT2;
}

template <typename T>
bool SetSmallInt(Tensor& t, int64_t i, int64_t value) {
  if (value < T::kMinValue || value > T::kMaxValue) return false;
  t.mutable_data<T>()[i] = T(value);
  return true;
}

// Stores `value` as element `i` of the sub-byte integer tensor `t`; false
// when it is out of the type's range.
bool SetSubByteInt(Tensor& t, int64_t i, int64_t value) {
  switch (t.type()) {
    case TensorProto::INT4:
      return SetSmallInt<reference::Int4>(t, i, value);
    case TensorProto::UINT4:
      return SetSmallInt<reference::UInt4>(t, i, value);
    case TensorProto::INT2:
      return SetSmallInt<reference::Int2>(t, i, value);
    case TensorProto::UINT2:
      return SetSmallInt<reference::UInt2>(t, i, value);
    default:
      return false;
  }
}

class ValueReader {
 public:
  ValueReader(std::string_view text, std::vector<Token> tokens)
      : text_(text), tokens_(std::move(tokens)) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  absl::StatusOr<std::vector<NamedValue>> Declarations() {
    std::vector<NamedValue> values;
    while (Peek().kind != TokenKind::kEnd) {
      NamedValue named;
      named.line = Peek().line;
      named.column = Peek().column;
      absl::StatusOr<TypeProto> type = Type();
      if (!type.ok()) return type.status();
      named.declared_type = *type;
      if (!Peek().IsIdentifier() && !Peek().IsString()) {
        return Expected("a value name after the type");
      }
      named.name = Next().text;
      if (!Peek().IsPunct("=")) return Expected(absl::StrCat("'=' after '", named.name, "'"));
      Next();
      absl::StatusOr<Value> value = ValueOf(*type, 0);
      if (!value.ok()) return value.status();
      named.value = *std::move(value);
      values.push_back(std::move(named));
    }
    return values;
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() {
    const Token& token = tokens_[pos_];
    if (token.kind != TokenKind::kEnd) ++pos_;
    return token;
  }

  absl::Status ErrorAt(const Token& at, const std::string& message) const {
    return absl::InvalidArgumentError(absl::StrCat(syntax::Where(at), message));
  }
  absl::Status Expected(const std::string& what) const {
    return ErrorAt(Peek(), absl::StrCat("expected ", what, " but found ",
                                        syntax::DescribeToken(Peek())));
  }
  absl::Status ExpectPunct(const std::string& punct) {
    if (!Peek().IsPunct(punct)) return Expected(absl::StrCat("'", punct, "'"));
    Next();
    return absl::OkStatus();
  }

  size_t Offset(const Token& token) const {
    const size_t line = static_cast<size_t>(token.line) - 1;
    if (line >= line_starts_.size()) return text_.size();
    return std::min(text_.size(), line_starts_[line] + token.column - 1);
  }

  // Skips a bracketed group starting at the current token.
  absl::Status SkipGroup(const std::string& open, const std::string& close) {
    const Token& start = Peek();
    int depth = 0;
    do {
      if (Peek().kind == TokenKind::kEnd) {
        return ErrorAt(start, absl::StrCat("'", open, "' is not closed"));
      }
      if (Peek().IsPunct(open)) ++depth;
      if (Peek().IsPunct(close)) --depth;
      Next();
    } while (depth > 0);
    return absl::OkStatus();
  }

  // A type: a word, then `(...)` and/or `[...]`. The syntax library reads
  // the source text it spans, blanked in front so positions stay the file's.
  absl::StatusOr<TypeProto> Type() {
    const Token& start = Peek();
    if (!start.IsIdentifier() || !syntax::IsTypeKeyword(start.text)) {
      return Expected("a type such as float[2] or seq(float[])");
    }
    Next();
    if (Peek().IsPunct("(")) {
      absl::Status skipped = SkipGroup("(", ")");
      if (!skipped.ok()) return skipped;
    }
    if (Peek().IsPunct("[")) {
      absl::Status skipped = SkipGroup("[", "]");
      if (!skipped.ok()) return skipped;
    }
    const size_t from = Offset(start);
    const size_t to = Offset(Peek());
    std::string blanked(text_.substr(0, from));
    for (char& c : blanked) {
      if (c != '\n') c = ' ';
    }
    blanked.append(text_.substr(from, to - from));
    return ParseType(blanked);
  }

  absl::StatusOr<Value> ValueOf(const TypeProto& type, int depth) {
    if (depth > kMaxNesting) {
      return ErrorAt(Peek(), absl::StrCat("values nest deeper than ", kMaxNesting, " levels"));
    }
    switch (type.value_case()) {
      case TypeProto::kTensorType:
        return TensorValue(type);
      case TypeProto::kSequenceType:
        return SequenceOf(type.sequence_type().elem_type(), depth);
      case TypeProto::kMapType:
        return MapOf(type.map_type(), depth);
      case TypeProto::kOptionalType: {
        if (Peek().Is(TokenKind::kIdentifier, "none")) {
          Next();
          return Value::EmptyOptional(type.optional_type().elem_type());
        }
        absl::StatusOr<Value> inner = ValueOf(type.optional_type().elem_type(), depth + 1);
        if (!inner.ok()) return inner;
        return Value::Optional(*std::move(inner));
      }
      default:
        return ErrorAt(Peek(), absl::StrCat("values of type ", PrintType(type),
                                            " cannot be written in an example"));
    }
  }

  // `{values}` under the type in force, or `type {values}`.
  absl::StatusOr<Value> TensorValue(const TypeProto& type) {
    const int32_t elem = type.tensor_type().elem_type();
    if (Peek().IsIdentifier() && syntax::IsTypeKeyword(Peek().text)) {
      const Token& at = Peek();
      absl::StatusOr<TypeProto> own = Type();
      if (!own.ok()) return own.status();
      if (!own->has_tensor_type()) {
        return ErrorAt(at, absl::StrCat("expected a tensor of ", PrintType(type), " but found ",
                                        PrintType(*own)));
      }
      if (elem != TensorProto::UNDEFINED && own->tensor_type().elem_type() != elem) {
        return ErrorAt(at, absl::StrCat("expected a tensor of ",
                                        std::string(syntax::ElementTypeName(elem)), " but found ",
                                        PrintType(*own)));
      }
      return TensorData(*own, at);
    }
    if (!Peek().IsPunct("{")) {
      return Expected("tensor values in '{ }' or a tensor literal such as float[2] {1.0, 2.0}");
    }
    return TensorData(type, Peek());
  }

  absl::StatusOr<Value> TensorData(const TypeProto& type, const Token& type_token) {
    const int32_t elem = type.tensor_type().elem_type();
    std::vector<int64_t> dims;
    for (const auto& dim : type.tensor_type().shape().dim()) {
      if (!dim.has_dim_value()) {
        return ErrorAt(type_token,
                       absl::StrCat("a tensor value needs numeric dimensions but its type is ",
                                    PrintType(type), "; write the values as a literal with ",
                                    "its own type, such as float[2] {1.0, 2.0}"));
      }
      dims.push_back(dim.dim_value());
    }
    const Token& open = Peek();
    absl::Status opened = ExpectPunct("{");
    if (!opened.ok()) return opened;
    std::vector<const Token*> literals;
    if (!Peek().IsPunct("}")) {
      while (true) {
        const Token& token = Peek();
        const bool literal = token.kind == TokenKind::kInteger ||
                             token.kind == TokenKind::kFloat || token.IsString() ||
                             (token.IsIdentifier() && (syntax::IsFloatWord(token.text) ||
                                                       token.text == "true" ||
                                                       token.text == "false"));
        if (!literal) return Expected("a tensor value");
        literals.push_back(&Next());
        if (Peek().IsPunct("}")) break;
        absl::Status comma = ExpectPunct(",");
        if (!comma.ok()) return comma;
      }
    }
    Next();  // '}'

    int64_t count = 1;
    for (int64_t d : dims) {
      if (d < 0 || (d > 0 && count > (int64_t{1} << 40) / d)) {
        return ErrorAt(type_token, absl::StrCat(PrintType(type), " is not a valid tensor shape"));
      }
      count *= d;
    }
    if (count != static_cast<int64_t>(literals.size())) {
      return ErrorAt(open, absl::StrCat(PrintType(type), " needs ", count, " value",
                                        count == 1 ? "" : "s", " but ", literals.size(),
                                        literals.size() == 1 ? " is" : " are", " given"));
    }
    if (IsNarrowFloat(elem)) return NarrowFloatTensor(elem, dims, literals);
    if (IsSubByteInt(elem)) return SubByteIntTensor(elem, dims, literals);

    TensorProto proto;
    proto.set_data_type(elem);
    for (int64_t d : dims) proto.add_dims(d);
    for (const Token* token : literals) {
      syntax::ValueLiteral value;
      value.text = token->text;
      if (token->kind == TokenKind::kInteger) {
        value.kind = syntax::ValueLiteral::kInteger;
      } else if (token->IsString()) {
        value.kind = syntax::ValueLiteral::kString;
      } else if (elem == TensorProto::BOOL && (token->text == "true" || token->text == "false")) {
        value.kind = syntax::ValueLiteral::kInteger;
        value.text = token->text == "true" ? "1" : "0";
      } else if (token->IsIdentifier() && !syntax::IsFloatWord(token->text)) {
        return ErrorAt(*token, absl::StrCat("'", token->text, "' is a value of bool tensors only"));
      } else {
        value.kind = syntax::ValueLiteral::kFloat;
      }
      absl::Status appended = syntax::AppendTypedValue(value, &proto);
      if (!appended.ok()) return ErrorAt(*token, std::string(appended.message()));
    }
    absl::StatusOr<Tensor> tensor = Tensor::FromProto(proto);
    if (!tensor.ok()) return ErrorAt(open, std::string(tensor.status().message()));
    return Value(*std::move(tensor));
  }

  absl::StatusOr<Value> NarrowFloatTensor(int32_t elem, const std::vector<int64_t>& dims,
                                          const std::vector<const Token*>& literals) {
    Tensor tensor(elem, dims);
    for (size_t i = 0; i < literals.size(); ++i) {
      const Token& token = *literals[i];
      if (token.IsString() || (token.IsIdentifier() && !syntax::IsFloatWord(token.text))) {
        const std::string type_name(syntax::ElementTypeName(elem));
        return ErrorAt(token, absl::StrCat("expected a number for element type ", type_name,
                                           " but found ", syntax::DescribeToken(token)));
      }
      absl::StatusOr<double> value = syntax::ParseDoubleText(token.text);
      if (!value.ok()) return ErrorAt(token, std::string(value.status().message()));
      SetNarrowFloat(tensor, static_cast<int64_t>(i), *value);
    }
    return Value(std::move(tensor));
  }

  // One value per element, written straight into the evaluator's unpacked
  // storage (a TensorProto would pack 4-bit and 2-bit values).
  absl::StatusOr<Value> SubByteIntTensor(int32_t elem, const std::vector<int64_t>& dims,
                                         const std::vector<const Token*>& literals) {
    Tensor tensor(elem, dims);
    for (size_t i = 0; i < literals.size(); ++i) {
      const Token& token = *literals[i];
      const std::string type_name(syntax::ElementTypeName(elem));
      if (token.kind != TokenKind::kInteger) {
        return ErrorAt(token, absl::StrCat("expected an integer for element type ", type_name,
                                           " but found ", syntax::DescribeToken(token)));
      }
      absl::StatusOr<int64_t> value = syntax::ParseInt64Text(token.text);
      if (!value.ok()) return ErrorAt(token, std::string(value.status().message()));
      const bool stored = SetSubByteInt(tensor, static_cast<int64_t>(i), *value);
      if (!stored) {
        return ErrorAt(token, absl::StrCat("'", token.text, "' is out of range for ", type_name));
      }
    }
    return Value(std::move(tensor));
  }

  absl::StatusOr<Value> SequenceOf(const TypeProto& elem_type, int depth) {
    absl::Status opened = ExpectPunct("[");
    if (!opened.ok()) return opened;
    std::vector<Value> elements;
    if (!Peek().IsPunct("]")) {
      while (true) {
        absl::StatusOr<Value> element = ValueOf(elem_type, depth + 1);
        if (!element.ok()) return element;
        elements.push_back(*std::move(element));
        if (Peek().IsPunct("]")) break;
        absl::Status comma = ExpectPunct(",");
        if (!comma.ok()) return comma;
      }
    }
    Next();  // ']'
    return Value::Sequence(std::move(elements), elem_type);
  }

  absl::StatusOr<Value> MapOf(const TypeProto::Map& type, int depth) {
    absl::Status opened = ExpectPunct("{");
    if (!opened.ok()) return opened;
    reference::MapValue map;
    map.key_type = type.key_type();
    map.value_type = type.value_type();
    const bool string_keys = type.key_type() == TensorProto::STRING;
    if (!Peek().IsPunct("}")) {
      while (true) {
        const Token& key = Peek();
        if (string_keys) {
          if (!key.IsString()) return Expected("a string key");
          map.string_keys.push_back(key.text);
        } else {
          if (key.kind != TokenKind::kInteger) return Expected("an integer key");
          absl::StatusOr<int64_t> k = syntax::ParseInt64Text(key.text);
          if (!k.ok()) return ErrorAt(key, std::string(k.status().message()));
          map.int_keys.push_back(*k);
        }
        Next();
        absl::Status colon = ExpectPunct(":");
        if (!colon.ok()) return colon;
        absl::StatusOr<Value> value = ValueOf(type.value_type(), depth + 1);
        if (!value.ok()) return value;
        map.values.push_back(*std::move(value));
        if (Peek().IsPunct("}")) break;
        absl::Status comma = ExpectPunct(",");
        if (!comma.ok()) return comma;
      }
    }
    Next();  // '}'
    return Value::Map(std::move(map));
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::vector<size_t> line_starts_;
};

}  // namespace

absl::StatusOr<std::vector<NamedValue>> ReadValueDeclarations(std::string_view text) {
  absl::StatusOr<std::vector<Token>> tokens = syntax::Tokenize(text);
  if (!tokens.ok()) return tokens.status();
  return ValueReader(text, *std::move(tokens)).Declarations();
}

}  // namespace onnxforge::examples
