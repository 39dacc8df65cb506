#include "ir/external_data.h"

#include <sys/stat.h>
#include <unistd.h>

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ir/tensor_util.h"
#include "ir/tests/test_files.h"

namespace onnxforge {
namespace {

using ::onnxforge::testing::ExternalTensor;
using ::onnxforge::testing::TempFolder;
using ::onnxforge::testing::WriteFile;
using ::testing::ElementsAre;

// Sixteen bytes: four little-endian floats 1, 2, 3, 4.
std::string FourFloats() {
  TensorProto t = MakeTensor<float>("x", {4}, {1, 2, 3, 4});
  return *TensorRawBytes(t);
}

TensorProto FloatRef(const std::vector<std::pair<std::string, std::string>>& entries,
                     std::vector<int64_t> dims = {4}) {
  return ExternalTensor("w", TensorProto::FLOAT, std::move(dims), entries);
}

std::string ErrorOf(const TensorProto& tensor, const std::string& dir) {
  return std::string(CheckExternalData(tensor, dir).message());
}

TEST(ParseExternalDataInfoTest, ReadsAllowedKeys) {
  absl::StatusOr<ExternalDataInfo> info = ParseExternalDataInfo(
      FloatRef({{"location", "./data//w.bin"},
                {"offset", "4096"},
                {"length", "16"},
                {"checksum", "abc"},
                {"basepath", "/ignored"}}));
  ASSERT_TRUE(info.ok()) << info.status();
  EXPECT_EQ(info->location, "data/w.bin");
  EXPECT_EQ(info->offset, 4096);
  EXPECT_EQ(info->length, 16);
  EXPECT_EQ(info->checksum, "abc");

  info = ParseExternalDataInfo(FloatRef({{"location", "w.bin"}}));
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->offset, 0);
  EXPECT_FALSE(info->length.has_value());
}

TEST(ParseExternalDataInfoTest, KeyErrors) {
  EXPECT_EQ(ParseExternalDataInfo(FloatRef({{"location", "w.bin"}, {"mode", "x"}}))
                .status()
                .message(),
            "tensor 'w': unknown external_data key 'mode' (allowed: location, "
            "offset, length, checksum, basepath)");
  EXPECT_EQ(ParseExternalDataInfo(
                FloatRef({{"location", "w.bin"}, {"location", "v.bin"}}))
                .status()
                .message(),
            "tensor 'w': external_data key 'location' appears more than once");
  EXPECT_EQ(ParseExternalDataInfo(FloatRef({{"offset", "0"}})).status().message(),
            "tensor 'w': data_location is EXTERNAL but external_data has no "
            "'location'");
  EXPECT_EQ(ParseExternalDataInfo(FloatRef({})).status().message(),
            "tensor 'w': data_location is EXTERNAL but external_data has no "
            "'location'");
  EXPECT_EQ(ParseExternalDataInfo(FloatRef({{"location", ""}})).status().message(),
            "tensor 'w': external data location is empty");
}

TEST(ParseExternalDataInfoTest, OffsetAndLengthParseStrictly) {
  for (const std::string bad : {"abc", "-1", "+5", " 5", "5 ", "0x10", "1e3", "",
                                "9223372036854775808",
                                "99999999999999999999999"}) {
    EXPECT_EQ(ParseExternalDataInfo(FloatRef({{"location", "w.bin"}, {"offset", bad}}))
                  .status()
                  .message(),
              "tensor 'w': external_data offset '" + bad +
                  "' is not a non-negative decimal integer that fits in int64")
        << bad;
    EXPECT_EQ(ParseExternalDataInfo(FloatRef({{"location", "w.bin"}, {"length", bad}}))
                  .status()
                  .message(),
              "tensor 'w': external_data length '" + bad +
                  "' is not a non-negative decimal integer that fits in int64")
        << bad;
  }
  absl::StatusOr<ExternalDataInfo> max = ParseExternalDataInfo(
      FloatRef({{"location", "w.bin"}, {"offset", "9223372036854775807"}}));
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->offset, INT64_MAX);
}

TEST(NormalizeLocationTest, Rules) {
  EXPECT_EQ(*NormalizeLocation("w.bin"), "w.bin");
  EXPECT_EQ(*NormalizeLocation("./a//b/./w.bin"), "a/b/w.bin");
  EXPECT_EQ(NormalizeLocation("a/").status().message(),
            "external data location 'a/' does not name a file");
  EXPECT_EQ(NormalizeLocation(".").status().message(),
            "external data location '.' does not name a file");
  EXPECT_EQ(NormalizeLocation("a/../w.bin").status().message(),
            "external data location 'a/../w.bin' contains '..'; it must stay "
            "inside the model's folder");
  EXPECT_EQ(NormalizeLocation("/w.bin").status().message(),
            "external data location '/w.bin' is an absolute path; it must be "
            "relative to the model's folder");
  EXPECT_EQ(NormalizeLocation(std::string("w\0.bin", 6)).status().message(),
            "external data location contains a NUL character");
  // ".." only counts as a whole component.
  EXPECT_EQ(*NormalizeLocation("..w.bin"), "..w.bin");
}

TEST(LoadExternalDataTest, ReadsTheRangeIntoRawData) {
  TempFolder dir;
  WriteFile(dir.Join("w.bin"), "PAD!" + FourFloats() + "tail");
  TensorProto t = FloatRef({{"location", "w.bin"}, {"offset", "4"}, {"length", "16"}});
  ASSERT_TRUE(LoadExternalData(&t, dir.path()).ok());
  EXPECT_EQ(t.raw_data(), FourFloats());
  EXPECT_FALSE(t.has_data_location());
  EXPECT_EQ(t.external_data_size(), 0);
  EXPECT_THAT(*ReadDoubles(t), ElementsAre(1, 2, 3, 4));
}

TEST(LoadExternalDataTest, NoLengthMeansToTheEndOfTheFile) {
  TempFolder dir;
  WriteFile(dir.Join("w.bin"), "PAD!" + FourFloats());
  TensorProto t = FloatRef({{"location", "w.bin"}, {"offset", "4"}});
  ASSERT_TRUE(LoadExternalData(&t, dir.path()).ok());
  EXPECT_EQ(t.raw_data(), FourFloats());
}

TEST(LoadExternalDataTest, SubfolderLocation) {
  TempFolder dir;
  mkdir(dir.Join("weights").c_str(), 0755);
  WriteFile(dir.Join("weights/w.bin"), FourFloats());
  TensorProto t = FloatRef({{"location", "weights/w.bin"}});
  ASSERT_TRUE(LoadExternalData(&t, dir.path()).ok());
  EXPECT_EQ(t.raw_data(), FourFloats());
}

TEST(CheckExternalDataTest, RangeErrors) {
  TempFolder dir;
  WriteFile(dir.Join("w.bin"), FourFloats());
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"}, {"offset", "17"}}), dir.path()),
            "tensor 'w': external data offset 17 is past the end of 'w.bin' (16 "
            "bytes)");
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"}, {"offset", "8"}, {"length", "16"}}),
                    dir.path()),
            "tensor 'w': external data at offset 8 with length 16 runs past the "
            "end of 'w.bin' (16 bytes)");
  // Huge values are compared, never added, so they cannot wrap around.
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"},
                              {"offset", "8"},
                              {"length", "9223372036854775807"}}),
                    dir.path()),
            "tensor 'w': external data at offset 8 with length "
            "9223372036854775807 runs past the end of 'w.bin' (16 bytes)");
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"}, {"length", "12"}}), dir.path()),
            "tensor 'w': external data length 12 does not match the 16 bytes "
            "that shape [4] of type float needs");
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"}}, {5}), dir.path()),
            "tensor 'w': external data length 16 does not match the 20 bytes "
            "that shape [5] of type float needs");
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"}},
                             {int64_t{1} << 40, int64_t{1} << 40}),
                    dir.path()),
            "tensor 'w': shape [1099511627776,1099511627776] has more elements "
            "than int64 holds");
}

TEST(CheckExternalDataTest, FileErrors) {
  TempFolder dir;
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "missing.bin"}}), dir.path()),
            "tensor 'w': external data file 'missing.bin' does not exist in "
            "folder '" + dir.path() + "'");
  mkdir(dir.Join("folder.bin").c_str(), 0755);
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "folder.bin"}}), dir.path()),
            "tensor 'w': external data file 'folder.bin' is not a regular file");
  TensorProto strings = ExternalTensor("s", TensorProto::STRING, {1},
                                       {{"location", "w.bin"}});
  EXPECT_EQ(ErrorOf(strings, dir.path()),
            "tensor 's': string tensors cannot keep their data in an external "
            "file");
  EXPECT_EQ(ErrorOf(FloatRef({{"location", "w.bin"}}), dir.Join("nowhere")),
            "tensor 'w': cannot resolve model folder '" + dir.Join("nowhere") +
                "': No such file or directory");
}

TEST(ResolveExternalDataForWriteTest, Rules) {
  TempFolder dir;
  EXPECT_EQ(*ResolveExternalDataForWrite(dir.path(), "w.bin"), dir.Join("w.bin"));
  mkdir(dir.Join("sub").c_str(), 0755);
  EXPECT_EQ(*ResolveExternalDataForWrite(dir.path(), "./sub//w.bin"),
            dir.Join("sub/w.bin"));
  EXPECT_EQ(ResolveExternalDataForWrite(dir.path(), "nosub/w.bin").status().message(),
            "the folder of external data location 'nosub/w.bin' does not exist");
  WriteFile(dir.Join("existing.bin"), "x");
  EXPECT_TRUE(ResolveExternalDataForWrite(dir.path(), "existing.bin").ok());
  ASSERT_EQ(symlink("existing.bin", dir.Join("link.bin").c_str()), 0);
  EXPECT_EQ(ResolveExternalDataForWrite(dir.path(), "link.bin").status().message(),
            "external data location 'link.bin' is a symbolic link; refusing to "
            "replace it");
  ASSERT_EQ(link(dir.Join("existing.bin").c_str(), dir.Join("twin.bin").c_str()), 0);
  EXPECT_EQ(ResolveExternalDataForWrite(dir.path(), "twin.bin").status().message(),
            "external data location 'twin.bin' has 2 hard links; refusing to "
            "replace it");
  EXPECT_EQ(ResolveExternalDataForWrite(dir.path(), "sub").status().message(),
            "external data location 'sub' is not a regular file");
}

TEST(ModelTensorsTest, VisitsEveryPlaceATensorLives) {
  ModelProto model;
  GraphProto* graph = model.mutable_graph();
  *graph->add_initializer() = MakeTensor<float>("init", {1}, {1});
  SparseTensorProto* sparse = graph->add_sparse_initializer();
  *sparse->mutable_values() = MakeTensor<float>("sparse_values", {1}, {1});
  *sparse->mutable_indices() = MakeTensor<int64_t>("sparse_indices", {1}, {0});
  NodeProto* constant = graph->add_node();
  AttributeProto* value = constant->add_attribute();
  *value->mutable_t() = MakeTensor<float>("attr_t", {1}, {1});
  NodeProto* loop = graph->add_node();
  AttributeProto* body = loop->add_attribute();
  *body->mutable_g()->add_initializer() = MakeTensor<float>("body_init", {1}, {1});
  AttributeProto* many = body->mutable_g()->add_node()->add_attribute();
  *many->add_tensors() = MakeTensor<float>("body_tensors", {1}, {1});
  FunctionProto* function = model.add_functions();
  *function->add_node()->add_attribute()->mutable_t() =
      MakeTensor<float>("function_t", {1}, {1});
  *model.add_training_info()->mutable_initialization()->add_initializer() =
      MakeTensor<float>("training_init", {1}, {1});

  std::vector<std::string> dense;
  for (const TensorProto* t : ModelTensors(model, TensorScope::kDense)) {
    dense.push_back(t->name());
  }
  EXPECT_THAT(dense, ElementsAre("init", "attr_t", "body_init", "body_tensors",
                                 "function_t"));
  std::vector<std::string> all;
  for (TensorProto* t : MutableModelTensors(&model, TensorScope::kAll)) {
    all.push_back(t->name());
  }
  EXPECT_THAT(all, ElementsAre("init", "sparse_values", "sparse_indices",
                               "attr_t", "body_init", "body_tensors",
                               "function_t", "training_init"));
}

TEST(LoadModelExternalDataTest, LoadsEveryExternalTensor) {
  TempFolder dir;
  WriteFile(dir.Join("w.bin"), FourFloats());
  ModelProto model;
  *model.mutable_graph()->add_initializer() = FloatRef({{"location", "w.bin"}});
  *model.mutable_graph()->add_initializer() = MakeTensor<float>("inline", {1}, {7});
  *model.add_functions()->add_node()->add_attribute()->mutable_t() =
      FloatRef({{"location", "w.bin"}});
  ASSERT_TRUE(CheckModelExternalData(model, dir.path()).ok());
  ASSERT_TRUE(LoadModelExternalData(&model, dir.path()).ok());
  EXPECT_EQ(model.graph().initializer(0).raw_data(), FourFloats());
  EXPECT_EQ(model.functions(0).node(0).attribute(0).t().raw_data(), FourFloats());
  EXPECT_THAT(model.graph().initializer(1).float_data(), ElementsAre(7));
}

}  // namespace
}  // namespace onnxforge
