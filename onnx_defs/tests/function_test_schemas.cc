#include "onnx_defs/tests/function_test_schemas.h"

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "onnx_defs/schema.h"

namespace onnxforge::testing {
namespace {

OpSchema Make(const char* name) { return OpSchema(name, kOnnxDomain, 1, __FILE__, __LINE__); }

// A problem with one of these schemas is printed here; the tests that use
// the op then fail on it.
void Add(OpSchema schema) {
  const std::string name = schema.name();
  absl::Status added = SchemaRegistry::RegisterForTesting(std::move(schema));
  if (!added.ok()) std::cerr << "cannot register test op " << name << ": " << added << "\n";
}

void RegisterAll() {
  const std::vector<std::string> floats = {"tensor(float)", "tensor(double)"};

  OpSchema soft_neg = Make("TestSoftNeg");
  soft_neg.Attr("axis", "Axis of the softmax.", AttributeProto::INT, int64_t{-1})
      .Input(0, "X", "Input.", "T")
      .Output(0, "Y", "Output.", "T")
      .TypeConstraint("T", floats, "Float types.")
      .FunctionBody("S = Softmax <axis = @axis> (X)\nY = Neg (S)", 1);
  Add(std::move(soft_neg));

  OpSchema optional = Make("TestOptional");
  optional.Input(0, "A", "Input.", "T")
      .Input(1, "B", "Optional input.", "T", FormalOption::kOptional)
      .Output(0, "Y", "Copy of A.", "T")
      .Output(1, "Z", "Copy of B.", "T", FormalOption::kOptional)
      .TypeConstraint("T", floats, "Float types.")
      .FunctionBody("Y = Identity (A)\nZ = Identity (B)", 1);
  Add(std::move(optional));

  OpSchema built = Make("TestBuilt");
  built.Input(0, "X", "Input.", "T")
      .Output(0, "Y", "X as float.", "tensor(float)")
      .TypeConstraint("T", {"tensor(float)", "tensor(int64)"}, "Input types.")
      .ContextDependentFunctionBody(
          [](const FunctionBodyContext& ctx) -> absl::StatusOr<std::string> {
            const TypeProto* type = ctx.input_type(0);
            if (type == nullptr) return absl::InvalidArgumentError("input type unknown");
            if (type->tensor_type().elem_type() == TensorProto::FLOAT) {
              return std::string("Y = Identity (X)");
            }
            return std::string("Y = Cast <to = 1> (X)");
          },
          1);
  Add(std::move(built));

  OpSchema self_call = Make("TestSelfCall");
  self_call.Input(0, "X", "Input.", "T")
      .Output(0, "Y", "Output.", "T")
      .TypeConstraint("T", floats, "Float types.")
      .FunctionBody("Y = TestSelfCall (X)", 1);
  Add(std::move(self_call));
}

}  // namespace

void RegisterFunctionTestSchemas() {
  static const bool done = (RegisterAll(), true);
  (void)done;
}

}  // namespace onnxforge::testing
