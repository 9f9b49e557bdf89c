"""Source and quantity extraction: accuracy on held-out span gold, cost, and what it adds to ``predict``.

    python benchmarks/spans.py                  # prints the figures and rewrites benchmarks/SPANS.md
    python benchmarks/spans.py --accuracy-only  # the two accuracy tables only, no timing, no file
    python benchmarks/spans.py --tuning-errors  # tuning documents only: their table and every error

``--tuning-errors`` is what rules are changed from: it prints, sentence by
sentence, the spans missed and the spans found wrongly on tuning documents
(our corpus's dev, real dev and train) and nothing about test documents.

The span gold (data/spans/gold.jsonl, written by hand against data/SPANS.md)
covers dev and test documents of the corpus; the rules were written and tuned
on dev documents only, so the headline figures are on test documents. Each
test document is read whole, as ``factcheck predict`` reads it (the splitter's
sentences, quotes carried across sentences), and the spans found inside the
gold sentences are scored: exact (same start and end) and overlap (sharing a
character) precision, recall and F1. Also measured: extraction cost per
sentence, ``predict`` throughput with and without extraction (in this
process, and as the command a user runs), and quantulum3 (if installed:
``pip install .[bench]``) against our quantity rules on the dev gold.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from factcheck.corpus.real import span_gold as real_span_gold
from factcheck.corpus.real.references import default_cache
from factcheck.data import read_examples
from factcheck.errors import FactcheckError
from factcheck.escaping import jsonl_lines
from factcheck.labelling import Labeller
from factcheck.quantities import find_quantities
from factcheck.resampling import interval
from factcheck.span_scoring import PRF, SpanScores, bootstrap_span_f1, score_spans
from factcheck.spans import extract_spans
from factcheck.splitting import split_document

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "data" / "spans" / "gold.jsonl"
DOCUMENTS = REPO / "data" / "corpus" / "documents.jsonl"
RESULTS = Path(__file__).with_name("SPANS.md")
COMMAND = "python benchmarks/spans.py"
RESAMPLES = 2000


def load(split: str) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict]]:
    """Our corpus: documents (text, the splitter's sentences) and the gold rows of one split."""
    docs = {}
    for line in jsonl_lines(DOCUMENTS.read_text(encoding="utf-8")):
        record = json.loads(line)
        text = record["text"]
        docs[record["id"]] = (text, [(s.start, s.end) for s in split_document(text).sentences])
    rows = [json.loads(line) for line in jsonl_lines(GOLD.read_text(encoding="utf-8"))]
    return docs, [r for r in rows if r["split"] == split]


def load_real() -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict]] | str:
    """Real text: span gold by reference joined with the rebuilt cache, or why it is not available."""
    try:
        records = real_span_gold.load()
    except FactcheckError as err:
        return f"real-text span gold not scored: {err}"
    return real_span_gold.documents(records), records


@dataclass
class Tally:
    """Gold and predicted spans per sentence, and the cue/stance/hedge checks on exact matches."""

    sources: list = field(default_factory=list)
    quantities: list = field(default_factory=list)
    cue: int = 0
    stance: int = 0
    matched: int = 0
    hedge: int = 0
    approx: int = 0
    q_matched: int = 0
    sentences: int = 0
    documents: int = 0
    with_source: int = 0
    with_figure: int = 0
    documents_of: list = field(default_factory=list)  # each gold sentence's document, for resampling

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


def document_scores(docs: dict[str, tuple[str, list[tuple[int, int]]]], rows: list[dict]) -> Tally:
    """Spans from whole documents, scored on the gold sentences; cue and stance on matched sources."""
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    tally = Tally(sentences=len(rows), documents=len(by_doc))
    for doc_id, doc_rows in by_doc.items():
        found = extract_spans(*docs[doc_id])
        for row in doc_rows:
            mine = found.within(row["start"], row["end"])
            tally.documents_of.append(doc_id)
            tally.with_source += bool(row["sources"])
            tally.with_figure += bool(row["quantities"])
            tally.sources.append(
                ([(s["start"], s["end"]) for s in row["sources"]], [(s.start, s.end) for s in mine.sources])
            )
            tally.quantities.append(
                (
                    [(q["start"], q["end"]) for q in row["quantities"]],
                    [(q.start, q.end) for q in mine.quantities],
                )
            )
            predicted = {(s.start, s.end): s for s in mine.sources}
            for gold in row["sources"]:
                hit = predicted.get((gold["start"], gold["end"]))
                if hit:
                    tally.matched += 1
                    tally.cue += (hit.cue_start, hit.cue_end) == (gold["cue"]["start"], gold["cue"]["end"])
                    tally.stance += hit.stance == gold["cue"]["stance"]
            figures = {(q.start, q.end): q for q in mine.quantities}
            for gold in row["quantities"]:
                hit = figures.get((gold["start"], gold["end"]))
                if hit:
                    tally.q_matched += 1
                    gold_hedge = (gold["hedge"]["start"], gold["hedge"]["end"]) if gold["hedge"] else None
                    tally.hedge += (hit.hedge[:2] if hit.hedge else None) == gold_hedge
                    tally.approx += hit.approximate == gold["approximate"]
    return tally


def tuning_errors(docs: dict[str, tuple[str, list[tuple[int, int]]]], rows: list[dict]) -> list[str]:
    """Per-sentence errors (missed and wrong spans) of tuning rows; refuses a test row."""
    lines = []
    by_doc: dict[str, list[dict]] = {}
    for row in rows:
        if row["split"] == "test":
            raise ValueError("tuning_errors reads tuning documents only, never test documents")
        by_doc.setdefault(row["doc_id"], []).append(row)
    for doc_id, doc_rows in by_doc.items():
        text = docs[doc_id][0]
        found = extract_spans(*docs[doc_id])
        for row in doc_rows:
            mine = found.within(row["start"], row["end"])
            for kind, gold, got in (
                (
                    "source",
                    {(s["start"], s["end"]) for s in row["sources"]},
                    {(s.start, s.end) for s in mine.sources},
                ),
                (
                    "quantity",
                    {(q["start"], q["end"]) for q in row["quantities"]},
                    {(q.start, q.end) for q in mine.quantities},
                ),
            ):
                if gold == got:
                    continue
                sentence = " ".join(text[row["start"] : row["end"]].split())
                missed = [text[a:b] for a, b in sorted(gold - got)]
                wrong = [text[a:b] for a, b in sorted(got - gold)]
                lines.append(f"{doc_id} {row['start']}-{row['end']} {kind}: missed {missed} found {wrong}")
                lines.append(f"    {sentence}")
    return lines


def real_articles(cache: Path | None = None) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Whole real dev documents from the rebuilt cache, for timing only (no span is scored).

    Extraction's cost depends on the text: attribution-dense news makes it dear, so the cost
    is also measured on the real articles the tool is for. NewsSD-ENG's documents are single
    sentences, not articles, and are left out; the test split is not read.
    """
    cache = cache or default_cache()
    dev = {example.doc_id for example in read_examples(cache / "dev.jsonl")}
    docs = {}
    for line in jsonl_lines((cache / "documents.jsonl").read_text(encoding="utf-8")):
        record = json.loads(line)
        if record["doc_id"] in dev and not record["doc_id"].startswith("newssd:"):
            text = record["text"]
            docs[record["doc_id"]] = (text, [(s.start, s.end) for s in split_document(text).sentences])
    return docs


def speed(
    docs: dict[str, tuple[str, list[tuple[int, int]]]], doc_ids: list[str], repeats: int = 7
) -> dict[str, float]:
    """Extraction cost per sentence, and predict throughput with and without it, same documents.

    Process CPU time, not wall time: the machine is shared, and other people's jobs stretch
    even CPU time by tens of percent from one minute to the next. So each document is timed
    on its own, the variants alternating ``repeats`` times, and its fastest run of each is
    kept: a burst of contention spoils a few milliseconds of one document, not a whole pass.
    Two runs of this measure agree on the ratio within about 0.02 where whole passes, best of
    seven, moved it by 0.07.
    """
    labeller = Labeller.load()
    labeller.label_text(docs[doc_ids[0]][0])  # warm caches before timing either variant
    cpu = time.process_time
    extract = without = with_spans = labels_only = 0.0
    sentences = 0
    for doc_id in doc_ids:
        text, bounds = docs[doc_id]
        sentences += len(bounds)
        runs: dict[str, list[float]] = {"without": [], "with": [], "extract": []}
        for _ in range(repeats):
            for variant, run, args in (
                ("without", labeller.label_text, (text, "<text>", 0, False)),
                ("with", labeller.label_text, (text, "<text>", 0, True)),
                ("extract", extract_spans, (text, bounds)),
            ):
                started = cpu()
                run(*args)
                runs[variant].append(cpu() - started)
        without += min(runs["without"])
        with_spans += min(runs["with"])
        extract += min(runs["extract"])
        labels_only += max(min(runs["with"]) - min(runs["extract"]), 0.0)
    return {
        "sentences": sentences,
        "extract_us_per_sentence": extract / sentences * 1e6,
        "predict_without": sentences / without,
        "predict_with": sentences / with_spans,
        # What predict would do if nothing needed the extractor's pass: its time less that pass's.
        "predict_no_extraction": sentences / labels_only,
    }


def cli_speed(
    docs: dict[str, tuple[str, list[tuple[int, int]]]], doc_ids: list[str], copies: int = 10
) -> dict[str, float]:
    """``factcheck predict FILE -f jsonl`` with and without spans, as a user runs it: CPU time of the process.

    The documents are written ``copies`` times (distinct ids) to one JSONL file, so reading,
    splitting, labelling, span extraction, formatting and writing all count; the output goes to
    /dev/null. Start-up (imports, loading the model: about a second) is the same with and without
    spans and would pull the ratio towards 1, so a run on a one-sentence file is timed too and
    taken off both: the throughput is that of the work on the documents. Child-process CPU time
    (user + system), the variants alternating, best of five each.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path, tiny = Path(tmp) / "documents.jsonl", Path(tmp) / "one.jsonl"
        records = [{"id": f"{d}#{n}", "text": docs[d][0]} for n in range(copies) for d in doc_ids]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        tiny.write_text(json.dumps({"id": "one", "text": "Officials said 40 people were hurt."}) + "\n")
        times: dict[str, list[float]] = {"with": [], "without": [], "start-up": []}
        for _ in range(5):
            for variant, file, extra in (
                ("start-up", tiny, []),
                ("without", path, ["--no-spans"]),
                ("with", path, []),
            ):
                command = [sys.executable, "-m", "factcheck", "predict", str(file), "-f", "jsonl", *extra]
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                times[variant].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    sentences = copies * sum(len(docs[d][1]) for d in doc_ids)
    start_up = min(times["start-up"])
    return {
        "sentences": sentences,
        "start_up": start_up,
        "with": sentences / (min(times["with"]) - start_up),
        "without": sentences / (min(times["without"]) - start_up),
        "raw_ratio": min(times["without"]) / min(times["with"]),
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


def _real_cost_lines(
    timing: dict[str, float] | None, cli: dict[str, float] | None, documents: int
) -> list[str]:
    """The cost bullets for real articles, or why there are none."""
    if timing is None or cli is None:
        return ["- Real articles: not timed (no real-text cache; python -m factcheck.corpus.real.build)."]
    ratio = timing["predict_with"] / timing["predict_no_extraction"]
    return [
        f"- Real articles ({documents} real dev documents: press releases, FOMC statements, State of the"
        f" Union addresses, Wikinews; {timing['sentences']:,} sentences): extraction"
        f" {timing['extract_us_per_sentence']:.0f} µs per sentence; `predict` in process"
        f" {timing['predict_with']:,.0f} sentences/s with spans, {timing['predict_without']:,.0f} with"
        f" `--no-spans`, {timing['predict_no_extraction']:,.0f} without the extraction pass:"
        f" **{ratio:.2f}x**; the command, the documents three times over ({cli['sentences']:,} sentences):"
        f" {cli['with']:,.0f} against {cli['without']:,.0f} sentences/s,"
        f" **{cli['with'] / cli['without']:.2f}x**"
        f" ({cli['raw_ratio']:.2f}x with start-up left in). Measured the same way as above.",
    ]


def _row(name: str, kind: str, p: PRF, where: str = "") -> str:
    figures = f"{p.precision:.3f} | {p.recall:.3f} | **{p.f1:.3f}** | {p.gold} | {p.predicted}"
    return f"| {where}{name} | {kind} | {figures} |"


def _table(tallies: dict[str, Tally]) -> list[str]:
    lines = [
        "| set: span | match | precision | recall | F1 | gold | found |",
        "|---|---|---|---|---|---|---|",
    ]
    for where, tally in tallies.items():
        for name in ("sources", "quantities"):
            scores = score_spans(getattr(tally, name))
            lines += [
                _row(name, "exact", scores.exact, f"{where}: "),
                _row(name, "overlap", scores.overlap, f"{where}: "),
            ]
    return lines


def _intervals(tallies: dict[str, Tally]) -> list[str]:
    """95% intervals of the held-out F1s over resampled documents (``bootstrap_span_f1``)."""
    lines = [
        f"95% intervals over {RESAMPLES:,} resamples of whole documents",
        "(`factcheck.span_scoring.bootstrap_span_f1`):",
        "",
        "| set | sources exact | sources overlap | quantities exact | quantities overlap |",
        "|---|---|---|---|---|",
    ]
    for where, tally in tallies.items():
        cells = []
        for name in ("sources", "quantities"):
            samples = bootstrap_span_f1(getattr(tally, name), tally.documents_of, RESAMPLES)
            cells += [str(interval(samples[:, k])) for k in (0, 1)]
        lines.append(f"| {where} | " + " | ".join(cells) + " |")
    return lines


def _checks(tally: Tally) -> list[str]:
    m, q = max(tally.matched, 1), max(tally.q_matched, 1)
    return [
        f"Of the {tally.matched} sources found exactly, the cue span is right for {tally.cue} "
        f"({tally.cue / m:.1%}) and the stance for {tally.stance} ({tally.stance / m:.1%}); of the "
        f"{tally.q_matched} quantities found exactly, the hedge span is right for {tally.hedge} "
        f"({tally.hedge / q:.1%}) and the approximate flag for {tally.approx} ({tally.approx / q:.1%})."
    ]


def _size(where: str, tally: Tally) -> str:
    return (
        f"- {where}: {tally.documents} documents, {tally.sentences} gold sentences "
        f"({tally.with_source} with a source, {tally.with_figure} with a figure)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--accuracy-only", action="store_true", help="print the span tables; no timing, SPANS.md untouched"
    )
    parser.add_argument(
        "--tuning-errors",
        action="store_true",
        help="print each error on tuning documents (our dev, real train and dev); no test document is read",
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    options = parser.parse_args(argv)
    timed = not options.accuracy_only
    corpus_docs, corpus_test = load("test")
    _, corpus_dev = load("dev")
    tuned = {"our corpus": document_scores(corpus_docs, corpus_dev)}
    real = load_real()
    if options.tuning_errors:  # before any test document is read
        lines = tuning_errors(corpus_docs, corpus_dev)
        if not isinstance(real, str):
            real_docs, records = real
            tuning = [r for r in records if r["split"] != "test"]
            tuned["real text"] = document_scores(real_docs, tuning)
            lines += tuning_errors(real_docs, tuning)
        sys.stdout.write("\n".join([*_table(tuned), "", *lines]) + "\n")
        return 0
    held = {"our corpus": document_scores(corpus_docs, corpus_test)}
    if isinstance(real, str):
        real_note = [real + " (build the cache: python -m factcheck.corpus.real.build)."]
    else:
        real_docs, records = real
        held["real text"] = document_scores(real_docs, [r for r in records if r["split"] == "test"])
        tuned["real text"] = document_scores(real_docs, [r for r in records if r["split"] != "test"])
        held["combined"] = held["our corpus"] + held["real text"]
        tuned["combined"] = tuned["our corpus"] + tuned["real text"]
        real_note = []
    if not timed:
        sys.stdout.write("\n".join([*_table(held), "", *_intervals(held), "", *_table(tuned)]) + "\n")
        return 0
    test_ids = sorted({r["doc_id"] for r in corpus_test})
    timing = speed(corpus_docs, test_ids)
    cli = cli_speed(corpus_docs, test_ids)
    articles = {} if isinstance(real, str) else real_articles()
    real_timing = speed(articles, sorted(articles)) if articles else None
    real_cli = cli_speed(articles, sorted(articles), copies=3) if articles else None
    quantulum = quantulum_comparison(corpus_dev)
    train_docs = 0 if isinstance(real, str) else len({r["doc_id"] for r in real[1] if r["split"] == "train"})

    lines = [
        "# Span extraction benchmark",
        "",
        f"Measured {date.today().isoformat()} with `{COMMAND}`",
        f"(one run, on a 2-core machine shared with other work; load average {_load()} when it started).",
        "",
        "Gold: our corpus's `data/spans/gold.jsonl` (written by hand against `data/SPANS.md` before",
        "the rules existed) and real text's `data/real/spans/*.jsonl` (offsets only, written by hand",
        "against the same guideline, joined with the sentences rebuilt by",
        "`python -m factcheck.corpus.real.build`). Rules tuned on dev documents (and, for real text,",
        f"{train_docs} train documents) only; whole documents are read as `factcheck predict` reads them (a",
        "real document is the source's whole text from the rebuilt cache; every labelled sentence",
        "of an annotated real document has gold, so a span found where there is none counts",
        "against precision, while our corpus's gold covers chosen sentences of each document).",
        "",
        "## Held-out: test documents",
        "",
        *(_size(w, t) for w, t in held.items() if w != "combined"),
        "",
        *_table(held),
        "",
        *_intervals(held),
        "",
        *_checks(held.get("combined", held["our corpus"])),
        *real_note,
        "",
        "Targets (issue 15): sources exact F1 ≥ 0.82 and overlap F1 ≥ 0.88; quantities overlap F1 ≥ 0.90.",
        "",
        "How the held-out figures came about. Our corpus: the rules were not tuned on its test",
        'documents; the first run on them (before a count such as "2,000 homes" stopped being read',
        'as a year and the tokenizer kept "a.m." whole, both found elsewhere) gave sources exact',
        "0.905, overlap 0.918; quantities exact 0.942, overlap 0.966. Real text: the gold was written",
        "before the rules were run on it; the first run on real test documents (the stance lexicon",
        "already extended by the annotation, no rule changed) gave sources exact 0.618, overlap",
        "0.715; quantities exact 0.810, overlap 0.907. Every later rule change was made for errors",
        "on real dev and train documents only, and checked against our corpus: its dev spans are",
        'unchanged, its test documents lost three spans (a year, a pronoun "one" and a source). Real',
        "sources stay below both targets: the errors left on the tuning documents are few, so what",
        "the test documents miss were constructions the tuning documents did not show. A rule then",
        'made (an -ing cue after a short noun phrase opened by ", with": a second source), from two',
        "errors on a real train document, moved real test sources from 0.744/0.821 to 0.752/0.828 and",
        "added one source to our corpus's test documents, one its gold has.",
        "",
        "The next round had 40 more real train documents with span gold (written before any rule ran",
        "on them), whose errors showed shapes the earlier tuning documents lacked: a lower-case -ly noun",
        'taken for an adverb ("The family said" gave "The"), adverbs between an auxiliary and its',
        "cue, progressive cues, an acronym in brackets inside a subject, a name suffix after a comma",
        '("…, Jr."), one source per tagged name of a list sharing a cue, a cue needing a clause that',
        'takes one without "that" or after a phrase of place, a plural noun cue before a verb ("some',
        'reports indicate"), an introductory word or phrase before the subject, a lone comma after a',
        'subject, time phrases next to the subject, "According to X" without a comma, "citing" a',
        "reason, and questions and conditionals in interviews. Made on tuning documents only (real",
        "tuning sources exact 0.863 -> 0.949, overlap 0.898 -> 0.953; our dev sources 0.978 -> 0.995,",
        "quantities unchanged), they moved the held-out figures from 0.752/0.828 (real test sources)",
        "and 0.910/0.923 (our test sources) to 0.770/0.857 and 0.920/0.930, read once after the last",
        "change.",
        "",
        "A third round had 42 more real train documents with span gold (30 press releases, 4 FOMC",
        "statements, 8 Wikinews documents; written before any rule ran on them), and the rules' output",
        "on real train and dev documents without gold was read against data/SPANS.md for spans found",
        "where none belongs. Shapes found: a pronoun subject after an opening phrase without a comma",
        '("In those days I believed"), an opening phrase of time or place without a comma, a dateline',
        'before an -ing cue\'s subject, an aside set off by dashes, "went on to say", "by issuing the',
        'following statement", a degree after a name, "in his statement" between a subject and its cue,',
        'a hyphen written with spaces inside a name; and non-sources: nouns that look like cues ("ask',
        'questions", "district judges", "in 40 states", "class projects"), "That is to say", "what X',
        'would think", "There\'s", a contracted pronoun ("you\'d find"), a complement after "is", a',
        'passive after "It\'s", an infinitive joined by "and", a name cut off by the splitter, "Don\'t',
        'you think" and other questions an interviewer puts. Two gold sources that broke the guideline',
        "were removed (data/real/README.md). Made on tuning documents only: real tuning sources (dev,",
        "91 train documents) 0.889/0.903 with the previous rules -> 0.952/0.955; the last 19 train",
        "documents, scored before any change was made from them, 0.715/0.748 -> 0.786/0.786; our dev",
        "unchanged (0.995), our test 0.920/0.930 -> 0.924/0.931, quantities unchanged. Read once, after",
        "the last change, real test sources moved from 0.770/0.857 to 0.785/0.848: exact up, overlap",
        "down. Fewer spans are found (78 -> 75) and more of them exactly (precision 0.795 -> 0.827),",
        "but some that had overlapped a gold source are gone (overlap recall 0.831 -> 0.807). Real",
        "sources stay below both targets.",
        "",
        "A fourth round had 171 more real train documents with span gold (150 NewsSD-ENG sentences,",
        "the 6 Wikinews documents left, 15 press releases; written before any rule ran on them). Shapes",
        'found: "less than many analysts expected and …", "warn of" in any tense, a question quoted',
        'before "asks", a capitalised word of a name taken for a determiner ("The Independent',
        'reported"), "As a result" before a subject, "began by saying", a quoted nickname in a name,',
        'a study inside what a source said ("noted the findings show"), "wrote to X and said", "I',
        'understand X is", an absolute phrase (", the ministry recommending"), "herself" after a name;',
        "quotes carried over a paragraph break or opened with a closing mark, and a dot glued between",
        'sentences ("stated.A"); and non-sources: "according to the number of", "confirmed Judge X",',
        '"who gets accepted", "as it may think fit", "whether you believe it or not", "I can\'t',
        'remember". Made on tuning documents only: real tuning sources (dev, 262 train documents)',
        "0.914/0.923 with the previous rules -> 0.947/0.954; our dev unchanged (0.995), quantities",
        "unchanged. Read once, after the last change, real test sources moved from 0.785/0.848 to",
        "0.792/0.855 and our test sources from 0.924/0.931 to 0.926/0.933. Real sources stay below",
        "both targets.",
        "",
        "A fifth round had 175 more real train documents with span gold (150 NewsSD-ENG sentences,",
        "25 press releases; written before any rule ran on them). Shapes found: a closing quote mark",
        'typed to open a quote after a lost space ("…committee.”I am"), which had closed a quote',
        'from the paragraph\'s start and hidden every cue before it; ", with X saying" where X holds',
        'a number, an "of" complement or a participle\'s phrase ("with 60 percent surveyed in June',
        'saying"); an adverb after the subject of "…, explaining"; a described source after a speech',
        'verb at a headline\'s end (", says the banker"); a second past cue with "that" coordinated',
        "with the clause's first verb; a report or study named as an object before an -ing cue",
        '("released a report indicating"), which then makes no statement line of "released";',
        '"published … the following op-ed …:"; a state\'s letters in brackets after a name (an',
        "acronym stays only when made of the name's initials); a claim inside what a record says",
        '("Records note that the firm claimed"); "notes" with a noun phrase as its object; and',
        'non-sources: "news reports that", an infinitive\'s "that" ("grants to charities to help',
        'ensure that"), a hypothetical "would be showing", "found their shifts growing". One gold',
        "source of an earlier round was added (data/real/README.md). Made on tuning documents only:",
        "real tuning sources (dev, 437 train documents) 0.929/0.939 with the previous rules ->",
        "0.947/0.954; our dev unchanged (0.995), quantities unchanged. Read once, after the last",
        "change, real test sources stayed at 0.792/0.855 and our test sources moved from 0.926/0.933",
        "to 0.925/0.931 (one source fewer found); quantities unchanged. Real sources stay below both",
        "targets. Side by side in alternating runs (our corpus's documents, best of 7), extraction",
        "took 306-315 ms before the round's rules and 285-412 ms after them: no change beyond this",
        "machine's noise (one run of this benchmark then read 101 µs a sentence, the next 75 µs).",
        "",
        "A sixth round had 150 more real train documents with span gold (120 NewsSD-ENG sentences,",
        "30 press releases; written before any rule ran on them). Before any change the rules scored",
        "0.767/0.800 on these documents (sources exact/overlap; quantities 0.811/0.877): the honest",
        "estimate of how they do on unseen real text. Shapes found: a curly quote opened after a",
        "sentence end while another is open (a new quoted paragraph) and a quoted name inside a quote,",
        "which had left a quote open and then closed one from the document's start, hiding every cue",
        "before it; a plural noun before its auxiliary as the head of an -ing cue's subject (\"Parade",
        'organisers had …, saying"); "continued" before a quote; a quote whose marks were lost, its',
        'speaker named after the verb at the end ("…, stated Lee."); "not" between a passive\'s',
        'auxiliary and its participle; a sentence opening with a list of names ("Ohio, Utah, and Iowa',
        'report": one source each); "wrote to X urging" as a request; and non-sources: "finding it',
        'hard to", "Ohio state:", "wrote a bill that would". One gold source of an earlier round was',
        "added and one of this round cut at its comma (data/real/README.md). Made on tuning documents",
        "only: real tuning sources (dev, 587 train documents) 0.930/0.939 with the previous rules ->",
        "0.945/0.951; our dev sources 0.995 -> 0.998, quantities unchanged. Read once, after the last",
        "change, real test sources moved from 0.792/0.855 to 0.795/0.857 (78 found, 76 before) and",
        "our test sources from 0.925/0.931 to 0.923/0.929 (one more found, not in its gold);",
        "quantities unchanged. Real sources stay below both targets. Source extraction over every",
        "real document took 0.72-0.74 s of CPU before and after the round's rules; side by side on",
        "our test documents at load 2.3-2.7, extraction alone took 91-119 µs a sentence before them",
        "and 88-136 µs after: the machine's noise, not the rules.",
        "",
        "A seventh round had 105 more real train documents with span gold (60 NewsSD-ENG sentences,",
        "45 press releases; written before any rule ran on them). Before any change the rules scored",
        "0.872/0.910 on these documents (sources exact/overlap; quantities 0.830/0.915), against",
        "0.818/0.844 and 0.767/0.800 on the fifth and sixth rounds' documents. Shapes found: a closing",
        "quote mark after a sentence's end once a quote has closed ('…,” said the member.” The …':",
        "the quote goes on), which had closed a quote from the paragraph's start and hidden the",
        "attribution before it; a straight mark closing a curly quote with the space after it lost",
        "('…recovery.\"The bill'), which had left a quote open over the rest of the release; and a",
        'sentence-initial conjunction kept in the subject of "…, saying". This round\'s guideline line',
        'on "called for" was made to agree with the project corpus\'s gold, and four gold rows were',
        "corrected (data/real/README.md). Made on tuning documents only: real tuning sources (dev,",
        "692 train documents) 0.936/0.947 with the previous rules -> 0.940/0.949; our dev sources",
        "unchanged (0.998), quantities unchanged. Read once, after the last change, real test sources",
        "stayed at 0.795/0.857 (78 found) and our test sources at 0.923/0.929; quantities unchanged.",
        "Real sources stay below both targets: what this round's documents taught (quote marks typed",
        "wrongly, a leading conjunction) moved no held-out figure. Source extraction over every real",
        "document took 0.71-1.15 s of CPU before and after the round's rules at load 2.6-3.1: the",
        "machine's noise, not the rules.",
        "",
        "The quantity rules were then changed from real tuning errors alone: telephone numbers,",
        'house numbers, ZIP codes, numbers in web paths, "9/11", "Executive Order 8802" and "one that"',
        'are not figures; a count ends at "people" or "children" and before "aboard" or a',
        'trailing "dead"; a share named with a possessive keeps its group; an age keeps "years',
        'old"; a score stops before a team\'s name; "a third term" is an ordinal. Real tuning',
        "quantities 0.876/0.927 -> 0.921/0.953 exact/overlap, our dev unchanged; read once after the",
        "last change, real test quantities moved from 0.885/0.939 to 0.903/0.949 and our test",
        "quantities from 0.946/0.972 to 0.951/0.972.",
        "",
        "A checklist of 50 everyday attribution shapes the project wrote",
        '(tests/test_attribution_constructions.py) showed that "put" and "forecast", their own past',
        'tense, were read as present-tense forms that a singular subject cannot take ("As the',
        'auditor put it", "The agency forecast that"). Fixed; tuning figures unchanged; read once',
        "after, our test sources moved from 0.923/0.929 to 0.928/0.935 (three sources its gold has)",
        "and real test sources stayed at 0.795/0.857.",
        "",
        "The real test documents with span gold were then widened: the first 46 held only 83",
        "sources, and a single source moves their F1 by about 0.006. An eighth draw (data/real/",
        "README.md) gave span gold to 118 more real test documents (50 press releases, 60",
        "NewsSD-ENG sentences, 3 Wikinews documents, 5 FOMC statements; 107 sources, 221",
        "quantities), written by hand before any program read them. It was made after the held-out",
        "sources had been read below their targets, so the figures on each part are given here. The",
        "rules as they stood (no change made from any test document) scored the 118 new documents,",
        "read once: sources 0.855 exact, 0.864 overlap (precision 0.832, recall 0.878 exact);",
        "quantities 0.861/0.957. The first 46 documents stay at 0.795/0.857 and 0.903/0.949. The",
        "real-text rows of the held-out table above are both parts together, 164 documents. Overlap",
        "is barely above exact on the new documents: what the rules get wrong there is whole",
        "sources missed or found where there is none, not a boundary.",
        "",
        "A ninth round had 130 more real train documents with span gold (50 press releases, 80",
        "NewsSD-ENG sentences; written before any rule ran on them). Before any change the rules",
        "scored 0.878/0.886 on these documents (sources exact/overlap; quantities 0.757/0.829, most",
        "of the misses in one table of state counts). Shapes found: a quote whose closing mark was",
        'lost before "…, said Rep. Lee." had run to the end of the release and hidden every cue after',
        'it; a title joined by "of" ("said City of Lund Police Chief …"); a sentence opened by the',
        'verb right after a quote closed ("” Said Ortiz."); a name and its company ("Mr. Clay and his',
        'colleagues said"); and not figures: "one" before a verb ("when one',
        'considers"), "10 A.M.", "Local Law 71", "District 218", "Emergency 911", "One Stop …"; a',
        'measure used as a modifier ending at its unit ("500,000 gallon", "900 MHz"). Made on tuning',
        "documents only: real tuning sources (dev and train) 0.931/0.940 with the previous rules ->",
        "0.935/0.944, quantities 0.887/0.933 -> 0.895/0.937; our dev unchanged. Read once after the",
        "last change: real test sources unchanged at 0.829/0.861, real test quantities 0.876/0.954 ->",
        "0.879/0.954, our test unchanged. Each round still teaches shapes the held-out documents do",
        "not have. A review of these rules then narrowed three of them, with the same figures: the",
        'verb-first sentence needs the closing quote before it (a headline\'s "Noted Scientist Dies"',
        "and a man named Said are no sources), a lost closing mark is found only before a speaker that",
        'ends the sentence, and "one" is a pronoun only before a listed verb ("one analysis" is a count).',
        "Without sentence bounds (`extract_spans(text)`), sources no longer run across a blank line.",
        "",
        '"Made" then joined the lexicon ("Rep. Lee made the following statement: \u201c\u2026\u201d"),',
        "and every earlier round's gold was read again for it (data/real/README.md says how): five",
        "rows gained the source, one of them a test release. Real test sources moved from",
        "0.829/0.861 to 0.825/0.856: the rules take a word of that release's long aside before its",
        "subject, which was not fixed, as it was found on a test document. (There was no tenth round",
        "of span gold: the tenth round of annotation relabelled sentences, data/real/round10/.)",
        "",
        "An eleventh round had 116 more real train documents with span gold (30 press releases, 16",
        "FOMC statements, 70 NewsSD-ENG sentences; written before any rule ran on them). Before any",
        "change the rules scored 0.880/0.880 on these documents (sources exact/overlap; quantities",
        '0.890/0.961). Shapes found: a one-word name ending like a participle ("As King points out",',
        'once taken for a participle subject); a plural head noun after an opening phrase ("In',
        'addition, reports from … show"); "…,” continued X"; an opening word before a name with',
        'asides ("Today, Rep. X (WI-4), along with …, announced", once "Today"); a quote left open',
        'up to a sentence that names its speaker ("Rogers said"); a second verb of a clause ("… and',
        'anticipates that", "…, and found"); "made the following comment"; and non-sources: "the',
        'previously announced maximum", "find ways to", "…, said the rent rose". Quantities: mixed',
        'fractions ("1 1/4 percent", in FOMC statements), "$50-55 million" as one range (its low',
        'value now in millions too), resolution numbers and "P5+1". Made on tuning documents only:',
        "the round's documents 0.880/0.880 -> 0.926/0.926 (quantities 0.890/0.961 -> 0.909/0.971);",
        "real tuning sources 0.928/0.935 -> 0.934/0.942; our dev unchanged. Read once after the last",
        "change: real test sources 0.825/0.856 -> 0.828/0.859 (one source more), real test",
        "quantities unchanged, our test sources 0.928/0.935 -> 0.930/0.936. Overlap on real test",
        "stays below its target. A review then narrowed five of these rules, with the same figures",
        "everywhere: a quote left open ends only before a speaker the writer named before it (not",
        '"Officials said", "You said"), "find ways" needs its "to", a second verb\'s subject may not',
        'end with "and" ("The firm cut jobs and expects"), a currency sign spans a range only with a',
        'dash or a scale word ("paid $20 to 25 workers" is two figures), and a mixed fraction\'s whole',
        'part has one or two digits ("In 2010 1/3 of homes").',
        "",
        "The twelfth round read no new real text. A helper wrote 640 sentences of its own, aimed at",
        "likely weak spots, and checked the output against data/SPANS.md (142 wrong); a second wrote",
        "250 ordinary news sentences in ten registers and 189 aimed ones (10 and 31 wrong). The",
        'rules made from them: a counted noun ends before its verb ("3,000 staff face", "One person',
        'remains"; "One gunman shot three people" is two figures); currencies written with letters',
        '("US$40", "Rs 500 crore", "EUR 5 billion"), lakh and crore; "$5bn-6bn" one range;',
        '"20-25,000" from 20,000; "one-third", "two thirds of"; "percentage points" in the singular;',
        'numbers inside names ("Interstate 95", "Boeing 737") and years outside 1800-2099 after a',
        'word of time; "3m viewers" keeps its noun and "4,800m above sea level" is metres; negative',
        'figures ("-0.3%"); "18 goals in 24 appearances" is two counts, "by 345 votes to 214" one',
        'tally; the hedges "a maximum of", "more like", "20+" and a hedge across "another"; "over"',
        '"under" bound a duration after for, in or take and are prepositions after "fought" or a',
        'verb of motion; "one" as a pronoun after an article and a word; sources after a single',
        'quote closed by its comma, "According to police the man was 32", "who" after a plural of',
        'people, "The BBC understands that", a gerund after "admitted", "said an analyst at',
        'Jefferies", "The finance ministry forecast growth"; and plain actions ("Rescuers found two',
        'bodies", "Officers found a gun", "showed him a red card"). On the tuning documents no span',
        "with gold changed; hedges on exactly matched quantities went from 1,217 to 1,225 of 1,244",
        "right on real text and from 208 to 209 of 210 on our dev. A third helper then wrote 300",
        "fresh ordinary sentences (30 in each of ten registers, fixed before any was run) and judged",
        "the output: 11 had an error (3.7%): 5 a source error, 6 a quantity error. Read once after",
        "the last change: real test quantities exact 0.879 -> 0.884 (overlap unchanged at 0.954),",
        "our test quantities 0.951/0.972 -> 0.954/0.973; the sources' held-out figures are unchanged.",
        "The round's rules cost about 10% more instructions in extraction (callgrind, our test",
        "documents); their first versions cost 23% more, until minus signs, currencies written with",
        "letters and straight single quotes were found with str.find instead of patterns tried at",
        "every position.",
        "",
        "The thirteenth round also read no new real text. The eleven errors the third helper had",
        "found became rules, and a fourth helper wrote 300 more ordinary sentences in the ten",
        "registers with its own gold (203 sources, 337 quantities), frozen before any run: main",
        "differed from that gold on 28 sentences, the branch with the first rules on 25, of which 17",
        "were extractor errors by the guideline and 8 cases it leaves open. Rules from both:",
        '"Judge" and ranks ("Lt.", "Det.") before a name; "The 34-year-old said"; a hedge in a',
        'counted subject ("more than 40 MPs urged"); "…, researchers wrote in the study."; a',
        'restrictive "who" clause after "according to"; "fewer than the 240,000 that economists',
        'expected" names the economists; participle phrases inside subjects ("Data received since',
        'the meeting indicate"); "used to say"; and no source for "to settle claims", "was rejected',
        'by 14 publishers", "found a buyer", "found a man with stab wounds" or "complained about the',
        'damp". Quantities: "fell by 8,000 to 212,000" is two figures; a score counts no noun',
        '("31-17 win" -> "31-17", as the real gold has it); "a half-cent", "a quarter point", "half',
        'a cent", "a few dozen"; "1,274 measles cases"; "as low as -5C"; no hedge in "edging up to',
        '4.1%", "27 drones over four regions" or "over two long winters"; "called 999" and "the',
        'half marathon" are no figures. Read once after the last change: real test quantities exact',
        "0.884 -> 0.889, our test sources 0.930/0.936 -> 0.931/0.938 and quantities overlap 0.973 ->",
        "0.975; real test sources unchanged at 0.828/0.859. The default model now weighs the spans",
        "(see Cost), which changes what their cost is measured against.",
        "",
        "The fourteenth round read no new real text either. A helper wrote a fifth probe, 300",
        "sentences in the registers of the real test documents (120 press-release lines, 60 FOMC",
        "statement lines, 60 Wikinews lines, 60 newspaper lines, a third with no source), with its",
        "own gold, frozen before any run; 31 differed from it (sources P 0.948 R 0.891, quantities",
        'F1 0.949). Rules made from the clear errors: a title-case headline names its source ("Rep.',
        'Lee Announces $2 Million", "Soltis, Kerr Announce"), a capitalised cue word after a quote is',
        'a name unless a verb of speech ("…," Grant said"), "the January forecast" is a dated noun,',
        '"nobody" and "no one" are no sources, "and over" hedges a figure ("aged 55 and over"),',
        '"move closer to" is a direction. Then 24 differed, most of them points data/SPANS.md leaves',
        "open. Real tuning sources 0.934/0.942 -> 0.936/0.944 (five headline sources the gold has);",
        'a review then narrowed them (a headline\'s "Shows" needs a record before it, "and over"',
        'hedges only after an age or at a clause\'s end, "No one at the ministry" is no source either).',
        "Read once after the last change, every held-out figure is unchanged. The table of 95%",
        "ranges above says why one more source or two would not tell: real text's source overlap",
        "runs from about 0.82 to 0.90 over resampled documents.",
        "",
        "Two reviews of the tool by helpers (not of any document) then found wrong readings in",
        'sentences of their own: a typeset minus sign dropped ("\u22120.3%" read as 0.3%), thousands',
        'grouped with a no-break space read as two numbers ("3\u00a0000 people": 3 and 0), degrees',
        'without their unit, "58.4 %", and a noun set beside a clause as its object taken into the',
        'source (", a figure the council disputes" -> "a figure the council"; data/SPANS.md gives',
        '"the council", as it gives "The claim was rejected by the ministry" its ministry). Fixed.',
        'A digest of every span on every document showed what moved: one quantity ("105\u00b0F" keeps',
        "its unit) and sources in five documents of our corpus, three of them test documents, which",
        "is where the held-out figures above moved (our test sources 0.931/0.938 -> 0.933/0.940,",
        "one source its gold has; two more it does not have change their boundary only). No gold was",
        "changed; real text did not move.",
        "",
        "The fifteenth round drew 100 more real train documents (40 press releases, 60 NewsSD-ENG",
        "sentences: the twelfth draw of data/real/README.md), annotated before any rule ran on them;",
        "the rules scored them 0.845/0.870",
        "(sources exact/overlap) and 0.896/0.931 (quantities). What the rules then changed for its",
        'errors: a negated auxiliary written as one token had been taken into the subject ("They',
        'don\'t think" -> "They don\'t"; with a curly apostrophe the source was lost), "Even" before',
        'a subject, "Says Ana Stimmel: \u201c\u2026\u201d", cue nouns before a modal ("the project will")',
        'or before "for" ("claims for flood insurance"), "think about", ordinals in words',
        '("twenty-first"), lower-case datelines, legal citations, "range in size from". Every span of',
        "every corpus and real document was compared before and after: 161 changes, 108 of them in",
        'State of the Union addresses (no span gold there), most a subject losing its "don\'t". Real',
        "tuning sources 0.929/0.938 -> 0.932/0.940, quantities 0.898/0.941 -> 0.900/0.943; our dev",
        "unchanged. Read once after the last change, real test sources moved from 0.828/0.859 to",
        "0.826/0.857 (one source more found, which its gold does not have); every other held-out",
        "figure is unchanged.",
        "",
        "The sixteenth round drew 100 more real train documents (60 press releases, 40 NewsSD-ENG",
        "sentences: the thirteenth draw of data/real/README.md), annotated before any rule ran on",
        "them; the rules scored them 0.849/0.864 (sources exact/overlap) and 0.928/0.969",
        '(quantities). What the rules then changed for its errors: a record before ", which" and a',
        'cue ("the latest CBO score of the bill, which estimates that"), "further" between a subject',
        'and its verb, a hyphenated name taken for a modifier ("Douglas Holtz-Eakin shows"), a list',
        'of names after "Today," with "of" inside a name, a place in capitals in brackets taken for',
        'an acronym ("(WASHINGTON)"), a record after a preposition ("based on empirical research',
        'demonstrating"), "stressed the importance of"; "7 out of 10 voters" as one ratio, a',
        'telephone number with a leading 1, "House Resolution 38", "one-on-one", "number one", "as',
        'one", "zero-covid". The round\'s documents: sources 0.849/0.864 -> 0.877/0.885, quantities',
        "0.928/0.969 -> 0.950/0.988. Every span of every corpus and real document was compared before",
        "and after: 69 changes, 18 of them in State of the Union addresses. Real tuning sources",
        "0.922/0.931 -> 0.926/0.934, quantities 0.904/0.946 -> 0.909/0.950; our dev unchanged. Read",
        "once after the last change, real test quantities moved from 0.889/0.954 to 0.894/0.955;",
        "every other held-out figure is unchanged, real test sources among them (0.826/0.857). A",
        'review then narrowed the rules (", which" only after a record that heads its phrase, with no',
        "verb in it and no comparison before it; a hyphenated name only before what a cue reports;",
        'capitals in brackets a dateline only before a capitalised word; "further" only after a',
        "subject), with no span moving on any corpus or real document.",
        "",
        "The seventeenth round drew 87 more real train documents (66 press releases, 21 FOMC",
        "statements: the fourteenth draw of data/real/README.md), annotated before any rule ran on",
        "them; the rules scored them 0.902/0.923 (sources exact/overlap) and 0.908/0.958",
        "(quantities). What the rules then changed for its errors, after two findings of the last",
        'review (a record before ", which" after a cue verb or joined by "from", "on" or "by"; "the',
        'number two official" a rank): an aside naming the subject\'s company ("…, together with Rep.',
        'Cy Ortiz (all D-Md.) today announced"), "according to" a norm after a verb ("resurfaced',
        'according to safety standards"), a time right after a participle ("A study released last',
        'week estimates"), adverbs between a subject and its verb ("than the Committee now expects";',
        '"than currently anticipated" has none), a short aside after an opening word ("Even so,',
        'hiring figures, on balance, show"), share buttons\' stray letters ("share: f t"), a',
        'clause defining the noun before it ("toward levels the board judges consistent"); a count',
        'over "more" or "fewer" to its plural noun ("thousands more jobs"), vague amounts said twice,',
        '"trillions", "20-year old", "227-to-203", "1,425th", "401(k)", "Part 161", a list\'s marks.',
        "The round's documents: sources 0.902/0.923 -> 0.944/0.944, quantities 0.908/0.958 ->",
        "0.950/0.980. Every span of every corpus and real document was compared before and after: 197",
        "changes, most in press releases and State of the Union addresses. Real tuning sources",
        "0.923/0.933 -> 0.931/0.936, quantities 0.909/0.951 -> 0.920/0.956 (this round included in",
        "both); our dev unchanged. Read once after the last change, real test quantities moved from",
        "0.894/0.955 to 0.896/0.955 and our test quantities from 0.954/0.975 to 0.956/0.975; real test",
        "sources did not move (0.826/0.857). A review then found misfires of these rules on sentences",
        'of its own (a name in -ed taken for a participle, "rely on the report, which" losing its',
        'record, numbers closing an aside taken for a list\'s marks, "Due to delays the airline said"',
        "losing its source) and they were narrowed; on the documents that moved 5 spans, all in real",
        "train documents, and no held-out figure.",
        "Then findings on time phrases, from that review and the next, became rules, none of them",
        'from a document: a weekday after a participle joins the subject ("A report released Tuesday',
        'showed"), "published" is no cue when its day is followed by the sentence\'s verb, and a bare',
        'weekday before a cue is the cue\'s unless it names a day ("Super Tuesday"). Every span of',
        "every corpus and real document was compared before and after: 2 moved, both in our own test",
        "documents (a time after a participle now in the subject), which moved our test sources exact",
        "from 0.933 to 0.936; no tuning document moved.",
        "",
        "The eighteenth round drew 93 documents without span gold (the 3 Wikinews interviews of",
        "the dev split, the last Wikinews documents left; 40 train press releases; 50 NewsSD-ENG",
        "sentences of the dev split, none being left in train: the fifteenth draw of",
        "data/real/README.md), annotated before any rule ran on them; the rules scored them",
        "0.750/0.773 (sources exact/overlap) and 0.889/0.936 (quantities), the lowest first",
        "reading of any round. Seven of its gold sources broke data/SPANS.md (cues inside quoted",
        "paragraphs left open, in one release) and were taken out: 0.781/0.805. What the rules",
        'then changed for its errors: reporting to work, telling stories, writing books, "will',
        'tell us much about" and naming ("I called it …") make no claim; a person questioned is',
        "asked, a thing of someone's questioned is disputed; a law's \"calls for\" is its provision",
        '(data/SPANS.md said so, the rules did not); "demonstrated how"; "I think …, but I think',
        '…" is two sources; a memory\'s gerund ("I remember going"); "projects in", "talk shows,',
        'whose" and "claims that are" are nouns; "a millionth" is a fraction, not "a million";',
        '"Building 31", "Opus 1" and a telephone extension are identifiers. The round\'s',
        "documents: sources 0.781/0.805 -> 0.886/0.911, quantities 0.889/0.936 -> 0.905/0.946.",
        "Real tuning sources 0.922/0.928 -> 0.930/0.936 (this round included in both); our dev",
        "unchanged.",
        "",
        "The nineteenth round drew 99 more (the 39 NewsSD-ENG dev sentences left, 35 dev and 25",
        "train press releases: the sixteenth draw), annotated before any rule ran on them, with",
        "the eighteenth round's rules in: the rules scored them 0.871/0.886 (sources) and",
        '0.947/0.964 (quantities). What the rules then changed for its errors: "calculate" needs',
        "what was worked out; the one helped to find is no source; an amendment rejected is a",
        'submission turned down; cue nouns after a figure ("a $42,500 grant") and in "the CBO',
        'report on"; "stated his opposition"; a request whose addressee\'s name is set off by',
        "commas; a headline run into the first sentence starts the speaker at the title; a letter",
        "addressed to someone, then a reporting participle, is the source (after a comma the",
        'sender is); "published an op-ed arguing" gives the op-ed only; a verb after a modal is',
        "no subject. The round's documents: sources 0.871/0.886 -> 0.925/0.925. Real tuning",
        "sources 0.925/0.932 -> 0.930/0.935 (both rounds included); our dev unchanged.",
        "",
        "Every span of every corpus and real document was compared before the two rounds and",
        "after them: 88 moved, 70 in tuning, train and unannotated documents (9 of them in State",
        "of the Union addresses) and 18 in test documents, which were counted by cue but not",
        "read. Read once after the last change: real test sources 0.826/0.857 -> 0.831/0.862 and",
        "our test sources 0.936/0.940 -> 0.938/0.941; quantities unchanged. Real sources stay",
        "below the overlap target. The two rounds' first readings (0.805 and 0.886 overlap, on",
        "documents no rule had seen) bracket the held-out figure: on unseen real text the rules",
        "find about as well as the test documents say, and each round still meets constructions",
        "the earlier ones lacked.",
        "",
        "A helper then reviewed these rules on sentences of its own and found twelve misfires,",
        'and the rules were narrowed: a title inside a noun phrase of its own ("A lawsuit against',
        'Mayor Bo Park claims") had been cut to the title; "questioned Pentagon plans" and',
        '"questioned Gov. Vale\'s decision" had been read as a person asked; "Supporters of the',
        'bill called for" had lost its source to the law rule; "called it Orwellian" had been',
        'read as a name; "told reporters that stories …" as a telling; product recalls and "I',
        'remember nothing" as memories ("recall" no longer takes a gerund); "demonstrated how to"',
        'as a claim; "30% report that" and "Executives at 3M note that" as nouns; a figure far',
        'along after "calculate" was missed; "projects in its latest forecast that" as a noun;',
        '"Building 300 new homes" as a name ("Building" is no longer an identifier); "wrote three',
        'books arguing that" had lost its claim. "A millionth" is a fraction only before "of"',
        '("the one hundredth anniversary" is an ordinal). On the documents this moved 3 spans,',
        "none in a test document; the held-out figures above are unchanged, and the model did not",
        "need rebuilding (its span counts did not move).",
        "",
        "The twentieth round took every press release left outside the test split (78 train and",
        "35 dev: the seventeenth draw, 113 documents, 1,303 sentences), annotated before any rule",
        "ran on them; five sources inside a letter and op-ed excerpts set out after a colon",
        "without quote marks were taken out first (data/SPANS.md now calls those quotes). The",
        "rules scored them 0.821/0.854 (sources) and 0.908/0.955 (quantities). What the rules",
        "then changed: a law's provision gives no source whatever the cue; \"as estimated by the",
        'CBO" is a passive agent (not "as quoted by" or "as informed by"); a participle after',
        'its noun ("a package projected to", "a crowd estimated at") is no cue; "grant" concedes',
        "only with its clause; a resolution speaks through its participle; a letter's addressee",
        "and an addressee before a quote are read past; a phrase before the subject is trimmed; a",
        "garbled quote mark is no part of the source. A helper's review on its own sentences",
        "found eight regressions and they were fixed. The round's documents: sources",
        "0.821/0.854 -> 0.859/0.878.",
        "",
        "The twenty-first round is a new source: every English MEANTIME article (120 Wikinews",
        "business reports, data/real/README.md), with span gold for all of them, test documents",
        "included, written before any rule ran. On its 96 train and dev documents the rules, never",
        "tuned on this source, scored 0.868/0.897 (sources) and 0.892/0.953 (quantities). Rules",
        'from those errors: names ending like "-ing" before their clause ("Boeing says"); a',
        'company with a plural verb ("Aeroflot say that"); the speaker\'s own backshifted belief',
        '("stated that he expected") as a second source; a name before its title when the closing',
        "comma is lost; a reason cited; a passive agent past an adverb; a date or a subordinate",
        "clause before the subject; a wiki image's width. A helper's review found ten regressions,",
        "each fixed with a test. Its tuning documents: 0.868/0.897 -> 0.896/0.915. The 24 test",
        "documents count in the real test rows above, read once after the last change.",
        "",
        "Then every test document still without span gold got it (229: 57 press releases, 144",
        "NewsSD-ENG documents, 22 FOMC statements and the 6 State of the Union passages; 1,400",
        "sentences, 196 sources, 367 quantities; data/real/README.md), written blind before any",
        "program read them, with no rule changed after. Like the eighth draw it came after the",
        "held-out sources had been read below target, so both parts are given. Read once: the 188",
        "documents read before, sources 0.838/0.864 (as above before the widening); the 229 added,",
        "0.816/0.855 (95% interval of the overlap figure 0.808-0.897), quantities 0.937/0.966. By",
        "source, the added press releases read 0.876/0.910, the FOMC statements 0.890/0.890 and the",
        "NewsSD-ENG sentences 0.697/0.818; the addresses, the first speech text with span gold, hold 5",
        "gold sources and the rules found 21. Of the 17 not in the gold (counted by their source word,",
        'not read), 10 are the President\'s own "I", which data/SPANS.md (a line written for these',
        "documents before they were annotated) calls the writer's voice. No rule was changed for",
        "that: it was found on test documents, and the train split's addresses have no span gold to",
        "make a rule from yet.",
        "",
        f"## Tuning documents: our dev; real dev and {train_docs} real train documents",
        "",
        *(_size(w, t) for w, t in tuned.items() if w != "combined"),
        "",
        *_table(tuned),
        "",
    ]
    ratio = timing["predict_with"] / timing["predict_no_extraction"]
    lines += [
        "## Cost",
        "",
        "The default model weighs what the extractor finds (`factcheck/span_features.py`), so one",
        "extraction pass per document serves both its labels and the spans shown, and `--no-spans`",
        "only leaves them out of the output. What the spans cost is that pass: `predict` against",
        '`predict` less the time of extraction on the same document ("without the extraction pass").',
        "",
        f"- Extraction alone: {timing['extract_us_per_sentence']:.0f} µs per sentence "
        f"({timing['sentences']} sentences of our test documents).",
        f"- `predict` end to end (split, label, spans) on the same documents, default model: "
        f"{timing['predict_with']:,.0f} sentences/s with spans, {timing['predict_without']:,.0f} with "
        f"`--no-spans`, {timing['predict_no_extraction']:,.0f} without the extraction pass: "
        f"**{ratio:.2f}x**, a fall of {1 - ratio:.1%} (the limit is 25%). Process CPU time of each "
        f"document on its own, the variants alternating, fastest of 7 runs each (`speed` in this file "
        f"says why).",
        f"- The command a user runs, `factcheck predict FILE -f jsonl` (reading, splitting, labelling,"
        f" spans, formatting, writing), on the same documents ten times over"
        f" ({cli['sentences']:,} sentences): {cli['with']:,.0f} sentences/s with spans,"
        f" {cli['without']:,.0f} with `--no-spans`: **{cli['with'] / cli['without']:.2f}x**"
        f" (process CPU time, best of 5 alternating runs each, less the {cli['start_up']:.2f} s a"
        f" one-sentence run takes to start; {cli['raw_ratio']:.2f}x with start-up left in): both make the"
        " extraction pass, so this is the cost of writing the spans out.",
        *_real_cost_lines(real_timing, real_cli, len(articles)),
        "",
        "History: with the first default model the ratio was 0.88x-0.92x; the retrained default",
        "labels about four times faster and the ratio fell to 0.74x (extraction 83 µs a sentence,",
        "3,532 sentences/s without spans). Labelling has since become faster again (the lean",
        "prediction path: the figure without spans above), which alone lowers the ratio.",
        "Extraction was then made faster with identical output on every corpus and real document",
        "(tokens built in one pass, one lower-cased pre-filter for cue words, tries for the figure",
        "anchor and hedges, patterns compiled once): 48 µs a sentence, 0.62x. Then again, output",
        "identical on every corpus and real document (tests/test_attribution_tokens.py pins the",
        "tokenizer to the plain one it replaced): the quoted flag read from a per-character table, the",
        "abbreviation-dot pass skipped where no dot can be kept, digit-only checks skipped for numbers in",
        "words, no second copy of every span at offset 0: the figures above. Half of what remains is",
        "tokenizing the 57% of sentences with a cue word (most of them do attribute: 331 of 539 on these",
        "documents) and reading about one figure a sentence (900 candidates, 636 figures). CPU-time",
        "ratios are steadier than wall time on this shared machine, but not steady: two runs six",
        "minutes apart (load 2.2, then 1.5; the first run's code re-run after the second measured as",
        "the second did) put labelling without spans at 7,342 and then 4,069 sentences/s while",
        "extraction stayed at 37-43 µs a sentence, so the ratio read 0.72x and then 0.84x. The ratio",
        "above is one run's; extraction's own cost is the steadier figure.",
        "",
        "The latest round made extraction cheaper again with identical output (the spans of every",
        "corpus and real document compared before and after each change): tokens from one findall of",
        "(whitespace, token) pairs with offsets from their lengths, the hedge pattern searched only where",
        "a hedge word can end, numbers in words tried only at a letter, multi-word units only after",
        "their first word. That took about 3% off (quantities 17.6 -> 16.1 µs a sentence), and the",
        "source rules the round added for real text cost about as much back: side by side, three",
        "alternating runs each at load 2.4-3.4, the code before the round took 37.0 µs a sentence and",
        "the code after it 37.5 µs. What is left is spread thin (tokenizing a sentence with a cue word,",
        "~0.6 µs a token; about 25 pattern calls per figure), and no single change found here removes",
        "more than a few per cent without changing output.",
        "",
        "Then labelling itself became about 2.5x faster (the context stage walks all its trees at",
        "once for a document), and the ratio fell from 0.82x to the figure above with extraction",
        "unchanged: the spans' share of the time grows whenever labelling gets faster. The fourth",
        "round's source rules added about 9% to extraction (72.0 -> 78.5 µs a sentence on the",
        "span benchmark's test documents, side by side in one process).",
        "",
        "Timing on this machine swings by a third between runs of the same code, so later changes",
        "were measured by instruction counts (valgrind's callgrind, the same 2,392 corpus and real",
        "documents before and after; output compared as the repr of every document's spans):",
        "building the rules' set unions once instead of on every call, and a cue-word pre-filter that",
        "skips words a hyphen or digit carries on, took 3% off with identical output. Tokens built",
        "column-wise with C-level maps came out slower than the loop, and a pre-filter that also",
        "skipped sentences whose cue words are all quoted cost as much as it saved; neither was",
        "kept. The command-line figure above is the literal reading of the issue's limit",
        "(end-to-end throughput); start-up is taken off both variants because it is the same for",
        "both and, left in, pulls the ratio towards 1.",
        "",
        "Whole passes over all the documents, best of seven, read the in-process ratio at 0.67x and",
        "0.74x in two runs an hour apart with the same code, so the in-process figure now times each",
        "document on its own, alternating the variants, and keeps each document's fastest run: two",
        "runs of that read 0.746x and 0.763x (real articles 0.797x and 0.791x). Real articles are",
        "timed too, since extraction's cost depends on the text: attribution-dense news (our corpus,",
        "57% of sentences with a cue word) costs more than press releases and statements. The",
        "command labels documents in batches of about 250,000 characters, one model pass each, which",
        "makes labelling per sentence about 1.6 times cheaper while extraction costs the same, so its",
        "ratio is usually the lower one. Its whole-run figure is the noisiest: eight runs today on our",
        "corpus read 0.51x to 0.76x, seven on real articles 0.71x to 0.86x, the",
        "figures above among them. Timing the command's own path in one process, batch",
        "by batch (read and batched as the command does, labelled, formatted as JSONL; each batch's",
        "fastest of five) read 0.67x and 0.69x on real articles and 0.61x and 0.55x on our corpus:",
        "below the limit on both kinds of text. Meeting it on real articles would take extraction",
        "about a third cheaper (some 25 µs a sentence less), with the same output.",
        "",
        "Then the default model came to average three context stages (612 trees against 192; chosen",
        "on real dev by benchmarks/real_news.py). Labelling got slower, the extractor stayed as it was, and",
        "the ratio rose: 0.71x to 0.78x on our corpus and 0.77x to 0.82x on real articles, against",
        "labelling without the pass at 4,791 and then 2,913 sentences/s. Side by side in one process,",
        "labelling each document as `predict` does, the three-stage model took 1.32x the time of the",
        "one-stage model on our corpus's documents and 1.21x on 300 real documents. So the limit is",
        "met in process in that run because labelling costs more, not because the spans cost less.",
        "",
        "## quantulum3 against our quantity rules (our dev gold, sentence by sentence)",
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
    options.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
