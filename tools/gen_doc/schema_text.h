// Short texts for the parts of a schema, used by the operator pages, the
// changelog and the lists of changes alike.
#pragma once

#include <string>
#include <vector>

#include "ir/onnx.pb.h"
#include "onnx_defs/schema.h"

namespace onnxforge::gen_doc {

// "int", "floats", "tensor", "graph", ...
std::string AttributeTypeText(AttributeProto::AttributeType type);

// A default value as the textual syntax writes it: "1", "0.0001",
// "\"NOTSET\"", "[1, 2]", "[]", a tensor literal.
std::string AttributeValueText(const AttributeProto& value);

// "int, default `1`", "ints, required", "int, optional".
std::string AttributeSummary(const AttributeDef& attribute);

// "single", "optional", "variadic, at least 1", "variadic (mixed types), at least 2".
std::string FormalOptionText(const FormalParameter& formal);

// "differentiable", "not differentiable", or "" when unstated.
std::string DifferentiabilityText(Differentiability differentiability);

// "`T`, optional, differentiable": the type, the option unless single, the
// differentiability when stated.
std::string FormalSummary(const FormalParameter& formal);

// "1", "1 to 3", "1 or more" for a min/max arity pair.
std::string ArityText(int min, int max);

// The opsets a version is in force at, given all versions of its op (oldest
// first): "from opset 14 of ai.onnx on" or "at opsets 6 to 12 of ai.onnx".
std::string InForceText(const OpSchema& schema, const std::vector<const OpSchema*>& versions);

// The version right before / after `schema` among `versions`, or nullptr.
const OpSchema* PreviousVersion(const OpSchema& schema,
                                const std::vector<const OpSchema*>& versions);
const OpSchema* NextVersion(const OpSchema& schema, const std::vector<const OpSchema*>& versions);

}  // namespace onnxforge::gen_doc
