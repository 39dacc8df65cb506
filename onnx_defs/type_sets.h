// Named sets of type strings for type constraints.
//
// Element types joined the IR over time; the sets are named after the IR
// version that brought their newest member, so a schema can say which
// generation of types it accepts. Order never matters: comparisons sort.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace onnxforge::types {

using TypeList = std::vector<std::string>;

// "tensor(e)" for each element type name e ("float", "int64", ...).
TypeList Tensors(std::initializer_list<const char*> elements);
TypeList Sequences(const TypeList& types);  // "seq(t)"
TypeList Optionals(const TypeList& types);  // "optional(t)"
TypeList Concat(std::initializer_list<TypeList> lists);

// Floats: float16, float, double (the original three).
const TypeList& Float();
// Float() plus bfloat16.
const TypeList& FloatIR4();
// FloatIR4() plus the four float8 types.
const TypeList& FloatIR9();

// Integer and float types without bool, string or complex.
const TypeList& Numeric();      // 8 ints + Float()
const TypeList& NumericIR4();   // + bfloat16
const TypeList& NumericIR9();   // + float8 x4
const TypeList& NumericIR10();  // + uint4, int4
const TypeList& NumericIR11();  // + float4e2m1
const TypeList& NumericIR12();  // + float8e8m0
const TypeList& NumericIR13();  // + uint2, int2

// Numeric types for reductions: 32/64-bit ints and floats.
const TypeList& ReductionNumeric();     // u/int32, u/int64, Float()
const TypeList& ReductionNumericIR4();  // + bfloat16
const TypeList& ReductionNumericIR9();  // + float8 x4

// Every tensor element type of the generation, with string, bool, complex.
const TypeList& AllTensor();      // Numeric() + string, bool, complex64/128
const TypeList& AllTensorIR4();   // + bfloat16
const TypeList& AllTensorIR9();   // + float8 x4
const TypeList& AllTensorIR10();  // + uint4, int4
const TypeList& AllTensorIR11();  // + float4e2m1
const TypeList& AllTensorIR12();  // + float8e8m0
const TypeList& AllTensorIR13();  // + uint2, int2

// AllTensorIRn() without complex64/128.
const TypeList& NonComplexTensorIR10();
const TypeList& NonComplexTensorIR11();
const TypeList& NonComplexTensorIR12();
const TypeList& NonComplexTensorIR13();
// AllTensorIR13() without string.
const TypeList& NonStringTensorIR13();

// NumericIR4() plus bool.
const TypeList& NonComplexNumericPlusBoolIR4();

// Sequences of tensors, and optionals of tensors and sequences.
const TypeList& AllTensorSequence();     // seq(AllTensor())
const TypeList& AllTensorSequenceIR4();  // seq(AllTensorIR4())
const TypeList& AllOptional();           // optional of seq(AllTensor()) and AllTensor()
const TypeList& AllOptionalIR4();

}  // namespace onnxforge::types
