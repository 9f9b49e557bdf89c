"""The shipped data ``factcheck train --base`` adds to a user's own annotations.

A few hundred sentences of one newsroom are too few to learn four labels
from; added to the shipped corpus's train split they shift the model toward
that newsroom's style without losing what the corpus teaches. The split is
package data of ``factcheck.corpus_data`` (``data/corpus/`` in a checkout),
so an installed factcheck finds it from any working directory.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.storage import CARD, models_dir, read_card

DEFAULT_BASE = "default"


def corpus_train_split() -> Path:
    """The shipped corpus's train split: the data the default model learns from."""
    return Path(str(resources.files("factcheck.corpus_data"))) / "train.jsonl"


def resolve_base(name: str) -> tuple[str, Path]:
    """The base ``--base NAME`` stands for and its file.

    ``default`` is the corpus's train split, the data the default model learns
    from. Any other shipped model stands for the base its card records, so a
    model trained with ``--base default`` can be named as the base of the next.
    """
    if name != DEFAULT_BASE:
        card = models_dir() / name / CARD
        if not card.is_file():
            raise FactcheckError(f"--base {name}: no shipped model of that name; use --base {DEFAULT_BASE}")
        recorded = {source.get("base") for source in read_card(card.parent).get("training_data", [])}
        if DEFAULT_BASE not in recorded:
            raise FactcheckError(
                f"--base {name}: that model was trained without a base; use --base {DEFAULT_BASE}"
            )
    return DEFAULT_BASE, corpus_train_split()
