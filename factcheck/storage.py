"""Model directories: ``model.skops`` weights with a readable ``model.json`` card beside it.

Loading a model must never run code from the model directory, because users
share models. The weights are therefore stored with skops, a format that
rebuilds scikit-learn objects from a JSON description and numpy arrays
without unpickling; every type it names must be in ``TRUSTED_TYPES`` below,
and the card records the SHA-256 of the weights, which is checked before any
byte of them is parsed. A damaged, truncated or swapped weights file is a
clear error, not a traceback, and a model holding any type not on the list
is refused before anything is built.

Older models are joblib pickles (``model.joblib``); unpickling runs whatever
the file says, so they load only with an explicit ``trust=True``
(``--trust-model``), and retraining writes the safe format.

A model directory is written whole or not at all: both files go into a fresh
sibling ``.NAME.new-*`` directory which then takes the target's place by an
atomic exchange (``renameat2``), so the directory is never missing, not even
for an instant. Where the exchange is not supported, the old directory is
moved aside to ``.NAME.old-*`` first, and a run killed between the two
renames is repaired by the next load or save. Writers hold a lock file
(``.NAME.lock``) for the whole of a train, so two runs cannot interleave,
and the next writer removes staging folders a killed run left.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import hashlib
import io
import json
import os
import shutil
import tempfile
import warnings
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import sklearn
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.pipeline import Pipeline

from factcheck.context import DocumentClassifier
from factcheck.errors import FactcheckError
from factcheck.labels import LABEL_IDS

WEIGHTS = "model.skops"
LEGACY_WEIGHTS = "model.joblib"
CARD = "model.json"
DEFAULT_MODEL = "default"
USER_MODELS = "models"

#: Every type a model file may name, as ``module.qualname``: nothing else is
#: ever imported or built while loading. To put a new estimator or
#: transformer in the pipeline (``model.make_pipeline``), add its class here,
#: and any helper class its fitted state holds (``factcheck save`` fails with
#: the missing name, and ``tests/test_storage.py`` saves and loads every
#: pipeline ``make_pipeline`` builds). Only add classes whose construction
#: and ``__setstate__`` do nothing but store data.
TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        # containers and scalars of the JSON description
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.NoneType",
        # numpy arrays and the dtypes scikit-learn stores
        "numpy.ndarray",
        "numpy.float64",
        "numpy.float32",
        "numpy.int64",
        "numpy.int32",
        "numpy.uint8",
        "numpy.int8",
        "numpy.bool_",
        "numpy.uint64",
        "numpy.random._generator.Generator",
        # the pipeline factcheck builds (factcheck.model, factcheck.features)
        "sklearn.pipeline.Pipeline",
        "factcheck.features.HashedCounts",
        "factcheck.features.BlockTfidf",
        "sklearn.calibration.CalibratedClassifierCV",
        "sklearn.calibration._CalibratedClassifier",
        "sklearn.isotonic.IsotonicRegression",
        "sklearn.svm._classes.LinearSVC",
        "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.linear_model._stochastic_gradient.SGDClassifier",
        "sklearn._loss._loss.CyHalfBinomialLoss",
        # the context stage (factcheck.context): boosted trees over sentence probabilities
        "factcheck.context.DocumentClassifier",
        "sklearn.ensemble._hist_gradient_boosting.gradient_boosting.HistGradientBoostingClassifier",
        "sklearn.ensemble._hist_gradient_boosting.predictor.TreePredictor",
        "sklearn.ensemble._hist_gradient_boosting.binning._BinMapper",
        "sklearn.preprocessing._label.LabelEncoder",
        "sklearn._loss.loss.HalfMultinomialLoss",
        "sklearn._loss._loss.CyHalfMultinomialLoss",
        "sklearn._loss.link.MultinomialLogit",
        "sklearn._loss.link.Interval",
    }
)

# How to open a model that predates the card's weights record: a pickle.
_LEGACY_HINT = (
    "it is a pickle (model.joblib), and loading a pickle runs any code its author put in it; "
    "if you trust where it came from, pass --trust-model, then retrain it with 'factcheck train' "
    "to get the safe format"
)
_RENAME_EXCHANGE = 2


def models_dir() -> Path:
    """Where shipped models live: ``models/`` in a checkout, package data when installed."""
    return Path(str(resources.files("factcheck.models")))


def resolve_model_dir(spec: str | Path | None) -> Path:
    """A model directory from a path, a model's name, or None for the shipped default.

    A bare name is looked up among the shipped models first, so ``--model
    default`` always means the model factcheck ships, then under ``./models``,
    where ``factcheck train --out models/NAME`` puts a user's own.
    """
    if spec is None:
        return models_dir() / DEFAULT_MODEL
    path = Path(spec)
    if path.is_dir() or os.sep in str(spec) or "/" in str(spec):
        return path
    for parent in (models_dir(), Path(USER_MODELS)):
        if (parent / path).is_dir():
            return parent / path
    return path


def list_models() -> list[tuple[str, Path, dict[str, Any]]]:
    """Shipped models and the user's under ``./models``: the name ``--model`` takes, directory, card.

    A user's model whose name a shipped one shadows is named by its path.
    Hidden directories are the leftovers of an interrupted ``train``.
    """
    found = []
    parents = dict.fromkeys(p.resolve() for p in (models_dir(), Path(USER_MODELS)) if p.is_dir())
    for parent in parents:
        for child in sorted(parent.iterdir()):
            if not child.name.startswith(".") and (child / CARD).is_file():
                name = (
                    child.name if resolve_model_dir(child.name).resolve() == child.resolve() else str(child)
                )
                found.append((name, child, read_card(child)))
    return found


def read_card(model_dir: Path) -> dict[str, Any]:
    """The model card as a dict; errors name the directory and what is wrong."""
    model_dir = Path(model_dir)
    if not model_dir.exists():
        _recover(model_dir)
    if not model_dir.exists():
        raise FactcheckError(f"{model_dir}: no such model directory")
    if not model_dir.is_dir():
        raise FactcheckError(f"{model_dir}: is a file, expected a model directory")
    card_path = model_dir / CARD
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FactcheckError(f"{model_dir}: not a model directory (no {CARD})") from None
    except PermissionError:
        raise FactcheckError(f"{card_path}: permission denied") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise FactcheckError(f"{card_path}: model card is corrupt (not valid JSON)") from None
    if not isinstance(card, dict):
        raise FactcheckError(f"{card_path}: model card is corrupt (not a JSON object)")
    return card


def load_model(
    spec: str | Path | None = None, trust: bool = False
) -> tuple[Pipeline | DocumentClassifier, dict[str, Any]]:
    """Load a fitted pipeline and its card, refusing anything that would misbehave.

    ``trust`` allows a legacy pickle to be unpickled; the safe format never needs it.
    """
    model_dir = resolve_model_dir(spec)
    card = read_card(model_dir)
    versions = card.get("versions") if isinstance(card.get("versions"), dict) else {}
    trained_with = versions.get("scikit-learn", "unknown")
    if _minor(str(trained_with)) != _minor(sklearn.__version__):
        raise FactcheckError(
            f"{model_dir}: trained with scikit-learn {trained_with}, but {sklearn.__version__} "
            "is installed; install the matching version or retrain with 'factcheck train'"
        )
    if isinstance(card.get("weights"), dict) and card["weights"].get("format") == "skops":
        pipeline = _load_skops(model_dir, card["weights"])
    elif (model_dir / LEGACY_WEIGHTS).exists():
        if not trust:
            raise FactcheckError(f"{model_dir}: not loaded: {_LEGACY_HINT}")
        pipeline = _load_pickle(model_dir, card)
    elif (model_dir / WEIGHTS).exists():
        raise FactcheckError(f"{model_dir / CARD}: records no SHA-256 of {WEIGHTS}, so it cannot be verified")
    else:
        raise FactcheckError(f"{model_dir}: model weights missing ({WEIGHTS})")
    classes = list(getattr(pipeline, "classes_", []))
    if not hasattr(pipeline, "predict_proba") or not set(classes) <= set(LABEL_IDS) or not classes:
        raise FactcheckError(f"{model_dir}: not a factcheck model")
    return pipeline, card


def check_model(spec: str | Path | None = None, trust: bool = False) -> dict[str, Any]:
    """What ``info`` reports about the weights: format, size, SHA-256 and whether they load.

    A damaged model raises, so ``info`` never calls it healthy; an untrusted
    pickle is reported as not checked rather than loaded.
    """
    model_dir = resolve_model_dir(spec)
    card = read_card(model_dir)
    record = card.get("weights")
    safe = isinstance(record, dict) and record.get("format") == "skops"
    if not safe and not trust and (model_dir / LEGACY_WEIGHTS).exists():
        return {"format": "pickle", "file": LEGACY_WEIGHTS, "status": "not loaded: " + _LEGACY_HINT}
    load_model(model_dir, trust)
    if isinstance(record, dict) and record.get("format") == "skops":
        return {"format": "skops", "file": WEIGHTS, **record, "status": "ok: SHA-256 verified, loads"}
    return {"format": "pickle", "file": LEGACY_WEIGHTS, "status": "ok: loads (trusted pickle)"}


def _read_verified(path: Path, record: dict[str, Any]) -> bytes:
    """The file's bytes, only if they are exactly what the card's SHA-256 says."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FactcheckError(f"{path.parent}: model weights missing ({path.name})") from None
    except PermissionError:
        raise FactcheckError(f"{path}: permission denied") from None
    except OSError as err:
        raise FactcheckError(f"{path}: cannot read ({err.strerror})") from None
    expected = record.get("sha256")
    if not isinstance(expected, str):
        raise FactcheckError(
            f"{path.parent / CARD}: records no SHA-256 of {path.name}, so it cannot be verified"
        )
    if hashlib.sha256(data).hexdigest() != expected:
        size = record.get("bytes")
        short = isinstance(size, int) and len(data) < size
        damage = f"truncated: {len(data)} of {size} bytes" if short else "altered or damaged"
        raise FactcheckError(
            f"{path}: does not match the SHA-256 its card records ({damage}); copy the model again or retrain"
        )
    return data


def _load_skops(model_dir: Path, record: dict[str, Any]) -> Pipeline | DocumentClassifier:
    import skops.io  # here, not at the top: only loading and saving need it

    path = model_dir / WEIGHTS
    data = _read_verified(path, record)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            schema = json.loads(archive.read("schema.json"))
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError):
        raise FactcheckError(f"{path}: model file is corrupt (not a skops archive)") from None
    untrusted = sorted(_named_types(schema) - TRUSTED_TYPES)
    if untrusted:
        raise FactcheckError(
            f"{path}: refused: it holds types factcheck does not trust ({', '.join(untrusted[:5])})"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            stored = skops.io.loads(data, trusted=sorted(TRUSTED_TYPES))
    except InconsistentVersionWarning as warning:
        raise FactcheckError(f"{path}: incompatible scikit-learn version ({warning})") from None
    except Exception as err:  # a malformed archive raises almost anything
        raise FactcheckError(f"{path}: model file is corrupt ({type(err).__name__})") from None
    if not isinstance(stored, dict) or not isinstance(stored.get("pipeline"), (Pipeline, DocumentClassifier)):
        raise FactcheckError(f"{path}: not a factcheck model")
    return stored["pipeline"]


def _load_pickle(model_dir: Path, card: dict[str, Any]) -> Pipeline:
    """Unpickle a legacy model the user trusts; verify it first if its card records a SHA-256."""
    import joblib

    path = model_dir / LEGACY_WEIGHTS
    record = card.get("weights")
    source: Path | io.BytesIO = path
    if isinstance(record, dict) and record.get("sha256"):
        source = io.BytesIO(_read_verified(path, record))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            return joblib.load(source)
    except InconsistentVersionWarning as warning:
        raise FactcheckError(f"{path}: incompatible scikit-learn version ({warning})") from None
    except Exception as err:  # unpickling garbage raises almost anything
        raise FactcheckError(f"{path}: model file is corrupt ({type(err).__name__})") from None


def _named_types(node: Any) -> set[str]:
    """Every ``module.class`` a skops schema names, at any depth: what loading would import."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "__loader__" in item:
                found.add(f"{item.get('__module__')}.{item.get('__class__')}")
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def save_model(pipeline: Pipeline | DocumentClassifier, card: dict[str, Any], out_dir: str | Path) -> Path:
    """Write weights and card into ``out_dir`` as one atomic step; the card gains the weights' SHA-256."""
    import skops.io

    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    with model_lock(out_dir):
        _recover(out_dir)
        _remove_leftovers(out_dir)
        staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.new-"))
        try:
            buffer = io.BytesIO()
            # A dict at the root leaves room for more than the pipeline without a new format.
            skops.io.dump({"pipeline": pipeline}, buffer, compression=zipfile.ZIP_DEFLATED, compresslevel=6)
            data = buffer.getvalue()
            untrusted = sorted(_named_types(_schema(data)) - TRUSTED_TYPES)
            if untrusted:
                raise FactcheckError(
                    f"cannot save this pipeline: storage.TRUSTED_TYPES lacks {', '.join(untrusted)}"
                )
            card = {
                **card,
                "weights": {
                    "format": "skops",
                    "file": WEIGHTS,
                    "bytes": len(data),
                    "sha256": hashlib.sha256(data).hexdigest(),
                },
            }
            (staging / WEIGHTS).write_bytes(data)
            (staging / CARD).write_text(
                json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            for name in (WEIGHTS, CARD):
                with open(staging / name, "rb") as handle:
                    os.fsync(handle.fileno())
            os.chmod(staging, 0o755)
            _swap_in(staging, out_dir)
        except OSError as err:
            shutil.rmtree(staging, ignore_errors=True)
            raise FactcheckError(f"{out_dir}: cannot write the model ({err.strerror})") from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return out_dir


def _schema(data: bytes) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return json.loads(archive.read("schema.json"))


def check_out_dir(out_dir: str | Path) -> None:
    """Refuse a target that is not ours to replace, or not writable, before any work is done.

    ``train`` calls this before fitting, so a wrong ``--out`` costs a second,
    not a whole fit.
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FactcheckError(f"{out_dir}: exists and is not a directory")
    if out_dir.is_dir() and not (out_dir / CARD).exists() and any(out_dir.iterdir()):
        raise FactcheckError(f"{out_dir}: exists and is not a model directory; refusing to replace it")
    existing = out_dir.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise FactcheckError(f"{existing}: is a file, so {out_dir} cannot be created")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise FactcheckError(f"{existing}: permission denied (cannot write {out_dir} there)")


_HELD_LOCKS: dict[Path, int] = {}


@contextlib.contextmanager
def model_lock(out_dir: str | Path) -> Iterator[None]:
    """Hold ``.NAME.lock`` beside ``out_dir``: one writer at a time; the loser is told at once.

    Re-entrant within a process, so ``train`` can hold it across the fit and
    ``save_model`` inside it take it again.
    """
    out_dir = Path(out_dir)
    key = out_dir.absolute()
    if key in _HELD_LOCKS:
        yield
        return
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(out_dir.parent / f".{out_dir.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as err:
        raise FactcheckError(f"{out_dir}: cannot create its lock file ({err.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            raise FactcheckError(
                f"{out_dir}: another factcheck run (pid {holder}) is writing this model directory; "
                "wait for it to finish or choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD_LOCKS[key] = fd
        try:
            yield
        finally:
            del _HELD_LOCKS[key]
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)


def _staged(out_dir: Path, kind: str) -> list[Path]:
    """The ``.NAME.new-*`` or ``.NAME.old-*`` folders beside ``out_dir``, newest first."""
    if not out_dir.parent.is_dir():
        return []
    found = [p for p in out_dir.parent.glob(f".{out_dir.name}.{kind}-*") if p.is_dir()]
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _remove_leftovers(out_dir: Path) -> None:
    """Delete staging folders a killed run left; called with the lock held, so none is in use."""
    for leftover in _staged(out_dir, "new") + _staged(out_dir, "old"):
        shutil.rmtree(leftover, ignore_errors=True)


def _recover(out_dir: Path) -> None:
    """Put back a model directory that a run killed mid-swap left only as ``.NAME.old-*``."""
    if out_dir.exists():
        return
    retired = [p for p in _staged(out_dir, "old") if (p / CARD).is_file()]
    if not retired:
        return
    try:
        with model_lock(out_dir):
            if not out_dir.exists():
                os.rename(retired[0], out_dir)
    except OSError as err:
        raise FactcheckError(
            f"{out_dir}: missing after an interrupted train; the previous model is in {retired[0]} "
            f"and could not be moved back ({err.strerror}); rename it to {out_dir.name}"
        ) from None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directory entries atomically (Linux renameat2); False where that is unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``staging``; the old model survives until the new one is in place."""
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old model
        return
    retired = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.old-"))
    os.rmdir(retired)
    os.rename(out_dir, retired)
    try:
        os.rename(staging, out_dir)
    except BaseException:
        os.rename(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])
