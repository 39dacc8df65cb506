"""ops_api: runs the op-as-function API generator as a build step.

The generator is built for the target configuration, like the tests and
the Python module that link the same schema library, so the schemas are
compiled once (a genrule tool would compile them again for the host).
"""

def _ops_api_impl(ctx):
    outputs = [ctx.outputs.cpp_header, ctx.outputs.cpp_source, ctx.outputs.python]
    ctx.actions.run(
        executable = ctx.executable.generator,
        arguments = [f.path for f in outputs] + [ctx.outputs.cpp_header.short_path],
        outputs = outputs,
        mnemonic = "GenOpsApi",
        progress_message = "Writing the op-as-function API from the schema registry",
    )
    return [DefaultInfo(files = depset(outputs))]

ops_api = rule(
    implementation = _ops_api_impl,
    attrs = {
        "generator": attr.label(executable = True, cfg = "target", mandatory = True),
        "cpp_header": attr.output(mandatory = True),
        "cpp_source": attr.output(mandatory = True),
        "python": attr.output(mandatory = True),
    },
)
