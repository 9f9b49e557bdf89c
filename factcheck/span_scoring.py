"""Score extracted spans against gold: exact and overlap precision, recall and F1.

Exact: a predicted span counts when its start and end equal a gold span's.
Overlap: when it shares at least one character with a gold span. Each gold
span is matched at most once, so two predictions over one gold span count as
one hit and one false alarm.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from factcheck.cues import STANCES
from factcheck.errors import FactcheckError
from factcheck.resampling import Interval

if TYPE_CHECKING:
    import numpy as np  # not needed to start the CLI

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


def bootstrap_span_f1(
    pairs: Sequence[tuple[Sequence[Span], Sequence[Span]]],
    groups: Sequence[str],
    resamples: int = 2000,
    seed: int = 0,
) -> np.ndarray:
    """Exact and overlap F1 (two columns) of ``score_spans`` over resampled documents.

    ``groups`` names each sentence's document (``factcheck.resampling`` says
    why documents): real test holds about 190 gold sources, so the margin on
    their F1 is wide enough to matter when a figure sits near a target.
    """
    import numpy as np

    from factcheck.resampling import resampled_totals

    if len(pairs) != len(groups):
        raise ValueError("pairs and groups must have the same length")
    documents = {g: n for n, g in enumerate(dict.fromkeys(groups))}
    counts = np.zeros((len(documents), 4))  # gold, predicted, exact hits, overlap hits
    for (gold, predicted), group in zip(pairs, groups, strict=True):
        counts[documents[group]] += (
            len(gold),
            len(predicted),
            _matches(gold, predicted, exact=True),
            _matches(gold, predicted, exact=False),
        )
    totals = resampled_totals(counts, resamples, seed)
    gold_n, predicted_n = totals[:, 0:1], totals[:, 1:2]
    with np.errstate(invalid="ignore", divide="ignore"):
        # F1 = 2 * hits / (gold + predicted): the harmonic mean of precision and recall.
        return np.where(gold_n + predicted_n > 0, 2 * totals[:, 2:4] / (gold_n + predicted_n), 0.0)


@dataclass(frozen=True)
class SpanReport:
    """Extraction scores on the sentences of a file that carry span gold."""

    sentences: int
    sources: SpanScores
    quantities: SpanScores
    # 95% ranges of each F1 over the file's documents, resampled: {"sources": {"exact": …, "overlap": …}, …}
    intervals: dict[str, dict[str, Interval]] | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def _offset(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_span(span: object, record: dict[str, Any], what: str, where: str) -> Span:
    """One span's offsets relative to its sentence, checked against the sentence and its own text."""
    offset, sentence = record.get("start", 0), record["text"]
    if not (isinstance(span, dict) and _offset(span.get("start")) and _offset(span.get("end"))):
        raise FactcheckError(f"{where}: {what} needs integer 'start' and 'end'")
    start, end = span["start"] - offset, span["end"] - offset
    if end <= start:
        raise FactcheckError(f"{where}: {what} ({span['start']}-{span['end']}) ends before it starts")
    if not 0 <= start < end <= len(sentence):
        raise FactcheckError(
            f"{where}: {what} ({span['start']}-{span['end']}) is outside the sentence "
            f"({offset}-{offset + len(sentence)}); offsets are into the document, as 'start' is"
        )
    if "text" in span and span["text"] != sentence[start:end]:
        raise FactcheckError(
            f"{where}: {what} says {span['text']!r} but {span['start']}-{span['end']} holds "
            f"{sentence[start:end]!r}"
        )
    return start, end


def _gold_spans(record: dict[str, Any], key: str, where: str) -> list[Span]:
    """A record's gold spans of one kind, relative to its sentence; a clear error if malformed.

    Gold that does not say what it means would be scored silently (a span off by one counts
    as a miss, a span twice as two), so every offset is checked against the sentence, against
    the span's own ``text`` where it gives one, and against the kind's other spans.
    """
    offset, spans = record.get("start", 0), record.get(key, [])
    if not isinstance(spans, list) or not _offset(offset):
        raise FactcheckError(f"{where}: '{key}' must be a list of spans and 'start' an integer")
    if _offset(record.get("end")) and record["end"] - offset != len(record["text"]):
        raise FactcheckError(
            f"{where}: the sentence runs {offset}-{record['end']} but its text has {len(record['text'])} "
            "characters"
        )
    out = []
    for n, span in enumerate(spans, start=1):
        out.append(_check_span(span, record, f"{key} span {n}", where))
        if key == "sources" and isinstance(span, dict):
            cue = span.get("cue")  # not scored here, but checked where it is given
            if cue is None:
                continue
            _check_span(cue, record, f"the cue of sources span {n}", where)
            if "stance" in cue and cue["stance"] not in STANCES:
                raise FactcheckError(
                    f"{where}: the cue of sources span {n} has stance {cue['stance']!r}; "
                    f"one of {', '.join(STANCES)}"
                )
    ordered = sorted(out)
    for before, (a, b) in itertools.pairwise(ordered):
        if a < before[1]:
            raise FactcheckError(
                f"{where}: two '{key}' spans overlap ({before[0] + offset}-{before[1] + offset} and "
                f"{a + offset}-{b + offset}); each stretch of text is one span"
            )
    return out


def score_span_gold(
    records: Sequence[dict[str, Any]], path: str = "<data>", lines: Sequence[int] | None = None
) -> SpanReport | None:
    """Extract spans from each sentence that has span gold and score them; None when none has.

    A record carries span gold when it has a ``sources`` or ``quantities``
    list (data/spans/gold.jsonl is the format); offsets are into its document,
    with ``start`` the sentence's own offset; ``lines`` (each record's line in
    ``path``) lets an error name the line. Each sentence is read on its own,
    so a quote that opened in an earlier sentence is not seen.
    """
    from factcheck.data import group_ids
    from factcheck.resampling import can_resample, interval
    from factcheck.spans import extract_spans

    source_pairs: list[tuple[list[Span], list[Span]]] = []
    quantity_pairs: list[tuple[list[Span], list[Span]]] = []
    # As ``read_examples`` reads them: an id of 0 is the document "0", not a missing one.
    documents = group_ids(
        [None if record.get("doc_id") is None else str(record["doc_id"]) for record in records]
    )
    source_documents: list[str] = []
    quantity_documents: list[str] = []
    for n, record in enumerate(records, start=1):
        if "sources" not in record and "quantities" not in record:
            continue
        where = f"{path}:{lines[n - 1]}" if lines is not None else f"{path}: record {n}"
        gold_sources = _gold_spans(record, "sources", where)
        gold_quantities = _gold_spans(record, "quantities", where)
        found = extract_spans(record["text"], [(0, len(record["text"]))])
        if "sources" in record:
            source_pairs.append((gold_sources, [(s.start, s.end) for s in found.sources]))
            source_documents.append(documents[n - 1])
        if "quantities" in record:
            quantity_pairs.append((gold_quantities, [(q.start, q.end) for q in found.quantities]))
            quantity_documents.append(documents[n - 1])
    if not source_pairs and not quantity_pairs:
        return None
    intervals = {}
    for name, pairs, groups in (
        ("sources", source_pairs, source_documents),
        ("quantities", quantity_pairs, quantity_documents),
    ):
        if can_resample(groups):
            samples = bootstrap_span_f1(pairs, groups)
            intervals[name] = {"exact": interval(samples[:, 0]), "overlap": interval(samples[:, 1])}
    return SpanReport(
        max(len(source_pairs), len(quantity_pairs)),
        score_spans(source_pairs),
        score_spans(quantity_pairs),
        intervals,
    )
