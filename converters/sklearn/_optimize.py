"""model_optim: the graph as written, without the Identity nodes the
operators' boundaries leave and without initializers nothing reads."""


def _has_subgraphs(graph):
    return any(a.HasField("g") or len(a.graphs) for n in graph.node for a in n.attribute)


def _rename_value(graph, old, new):
    for node in graph.node:
        for i, name in enumerate(node.input):
            if name == old:
                node.input[i] = new
        for i, name in enumerate(node.output):
            if name == old:
                node.output[i] = new


def remove_identities(graph):
    """Drops each Identity whose input and output can be one value: its
    readers read its input, or, when its output is a graph output, the node
    writing its input writes that output."""
    if _has_subgraphs(graph):
        return
    outputs = {o.name for o in graph.output}
    fixed = {i.name for i in graph.input} | {t.name for t in graph.initializer} | outputs
    index = 0
    while index < len(graph.node):
        node = graph.node[index]
        if node.op_type != "Identity" or node.domain not in ("", "ai.onnx"):
            index += 1
            continue
        source, target = node.input[0], node.output[0]
        if target not in outputs:
            del graph.node[index]
            _rename_value(graph, target, source)
        elif source not in fixed and any(source in n.output for n in graph.node):
            del graph.node[index]
            _rename_value(graph, source, target)
        else:
            index += 1


def remove_unused_initializers(graph):
    read = {name for node in graph.node for name in node.input}
    read |= {o.name for o in graph.output}
    kept = [t for t in graph.initializer if t.name in read]
    if len(kept) != len(graph.initializer):
        del graph.initializer[:]
        graph.initializer.extend(kept)


def optimize(graph):
    remove_identities(graph)
    remove_unused_initializers(graph)
