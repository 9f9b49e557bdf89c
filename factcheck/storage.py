"""Model directories: ``model.npz`` weights with a readable ``model.json`` card beside it.

Loading a model must never run code from the model directory, because users
share models. The weights are therefore plain data (``factcheck.codec``): a
JSON description of the fitted pipeline and its numpy arrays in one ``.npz``,
read with ``allow_pickle=False``. Every class the description names must be
in ``TRUSTED_TYPES`` below, and the card records the SHA-256 of the weights,
which is checked before any byte of them is parsed. A damaged, truncated or
swapped weights file is a clear error, not a traceback, and a model holding
any type not on the list is refused before anything is imported or built.

Reading the weights (``read_weights``) needs only numpy, so prediction can
use them without scikit-learn (``factcheck.predictor``); ``load_model``
builds the scikit-learn pipeline from them for everything else.

Models saved before this format still load: ``model.skops`` (the same
allow-list, through skops) and joblib pickles (``model.joblib``); unpickling
runs whatever the file says, so a pickle loads only with an explicit
``trust=True`` (``--trust-model``). Retraining writes the current format.

A model directory is written whole or not at all: both files go into a fresh
sibling ``.NAME.new-*`` directory which then takes the target's place by an
atomic exchange (``renameat2``), so the directory is never missing, not even
for an instant. Where the exchange is not supported, the old directory is
moved aside to ``.NAME.old-*`` first, and a run killed between the two
renames is repaired by the next load or save. Writers hold a lock file
(``.NAME.lock``, removed when they finish) for the whole of a train, so two
runs cannot interleave, and the next writer removes staging folders a killed
run left.
"""

from __future__ import annotations

import contextlib
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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck import codec
from factcheck.errors import FactcheckError
from factcheck.labels import LABEL_IDS

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

    from factcheck.model import DocumentClassifier

WEIGHTS = "model.npz"
SKOPS_WEIGHTS = "model.skops"
LEGACY_WEIGHTS = "model.joblib"
CARD = "model.json"
_MODEL_FILES = frozenset({WEIGHTS, SKOPS_WEIGHTS, LEGACY_WEIGHTS, CARD})
DEFAULT_MODEL = "default"
USER_MODELS = "models"

#: Every type a model file may name, as ``module.qualname``: nothing else is
#: ever imported or built while loading. To put a new estimator or
#: transformer in the pipeline (``model.make_pipeline``), add its class here,
#: and any helper class its fitted state holds (saving fails with the missing
#: name, and ``tests/test_storage.py`` saves and loads every
#: pipeline ``make_pipeline`` builds). Only add classes whose construction
#: and ``__setstate__`` do nothing but store data.
TRUSTED_TYPES: frozenset[str] = frozenset(
    {
        # containers, scalars and arrays, as skops files name them (model.npz holds them natively)
        "builtins.dict",
        "builtins.list",
        "builtins.tuple",
        "builtins.str",
        "builtins.int",
        "builtins.float",
        "builtins.bool",
        "builtins.NoneType",
        "numpy.ndarray",
        "numpy.float64",
        "numpy.float32",
        "numpy.int64",
        "numpy.int32",
        "numpy.uint8",
        "numpy.int8",
        "numpy.bool_",
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
        # the document model (factcheck.model): the pipeline above, then trees stored as arrays
        "factcheck.model.DocumentClassifier",
        "factcheck.context.TreeEnsemble",
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


def shipped_name(model_dir: str | Path) -> str | None:
    """The name ``model_dir`` goes by if it is one of the shipped models, else None."""
    path = Path(model_dir)
    try:
        return path.name if os.path.samefile(models_dir() / path.name, path) else None
    except OSError:  # one of the two does not exist
        return None


def hidden_by_shipped(model_dir: str | Path) -> bool:
    """Whether a user's model directory has a shipped model's name that ``--model NAME`` resolves elsewhere.

    A directory of that name in the working directory wins over the shipped
    one (``resolve_model_dir`` takes an existing path first), so it is not hidden.
    """
    path = Path(model_dir)
    if not (models_dir() / path.name).is_dir():
        return False
    try:
        return not os.path.samefile(resolve_model_dir(path.name), path)
    except OSError:  # the name resolves to nothing that exists, or the directory is gone
        return True


def list_models() -> list[tuple[str, Path, dict[str, Any]]]:
    """Shipped models and the user's under ``./models``: the name ``--model`` takes, directory, card.

    A user's model whose name a shipped one shadows is named by its path;
    a checkout's own copy of a shipped model (``pip install .`` run in it,
    the same card byte for byte) is that model, listed once. Hidden
    directories are the leftovers of an interrupted ``train``. A card that
    cannot be read is given as ``{"error": why}``, so one damaged model does
    not hide the others.
    """
    found = []
    parents = dict.fromkeys(p.resolve() for p in (models_dir(), Path(USER_MODELS)) if p.is_dir())
    for parent in parents:
        for child in sorted(parent.iterdir()):
            if not child.name.startswith(".") and (child / CARD).is_file():
                if hidden_by_shipped(child) and _same_card(child, models_dir() / child.name):
                    continue
                name = (
                    child.name if resolve_model_dir(child.name).resolve() == child.resolve() else str(child)
                )
                try:
                    card = read_card(child)
                except FactcheckError as err:
                    card = {"error": str(err)}
                found.append((name, child, card))
    return found


def _same_card(a: Path, b: Path) -> bool:
    """Whether two model directories hold the same model: the card records its weights' SHA-256."""
    try:
        return (a / CARD).read_bytes() == (b / CARD).read_bytes()
    except OSError:
        return False


def never_given(card: dict[str, Any]) -> list[str]:
    """Labels the card's training data has no example of: the model can never give them."""
    per_label = (card.get("trained_on") or {}).get("per_label") or {}
    return [label for label, n in per_label.items() if n == 0]


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


@dataclass
class Weights:
    """A model directory's verified weights: a description and arrays, or (older formats) a pipeline."""

    model_dir: Path
    card: dict[str, Any]
    structure: Any = None
    arrays: dict[str, Any] | None = None
    pipeline: Pipeline | None = None


def read_weights(spec: str | Path | None = None, trust: bool = False) -> Weights:
    """The card and the SHA-256-verified weights of a model, without building any object.

    Only the current format stays unbuilt (and needs no scikit-learn); a
    skops file or a trusted pickle comes back as its pipeline.
    """
    model_dir = resolve_model_dir(spec)
    card = read_card(model_dir)
    record = _weights_record(card)
    kind = record.get("format")
    if kind == "npz":
        path = model_dir / WEIGHTS
        try:
            structure, arrays = codec.read(_read_verified(path, record))
        except codec.Corrupt as err:
            raise FactcheckError(f"{path}: model file is corrupt ({err})") from None
        untrusted = sorted(codec.named_types(structure) - TRUSTED_TYPES)
        if untrusted:
            raise FactcheckError(
                f"{path}: refused: it holds types factcheck does not trust ({', '.join(untrusted[:5])})"
            )
        return Weights(model_dir, card, structure, arrays)
    if kind == "skops":
        _check_sklearn_version(model_dir, card)
        return Weights(model_dir, card, pipeline=_load_skops(model_dir, record))
    if (model_dir / LEGACY_WEIGHTS).exists():
        if not trust:
            raise FactcheckError(f"{model_dir}: not loaded: {_LEGACY_HINT}")
        _check_sklearn_version(model_dir, card)
        return Weights(model_dir, card, pipeline=_load_pickle(model_dir, card))
    for name in (WEIGHTS, SKOPS_WEIGHTS):
        if (model_dir / name).exists():
            raise FactcheckError(
                f"{model_dir / CARD}: records no SHA-256 of {name}, so it cannot be verified"
            )
    raise FactcheckError(f"{model_dir}: model weights missing ({WEIGHTS})")


def build_pipeline(weights: Weights) -> Pipeline | DocumentClassifier:
    """The scikit-learn model the weights describe (a pipeline or a document model), checked."""
    from sklearn.exceptions import InconsistentVersionWarning

    pipeline = weights.pipeline
    if pipeline is None:
        _check_sklearn_version(weights.model_dir, weights.card)
        path = weights.model_dir / WEIGHTS
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", InconsistentVersionWarning)
                pipeline = codec.build(weights.structure, weights.arrays or {}, TRUSTED_TYPES)
        except InconsistentVersionWarning as warning:
            raise FactcheckError(f"{path}: incompatible scikit-learn version ({warning})") from None
        except codec.UntrustedType as err:
            raise FactcheckError(
                f"{path}: refused: it holds types factcheck does not trust ({err})"
            ) from None
        except Exception as err:  # a malformed description raises almost anything
            raise FactcheckError(f"{path}: model file is corrupt ({type(err).__name__}: {err})") from None
    from sklearn.pipeline import Pipeline

    from factcheck.model import DocumentClassifier
    from factcheck.predictor import LinearPredictor

    try:  # arrays that do not fit together are an error now, not an IndexError mid-prediction
        if isinstance(pipeline, Pipeline):
            LinearPredictor.from_pipeline(pipeline)
        elif isinstance(pipeline, DocumentClassifier):
            LinearPredictor.from_pipeline(pipeline.sentence_model_)
    except codec.Corrupt as err:
        raise FactcheckError(f"{weights.model_dir / WEIGHTS}: model file is corrupt ({err})") from None
    classes = list(getattr(pipeline, "classes_", []))
    if (
        not isinstance(pipeline, (Pipeline, DocumentClassifier))
        or not hasattr(pipeline, "predict_proba")
        or not classes
        or not set(classes) <= set(LABEL_IDS)
    ):
        raise FactcheckError(f"{weights.model_dir}: not a factcheck model")
    return pipeline


def load_model(
    spec: str | Path | None = None, trust: bool = False
) -> tuple[Pipeline | DocumentClassifier, dict[str, Any]]:
    """Load a fitted pipeline and its card, refusing anything that would misbehave.

    ``trust`` allows a legacy pickle to be unpickled; the safe formats never need it.
    """
    weights = read_weights(spec, trust)
    return build_pipeline(weights), weights.card


def _weights_record(card: dict[str, Any]) -> dict[str, Any]:
    """The card's record of its weights file (format, size, SHA-256); empty on a card without one."""
    weights = card.get("weights")
    return weights if isinstance(weights, dict) else {}


def _check_sklearn_version(model_dir: Path, card: dict[str, Any]) -> None:
    """Scikit-learn objects are rebuilt only by the minor version that fitted them."""
    import sklearn

    listed = card.get("versions")
    versions: dict[str, Any] = listed if isinstance(listed, dict) else {}
    trained_with = versions.get("scikit-learn", "unknown")
    if _minor(str(trained_with)) != _minor(sklearn.__version__):
        raise FactcheckError(
            f"{model_dir}: trained with scikit-learn {trained_with}, but {sklearn.__version__} "
            "is installed; install the matching version or retrain with 'factcheck train'"
        )


def check_model(spec: str | Path | None = None, trust: bool = False) -> dict[str, Any]:
    """What ``info`` reports about the weights: format, size, SHA-256 and whether they load.

    A damaged model raises, so ``info`` never calls it healthy; an untrusted
    pickle is reported as not checked rather than loaded.
    """
    model_dir = resolve_model_dir(spec)
    card = read_card(model_dir)
    record = _weights_record(card)
    kind = record.get("format")
    if kind not in ("npz", "skops") and not trust and (model_dir / LEGACY_WEIGHTS).exists():
        return {"format": "pickle", "file": LEGACY_WEIGHTS, "status": "not loaded: " + _LEGACY_HINT}
    load_model(model_dir, trust)
    if kind in ("npz", "skops"):
        file = WEIGHTS if kind == "npz" else SKOPS_WEIGHTS
        return {"format": kind, "file": file, **record, "status": "ok: SHA-256 verified, loads"}
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


def _load_skops(model_dir: Path, record: dict[str, Any]) -> Pipeline:
    """A model saved in the previous format, through skops, under the same allow-list."""
    try:
        import skops.io
        from sklearn.exceptions import InconsistentVersionWarning
        from sklearn.pipeline import Pipeline
    except ImportError:
        raise FactcheckError(
            f"{model_dir}: saved in the older skops format and skops is not installed; "
            "'pip install skops' to read it, or retrain it with 'factcheck train'"
        ) from None

    path = model_dir / SKOPS_WEIGHTS
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
    if not isinstance(stored, dict) or not isinstance(stored.get("pipeline"), Pipeline):
        raise FactcheckError(f"{path}: not a factcheck model")
    return stored["pipeline"]


def _load_pickle(model_dir: Path, card: dict[str, Any]) -> Pipeline:
    """Unpickle a legacy model the user trusts; verify it first if its card records a SHA-256."""
    import joblib
    from sklearn.exceptions import InconsistentVersionWarning

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


def save_model(pipeline: Pipeline, card: dict[str, Any], out_dir: str | Path) -> Path:
    """Write weights and card into ``out_dir`` as one atomic step; the card gains the weights' SHA-256."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    with model_lock(out_dir):
        _recover(out_dir)
        _remove_leftovers(out_dir)
        staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.new-"))
        try:
            try:
                data = codec.dumps(pipeline, TRUSTED_TYPES)
            except codec.UntrustedType as err:
                raise FactcheckError(
                    f"cannot save this pipeline: storage.TRUSTED_TYPES lacks {err}"
                ) from None
            card = {
                **card,
                "weights": {
                    "format": "npz",
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
    others = (
        []
        if not out_dir.is_dir()
        else sorted(p.name for p in out_dir.iterdir() if p.name not in _MODEL_FILES)
    )
    if others:  # the directory is replaced whole: notes or evaluations kept beside the model would be lost
        raise FactcheckError(
            f"{out_dir}: also holds {', '.join(others[:5])}{', …' if len(others) > 5 else ''}, which "
            "replacing the model would delete; move them out or choose another --out"
        )
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
    path = out_dir.parent / f".{out_dir.name}.lock"
    fd = _locked(path, out_dir)
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        _HELD_LOCKS[key] = fd
        try:
            yield
        finally:
            del _HELD_LOCKS[key]
            # Removed while still held, so no file is left behind; a run that opened it meanwhile
            # finds its lock on a removed file and takes a fresh one (``_locked``).
            with contextlib.suppress(OSError):
                path.unlink()
    finally:
        os.close(fd)


def _locked(path: Path, out_dir: Path) -> int:
    """Open and lock ``path``, the lock file of ``out_dir``; the loser of a race is told at once."""
    while True:
        try:
            out_dir.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise FactcheckError(f"{out_dir}: cannot create its lock file ({err.strerror})") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise FactcheckError(
                f"{out_dir}: another factcheck run (pid {holder}) is writing this model directory; "
                "wait for it to finish or choose another --out"
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder removed this file as it finished: lock the one now there


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
    import ctypes  # only writers need it; loading a model should not pay for it

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
