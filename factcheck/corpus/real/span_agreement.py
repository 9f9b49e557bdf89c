"""How far two annotators agree on real sentences' spans: the span gold against a blind second reading.

    python -m factcheck.corpus.real.span_agreement

``data/real/agreement/spans/`` holds a second annotator's spans for
documents that ``data/real/spans/`` also covers, written without seeing the
first annotation or any rule's output (``span_notes --into``). They are scored
the way extraction is scored (``factcheck.span_scoring``), with the first
annotation as the reference. F1 is symmetric, so it reads as the agreement
itself, and it is the ceiling for the extractor's scores: a rule cannot
agree with the gold more closely than a second careful reader does.
Offsets only, so no cache of the sources is needed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.corpus.real.references import REAL_DIR
from factcheck.corpus.real.span_gold import SPANS_DIR, SpanRow, read_span_rows
from factcheck.errors import FactcheckError
from factcheck.span_scoring import SpanScores, score_spans

SECOND_DIR = Path("agreement") / "spans"

Key = tuple[str, int, int]  # document, sentence start, sentence end


@dataclass(frozen=True)
class SpanAgreement:
    """Agreement on one source's doubly annotated sentences (or on all of them)."""

    documents: int
    sentences: int
    sources: SpanScores
    quantities: SpanScores
    same_cue: int  # of the sources both marked exactly, how many with the same cue span
    hedged: int  # of the quantities both marked exactly, how many have a hedge in either reading
    same_hedge: int  # ... and of those, how many the same hedge span
    same_approximate: int  # of the quantities both marked exactly, how many agree on ``approximate``


def _rows(real_dir: Path, spans_dir: Path | str) -> dict[str, dict[Key, SpanRow]]:
    """Each source's rows by sentence; a sentence given twice is an error naming both lines."""
    rows: dict[str, dict[Key, SpanRow]] = {}
    for row in read_span_rows(real_dir, spans_dir):
        mine = rows.setdefault(row.source, {})
        key = (row.doc, row.start, row.end)
        if key in mine:
            raise FactcheckError(f"{row.where}: a second row for the sentence of {mine[key].where}")
        mine[key] = row
    return rows


def _spans(spans: list[dict[str, Any]]) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in spans]


def _span_of(part: dict[str, Any] | None) -> tuple[int, int] | None:
    return None if part is None else (part["start"], part["end"])


def _both_exact(first: list[dict], second: list[dict]) -> list[tuple[dict, dict]]:
    """The pairs of spans both readers marked with the same start and end."""
    theirs = {(s["start"], s["end"]): s for s in first}
    return [(theirs[key], span) for span in second if (key := (span["start"], span["end"])) in theirs]


def agreement(real_dir: Path = REAL_DIR) -> dict[str, SpanAgreement]:
    """Per source, and ``all``: the second reading scored against the span gold, sentence by sentence."""
    first = _rows(real_dir, SPANS_DIR)
    second = _rows(real_dir, SECOND_DIR)
    if not second:
        raise FactcheckError(f"no second annotation in {real_dir / SECOND_DIR}")
    pairs: dict[str, list[tuple[SpanRow, SpanRow]]] = {}
    for source, rows in sorted(second.items()):
        for key, row in rows.items():
            gold = first.get(source, {}).get(key)
            if gold is None:
                raise FactcheckError(f"{row.where}: this sentence has no span gold in {real_dir / SPANS_DIR}")
            if gold.fingerprint != row.fingerprint:
                raise FactcheckError(
                    f"{row.where}: the sentence's sha1 differs from the span gold's ({gold.where})"
                )
            pairs.setdefault(source, []).append((gold, row))
        documents = {doc for doc, _, _ in rows}
        missing = [k for k in first.get(source, {}) if k[0] in documents and k not in rows]
        if missing:
            raise FactcheckError(
                f"{real_dir / SECOND_DIR / source}.jsonl: document {missing[0][0]!r} lacks the sentence at "
                f"{missing[0][1]}-{missing[0][2]} (a document is read whole by both annotators)"
            )
    pairs["all"] = [pair for source in sorted(pairs) for pair in pairs[source]]
    return {source: _scores(both) for source, both in pairs.items()}


def _scores(pairs: list[tuple[SpanRow, SpanRow]]) -> SpanAgreement:
    sources = [pair for g, s in pairs for pair in _both_exact(g.sources, s.sources)]
    quantities = [pair for g, s in pairs for pair in _both_exact(g.quantities, s.quantities)]
    # A hedge both readers left out is no agreement worth counting: most figures have none.
    hedged = [(a, b) for a, b in quantities if a.get("hedge") is not None or b.get("hedge") is not None]
    return SpanAgreement(
        documents=len({gold.doc for gold, _ in pairs}),
        sentences=len(pairs),
        sources=score_spans((_spans(g.sources), _spans(s.sources)) for g, s in pairs),
        quantities=score_spans((_spans(g.quantities), _spans(s.quantities)) for g, s in pairs),
        same_cue=sum(_span_of(a["cue"]) == _span_of(b["cue"]) for a, b in sources),
        hedged=len(hedged),
        same_hedge=sum(_span_of(a.get("hedge")) == _span_of(b.get("hedge")) for a, b in hedged),
        same_approximate=sum(a["approximate"] == b["approximate"] for a, b in quantities),
    )


def table(scores: dict[str, SpanAgreement]) -> str:
    """Markdown: per source, exact and overlap F1 for sources and quantities, and the counts behind them."""
    lines = [
        "| source | documents | sentences | sources exact F1 | sources overlap F1 | quantities exact F1 "
        "| quantities overlap F1 | sources (1st / 2nd) | quantities (1st / 2nd) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for source, a in scores.items():
        lines.append(
            f"| {source} | {a.documents} | {a.sentences} | {a.sources.exact.f1:.3f} | "
            f"{a.sources.overlap.f1:.3f} | {a.quantities.exact.f1:.3f} | {a.quantities.overlap.f1:.3f} | "
            f"{a.sources.exact.gold} / {a.sources.exact.predicted} | "
            f"{a.quantities.exact.gold} / {a.quantities.exact.predicted} |"
        )
    everything = scores["all"]
    lines += [
        "",
        f"Of the {everything.sources.exact.matched} sources both marked exactly, "
        f"{everything.same_cue} have the same cue. Of the {everything.quantities.exact.matched} "
        f"quantities both marked exactly, {everything.same_approximate} agree on whether the figure is "
        f"approximate, and of the {everything.hedged} with a hedge in either reading, "
        f"{everything.same_hedge} have the same hedge.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--real-dir", type=Path, default=REAL_DIR, help="the data/real directory")
    args = parser.parse_args(argv)
    try:
        scores = agreement(args.real_dir)
    except (FactcheckError, OSError) as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 1
    sys.stdout.write(table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
