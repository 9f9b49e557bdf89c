"""Score predictions against gold labels: the figures a user decides by.

Always reports all four labels in the canonical order, including ones absent
from a small evaluation file, so two reports line up column for column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.data import document_ids, read_annotation_lines, read_examples
from factcheck.labels import LABEL_IDS
from factcheck.resampling import Interval
from factcheck.span_scoring import SpanReport, score_span_gold

if TYPE_CHECKING:
    import numpy as np

    from factcheck.explanation import Push  # numpy: not needed to start the CLI


@dataclass(frozen=True)
class LabelScores:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    """Per-label scores, accuracy, macro-F1 and the confusion matrix (rows are gold)."""

    examples: int
    accuracy: float
    macro_f1: float
    per_label: dict[str, LabelScores]
    confusion: dict[str, dict[str, int]]

    def to_dict(self) -> dict:
        """JSON-ready form; the keys are part of the CLI's machine-readable output."""
        return asdict(self)


def score(gold: Sequence[str], predicted: Sequence[str]) -> Report:
    """Compare two label sequences of equal length.

    Macro-F1 averages over the labels present in the gold data, so a file that
    holds no estimates is not penalised for the empty column.
    """
    # Imported here: the CLI imports this module to start, and scikit-learn takes a second.
    from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support

    labels = list(LABEL_IDS)
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0
    )
    matrix = confusion_matrix(gold, predicted, labels=labels)
    present = [i for i, n in enumerate(support) if n > 0]
    macro = sum(f1[i] for i in present) / len(present) if present else 0.0
    return Report(
        examples=len(gold),
        accuracy=round(float(accuracy_score(gold, predicted)), 4),
        macro_f1=round(float(macro), 4),
        per_label={
            label: LabelScores(
                round(float(precision[i]), 4),
                round(float(recall[i]), 4),
                round(float(f1[i]), 4),
                int(support[i]),
            )
            for i, label in enumerate(labels)
        },
        confusion={
            gold_label: {pred: int(matrix[i][j]) for j, pred in enumerate(labels)}
            for i, gold_label in enumerate(labels)
        },
    )


def bootstrap_f1(
    gold: Sequence[str],
    predicted: Sequence[str] | Sequence[Sequence[str]],
    groups: Sequence[str],
    resamples: int = 2000,
    seed: int = 0,
) -> np.ndarray:
    """Macro-F1 and each label's F1 (columns: macro, then ``LABEL_IDS``) over resampled documents.

    ``groups`` names each sentence's document (``factcheck.resampling`` says
    why documents, not sentences). Real test holds about 200 estimates, so one
    sentence moves that label's F1 by about 0.003 and a few documents by more.
    A label absent from a resample's gold is NaN there, and macro-F1 averages
    the labels present, as ``score`` does.

    ``predicted`` may hold several systems' labels (a list of label lists):
    then the result has one block per system (system, resample, column), all
    scored on the very same draws, so their difference is a paired comparison.
    """
    import numpy as np

    from factcheck.resampling import resampled_totals

    several = bool(predicted) and not isinstance(predicted[0], str)
    systems: list[list[str]] = (
        [[str(label) for label in p] for p in predicted] if several else [[str(p) for p in predicted]]
    )
    if not all(len(gold) == len(p) == len(groups) for p in systems):
        raise ValueError("gold, predicted and groups must have the same length")
    index = {label: n for n, label in enumerate(LABEL_IDS)}
    documents = {g: n for n, g in enumerate(dict.fromkeys(groups))}
    # Every system's confusion counts per document side by side, resampled together.
    counts = np.zeros((len(documents), len(systems), len(index), len(index)))
    for k, labels in enumerate(systems):
        for g, p, d in zip(gold, labels, groups, strict=True):
            counts[documents[d], k, index[g], index[p]] += 1
    matrices = resampled_totals(counts, resamples, seed)  # (resample, system, gold, predicted)
    hits = np.diagonal(matrices, axis1=2, axis2=3)
    support, found = matrices.sum(axis=3), matrices.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        f1 = np.where(support + found > 0, 2 * hits / (support + found), 0.0)
    f1 = np.where(support > 0, f1, np.nan)
    scores = np.concatenate([np.nanmean(f1, axis=2, keepdims=True), f1], axis=2).transpose(1, 0, 2)
    return scores if several else scores[0]


@dataclass(frozen=True)
class Intervals:
    """95% intervals of macro-F1 and each label's F1 over the file's documents, resampled.

    ``per_label`` holds None for a label the file has no sentence of. With few
    documents the intervals are wide, which is the point: two models whose
    intervals overlap well may not differ on text like the file's.
    """

    documents: int
    macro_f1: Interval
    per_label: dict[str, Interval | None]

    def to_dict(self) -> dict:
        return asdict(self)


def f1_intervals(gold: Sequence[str], predicted: Sequence[str], groups: Sequence[str]) -> Intervals | None:
    """``bootstrap_f1`` read as 95% intervals (``factcheck.resampling``); None for one document."""
    from factcheck.resampling import can_resample, interval

    if not can_resample(groups):
        return None
    samples = bootstrap_f1(gold, predicted, groups)
    present = set(gold)
    return Intervals(
        documents=len(set(groups)),
        macro_f1=interval(samples[:, 0]),
        per_label={
            label: interval(samples[:, n + 1]) if label in present else None
            for n, label in enumerate(LABEL_IDS)
        },
    )


@dataclass(frozen=True)
class Mistake:
    """A sentence the model got wrong, with what pushed it to the wrong label."""

    text: str
    gold: str
    predicted: str
    confidence: float
    explanation: list[Push]


@dataclass(frozen=True)
class CalibrationBin:
    """Sentences whose confidence falls in [low, high): how sure the model was, how often right."""

    low: float
    high: float
    count: int
    mean_confidence: float
    accuracy: float


def reliability(
    confidences: Sequence[float], correct: Sequence[bool], bins: int = 10
) -> list[CalibrationBin]:
    """The calibration curve in equal-width confidence bins; empty bins are left out.

    A calibrated model's accuracy in each bin equals its mean confidence there;
    where accuracy falls below confidence the model is over-sure.
    """
    grouped: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, ok in zip(confidences, correct, strict=True):
        grouped[min(int(confidence * bins), bins - 1)].append((confidence, ok))
    return [
        CalibrationBin(
            round(i / bins, 4),
            round((i + 1) / bins, 4),
            len(group),
            round(sum(c for c, _ in group) / len(group), 4),
            round(sum(ok for _, ok in group) / len(group), 4),
        )
        for i, group in enumerate(grouped)
        if group
    ]


@dataclass(frozen=True)
class Evaluation:
    report: Report
    mistakes: list[Mistake]
    calibration: list[CalibrationBin]
    spans: SpanReport | None = None  # extraction scores, when the file has span gold
    intervals: Intervals | None = None  # how precise the scores are, over the file's documents
    documents: int | None = None  # how many the file holds: with one, ``intervals`` cannot be had

    def to_dict(self, mistakes: bool = True) -> dict[str, Any]:
        """The evaluation as JSON-ready data: the report's fields, then what the file allowed."""
        record: dict[str, Any] = {**self.report.to_dict(), "documents": self.documents}
        if self.intervals is not None:
            record["intervals"] = self.intervals.to_dict()
        if self.spans is not None:
            record["spans"] = self.spans.to_dict()
        if mistakes:
            record["mistakes"] = [
                {**asdict(m), "explanation": [asdict(p) for p in m.explanation]} for m in self.mistakes
            ]
        return record


def evaluate_file(
    data: str | Path, model: str | Path | None = None, errors: int = 0, trust: bool = False, jobs: int = 1
) -> Evaluation:
    """Score a model (default: the shipped one) on an annotated JSONL or CSV file.

    ``errors`` > 0 also returns that many of the most confident mistakes: the
    sentences a user learns most from annotating next. ``jobs`` > 1 labels
    the sentences in that many processes; the result is the same.
    """
    from factcheck.labelling import Labeller, label_sentences_parallel

    examples = read_examples(data)
    spans = None
    if Path(data).suffix.lower() != ".csv":
        answers = read_annotation_lines(data)
        spans = score_span_gold([r for _, r, _ in answers], str(data), [line for line, _, _ in answers])
    labeller = Labeller.load(model, trust)
    texts = [e.text for e in examples]
    # Each sentence is read among its document's sentences, as predict reads an article.
    documents = document_ids(examples)
    predicted = (
        label_sentences_parallel(texts, documents, jobs, model, trust)
        if jobs > 1
        else labeller.label_sentences(texts, documents)
    )
    gold, labels = [e.label for e in examples], [label for label, _, _ in predicted]
    report = score(gold, labels)
    intervals = f1_intervals(gold, labels, documents)
    wrong = [
        (example, label, confidence)
        for example, (label, confidence, _) in zip(examples, predicted, strict=True)
        if label != example.label
    ]
    wrong.sort(key=lambda item: -item[2])
    wrong = wrong[:errors]
    reasons = labeller.explain([e.text for e, _, _ in wrong], [label for _, label, _ in wrong])
    mistakes = [
        Mistake(e.text, e.label, label, confidence, why)
        for (e, label, confidence), why in zip(wrong, reasons, strict=True)
    ]
    calibration = reliability(
        [confidence for _, confidence, _ in predicted],
        [label == e.label for e, (label, _, _) in zip(examples, predicted, strict=True)],
    )
    return Evaluation(report, mistakes, calibration, spans, intervals, len(set(documents)))
