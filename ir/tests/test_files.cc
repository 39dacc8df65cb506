#include "ir/tests/test_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace onnxforge::testing {

TempFolder::TempFolder() {
  static std::atomic<int> counter{0};
  const std::filesystem::path root(::testing::TempDir());
  const ::testing::TestInfo* test =
      ::testing::UnitTest::GetInstance()->current_test_info();
  std::string stem = test != nullptr ? std::string(test->name()) : "scratch";
  std::filesystem::path folder = root / (stem + "_" + std::to_string(counter++));
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  // Canonical, so tests can predict messages that print resolved paths.
  path_ = std::filesystem::canonical(folder).string();
}

TempFolder::~TempFolder() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempFolder::Join(const std::string& relative) const {
  return path_ + "/" + relative;
}

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool Exists(const std::string& path) {
  struct stat info;
  return lstat(path.c_str(), &info) == 0;
}

std::vector<std::string> ListFolder(const std::string& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

ModelProto ModelWith(const std::vector<TensorProto>& initializers) {
  ModelProto model;
  model.set_ir_version(10);
  model.set_producer_name("onnxforge-test");
  OperatorSetIdProto* opset = model.add_opset_import();
  opset->set_domain("");
  opset->set_version(21);
  GraphProto* graph = model.mutable_graph();
  graph->set_name("g");
  for (const TensorProto& tensor : initializers) {
    *graph->add_initializer() = tensor;
    NodeProto* node = graph->add_node();
    node->set_op_type("Identity");
    node->add_input(tensor.name());
    node->add_output(tensor.name() + "_out");
    graph->add_output()->set_name(tensor.name() + "_out");
  }
  return model;
}

TensorProto ExternalTensor(
    const std::string& name, int32_t data_type, std::vector<int64_t> dims,
    const std::vector<std::pair<std::string, std::string>>& entries) {
  TensorProto tensor;
  tensor.set_name(name);
  tensor.set_data_type(data_type);
  for (int64_t dim : dims) tensor.add_dims(dim);
  for (const auto& [key, value] : entries) {
    StringStringEntryProto* entry = tensor.add_external_data();
    entry->set_key(key);
    entry->set_value(value);
  }
  tensor.set_data_location(TensorProto::EXTERNAL);
  return tensor;
}

}  // namespace onnxforge::testing
