"""Binds Debian's installed rules and libraries as Bazel repositories."""

def _patched_rules_cc_impl(ctx):
    # Debian's bazel-rules-cc 0.0.4 loads use_cpp_toolchain, which Bazel 4.2.3's
    # toolchain_utils.bzl lacks; the plain toolchain type label does the same job.
    src = ctx.path(ctx.attr.path)
    result = ctx.execute(["cp", "-r", str(src) + "/.", "."])
    if result.return_code != 0:
        fail("copying rules_cc from %s failed: %s" % (src, result.stderr))
    for f in ["cc/private/rules_impl/compiler_flag.bzl", "cc/private/rules_impl/cc_flags_supplier.bzl"]:
        text = ctx.read(f)
        text = text.replace(', "use_cpp_toolchain")', ")")
        text = text.replace("use_cpp_toolchain()", '["@bazel_tools//tools/cpp:toolchain_type"]')
        ctx.file(f, text)

patched_rules_cc = repository_rule(
    implementation = _patched_rules_cc_impl,
    attrs = {"path": attr.string(mandatory = True)},
    local = True,
)

def _coverage_stub_impl(ctx):
    # @bazel_tools refers to this repository; coverage is not used offline.
    ctx.file("WORKSPACE", "workspace(name = \"remote_coverage_tools\")\n")
    ctx.file("BUILD", "filegroup(name = \"coverage_report_generator\", visibility = [\"//visibility:public\"])\nfilegroup(name = \"lcov_merger\", visibility = [\"//visibility:public\"])\n")

coverage_stub = repository_rule(implementation = _coverage_stub_impl, local = True)

def _shared_data_impl(ctx):
    # The project's shared test data sits beside the workspace (../shared).
    # Without it, the backend node tests fall back to Debian's
    # libonnx-testdata and the spec-parity test has nothing to compare.
    workspace = ctx.path(Label("//:WORKSPACE")).dirname
    shared = workspace.dirname.get_child("shared")
    has_shared = shared.exists
    node_dir = str(shared) + "/testdata/onnx-backend-v1.22/node" if has_shared else "/usr/include/onnx/backend/test/data/node"
    spec = str(shared) + "/spec/onnx-schemas.json" if has_shared else ""
    slice_txt = str(shared) + "/slice.txt" if has_shared else ""
    ctx.file("WORKSPACE", "workspace(name = \"%s\")\n" % ctx.name)
    ctx.file("data_paths.h", "\n".join([
        "// Where the shared test data lives; written when the workspace loads.",
        "#pragma once",
        "namespace onnxforge::data {",
        "inline constexpr char kBackendNodeDir[] = \"%s\";" % node_dir,
        "inline constexpr char kSpecJson[] = \"%s\";" % spec,
        "inline constexpr char kSliceTxt[] = \"%s\";" % slice_txt,
        "}  // namespace onnxforge::data",
        "",
    ]))
    ctx.file("data_paths.py", "\n".join([
        "BACKEND_NODE_DIR = %r" % node_dir,
        "SPEC_JSON = %r" % spec,
        "SLICE_TXT = %r" % slice_txt,
        "",
    ]))
    ctx.file("BUILD", "\n".join([
        "package(default_visibility = [\"//visibility:public\"])",
        "cc_library(name = \"data_paths\", hdrs = [\"data_paths.h\"])",
        "py_library(name = \"data_paths_py\", srcs = [\"data_paths.py\"], imports = [\".\"])",
        "",
    ]))

shared_data = repository_rule(implementation = _shared_data_impl, local = True)

def onnxforge_repositories():
    shared_data(name = "onnxforge_shared")
    native.local_repository(name = "rules_java", path = "/usr/share/bazel/rules/java")
    native.local_repository(name = "platforms", path = "/usr/share/bazel/platforms")
    patched_rules_cc(name = "rules_cc", path = "/usr/share/bazel/rules/cc")
    coverage_stub(name = "remote_coverage_tools")
    native.new_local_repository(
        name = "eigen",
        path = "/usr/include/eigen3",
        build_file = "//third_party:eigen.BUILD",
    )
    native.new_local_repository(
        name = "python_headers",
        path = "/usr/include/python3.11",
        build_file = "//third_party:python_headers.BUILD",
    )
    native.new_local_repository(
        name = "pybind11",
        path = "/usr/include/pybind11",
        build_file = "//third_party:pybind11.BUILD",
    )
