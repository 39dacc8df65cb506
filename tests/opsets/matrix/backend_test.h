// One ONNX backend node test held in memory: its model and every data set
// (feeds and expected outputs, already parsed), so that many converted
// versions of the model can be run against the same data without reading
// the files again.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "reference/value.h"
#include "tests/examples/value_compare.h"

namespace onnxforge::opset_matrix {

struct DataSet {
  std::string name;  // "test_data_set_0"
  std::map<std::string, reference::Value> feeds;
  std::vector<std::string> output_names;
  std::vector<reference::Value> expected;
};

struct BackendTest {
  std::string name;  // the folder's name: "test_abs"
  ModelProto model;
  std::vector<DataSet> data_sets;
};

// Reads the test_data_set_* folders of the test in `dir`, in name order,
// beside `model` (its model.onnx, already loaded). Inputs and outputs are
// parsed after the graph's declared types.
absl::StatusOr<BackendTest> LoadBackendTest(const std::string& dir, ModelProto model);

// Runs `model` (a version of test.model) on every data set of `test`; ""
// when every output matches, otherwise the first problem, naming the data
// set: "test_data_set_0: output 'y': ...".
std::string RunDataSets(const ModelProto& model, const BackendTest& test,
                        const testing::Tolerances& tolerances);

}  // namespace onnxforge::opset_matrix
