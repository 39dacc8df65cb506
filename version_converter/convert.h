// The adapter registry: every version change of every op, one line each,
// its upgrade beside its downgrade (as StableHLO's VHLO pairs them).
//
//   ONNXFORGE_ADAPTERS(domain, op, older, newer, upgrade, downgrade)
//
// `older` and `newer` are the since_versions of two consecutive schemas of
// the op. The upgrade moves a node from `older` to `newer`, the downgrade
// back; each either rewrites the node exactly or refuses with a reason.
// The kinds (adapters/*.h):
//
//   Compatible()               the node means the same at both versions
//   RestrictTypes()            types the older schema lacks refuse (read
//                              from the schemas' type constraints)
//   DropAttribute(a)           a non-default value of `a` refuses
//   RemoveAttribute(a)         `a` cannot matter here; it goes
//   SetAttribute(a, v)         the older version needs `a` = v
//   RenameAttribute(a, b)      same meaning, new name
//   RefuseValue(a, v)          a = v is new
//   AttributeToInput(a, i)     `a` becomes a constant input i, and back
//   InputToAttribute(i, a)     (the input must then be a constant)
//   LegacyToNumpyBroadcast()   broadcast/axis (before 7) and numpy
//   NumpyToLegacyBroadcast()   broadcasting
//   RemoveConsumedInputs()     the legacy consumed_inputs attribute
//   NonNegativeAxis(a)         negative axes, new in opset 11
//   Refuse(reason)             no rewrite crosses the change
//   Then(x, y, ...)            x, then y on the same step
//
// and op-specific adapters named after what they do. The lint test
// (tests/adapter_lint_test.cc) checks this table against the schema
// registry: every consecutive pair of versions of every op has a line,
// every line names such a pair, type-narrowing downgrades restrict types,
// and every attribute one side lacks is handled by the adapter leaving it.
#pragma once

#include <vector>

#include "version_converter/adapters/attribute_default.h"
#include "version_converter/adapters/attribute_input.h"
#include "version_converter/adapters/batch_norm.h"
#include "version_converter/adapters/broadcast.h"
#include "version_converter/adapters/cast.h"
#include "version_converter/adapters/clip.h"
#include "version_converter/adapters/compatible.h"
#include "version_converter/adapters/constant.h"
#include "version_converter/adapters/consumed_inputs.h"
#include "version_converter/adapters/dropout.h"
#include "version_converter/adapters/gemm.h"
#include "version_converter/adapters/label_encoder.h"
#include "version_converter/adapters/negative_axes.h"
#include "version_converter/adapters/pad.h"
#include "version_converter/adapters/pool.h"
#include "version_converter/adapters/reduce.h"
#include "version_converter/adapters/refuse.h"
#include "version_converter/adapters/reshape.h"
#include "version_converter/adapters/slice.h"
#include "version_converter/adapters/softmax.h"
#include "version_converter/adapters/split.h"
#include "version_converter/adapters/tree_ensemble.h"
#include "version_converter/adapters/type_restriction.h"
#include "version_converter/registry.h"

namespace onnxforge::version_converter {

// Built once, by AdapterRegistry::Instance().
inline std::vector<Change> BuiltinChanges() {
  return {
    // ---- ai.onnx --------------------------------------------------------------------------------
    ONNXFORGE_ADAPTERS(Onnx, Abs,                   1,  6, RemoveConsumedInputs(),     RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Abs,                   6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Add,                   1,  6, RemoveConsumedInputs(),     RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Add,                   6,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Add,                   7, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Add,                  13, 14, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, And,                   1,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, ArgMax,                1, 11, Compatible(),               NonNegativeAxis("axis")),
    ONNXFORGE_ADAPTERS(Onnx, ArgMax,               11, 12, Compatible(),               DropAttribute("select_last_index")),
    ONNXFORGE_ADAPTERS(Onnx, ArgMax,               12, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, AveragePool,           1,  7, Compatible(),               DropAttribute("count_include_pad")),
    ONNXFORGE_ADAPTERS(Onnx, AveragePool,           7, 10, Compatible(),               DropAttribute("ceil_mode")),
    ONNXFORGE_ADAPTERS(Onnx, AveragePool,          10, 11, Compatible(),               Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, AveragePool,          11, 19, Compatible(),               DropAttribute("dilations", IfAllOnes())),
    ONNXFORGE_ADAPTERS(Onnx, AveragePool,          19, 22, SameCeilWindows(),          Then(RestrictTypes(), SameCeilWindows())),
    ONNXFORGE_ADAPTERS(Onnx, BatchNormalization,    1,  6, RemoveConsumedInputs(),     AddConsumedInputs()),
    ONNXFORGE_ADAPTERS(Onnx, BatchNormalization,    6,  7, RemoveAttribute("is_test"), Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, BatchNormalization,    7,  9, DropAttribute("spatial"),   Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, BatchNormalization,    9, 14, StatisticsOutputsToTrainingMode(), Then(RestrictTypes(), TrainingModeToStatisticsOutputs())),
    ONNXFORGE_ADAPTERS(Onnx, BatchNormalization,   14, 15, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                  1,  6, CastNameToNumber(),         CastNumberToName()),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                  6,  9, Compatible(),               CastTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                  9, 13, Compatible(),               CastTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                 13, 19, Compatible(),               Then(CastTypes(), RemoveAttribute("saturate"))),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                 19, 21, Compatible(),               CastTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                 21, 23, Compatible(),               CastTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                 23, 24, Compatible(),               Then(CastTypes(), RemoveAttribute("round_mode"))),
    ONNXFORGE_ADAPTERS(Onnx, Cast,                 24, 25, Compatible(),               CastTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Clip,                  1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Clip,                  6, 11, ClipBoundsToInputs(),       ClipBoundsToAttributes()),
    ONNXFORGE_ADAPTERS(Onnx, Clip,                 11, 12, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Clip,                 12, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Concat,                1,  4, SetAttributeIfAbsent("axis", Int(1)), RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Concat,                4, 11, Compatible(),               NonNegativeAxis("axis")),
    ONNXFORGE_ADAPTERS(Onnx, Concat,               11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,              1,  9, Compatible(),               RestrictTypesOrInitializer()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,              9, 11, Compatible(),               SparseToDense()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             11, 12, Compatible(),               ValueAttributesToTensor()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             12, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             13, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Constant,             24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ConstantOfShape,       9, 20, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ConstantOfShape,      20, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ConstantOfShape,      21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ConstantOfShape,      23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ConstantOfShape,      24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Conv,                  1, 11, Compatible(),               Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Conv,                 11, 22, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Div,                   1,  6, RemoveConsumedInputs(),     RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Div,                   6,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Div,                   7, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Div,                  13, 14, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Dropout,               1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Dropout,               6,  7, DropoutToInferenceOnly(),   SetAttribute("is_test", Int(1))),
    ONNXFORGE_ADAPTERS(Onnx, Dropout,               7, 10, DropoutMaskToBool(),        Then(DropoutMaskToDataType(), RestrictTypes())),
    ONNXFORGE_ADAPTERS(Onnx, Dropout,              10, 12, DropoutRatioToInput(),      DropoutToInferenceAttributes()),
    ONNXFORGE_ADAPTERS(Onnx, Dropout,              12, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Dropout,              13, 22, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Equal,                 1,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Equal,                 7, 11, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Equal,                11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Equal,                13, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Exp,                   1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Exp,                   6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Expand,                8, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,               1,  9, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,               9, 11, Compatible(),               NonNegativeAxis("axis")),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,              11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,              13, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,              21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,              23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Flatten,              24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Gather,                1, 11, Compatible(),               GatherNonNegativeIndices()),
    ONNXFORGE_ADAPTERS(Onnx, Gather,               11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Gemm,                  1,  6, Compatible(),               Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Gemm,                  6,  7, RemoveAttribute("broadcast"), SetAttribute("broadcast", Int(1))),
    ONNXFORGE_ADAPTERS(Onnx, Gemm,                  7,  9, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Gemm,                  9, 11, Compatible(),               GemmZeroBias()),
    ONNXFORGE_ADAPTERS(Onnx, Gemm,                 11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Greater,               1,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Greater,               7,  9, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Greater,               9, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, HardSwish,            14, 22, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,              1, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             13, 14, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             14, 16, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             16, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Identity,             24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                    1, 11, Compatible(),               Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   13, 16, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   16, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, If,                   24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Less,                  1,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Less,                  7,  9, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Less,                  9, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Log,                   1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Log,                   6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, LogSoftmax,            1, 11, Compatible(),               NonNegativeAxis("axis")),
    ONNXFORGE_ADAPTERS(Onnx, LogSoftmax,           11, 13, CoercedToSingleAxis(),      Then(RestrictTypes(), SingleAxisToCoerced())),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                  1, 11, Compatible(),               Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 13, 16, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 16, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Loop,                 24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, MatMul,                1,  9, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, MatMul,                9, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, MaxPool,               1,  8, Compatible(),               NoIndicesOutput()),
    ONNXFORGE_ADAPTERS(Onnx, MaxPool,               8, 10, Compatible(),               Then(DropAttribute("ceil_mode"), DropAttribute("dilations", IfAllOnes()))),
    ONNXFORGE_ADAPTERS(Onnx, MaxPool,              10, 11, Compatible(),               Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, MaxPool,              11, 12, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, MaxPool,              12, 22, SameCeilWindows(),          Then(RestrictTypes(), SameCeilWindows())),
    ONNXFORGE_ADAPTERS(Onnx, Mul,                   1,  6, RemoveConsumedInputs(),     RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Mul,                   6,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Mul,                   7, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Mul,                  13, 14, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Neg,                   1,  6, RemoveConsumedInputs(),     RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Neg,                   6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Or,                    1,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                   1,  2, RenameAttribute("paddings", "pads"), RenameAttribute("pads", "paddings")),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                   2, 11, PadAttributesToInputs(),    Then(RestrictTypes(), PadInputsToAttributes())),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  13, 18, Compatible(),               PadAxesToAllAxes()),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  18, 19, Compatible(),               RefuseValue("mode", "wrap")),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pad,                  24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pow,                   1,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Pow,                   7, 12, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pow,                  12, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Pow,                  13, 15, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Range,                11, 27, Compatible(),               Then(RestrictTypes(), RemoveAttribute("stash_type"))),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMax,             1, 11, Compatible(),               NonNegativeAxes("axes")),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMax,            11, 12, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMax,            12, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMax,            13, 18, ReduceAxesToInput(),        ReduceAxesToAttribute()),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMax,            18, 20, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMean,            1, 11, Compatible(),               NonNegativeAxes("axes")),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMean,           11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, ReduceMean,           13, 18, ReduceAxesToInput(),        ReduceAxesToAttribute()),
    ONNXFORGE_ADAPTERS(Onnx, ReduceSum,             1, 11, Compatible(),               NonNegativeAxes("axes")),
    ONNXFORGE_ADAPTERS(Onnx, ReduceSum,            11, 13, ReduceAxesToInput(),        Then(RestrictTypes(), ReduceAxesToAttribute())),
    ONNXFORGE_ADAPTERS(Onnx, Relu,                  1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Relu,                  6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Relu,                 13, 14, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,               1,  5, Then(RemoveConsumedInputs(), AttributeToInput("shape", 1)), Then(RestrictTypes(), InputToAttribute(1, "shape"))),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,               5, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,              13, 14, Compatible(),               DropAllowZero()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,              14, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,              19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,              21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,              23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Reshape,              24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                 1, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                13, 15, Compatible(),               ShapeRangeToSlice()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                15, 19, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                19, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Shape,                24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Sigmoid,               1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Sigmoid,               6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Slice,                 1, 10, SliceAttributesToInputs(),  SliceInputsToAttributes()),
    ONNXFORGE_ADAPTERS(Onnx, Slice,                10, 11, Compatible(),               SliceNonNegativeAxes()),
    ONNXFORGE_ADAPTERS(Onnx, Slice,                11, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Softmax,               1, 11, Compatible(),               NonNegativeAxis("axis")),
    ONNXFORGE_ADAPTERS(Onnx, Softmax,              11, 13, CoercedToSingleAxis(),      Then(RestrictTypes(), SingleAxisToCoerced())),
    ONNXFORGE_ADAPTERS(Onnx, Split,                 1,  2, SplitInputToAttribute(),    RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Split,                 2, 11, Compatible(),               NonNegativeAxis("axis")),
    ONNXFORGE_ADAPTERS(Onnx, Split,                11, 13, AttributeToInput("split", 1), Then(RestrictTypes(), InputToAttribute(1, "split"))),
    ONNXFORGE_ADAPTERS(Onnx, Split,                13, 18, SplitSetNumOutputs(),       SplitNumOutputsToSizes()),
    ONNXFORGE_ADAPTERS(Onnx, Sqrt,                  1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Sqrt,                  6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Squeeze,               1, 11, Compatible(),               NonNegativeAxes("axes")),
    ONNXFORGE_ADAPTERS(Onnx, Squeeze,              11, 13, AttributeToInput("axes", 1), Then(RestrictTypes(), InputToAttribute(1, "axes"))),
    ONNXFORGE_ADAPTERS(Onnx, Squeeze,              13, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Squeeze,              21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Squeeze,              23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Squeeze,              24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Sub,                   1,  6, RemoveConsumedInputs(),     RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Sub,                   6,  7, LegacyToNumpyBroadcast(),   NumpyToLegacyBroadcast()),
    ONNXFORGE_ADAPTERS(Onnx, Sub,                   7, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Sub,                  13, 14, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Tanh,                  1,  6, RemoveConsumedInputs(),     Compatible()),
    ONNXFORGE_ADAPTERS(Onnx, Tanh,                  6, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, TopK,                  1, 10, AttributeToInput("k", 1, InputForm::kSingle), InputToAttribute(1, "k", InputForm::kSingle)),
    ONNXFORGE_ADAPTERS(Onnx, TopK,                 10, 11, Compatible(),               Then(RestrictTypes(), DropAttribute("largest"), DropAttribute("sorted"))),
    ONNXFORGE_ADAPTERS(Onnx, TopK,                 11, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Transpose,             1, 13, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Transpose,            13, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Transpose,            21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Transpose,            23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Transpose,            24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Unsqueeze,             1, 11, Compatible(),               NonNegativeAxes("axes", AxesOf::kOutput)),
    ONNXFORGE_ADAPTERS(Onnx, Unsqueeze,            11, 13, AttributeToInput("axes", 1), Then(RestrictTypes(), InputToAttribute(1, "axes"))),
    ONNXFORGE_ADAPTERS(Onnx, Unsqueeze,            13, 21, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Unsqueeze,            21, 23, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Unsqueeze,            23, 24, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Unsqueeze,            24, 25, Compatible(),               RestrictTypes()),
    ONNXFORGE_ADAPTERS(Onnx, Where,                 9, 16, Compatible(),               RestrictTypes()),

    // ---- ai.onnx.ml -----------------------------------------------------------------------------
    ONNXFORGE_ADAPTERS(OnnxML, LabelEncoder,        1,  2, ClassesToKeysAndValues(),   Then(RestrictTypes(), KeysAndValuesToClasses())),
    ONNXFORGE_ADAPTERS(OnnxML, LabelEncoder,        2,  4, Compatible(),               Then(RestrictTypes(), LabelTensorsToLists())),
    ONNXFORGE_ADAPTERS(OnnxML, TreeEnsembleClassifier, 1,  3, Compatible(),               TreeTensorsToFloats()),
    ONNXFORGE_ADAPTERS(OnnxML, TreeEnsembleClassifier, 3,  5, ClassifierToTreeEnsemble(), Compatible()),
    ONNXFORGE_ADAPTERS(OnnxML, TreeEnsembleRegressor, 1,  3, Compatible(),               TreeTensorsToFloats()),
    ONNXFORGE_ADAPTERS(OnnxML, TreeEnsembleRegressor, 3,  5, RegressorToTreeEnsemble(),  Compatible()),
  };
}

// Ops that replace another op below the opset that introduced them.
inline std::vector<Introduction> BuiltinIntroductions() {
  return {
    ONNXFORGE_INTRODUCED(OnnxML, TreeEnsemble, 5, TreeEnsembleToRegressor()),
  };
}

}  // namespace onnxforge::version_converter
