#include "tests/opsets/matrix/matrix.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "ir/model_io.h"
#include "onnx_defs/schema.h"
#include "tests/examples/op_usage.h"

namespace onnxforge::opset_matrix {
namespace {

namespace fs = std::filesystem;

// The domains the matrix moves, in table order.
const std::vector<std::string>& MatrixDomains() {
  static const std::vector<std::string> domains = {"", kMlDomain};
  return domains;
}

// One test's work: its rows, or why it could not be read.
struct TestWork {
  std::string dir;
  ModelProto model;
  std::vector<std::pair<size_t, MatrixRow>> rows;  // (table index, row)
  std::string load_error;
};

void RunTestWork(TestWork& work, const std::vector<MatrixTable>& tables,
                 const testing::Tolerances& tolerances) {
  // A test that imports none of the tables' domains has no row: its data
  // sets need not be read (a column of ai.onnx.ml reads eight tests' data).
  bool has_row = false;
  for (const MatrixTable& table : tables) {
    has_row |= testing::ImportedOpset(work.model, table.domain) != 0;
  }
  if (!has_row) return;
  const std::string name = fs::path(work.dir).filename().string();
  absl::StatusOr<BackendTest> test = LoadBackendTest(work.dir, std::move(work.model));
  if (!test.ok()) {
    work.load_error = absl::StrCat(name, ": ", test.status().message());
    return;
  }
  for (size_t t = 0; t < tables.size(); ++t) {
    const MatrixTable& table = tables[t];
    const int own = testing::ImportedOpset(test->model, table.domain);
    if (own == 0) continue;
    MatrixRow row;
    row.test = name;
    row.domain = table.domain;
    row.own_opset = own;
    for (int opset = table.first_opset; opset <= table.last_opset; ++opset) {
      row.cells.push_back(RunCell(*test, table.domain, opset, tolerances));
    }
    work.rows.emplace_back(t, std::move(row));
  }
}

// Fills the rows of `tables` (domains and opsets set) from the tests of
// the slice.
absl::StatusOr<Matrix> ComputeTables(const conformance::SuiteOptions& options,
                                     std::vector<MatrixTable> tables, int threads) {
  Matrix matrix;
  matrix.tables = std::move(tables);
  std::vector<std::string> dirs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(options.root, error)) {
    if (entry.is_directory()) dirs.push_back(entry.path().string());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat("cannot list the backend tests in '", options.root, "': ", error.message()));
  }
  std::sort(dirs.begin(), dirs.end());

  // The tests whose ops are all in the slice; a model that does not load
  // is the conformance suite's failure, not the matrix's.
  std::vector<TestWork> work;
  for (const std::string& dir : dirs) {
    absl::StatusOr<ModelProto> model = LoadModel((fs::path(dir) / "model.onnx").string());
    if (!model.ok()) continue;
    bool in_slice = true;
    for (const testing::OpKey& op : testing::ModelOps(*model)) {
      in_slice &= options.slice.count(op) > 0;
    }
    if (!in_slice) continue;
    TestWork item;
    item.dir = dir;
    item.model = *std::move(model);
    work.push_back(std::move(item));
  }
  matrix.tests = static_cast<int>(work.size());

  std::atomic<size_t> next{0};
  auto worker = [&]() {
    for (size_t i = next++; i < work.size(); i = next++) {
      RunTestWork(work[i], matrix.tables, options.tolerances);
    }
  };
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();

  for (TestWork& item : work) {
    if (!item.load_error.empty()) matrix.load_errors.push_back(item.load_error);
    for (auto& [table, row] : item.rows) matrix.tables[table].rows.push_back(std::move(row));
  }
  return matrix;
}

}  // namespace

std::string DomainLabel(const std::string& domain) {
  return domain.empty() ? "ai.onnx" : domain;
}

absl::StatusOr<Matrix> ComputeMatrix(const conformance::SuiteOptions& options, int threads) {
  std::vector<MatrixTable> tables;
  for (const std::string& domain : MatrixDomains()) {
    const DomainOpsetRange* range = FindDomainOpsetRange(domain);
    if (range == nullptr) {
      return absl::InternalError(absl::StrCat("no opset range for ", DomainLabel(domain)));
    }
    MatrixTable table;
    table.domain = domain;
    table.first_opset = range->min_version;
    table.last_opset = range->max_version;
    tables.push_back(std::move(table));
  }
  return ComputeTables(options, std::move(tables), threads);
}

absl::StatusOr<Matrix> ComputeColumn(const conformance::SuiteOptions& options,
                                     const std::string& domain, int opset, int threads) {
  const std::vector<std::string>& domains = MatrixDomains();
  if (std::find(domains.begin(), domains.end(), domain) == domains.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat("the matrix has no table for ", DomainLabel(domain)));
  }
  const DomainOpsetRange* range = FindDomainOpsetRange(domain);
  if (range == nullptr) {
    return absl::InternalError(absl::StrCat("no opset range for ", DomainLabel(domain)));
  }
  if (opset < range->min_version || opset > range->max_version) {
    return absl::InvalidArgumentError(absl::StrCat(
        DomainLabel(domain), " opset ", opset, " is outside the matrix's columns ",
        range->min_version, "..", range->max_version));
  }
  MatrixTable table;
  table.domain = domain;
  table.first_opset = opset;
  table.last_opset = opset;
  return ComputeTables(options, {std::move(table)}, threads);
}

}  // namespace onnxforge::opset_matrix
