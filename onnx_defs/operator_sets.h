// Registers each ai.onnx schema version in the opset that introduced it.
// `opdev bump` and `opdev new` add lines here; `opdev lint` checks them.
#pragma once

#include <functional>

#include "onnx_defs/opset_class_list.h"
#include "onnx_defs/schema.h"

namespace onnxforge {

// ---- ai.onnx opset 1 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Abs, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Add, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, And, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ArgMax, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, AveragePool, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, BatchNormalization, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Clip, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Concat, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Conv, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Div, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Equal, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Exp, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gather, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gemm, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Greater, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Less, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Log, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, LogSoftmax, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MatMul, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MaxPool, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Mul, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Neg, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Not, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Or, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pow, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMax, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMean, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceSum, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sigmoid, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Slice, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Softmax, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Split, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sqrt, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sub, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Tanh, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, TopK, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Transpose, 1);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 1);
class OnnxOpset1 {
 public:
  static constexpr int kVersion = 1;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Abs, 1);
    ONNXFORGE_REGISTER(Onnx, Add, 1);
    ONNXFORGE_REGISTER(Onnx, And, 1);
    ONNXFORGE_REGISTER(Onnx, ArgMax, 1);
    ONNXFORGE_REGISTER(Onnx, AveragePool, 1);
    ONNXFORGE_REGISTER(Onnx, BatchNormalization, 1);
    ONNXFORGE_REGISTER(Onnx, Cast, 1);
    ONNXFORGE_REGISTER(Onnx, Clip, 1);
    ONNXFORGE_REGISTER(Onnx, Concat, 1);
    ONNXFORGE_REGISTER(Onnx, Constant, 1);
    ONNXFORGE_REGISTER(Onnx, Conv, 1);
    ONNXFORGE_REGISTER(Onnx, Div, 1);
    ONNXFORGE_REGISTER(Onnx, Dropout, 1);
    ONNXFORGE_REGISTER(Onnx, Equal, 1);
    ONNXFORGE_REGISTER(Onnx, Exp, 1);
    ONNXFORGE_REGISTER(Onnx, Flatten, 1);
    ONNXFORGE_REGISTER(Onnx, Gather, 1);
    ONNXFORGE_REGISTER(Onnx, Gemm, 1);
    ONNXFORGE_REGISTER(Onnx, Greater, 1);
    ONNXFORGE_REGISTER(Onnx, Identity, 1);
    ONNXFORGE_REGISTER(Onnx, If, 1);
    ONNXFORGE_REGISTER(Onnx, Less, 1);
    ONNXFORGE_REGISTER(Onnx, Log, 1);
    ONNXFORGE_REGISTER(Onnx, LogSoftmax, 1);
    ONNXFORGE_REGISTER(Onnx, Loop, 1);
    ONNXFORGE_REGISTER(Onnx, MatMul, 1);
    ONNXFORGE_REGISTER(Onnx, MaxPool, 1);
    ONNXFORGE_REGISTER(Onnx, Mul, 1);
    ONNXFORGE_REGISTER(Onnx, Neg, 1);
    ONNXFORGE_REGISTER(Onnx, Not, 1);
    ONNXFORGE_REGISTER(Onnx, Or, 1);
    ONNXFORGE_REGISTER(Onnx, Pad, 1);
    ONNXFORGE_REGISTER(Onnx, Pow, 1);
    ONNXFORGE_REGISTER(Onnx, ReduceMax, 1);
    ONNXFORGE_REGISTER(Onnx, ReduceMean, 1);
    ONNXFORGE_REGISTER(Onnx, ReduceSum, 1);
    ONNXFORGE_REGISTER(Onnx, Relu, 1);
    ONNXFORGE_REGISTER(Onnx, Reshape, 1);
    ONNXFORGE_REGISTER(Onnx, Shape, 1);
    ONNXFORGE_REGISTER(Onnx, Sigmoid, 1);
    ONNXFORGE_REGISTER(Onnx, Slice, 1);
    ONNXFORGE_REGISTER(Onnx, Softmax, 1);
    ONNXFORGE_REGISTER(Onnx, Split, 1);
    ONNXFORGE_REGISTER(Onnx, Sqrt, 1);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 1);
    ONNXFORGE_REGISTER(Onnx, Sub, 1);
    ONNXFORGE_REGISTER(Onnx, Tanh, 1);
    ONNXFORGE_REGISTER(Onnx, TopK, 1);
    ONNXFORGE_REGISTER(Onnx, Transpose, 1);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 1);
  }
};

// ---- ai.onnx opset 2 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 2);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Split, 2);
class OnnxOpset2 {
 public:
  static constexpr int kVersion = 2;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Pad, 2);
    ONNXFORGE_REGISTER(Onnx, Split, 2);
  }
};

// ---- ai.onnx opset 3 ----
class OnnxOpset3 {
 public:
  static constexpr int kVersion = 3;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
  }
};

// ---- ai.onnx opset 4 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Concat, 4);
class OnnxOpset4 {
 public:
  static constexpr int kVersion = 4;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Concat, 4);
  }
};

// ---- ai.onnx opset 5 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 5);
class OnnxOpset5 {
 public:
  static constexpr int kVersion = 5;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Reshape, 5);
  }
};

// ---- ai.onnx opset 6 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Abs, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Add, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, BatchNormalization, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Clip, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Div, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Exp, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gemm, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Log, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Mul, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Neg, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sigmoid, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sqrt, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sub, 6);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Tanh, 6);
class OnnxOpset6 {
 public:
  static constexpr int kVersion = 6;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Abs, 6);
    ONNXFORGE_REGISTER(Onnx, Add, 6);
    ONNXFORGE_REGISTER(Onnx, BatchNormalization, 6);
    ONNXFORGE_REGISTER(Onnx, Cast, 6);
    ONNXFORGE_REGISTER(Onnx, Clip, 6);
    ONNXFORGE_REGISTER(Onnx, Div, 6);
    ONNXFORGE_REGISTER(Onnx, Dropout, 6);
    ONNXFORGE_REGISTER(Onnx, Exp, 6);
    ONNXFORGE_REGISTER(Onnx, Gemm, 6);
    ONNXFORGE_REGISTER(Onnx, Log, 6);
    ONNXFORGE_REGISTER(Onnx, Mul, 6);
    ONNXFORGE_REGISTER(Onnx, Neg, 6);
    ONNXFORGE_REGISTER(Onnx, Relu, 6);
    ONNXFORGE_REGISTER(Onnx, Sigmoid, 6);
    ONNXFORGE_REGISTER(Onnx, Sqrt, 6);
    ONNXFORGE_REGISTER(Onnx, Sub, 6);
    ONNXFORGE_REGISTER(Onnx, Tanh, 6);
  }
};

// ---- ai.onnx opset 7 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Add, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, And, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, AveragePool, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, BatchNormalization, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Div, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Equal, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gemm, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Greater, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Less, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Mul, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Or, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pow, 7);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sub, 7);
class OnnxOpset7 {
 public:
  static constexpr int kVersion = 7;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Add, 7);
    ONNXFORGE_REGISTER(Onnx, And, 7);
    ONNXFORGE_REGISTER(Onnx, AveragePool, 7);
    ONNXFORGE_REGISTER(Onnx, BatchNormalization, 7);
    ONNXFORGE_REGISTER(Onnx, Div, 7);
    ONNXFORGE_REGISTER(Onnx, Dropout, 7);
    ONNXFORGE_REGISTER(Onnx, Equal, 7);
    ONNXFORGE_REGISTER(Onnx, Gemm, 7);
    ONNXFORGE_REGISTER(Onnx, Greater, 7);
    ONNXFORGE_REGISTER(Onnx, Less, 7);
    ONNXFORGE_REGISTER(Onnx, Mul, 7);
    ONNXFORGE_REGISTER(Onnx, Or, 7);
    ONNXFORGE_REGISTER(Onnx, Pow, 7);
    ONNXFORGE_REGISTER(Onnx, Sub, 7);
  }
};

// ---- ai.onnx opset 8 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Expand, 8);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MaxPool, 8);
class OnnxOpset8 {
 public:
  static constexpr int kVersion = 8;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Expand, 8);
    ONNXFORGE_REGISTER(Onnx, MaxPool, 8);
  }
};

// ---- ai.onnx opset 9 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, BatchNormalization, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ConstantOfShape, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gemm, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Greater, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Less, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MatMul, 9);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Where, 9);
class OnnxOpset9 {
 public:
  static constexpr int kVersion = 9;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, BatchNormalization, 9);
    ONNXFORGE_REGISTER(Onnx, Cast, 9);
    ONNXFORGE_REGISTER(Onnx, Constant, 9);
    ONNXFORGE_REGISTER(Onnx, ConstantOfShape, 9);
    ONNXFORGE_REGISTER(Onnx, Flatten, 9);
    ONNXFORGE_REGISTER(Onnx, Gemm, 9);
    ONNXFORGE_REGISTER(Onnx, Greater, 9);
    ONNXFORGE_REGISTER(Onnx, Less, 9);
    ONNXFORGE_REGISTER(Onnx, MatMul, 9);
    ONNXFORGE_REGISTER(Onnx, Where, 9);
  }
};

// ---- ai.onnx opset 10 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, AveragePool, 10);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 10);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MaxPool, 10);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Slice, 10);
ONNXFORGE_DECLARE_SCHEMA(Onnx, TopK, 10);
class OnnxOpset10 {
 public:
  static constexpr int kVersion = 10;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, AveragePool, 10);
    ONNXFORGE_REGISTER(Onnx, Dropout, 10);
    ONNXFORGE_REGISTER(Onnx, MaxPool, 10);
    ONNXFORGE_REGISTER(Onnx, Slice, 10);
    ONNXFORGE_REGISTER(Onnx, TopK, 10);
  }
};

// ---- ai.onnx opset 11 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, ArgMax, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, AveragePool, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Clip, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Concat, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Conv, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Equal, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gather, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gemm, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, LogSoftmax, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MaxPool, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Range, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMax, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMean, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceSum, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Slice, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Softmax, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Split, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, TopK, 11);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 11);
class OnnxOpset11 {
 public:
  static constexpr int kVersion = 11;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, ArgMax, 11);
    ONNXFORGE_REGISTER(Onnx, AveragePool, 11);
    ONNXFORGE_REGISTER(Onnx, Clip, 11);
    ONNXFORGE_REGISTER(Onnx, Concat, 11);
    ONNXFORGE_REGISTER(Onnx, Constant, 11);
    ONNXFORGE_REGISTER(Onnx, Conv, 11);
    ONNXFORGE_REGISTER(Onnx, Equal, 11);
    ONNXFORGE_REGISTER(Onnx, Flatten, 11);
    ONNXFORGE_REGISTER(Onnx, Gather, 11);
    ONNXFORGE_REGISTER(Onnx, Gemm, 11);
    ONNXFORGE_REGISTER(Onnx, If, 11);
    ONNXFORGE_REGISTER(Onnx, LogSoftmax, 11);
    ONNXFORGE_REGISTER(Onnx, Loop, 11);
    ONNXFORGE_REGISTER(Onnx, MaxPool, 11);
    ONNXFORGE_REGISTER(Onnx, Pad, 11);
    ONNXFORGE_REGISTER(Onnx, Range, 11);
    ONNXFORGE_REGISTER(Onnx, ReduceMax, 11);
    ONNXFORGE_REGISTER(Onnx, ReduceMean, 11);
    ONNXFORGE_REGISTER(Onnx, ReduceSum, 11);
    ONNXFORGE_REGISTER(Onnx, Slice, 11);
    ONNXFORGE_REGISTER(Onnx, Softmax, 11);
    ONNXFORGE_REGISTER(Onnx, Split, 11);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 11);
    ONNXFORGE_REGISTER(Onnx, TopK, 11);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 11);
  }
};

// ---- ai.onnx opset 12 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, ArgMax, 12);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Clip, 12);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 12);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 12);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MaxPool, 12);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pow, 12);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMax, 12);
class OnnxOpset12 {
 public:
  static constexpr int kVersion = 12;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, ArgMax, 12);
    ONNXFORGE_REGISTER(Onnx, Clip, 12);
    ONNXFORGE_REGISTER(Onnx, Constant, 12);
    ONNXFORGE_REGISTER(Onnx, Dropout, 12);
    ONNXFORGE_REGISTER(Onnx, MaxPool, 12);
    ONNXFORGE_REGISTER(Onnx, Pow, 12);
    ONNXFORGE_REGISTER(Onnx, ReduceMax, 12);
  }
};

// ---- ai.onnx opset 13 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Abs, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Add, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ArgMax, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Clip, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Concat, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Div, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Equal, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Exp, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Expand, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gather, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Gemm, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Greater, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Less, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Log, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, LogSoftmax, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MatMul, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Mul, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Neg, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pow, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMax, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMean, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceSum, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sigmoid, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Slice, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Softmax, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Split, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sqrt, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sub, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Tanh, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Transpose, 13);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 13);
class OnnxOpset13 {
 public:
  static constexpr int kVersion = 13;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Abs, 13);
    ONNXFORGE_REGISTER(Onnx, Add, 13);
    ONNXFORGE_REGISTER(Onnx, ArgMax, 13);
    ONNXFORGE_REGISTER(Onnx, Cast, 13);
    ONNXFORGE_REGISTER(Onnx, Clip, 13);
    ONNXFORGE_REGISTER(Onnx, Concat, 13);
    ONNXFORGE_REGISTER(Onnx, Constant, 13);
    ONNXFORGE_REGISTER(Onnx, Div, 13);
    ONNXFORGE_REGISTER(Onnx, Dropout, 13);
    ONNXFORGE_REGISTER(Onnx, Equal, 13);
    ONNXFORGE_REGISTER(Onnx, Exp, 13);
    ONNXFORGE_REGISTER(Onnx, Expand, 13);
    ONNXFORGE_REGISTER(Onnx, Flatten, 13);
    ONNXFORGE_REGISTER(Onnx, Gather, 13);
    ONNXFORGE_REGISTER(Onnx, Gemm, 13);
    ONNXFORGE_REGISTER(Onnx, Greater, 13);
    ONNXFORGE_REGISTER(Onnx, Identity, 13);
    ONNXFORGE_REGISTER(Onnx, If, 13);
    ONNXFORGE_REGISTER(Onnx, Less, 13);
    ONNXFORGE_REGISTER(Onnx, Log, 13);
    ONNXFORGE_REGISTER(Onnx, LogSoftmax, 13);
    ONNXFORGE_REGISTER(Onnx, Loop, 13);
    ONNXFORGE_REGISTER(Onnx, MatMul, 13);
    ONNXFORGE_REGISTER(Onnx, Mul, 13);
    ONNXFORGE_REGISTER(Onnx, Neg, 13);
    ONNXFORGE_REGISTER(Onnx, Pad, 13);
    ONNXFORGE_REGISTER(Onnx, Pow, 13);
    ONNXFORGE_REGISTER(Onnx, ReduceMax, 13);
    ONNXFORGE_REGISTER(Onnx, ReduceMean, 13);
    ONNXFORGE_REGISTER(Onnx, ReduceSum, 13);
    ONNXFORGE_REGISTER(Onnx, Relu, 13);
    ONNXFORGE_REGISTER(Onnx, Reshape, 13);
    ONNXFORGE_REGISTER(Onnx, Shape, 13);
    ONNXFORGE_REGISTER(Onnx, Sigmoid, 13);
    ONNXFORGE_REGISTER(Onnx, Slice, 13);
    ONNXFORGE_REGISTER(Onnx, Softmax, 13);
    ONNXFORGE_REGISTER(Onnx, Split, 13);
    ONNXFORGE_REGISTER(Onnx, Sqrt, 13);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 13);
    ONNXFORGE_REGISTER(Onnx, Sub, 13);
    ONNXFORGE_REGISTER(Onnx, Tanh, 13);
    ONNXFORGE_REGISTER(Onnx, Transpose, 13);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 13);
  }
};

// ---- ai.onnx opset 14 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Add, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, BatchNormalization, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Div, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, HardSwish, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Mul, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Relu, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 14);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Sub, 14);
class OnnxOpset14 {
 public:
  static constexpr int kVersion = 14;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Add, 14);
    ONNXFORGE_REGISTER(Onnx, BatchNormalization, 14);
    ONNXFORGE_REGISTER(Onnx, Div, 14);
    ONNXFORGE_REGISTER(Onnx, HardSwish, 14);
    ONNXFORGE_REGISTER(Onnx, Identity, 14);
    ONNXFORGE_REGISTER(Onnx, Mul, 14);
    ONNXFORGE_REGISTER(Onnx, Relu, 14);
    ONNXFORGE_REGISTER(Onnx, Reshape, 14);
    ONNXFORGE_REGISTER(Onnx, Sub, 14);
  }
};

// ---- ai.onnx opset 15 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, BatchNormalization, 15);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pow, 15);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 15);
class OnnxOpset15 {
 public:
  static constexpr int kVersion = 15;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, BatchNormalization, 15);
    ONNXFORGE_REGISTER(Onnx, Pow, 15);
    ONNXFORGE_REGISTER(Onnx, Shape, 15);
  }
};

// ---- ai.onnx opset 16 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 16);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 16);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 16);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Where, 16);
class OnnxOpset16 {
 public:
  static constexpr int kVersion = 16;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Identity, 16);
    ONNXFORGE_REGISTER(Onnx, If, 16);
    ONNXFORGE_REGISTER(Onnx, Loop, 16);
    ONNXFORGE_REGISTER(Onnx, Where, 16);
  }
};

// ---- ai.onnx opset 17 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, LayerNormalization, 17);
class OnnxOpset17 {
 public:
  static constexpr int kVersion = 17;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, LayerNormalization, 17);
  }
};

// ---- ai.onnx opset 18 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 18);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMax, 18);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMean, 18);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Split, 18);
class OnnxOpset18 {
 public:
  static constexpr int kVersion = 18;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Pad, 18);
    ONNXFORGE_REGISTER(Onnx, ReduceMax, 18);
    ONNXFORGE_REGISTER(Onnx, ReduceMean, 18);
    ONNXFORGE_REGISTER(Onnx, Split, 18);
  }
};

// ---- ai.onnx opset 19 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, AveragePool, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Equal, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 19);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 19);
class OnnxOpset19 {
 public:
  static constexpr int kVersion = 19;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, AveragePool, 19);
    ONNXFORGE_REGISTER(Onnx, Cast, 19);
    ONNXFORGE_REGISTER(Onnx, Constant, 19);
    ONNXFORGE_REGISTER(Onnx, Equal, 19);
    ONNXFORGE_REGISTER(Onnx, Identity, 19);
    ONNXFORGE_REGISTER(Onnx, If, 19);
    ONNXFORGE_REGISTER(Onnx, Loop, 19);
    ONNXFORGE_REGISTER(Onnx, Pad, 19);
    ONNXFORGE_REGISTER(Onnx, Reshape, 19);
    ONNXFORGE_REGISTER(Onnx, Shape, 19);
  }
};

// ---- ai.onnx opset 20 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, ConstantOfShape, 20);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ReduceMax, 20);
class OnnxOpset20 {
 public:
  static constexpr int kVersion = 20;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, ConstantOfShape, 20);
    ONNXFORGE_REGISTER(Onnx, ReduceMax, 20);
  }
};

// ---- ai.onnx opset 21 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ConstantOfShape, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Transpose, 21);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 21);
class OnnxOpset21 {
 public:
  static constexpr int kVersion = 21;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Cast, 21);
    ONNXFORGE_REGISTER(Onnx, Constant, 21);
    ONNXFORGE_REGISTER(Onnx, ConstantOfShape, 21);
    ONNXFORGE_REGISTER(Onnx, Flatten, 21);
    ONNXFORGE_REGISTER(Onnx, Identity, 21);
    ONNXFORGE_REGISTER(Onnx, If, 21);
    ONNXFORGE_REGISTER(Onnx, Loop, 21);
    ONNXFORGE_REGISTER(Onnx, Pad, 21);
    ONNXFORGE_REGISTER(Onnx, Reshape, 21);
    ONNXFORGE_REGISTER(Onnx, Shape, 21);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 21);
    ONNXFORGE_REGISTER(Onnx, Transpose, 21);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 21);
  }
};

// ---- ai.onnx opset 22 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, AveragePool, 22);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Conv, 22);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Dropout, 22);
ONNXFORGE_DECLARE_SCHEMA(Onnx, HardSwish, 22);
ONNXFORGE_DECLARE_SCHEMA(Onnx, MaxPool, 22);
class OnnxOpset22 {
 public:
  static constexpr int kVersion = 22;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, AveragePool, 22);
    ONNXFORGE_REGISTER(Onnx, Conv, 22);
    ONNXFORGE_REGISTER(Onnx, Dropout, 22);
    ONNXFORGE_REGISTER(Onnx, HardSwish, 22);
    ONNXFORGE_REGISTER(Onnx, MaxPool, 22);
  }
};

// ---- ai.onnx opset 23 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ConstantOfShape, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Transpose, 23);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 23);
class OnnxOpset23 {
 public:
  static constexpr int kVersion = 23;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Cast, 23);
    ONNXFORGE_REGISTER(Onnx, Constant, 23);
    ONNXFORGE_REGISTER(Onnx, ConstantOfShape, 23);
    ONNXFORGE_REGISTER(Onnx, Flatten, 23);
    ONNXFORGE_REGISTER(Onnx, Identity, 23);
    ONNXFORGE_REGISTER(Onnx, If, 23);
    ONNXFORGE_REGISTER(Onnx, Loop, 23);
    ONNXFORGE_REGISTER(Onnx, Pad, 23);
    ONNXFORGE_REGISTER(Onnx, Reshape, 23);
    ONNXFORGE_REGISTER(Onnx, Shape, 23);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 23);
    ONNXFORGE_REGISTER(Onnx, Transpose, 23);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 23);
  }
};

// ---- ai.onnx opset 24 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ConstantOfShape, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, TopK, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Transpose, 24);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 24);
class OnnxOpset24 {
 public:
  static constexpr int kVersion = 24;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Cast, 24);
    ONNXFORGE_REGISTER(Onnx, Constant, 24);
    ONNXFORGE_REGISTER(Onnx, ConstantOfShape, 24);
    ONNXFORGE_REGISTER(Onnx, Flatten, 24);
    ONNXFORGE_REGISTER(Onnx, Identity, 24);
    ONNXFORGE_REGISTER(Onnx, If, 24);
    ONNXFORGE_REGISTER(Onnx, Loop, 24);
    ONNXFORGE_REGISTER(Onnx, Pad, 24);
    ONNXFORGE_REGISTER(Onnx, Reshape, 24);
    ONNXFORGE_REGISTER(Onnx, Shape, 24);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 24);
    ONNXFORGE_REGISTER(Onnx, TopK, 24);
    ONNXFORGE_REGISTER(Onnx, Transpose, 24);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 24);
  }
};

// ---- ai.onnx opset 25 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Cast, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Constant, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, ConstantOfShape, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Flatten, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Identity, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, If, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Loop, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Pad, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Reshape, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Shape, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Squeeze, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Transpose, 25);
ONNXFORGE_DECLARE_SCHEMA(Onnx, Unsqueeze, 25);
class OnnxOpset25 {
 public:
  static constexpr int kVersion = 25;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Cast, 25);
    ONNXFORGE_REGISTER(Onnx, Constant, 25);
    ONNXFORGE_REGISTER(Onnx, ConstantOfShape, 25);
    ONNXFORGE_REGISTER(Onnx, Flatten, 25);
    ONNXFORGE_REGISTER(Onnx, Identity, 25);
    ONNXFORGE_REGISTER(Onnx, If, 25);
    ONNXFORGE_REGISTER(Onnx, Loop, 25);
    ONNXFORGE_REGISTER(Onnx, Pad, 25);
    ONNXFORGE_REGISTER(Onnx, Reshape, 25);
    ONNXFORGE_REGISTER(Onnx, Shape, 25);
    ONNXFORGE_REGISTER(Onnx, Squeeze, 25);
    ONNXFORGE_REGISTER(Onnx, Transpose, 25);
    ONNXFORGE_REGISTER(Onnx, Unsqueeze, 25);
  }
};

// ---- ai.onnx opset 26 ----
class OnnxOpset26 {
 public:
  static constexpr int kVersion = 26;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
  }
};

// ---- ai.onnx opset 27 ----
ONNXFORGE_DECLARE_SCHEMA(Onnx, Range, 27);
class OnnxOpset27 {
 public:
  static constexpr int kVersion = 27;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
    ONNXFORGE_REGISTER(Onnx, Range, 27);
  }
};

// ---- ai.onnx opset 28 ----
class OnnxOpset28 {
 public:
  static constexpr int kVersion = 28;
  static void ForEachSchema([[maybe_unused]] const std::function<void(OpSchema&&)>& fn) {
  }
};

// Every opset class of the domain, oldest first.
using OnnxOpsetClasses = OpsetClassList<OnnxOpset1, OnnxOpset2, OnnxOpset3, OnnxOpset4, OnnxOpset5, OnnxOpset6, OnnxOpset7, OnnxOpset8, OnnxOpset9, OnnxOpset10, OnnxOpset11, OnnxOpset12, OnnxOpset13, OnnxOpset14, OnnxOpset15, OnnxOpset16, OnnxOpset17, OnnxOpset18, OnnxOpset19, OnnxOpset20, OnnxOpset21, OnnxOpset22, OnnxOpset23, OnnxOpset24, OnnxOpset25, OnnxOpset26, OnnxOpset27, OnnxOpset28>;

}  // namespace onnxforge
