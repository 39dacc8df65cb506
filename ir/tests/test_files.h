// Scratch folders, small file helpers and model builders for the ir tests.
#ifndef ONNXFORGE_IR_TESTS_TEST_FILES_H_
#define ONNXFORGE_IR_TESTS_TEST_FILES_H_

#include <cstdint>
#include <string>
#include <vector>

#include "ir/onnx.pb.h"

namespace onnxforge::testing {

// A fresh folder under the test's scratch space, removed with everything in
// it when the object goes away.
class TempFolder {
 public:
  TempFolder();
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + relative
  std::string Join(const std::string& relative) const;

 private:
  std::string path_;
};

void WriteFile(const std::string& path, const std::string& bytes);
std::string ReadFile(const std::string& path);
bool Exists(const std::string& path);
// Names in `folder`, sorted; "." and ".." left out.
std::vector<std::string> ListFolder(const std::string& folder);

// A model whose graph "g" holds `initializers` and one Identity node per
// initializer.
ModelProto ModelWith(const std::vector<TensorProto>& initializers);

// A tensor with data_location EXTERNAL and the given external_data entries,
// in order.
TensorProto ExternalTensor(
    const std::string& name, int32_t data_type, std::vector<int64_t> dims,
    const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace onnxforge::testing

#endif  // ONNXFORGE_IR_TESTS_TEST_FILES_H_
