"""Score two models on the same annotated sentences: is the retrained model better?

A user who retrains on their own annotations needs more than the new model's
score: the old and the new side by side on the same sentences, and the
sentences whose label changed, each marked as fixed (the new label is right),
broken (the old one was) or still wrong, because one macro-F1 figure hides
whether a gain on one label was paid for on another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from factcheck.data import document_ids, read_examples
from factcheck.errors import UsageError
from factcheck.evaluation import Report, bootstrap_f1, score
from factcheck.labelling import Labeller
from factcheck.labels import LABEL_IDS
from factcheck.resampling import Interval, can_resample, interval


@dataclass(frozen=True)
class Change:
    """A sentence the two models label differently, with the gold label and what the change did."""

    text: str
    gold: str
    old: str
    new: str

    @property
    def verdict(self) -> str:
        if self.new == self.gold:
            return "fixed"
        return "broken" if self.old == self.gold else "still wrong"


@dataclass(frozen=True)
class Comparison:
    """Both models' reports on the same data and the sentences whose label changed, in file order."""

    data: str
    models: tuple[str, str]
    reports: tuple[Report, Report]
    changes: list[Change]
    # The new model's F1 less the old one's, macro ("macro-F1") and per label: a 95% interval over
    # the file's documents, resampled, both models on the same resamples (``factcheck.resampling``).
    change_intervals: dict[str, Interval]
    documents: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; the keys are part of the CLI's machine-readable output."""
        return {
            "data": self.data,
            "models": [
                {"model": model, **report.to_dict()}
                for model, report in zip(self.models, self.reports, strict=True)
            ],
            "changes": [{**asdict(c), "verdict": c.verdict} for c in self.changes],
            "change_intervals": {
                "documents": self.documents,
                **{name: asdict(found) for name, found in self.change_intervals.items()},
            },
        }


def compare_models(data: str | Path, models: Sequence[str | Path], trust: bool = False) -> Comparison:
    """Score the old model ``models[0]`` and the new ``models[1]`` on the annotated file ``data``."""
    if len(models) != 2:
        raise UsageError(f"compare needs exactly two models (--model old --model new), got {len(models)}")
    examples = read_examples(data)
    texts = [e.text for e in examples]
    gold = [e.label for e in examples]
    documents = document_ids(examples)  # each sentence read in its document, as predict reads it
    old, new = (
        [label for label, _, _ in Labeller.load(m, trust).label_sentences(texts, documents)] for m in models
    )
    changes = [Change(text, g, o, n) for text, g, o, n in zip(texts, gold, old, new, strict=True) if o != n]
    intervals: dict[str, Interval] = {}
    if can_resample(documents):
        before, after = bootstrap_f1(gold, [old, new], documents)  # the same draws for both
        names = ["macro-F1", *LABEL_IDS]
        intervals = {
            name: interval(after[:, n] - before[:, n])
            for n, name in enumerate(names)
            if name == "macro-F1" or name in gold
        }
    return Comparison(
        str(data),
        (str(models[0]), str(models[1])),
        (score(gold, old), score(gold, new)),
        changes,
        intervals,
        len(set(documents)),
    )
