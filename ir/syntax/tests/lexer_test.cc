#include "ir/syntax/lexer.h"

#include "gtest/gtest.h"

namespace onnxforge::syntax {
namespace {

std::string Describe(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    const char* kind = "";
    switch (t.kind) {
      case TokenKind::kIdentifier:
        kind = "id";
        break;
      case TokenKind::kString:
        kind = "str";
        break;
      case TokenKind::kInteger:
        kind = "int";
        break;
      case TokenKind::kFloat:
        kind = "float";
        break;
      case TokenKind::kPunct:
        kind = "p";
        break;
      case TokenKind::kEnd:
        kind = "end";
        break;
    }
    out += std::string(kind) + ":" + t.text + "@" + std::to_string(t.line) + ":" +
           std::to_string(t.column) + " ";
  }
  return out;
}

TEST(Lexer, TokensWithPositions) {
  absl::StatusOr<std::vector<Token>> tokens =
      Tokenize("g (float[N] x) => (y)\n  # comment\n  { y = Op <a = -1.5e3> (x, \"q\\\"s\") }");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(Describe(*tokens),
            "id:g@1:1 p:(@1:3 id:float@1:4 p:[@1:9 id:N@1:10 p:]@1:11 id:x@1:13 p:)@1:14 "
            "p:=>@1:16 p:(@1:19 id:y@1:20 p:)@1:21 p:{@3:3 id:y@3:5 p:=@3:7 id:Op@3:9 "
            "p:<@3:12 id:a@3:13 p:=@3:15 float:-1.5e3@3:17 p:>@3:23 p:(@3:25 id:x@3:26 "
            "p:,@3:27 str:q\"s@3:29 p:)@3:35 p:}@3:37 end:@3:38 ");
}

TEST(Lexer, Numbers) {
  absl::StatusOr<std::vector<Token>> tokens = Tokenize("1 -2 3.5 1. 2e5 2e 7E-2 -inf -NaN nan");
  ASSERT_TRUE(tokens.ok()) << tokens.status();
  EXPECT_EQ(Describe(*tokens),
            "int:1@1:1 int:-2@1:3 float:3.5@1:6 float:1.@1:10 float:2e5@1:13 int:2@1:17 "
            "id:e@1:18 float:7E-2@1:20 float:-inf@1:25 float:-NaN@1:30 id:nan@1:35 end:@1:38 ");
}

TEST(Lexer, Errors) {
  EXPECT_EQ(Tokenize("a = \"open").status().message(),
            "line 1, column 5: string is not terminated");
  EXPECT_EQ(Tokenize("x\n  $").status().message(), "line 2, column 3: unexpected character '$'");
  EXPECT_EQ(Tokenize("-abc").status().message(),
            "line 1, column 1: expected a number after '-' but found 'abc'");
  EXPECT_EQ(Tokenize("- 1").status().message(), "line 1, column 1: expected a number after '-'");
  EXPECT_EQ(Tokenize(std::string("a \x01")).status().message(),
            "line 1, column 3: unexpected byte 0x01");
}

TEST(Lexer, DescribeToken) {
  absl::StatusOr<std::vector<Token>> tokens =
      Tokenize("= Relu 12 \"a very long string that keeps going\"");
  ASSERT_TRUE(tokens.ok());
  EXPECT_EQ(DescribeToken((*tokens)[0]), "'='");
  EXPECT_EQ(DescribeToken((*tokens)[1]), "'Relu'");
  EXPECT_EQ(DescribeToken((*tokens)[2]), "'12'");
  EXPECT_EQ(DescribeToken((*tokens)[3]), "\"a very long string that ...\"");
  EXPECT_EQ(DescribeToken((*tokens)[4]), "end of input");
}

}  // namespace
}  // namespace onnxforge::syntax
