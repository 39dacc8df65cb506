"""One test per opset of each domain, the opsets taken from opset_range.bzl."""

load("//tests/opsets:opset_range.bzl", "OPSET_RANGES")

# Test names per domain: opset_14, ml_opset_3, ...
_PREFIXES = {
    "ai.onnx": "opset_",
    "ai.onnx.ml": "ml_opset_",
    "ai.onnx.training": "training_opset_",
    "ai.onnx.preview.training": "preview_training_opset_",
    "ai.onnx.preview": "preview_opset_",
}

def opset_tests(name, checker, data = []):
    """Makes a test per opset of every domain, and a test_suite of them all.

    Args:
      name: the test_suite's name.
      checker: the binary each test runs as `checker --domain=D --opset=N`.
      data: what the checker reads at run time.
    """
    tests = []
    for domain, (first, last) in OPSET_RANGES.items():
        if domain not in _PREFIXES:
            fail("opset_range.bzl names %s, which has no test prefix in opsets.bzl" % domain)
        for opset in range(first, last + 1):
            test = _PREFIXES[domain] + str(opset)
            native.sh_test(
                name = test,
                size = "small",
                srcs = [checker],
                args = ["--domain=" + domain, "--opset=%d" % opset],
                data = data,
                tags = ["opsets"],
            )
            tests.append(":" + test)
    native.test_suite(
        name = name,
        tests = tests,
    )
