// The data sets of one ONNX backend node test: each test_data_set_N folder
// holds input_K.pb and output_K.pb, read as the graph's K-th input and
// output declare (TensorProto, SequenceProto, MapProto or OptionalProto).
// The conformance suite and the cross-opset matrix read and compare them
// the same way through this file.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"
#include "reference/executor.h"
#include "reference/value.h"
#include "tests/examples/value_compare.h"

namespace onnxforge::conformance {

struct DataSet {
  std::string name;  // the folder's name: "test_data_set_0"
  std::map<std::string, reference::Value> feeds;  // by graph input name
  std::vector<std::string> output_names;
  std::vector<reference::Value> expected;  // one per output name
};

// Reads every test_data_set_* folder of the test in `test_dir`, in name
// order, after the types `graph` declares. Errors name the data set and
// the file ("test_data_set_0: input_1.pb: ..."); a test without data sets
// is an error too.
absl::StatusOr<std::vector<DataSet>> LoadDataSets(const std::string& test_dir,
                                                  const GraphProto& graph);

// Runs `evaluator` on `set`; "" when every output matches within
// `tolerances`, otherwise "evaluation: <error>", or what differs, each
// output that differs starting a line ("output 'y': ..."). When evaluation
// fails for want of a kernel and `missing_kernel` is given, it receives the
// op version ("Relu-14").
std::string RunDataSet(const reference::Evaluator& evaluator, const DataSet& set,
                       const testing::Tolerances& tolerances,
                       std::string* missing_kernel = nullptr);

}  // namespace onnxforge::conformance
