// How a backend test's data sets are read and compared, on small folders
// written by the test itself.
#include "tests/conformance/data_set.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "gtest/gtest.h"
#include "ir/syntax/parser.h"

namespace onnxforge::conformance {
namespace {

namespace fs = std::filesystem;

constexpr char kModel[] = R"(
<ir_version: 8, opset_import: ["" : 13]>
agraph (float[2] x) => (float[2] y) {
  y = Neg (x)
}
)";

class DataSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TEST_TMPDIR");
    dir_ = fs::path(tmp != nullptr ? tmp : "/tmp") /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    absl::StatusOr<ModelProto> model = ParseModel(kModel);
    ASSERT_TRUE(model.ok()) << model.status();
    model_ = *std::move(model);
  }

  // Writes `tensor` (textual syntax) as `file` in the data set `set`.
  void WriteTensor(const std::string& set, const std::string& file, const std::string& tensor) {
    absl::StatusOr<TensorProto> proto = ParseTensor(tensor);
    ASSERT_TRUE(proto.ok()) << proto.status();
    WriteBytes(set, file, proto->SerializeAsString());
  }

  void WriteBytes(const std::string& set, const std::string& file, const std::string& bytes) {
    fs::create_directories(dir_ / set);
    std::ofstream(dir_ / set / file, std::ios::binary) << bytes;
  }

  fs::path dir_;
  ModelProto model_;
};

TEST_F(DataSetTest, ReadsEverySetInNameOrder) {
  WriteTensor("test_data_set_1", "input_0.pb", "float[2] {3, 4}");
  WriteTensor("test_data_set_1", "output_0.pb", "float[2] {-3, -4}");
  WriteTensor("test_data_set_0", "input_0.pb", "float[2] {1, 2}");
  WriteTensor("test_data_set_0", "output_0.pb", "float[2] {-1, -2}");
  fs::create_directories(dir_ / "not_a_data_set");

  absl::StatusOr<std::vector<DataSet>> sets = LoadDataSets(dir_.string(), model_.graph());
  ASSERT_TRUE(sets.ok()) << sets.status();
  ASSERT_EQ(sets->size(), 2u);
  EXPECT_EQ((*sets)[0].name, "test_data_set_0");
  EXPECT_EQ((*sets)[1].name, "test_data_set_1");
  EXPECT_EQ((*sets)[0].feeds.count("x"), 1u);
  EXPECT_EQ((*sets)[0].output_names, std::vector<std::string>{"y"});

  const reference::Evaluator evaluator(model_);
  for (const DataSet& set : *sets) {
    EXPECT_EQ(RunDataSet(evaluator, set, testing::Tolerances::ForConformance()), "") << set.name;
  }
}

TEST_F(DataSetTest, SaysWhatDiffers) {
  WriteTensor("test_data_set_0", "input_0.pb", "float[2] {1, 2}");
  WriteTensor("test_data_set_0", "output_0.pb", "float[2] {-1, 2}");
  absl::StatusOr<std::vector<DataSet>> sets = LoadDataSets(dir_.string(), model_.graph());
  ASSERT_TRUE(sets.ok()) << sets.status();
  const reference::Evaluator evaluator(model_);
  EXPECT_EQ(RunDataSet(evaluator, (*sets)[0], testing::Tolerances::ForConformance()),
            "output 'y': float[2]: 1 of 2 elements differ; the first at index [1]: expected 2.0, "
            "got -2.0 (difference 4, allowed 0.0020001)\n"
            "  expected {-1.0, 2.0}\n"
            "  got      {-1.0, -2.0}");
}

TEST_F(DataSetTest, SaysWhyEvaluationFailed) {
  WriteTensor("test_data_set_0", "input_0.pb", "float[2] {1, 2}");
  WriteTensor("test_data_set_0", "output_0.pb", "float[2] {-1, -2}");
  absl::StatusOr<std::vector<DataSet>> sets = LoadDataSets(dir_.string(), model_.graph());
  ASSERT_TRUE(sets.ok()) << sets.status();
  DataSet set = (*sets)[0];
  set.feeds["z"] = set.feeds["x"];
  const reference::Evaluator evaluator(model_);
  std::string missing_kernel;
  EXPECT_EQ(RunDataSet(evaluator, set, testing::Tolerances::ForConformance(), &missing_kernel),
            "evaluation: feed 'z' is not a graph input (inputs: x)");
  EXPECT_EQ(missing_kernel, "");
}

TEST_F(DataSetTest, NamesTheSetAndTheFileThatCannotBeRead) {
  WriteTensor("test_data_set_0", "input_0.pb", "float[2] {1, 2}");
  WriteTensor("test_data_set_0", "output_0.pb", "float[2] {-1, -2}");
  WriteBytes("test_data_set_1", "input_0.pb", "\xff\xff\xff");
  WriteTensor("test_data_set_1", "output_0.pb", "float[2] {-1, -2}");
  absl::StatusOr<std::vector<DataSet>> sets = LoadDataSets(dir_.string(), model_.graph());
  EXPECT_EQ(std::string(sets.status().message()), "test_data_set_1: input_0.pb: not a TensorProto");
}

TEST_F(DataSetTest, NamesFilesTheGraphHasNoPlaceFor) {
  WriteTensor("test_data_set_0", "input_0.pb", "float[2] {1, 2}");
  WriteTensor("test_data_set_0", "input_1.pb", "float[2] {1, 2}");
  EXPECT_EQ(LoadDataSets(dir_.string(), model_.graph()).status().message(),
            "test_data_set_0: input_1.pb has no graph input to feed");

  fs::remove(dir_ / "test_data_set_0" / "input_1.pb");
  EXPECT_EQ(LoadDataSets(dir_.string(), model_.graph()).status().message(),
            "test_data_set_0: no output_0.pb to compare with");

  WriteTensor("test_data_set_0", "output_0.pb", "float[2] {-1, -2}");
  WriteTensor("test_data_set_0", "output_1.pb", "float[2] {-1, -2}");
  EXPECT_EQ(LoadDataSets(dir_.string(), model_.graph()).status().message(),
            "test_data_set_0: output_1.pb has no graph output to compare with");
}

TEST_F(DataSetTest, ATestWithoutDataSetsIsAnError) {
  absl::StatusOr<std::vector<DataSet>> sets = LoadDataSets(dir_.string(), model_.graph());
  EXPECT_EQ(sets.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(sets.status().message(), "no test_data_set_* folder");
  EXPECT_EQ(LoadDataSets((dir_ / "missing").string(), model_.graph()).status().message(),
            "cannot list " + (dir_ / "missing").string() + ": No such file or directory");
}

}  // namespace
}  // namespace onnxforge::conformance
