// Reduce ops when axes moved from an attribute to an input (ReduceSum 13,
// the others 18), together with noop_with_empty_axes: with it set, an
// empty or omitted axes input leaves the data unchanged instead of
// reducing every axis.
//
// ReduceAxesToInput() is AttributeToInput("axes", 1): the new attribute's
// default (0) keeps the old meaning.
// ReduceAxesToAttribute(): the downgrade. A no-op reduction becomes an
// Identity; otherwise constant axes become the attribute.
#pragma once

#include "version_converter/adapter.h"

namespace onnxforge::version_converter {

Adapter ReduceAxesToInput();
Adapter ReduceAxesToAttribute();

}  // namespace onnxforge::version_converter
