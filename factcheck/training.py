"""Train a model directory from annotated files: split, fit, score, write.

The held-out share is split by document when the data carries ``doc_id``:
sentences of one article share names and phrasing, and letting them sit on
both sides would flatter the score a user sees. The model that is saved is
the one that was scored, so the card's figures describe the shipped weights.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import nltk
import numpy
import sklearn
import skops
from sklearn.model_selection import GroupShuffleSplit, StratifiedShuffleSplit
from sklearn.pipeline import Pipeline

from factcheck import __version__
from factcheck.bases import resolve_base
from factcheck.data import Example, label_counts, parse_examples
from factcheck.errors import FactcheckError
from factcheck.evaluation import Report, score
from factcheck.inputs import read_bytes
from factcheck.labels import LABELS
from factcheck.model import make_pipeline
from factcheck.storage import check_out_dir, model_lock, read_card, save_model

# The calibrated SVM calibrates over five folds, so each label needs five examples.
MIN_EXAMPLES_PER_LABEL = 5
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainResult:
    model_dir: Path
    card: dict[str, Any]
    report: Report | None


def train_model(
    data: Sequence[str | Path],
    out_dir: str | Path,
    holdout: float = 0.2,
    seed: int = 0,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
    base: str | None = None,
    eval_on: str | Path | None = None,
) -> TrainResult:
    """Read ``data``, hold out a share, fit, score on the share and save to ``out_dir``.

    ``base`` names shipped data to add (see ``bases``); the card records it
    as such, so a model's card tells the user's data from the shipped part.
    ``eval_on`` scores on a separate annotated file (a dev split) instead of
    holding out a share, so all of ``data`` is trained on.
    """
    say = progress or (lambda _message: None)
    if not 0 <= holdout < 1:
        raise FactcheckError(f"--holdout must be at least 0 and below 1, got {holdout}")
    if eval_on is not None:
        holdout = 0.0
    # A wrong --out, or another train writing there, is found before the fit, not after it.
    check_out_dir(out_dir)
    with model_lock(out_dir):
        files: list[tuple[str | Path, str | None]] = [(path, None) for path in data]
        if base is not None:
            base_name, base_path = resolve_base(base)
            files.append((base_path, base_name))
        sources = []
        examples: list[Example] = []
        for path, base_name in files:
            say(f"reading {path}")
            raw = read_bytes(path)
            part = parse_examples(path, raw)
            source = _describe_source(Path(path), raw, part)
            sources.append({**source, "base": base_name} if base_name else source)
            prefix = f"{path}#" if len(files) > 1 else ""
            examples += [Example(e.text, e.label, e.doc_id and prefix + e.doc_id) for e in part]
        _check_counts(examples, "training data")

        train, test = _split(examples, holdout, seed)
        evaluation_source = None
        if eval_on is not None:
            say(f"reading {eval_on}")
            raw = read_bytes(eval_on)
            test = parse_examples(eval_on, raw)
            evaluation_source = _describe_source(Path(eval_on), raw, test)
        pipeline = pipeline if pipeline is not None else make_pipeline()
        say(f"fitting on {len(train)} sentences")
        pipeline.fit([e.text for e in train], [e.label for e in train])
        report = None
        if test:
            say(f"scoring {len(test)} held-out sentences")
            report = score([e.label for e in test], list(pipeline.predict([e.text for e in test])))

        card = build_card(pipeline, sources, train, test, holdout, seed, report, evaluation_source)
        say(f"writing {out_dir}")
        model_dir = save_model(pipeline, card, out_dir)
        return TrainResult(model_dir, read_card(model_dir), report)


def build_card(
    pipeline: Pipeline,
    sources: list[dict[str, Any]],
    train: list[Example],
    test: list[Example],
    holdout: float,
    seed: int,
    report: Report | None,
    evaluation_source: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The model card: everything needed to know what a model is and to rebuild it."""
    return {
        "format": 1,
        "factcheck_version": __version__,
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "labels": [{"id": lab.id, "name": lab.name, "description": lab.description} for lab in LABELS],
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "skops": skops.__version__,
            "nltk": nltk.__version__,
            "numpy": numpy.__version__,
        },
        "training_data": sources,
        "trained_on": {"examples": len(train), "per_label": label_counts(train)},
        "holdout": {
            "share": holdout,
            "seed": seed,
            "examples": len(test),
            "grouped_by": "doc_id" if any(e.doc_id for e in train + test) else None,
            "file": evaluation_source,
        },
        "parameters": _plain_params(pipeline),
        "metrics": {"held_out": report.to_dict() if report else None},
    }


def _describe_source(path: Path, raw: bytes, examples: list[Example]) -> dict[str, Any]:
    return {
        "path": str(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "examples": len(examples),
        "per_label": label_counts(examples),
    }


def _check_counts(examples: list[Example], what: str, hint: str = "add examples") -> None:
    counts = label_counts(examples)
    present = {label: n for label, n in counts.items() if n}
    if len(present) < 2:
        raise FactcheckError(f"{what}: needs at least two different labels, found {sorted(present)}")
    for label, n in present.items():
        if n < MIN_EXAMPLES_PER_LABEL:
            raise FactcheckError(
                f"{what}: label '{label}' has {n} example{'s' if n > 1 else ''}; "
                f"at least {MIN_EXAMPLES_PER_LABEL} are needed to train; {hint}"
            )


def _split(examples: list[Example], holdout: float, seed: int) -> tuple[list[Example], list[Example]]:
    if holdout == 0:
        return examples, []
    labels = [e.label for e in examples]
    if any(e.doc_id for e in examples):
        groups = [e.doc_id or f"#sentence-{i}" for i, e in enumerate(examples)]
        if len(set(groups)) < 2:
            raise FactcheckError(
                "cannot hold out a share: all sentences come from one document; use --holdout 0"
            )
        splitter = GroupShuffleSplit(n_splits=1, test_size=holdout, random_state=seed)
        train_idx, test_idx = next(splitter.split(examples, labels, groups))
    else:
        splitter = StratifiedShuffleSplit(n_splits=1, test_size=holdout, random_state=seed)
        try:
            train_idx, test_idx = next(splitter.split(examples, labels))
        except ValueError as err:
            raise FactcheckError(
                f"cannot hold out a share of {holdout}: {err}; add examples or use --holdout 0"
            ) from None
    train = [examples[i] for i in train_idx]
    test = [examples[i] for i in test_idx]
    missing = sorted(set(labels) - {e.label for e in train})
    if missing:
        raise FactcheckError(
            f"label(s) {', '.join(missing)} have too few examples to hold out a share and still "
            "train on them; add examples or use --holdout 0"
        )
    _check_counts(train, "training part after the hold-out", "add examples or use --holdout 0")
    return train, test


def _plain_params(pipeline: Pipeline) -> dict[str, Any]:
    plain: dict[str, Any] = {}
    for key, value in sorted(pipeline.get_params(deep=True).items()):
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, list) and not all(isinstance(v, (str, int, float)) for v in value):
            continue
        if value is None or isinstance(value, (str, int, float, bool, list)):
            plain[key] = value
    return plain
