"""Flyte-style wrappers: a model plus its conversion settings in, an .onnx
file in a store out.

The configuration rides on the return type, as with Flyte's ONNX plugins,
and a type transformer turns the value into a literal naming the file:

    Model = Annotated[ScikitLearn2ONNX, ScikitLearn2ONNXConfig(
        initial_types=[("X", FloatTensorType([None, 4]))], target_opset=15)]
    transformer = TypeEngine.get_transformer(Model)
    literal = transformer.to_literal(TransformContext(), ScikitLearn2ONNX(fitted), Model,
                                     transformer.get_literal_type(Model))
    onnx_file = transformer.to_python_value(TransformContext(), literal, ONNXFile)
    onnxforge.load(onnx_file.download())

The short path does the same for a wrapper that carries its config:

    onnx_file = to_onnx_file(ScikitLearn2ONNX(fitted).with_config(config))

Files go to a local store: ~/.cache/onnxforge/store, or the folder in
$ONNXFORGE_STORE, or the one given to TransformContext / to_onnx_file.
The configuration classes keep the field names and defaults of Flyte's
ONNX plugins, so a workflow can move between them. Flytekit is not needed:
the literal types here are small stand-ins for Flyte's.
"""
import dataclasses
import enum
import hashlib
import os
import pathlib
import re
import tempfile
import typing
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, Type, Union

from onnxforge import data_types

DEFAULT_STORE = os.path.join(os.path.expanduser("~"), ".cache", "onnxforge", "store")
STORE_ENV = "ONNXFORGE_STORE"
ONNX_FORMAT = "onnx"


class TypeTransformerFailedError(TypeError, ValueError):
    """A value could not be turned into an ONNX file, or a literal back into
    one. Both a TypeError and a ValueError, so code catching either works."""


# ---------------------------------------------------------------------------
# Configurations


def _class_name(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    if cls.__module__ == "builtins":
        return cls.__qualname__
    return "%s.%s" % (cls.__module__, cls.__qualname__)


def _check_typed_pairs(where, pairs):
    """Each entry of `pairs` must be (name, tensor type of onnxforge.data_types)."""
    if not isinstance(pairs, (list, tuple)):
        raise ValueError("%s is a list of (name, type) pairs, not %r" % (where, pairs))
    for i, entry in enumerate(pairs):
        what = "%s[%d] = %r" % (where, i, entry)
        if not isinstance(entry, (list, tuple)) or len(entry) != 2:
            raise ValueError("%s is not a (name, type) pair" % what)
        name, value_type = entry
        if not isinstance(name, str) or not name:
            raise ValueError("%s: the name must be a non-empty str" % what)
        if isinstance(value_type, type) and issubclass(value_type, data_types.TensorType):
            raise ValueError("%s: give an instance with a shape, e.g. %s([None, 4]), "
                             "not the class" % (what, value_type.__name__))
        if not isinstance(value_type, data_types.TensorType):
            raise ValueError(
                "%s: the type must be a tensor type of onnxforge.data_types (FloatTensorType, "
                "DoubleTensorType, Int64TensorType, StringTensorType, ...), not %s"
                % (what, _class_name(value_type)))


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

    def __post_init__(self):
        _check_typed_pairs("ScikitLearn2ONNXConfig.initial_types", self.initial_types)
        if not self.initial_types:
            raise ValueError("ScikitLearn2ONNXConfig.initial_types is empty: declare each "
                             "model input as a (name, type) pair")
        if self.final_types is not None:
            _check_typed_pairs("ScikitLearn2ONNXConfig.final_types", self.final_types)


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


# ---------------------------------------------------------------------------
# Wrappers


@dataclass
class _Wrapper:
    model: Any = None
    config: Any = None

    def with_config(self, config):
        return dataclasses.replace(self, config=config)


@dataclass
class ScikitLearn2ONNX(_Wrapper):
    """A fitted scikit-learn model, with its ScikitLearn2ONNXConfig unless
    the type annotation carries it."""


@dataclass
class PyTorch2ONNX(_Wrapper):
    """A torch.nn.Module, with its PyTorch2ONNXConfig."""


@dataclass
class TensorFlow2ONNX(_Wrapper):
    """A Keras model, with its TensorFlow2ONNXConfig."""


# ---------------------------------------------------------------------------
# Literals: what a converted value becomes (a reference to one file)


class BlobDimensionality(enum.Enum):
    SINGLE = "single"
    MULTIPART = "multipart"


@dataclass(frozen=True)
class BlobType:
    """The kind of file a blob holds: `format` names its content."""
    format: str
    dimensionality: BlobDimensionality = BlobDimensionality.SINGLE


@dataclass(frozen=True)
class LiteralType:
    """The type of a literal; only blobs are used here."""
    blob: Optional[BlobType] = None


@dataclass(frozen=True)
class Blob:
    """A file somewhere, by URI, with its BlobType."""
    uri: str
    type: BlobType


@dataclass(frozen=True)
class Literal:
    """A value handed between tasks; here always a Blob."""
    blob: Optional[Blob] = None


ONNX_BLOB_TYPE = BlobType(ONNX_FORMAT, BlobDimensionality.SINGLE)


def _describe_literal_type(literal_type):
    blob = getattr(literal_type, "blob", None)
    if blob is None:
        return "a literal type without a blob (%r)" % (literal_type,)
    dimensionality = getattr(blob.dimensionality, "value", blob.dimensionality)
    return "a %s %r blob" % (dimensionality, blob.format)


# ---------------------------------------------------------------------------
# Files and the store


@dataclass(frozen=True)
class ONNXFile:
    """An .onnx file in a store: `path` on this machine, `uri` to pass on."""
    path: str

    @property
    def uri(self):
        return pathlib.Path(os.path.abspath(self.path)).as_uri()

    @classmethod
    def from_uri(cls, uri):
        """The ONNXFile a file:// URI (or a plain local path) names."""
        parts = urllib.parse.urlparse(uri)
        if parts.scheme == "":
            return cls(os.path.abspath(uri))
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise TypeTransformerFailedError(
                "cannot read %s: the local store reads file:// URIs and local paths only" % uri)
        return cls(urllib.parse.unquote(parts.path))

    def download(self):
        """The local path (the store is local, so nothing moves)."""
        if not os.path.isfile(self.path):
            raise FileNotFoundError("the ONNX file %s is not there (moved or deleted?)"
                                    % self.path)
        return self.path


def _file_stem(text):
    # A config's name may hold anything; only these characters reach a file name.
    return re.sub(r"[^A-Za-z0-9._-]", "_", text).lstrip(".") or "model"


class LocalStore:
    """A folder of .onnx files named by their content: `root`, else
    $ONNXFORGE_STORE, else ~/.cache/onnxforge/store."""

    def __init__(self, root=None):
        self.root = os.path.abspath(root or os.environ.get(STORE_ENV) or DEFAULT_STORE)

    def put(self, data, stem):
        """Writes `data` as <stem>-<content hash>.onnx; returns its ONNXFile."""
        os.makedirs(self.root, exist_ok=True)
        name = "%s-%s.onnx" % (_file_stem(stem), hashlib.sha256(data).hexdigest()[:16])
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


class TransformContext:
    """What a transformer works in: `file_access`, the store files go to.
    `store` is a LocalStore, a folder path, or None for the default."""

    def __init__(self, store=None):
        self.file_access = store if isinstance(store, LocalStore) else LocalStore(store)


# ---------------------------------------------------------------------------
# Type transformers


def _split_annotated(t):
    """(base type, annotations) of Annotated[base, ...]; (t, ()) otherwise."""
    if typing.get_origin(t) is typing.Annotated:
        base, *annotations = typing.get_args(t)
        return base, tuple(annotations)
    return t, ()


def _type_name(t):
    return getattr(t, "__name__", None) or repr(t)


class ONNXTypeTransformer:
    """Turns one wrapper type into an 'onnx' blob literal and back into an
    ONNXFile. Subclasses set the wrapper and config classes and convert."""

    python_type = None
    config_type = None

    @property
    def name(self):
        return type(self).__name__

    def extract_config(self, t):
        """(base type, config) of Annotated[Wrapper, Config(...)]; (t, None)
        for a plain type."""
        base, annotations = _split_annotated(t)
        if not annotations:
            return t, None
        self._check_handles(base)
        configs = [a for a in annotations if isinstance(a, self.config_type)]
        wanted = self.config_type.__name__
        shown = "Annotated[%s, ...]" % _type_name(base)
        if not configs:
            raise TypeTransformerFailedError(
                "%s carries %s, not a %s: annotate %s with a %s(...)"
                % (shown, ", ".join(type(a).__name__ for a in annotations), wanted,
                   _type_name(base), wanted))
        if len(configs) > 1:
            raise TypeTransformerFailedError(
                "%s carries %d %s objects; keep one" % (shown, len(configs), wanted))
        return base, configs[0]

    def get_literal_type(self, t):
        """Whatever the config, the value becomes one .onnx file."""
        return LiteralType(blob=ONNX_BLOB_TYPE)

    def to_literal(self, ctx, python_val, python_type, expected):
        """Converts `python_val` with the config annotated on `python_type`
        (else the one given by with_config), checks the model, writes it to
        ctx's store and returns a Literal naming the file."""
        wanted = self.get_literal_type(python_type)
        if expected is not None and expected != wanted:
            raise TypeTransformerFailedError(
                "%s becomes %s, but %s was expected"
                % (_type_name(self.python_type), _describe_literal_type(wanted),
                   _describe_literal_type(expected)))
        onnx_file = self.write_onnx_file(ctx, python_val, python_type)
        return Literal(blob=Blob(uri=onnx_file.uri, type=wanted.blob))

    def to_python_value(self, ctx, lv, expected_python_type):
        """The ONNXFile a literal names; download() gives its local path."""
        blob = getattr(lv, "blob", None)
        if blob is None:
            raise TypeTransformerFailedError(
                "%s reads a blob literal, and %r holds no blob" % (self.name, lv))
        if not blob.uri:
            raise TypeTransformerFailedError(
                "the literal's blob has an empty uri: it names no ONNX file to read")
        blob_format = getattr(blob.type, "format", None)
        if blob_format != ONNX_FORMAT:
            raise TypeTransformerFailedError(
                "%s reads %r blobs; this one holds %r (%s)"
                % (self.name, ONNX_FORMAT, blob_format, blob.uri))
        return ONNXFile.from_uri(blob.uri)

    def guess_python_type(self, literal_type):
        """The wrapper class, for a literal type this transformer writes."""
        if getattr(literal_type, "blob", None) == ONNX_BLOB_TYPE:
            return self.python_type
        raise TypeTransformerFailedError(
            "%s reads a single %r blob, not %s"
            % (self.name, ONNX_FORMAT, _describe_literal_type(literal_type)))

    def write_onnx_file(self, ctx, python_val, python_type):
        """The work of to_literal, up to the ONNXFile in the store."""
        if not isinstance(python_val, self.python_type):
            raise TypeTransformerFailedError(
                "%s converts %s values; got a %s (wrap the model: %s(model))"
                % (self.name, self.python_type.__name__, type(python_val).__name__,
                   self.python_type.__name__))
        _, config = self.extract_config(python_type)
        if config is None:
            config = python_val.config
        self._check_config(config)
        model_name = type(python_val.model).__name__
        try:
            model = self.convert(python_val.model, config)
        except TypeTransformerFailedError:
            raise
        except Exception as e:
            raise TypeTransformerFailedError("converting %s failed: %s" % (model_name, e)) from e
        from onnxforge import checker
        try:
            checker.check_model(model)
        except Exception as e:
            raise TypeTransformerFailedError(
                "the ONNX model converted from %s fails the checker: %s" % (model_name, e)) from e
        ctx = ctx if ctx is not None else TransformContext()
        stem = getattr(config, "name", None) or model_name
        return ctx.file_access.put(model.SerializeToString(), stem)

    def convert(self, model, config):
        """The ModelProto of `model` under `config`."""
        raise NotImplementedError

    def _check_handles(self, base):
        if not (isinstance(base, type) and issubclass(base, self.python_type)):
            raise TypeTransformerFailedError(
                "%s handles %s, not %s" % (self.name, self.python_type.__name__, _type_name(base)))

    def _check_config(self, config):
        wrapper, wanted = self.python_type.__name__, self.config_type.__name__
        if config is None:
            raise TypeTransformerFailedError(
                "%s has no config: annotate the type as Annotated[%s, %s(...)] or call "
                ".with_config(%s(...))" % (wrapper, wrapper, wanted, wanted))
        if not isinstance(config, self.config_type):
            raise TypeTransformerFailedError(
                "%s needs a %s (use .with_config(%s(...))); got %s"
                % (wrapper, wanted, wanted, type(config).__name__))


class ScikitLearn2ONNXTransformer(ONNXTypeTransformer):
    python_type = ScikitLearn2ONNX
    config_type = ScikitLearn2ONNXConfig

    def convert(self, model, config):
        import onnxforge
        result = onnxforge.convert_sklearn(
            model, name=config.name, initial_types=config.initial_types,
            doc_string=config.doc_string, target_opset=config.target_opset,
            custom_conversion_functions=config.custom_conversion_functions,
            custom_shape_calculators=config.custom_shape_calculators,
            custom_parsers=config.custom_parsers, options=config.options,
            intermediate=config.intermediate, naming=config.naming,
            white_op=config.white_op, black_op=config.black_op, verbose=config.verbose,
            final_types=config.final_types)
        # intermediate=True also returns the topology; the file holds the model.
        return result[0] if isinstance(result, tuple) else result


class _NotYetAvailable(ONNXTypeTransformer):
    framework = None

    def convert(self, model, config):
        raise TypeTransformerFailedError(
            "the %s converter is not available yet in onnxforge; only ScikitLearn2ONNX "
            "converts today" % self.framework)


class PyTorch2ONNXTransformer(_NotYetAvailable):
    python_type = PyTorch2ONNX
    config_type = PyTorch2ONNXConfig
    framework = "PyTorch"


class TensorFlow2ONNXTransformer(_NotYetAvailable):
    python_type = TensorFlow2ONNX
    config_type = TensorFlow2ONNXConfig
    framework = "TensorFlow"


class TypeEngine:
    """Finds the transformer of a wrapper type, plain or Annotated."""

    _transformers = {}

    @classmethod
    def register(cls, transformer):
        cls._transformers[transformer.python_type] = transformer

    @classmethod
    def get_transformer(cls, t):
        base, _ = _split_annotated(t)
        for candidate in getattr(base, "__mro__", ()):
            if candidate in cls._transformers:
                return cls._transformers[candidate]
        raise TypeTransformerFailedError(
            "no ONNX type transformer for %s; onnxforge.flyte handles %s"
            % (_type_name(base), ", ".join(k.__name__ for k in cls._transformers)))


for _transformer in (ScikitLearn2ONNXTransformer(), PyTorch2ONNXTransformer(),
                     TensorFlow2ONNXTransformer()):
    TypeEngine.register(_transformer)


def to_onnx_file(wrapper, store=None):
    """Converts the wrapped model with its config, checks it, and writes it
    to `store` (a LocalStore or a folder path; the default store if None)."""
    transformer = TypeEngine.get_transformer(type(wrapper))
    return transformer.write_onnx_file(TransformContext(store), wrapper, type(wrapper))
