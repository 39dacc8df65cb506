"""`convert --from sklearn`: a pickled scikit-learn model to an .onnx file.

    python3 -m onnxforge convert --from sklearn model.pkl \\
        --initial-types 'X:float[None,4]' --target-opset 15 -o model.onnx

Run as `python3 -m onnxforge.cli_convert ...` too; the `onnxforge convert`
command hands `--from` conversions to it. Only unpickle files you trust.
"""
import argparse
import pickle
import re
import sys

_TYPE_SPEC = re.compile(r"^\s*([^:]+):\s*(float|double|int64|string)\s*\[([^\]]*)\]\s*$")


def parse_initial_types(text):
    """'X:float[None,4];Y:int64[None,1]' -> [("X", FloatTensorType([None, 4])), ...]."""
    from onnxforge import data_types
    kinds = {"float": data_types.FloatTensorType, "double": data_types.DoubleTensorType,
             "int64": data_types.Int64TensorType, "string": data_types.StringTensorType}
    result = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = _TYPE_SPEC.match(part)
        if not match:
            raise ValueError("bad --initial-types entry %r: expected NAME:TYPE[DIMS] with TYPE "
                             "float, double, int64 or string, e.g. 'X:float[None,4]'" % part)
        name, kind, dims = match.groups()
        shape = [None if d.strip() in ("None", "?", "") else int(d) for d in dims.split(",")]
        result.append((name.strip(), kinds[kind](shape)))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(prog="onnxforge convert", description=__doc__.split("\n")[0])
    parser.add_argument("model", help="the pickled, fitted model")
    parser.add_argument("--from", dest="framework", required=True, choices=["sklearn"])
    parser.add_argument("--initial-types", required=True,
                        help="inputs, e.g. 'X:float[None,4]' (several joined by ';')")
    parser.add_argument("--target-opset", type=int, default=None)
    parser.add_argument("--zipmap", choices=["true", "false", "columns"], default=None,
                        help="classifier probabilities as a sequence of maps (true, the "
                             "default), one tensor (false) or one output per class (columns)")
    parser.add_argument("--no-zipmap", action="store_true", help="the same as --zipmap false")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    try:
        with open(args.model, "rb") as f:
            model = pickle.load(f)
        from onnxforge import model_io
        from onnxforge.sklearn import convert_sklearn
        zipmap = "false" if args.no_zipmap else args.zipmap
        options = None if zipmap is None else {
            type(model): {"zipmap": {"true": True, "false": False}.get(zipmap, zipmap)}}
        onnx_model = convert_sklearn(model, initial_types=parse_initial_types(args.initial_types),
                                     target_opset=args.target_opset, options=options)
        model_io.save(onnx_model, args.output)
    except Exception as e:  # one line a user can act on, not a traceback
        print("onnxforge convert: %s: %s" % (args.model, e), file=sys.stderr)
        return 1
    print("wrote %s (ai.onnx opset %d)" % (args.output, next(
        o.version for o in onnx_model.opset_import if o.domain == "")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
