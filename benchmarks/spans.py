"""Source and quantity extraction: accuracy on held-out span gold, cost, and what it adds to ``predict``.

    python benchmarks/spans.py            # prints the figures and rewrites benchmarks/SPANS.md

The span gold (data/spans/gold.jsonl, written by hand against data/SPANS.md)
covers dev and test documents of the corpus; the rules were written and tuned
on dev documents only, so the headline figures are on test documents. Each
test document is read whole, as ``factcheck predict`` reads it (the splitter's
sentences, quotes carried across sentences), and the spans found inside the
gold sentences are scored: exact (same start and end) and overlap (sharing a
character) precision, recall and F1. Also measured, in the same process:
extraction cost per sentence, end-to-end ``predict`` throughput with and
without extraction, and quantulum3 (if installed: ``pip install .[bench]``)
against our quantity rules on the dev gold.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path

from factcheck.escaping import jsonl_lines
from factcheck.labelling import Labeller
from factcheck.quantities import find_quantities
from factcheck.span_scoring import PRF, SpanScores, score_spans
from factcheck.spans import extract_spans
from factcheck.splitting import split_document

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "data" / "spans" / "gold.jsonl"
DOCUMENTS = REPO / "data" / "corpus" / "documents.jsonl"
RESULTS = Path(__file__).with_name("SPANS.md")
COMMAND = "python benchmarks/spans.py"


def load(split: str) -> tuple[dict[str, str], list[dict]]:
    docs = {}
    for line in jsonl_lines(DOCUMENTS.read_text(encoding="utf-8")):
        record = json.loads(line)
        docs[record["id"]] = record["text"]
    rows = [json.loads(line) for line in jsonl_lines(GOLD.read_text(encoding="utf-8"))]
    return docs, [r for r in rows if r["split"] == split]


def document_scores(docs: dict[str, str], rows: list[dict]) -> dict[str, object]:
    """Spans from whole documents, scored on the gold sentences; cue and stance on matched sources."""
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    source_pairs, quantity_pairs = [], []
    cue_right = stance_right = matched = hedge_right = approx_right = q_matched = 0
    for doc_id, doc_rows in by_doc.items():
        text = docs[doc_id]
        found = extract_spans(text, [(s.start, s.end) for s in split_document(text).sentences])
        for row in doc_rows:
            mine = found.within(row["start"], row["end"])
            source_pairs.append(
                ([(s["start"], s["end"]) for s in row["sources"]], [(s.start, s.end) for s in mine.sources])
            )
            quantity_pairs.append(
                (
                    [(q["start"], q["end"]) for q in row["quantities"]],
                    [(q.start, q.end) for q in mine.quantities],
                )
            )
            predicted = {(s.start, s.end): s for s in mine.sources}
            for gold in row["sources"]:
                hit = predicted.get((gold["start"], gold["end"]))
                if hit:
                    matched += 1
                    cue_right += (hit.cue_start, hit.cue_end) == (gold["cue"]["start"], gold["cue"]["end"])
                    stance_right += hit.stance == gold["cue"]["stance"]
            figures = {(q.start, q.end): q for q in mine.quantities}
            for gold in row["quantities"]:
                hit = figures.get((gold["start"], gold["end"]))
                if hit:
                    q_matched += 1
                    gold_hedge = (gold["hedge"]["start"], gold["hedge"]["end"]) if gold["hedge"] else None
                    hedge_right += (hit.hedge[:2] if hit.hedge else None) == gold_hedge
                    approx_right += hit.approximate == gold["approximate"]
    return {
        "sources": score_spans(source_pairs),
        "quantities": score_spans(quantity_pairs),
        "cue": (cue_right, stance_right, matched),
        "hedge": (hedge_right, approx_right, q_matched),
        "sentences": len(rows),
        "documents": len(by_doc),
    }


def best_of(
    run: Callable[[], object], repeats: int = 5, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(repeats):
        start = clock()
        run()
        times.append(clock() - start)
    return min(times)


def speed(docs: dict[str, str], doc_ids: list[str]) -> dict[str, float]:
    """Extraction cost per sentence, and predict throughput with and without it, same documents."""
    texts = [docs[d] for d in doc_ids]
    bounds = [[(s.start, s.end) for s in split_document(t).sentences] for t in texts]
    sentences = sum(len(b) for b in bounds)
    extract = best_of(
        lambda: [extract_spans(t, b) for t, b in zip(texts, bounds, strict=True)], 5, time.process_time
    )
    labeller = Labeller.load()
    labeller.label_text(texts[0])  # warm caches before timing either variant
    with_spans, without = [], []
    # Process CPU time, not wall time: the machine is shared, and other people's jobs stretch
    # wall time by tens of percent between two identical runs. Alternating the variants spreads
    # what remains (cache and clock-speed effects) over both; the best run of each is kept.
    cpu = time.process_time
    for _ in range(7):
        without.append(best_of(lambda: [labeller.label_text(t, spans=False) for t in texts], 1, cpu))
        with_spans.append(best_of(lambda: [labeller.label_text(t, spans=True) for t in texts], 1, cpu))
    return {
        "sentences": sentences,
        "extract_us_per_sentence": extract / sentences * 1e6,
        "predict_without": sentences / min(without),
        "predict_with": sentences / min(with_spans),
        "median_ratio": statistics.median(without) / statistics.median(with_spans),
    }


def quantulum_comparison(rows: list[dict]) -> tuple[SpanScores, float, SpanScores, float] | str:
    """quantulum3 against our quantity rules on the dev gold, sentence by sentence."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import quantulum3.classifier as q3_classifier
            from quantulum3 import parser as q3
    except ImportError:
        return "quantulum3 is not installed (pip install .[bench]); not measured"
    # Its bundled unit classifier is a pickle that does not load with this scikit-learn
    # (ModuleNotFoundError: _loss); quantulum3's own no-classifier mode is used instead.
    q3_classifier.USE_CLF = False
    gold = [[(q["start"] - r["start"], q["end"] - r["start"]) for q in r["quantities"]] for r in rows]
    texts = [r["text"] for r in rows]
    q3.parse(texts[0])  # its unit tables load on first use; not counted
    start = time.perf_counter()
    theirs = [[q.span for q in q3.parse(t)] for t in texts]
    q3_time = (time.perf_counter() - start) / len(texts)
    start = time.perf_counter()
    ours = [[(q.start, q.end) for q in find_quantities(t)] for t in texts]
    our_time = (time.perf_counter() - start) / len(texts)
    return (
        score_spans(zip(gold, theirs, strict=True)),
        q3_time,
        score_spans(zip(gold, ours, strict=True)),
        our_time,
    )


def _row(name: str, kind: str, p: PRF) -> str:
    figures = f"{p.precision:.3f} | {p.recall:.3f} | **{p.f1:.3f}** | {p.gold} | {p.predicted}"
    return f"| {name} | {kind} | {figures} |"


def main() -> int:
    docs, test_rows = load("test")
    _, dev_rows = load("dev")
    test = document_scores(docs, test_rows)
    dev = document_scores(docs, dev_rows)
    test_ids = sorted({r["doc_id"] for r in test_rows})
    timing = speed(docs, test_ids)
    quantulum = quantulum_comparison(dev_rows)

    lines = [
        "# Span extraction benchmark",
        "",
        f"Measured {date.today().isoformat()} with `{COMMAND}`",
        "(one run, on a 2-core machine shared with other work).",
        "",
        "Gold: `data/spans/gold.jsonl`, written by hand against `data/SPANS.md` before the rules existed;",
        "rules tuned on dev documents only. Whole documents are read as `factcheck predict` reads them.",
        "",
        f"## Held-out: test documents ({test['documents']} documents, {test['sentences']} gold sentences)",
        "",
        "| span | match | precision | recall | F1 | gold | found |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in ("sources", "quantities"):
        scores: SpanScores = test[name]  # type: ignore[assignment]
        lines += [_row(name, "exact", scores.exact), _row(name, "overlap", scores.overlap)]
    cue, stance, matched = test["cue"]  # type: ignore[misc]
    hedge, approx, q_matched = test["hedge"]  # type: ignore[misc]
    lines += [
        "",
        f"Of the {matched} sources found exactly, the cue span is right for {cue} ({cue / matched:.1%})",
        f"and the stance for {stance} ({stance / matched:.1%}). Of the {q_matched} quantities found exactly,",
        f"the hedge span is right for {hedge} ({hedge / q_matched:.1%}) and the approximate flag for",
        f"{approx} ({approx / q_matched:.1%}).",
        "",
        "Targets (issue 15): sources exact F1 ≥ 0.82 and overlap F1 ≥ 0.88; quantities overlap F1 ≥ 0.90.",
        "The gold is our own corpus only: no real-news span gold was available when this ran,",
        "so real text is not part of these figures. The rules were not tuned on test documents;",
        "the first run on them came before two changes that were not made for test sentences (a",
        'count such as "2,000 homes" was taken for the year 2000, found on a README example; the',
        'tokenizer was rewritten for speed and now keeps "a.m." and "Inc." whole). That first run:',
        "sources exact 0.905, overlap 0.918; quantities exact 0.942, overlap 0.966.",
        "",
        f"For reference, the dev documents the rules were tuned on ({dev['sentences']} gold sentences):",
        "",
        "| span | match | precision | recall | F1 | gold | found |",
        "|---|---|---|---|---|---|---|",
    ]
    for name in ("sources", "quantities"):
        scores = dev[name]  # type: ignore[assignment]
        lines += [_row(name, "exact", scores.exact), _row(name, "overlap", scores.overlap)]
    ratio = timing["predict_with"] / timing["predict_without"]
    lines += [
        "",
        "## Cost",
        "",
        f"- Extraction alone: {timing['extract_us_per_sentence']:.0f} µs per sentence "
        f"({timing['sentences']} sentences of the test documents, process CPU time, best of 5).",
        f"- `predict` end to end (split, label, spans) on the same documents, default model: "
        f"{timing['predict_with']:,.0f} sentences/s with spans, {timing['predict_without']:,.0f} without "
        f"(`--no-spans`): **{ratio:.2f}x** the throughput without, a fall of {1 - ratio:.1%} "
        f"(the limit is 25%). Process CPU time, best of 7 alternating runs each; ratio of medians "
        f"{timing['median_ratio']:.2f}x.",
        "",
        "History: before the default model was retrained on hashed features (about four times",
        "faster to label), the same measurement gave 0.88x-0.92x. Extraction did not get slower;",
        "the labelling it is compared with got faster, and the 25% limit is now missed.",
        "",
        "## quantulum3 against our quantity rules (dev gold, sentence by sentence)",
        "",
    ]
    if isinstance(quantulum, str):
        lines.append(quantulum)
    else:
        theirs, their_time, ours, our_time = quantulum
        lines += [
            "| extractor | exact F1 | overlap P | overlap R | overlap F1 | ms per sentence |",
            "|---|---|---|---|---|---|",
            f"| quantulum3 0.10 (no-classifier mode) | {theirs.exact.f1:.3f} | "
            f"{theirs.overlap.precision:.3f} | {theirs.overlap.recall:.3f} | {theirs.overlap.f1:.3f} | "
            f"{their_time * 1e3:.2f} |",
            f"| factcheck.quantities | {ours.exact.f1:.3f} | {ours.overlap.precision:.3f} | "
            f"{ours.overlap.recall:.3f} | {ours.overlap.f1:.3f} | {our_time * 1e3:.2f} |",
            "",
            "quantulum3 runs offline, but its bundled unit classifier is a pickle that does not load",
            "with the scikit-learn this project pins (`ModuleNotFoundError: _loss`), so it ran in its",
            "own no-classifier mode. It finds the numbers (high overlap recall) but not our spans: it",
            "splits counts from the nouns they count and reads year ranges as quantities, and it is",
            "far slower. It is not used; the rules are.",
        ]
    report = "\n".join(lines) + "\n"
    RESULTS.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
