// Which operators a model runs, and at which opset; and the slice of
// operators (slice.txt) the example lint and the conformance suite hold
// to.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "ir/onnx.pb.h"

namespace onnxforge::testing {

// (domain, op) with ai.onnx as "".
using OpKey = std::pair<std::string, std::string>;

// "Relu" for ai.onnx, "ai.onnx.ml.ZipMap" otherwise.
std::string OpKeyName(const OpKey& op);

// The ops of a slice file: one "domain op" per line, '#' starting a comment
// line. An error when the file cannot be read or a line is malformed.
absl::StatusOr<std::set<OpKey>> ReadSliceOps(const std::string& path);

// One node's op and the opset of its domain in force where it sits (0 when
// nothing imports the domain).
struct OpUse {
  OpKey op;
  int opset = 0;
};

// The nodes of the main graph, its subgraphs and the model-local
// functions' bodies; calls of model-local functions are left out (their
// bodies count instead).
std::vector<OpUse> ModelOpUses(const ModelProto& model);

// The distinct ops of ModelOpUses.
std::set<OpKey> ModelOps(const ModelProto& model);

// The opset `model` imports for `domain` ("ai.onnx" and "" alike); 0 when
// none.
int ImportedOpset(const ModelProto& model, const std::string& domain);

}  // namespace onnxforge::testing
