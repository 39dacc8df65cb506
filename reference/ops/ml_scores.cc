#include "reference/ops/ml_scores.h"

#include <algorithm>
#include <cmath>

#include "reference/kernel.h"

namespace onnxforge::reference::ml {

absl::StatusOr<PostTransform> ParsePostTransform(const std::string& name) {
  if (name == "NONE") return PostTransform::kNone;
  if (name == "SOFTMAX") return PostTransform::kSoftmax;
  if (name == "LOGISTIC") return PostTransform::kLogistic;
  if (name == "SOFTMAX_ZERO") return PostTransform::kSoftmaxZero;
  if (name == "PROBIT") return PostTransform::kProbit;
  return KernelError("attribute 'post_transform' must be NONE, SOFTMAX, LOGISTIC, ",
                     "SOFTMAX_ZERO or PROBIT, got '", name, "'");
}

absl::StatusOr<PostTransform> PostTransformFromCode(int64_t code) {
  if (code < 0 || code > 4) {
    return KernelError("attribute 'post_transform' must be 0 (NONE), 1 (SOFTMAX), ",
                       "2 (LOGISTIC), 3 (SOFTMAX_ZERO) or 4 (PROBIT), got ", code);
  }
  return static_cast<PostTransform>(code);
}

double Logistic(double x) {
  // e^-|x| never overflows; the mirror image gives the negative side.
  const double positive = 1.0 / (1.0 + std::exp(-std::abs(x)));
  return x < 0 ? 1.0 - positive : positive;
}

namespace {

// Winitzki's approximation of the inverse error function.
double ApproximateErfInv(double x) {
  constexpr double kA = 0.147;
  constexpr double kPi = 3.14159265358979323846;
  const double sign = x < 0 ? -1.0 : 1.0;
  const double log_term = std::log((1.0 - x) * (1.0 + x));
  const double half = 2.0 / (kPi * kA) + 0.5 * log_term;
  return sign * std::sqrt(std::sqrt(half * half - log_term / kA) - half);
}

void Softmax(absl::Span<double> row) {
  const double max = *std::max_element(row.begin(), row.end());
  double sum = 0;
  for (double& v : row) {
    v = std::exp(v - max);
    sum += v;
  }
  for (double& v : row) v /= sum;
}

// Zeros are "no score": they are scaled like e^(0 - max) would be but not
// lifted to it, so they stay near zero.
void SoftmaxZero(absl::Span<double> row) {
  constexpr double kZero = 1e-7;
  const double max = *std::max_element(row.begin(), row.end());
  const double zero_scale = std::exp(-max);
  double sum = 0;
  for (double& v : row) {
    v = (v > kZero || v < -kZero) ? std::exp(v - max) : v * zero_scale;
    sum += v;
  }
  for (double& v : row) v = sum == 0 ? 0.5 : v / sum;
}

}  // namespace

double Probit(double p) { return std::sqrt(2.0) * ApproximateErfInv(2.0 * p - 1.0); }

void ApplyPostTransform(PostTransform transform, absl::Span<double> row) {
  if (row.empty()) return;
  switch (transform) {
    case PostTransform::kNone:
      return;
    case PostTransform::kLogistic:
      for (double& v : row) v = Logistic(v);
      return;
    case PostTransform::kSoftmax:
      Softmax(row);
      return;
    case PostTransform::kSoftmaxZero:
      SoftmaxZero(row);
      return;
    case PostTransform::kProbit:
      for (double& v : row) v = Probit(v);
      return;
  }
}

int64_t ArgMax(absl::Span<const double> row) {
  int64_t best = 0;
  for (int64_t i = 1; i < static_cast<int64_t>(row.size()); ++i) {
    if (row[i] > row[best]) best = i;
  }
  return best;
}

}  // namespace onnxforge::reference::ml
