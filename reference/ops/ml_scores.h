// Score post-processing shared by the ai.onnx.ml models: the
// `post_transform` every classifier and regressor applies to a row of scores,
// and the label pick of the classifiers.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/types/span.h"

namespace onnxforge::reference::ml {

// The values of `post_transform`, numbered as TreeEnsemble-5 numbers them.
enum class PostTransform : uint8_t {
  kNone = 0,
  kSoftmax = 1,
  kLogistic = 2,
  kSoftmaxZero = 3,
  kProbit = 4,
};

// "NONE", "SOFTMAX", "LOGISTIC", "SOFTMAX_ZERO" or "PROBIT", as the string
// attribute of the ml-1..3 operators spells it; an error names the value.
absl::StatusOr<PostTransform> ParsePostTransform(const std::string& name);
// TreeEnsemble-5's integer form: 0 NONE .. 4 PROBIT.
absl::StatusOr<PostTransform> PostTransformFromCode(int64_t code);

// 1 / (1 + e^-x), computed without overflow for large |x|.
double Logistic(double x);

// sqrt(2) * erfinv(2p - 1), with erfinv taken from Winitzki's closed-form
// approximation (a = 0.147) as ONNX's reference and onnxruntime compute it;
// the outputs then agree with theirs rather than with the exact quantile.
double Probit(double p);

// Applies `transform` to one row of scores in place:
//   LOGISTIC      each score becomes Logistic(score);
//   SOFTMAX       e^(s - max) / sum over the row;
//   SOFTMAX_ZERO  as SOFTMAX, except that scores within 1e-7 of zero stay
//                 (about) zero; a row whose sum is 0 becomes all 0.5;
//   PROBIT        each score becomes Probit(score).
void ApplyPostTransform(PostTransform transform, absl::Span<double> row);

// The index of the first largest score of the row (0 for an empty row).
int64_t ArgMax(absl::Span<const double> row);

}  // namespace onnxforge::reference::ml
