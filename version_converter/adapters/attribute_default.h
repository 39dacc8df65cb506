// Attributes one version has and the other lacks, when the lacking version
// behaves as if the attribute had a particular value.
//
// DropAttribute(name): leaving the version that has the attribute. Absent,
// or set to the value the lacking version behaves as (by default the
// attribute's schema default), it is removed; any other value refuses,
// naming the attribute, its value and the version that would need it.
// Attributes without a default refuse whenever set, unless `no_op` accepts
// the value (IfAllOnes() for dilations and strides).
//
// RemoveAttribute(name): the attribute cannot change what this node
// computes (the only cases it affects are refused by another part of the
// same adapter, such as RestrictTypes); it is removed whatever its value.
//
// SetAttribute / SetAttributeIfAbsent: entering a version that needs an
// attribute, with the value that keeps the old behaviour.
// RenameAttribute: the attribute changed its name, not its meaning.
// RefuseValue(name, value): one value of the attribute is new.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "ir/onnx.pb.h"
#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

// Whether a set attribute's value behaves as if the attribute were absent
// from the other version.
using NoOpValue = std::function<bool(const AttributeProto&)>;

NoOpValue IfAllOnes();

Adapter DropAttribute(const std::string& name);
Adapter DropAttribute(const std::string& name, NoOpValue no_op);
Adapter RemoveAttribute(const std::string& name);
Adapter SetAttribute(const std::string& name, AttributeProto value);
Adapter SetAttributeIfAbsent(const std::string& name, AttributeProto value);
Adapter RenameAttribute(const std::string& from, const std::string& to);
Adapter RefuseValue(const std::string& name, const std::string& value);

// Attribute values for SetAttribute.
AttributeProto Int(int64_t value);
AttributeProto Ints(std::vector<int64_t> values);

// "1", "[1, 2]", "\"wrap\"": how messages show an attribute's value.
std::string AttributeValueString(const AttributeProto& attr);

}  // namespace onnxforge::version_converter
