// Runs the checker and strict shape inference over ONNX's backend node test
// models whose ops are all in the slice of operators defined so far, and
// compares each inferred graph output with the expected output's element
// type and shape (test_data_set_0/output_K.pb).
//
// The test prints one line per failure and a summary grouped by op: a
// worklist for the operators' schemas.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "data_paths.h"
#include "gtest/gtest.h"
#include "ir/model_io.h"
#include "ir/onnx_data.pb.h"
#include "ir/tensor_util.h"
#include "onnx_defs/checker.h"
#include "onnx_defs/schema.h"
#include "onnx_defs/shape_inference.h"
#include "onnx_defs/tests/inference_harness.h"

namespace onnxforge {
namespace {

namespace fs = std::filesystem;
using ::onnxforge::testing::ShapeString;

// Why an output's shape is unknowable before run time: the input that
// decides it is a graph input (fed at run time), not a constant.
constexpr char kAxesInput[] = "the axes input is a graph input: the output rank or dims follow it";
constexpr char kShapeInput[] = "the target shape is a graph input";
constexpr char kPadsInput[] = "the pads input is a graph input";
constexpr char kRangeInputs[] = "start, limit and delta are graph inputs: the length follows them";
constexpr char kSliceInputs[] = "starts, ends, axes and steps are graph inputs";
constexpr char kSplitInput[] = "the split sizes are a graph input";
constexpr char kKInput[] = "k is a graph input: the size along the axis follows it";
constexpr char kTripCountInput[] =
    "the trip count is a graph input: scan outputs' length follows it";

// Tests whose expected output shapes inference cannot know, with the
// reason. Only output comparisons are excused: the checker and inference
// must still succeed on them.
const std::map<std::string, std::string>& Exceptions() {
  static const auto* exceptions = new std::map<std::string, std::string>{
      {"test_constant_pad", kPadsInput},
      {"test_constant_pad_axes", kPadsInput},
      {"test_constant_pad_negative_axes", kPadsInput},
      {"test_constantofshape_float_ones", kShapeInput},
      {"test_constantofshape_int_shape_zero", kShapeInput},
      {"test_constantofshape_int_zeros", kShapeInput},
      {"test_edge_pad", kPadsInput},
      {"test_expand_dim_changed", kShapeInput},
      {"test_expand_dim_unchanged", kShapeInput},
      {"test_loop11", kTripCountInput},
      {"test_range_bfloat16_type_positive_delta", kRangeInputs},
      {"test_range_float16_type_positive_delta", kRangeInputs},
      {"test_range_float_type_positive_delta", kRangeInputs},
      {"test_range_int32_type_negative_delta", kRangeInputs},
      {"test_reduce_l1_do_not_keepdims_example_expanded", kAxesInput},
      {"test_reduce_l1_do_not_keepdims_random_expanded", kAxesInput},
      {"test_reduce_l1_empty_set_expanded", kAxesInput},
      {"test_reduce_l1_keep_dims_example_expanded", kAxesInput},
      {"test_reduce_l1_keep_dims_random_expanded", kAxesInput},
      {"test_reduce_l1_negative_axes_keep_dims_example_expanded", kAxesInput},
      {"test_reduce_l1_negative_axes_keep_dims_random_expanded", kAxesInput},
      {"test_reduce_log_sum_asc_axes_expanded", kAxesInput},
      {"test_reduce_log_sum_desc_axes_expanded", kAxesInput},
      {"test_reduce_log_sum_empty_set_expanded", kAxesInput},
      {"test_reduce_log_sum_negative_axes_expanded", kAxesInput},
      {"test_reduce_max_bool_inputs", kAxesInput},
      {"test_reduce_max_do_not_keepdims_example", kAxesInput},
      {"test_reduce_max_do_not_keepdims_random", kAxesInput},
      {"test_reduce_max_empty_set", kAxesInput},
      {"test_reduce_max_keepdims_example", kAxesInput},
      {"test_reduce_max_keepdims_random", kAxesInput},
      {"test_reduce_max_negative_axes_keepdims_example", kAxesInput},
      {"test_reduce_max_negative_axes_keepdims_random", kAxesInput},
      {"test_reduce_mean_do_not_keepdims_example", kAxesInput},
      {"test_reduce_mean_do_not_keepdims_random", kAxesInput},
      {"test_reduce_mean_keepdims_example", kAxesInput},
      {"test_reduce_mean_keepdims_random", kAxesInput},
      {"test_reduce_mean_negative_axes_keepdims_example", kAxesInput},
      {"test_reduce_mean_negative_axes_keepdims_random", kAxesInput},
      {"test_reduce_sum_do_not_keepdims_example", kAxesInput},
      {"test_reduce_sum_do_not_keepdims_random", kAxesInput},
      {"test_reduce_sum_empty_set", kAxesInput},
      {"test_reduce_sum_empty_set_non_reduced_axis_zero", kAxesInput},
      {"test_reduce_sum_keepdims_example", kAxesInput},
      {"test_reduce_sum_keepdims_random", kAxesInput},
      {"test_reduce_sum_negative_axes_keepdims_example", kAxesInput},
      {"test_reduce_sum_negative_axes_keepdims_random", kAxesInput},
      {"test_reduce_sum_square_do_not_keepdims_example_expanded", kAxesInput},
      {"test_reduce_sum_square_do_not_keepdims_random_expanded", kAxesInput},
      {"test_reduce_sum_square_empty_set_expanded", kAxesInput},
      {"test_reduce_sum_square_keepdims_example_expanded", kAxesInput},
      {"test_reduce_sum_square_keepdims_random_expanded", kAxesInput},
      {"test_reduce_sum_square_negative_axes_keepdims_example_expanded", kAxesInput},
      {"test_reduce_sum_square_negative_axes_keepdims_random_expanded", kAxesInput},
      {"test_reflect_pad", kPadsInput},
      {"test_reshape_allowzero_reordered", kShapeInput},
      {"test_reshape_extended_dims", kShapeInput},
      {"test_reshape_negative_dim", kShapeInput},
      {"test_reshape_negative_extended_dims", kShapeInput},
      {"test_reshape_one_dim", kShapeInput},
      {"test_reshape_reduced_dims", kShapeInput},
      {"test_reshape_reordered_all_dims", kShapeInput},
      {"test_reshape_reordered_last_dims", kShapeInput},
      {"test_reshape_zero_and_negative_dim", kShapeInput},
      {"test_reshape_zero_dim", kShapeInput},
      {"test_slice", kSliceInputs},
      {"test_slice_default_axes", kSliceInputs},
      {"test_slice_default_steps", kSliceInputs},
      {"test_slice_end_out_of_bounds", kSliceInputs},
      {"test_slice_neg", kSliceInputs},
      {"test_slice_neg_steps", kSliceInputs},
      {"test_slice_negative_axes", kSliceInputs},
      {"test_slice_start_out_of_bounds", kSliceInputs},
      {"test_split_variable_parts_1d_opset13", kSplitInput},
      {"test_split_variable_parts_1d_opset18", kSplitInput},
      {"test_split_variable_parts_2d_opset13", kSplitInput},
      {"test_split_variable_parts_2d_opset18", kSplitInput},
      {"test_split_variable_parts_default_axis_opset13", kSplitInput},
      {"test_split_variable_parts_default_axis_opset18", kSplitInput},
      {"test_split_zero_size_splits_opset13", kSplitInput},
      {"test_split_zero_size_splits_opset18", kSplitInput},
      {"test_squeeze", kAxesInput},
      {"test_squeeze_negative_axes", kAxesInput},
      {"test_top_k", kKInput},
      {"test_top_k_negative_axis", kKInput},
      {"test_top_k_same_values", kKInput},
      {"test_top_k_same_values_2d", kKInput},
      {"test_top_k_same_values_largest", kKInput},
      {"test_top_k_smallest", kKInput},
      {"test_top_k_uint64", kKInput},
      {"test_unsqueeze_axis_0", kAxesInput},
      {"test_unsqueeze_axis_1", kAxesInput},
      {"test_unsqueeze_axis_2", kAxesInput},
      {"test_unsqueeze_negative_axes", kAxesInput},
      {"test_unsqueeze_three_axes", kAxesInput},
      {"test_unsqueeze_two_axes", kAxesInput},
      {"test_unsqueeze_unsorted_axes", kAxesInput},
      {"test_wrap_pad", kPadsInput},
  };
  return *exceptions;
}

// Ops whose first input already decides the output shape by its value.
bool FirstInputIsShapeData(const std::string& op) {
  return op == "ConstantOfShape" || op == "Range" || op == "Loop";
}

// True when some graph input without an initializer feeds a node input
// whose value (not just type) decides an output shape: an input after the
// first, or the first of the ops above. An exception must have one.
bool HasRunTimeShapeInput(const ModelProto& model) {
  std::set<std::string> runtime;
  for (const auto& input : model.graph().input()) runtime.insert(input.name());
  for (const auto& init : model.graph().initializer()) runtime.erase(init.name());
  for (const auto& node : model.graph().node()) {
    for (int i = 0; i < node.input_size(); ++i) {
      if ((i > 0 || FirstInputIsShapeData(node.op_type())) && runtime.count(node.input(i))) {
        return true;
      }
    }
  }
  return false;
}

using OpKey = std::pair<std::string, std::string>;  // (domain, op)

std::set<OpKey> SliceOps() {
  std::set<OpKey> ops;
  std::ifstream in(data::kSliceTxt);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> parts = absl::StrSplit(line, ' ', absl::SkipEmpty());
    if (parts.size() != 2) continue;
    ops.insert({std::string(CanonicalDomain(parts[0])), parts[1]});
  }
  return ops;
}

void CollectOps(const GraphProto& graph, std::set<OpKey>* ops) {
  for (const auto& node : graph.node()) {
    ops->insert({std::string(CanonicalDomain(node.domain())), node.op_type()});
    for (const auto& attr : node.attribute()) {
      if (attr.has_g()) CollectOps(attr.g(), ops);
      for (const auto& g : attr.graphs()) CollectOps(g, ops);
    }
  }
}

// The ops a model runs: its graphs' and its local functions' bodies',
// without the local functions themselves.
std::set<OpKey> ModelOps(const ModelProto& model) {
  std::set<OpKey> ops;
  CollectOps(model.graph(), &ops);
  for (const auto& function : model.functions()) {
    GraphProto body;
    *body.mutable_node() = function.node();
    CollectOps(body, &ops);
  }
  for (const auto& function : model.functions()) {
    ops.erase({std::string(CanonicalDomain(function.domain())), function.name()});
  }
  return ops;
}

bool ReadFile(const fs::path& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream out;
  out << in.rdbuf();
  *bytes = out.str();
  return true;
}

std::string TensorTypeString(int32_t elem, const google::protobuf::RepeatedField<int64_t>& dims) {
  return absl::StrCat(ElementTypeName(elem).empty() ? "?" : std::string(ElementTypeName(elem)), "[",
                      absl::StrJoin(dims, ","), "]");
}

// "" when the inferred tensor type is exactly `expected`'s; else a description.
std::string CompareTensor(const TypeProto& inferred, const TensorProto& expected) {
  const std::string want = TensorTypeString(expected.data_type(), expected.dims());
  const std::string got = ShapeString(inferred);
  if (!inferred.has_tensor_type()) return absl::StrCat("expected ", want, ", got ", got);
  const auto& t = inferred.tensor_type();
  bool same = t.elem_type() == expected.data_type() && t.has_shape() &&
              t.shape().dim_size() == expected.dims_size();
  for (int i = 0; same && i < expected.dims_size(); ++i) {
    same = t.shape().dim(i).has_dim_value() && t.shape().dim(i).dim_value() == expected.dims(i);
  }
  return same ? "" : absl::StrCat("expected ", want, ", got ", got);
}

// For a sequence: element types match and each known dim agrees with every tensor.
std::string CompareSequence(const TypeProto& inferred, const SequenceProto& expected) {
  if (!inferred.has_sequence_type()) {
    return absl::StrCat("expected a sequence, got ", ShapeString(inferred));
  }
  const TypeProto& elem = inferred.sequence_type().elem_type();
  for (const auto& tensor : expected.tensor_values()) {
    const std::string want = TensorTypeString(tensor.data_type(), tensor.dims());
    if (!elem.has_tensor_type() || elem.tensor_type().elem_type() != tensor.data_type()) {
      return absl::StrCat("expected seq(", want, "), got ", ShapeString(inferred));
    }
    if (!elem.tensor_type().has_shape()) continue;
    const auto& shape = elem.tensor_type().shape();
    bool agrees = shape.dim_size() == tensor.dims_size();
    for (int i = 0; agrees && i < shape.dim_size(); ++i) {
      agrees = !shape.dim(i).has_dim_value() || shape.dim(i).dim_value() == tensor.dims(i);
    }
    if (!agrees) return absl::StrCat("expected seq(", want, "), got ", ShapeString(inferred));
  }
  return "";
}

std::string CompareOutput(const TypeProto& declared, const TypeProto& inferred,
                          const std::string& bytes) {
  switch (declared.value_case()) {
    case TypeProto::kTensorType: {
      TensorProto expected;
      if (!expected.ParseFromString(bytes)) return "expected output does not parse";
      return CompareTensor(inferred, expected);
    }
    case TypeProto::kSequenceType: {
      SequenceProto expected;
      if (!expected.ParseFromString(bytes)) return "expected output does not parse";
      return CompareSequence(inferred, expected);
    }
    case TypeProto::kOptionalType: {
      OptionalProto expected;
      if (!expected.ParseFromString(bytes)) return "expected output does not parse";
      if (!inferred.has_optional_type()) {
        return absl::StrCat("expected an optional, got ", ShapeString(inferred));
      }
      const TypeProto& elem = inferred.optional_type().elem_type();
      if (expected.has_tensor_value()) return CompareTensor(elem, expected.tensor_value());
      if (expected.has_sequence_value()) return CompareSequence(elem, expected.sequence_value());
      return "";
    }
    case TypeProto::kMapType: {
      MapProto expected;
      if (!expected.ParseFromString(bytes)) return "expected output does not parse";
      if (!inferred.has_map_type() || inferred.map_type().key_type() != expected.key_type()) {
        return absl::StrCat("expected a map with key type ",
                            std::string(ElementTypeName(expected.key_type())), ", got ",
                            ShapeString(inferred));
      }
      return "";
    }
    default:
      return "";
  }
}

struct Failure {
  std::string test;
  std::string op;  // the op blamed
  std::string detail;
  bool output_mismatch = false;  // else the checker or inference failed
};

// The op of top-level node `index` named in a "node N (...)" message.
std::string OpOfMessage(const ModelProto& model, const std::string& message) {
  int index = -1;
  if (message.rfind("node ", 0) == 0) {
    std::string digits = message.substr(5, message.find(' ', 5) - 5);
    if (!absl::SimpleAtoi(digits, &index)) index = -1;
  }
  if (index >= 0 && index < model.graph().node_size()) return model.graph().node(index).op_type();
  return "(model)";
}

std::string OpProducing(const GraphProto& graph, const std::string& name) {
  for (const auto& node : graph.node()) {
    for (const auto& output : node.output()) {
      if (output == name) return node.op_type();
    }
  }
  return "(graph input)";
}

// Runs one test directory; returns its failures.
std::vector<Failure> RunTest(const fs::path& dir, const ModelProto& model) {
  const std::string test = dir.filename().string();
  std::vector<Failure> failures;
  absl::Status checked = CheckModel(model);
  if (!checked.ok()) {
    failures.push_back({test, OpOfMessage(model, std::string(checked.message())),
                        absl::StrCat("check: ", checked.message())});
  }
  ShapeInferenceOptions strict;
  strict.strict = true;
  absl::StatusOr<ModelProto> declared = InferShapes(model, strict);
  if (!declared.ok()) {
    failures.push_back(
        {test, OpOfMessage(model, std::string(declared.status().message())),
         absl::StrCat("inference with declared types: ", declared.status().message())});
  }
  ModelProto stripped = model;
  stripped.mutable_graph()->clear_value_info();
  for (auto& output : *stripped.mutable_graph()->mutable_output()) output.clear_type();
  absl::StatusOr<ModelProto> inferred = InferShapes(stripped, strict);
  if (!inferred.ok()) {
    failures.push_back({test, OpOfMessage(model, std::string(inferred.status().message())),
                        absl::StrCat("inference: ", inferred.status().message())});
    return failures;
  }
  for (int k = 0; k < model.graph().output_size(); ++k) {
    const ValueInfoProto& output = model.graph().output(k);
    std::string bytes;
    if (!ReadFile(dir / "test_data_set_0" / absl::StrCat("output_", k, ".pb"), &bytes)) continue;
    const std::string mismatch =
        CompareOutput(output.type(), inferred->graph().output(k).type(), bytes);
    if (!mismatch.empty()) {
      failures.push_back({test, OpProducing(model.graph(), output.name()),
                          absl::StrCat("output ", k, " ('", output.name(), "'): ", mismatch),
                          true});
    }
  }
  return failures;
}

TEST(BackendNodeTest, InferredOutputsMatchExpectedOutputs) {
  const fs::path root = data::kBackendNodeDir;
  ASSERT_TRUE(fs::is_directory(root)) << root;
  const std::set<OpKey> slice = SliceOps();
  ASSERT_FALSE(slice.empty()) << data::kSliceTxt;

  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory()) dirs.push_back(entry.path());
  }
  std::sort(dirs.begin(), dirs.end());

  int in_slice = 0, passed = 0, excepted = 0;
  std::vector<Failure> failures;
  std::vector<std::string> stale_exceptions;
  for (const fs::path& dir : dirs) {
    absl::StatusOr<ModelProto> model = LoadModel((dir / "model.onnx").string());
    if (!model.ok()) {
      ADD_FAILURE() << dir << ": " << model.status();
      continue;
    }
    const std::set<OpKey> ops = ModelOps(*model);
    if (!std::includes(slice.begin(), slice.end(), ops.begin(), ops.end())) continue;
    ++in_slice;
    const std::string test = dir.filename().string();
    std::vector<Failure> found = RunTest(dir, *model);
    if (Exceptions().count(test)) {
      ++excepted;
      if (!HasRunTimeShapeInput(*model)) {
        ADD_FAILURE() << test << " is listed as an exception but none of its shapes depends on "
                      << "a graph input's value";
      }
      if (found.empty()) stale_exceptions.push_back(test);
      found.erase(std::remove_if(found.begin(), found.end(),
                                 [](const Failure& f) { return f.output_mismatch; }),
                  found.end());
    } else if (found.empty()) {
      ++passed;
    }
    failures.insert(failures.end(), found.begin(), found.end());
  }

  std::set<std::string> failed_tests;
  std::map<std::string, std::set<std::string>> by_op;
  for (const auto& f : failures) {
    std::cout << "FAIL " << f.test << " [" << f.op << "]: " << f.detail << "\n";
    failed_tests.insert(f.test);
    by_op[f.op].insert(f.test);
  }
  std::cout << "\nFailures by op:\n";
  for (const auto& [op, tests] : by_op) {
    std::cout << "  " << op << ": " << tests.size() << " (" << absl::StrJoin(tests, ", ") << ")\n";
  }
  for (const auto& test : stale_exceptions) {
    std::cout << "NOTE exception " << test << " passes now; remove it from the list\n";
  }
  std::cout << "\nBackend node tests in the slice: " << in_slice << ", passed: " << passed
            << ", failed: " << failed_tests.size() << ", exceptions: " << excepted << "\n";
  EXPECT_TRUE(failed_tests.empty()) << failed_tests.size() << " tests fail; see the list above";
}

}  // namespace
}  // namespace onnxforge
