"""Compiles a .proto with Debian's protoc into a C++ library and Python module."""

def cc_py_proto(name, src, deps = [], imports = []):
    """imports: the .proto files this one imports, as labels."""
    base = src[:-len(".proto")]
    pkg = native.package_name()
    native.genrule(
        name = name + "_gen",
        srcs = [src] + imports,
        outs = [base + ".pb.h", base + ".pb.cc", base + "_pb2.py"],
        cmd = "/usr/bin/protoc --proto_path=. --cpp_out=$(GENDIR) --python_out=$(GENDIR) %s/%s" % (pkg, src) if pkg else
              "/usr/bin/protoc --proto_path=. --cpp_out=$(GENDIR) --python_out=$(GENDIR) %s" % src,
    )
    native.cc_library(
        name = name,
        srcs = [base + ".pb.cc"],
        hdrs = [base + ".pb.h"],
        deps = deps + ["//third_party:protobuf"],
        visibility = ["//visibility:public"],
    )
    native.filegroup(
        name = name + "_py",
        srcs = [base + "_pb2.py"],
        visibility = ["//visibility:public"],
    )
