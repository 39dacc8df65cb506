#include "ir/model_io.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/attribute_util.h"
#include "ir/external_data.h"
#include "ir/tensor_util.h"
#include "ir/tests/test_files.h"

namespace onnxforge {
namespace {

using ::onnxforge::testing::Exists;
using ::onnxforge::testing::ExternalTensor;
using ::onnxforge::testing::ListFolder;
using ::onnxforge::testing::ModelWith;
using ::onnxforge::testing::ReadFile;
using ::onnxforge::testing::TempFolder;
using ::onnxforge::testing::WriteFile;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// `count` floats 0, 1, 2, ... kept in raw_data.
TensorProto RawFloats(const std::string& name, int64_t count) {
  std::vector<float> values(count);
  for (int64_t i = 0; i < count; ++i) values[i] = static_cast<float>(i);
  TensorProto typed = MakeTensor<float>(name, {count}, values);
  TensorProto raw = typed;
  raw.clear_float_data();
  raw.set_raw_data(*TensorRawBytes(typed));
  return raw;
}

std::string Entry(const TensorProto& tensor, const std::string& key) {
  for (const StringStringEntryProto& entry : tensor.external_data()) {
    if (entry.key() == key) return entry.value();
  }
  return "<absent>";
}

// A model with: a 4000-byte raw initializer, a 2048-byte typed initializer,
// an 8-byte initializer and a 1200-byte tensor in a Constant node.
ModelProto MixedModel() {
  ModelProto model = ModelWith(
      {RawFloats("big", 1000),
       MakeTensor<float>("typed", {512}, std::vector<float>(512, 0.5f)),
       MakeTensor<float>("small", {2}, {1, 2})});
  NodeProto* constant = model.mutable_graph()->add_node();
  constant->set_op_type("Constant");
  constant->add_output("c");
  *constant->add_attribute() = TensorAttr("value", RawFloats("", 300));
  model.add_metadata_props()->set_key("author");
  model.mutable_metadata_props(0)->set_value("test");
  return model;
}

TEST(SaveModelTest, RoundTripIsExact) {
  TempFolder dir;
  const ModelProto model = MixedModel();
  ASSERT_TRUE(SaveModel(model, dir.Join("m.onnx")).ok());
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx"));
  absl::StatusOr<ModelProto> loaded = LoadModel(dir.Join("m.onnx"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->SerializeAsString(), model.SerializeAsString());
  EXPECT_EQ(ReadFile(dir.Join("m.onnx")), *SerializeModel(model));
}

TEST(SaveModelTest, ReplacesAnExistingModel) {
  TempFolder dir;
  WriteFile(dir.Join("m.onnx"), "old contents");
  const ModelProto model = MixedModel();
  ASSERT_TRUE(SaveModel(model, dir.Join("m.onnx")).ok());
  EXPECT_EQ(ReadFile(dir.Join("m.onnx")), model.SerializeAsString());
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx"));
}

TEST(SaveModelTest, RelativePathInTheCurrentFolder) {
  TempFolder dir;
  char previous[4096];
  ASSERT_NE(getcwd(previous, sizeof(previous)), nullptr);
  ASSERT_EQ(chdir(dir.path().c_str()), 0);
  SaveOptions options;
  options.save_external_data = true;
  const absl::Status saved = SaveModel(MixedModel(), "m.onnx", options);
  absl::StatusOr<ModelProto> loaded = LoadModel("m.onnx");
  ASSERT_EQ(chdir(previous), 0);
  ASSERT_TRUE(saved.ok()) << saved;
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx", "m.onnx.data"));
}

TEST(SaveModelTest, ExternalDataRoundTrip) {
  TempFolder dir;
  const ModelProto model = MixedModel();
  SaveOptions options;
  options.save_external_data = true;
  ASSERT_TRUE(SaveModel(model, dir.Join("m.onnx"), options).ok());
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx", "m.onnx.data"));
  // big (4000) + typed (2048) + the Constant's tensor (1200), packed.
  EXPECT_EQ(ReadFile(dir.Join("m.onnx.data")).size(), 4000u + 2048u + 1200u);

  LoadOptions lazy;
  lazy.load_external_data = false;
  absl::StatusOr<ModelProto> refs = LoadModel(dir.Join("m.onnx"), lazy);
  ASSERT_TRUE(refs.ok()) << refs.status();
  const GraphProto& graph = refs->graph();
  EXPECT_EQ(graph.initializer(0).data_location(), TensorProto::EXTERNAL);
  EXPECT_FALSE(graph.initializer(0).has_raw_data());
  EXPECT_EQ(Entry(graph.initializer(0), "location"), "m.onnx.data");
  EXPECT_EQ(Entry(graph.initializer(0), "offset"), "0");
  EXPECT_EQ(Entry(graph.initializer(0), "length"), "4000");
  EXPECT_EQ(Entry(graph.initializer(1), "offset"), "4000");
  EXPECT_EQ(Entry(graph.initializer(1), "length"), "2048");
  EXPECT_EQ(graph.initializer(1).float_data_size(), 0);
  EXPECT_FALSE(graph.initializer(2).has_data_location());
  EXPECT_THAT(graph.initializer(2).float_data(), ElementsAre(1, 2));
  const TensorProto& attribute_tensor = graph.node(3).attribute(0).t();
  EXPECT_EQ(Entry(attribute_tensor, "offset"), "6048");
  EXPECT_EQ(Entry(attribute_tensor, "length"), "1200");
  EXPECT_TRUE(CheckModelExternalData(*refs, dir.path()).ok());

  absl::StatusOr<ModelProto> loaded = LoadModel(dir.Join("m.onnx"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->graph().initializer(0).SerializeAsString(),
            model.graph().initializer(0).SerializeAsString());
  EXPECT_EQ(*ReadDoubles(loaded->graph().initializer(1)),
            *ReadDoubles(model.graph().initializer(1)));
  EXPECT_EQ(loaded->graph().initializer(1).raw_data(),
            *TensorRawBytes(model.graph().initializer(1)));
  EXPECT_EQ(loaded->graph().node(3).attribute(0).t().raw_data(),
            model.graph().node(3).attribute(0).t().raw_data());
  EXPECT_EQ(loaded->metadata_props(0).value(), "test");
}

TEST(SaveModelTest, AlignmentThresholdAndLocation) {
  TempFolder dir;
  ASSERT_EQ(mkdir(dir.Join("weights").c_str(), 0755), 0);
  SaveOptions options;
  options.save_external_data = true;
  options.location = "weights/all.bin";
  options.alignment = 4096;
  options.size_threshold = 2048;
  ASSERT_TRUE(SaveModel(MixedModel(), dir.Join("m.onnx"), options).ok());
  EXPECT_THAT(ListFolder(dir.Join("weights")), ElementsAre("all.bin"));
  EXPECT_EQ(ReadFile(dir.Join("weights/all.bin")).size(), 4096u + 2048u);
  LoadOptions lazy;
  lazy.load_external_data = false;
  ModelProto refs = *LoadModel(dir.Join("m.onnx"), lazy);
  EXPECT_EQ(Entry(refs.graph().initializer(0), "location"), "weights/all.bin");
  EXPECT_EQ(Entry(refs.graph().initializer(0), "offset"), "0");
  EXPECT_EQ(Entry(refs.graph().initializer(1), "offset"), "4096");
  // Under the threshold: stays in the model.
  EXPECT_EQ(refs.graph().node(3).attribute(0).t().external_data_size(), 0);
  absl::StatusOr<ModelProto> loaded = LoadModel(dir.Join("m.onnx"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->graph().initializer(1).raw_data(),
            *TensorRawBytes(MixedModel().graph().initializer(1)));
}

TEST(SaveModelTest, OptionErrors) {
  TempFolder dir;
  const std::string path = dir.Join("m.onnx");
  SaveOptions options;
  options.save_external_data = true;
  options.alignment = 0;
  EXPECT_EQ(SaveModel(MixedModel(), path, options).message(),
            "cannot save model '" + path + "': alignment 0 is outside 1 to 1073741824");
  options.alignment = 1;
  options.size_threshold = -1;
  EXPECT_EQ(SaveModel(MixedModel(), path, options).message(),
            "cannot save model '" + path + "': size_threshold -1 is negative");
  options.size_threshold = 0;
  options.location = "m.onnx";
  EXPECT_EQ(SaveModel(MixedModel(), path, options).message(),
            "cannot save model '" + path +
                "': external data location 'm.onnx' is the model file itself");
  options.location = "missing/w.bin";
  EXPECT_EQ(SaveModel(MixedModel(), path, options).message(),
            "cannot save model '" + path +
                "': the folder of external data location 'missing/w.bin' does "
                "not exist");
  EXPECT_THAT(ListFolder(dir.path()), IsEmpty());
}

TEST(SaveModelTest, PathErrors) {
  TempFolder dir;
  EXPECT_EQ(SaveModel(MixedModel(), dir.Join("missing/m.onnx")).message(),
            "cannot save model '" + dir.Join("missing/m.onnx") + "': folder '" +
                dir.Join("missing") + "': No such file or directory");
  ASSERT_EQ(mkdir(dir.Join("sub").c_str(), 0755), 0);
  EXPECT_EQ(SaveModel(MixedModel(), dir.Join("sub")).message(),
            "cannot save model '" + dir.Join("sub") + "': the path is a folder");
  EXPECT_EQ(SaveModel(MixedModel(), dir.path() + "/").message(),
            "cannot save model '" + dir.path() + "/': the path does not name a file");
  WriteFile(dir.Join("file"), "x");
  EXPECT_EQ(SaveModel(MixedModel(), dir.Join("file/m.onnx")).message(),
            "cannot save model '" + dir.Join("file/m.onnx") + "': '" +
                dir.Join("file") + "' is not a folder");
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("file", "sub"));
}

TEST(SaveModelTest, KeptReferencesMustHoldInTheTargetFolder) {
  TempFolder dir;
  SaveOptions options;
  options.save_external_data = true;
  ASSERT_TRUE(SaveModel(MixedModel(), dir.Join("m.onnx"), options).ok());
  LoadOptions lazy;
  lazy.load_external_data = false;
  const ModelProto refs = *LoadModel(dir.Join("m.onnx"), lazy);

  // Same folder, new name: the references still hold.
  ASSERT_TRUE(SaveModel(refs, dir.Join("copy.onnx")).ok());
  absl::StatusOr<ModelProto> copy = LoadModel(dir.Join("copy.onnx"));
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(copy->graph().initializer(0).raw_data(),
            MixedModel().graph().initializer(0).raw_data());

  // Another folder: the data file is not there.
  TempFolder other;
  EXPECT_EQ(SaveModel(refs, other.Join("m.onnx")).message(),
            "cannot save model '" + other.Join("m.onnx") +
                "': tensor 'big': external data file 'm.onnx.data' does not "
                "exist in folder '" + other.path() + "'");
  EXPECT_THAT(ListFolder(other.path()), IsEmpty());

  // Writing a new data file over the one the references use would lose it.
  EXPECT_EQ(SaveModel(refs, dir.Join("m.onnx"), options).message(),
            "cannot save model '" + dir.Join("m.onnx") +
                "': tensor 'big' keeps its data in 'm.onnx.data', the file "
                "this save would replace; load its external data first or "
                "choose another location");
  EXPECT_THAT(ListFolder(dir.path()),
              ElementsAre("copy.onnx", "m.onnx", "m.onnx.data"));
}

TEST(SaveModelTest, FailedSaveLeavesNoFile) {
  TempFolder dir;
  const std::string path = dir.Join("m.onnx");
  SaveOptions options;
  options.save_external_data = true;

  // Refused before anything is written.
  options.location = "../w.bin";
  EXPECT_FALSE(SaveModel(MixedModel(), path, options).ok());
  EXPECT_THAT(ListFolder(dir.path()), IsEmpty());

  // Refused while writing: the file size limit makes the data file's write
  // fail halfway, after both temporary files could exist.
  options.location.clear();
  struct rlimit previous;
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &previous), 0);
  const sighandler_t old_handler = signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = previous;
  small.rlim_cur = 3000;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  const absl::Status status = SaveModel(MixedModel(), path, options);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &previous), 0);
  signal(SIGXFSZ, old_handler);
  EXPECT_EQ(status.message(), "cannot save model '" + path + "': cannot write '" +
                                  path + ".data': File too large");
  EXPECT_THAT(ListFolder(dir.path()), IsEmpty());

  // A failed save over an existing model leaves the old model untouched.
  WriteFile(path, "previous model");
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  signal(SIGXFSZ, SIG_IGN);
  const absl::Status again = SaveModel(MixedModel(), path, options);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &previous), 0);
  signal(SIGXFSZ, old_handler);
  EXPECT_FALSE(again.ok());
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx"));
  EXPECT_EQ(ReadFile(path), "previous model");
}

TEST(LoadModelTest, FileErrors) {
  TempFolder dir;
  EXPECT_EQ(LoadModel(dir.Join("missing.onnx")).status().message(),
            "cannot open model file '" + dir.Join("missing.onnx") +
                "': No such file or directory");
  EXPECT_EQ(LoadModel(dir.path()).status().message(),
            "'" + dir.path() + "' is a folder, not a model file");
  WriteFile(dir.Join("empty.onnx"), "");
  EXPECT_EQ(LoadModel(dir.Join("empty.onnx")).status().message(),
            "model file '" + dir.Join("empty.onnx") + "' is empty");
  ASSERT_EQ(mkfifo(dir.Join("pipe").c_str(), 0644), 0);
  EXPECT_EQ(LoadModel(dir.Join("pipe")).status().message(),
            "'" + dir.Join("pipe") + "' is not a regular file");
}

TEST(LoadModelTest, MalformedAndTruncatedFiles) {
  TempFolder dir;
  WriteFile(dir.Join("garbage.onnx"), "this is not a protobuf message\xff\xff");
  EXPECT_EQ(LoadModel(dir.Join("garbage.onnx")).status().message(),
            "'" + dir.Join("garbage.onnx") +
                "' is not a valid ONNX model: its protobuf data is malformed "
                "or truncated");
  const std::string bytes = MixedModel().SerializeAsString();
  // Cut inside the graph: the graph field's length runs past the end.
  WriteFile(dir.Join("cut.onnx"), bytes.substr(0, bytes.size() / 2));
  EXPECT_EQ(LoadModel(dir.Join("cut.onnx")).status().message(),
            "'" + dir.Join("cut.onnx") +
                "' is not a valid ONNX model: its protobuf data is malformed "
                "or truncated");
}

TEST(LoadModelTest, ExternalDataErrorsNameTheModel) {
  TempFolder dir;
  ModelProto model = ModelWith({ExternalTensor(
      "w", TensorProto::FLOAT, {4}, {{"location", "w.bin"}})});
  WriteFile(dir.Join("m.onnx"), model.SerializeAsString());
  EXPECT_EQ(LoadModel(dir.Join("m.onnx")).status().message(),
            "model '" + dir.Join("m.onnx") +
                "': tensor 'w': external data file 'w.bin' does not exist in "
                "folder '" + dir.path() + "'");
  // Not loading the data touches no file.
  LoadOptions lazy;
  lazy.load_external_data = false;
  EXPECT_TRUE(LoadModel(dir.Join("m.onnx"), lazy).ok());
  // base_dir points elsewhere.
  TempFolder data;
  WriteFile(data.Join("w.bin"), std::string(16, '\0'));
  LoadOptions elsewhere;
  elsewhere.base_dir = data.path();
  absl::StatusOr<ModelProto> loaded = LoadModel(dir.Join("m.onnx"), elsewhere);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_THAT(*ReadDoubles(loaded->graph().initializer(0)), ElementsAre(0, 0, 0, 0));
}

TEST(LoadModelFromBytesTest, ParsesAndReportsErrors) {
  const ModelProto model = MixedModel();
  absl::StatusOr<ModelProto> loaded = LoadModelFromBytes(model.SerializeAsString());
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->SerializeAsString(), model.SerializeAsString());
  EXPECT_EQ(LoadModelFromBytes("").status().message(), "the model bytes are empty");
  EXPECT_EQ(LoadModelFromBytes("\xff\xff\xff").status().message(),
            "the bytes are not a valid ONNX model: their protobuf data is "
            "malformed or truncated");
}

TEST(LoadModelFromBytesTest, ExternalDataNeedsABaseFolder) {
  TempFolder dir;
  WriteFile(dir.Join("w.bin"), *TensorRawBytes(MakeTensor<float>("w", {4}, {1, 2, 3, 4})));
  const std::string bytes = ModelWith({ExternalTensor(
      "w", TensorProto::FLOAT, {4}, {{"location", "w.bin"}})}).SerializeAsString();
  EXPECT_EQ(LoadModelFromBytes(bytes).status().message(),
            "the model keeps tensor data in external files; set "
            "LoadOptions::base_dir to the folder they are relative to");
  LoadOptions lazy;
  lazy.load_external_data = false;
  EXPECT_TRUE(LoadModelFromBytes(bytes, lazy).ok());
  LoadOptions with_base;
  with_base.base_dir = dir.path();
  absl::StatusOr<ModelProto> loaded = LoadModelFromBytes(bytes, with_base);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_THAT(*ReadDoubles(loaded->graph().initializer(0)), ElementsAre(1, 2, 3, 4));
}

TEST(SaveModelTest, InMemoryTensorMarkedExternalIsSavedWithTheModel) {
  TempFolder dir;
  TensorProto tensor = RawFloats("w", 4);
  StringStringEntryProto* entry = tensor.add_external_data();
  entry->set_key("location");
  entry->set_value("gone.bin");
  tensor.set_data_location(TensorProto::EXTERNAL);
  ASSERT_TRUE(SaveModel(ModelWith({tensor}), dir.Join("m.onnx")).ok());
  EXPECT_THAT(ListFolder(dir.path()), ElementsAre("m.onnx"));
  absl::StatusOr<ModelProto> loaded = LoadModel(dir.Join("m.onnx"));
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_THAT(*ReadDoubles(loaded->graph().initializer(0)), ElementsAre(0, 1, 2, 3));
}

}  // namespace
}  // namespace onnxforge
