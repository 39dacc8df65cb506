// One regression test per published ONNX external-data vulnerability: each
// builds the attack on disk and checks it is refused and nothing leaks or is
// overwritten.
#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "ir/external_data.h"
#include "ir/model_io.h"
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

// A secret outside the model folder, and the model folder beside it.
class ExternalDataCveTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(root_.Join("secret.bin"), kSecret);
    model_dir_ = root_.Join("model");
    ASSERT_EQ(mkdir(model_dir_.c_str(), 0755), 0);
    model_path_ = model_dir_ + "/model.onnx";
  }

  // Saves a model whose tensor "stolen" (uint8, as long as the secret) points
  // at `location`, then loads it; returns the load error.
  std::string LoadError(const std::string& location) {
    TensorProto tensor = ExternalTensor(
        "stolen", TensorProto::UINT8, {static_cast<int64_t>(kSecret.size())},
        {{"location", location}});
    ModelProto model = ModelWith({tensor});
    WriteFile(model_path_, model.SerializeAsString());
    absl::StatusOr<ModelProto> loaded = LoadModel(model_path_);
    EXPECT_FALSE(loaded.ok()) << location;
    return std::string(loaded.status().message());
  }

  std::string Prefix() const {
    return "model '" + model_path_ + "': tensor 'stolen': ";
  }

  const std::string kSecret = "top secret bytes";
  TempFolder root_;
  std::string model_dir_;
  std::string model_path_;
};

// Directory traversal: a location climbing out of the model folder with "../".
TEST_F(ExternalDataCveTest, CVE_2022_25882_DotDotLocationIsRefused) {
  EXPECT_EQ(LoadError("../secret.bin"),
            Prefix() +
                "external data location '../secret.bin' contains '..'; it must "
                "stay inside the model's folder");
  EXPECT_EQ(LoadError("../../../../../../../../etc/passwd"),
            Prefix() +
                "external data location '../../../../../../../../etc/passwd' "
                "contains '..'; it must stay inside the model's folder");
}

// Bypasses of a prefix-only "../" check: ".." after a harmless first part,
// "./" in front, and absolute paths.
TEST_F(ExternalDataCveTest, CVE_2024_27318_TraversalVariantsAreRefused) {
  mkdir((model_dir_ + "/sub").c_str(), 0755);
  for (const std::string location :
       {"sub/../../secret.bin", "./../secret.bin", "sub/./../../secret.bin",
        ".//..//secret.bin"}) {
    EXPECT_EQ(LoadError(location),
              Prefix() + "external data location '" + location +
                  "' contains '..'; it must stay inside the model's folder");
  }
  const std::string absolute = root_.Join("secret.bin");
  EXPECT_EQ(LoadError(absolute),
            Prefix() + "external data location '" + absolute +
                "' is an absolute path; it must be relative to the model's "
                "folder");
  EXPECT_EQ(LoadError("/etc/passwd"),
            Prefix() +
                "external data location '/etc/passwd' is an absolute path; it "
                "must be relative to the model's folder");
}

// Saving must never write outside the model folder, whatever location the
// caller or the model itself names, and must not touch the victim file.
TEST_F(ExternalDataCveTest, CVE_2025_51480_SaveNeverWritesOutsideTheFolder) {
  TensorProto weights = MakeTensor<float>("w", {300}, std::vector<float>(300, 1));
  ModelProto model = ModelWith({weights});

  SaveOptions options;
  options.save_external_data = true;
  options.location = "../secret.bin";
  EXPECT_EQ(SaveModel(model, model_path_, options).message(),
            "cannot save model '" + model_path_ +
                "': external data location '../secret.bin' contains '..'; it "
                "must stay inside the model's folder");
  options.location = root_.Join("secret.bin");
  EXPECT_EQ(SaveModel(model, model_path_, options).message(),
            "cannot save model '" + model_path_ + "': external data location '" +
                root_.Join("secret.bin") +
                "' is an absolute path; it must be relative to the model's "
                "folder");
  // A folder link that leads out of the model folder.
  ASSERT_EQ(symlink(root_.path().c_str(), (model_dir_ + "/out").c_str()), 0);
  options.location = "out/secret.bin";
  EXPECT_EQ(SaveModel(model, model_path_, options).message(),
            "cannot save model '" + model_path_ +
                "': external data location 'out/secret.bin' resolves to folder '" +
                root_.path() + "', outside the model folder '" + model_dir_ + "'");
  // A file link to the victim inside the model folder.
  ASSERT_EQ(symlink(root_.Join("secret.bin").c_str(),
                    (model_dir_ + "/w.bin").c_str()),
            0);
  options.location = "w.bin";
  EXPECT_EQ(SaveModel(model, model_path_, options).message(),
            "cannot save model '" + model_path_ +
                "': external data location 'w.bin' is a symbolic link; "
                "refusing to replace it");
  EXPECT_EQ(ReadFile(root_.Join("secret.bin")), kSecret);
  EXPECT_FALSE(Exists(model_path_));

  // A model whose in-memory tensor claims an outside location: the claim is
  // dropped and the bytes are saved with the model.
  TensorProto claimed = weights;
  claimed.set_raw_data(*TensorRawBytes(weights));
  claimed.clear_float_data();
  StringStringEntryProto* entry = claimed.add_external_data();
  entry->set_key("location");
  entry->set_value("../secret.bin");
  claimed.set_data_location(TensorProto::EXTERNAL);
  ASSERT_TRUE(SaveModel(ModelWith({claimed}), model_path_).ok());
  EXPECT_EQ(ReadFile(root_.Join("secret.bin")), kSecret);
  absl::StatusOr<ModelProto> loaded = LoadModel(model_path_);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  EXPECT_EQ(loaded->graph().initializer(0).raw_data(), claimed.raw_data());
  EXPECT_FALSE(loaded->graph().initializer(0).has_data_location());
}

// A folder inside the model folder that is a symbolic link to somewhere
// else: the last component is an ordinary file, the path still escapes.
TEST_F(ExternalDataCveTest, CVE_2026_27489_SymlinkedParentFolderIsRefused) {
  ASSERT_EQ(symlink(root_.path().c_str(), (model_dir_ + "/linked").c_str()), 0);
  EXPECT_EQ(LoadError("linked/secret.bin"),
            Prefix() + "external data file 'linked/secret.bin' resolves to '" +
                root_.Join("secret.bin") + "', outside the model folder '" +
                model_dir_ + "'");
}

// Crafted external_data entries: unknown keys (attribute injection in the
// Python implementation), negative or non-numeric offsets and lengths, and a
// huge length meant to force a giant allocation.
TEST_F(ExternalDataCveTest, CVE_2026_34445_CraftedEntriesAreRefused) {
  WriteFile(model_dir_ + "/w.bin", kSecret);
  const auto load = [&](const std::vector<std::pair<std::string, std::string>>& entries) {
    ModelProto model = ModelWith({ExternalTensor(
        "stolen", TensorProto::UINT8, {static_cast<int64_t>(kSecret.size())},
        entries)});
    WriteFile(model_path_, model.SerializeAsString());
    return std::string(LoadModel(model_path_).status().message());
  };
  EXPECT_EQ(load({{"location", "w.bin"}, {"__class__", "x"}}),
            Prefix() +
                "unknown external_data key '__class__' (allowed: location, "
                "offset, length, checksum, basepath)");
  EXPECT_EQ(load({{"location", "w.bin"}, {"offset", "-1"}}),
            Prefix() +
                "external_data offset '-1' is not a non-negative decimal "
                "integer that fits in int64");
  EXPECT_EQ(load({{"location", "w.bin"}, {"length", "-1"}}),
            Prefix() +
                "external_data length '-1' is not a non-negative decimal "
                "integer that fits in int64");
  EXPECT_EQ(load({{"location", "w.bin"}, {"length", "abc"}}),
            Prefix() +
                "external_data length 'abc' is not a non-negative decimal "
                "integer that fits in int64");
  EXPECT_EQ(load({{"location", "w.bin"}, {"length", "1125899906842624"}}),
            Prefix() +
                "external data at offset 0 with length 1125899906842624 runs "
                "past the end of 'w.bin' (16 bytes)");
  EXPECT_EQ(load({{"location", "w.bin"}, {"offset", "1125899906842624"}}),
            Prefix() +
                "external data offset 1125899906842624 is past the end of "
                "'w.bin' (16 bytes)");
}

// A hard link inside the model folder to a file outside it looks like a
// plain file; its link count gives it away.
TEST_F(ExternalDataCveTest, CVE_2026_34446_HardLinkedDataFileIsRefused) {
  ASSERT_EQ(link(root_.Join("secret.bin").c_str(),
                 (model_dir_ + "/w.bin").c_str()),
            0);
  EXPECT_EQ(LoadError("w.bin"),
            Prefix() +
                "external data file 'w.bin' has 2 hard links; refusing a file "
                "that may be linked from outside the model folder");
}

// The data file itself is a symbolic link to a file outside the folder.
TEST_F(ExternalDataCveTest, CVE_2026_34447_SymlinkedDataFileIsRefused) {
  ASSERT_EQ(symlink(root_.Join("secret.bin").c_str(),
                    (model_dir_ + "/w.bin").c_str()),
            0);
  EXPECT_EQ(LoadError("w.bin"),
            Prefix() +
                "external data file 'w.bin' is a symbolic link; refusing to "
                "follow it");
  // Also when the link points inside the folder: links are never followed.
  WriteFile(model_dir_ + "/real.bin", kSecret);
  ASSERT_EQ(symlink("real.bin", (model_dir_ + "/alias.bin").c_str()), 0);
  EXPECT_EQ(LoadError("alias.bin"),
            Prefix() +
                "external data file 'alias.bin' is a symbolic link; refusing "
                "to follow it");
}

}  // namespace
}  // namespace onnxforge
