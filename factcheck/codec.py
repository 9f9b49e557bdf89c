"""A fitted pipeline as plain data: a JSON description plus numpy arrays, in one ``.npz`` file.

Loading must never run code from the file. Pickle runs whatever the file
says; this format holds only JSON and ``.npy`` arrays read with
``allow_pickle=False``, and the only classes it ever builds are the ones a
caller trusts by name (``storage.TRUSTED_TYPES``), each from the state its
own ``__getstate__`` gave (scikit-learn's estimators, ours), so
``__setstate__`` only stores data. A class outside the list is refused when
saving (so the allow-list cannot silently fall behind the pipeline) and again
when loading, before anything is imported.

The description is a tree of tagged nodes: JSON scalars stand for
themselves; ``{"list": [...]}``, ``{"tuple": [...]}`` and ``{"dict": {...}}``
for containers; ``{"array": "a3"}`` and ``{"scalar": "a4"}`` for an array or a
numpy scalar stored as member ``a3``/``a4`` of the ``.npz``; ``{"object":
"module.Class", "state": node}`` for an instance, and ``{"object":
"module.Class", "new": true}`` for a stateless one built with no arguments
(scikit-learn's loss objects). It is itself stored in the ``.npz`` as member
``structure``, so the file's one SHA-256 covers both.

Reading needs only numpy and json: ``read`` gives the description and the
arrays without importing any class, which is what lets prediction use the
weights without scikit-learn (``factcheck.predictor``).
"""

from __future__ import annotations

import importlib
import io
import json
import zipfile
from collections.abc import Collection
from typing import Any

import numpy as np

STRUCTURE = "structure"
# Array kinds that .npy stores as plain bytes: bool, integers, floats, complex, text.
_PLAIN_KINDS = frozenset("biufcU")


class UntrustedType(Exception):
    """An object names a class outside the allow-list; ``args[0]`` is the ``module.Class`` name."""


class Corrupt(Exception):
    """The file is not a model file of this format; ``args[0]`` says how."""


def type_name(cls: type) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def dumps(obj: Any, trusted: Collection[str]) -> bytes:
    """``obj`` as the bytes of an ``.npz`` file; UntrustedType names a class not in ``trusted``.

    Members are stored, not deflated: reading the shipped model is a copy
    (30 ms), where inflating took 80.
    """
    arrays: dict[str, np.ndarray] = {}
    structure = _encode(obj, trusted, arrays)
    text = json.dumps(structure, ensure_ascii=True, allow_nan=True, separators=(",", ":"))
    arrays[STRUCTURE] = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def read(data: bytes) -> tuple[Any, dict[str, np.ndarray]]:
    """The description and the arrays of a file's bytes; nothing is imported or built."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as err:
        raise Corrupt(f"not an npz archive of plain arrays ({type(err).__name__})") from None
    raw = arrays.pop(STRUCTURE, None)
    if raw is None or raw.dtype != np.uint8 or raw.ndim != 1:
        raise Corrupt("no model description in the archive")
    try:
        structure = json.loads(raw.tobytes().decode("ascii"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise Corrupt("the model description is not valid JSON (or nested too deep)") from None
    return structure, arrays


def named_types(node: Any) -> set[str]:
    """Every ``module.Class`` a description names, at any depth: what ``build`` would import."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("object"), str):
                found.add(item["object"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def build(structure: Any, arrays: dict[str, np.ndarray], trusted: Collection[str]) -> Any:
    """The object a description stands for; every class it names must be in ``trusted``.

    The whole description is checked before any class is imported, so a
    file naming ``os.system`` is refused without touching ``os``.
    """
    untrusted = sorted(named_types(structure) - set(trusted))
    if untrusted:
        raise UntrustedType(", ".join(untrusted[:5]))
    return _decode(structure, arrays)


def _encode(obj: Any, trusted: Collection[str], arrays: dict[str, np.ndarray]) -> Any:
    if obj is None or type(obj) in (bool, int, float, str):
        return obj
    if isinstance(obj, list) and type(obj) is list:
        return {"list": [_encode(x, trusted, arrays) for x in obj]}
    if isinstance(obj, tuple) and type(obj) is tuple:
        return {"tuple": [_encode(x, trusted, arrays) for x in obj]}
    if type(obj) is dict and all(isinstance(k, str) for k in obj):
        return {"dict": {k: _encode(v, trusted, arrays) for k, v in obj.items()}}
    if isinstance(obj, (np.ndarray, np.generic)) and obj.dtype.kind in _PLAIN_KINDS:
        name = f"a{len(arrays)}"
        arrays[name] = np.asarray(obj)
        return {"scalar" if isinstance(obj, np.generic) else "array": name}
    if isinstance(obj, np.ndarray) and obj.dtype == object and all(type(x) is str for x in obj.flat):
        return {"strings": obj.tolist(), "shape": list(obj.shape)}
    name = type_name(type(obj))
    if name not in trusted:
        raise UntrustedType(name)
    if not hasattr(obj, "__dict__") and obj.__reduce__() == (type(obj), ()):
        return {"object": name, "new": True}
    return {"object": name, "state": _encode(obj.__getstate__(), trusted, arrays)}


def plain(node: Any, arrays: dict[str, np.ndarray]) -> Any:
    """The data a node holds (containers, arrays, scalars); Corrupt if it holds any object."""
    return _decode(node, arrays, objects=False)


def _decode(node: Any, arrays: dict[str, np.ndarray], objects: bool = True) -> Any:
    if node is None or isinstance(node, (bool, int, float, str)):
        return node
    if not isinstance(node, dict) or not node:
        raise Corrupt(f"unexpected node {str(node)[:40]!r}")
    if "list" in node:
        return [_decode(x, arrays, objects) for x in node["list"]]
    if "tuple" in node:
        return tuple(_decode(x, arrays, objects) for x in node["tuple"])
    if "dict" in node:
        return {str(k): _decode(v, arrays, objects) for k, v in node["dict"].items()}
    if "array" in node or "scalar" in node:
        name = node.get("array", node.get("scalar"))
        if name not in arrays:
            raise Corrupt(f"array {str(name)[:40]!r} is missing")
        return arrays[name] if "array" in node else arrays[name][()]
    if "strings" in node:
        return np.array(node["strings"], dtype=object).reshape(node["shape"])
    if "object" in node and objects:
        cls: Any = _import(node["object"])
        if node.get("new") is True:
            return cls()
        obj = cls.__new__(cls)
        state = _decode(node.get("state"), arrays)
        if not isinstance(state, dict):
            raise Corrupt(f"the state of {node['object']} is not a mapping")
        if hasattr(obj, "__setstate__"):
            obj.__setstate__(state)
        else:
            obj.__dict__.update(state)
        return obj
    raise Corrupt(f"unexpected node {str(node)[:40]!r}")


def _import(name: str) -> type:
    """The class ``module.Class`` names (only ever called with a name on the allow-list)."""
    module_name, _, qualname = name.rpartition(".")
    try:
        obj = getattr(importlib.import_module(module_name), qualname, None)
    except ImportError:
        raise Corrupt(f"{name} cannot be imported here") from None
    if not isinstance(obj, type):
        raise Corrupt(f"{name} is not a class")
    return obj
