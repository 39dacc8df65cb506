// Recomputes the cross-opset matrix: fails on every failing cell (printed
// with what went wrong) and when tests/opsets/matrix.md differs from what
// the matrix gives now, saying how to regenerate it.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "tests/conformance/suite.h"
#include "tests/opsets/matrix/matrix.h"
#include "tests/opsets/matrix/matrix_report.h"

namespace onnxforge::opset_matrix {
namespace {

class MatrixTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<conformance::SuiteOptions> options = conformance::SharedDataOptions();
    if (!options.ok()) {
      skip_reason_ = new std::string(options.status().message());
      return;
    }
    options_ = new conformance::SuiteOptions(*options);
    const int threads = std::max(1u, std::thread::hardware_concurrency());
    const auto start = std::chrono::steady_clock::now();
    matrix_ = new absl::StatusOr<Matrix>(ComputeMatrix(*options, threads));
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::cout << "matrix computed in " << took.count() << " s on " << threads << " threads\n";
  }

  void SetUp() override {
    if (skip_reason_ != nullptr) GTEST_SKIP() << *skip_reason_;
    ASSERT_TRUE(matrix_->ok()) << matrix_->status();
  }

  static std::string* skip_reason_;
  static conformance::SuiteOptions* options_;
  static absl::StatusOr<Matrix>* matrix_;
};

std::string* MatrixTest::skip_reason_ = nullptr;
conformance::SuiteOptions* MatrixTest::options_ = nullptr;
absl::StatusOr<Matrix>* MatrixTest::matrix_ = nullptr;

// Failing cells printed one by one; the rest are counted.
constexpr int kMaxPrinted = 40;

TEST_F(MatrixTest, NoCellFails) {
  const Matrix& matrix = **matrix_;
  for (const std::string& error : matrix.load_errors) ADD_FAILURE() << error;
  int failed = 0;
  for (const MatrixTable& table : matrix.tables) {
    for (const MatrixRow& row : table.rows) {
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const CellResult& cell = row.cells[i];
        if (cell.outcome != CellOutcome::kFailed) continue;
        if (++failed > kMaxPrinted) continue;
        ADD_FAILURE() << row.test << ", " << DomainLabel(table.domain) << " " << row.own_opset
                      << " to " << table.first_opset + static_cast<int>(i) << ": "
                      << StageName(cell.stage) << ": " << cell.reason;
      }
    }
  }
  EXPECT_EQ(failed, 0) << "failing cells; " << kMatrixPath << " lists them all";
}

TEST_F(MatrixTest, CommittedReportIsUpToDate) {
  // The committed report is of ONNX 1.22's suite; other test data gives
  // other rows.
  if (!absl::StrContains(options_->root, "onnx-backend-v1.22")) {
    GTEST_SKIP() << "the backend tests here are not ONNX 1.22's: " << options_->root;
  }
  const std::string fresh = FormatMatrix(**matrix_, *options_);
  std::ifstream in(kMatrixPath, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << kMatrixPath << "; write it with:\n  " << kMatrixCommand;
  std::ostringstream committed;
  committed << in.rdbuf();
  if (committed.str() == fresh) return;

  const std::vector<std::string> old_lines = absl::StrSplit(committed.str(), '\n');
  const std::vector<std::string> new_lines = absl::StrSplit(fresh, '\n');
  size_t line = 0;
  while (line < old_lines.size() && line < new_lines.size() &&
         old_lines[line] == new_lines[line]) {
    ++line;
  }
  ADD_FAILURE() << kMatrixPath << " is out of date; regenerate it with:\n  " << kMatrixCommand
                << "\nFirst difference at line " << (line + 1) << ":\n  committed: "
                << (line < old_lines.size() ? old_lines[line] : "(end of file)")
                << "\n  now:       "
                << (line < new_lines.size() ? new_lines[line] : "(end of file)");
}

}  // namespace
}  // namespace onnxforge::opset_matrix
