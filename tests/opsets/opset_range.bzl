# Each domain's opset range as (first, last): a copy of kDomainOpsetRanges in
# onnx_defs/schema.h for Bazel, which cannot read C++. `opdev bump` rewrites it
# when it opens an opset and `opdev lint` checks that the two agree;
# tests/opsets/opsets.bzl makes one test target per opset from it.
OPSET_RANGES = {
    "ai.onnx": (1, 28),
    "ai.onnx.ml": (1, 5),
    "ai.onnx.training": (1, 1),
    "ai.onnx.preview.training": (1, 1),
    "ai.onnx.preview": (1, 1),
}
