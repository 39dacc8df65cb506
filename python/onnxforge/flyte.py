"""Flyte-style wrappers: a model plus its conversion settings in, an .onnx
file in a store out.

    wrapper = ScikitLearn2ONNX(model).with_config(
        ScikitLearn2ONNXConfig(initial_types=[("X", FloatTensorType([None, 4]))]))
    onnx_file = to_onnx_file(wrapper)          # ~/.cache/onnxforge/store
    onnxforge.load(onnx_file.download())

The configuration classes keep the field names and defaults of Flyte's
ONNX plugins, so a workflow can move between them.
"""
import dataclasses
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, Type, Union

DEFAULT_STORE = os.path.join(os.path.expanduser("~"), ".cache", "onnxforge", "store")


class TypeTransformerFailedError(TypeError):
    """A value could not be turned into an ONNX file."""


@dataclass
class ScikitLearn2ONNXConfig:
    initial_types: List[Tuple[str, Type]]
    name: Optional[str] = None
    doc_string: str = ""
    target_opset: Optional[int] = None
    custom_conversion_functions: Dict[Callable[..., Any], Callable[..., None]] = field(
        default_factory=dict)
    custom_shape_calculators: Dict[Callable[..., Any], Callable[..., None]] = field(
        default_factory=dict)
    custom_parsers: Dict[Callable[..., Any], Callable[..., None]] = field(default_factory=dict)
    options: Dict[Any, Any] = field(default_factory=dict)
    intermediate: bool = False
    naming: Optional[Union[str, Callable[..., Any]]] = None
    white_op: Optional[Set[str]] = None
    black_op: Optional[Set[str]] = None
    verbose: int = 0
    final_types: Optional[List[Tuple[str, Type]]] = None


@dataclass
class PyTorch2ONNXConfig:
    args: Union[Tuple, Any]
    export_params: bool = True
    verbose: bool = False
    training: Any = None  # torch.onnx.TrainingMode.EVAL when torch is present
    opset_version: Optional[int] = None
    input_names: List[str] = field(default_factory=list)
    output_names: List[str] = field(default_factory=list)
    operator_export_type: Any = None
    do_constant_folding: bool = False
    dynamic_axes: Union[Dict[str, Dict[int, str]], Dict[str, List[int]]] = field(
        default_factory=dict)
    keep_initializers_as_inputs: Optional[bool] = None
    custom_opsets: Dict[str, int] = field(default_factory=dict)
    export_modules_as_functions: Union[bool, Set[Type]] = False


@dataclass
class TensorFlow2ONNXConfig:
    input_signature: Union[Any, Tuple[Any, ...], List[Any]]
    custom_ops: Optional[Dict[str, Any]] = None
    target_opset: Optional[int] = None
    custom_op_handlers: Optional[Dict[Any, Tuple]] = None
    custom_rewriter: Optional[List[Any]] = None
    inputs_as_nchw: Optional[List[str]] = None
    extra_opset: Optional[List[int]] = None
    shape_override: Optional[Dict[str, List[Any]]] = None
    target: Optional[List[Any]] = None
    large_model: bool = False
    output_path: Optional[str] = None


@dataclass
class _Wrapper:
    model: Any = None
    config: Any = None

    def with_config(self, config):
        return dataclasses.replace(self, config=config)


@dataclass
class ScikitLearn2ONNX(_Wrapper):
    """A fitted scikit-learn model with its ScikitLearn2ONNXConfig."""


@dataclass
class PyTorch2ONNX(_Wrapper):
    """A torch.nn.Module with its PyTorch2ONNXConfig."""


@dataclass
class TensorFlow2ONNX(_Wrapper):
    """A Keras model with its TensorFlow2ONNXConfig."""


@dataclass(frozen=True)
class ONNXFile:
    """An .onnx file in a store: `path` on this machine, `uri` to pass on."""
    path: str

    @property
    def uri(self):
        return "file://" + os.path.abspath(self.path)

    def download(self):
        """The local path (the store is local, so nothing moves)."""
        return self.path


class LocalStore:
    """A folder of .onnx files named by their content."""

    def __init__(self, root=None):
        self.root = os.path.abspath(root or DEFAULT_STORE)

    def put(self, data, stem):
        os.makedirs(self.root, exist_ok=True)
        name = "%s-%s.onnx" % (stem, hashlib.sha256(data).hexdigest()[:16])
        path = os.path.join(self.root, name)
        # Written beside its final place, then renamed: readers never see part of it.
        fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-", suffix=".onnx")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        return ONNXFile(path)


_EXPECTED_CONFIG = {
    ScikitLearn2ONNX: ScikitLearn2ONNXConfig,
    PyTorch2ONNX: PyTorch2ONNXConfig,
    TensorFlow2ONNX: TensorFlow2ONNXConfig,
}


def _convert_sklearn(wrapper):
    from onnxforge import checker
    from onnxforge.sklearn import convert_sklearn
    cfg = wrapper.config
    return convert_sklearn(
        wrapper.model, name=cfg.name, initial_types=cfg.initial_types,
        doc_string=cfg.doc_string, target_opset=cfg.target_opset,
        custom_conversion_functions=cfg.custom_conversion_functions,
        custom_shape_calculators=cfg.custom_shape_calculators,
        custom_parsers=cfg.custom_parsers, options=cfg.options,
        intermediate=cfg.intermediate, naming=cfg.naming, white_op=cfg.white_op,
        black_op=cfg.black_op, verbose=cfg.verbose, final_types=cfg.final_types), checker


def to_onnx_file(wrapper, store=None):
    """Converts the wrapped model, checks it, and writes it to `store` (a
    LocalStore or a folder path; ~/.cache/onnxforge/store by default)."""
    expected = _EXPECTED_CONFIG.get(type(wrapper))
    if expected is None:
        raise TypeTransformerFailedError(
            "expected ScikitLearn2ONNX, PyTorch2ONNX or TensorFlow2ONNX, got %s"
            % type(wrapper).__name__)
    if not isinstance(wrapper.config, expected):
        got = "no config" if wrapper.config is None else type(wrapper.config).__name__
        raise TypeTransformerFailedError(
            "%s needs a %s (use .with_config(%s(...))); got %s"
            % (type(wrapper).__name__, expected.__name__, expected.__name__, got))
    if not isinstance(wrapper, ScikitLearn2ONNX):
        raise TypeTransformerFailedError(
            "the %s converter is not available yet in onnxforge; only ScikitLearn2ONNX "
            "converts today" % type(wrapper).__name__.replace("2ONNX", ""))
    try:
        model, checker = _convert_sklearn(wrapper)
        checker.check_model(model)
    except TypeTransformerFailedError:
        raise
    except Exception as e:
        raise TypeTransformerFailedError(
            "converting %s failed: %s" % (type(wrapper.model).__name__, e)) from e
    if not isinstance(store, LocalStore):
        store = LocalStore(store)
    stem = wrapper.config.name or type(wrapper.model).__name__
    return store.put(model.SerializeToString(), stem)
