"""Model directories: ``model.joblib`` with a readable ``model.json`` card beside it.

A model directory is written whole or not at all: both files are written into
a fresh sibling directory which then takes the target's place, so an
interrupted ``train`` leaves the previous model untouched. Loading checks the
card before unpickling, so a model from another scikit-learn version or a
damaged file is a clear error, not a traceback from deep inside joblib.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import warnings
from importlib import resources
from pathlib import Path
from typing import Any

import joblib
import sklearn
from sklearn.exceptions import InconsistentVersionWarning
from sklearn.pipeline import Pipeline

from factcheck.errors import FactcheckError
from factcheck.labels import LABEL_IDS

WEIGHTS = "model.joblib"
CARD = "model.json"
DEFAULT_MODEL = "default"
USER_MODELS = "models"


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
        raise FactcheckError(f"{model_dir}: no such model directory")
    if not model_dir.is_dir():
        raise FactcheckError(f"{model_dir}: is a file, expected a model directory")
    card_path = model_dir / CARD
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FactcheckError(f"{model_dir}: not a model directory (no {CARD})") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise FactcheckError(f"{card_path}: model card is corrupt (not valid JSON)") from None
    if not isinstance(card, dict):
        raise FactcheckError(f"{card_path}: model card is corrupt (not a JSON object)")
    return card


def load_model(spec: str | Path | None = None) -> tuple[Pipeline, dict[str, Any]]:
    """Load a fitted pipeline and its card, refusing anything that would misbehave."""
    model_dir = resolve_model_dir(spec)
    card = read_card(model_dir)
    trained_with = card.get("versions", {}).get("scikit-learn", "unknown")
    if _minor(trained_with) != _minor(sklearn.__version__):
        raise FactcheckError(
            f"{model_dir}: trained with scikit-learn {trained_with}, but {sklearn.__version__} "
            "is installed; install the matching version or retrain with 'factcheck train'"
        )
    weights = model_dir / WEIGHTS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", InconsistentVersionWarning)
            pipeline = joblib.load(weights)
    except FileNotFoundError:
        raise FactcheckError(f"{model_dir}: model weights missing ({WEIGHTS})") from None
    except InconsistentVersionWarning as warning:
        raise FactcheckError(f"{weights}: incompatible scikit-learn version ({warning})") from None
    except Exception as err:  # unpickling garbage raises almost anything
        raise FactcheckError(f"{weights}: model file is corrupt ({type(err).__name__})") from None
    classes = list(getattr(pipeline, "classes_", []))
    if not hasattr(pipeline, "predict_proba") or not set(classes) <= set(LABEL_IDS) or not classes:
        raise FactcheckError(f"{weights}: not a factcheck model")
    return pipeline, card


def save_model(pipeline: Pipeline, card: dict[str, Any], out_dir: str | Path) -> Path:
    """Write weights and card into ``out_dir`` as one atomic step."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise FactcheckError(f"{out_dir}: exists and is not a directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / CARD).exists():
        raise FactcheckError(f"{out_dir}: exists and is not a model directory; refusing to replace it")
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.new-"))
    try:
        joblib.dump(pipeline, staging / WEIGHTS, compress=3)
        (staging / CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for name in (WEIGHTS, CARD):
            with open(staging / name, "rb") as handle:
                os.fsync(handle.fileno())
        os.chmod(staging, 0o755)
        _swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def _swap_in(staging: Path, out_dir: Path) -> None:
    """Replace ``out_dir`` by ``staging``; the old model survives until the new one is in place."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    retired = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.old-"))
    os.rmdir(retired)
    os.replace(out_dir, retired)
    try:
        os.replace(staging, out_dir)
    except BaseException:
        os.replace(retired, out_dir)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])
