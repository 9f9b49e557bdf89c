"""Agreement on the real corpus: Cohen's kappa per source, before adjudication.

The second annotator's labels (``data/real/agreement/second.jsonl``) and the
adjudication of every disagreement (``adjudication.jsonl``: both labels, the
final one and the reason) are committed by reference, like the labels. The
first annotator's label is the adjudication's ``first`` where there was a
disagreement and the committed label elsewhere (with any later review change,
``review.jsonl``, undone), so the kappa reported is the one before
adjudication. ``python -m factcheck.corpus.real.agreement`` prints
it; it reads no source text.

It also cross-checks our ``opinion`` against NewsSD-ENG's own SUBJ/OBJ labels,
which it reads from the local copy: their guideline, like ours, treats a
quoted opinion as not the writer's.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from factcheck.corpus.agreement import Agreement, agreement
from factcheck.corpus.real.readers import SentenceCsvReader
from factcheck.corpus.real.references import REAL_DIR, default_copies, locate_copy, read_labels, read_sources


def _key(record: dict, source: str | None = None) -> tuple[str, str, int, int]:
    return (source or record["source"], record["doc"], int(record["start"]), int(record["end"]))


def _rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def per_source(real_dir: Path = REAL_DIR) -> dict[str, Agreement]:
    """Kappa between the first and the second annotator, per source and over all ('all')."""
    final = {(r.source, r.doc, r.start, r.end): r.label for r in read_labels(real_dir)}
    first = dict(final)
    for row in _rows(real_dir / "agreement" / "review.jsonl"):  # a later review is undone first
        first[_key(row)] = row["from"]
    for row in _rows(real_dir / "agreement" / "adjudication.jsonl"):
        first[_key(row)] = row["first"]
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _rows(real_dir / "agreement" / "second.jsonl"):
        key = _key(row)
        if key in first:
            pairs[key[0]].append((first[key], row["label"]))
            pairs["all"].append((first[key], row["label"]))
    return {s: agreement([a for a, _ in p], [b for _, b in p]) for s, p in sorted(pairs.items())}


@dataclass(frozen=True)
class SubjectivityCheck:
    """How our ``opinion`` lines up with NewsSD-ENG's SUBJ (the rest against OBJ)."""

    sentences: int
    precision: float  # of our opinion, the share they call SUBJ
    recall: float  # of their SUBJ, the share we call opinion
    f1: float
    subj_by_our_label: dict[str, dict[str, int]]


def subjectivity_check(copies: Path, real_dir: Path = REAL_DIR) -> SubjectivityCheck:
    source = read_sources(real_dir)["newssd"]
    reader = SentenceCsvReader(locate_copy(source, copies))
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"SUBJ": 0, "OBJ": 0})
    # A NewsSD document is one sentence; the splitter may cut it in two, so count the document once
    # with the label of its longest piece.
    longest: dict[str, tuple[int, str]] = {}
    for row in read_labels(real_dir):
        if row.source == "newssd" and (row.doc not in longest or row.end - row.start > longest[row.doc][0]):
            longest[row.doc] = (row.end - row.start, row.label)
    for doc, (_, label) in longest.items():
        table[label][reader.gold(doc)] += 1
    tp = table["opinion"]["SUBJ"]
    ours = sum(table["opinion"].values())
    theirs = sum(t["SUBJ"] for t in table.values())
    precision = tp / ours if ours else 0.0
    recall = tp / theirs if theirs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SubjectivityCheck(len(longest), round(precision, 3), round(recall, 3), round(f1, 3), dict(table))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=Path, default=default_copies(), help="local copies (for NewsSD-ENG)")
    parser.add_argument("--no-subjectivity", action="store_true", help="skip the NewsSD-ENG cross-check")
    args = parser.parse_args(argv)
    report: dict = {"kappa_before_adjudication": {s: asdict(a) for s, a in per_source().items()}}
    if not args.no_subjectivity:
        report["newssd_subjectivity"] = asdict(subjectivity_check(args.copies))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
