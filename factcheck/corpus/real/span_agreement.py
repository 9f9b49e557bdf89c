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
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.corpus.real.references import REAL_DIR
from factcheck.corpus.real.span_gold import SPANS_DIR
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
    same_hedge: int  # of the quantities both marked exactly, how many with the same hedge (or none)


def _rows(directory: Path) -> dict[str, dict[Key, tuple[dict[str, Any], str]]]:
    """Each source's rows by sentence, with the file and line each came from (for errors)."""
    rows: dict[str, dict[Key, tuple[dict[str, Any], str]]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        text = path.read_text(encoding="utf-8")
        mine = rows.setdefault(path.stem, {})
        for lineno, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                mine[(row["doc"], row["start"], row["end"])] = (row, f"{path}:{lineno}")
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise FactcheckError(f"{path}:{lineno}: not a span row ({err})") from err
    return rows


def _spans(row: dict[str, Any], kind: str) -> list[tuple[int, int]]:
    return [(s["start"], s["end"]) for s in row[kind]]


def _same(first: list[dict], second: list[dict], part: str) -> int:
    """Of the spans both readers marked exactly, how many also agree on ``part`` (cue or hedge)."""
    theirs = {(s["start"], s["end"]): s[part] for s in first}
    same = 0
    for span in second:
        key = (span["start"], span["end"])
        if key in theirs:
            a, b = theirs[key], span[part]
            same += (a is None and b is None) or (
                a is not None and b is not None and (a["start"], a["end"]) == (b["start"], b["end"])
            )
    return same


def agreement(real_dir: Path = REAL_DIR) -> dict[str, SpanAgreement]:
    """Per source, and ``all``: the second reading scored against the span gold, sentence by sentence."""
    first = _rows(real_dir / SPANS_DIR)
    second = _rows(real_dir / SECOND_DIR)
    if not second:
        raise FactcheckError(f"no second annotation in {real_dir / SECOND_DIR}")
    pairs: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for source, rows in sorted(second.items()):
        for key, (row, where) in rows.items():
            gold = first.get(source, {}).get(key)
            if gold is None:
                raise FactcheckError(f"{where}: this sentence has no span gold in {real_dir / SPANS_DIR}")
            if gold[0].get("sha1") != row.get("sha1"):
                raise FactcheckError(f"{where}: the sentence's sha1 differs from the span gold's ({gold[1]})")
            pairs.setdefault(source, []).append((gold[0], row))
        documents = {doc for doc, _, _ in rows}
        missing = [k for k in first.get(source, {}) if k[0] in documents and k not in rows]
        if missing:
            raise FactcheckError(
                f"{real_dir / SECOND_DIR / source}.jsonl: document {missing[0][0]!r} lacks the sentence at "
                f"{missing[0][1]}-{missing[0][2]} (a document is read whole by both annotators)"
            )
    pairs["all"] = [pair for source in sorted(pairs) for pair in pairs[source]]
    return {source: _scores(both) for source, both in pairs.items()}


def _scores(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> SpanAgreement:
    return SpanAgreement(
        documents=len({gold["doc"] for gold, _ in pairs}),
        sentences=len(pairs),
        sources=score_spans((_spans(g, "sources"), _spans(s, "sources")) for g, s in pairs),
        quantities=score_spans((_spans(g, "quantities"), _spans(s, "quantities")) for g, s in pairs),
        same_cue=sum(_same(g["sources"], s["sources"], "cue") for g, s in pairs),
        same_hedge=sum(_same(g["quantities"], s["quantities"], "hedge") for g, s in pairs),
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
        f"{everything.same_cue} have the same cue; of the {everything.quantities.exact.matched} "
        "quantities both marked exactly, "
        f"{everything.same_hedge} have the same hedge (or both none).",
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
