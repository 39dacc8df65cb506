// Number literals: reading them independent of the process locale, and
// writing floats in the shortest form that reads back to the same bits.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace onnxforge::syntax {

// Shortest decimal that reads back exactly; "inf", "-inf", "nan", "-nan" for
// the special values. Whole numbers get ".0" so they read as floats.
std::string FormatFloat(float value);
std::string FormatDouble(double value);

// Read a number literal such as "1", "-2.5e3", "inf", "-nan" or "Infinity".
// Values too large for the type are errors; values too small round to zero.
// Error messages carry no position: the caller adds it.
absl::StatusOr<float> ParseFloatText(std::string_view text);
absl::StatusOr<double> ParseDoubleText(std::string_view text);
absl::StatusOr<int64_t> ParseInt64Text(std::string_view text);
absl::StatusOr<uint64_t> ParseUint64Text(std::string_view text);

}  // namespace onnxforge::syntax
