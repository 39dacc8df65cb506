#include "ir/syntax/numbers.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace onnxforge::syntax {
namespace {

template <typename T>
std::string FormatFloating(T value) {
  if (std::isnan(value)) return std::signbit(value) ? "-nan" : "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  std::string text(buffer, result.ptr);
  if (text.find_first_not_of("-0123456789") == std::string::npos) text += ".0";
  return text;
}

// The decimal exponent of a literal's leading digit, roughly: positive for
// values of magnitude >= 1. Only its sign matters, to tell an overflow from
// an underflow after from_chars reports the value out of range.
int64_t RoughDecimalExponent(std::string_view text) {
  size_t i = (!text.empty() && text[0] == '-') ? 1 : 0;
  int64_t integer_digits = 0;
  int64_t leading_fraction_zeros = 0;
  bool seen_nonzero = false;
  bool in_fraction = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.') {
      in_fraction = true;
    } else if (c >= '0' && c <= '9') {
      if (c != '0') seen_nonzero = true;
      if (!in_fraction && seen_nonzero) ++integer_digits;
      if (in_fraction && !seen_nonzero) ++leading_fraction_zeros;
    } else {
      break;
    }
  }
  int64_t exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    // Saturate: an absurd exponent only needs the right sign.
    std::string_view digits = text.substr(i + 1);
    bool negative = !digits.empty() && digits[0] == '-';
    if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
    for (char c : digits) {
      if (exponent < 1000000) exponent = exponent * 10 + (c - '0');
    }
    if (negative) exponent = -exponent;
  }
  int64_t lead = integer_digits > 0 ? integer_digits - 1 : -(leading_fraction_zeros + 1);
  return lead + exponent;
}

template <typename T>
absl::StatusOr<T> ParseFloating(std::string_view text, const char* type_name) {
  T value{};
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  auto result = std::from_chars(begin, end, value);
  if (result.ptr != end || result.ec == std::errc::invalid_argument) {
    return absl::InvalidArgumentError(absl::StrCat("'", std::string(text), "' is not a number"));
  }
  if (result.ec == std::errc::result_out_of_range) {
    if (RoughDecimalExponent(text) >= 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", std::string(text), "' is out of range for ", type_name));
    }
    return std::copysign(T(0), text[0] == '-' ? T(-1) : T(1));
  }
  return value;
}

}  // namespace

std::string FormatFloat(float value) { return FormatFloating(value); }
std::string FormatDouble(double value) { return FormatFloating(value); }

absl::StatusOr<float> ParseFloatText(std::string_view text) {
  return ParseFloating<float>(text, "float");
}

absl::StatusOr<double> ParseDoubleText(std::string_view text) {
  return ParseFloating<double>(text, "double");
}

absl::StatusOr<int64_t> ParseInt64Text(std::string_view text) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text), "' is out of range for int64"));
  }
  return value;
}

absl::StatusOr<uint64_t> ParseUint64Text(std::string_view text) {
  uint64_t value = 0;
  if (!text.empty() && text[0] == '-') {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text), "' is negative; expected an unsigned integer"));
  }
  if (!absl::SimpleAtoi(absl::string_view(text.data(), text.size()), &value)) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text), "' is out of range for uint64"));
  }
  return value;
}

}  // namespace onnxforge::syntax
