#include "ir/syntax/lexer.h"

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace onnxforge::syntax {
namespace {

bool IsIdentifierStart(char c) { return absl::ascii_isalpha(c) || c == '_'; }
bool IsIdentifierPart(char c) { return absl::ascii_isalnum(c) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Lexer {
 public:
  explicit Lexer(std::string_view input) : input_(input) {}

  absl::StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      SkipSpaceAndComments();
      Token token;
      token.line = line_;
      token.column = column_;
      if (pos_ >= input_.size()) {
        token.kind = TokenKind::kEnd;
        tokens.push_back(std::move(token));
        return tokens;
      }
      absl::Status status = LexOne(token);
      if (!status.ok()) return status;
      tokens.push_back(std::move(token));
    }
  }

 private:
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < input_.size() ? input_[pos_ + ahead] : '\0';
  }

  void Advance() {
    if (input_[pos_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++pos_;
  }

  void SkipSpaceAndComments() {
    while (pos_ < input_.size()) {
      char c = input_[pos_];
      if (absl::ascii_isspace(c)) {
        Advance();
      } else if (c == '#') {
        while (pos_ < input_.size() && input_[pos_] != '\n') Advance();
      } else {
        return;
      }
    }
  }

  absl::Status Error(const Token& at, const std::string& message) const {
    return absl::InvalidArgumentError(absl::StrCat(Where(at), message));
  }

  absl::Status LexOne(Token& token) {
    char c = Peek();
    size_t start = pos_;
    if (IsIdentifierStart(c)) {
      while (pos_ < input_.size() && IsIdentifierPart(Peek())) Advance();
      token.kind = TokenKind::kIdentifier;
      token.text = std::string(input_.substr(start, pos_ - start));
      return absl::OkStatus();
    }
    if (c == '"') return LexString(token);
    if (IsDigit(c) || c == '-') return LexNumber(token);
    if (c == '=' && Peek(1) == '>') {
      Advance();
      Advance();
      token.kind = TokenKind::kPunct;
      token.text = "=>";
      return absl::OkStatus();
    }
    static constexpr std::string_view kPunctuation = "()[]{}<>,=:.@?";
    if (kPunctuation.find(c) != std::string_view::npos) {
      Advance();
      token.kind = TokenKind::kPunct;
      token.text = std::string(1, c);
      return absl::OkStatus();
    }
    if (absl::ascii_isprint(c)) {
      return Error(token, absl::StrCat("unexpected character '", std::string(1, c), "'"));
    }
    static constexpr char kHex[] = "0123456789abcdef";
    unsigned char byte = static_cast<unsigned char>(c);
    return Error(token, absl::StrCat("unexpected byte 0x", std::string(1, kHex[byte >> 4]),
                                     std::string(1, kHex[byte & 0xf])));
  }

  absl::Status LexString(Token& token) {
    Advance();  // opening quote
    std::string value;
    while (true) {
      if (pos_ >= input_.size()) return Error(token, "string is not terminated");
      char c = Peek();
      if (c == '"') break;
      if (c == '\\') {
        // A backslash takes the next byte literally, as ONNX's parser does.
        Advance();
        if (pos_ >= input_.size()) return Error(token, "string is not terminated");
        c = Peek();
      }
      value.push_back(c);
      Advance();
    }
    Advance();  // closing quote
    token.kind = TokenKind::kString;
    token.text = std::move(value);
    return absl::OkStatus();
  }

  absl::Status LexNumber(Token& token) {
    size_t start = pos_;
    if (Peek() == '-') {
      Advance();
      if (IsIdentifierStart(Peek())) {
        // Only the special float words may follow a minus sign.
        size_t word_start = pos_;
        while (pos_ < input_.size() && IsIdentifierPart(Peek())) Advance();
        std::string word(input_.substr(word_start, pos_ - word_start));
        std::string lower = word;
        absl::AsciiStrToLower(&lower);
        if (lower != "inf" && lower != "infinity" && lower != "nan") {
          return Error(token, absl::StrCat("expected a number after '-' but found '", word, "'"));
        }
        token.kind = TokenKind::kFloat;
        token.text = std::string(input_.substr(start, pos_ - start));
        return absl::OkStatus();
      }
      if (!IsDigit(Peek())) return Error(token, "expected a number after '-'");
    }
    bool is_float = false;
    while (IsDigit(Peek())) Advance();
    if (Peek() == '.') {
      is_float = true;
      Advance();
      while (IsDigit(Peek())) Advance();
    }
    // The exponent belongs to the number only when digits follow it, so that
    // `2e` stays the number 2 followed by the word e.
    if ((Peek() == 'e' || Peek() == 'E') &&
        (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
      is_float = true;
      Advance();
      if (Peek() == '+' || Peek() == '-') Advance();
      while (IsDigit(Peek())) Advance();
    }
    token.kind = is_float ? TokenKind::kFloat : TokenKind::kInteger;
    token.text = std::string(input_.substr(start, pos_ - start));
    return absl::OkStatus();
  }

  std::string_view input_;
  size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(std::string_view input) { return Lexer(input).Run(); }

std::string DescribeToken(const Token& token) {
  switch (token.kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kString: {
      constexpr size_t kMaxShown = 24;
      if (token.text.size() > kMaxShown) {
        return absl::StrCat("\"", token.text.substr(0, kMaxShown), "...\"");
      }
      return absl::StrCat("\"", token.text, "\"");
    }
    default:
      return absl::StrCat("'", token.text, "'");
  }
}

std::string Where(const Token& token) {
  return absl::StrCat("line ", token.line, ", column ", token.column, ": ");
}

}  // namespace onnxforge::syntax
