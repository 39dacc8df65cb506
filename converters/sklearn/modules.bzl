"""The Python modules of the scikit-learn converter.

//python copies them into the onnxforge package as onnxforge/sklearn/<name>;
a genrule must name its outputs, so they are listed here once, and the BUILD
file beside this one checks the list against the folder.
"""

SKLEARN_MODULES = [
    "__init__.py",
    "_common.py",
    "_convert.py",
    "_opsets.py",
    "_optimize.py",
    "_parsers.py",
    "_tree_arrays.py",
    "composite.py",
    "linear.py",
    "preprocessing.py",
    "trees.py",
    "verify.py",
]

def check_module_list():
    """Fails the load of the calling BUILD file when its folder's .py files
    differ from SKLEARN_MODULES."""
    found = sorted(native.glob(["*.py"]))
    if found != sorted(SKLEARN_MODULES):
        fail("converters/sklearn/modules.bzl lists %s, but the folder holds %s" %
             (sorted(SKLEARN_MODULES), found))
