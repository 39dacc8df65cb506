"""python3 -m onnxforge convert --from sklearn ...: see onnxforge.cli_convert."""
import sys

from onnxforge import cli_convert

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] != "convert":
        print("usage: python3 -m onnxforge convert --from sklearn MODEL.pkl "
              "--initial-types 'X:float[None,4]' [--target-opset N] -o OUT.onnx", file=sys.stderr)
        sys.exit(2)
    sys.exit(cli_convert.main(sys.argv[2:]))
