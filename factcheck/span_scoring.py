"""Score extracted spans against gold: exact and overlap precision, recall and F1.

Exact: a predicted span counts when its start and end equal a gold span's.
Overlap: when it shares at least one character with a gold span. Each gold
span is matched at most once, so two predictions over one gold span count as
one hit and one false alarm.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

Span = tuple[int, int]


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    matched: int


@dataclass(frozen=True)
class SpanScores:
    """Exact and overlap scores of one kind of span (sources or quantities)."""

    exact: PRF
    overlap: PRF

    def to_dict(self) -> dict:
        return asdict(self)


def _prf(matched: int, gold: int, predicted: int) -> PRF:
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(round(precision, 4), round(recall, 4), round(f1, 4), gold, predicted, matched)


def _matches(gold: Sequence[Span], predicted: Sequence[Span], exact: bool) -> int:
    used: set[int] = set()
    hits = 0
    for p_start, p_end in predicted:
        for i, (g_start, g_end) in enumerate(gold):
            if i in used:
                continue
            if (p_start, p_end) == (g_start, g_end) if exact else p_start < g_end and g_start < p_end:
                used.add(i)
                hits += 1
                break
    return hits


def score_spans(pairs: Iterable[tuple[Sequence[Span], Sequence[Span]]]) -> SpanScores:
    """Pool (gold spans, predicted spans) over sentences into exact and overlap scores."""
    gold_n = predicted_n = exact = overlap = 0
    for gold, predicted in pairs:
        gold_n += len(gold)
        predicted_n += len(predicted)
        exact += _matches(gold, predicted, exact=True)
        overlap += _matches(gold, predicted, exact=False)
    return SpanScores(_prf(exact, gold_n, predicted_n), _prf(overlap, gold_n, predicted_n))
