// Writes the Python op-as-function API (onnxforge/ops.py) from signatures:
// one function per op, ai.onnx ops at the top of the module and each other
// domain's ops in a class named after it (ops.ml.TreeEnsemble).
//
//   def TopK(builder, X, K, *, axis=None, largest=None, sorted=None,
//            outputs=None, name=None):
//
// Inputs are positional (a variadic input is a list; an optional one may be
// None); attributes are keyword-only, None leaving them out. `outputs` is
// how many outputs to write, or their names; `name` names the node. The
// functions call GraphBuilder.add_op (onnxforge/builder.py).
#pragma once

#include <string>
#include <vector>

#include "converters/builder/op_signature.h"

namespace onnxforge::builder {

std::string PythonOpsModule(const std::vector<OpSignature>& signatures);

}  // namespace onnxforge::builder
