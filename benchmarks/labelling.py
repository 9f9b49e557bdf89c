"""End-to-end labelling speed and memory: what a user waits for and what the process holds.

    python benchmarks/labelling.py

Labels every corpus document of the dev and test splits (raw text in, rows
out) with the shipped model, and compares, in the same process and on the
same documents: splitting alone (the floor any labeller pays) and a
word-only logistic-regression pipeline (the simplest model of this design),
trained on the train split here. Prints documents and sentences per second,
the ratio to the baseline, model load time, and the peak memory each step
adds (tracemalloc) and the process's peak resident size.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path

from factcheck.data import read_examples
from factcheck.escaping import jsonl_lines
from factcheck.labelling import Labeller
from factcheck.model import make_pipeline
from factcheck.splitting import split_document
from factcheck.storage import load_model

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus"
RESULTS = Path(__file__).with_name("LABELLING.md")


def timed(run: Callable[[], object], repeats: int = 3) -> tuple[float, float]:
    """Median seconds over ``repeats`` runs, and the peak traced memory (MiB) of one run."""
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    seconds = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds), peak / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    options = parser.parse_args(argv)
    docs = [
        json.loads(line)["text"]
        for line in jsonl_lines((CORPUS / "documents.jsonl").read_text(encoding="utf-8"))
        if json.loads(line)["split"] in ("dev", "test")
    ]
    sentences = sum(len(split_document(d).sentences) for d in docs)

    t0 = time.perf_counter()
    shipped = Labeller(*load_model())
    load_seconds = time.perf_counter() - t0
    train = read_examples(CORPUS / "train.jsonl")
    word_only = make_pipeline(char_ngrams=None, cues=False, classifier="logreg", class_weight=None)
    baseline = Labeller(word_only.fit([e.text for e in train], [e.label for e in train]))

    rows = {
        "split only": timed(lambda: [split_document(d) for d in docs]),
        "word-only logreg (baseline)": timed(lambda: [baseline.label_text(d) for d in docs]),
        "factcheck default": timed(lambda: [shipped.label_text(d) for d in docs]),
        "factcheck default --explain 3": timed(lambda: [shipped.label_text(d, explain=3) for d in docs]),
    }
    base_seconds = rows["word-only logreg (baseline)"][0]
    lines = [
        "# Labelling speed and memory",
        "",
        f"Produced by `python benchmarks/labelling.py` on {date.today().isoformat()}: "
        f"{len(docs)} documents, {sentences} sentences (corpus dev + test), one document a call "
        "as `factcheck predict` does; median of 3 runs.",
        "",
        f"Model load: {load_seconds:.2f} s.",
        "",
        "| step | sentences/s | documents/s | time vs baseline | peak traced memory |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (seconds, peak_mib) in rows.items():
        lines.append(
            f"| {name} | {sentences / seconds:,.0f} | {len(docs) / seconds:,.0f} | "
            f"{seconds / base_seconds:.2f}x | {peak_mib:.1f} MiB |"
        )
    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines += ["", f"Process peak resident size: {max_rss_mib:.0f} MiB."]
    options.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
