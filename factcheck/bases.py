"""The shipped data ``factcheck train --base`` adds to a user's own annotations.

A few hundred sentences of one newsroom are too few to learn four labels
from; added to the data the default model learned from they shift the model
toward that newsroom's style without losing what the base teaches. Part of
that data is real articles the project may not redistribute, so the base
ships as derived, non-textual data: each training sentence's count vector
from the pipeline's stateless first step (``features.HashedCounts``), its
label, a hash of its document and its text-free layout numbers
(``context.layout``: quotation marks, question marks) and span counts
(``span_features.span_rows``: sources by stance, figures, hedged figures)
and the weight the default model gave it, in ``default.npz`` (package data of
``factcheck.base_data``, ``data/base/`` in a checkout), described by
``default.json`` (the hashing parameters, the sources with their licences
and counts, and the SHA-256 of the arrays). Training fits the remaining steps
on the user's counts stacked on these. ``python -m factcheck.corpus.base``
rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from factcheck.errors import FactcheckError, UsageError
from factcheck.labels import LABEL_IDS
from factcheck.storage import CARD, models_dir, read_card

DEFAULT_BASE = "default"


@dataclass(frozen=True)
class Base:
    """Count vectors (one row a sentence), labels, document hashes and what they came from."""

    name: str
    counts: sparse.csr_matrix
    labels: list[str]
    groups: np.ndarray
    layout: np.ndarray  # factcheck.context.layout of each sentence: numbers, no text
    description: dict[str, Any]
    spans: np.ndarray | None = None  # factcheck.span_features.span_rows, None in a base built before them
    weights: np.ndarray | None = None  # how many times each sentence counts; None: once each

    @property
    def features(self) -> dict[str, Any]:
        """The ``HashedCounts`` parameters the counts were made with."""
        return self.description["features"]


def base_dir() -> Path:
    """Where shipped bases live: ``data/base/`` in a checkout, package data when installed."""
    return Path(str(resources.files("factcheck.base_data")))


def resolve_base(name: str) -> str:
    """The base ``--base NAME`` stands for.

    ``default`` is the data the default model learns from. Any other shipped
    model stands for the base its card records, so a model trained with
    ``--base default`` can be named as the base of the next.
    """
    if name != DEFAULT_BASE:
        card = models_dir() / name / CARD
        if not card.is_file():
            raise UsageError(f"--base {name}: no shipped model of that name; use --base {DEFAULT_BASE}")
        recorded = {source.get("base") for source in read_card(card.parent).get("training_data", [])}
        if DEFAULT_BASE not in recorded:
            raise UsageError(
                f"--base {name}: that model was trained without a base; use --base {DEFAULT_BASE}"
            )
    return DEFAULT_BASE


def load_base(name: str, directory: Path | None = None) -> Base:
    """Read a base's arrays (never pickles), checking them against their recorded SHA-256."""
    name = resolve_base(name)
    directory = directory or base_dir()
    arrays_path, description_path = directory / f"{name}.npz", directory / f"{name}.json"
    try:
        description = json.loads(description_path.read_text(encoding="utf-8"))
        raw = arrays_path.read_bytes()
    except FileNotFoundError as err:
        raise FactcheckError(f"--base {name}: shipped base data missing ({err.filename})") from None
    if hashlib.sha256(raw).hexdigest() != description.get("sha256"):
        raise FactcheckError(f"{arrays_path}: base data is damaged (SHA-256 differs from {description_path})")
    with np.load(arrays_path, allow_pickle=False) as arrays:
        counts = sparse.csr_matrix(
            (arrays["data"].astype(np.float64), arrays["indices"], arrays["indptr"]),
            shape=tuple(arrays["shape"]),
        )
        labels = [LABEL_IDS[i] for i in arrays["labels"]]
        groups = arrays["groups"]
        if "layout" not in arrays.files:
            raise FactcheckError(
                f"{arrays_path}: base data predates the context stage (no layout rows); "
                "reinstall factcheck or rebuild it with python -m factcheck.corpus.base"
            )
        layout = arrays["layout"].astype(np.float64)
        spans = arrays["spans"].astype(np.float64) if "spans" in arrays.files else None
        weights = arrays["weights"].astype(np.float64) if "weights" in arrays.files else None
    return Base(name, counts, labels, groups, layout, description, spans, weights)
