// Models past protobuf's 2 GiB message limit save and load through external
// data. Kept apart from model_io_test because these move gigabytes.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <utility>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/external_data.h"
#include "ir/model_io.h"
#include "ir/tensor_util.h"
#include "ir/tests/test_files.h"

namespace onnxforge {
namespace {

using ::onnxforge::testing::ExternalTensor;
using ::onnxforge::testing::ListFolder;
using ::onnxforge::testing::TempFolder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// 2 GiB + 64 MiB: past INT_MAX, the most protobuf parses as one message.
constexpr int64_t kBig = (int64_t{1} << 31) + (int64_t{1} << 26);

int64_t FileSize(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 ? info.st_size : -1;
}

std::string Entry(const TensorProto& tensor, const std::string& key) {
  for (const StringStringEntryProto& entry : tensor.external_data()) {
    if (entry.key() == key) return entry.value();
  }
  return "<absent>";
}

// A sparse data file costs no disk space and no time to write, so the model
// can reference more than 2 GiB cheaply.
TEST(LargeModelTest, ReferencesPastTwoGigabytesLoadWithoutReadingThem) {
  TempFolder dir;
  const std::string four_floats =
      *TensorRawBytes(MakeTensor<float>("x", {4}, {1, 2, 3, 4}));
  {
    const int fd = open(dir.Join("big.bin").c_str(), O_CREAT | O_WRONLY, 0644);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(ftruncate(fd, kBig + 16), 0);
    ASSERT_EQ(pwrite(fd, four_floats.data(), 16, kBig), 16);
    close(fd);
  }
  ModelProto model;
  GraphProto* graph = model.mutable_graph();
  graph->set_name("g");
  *graph->add_initializer() =
      ExternalTensor("huge", TensorProto::UINT8, {kBig},
                     {{"location", "big.bin"},
                      {"offset", "0"},
                      {"length", std::to_string(kBig)}});
  *graph->add_initializer() =
      ExternalTensor("tail", TensorProto::FLOAT, {4},
                     {{"location", "big.bin"},
                      {"offset", std::to_string(kBig)},
                      {"length", "16"}});
  // Saving checks the kept references against the files in the folder.
  ASSERT_TRUE(SaveModel(model, dir.Join("m.onnx")).ok());

  LoadOptions lazy;
  lazy.load_external_data = false;
  absl::StatusOr<ModelProto> loaded = LoadModel(dir.Join("m.onnx"), lazy);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->SerializeAsString(), model.SerializeAsString());
  ASSERT_TRUE(CheckModelExternalData(*loaded, dir.path()).ok());
  TensorProto* tail = loaded->mutable_graph()->mutable_initializer(1);
  ASSERT_TRUE(LoadExternalData(tail, dir.path()).ok());
  EXPECT_THAT(*ReadDoubles(*tail), ElementsAre(1, 2, 3, 4));

  // Saving again with new external data keeps the huge reference as it is
  // and puts the now in-memory tail into the new file.
  SaveOptions options;
  options.save_external_data = true;
  options.size_threshold = 0;
  options.location = "more.bin";
  ASSERT_TRUE(SaveModel(*loaded, dir.Join("m2.onnx"), options).ok());
  absl::StatusOr<ModelProto> again = LoadModel(dir.Join("m2.onnx"), lazy);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(Entry(again->graph().initializer(0), "location"), "big.bin");
  EXPECT_EQ(Entry(again->graph().initializer(0), "length"), std::to_string(kBig));
  EXPECT_EQ(Entry(again->graph().initializer(1), "location"), "more.bin");
  EXPECT_EQ(FileSize(dir.Join("more.bin")), 16);
  EXPECT_TRUE(CheckModelExternalData(*again, dir.path()).ok());
}

// A tensor of more than 2 GiB in memory: refused without external data,
// then written through the external data path and read back byte for byte.
TEST(LargeModelTest, TensorPastTwoGigabytesSavesThroughExternalData) {
  TempFolder dir;
  const std::string path = dir.Join("m.onnx");
  ModelProto model;
  model.set_ir_version(10);
  GraphProto* graph = model.mutable_graph();
  graph->set_name("g");
  TensorProto* huge = graph->add_initializer();
  huge->set_name("huge");
  huge->set_data_type(TensorProto::UINT8);
  huge->add_dims(kBig);
  std::string* bytes = huge->mutable_raw_data();
  bytes->assign(static_cast<size_t>(kBig), '\x5a');
  (*bytes)[0] = 'A';
  (*bytes)[kBig / 2] = 'M';
  (*bytes)[kBig - 1] = 'Z';

  EXPECT_EQ(SaveModel(model, path).message(),
            "cannot save model '" + path + "': the model takes " +
                std::to_string(model.ByteSizeLong()) +
                " bytes, more than protobuf's limit of 2147483647 for one "
                "message; set SaveOptions::save_external_data to keep large "
                "tensors in an external file");
  EXPECT_THAT(ListFolder(dir.path()), IsEmpty());

  SaveOptions options;
  options.save_external_data = true;
  ASSERT_TRUE(SaveModel(model, path, options).ok());
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx", "m.onnx.data"));
  EXPECT_LT(FileSize(path), 1024);
  EXPECT_EQ(FileSize(dir.Join("m.onnx.data")), kBig);

  LoadOptions lazy;
  lazy.load_external_data = false;
  absl::StatusOr<ModelProto> refs = LoadModel(path, lazy);
  ASSERT_TRUE(refs.ok()) << refs.status();
  EXPECT_EQ(Entry(refs->graph().initializer(0), "length"), std::to_string(kBig));

  absl::StatusOr<ModelProto> loaded = LoadModel(path);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const std::string& back = loaded->graph().initializer(0).raw_data();
  ASSERT_EQ(static_cast<int64_t>(back.size()), kBig);
  EXPECT_TRUE(back == *bytes);
}

}  // namespace
}  // namespace onnxforge
