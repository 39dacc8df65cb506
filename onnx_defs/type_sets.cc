#include "onnx_defs/type_sets.h"

#include "absl/strings/str_cat.h"

namespace onnxforge::types {

TypeList Tensors(std::initializer_list<const char*> elements) {
  TypeList out;
  for (const char* e : elements) out.push_back(absl::StrCat("tensor(", e, ")"));
  return out;
}

TypeList Sequences(const TypeList& types) {
  TypeList out;
  for (const auto& t : types) out.push_back(absl::StrCat("seq(", t, ")"));
  return out;
}

TypeList Optionals(const TypeList& types) {
  TypeList out;
  for (const auto& t : types) out.push_back(absl::StrCat("optional(", t, ")"));
  return out;
}

TypeList Concat(std::initializer_list<TypeList> lists) {
  TypeList out;
  for (const auto& l : lists) out.insert(out.end(), l.begin(), l.end());
  return out;
}

// Element groups, each added by one IR generation.
static TypeList Ints() {
  return Tensors({"uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64"});
}
static TypeList Float8() {
  return Tensors({"float8e4m3fn", "float8e4m3fnuz", "float8e5m2", "float8e5m2fnuz"});
}
static TypeList Int4() { return Tensors({"uint4", "int4"}); }
static TypeList Float4() { return Tensors({"float4e2m1"}); }
static TypeList Float8E8M0() { return Tensors({"float8e8m0"}); }
static TypeList Int2() { return Tensors({"uint2", "int2"}); }
static TypeList BFloat16() { return Tensors({"bfloat16"}); }
static TypeList StringBool() { return Tensors({"string", "bool"}); }
static TypeList Complex() { return Tensors({"complex64", "complex128"}); }

#define ONNXFORGE_TYPE_SET(name, ...)        \
  const TypeList& name() {                   \
    static const TypeList* list = new TypeList(__VA_ARGS__); \
    return *list;                            \
  }

ONNXFORGE_TYPE_SET(Float, Tensors({"float16", "float", "double"}))
ONNXFORGE_TYPE_SET(FloatIR4, Concat({Float(), BFloat16()}))
ONNXFORGE_TYPE_SET(FloatIR9, Concat({FloatIR4(), Float8()}))

ONNXFORGE_TYPE_SET(Numeric, Concat({Ints(), Float()}))
ONNXFORGE_TYPE_SET(NumericIR4, Concat({Numeric(), BFloat16()}))
ONNXFORGE_TYPE_SET(NumericIR9, Concat({NumericIR4(), Float8()}))
ONNXFORGE_TYPE_SET(NumericIR10, Concat({NumericIR9(), Int4()}))
ONNXFORGE_TYPE_SET(NumericIR11, Concat({NumericIR10(), Float4()}))
ONNXFORGE_TYPE_SET(NumericIR12, Concat({NumericIR11(), Float8E8M0()}))
ONNXFORGE_TYPE_SET(NumericIR13, Concat({NumericIR12(), Int2()}))

ONNXFORGE_TYPE_SET(ReductionNumeric,
                   Concat({Tensors({"uint32", "uint64", "int32", "int64"}), Float()}))
ONNXFORGE_TYPE_SET(ReductionNumericIR4, Concat({ReductionNumeric(), BFloat16()}))
ONNXFORGE_TYPE_SET(ReductionNumericIR9, Concat({ReductionNumericIR4(), Float8()}))

ONNXFORGE_TYPE_SET(AllTensor, Concat({Numeric(), StringBool(), Complex()}))
ONNXFORGE_TYPE_SET(AllTensorIR4, Concat({AllTensor(), BFloat16()}))
ONNXFORGE_TYPE_SET(AllTensorIR9, Concat({AllTensorIR4(), Float8()}))
ONNXFORGE_TYPE_SET(AllTensorIR10, Concat({AllTensorIR9(), Int4()}))
ONNXFORGE_TYPE_SET(AllTensorIR11, Concat({AllTensorIR10(), Float4()}))
ONNXFORGE_TYPE_SET(AllTensorIR12, Concat({AllTensorIR11(), Float8E8M0()}))
ONNXFORGE_TYPE_SET(AllTensorIR13, Concat({AllTensorIR12(), Int2()}))

ONNXFORGE_TYPE_SET(NonComplexTensorIR10,
                   Concat({NumericIR10(), StringBool()}))
ONNXFORGE_TYPE_SET(NonComplexTensorIR11, Concat({NonComplexTensorIR10(), Float4()}))
ONNXFORGE_TYPE_SET(NonComplexTensorIR12, Concat({NonComplexTensorIR11(), Float8E8M0()}))
ONNXFORGE_TYPE_SET(NonComplexTensorIR13, Concat({NonComplexTensorIR12(), Int2()}))
ONNXFORGE_TYPE_SET(NonStringTensorIR13,
                   Concat({NumericIR13(), Tensors({"bool"}), Complex()}))

ONNXFORGE_TYPE_SET(NonComplexNumericPlusBoolIR4, Concat({NumericIR4(), Tensors({"bool"})}))

ONNXFORGE_TYPE_SET(AllTensorSequence, Sequences(AllTensor()))
ONNXFORGE_TYPE_SET(AllTensorSequenceIR4, Sequences(AllTensorIR4()))
ONNXFORGE_TYPE_SET(AllOptional,
                   Concat({Optionals(AllTensorSequence()), Optionals(AllTensor())}))
ONNXFORGE_TYPE_SET(AllOptionalIR4,
                   Concat({Optionals(AllTensorSequenceIR4()), Optionals(AllTensorIR4())}))

#undef ONNXFORGE_TYPE_SET

}  // namespace onnxforge::types
