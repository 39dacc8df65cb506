"""One py_test per pytest file, run through pytest_main.py."""

def pytest_test(name, src, size = "medium", deps = [], data = []):
    native.py_test(
        name = name,
        size = size,
        srcs = ["//tests/python:pytest_main.py", src],
        args = ["$(location %s)" % src],
        data = data,
        main = "//tests/python:pytest_main.py",
        python_version = "PY3",
        deps = ["//python:onnxforge"] + deps,
    )
