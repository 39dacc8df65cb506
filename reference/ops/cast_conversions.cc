#include "reference/ops/cast_conversions.h"

#include <charconv>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace onnxforge::reference {
namespace cast_internal {
namespace {

// Splits to_chars' scientific form ("-1.25e-05", "3e+16") into its
// significant digits (trailing zeros dropped) and decimal exponent.
void SplitScientific(const char* begin, const char* end, std::string* digits, int* exponent) {
  digits->clear();
  const char* p = begin;
  if (p != end && *p == '-') ++p;
  for (; p != end && *p != 'e'; ++p) {
    if (*p != '.') digits->push_back(*p);
  }
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
  *exponent = 0;
  if (p != end) std::from_chars(p + (p[1] == '+' ? 2 : 1), end, *exponent);
}

template <typename F>
std::string FormatShortest(F value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  const bool negative = std::signbit(value);
  if (value == 0) return negative ? "-0.0" : "0.0";
  char buffer[64];
  // Without a precision, to_chars gives the shortest digits that read back
  // to the same value of F.
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string digits;
  int exponent = 0;
  SplitScientific(buffer, result.ptr, &digits, &exponent);
  return LayoutDecimal(negative, digits, exponent, std::fabs(static_cast<double>(value)));
}

}  // namespace

std::string LayoutDecimal(bool negative, const std::string& digits, int exponent,
                          double magnitude) {
  std::string out = negative ? "-" : "";
  // numpy writes positional notation for magnitudes in [1e-4, 1e16).
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    if (exponent >= 0) {
      const size_t whole = static_cast<size_t>(exponent) + 1;
      if (digits.size() <= whole) {
        absl::StrAppend(&out, digits, std::string(whole - digits.size(), '0'), ".0");
      } else {
        absl::StrAppend(&out, digits.substr(0, whole), ".", digits.substr(whole));
      }
    } else {
      absl::StrAppend(&out, "0.", std::string(static_cast<size_t>(-exponent - 1), '0'), digits);
    }
    return out;
  }
  out += digits[0];
  if (digits.size() > 1) absl::StrAppend(&out, ".", digits.substr(1));
  const int abs_exponent = exponent < 0 ? -exponent : exponent;
  absl::StrAppend(&out, exponent < 0 ? "e-" : "e+", abs_exponent < 10 ? "0" : "", abs_exponent);
  return out;
}

void DecimalDigits(double value, int precision, std::string* digits, int* exponent) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value,
                              std::chars_format::scientific, precision - 1);
  SplitScientific(buffer, result.ptr, digits, exponent);
}

double DecimalValue(bool negative, const std::string& digits, int exponent) {
  const std::string text =
      absl::StrCat(negative ? "-" : "", digits.substr(0, 1), ".",
                   digits.size() > 1 ? digits.substr(1) : "0", "e", exponent);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

}  // namespace cast_internal

// ---- Formatting ----------------------------------------------------------------

std::string FormatForCast(bool v) { return v ? "True" : "False"; }
std::string FormatForCast(int64_t v) { return absl::StrCat(v); }
std::string FormatForCast(uint64_t v) { return absl::StrCat(v); }
std::string FormatForCast(float v) { return cast_internal::FormatShortest(v); }
std::string FormatForCast(double v) { return cast_internal::FormatShortest(v); }

// ---- Parsing -------------------------------------------------------------------

bool ParseFloatForCast(const std::string& text, double* value) {
  // SimpleAtod takes surrounding spaces, a sign, "inf", "infinity" and "nan"
  // in any case, and gives infinity or zero for values beyond double. It
  // also reads hexadecimal floats, which Cast does not.
  if (text.find_first_of("xX") != std::string::npos) return false;
  return absl::SimpleAtod(text, value);
}

bool ParseIntegerForCast(const std::string& text, int64_t* value) {
  return absl::SimpleAtoi(text, value);
}

bool ParseUnsignedForCast(const std::string& text, uint64_t* value) {
  return absl::SimpleAtoi(text, value);
}

bool ParseBoolForCast(const std::string& text, bool* value) {
  const std::string word = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (word == "true" || word == "false") {
    *value = word == "true";
    return true;
  }
  double number;
  if (!ParseFloatForCast(text, &number)) return false;
  *value = number != 0.0;
  return true;
}

// ---- Tensors -------------------------------------------------------------------

namespace {

template <typename To, typename From>
absl::StatusOr<Tensor> CastElements(const Tensor& x, const CastOptions& options) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else {
    Tensor y(kElementTypeOf<To>, x.shape());
    absl::Span<const From> in = x.data<From>();
    absl::Span<To> out = y.mutable_data<To>();
    const size_t n = in.size();
    if constexpr (std::is_same_v<To, std::string>) {
      for (size_t i = 0; i < n; ++i) out[i] = FormatForCast(in[i]);
    } else if constexpr (std::is_same_v<From, std::string>) {
      for (size_t i = 0; i < n; ++i) {
        if (!ParseForCast<To>(in[i], options, &out[i])) {
          return absl::InvalidArgumentError(
              absl::StrCat("element ", i, " of the input, \"", absl::CEscape(in[i]),
                           "\", is not a number that converts to ",
                           ElementTypeString(kElementTypeOf<To>)));
        }
      }
    } else {
      for (size_t i = 0; i < n; ++i) out[i] = CastNumber<To>(in[i], options);
    }
    return y;
  }
}

}  // namespace

absl::StatusOr<Tensor> CastTensor(const Tensor& x, int32_t to, const CastOptions& options) {
  return Dispatch<types::Castable>(x.type(), [&](auto from_tag) -> absl::StatusOr<Tensor> {
    using From = ONNXFORGE_TYPE(from_tag);
    return Dispatch<types::Castable>(to, [&](auto to_tag) -> absl::StatusOr<Tensor> {
      using To = ONNXFORGE_TYPE(to_tag);
      return CastElements<To, From>(x, options);
    });
  });
}

}  // namespace onnxforge::reference
