// Reading the matrix report back, and holding one column to it.
#include "tests/opsets/matrix/recorded.h"

#include <string>

#include "gtest/gtest.h"
#include "tests/opsets/matrix/matrix_report.h"

namespace onnxforge::opset_matrix {
namespace {

CellResult Passed() {
  CellResult cell;
  cell.outcome = CellOutcome::kPassed;
  return cell;
}

CellResult Refused(const std::string& reason) {
  CellResult cell;
  cell.outcome = CellOutcome::kRefused;
  cell.reason = reason;
  return cell;
}

MatrixRow Row(const std::string& test, int own, std::vector<CellResult> cells) {
  MatrixRow row;
  row.test = test;
  row.own_opset = own;
  row.cells = std::move(cells);
  return row;
}

// A reason with a '|' and past the report's 300 characters, as a Cast
// refusal listing every type is.
const std::string& LongReason() {
  static const std::string reason = "Or-7 to Or-1: a | b " + std::string(320, 'x');
  return reason;
}

// ai.onnx opsets 1..3 with two tests; ai.onnx.ml 1..2 with none.
Matrix SmallMatrix() {
  Matrix matrix;
  matrix.tests = 2;
  MatrixTable onnx;
  onnx.first_opset = 1;
  onnx.last_opset = 3;
  onnx.rows.push_back(
      Row("test_or", 7, {Refused(LongReason()), Refused("Or-7 to Or-6: why"), Passed()}));
  onnx.rows.push_back(Row("test_relu", 14, {Passed(), Passed(), Passed()}));
  MatrixTable ml;
  ml.domain = "ai.onnx.ml";
  ml.first_opset = 1;
  ml.last_opset = 2;
  matrix.tables = {onnx, ml};
  return matrix;
}

RecordedMatrix Recorded() {
  absl::StatusOr<RecordedMatrix> recorded =
      ParseRecordedMatrix(FormatMatrix(SmallMatrix(), conformance::SuiteOptions()));
  EXPECT_TRUE(recorded.ok()) << recorded.status();
  return recorded.ok() ? *recorded : RecordedMatrix();
}

// The column at ai.onnx `opset` of SmallMatrix.
Matrix Column(int opset) {
  const Matrix matrix = SmallMatrix();
  Matrix column;
  MatrixTable table;
  table.first_opset = opset;
  table.last_opset = opset;
  for (const MatrixRow& row : matrix.tables[0].rows) {
    table.rows.push_back(Row(row.test, row.own_opset, {row.cells[opset - 1]}));
  }
  column.tables = {table};
  return column;
}

TEST(ParseRecordedMatrix, ReadsWhatTheReportWrites) {
  const RecordedMatrix recorded = Recorded();
  ASSERT_EQ(recorded.tables.size(), 2u);
  const RecordedTable& onnx = recorded.tables[0];
  EXPECT_EQ(onnx.domain, "");
  EXPECT_EQ(onnx.first_opset, 1);
  EXPECT_EQ(onnx.last_opset, 3);
  ASSERT_EQ(onnx.rows.size(), 2u);
  EXPECT_EQ(onnx.rows.at("test_or").own_opset, 7);
  EXPECT_EQ(onnx.rows.at("test_or").marks, (std::vector<std::string>{"R", "R", "✓"}));
  EXPECT_EQ(onnx.rows.at("test_relu").marks, (std::vector<std::string>{"✓", "✓", "✓"}));
  EXPECT_EQ(recorded.tables[1].domain, "ai.onnx.ml");
  EXPECT_TRUE(recorded.tables[1].rows.empty());
  EXPECT_EQ(recorded.refusal_reasons,
            (std::set<std::string>{ReportCellText(LongReason()), "Or-7 to Or-6: why"}));
}

TEST(ParseRecordedMatrix, NamesTheLineThatDoesNotFit) {
  absl::StatusOr<RecordedMatrix> recorded = ParseRecordedMatrix(
      "## ai.onnx: each test at each opset\n\n| test | own opset | 1 | 2 |\n|---|---|:-:|:-:|\n"
      "| test_relu | 14 | ✓ |\n\n## Refusal reasons\n");
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.status().message(), "line 5: expected a test's row of 4 cells");
}

TEST(CheckColumn, CountsCellsThatMatch) {
  const ColumnCheck check = CheckColumn(Column(1), Recorded());
  EXPECT_EQ(check.passed, 1);
  EXPECT_EQ(check.refused, 1);
  EXPECT_TRUE(check.problems.empty());
}

TEST(CheckColumn, NamesTheCellWhoseMarkDiffers) {
  Matrix column = Column(3);
  column.tables[0].rows[0].cells[0] = Refused("Or-7 to Or-6: why");
  const ColumnCheck check = CheckColumn(column, Recorded());
  EXPECT_EQ(check.problems, (std::vector<std::string>{
                                "test_or, ai.onnx 7 to 3: tests/opsets/matrix.md records ✓, but "
                                "the cell refused: Or-7 to Or-6: why"}));
}

TEST(CheckColumn, NamesAnUnrecordedReason) {
  Matrix column = Column(2);
  column.tables[0].rows[0].cells[0] = Refused("Or-7 to Or-6: another");
  const ColumnCheck check = CheckColumn(column, Recorded());
  EXPECT_EQ(check.problems,
            (std::vector<std::string>{"test_or, ai.onnx 7 to 2: refused for a reason "
                                      "tests/opsets/matrix.md does not record: Or-7 to Or-6: "
                                      "another"}));
}

TEST(CheckColumn, AFailureNeverMatches) {
  Matrix column = Column(2);
  CellResult failed;
  failed.stage = FailureStage::kChecker;
  failed.reason = "node 0: bad";
  column.tables[0].rows[1].cells[0] = failed;
  const ColumnCheck check = CheckColumn(column, Recorded());
  EXPECT_EQ(check.problems, (std::vector<std::string>{
                                "test_relu, ai.onnx 14 to 2: tests/opsets/matrix.md records ✓, "
                                "but the cell failed in checker: node 0: bad"}));
}

TEST(CheckColumn, NamesATestMissingFromEitherSide) {
  Matrix column = Column(3);
  column.tables[0].rows[1].test = "test_relu_renamed";
  const ColumnCheck check = CheckColumn(column, Recorded());
  EXPECT_EQ(check.problems,
            (std::vector<std::string>{
                "test_relu_renamed, ai.onnx 14 to 3: not in tests/opsets/matrix.md; the cell "
                "passed",
                "test_relu: tests/opsets/matrix.md records it for ai.onnx, but no backend test "
                "of the slice by that name imports ai.onnx now"}));
}

}  // namespace
}  // namespace onnxforge::opset_matrix
