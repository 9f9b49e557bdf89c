"""Choose the HTML report's "needs review" threshold from the shipped model's calibration curve.

    python benchmarks/review_threshold.py

Labels the corpus **dev** split (never the test split: the threshold is a
choice) with the shipped model and prints its reliability curve (accuracy
per confidence bin) and, for each candidate threshold, the share of
sentences it flags and the accuracy of the flagged and unflagged ones.
The rule reads the curve: a sentence needs review when its confidence falls
in a bin where the model is wrong at least one time in three (accuracy below
MIN_ACCURACY); the threshold is the upper edge of the highest such bin, so
every bin above it is right at least two times in three.
Writes benchmarks/REVIEW_THRESHOLD.md; the chosen value is
``factcheck.report_html.REVIEW_BELOW`` (update it by hand when the model
changes, with this script's output).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from factcheck.data import document_ids, read_examples
from factcheck.evaluation import reliability
from factcheck.labelling import Labeller
from factcheck.report_html import REVIEW_BELOW

REPO = Path(__file__).resolve().parent.parent
DEV = REPO / "data" / "corpus" / "dev.jsonl"
RESULTS = Path(__file__).with_name("REVIEW_THRESHOLD.md")
MIN_ACCURACY = 2 / 3
GRID = [round(0.25 + 0.05 * i, 2) for i in range(15)]  # 0.25 (4 labels: never below) .. 0.95


def _share(oks: list[bool]) -> str:
    return f"{sum(oks) / len(oks):.3f}" if oks else "-"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    options = parser.parse_args(argv)
    examples = read_examples(DEV)
    labeller = Labeller.load()
    predicted = labeller.label_sentences([e.text for e in examples], document_ids(examples))
    confidences = [confidence for _, confidence, _ in predicted]
    correct = [label == e.label for e, (label, _, _) in zip(examples, predicted, strict=True)]
    n = len(examples)

    lines = [
        "# Needs-review threshold of the HTML report",
        "",
        f"Measured {date.today()} by `python benchmarks/review_threshold.py`: the shipped model",
        f"(`models/default`) on the corpus dev split ({n} sentences; the test split is never used).",
        "",
        "## Reliability curve (dev)",
        "",
        "| confidence | sentences | mean confidence | accuracy |",
        "|---|---:|---:|---:|",
    ]
    curve = reliability(confidences, correct)
    for b in curve:
        lines.append(f"| {b.low:.1f}-{b.high:.1f} | {b.count} | {b.mean_confidence:.3f} | {b.accuracy:.3f} |")
    lines += [
        "",
        "## Candidate thresholds (flag a sentence when its confidence is below t)",
        "",
        "| t | flagged | accuracy of flagged | accuracy of unflagged |",
        "|---:|---:|---:|---:|",
    ]
    weak = [b for b in curve if b.accuracy < MIN_ACCURACY]
    if not weak:
        sys.exit(f"every bin is right at least {MIN_ACCURACY:.0%} of the time: nothing to flag")
    chosen = max(b.high for b in weak)
    for t in sorted({*GRID, chosen}):
        flagged = [ok for c, ok in zip(confidences, correct, strict=True) if c < t]
        kept = [ok for c, ok in zip(confidences, correct, strict=True) if c >= t]
        acc_flagged = sum(flagged) / len(flagged) if flagged else float("nan")
        acc_kept = sum(kept) / len(kept) if kept else float("nan")
        if t == chosen:
            summary = (len(flagged) / n, acc_flagged, acc_kept)
        lines.append(f"| {t:.2f} | {len(flagged) / n:.1%} | {_share(flagged)} | {_share(kept)} |")
    share, acc_flagged, acc_kept = summary
    t = chosen
    lines += [
        "",
        f"**Chosen: {t:.2f}**, the upper edge of the highest bin right less than {MIN_ACCURACY:.0%} "
        f"of the time. It flags {share:.1%} of dev sentences, which the model gets right "
        f"{acc_flagged:.1%} of the time; the unflagged ones are right {acc_kept:.1%} of the time.",
        f"`factcheck.report_html.REVIEW_BELOW` is {REVIEW_BELOW:.2f}"
        + (" (matches)." if abs(REVIEW_BELOW - t) < 1e-9 else " (STALE: set it to the chosen value)."),
        "",
    ]
    text = "\n".join(lines)
    options.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
