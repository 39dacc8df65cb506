// One ONNX backend node test held in memory: its model and every data set
// (feeds and expected outputs, already parsed), so that many converted
// versions of the model can be run against the same data without reading
// the files again.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "tests/conformance/data_set.h"
#include "tests/examples/value_compare.h"

namespace onnxforge::opset_matrix {

struct BackendTest {
  std::string name;  // the folder's name: "test_abs"
  ModelProto model;
  std::vector<conformance::DataSet> data_sets;
};

// Reads the data sets of the test in `dir` beside `model` (its model.onnx,
// already loaded), as the conformance suite reads them.
absl::StatusOr<BackendTest> LoadBackendTest(const std::string& dir, ModelProto model);

// Runs `model` (a version of test.model) on every data set of `test`, as
// the conformance suite runs them; "" when every output matches, otherwise
// the first problem, naming the data set: "test_data_set_0: output 'y': ...".
std::string RunDataSets(const ModelProto& model, const BackendTest& test,
                        const testing::Tolerances& tolerances);

}  // namespace onnxforge::opset_matrix
