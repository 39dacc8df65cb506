"""Loading and saving models, with external data."""
import os

from onnxforge import _core
from onnxforge._messages import model_from_bytes, to_bytes


def load(path, load_external_data=True):
    """Reads a model file; external data is read into the tensors unless
    load_external_data is False."""
    return model_from_bytes(_core.load_model(os.fspath(path), load_external_data))


def load_from_string(data):
    return model_from_bytes(_core.parse_model_bytes(to_bytes(data)))


def save(model, path, save_as_external_data=False, location=None,
         size_threshold=1024):
    """Writes a model atomically. With save_as_external_data, tensors of at
    least size_threshold bytes go to `location` (relative to the model's
    folder; default: the model's file name plus ".data")."""
    _core.save_model(to_bytes(model), os.fspath(path), save_as_external_data,
                     location or "", size_threshold)
