// Splits ONNX textual syntax into tokens, each tagged with where it starts.
//
// Whitespace and `#` comments to the end of a line separate tokens. The
// parser works on the whole token list, which gives it cheap look-ahead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace onnxforge::syntax {

enum class TokenKind {
  kIdentifier,  // [A-Za-z_][A-Za-z0-9_]*
  kString,      // "..." with backslash escapes; `text` holds the decoded value
  kInteger,     // -?[0-9]+
  kFloat,       // -?digits with a '.' or exponent, or -inf / -infinity / -nan
  kPunct,       // one of ( ) [ ] { } < > , = : . @ ? or the pair =>
  kEnd,         // end of input
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  // Source text, except for strings where it is the decoded value.
  std::string text;
  int line = 1;
  int column = 1;

  bool Is(TokenKind k, std::string_view t) const { return kind == k && text == t; }
  bool IsPunct(std::string_view p) const { return Is(TokenKind::kPunct, p); }
  bool IsIdentifier() const { return kind == TokenKind::kIdentifier; }
  bool IsString() const { return kind == TokenKind::kString; }
};

// The tokens of `input`, always ending with one kEnd token. Fails with
// "line L, column C: ..." on a character that starts no token or an
// unterminated string.
absl::StatusOr<std::vector<Token>> Tokenize(std::string_view input);

// How an error message names a token: '=' for punctuation, 'Relu' for words
// and numbers, "abc" for strings, `end of input` at the end.
std::string DescribeToken(const Token& token);

// "line L, column C: " for error messages.
std::string Where(const Token& token);

}  // namespace onnxforge::syntax
