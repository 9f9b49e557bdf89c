"""Measure factcheck's sentence splitter against the splitters a user could pick instead.

    pip install -e ".[dev,bench]"
    python benchmarks/splitter.py            # prints the table, writes benchmarks/SPLITTER.md

One run, same inputs for everyone:
- splitters: factcheck (Punkt with the shipped tables and news rules), NLTK
  ``PunktSentenceTokenizer()`` with no parameters, and pysbd (English, ``clean=False``);
- sets: the golden set (tests/golden/splitting.jsonl) and the corpus documents
  of the dev and test splits (data/corpus/splits.json). The shipped Punkt tables
  are trained on the train split only, so no measured document was seen in
  training. While splits.json is not written, every corpus document is measured
  and the tables are trained on the seed article alone; the output says which;
- exact: a case counts only if its whole list of sentences matches, each
  sentence compared with surrounding whitespace stripped. A leading ``date
  YYYY-MM-DD`` header is factcheck's document metadata, never a sentence, so
  the peers are given the text after it, as factcheck's splitter sees it;
- speed: the set's expected sentences divided by the median wall time of
  splitting the whole set, over several repetitions after one warm-up.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import nltk
import pysbd
from nltk.tokenize.punkt import PunktSentenceTokenizer

from factcheck.corpus.documents import read_source_document
from factcheck.escaping import jsonl_lines
from factcheck.punkt_params import CORPUS_GLOB, corpus_split
from factcheck.splitting import split_document, split_sentences

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "splitting.jsonl"
RESULTS = Path(__file__).with_name("SPLITTER.md")
COMMAND = "python benchmarks/splitter.py"
DEFAULT_REPEATS = 5
GUM_MARKER = "<!-- GUM section:"

Splitter = Callable[[str], list[str]]


@dataclass(frozen=True)
class Case:
    """One input text, what a peer is given of it, its group, and the sentences it must split into."""

    group: str
    text: str
    body: str
    sentences: list[str]


def make_case(group: str, text: str, sentences: list[str]) -> Case:
    """A leading ``date YYYY-MM-DD`` header is factcheck's metadata, so peers get the text after it."""
    date = split_document(text).date
    body = text[text.index(date) + len(date) :] if date else text
    return Case(group, text, body, sentences)


def golden_cases() -> list[Case]:
    rows = [json.loads(line) for line in jsonl_lines(GOLDEN.read_text(encoding="utf-8")) if line.strip()]
    return [make_case(r["group"], r["text"], r["sentences"]) for r in rows]


def corpus_cases() -> tuple[list[Case], str]:
    """The held-out corpus documents, and which documents they are."""
    split = corpus_split(REPO)
    paths = sorted(REPO.glob(CORPUS_GLOB))
    if split is None:
        chosen, description = paths, "all corpus documents (data/corpus/splits.json not written yet)"
    else:
        held_out = set(split["dev"]) | set(split["test"])
        chosen = [p for p in paths if p.stem in held_out]
        description = "corpus documents of the dev and test splits"
    cases = []
    for path in chosen:
        doc = read_source_document(path)
        cases.append(make_case(doc.topic, doc.text, [doc.text[s.start : s.end] for s in doc.spans]))
    return cases, f"{len(cases)} {description}"


def splitters() -> dict[str, tuple[Splitter, bool]]:
    """Each splitter, and whether it is given the whole text (True) or the text after a date header."""
    punkt = PunktSentenceTokenizer()
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return {
        "factcheck (Punkt + news rules)": (lambda text: [s.text for s in split_sentences(text)], True),
        "NLTK Punkt, no parameters": (punkt.tokenize, False),
        "pysbd (en)": (segmenter.segment, False),
    }


def exact_count(splitter: Splitter, whole: bool, cases: list[Case]) -> Counter[str]:
    """Exact cases by group: the whole list of sentences must match, whitespace stripped."""
    exact: Counter[str] = Counter()
    for case in cases:
        got = [s.strip() for s in splitter(case.text if whole else case.body)]
        if [s for s in got if s] == [s.strip() for s in case.sentences]:
            exact[case.group] += 1
    return exact


def median_rates(
    calls: dict[str, Callable[[str], object]], inputs: dict[str, list[str]], sentences: int, repeats: int
) -> dict[str, float]:
    """``sentences`` / median wall time of each call over its inputs (also benchmarks/splitter_gum.py's).

    The splitters take turns within each repetition, so load from other
    processes falls on all of them alike; the first round is a warm-up.
    """
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for repetition in range(repeats + 1):
        for name, call in calls.items():
            start = time.perf_counter()
            for text in inputs[name]:
                call(text)
            if repetition:
                timings[name].append(time.perf_counter() - start)
    return {name: sentences / statistics.median(t) for name, t in timings.items()}


def sentences_per_second(cases: list[Case], repeats: int) -> dict[str, float]:
    """Expected sentences / median time over the whole set, each splitter given what it is given."""
    chosen = splitters()
    inputs = {name: [c.text if whole else c.body for c in cases] for name, (_, whole) in chosen.items()}
    calls = {name: splitter for name, (splitter, _) in chosen.items()}
    return median_rates(calls, inputs, sum(len(c.sentences) for c in cases), repeats)


def pysbd_rule_cases() -> list[Case] | None:
    """pySBD's English golden rules, read at run time from the installed pysbd wheel (never copied).

    The wheel installs them as a top-level ``benchmarks`` package next to
    ``pysbd``; None when this pysbd does not ship them.
    """
    path = Path(pysbd.__file__).resolve().parent.parent / "benchmarks" / "english_golden_rules.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("pysbd_english_golden_rules", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [make_case("pysbd-rules", text, list(expected)) for text, expected in module.GOLDEN_EN_RULES]


def measure(repeats: int) -> str:
    golden = golden_cases()
    corpus, corpus_description = corpus_cases()
    golden_speed = sentences_per_second(golden, repeats)
    corpus_speed = sentences_per_second(corpus, repeats)
    exact = {
        name: (exact_count(f, whole, golden), exact_count(f, whole, corpus))
        for name, (f, whole) in splitters().items()
    }
    punkt = "NLTK Punkt, no parameters"

    def pct(n: int, total: int) -> str:
        return f"{n}/{total} ({100 * n / total:.1f}%)" if total else "n/a"

    lines = [
        "| Splitter | Golden exact | Corpus exact | Golden sent/s | Corpus sent/s "
        "| Speed vs untrained Punkt |",
        "|---|---|---|---|---|---|",
    ]
    for name, (golden_exact, corpus_exact) in exact.items():
        ratio = (
            f"{golden_speed[name] / golden_speed[punkt]:.2f}x golden, "
            f"{corpus_speed[name] / corpus_speed[punkt]:.2f}x corpus"
        )
        lines.append(
            f"| {name} | {pct(sum(golden_exact.values()), len(golden))} "
            f"| {pct(sum(corpus_exact.values()), len(corpus))} "
            f"| {golden_speed[name]:,.0f} | {corpus_speed[name]:,.0f} | {ratio} |"
        )
    totals = Counter(c.group for c in golden)
    lines += ["", "Golden set, exact cases by phenomenon:", ""]
    lines.append("| Group | Cases | " + " | ".join(exact) + " |")
    lines.append("|---|---|" + "---|" * len(exact))
    for group, total in totals.items():
        counts = " | ".join(str(golden_exact[group]) for golden_exact, _ in exact.values())
        lines.append(f"| {group} | {total} | {counts} |")
    command = COMMAND + (f" --repeats {repeats}" if repeats != DEFAULT_REPEATS else "")
    header = [
        "# Sentence splitter benchmark",
        "",
        f"Command: `{command}`  ",
        f"Date: {date.today().isoformat()}  ",
        f"Python {platform.python_version()}, NLTK {nltk.__version__}, pysbd {pysbd.__version__}, "
        f"{platform.machine()}",
        "",
        f"Golden set: {len(golden)} cases ({sum(len(c.sentences) for c in golden)} sentences). "
        f"Corpus: {corpus_description} ({sum(len(c.sentences) for c in corpus)} sentences).",
        "A case is exact when its whole list of sentences matches (whitespace stripped); peers get "
        "the text after a leading `date` header. Speed: expected sentences / median time of "
        f"{repeats} runs over the whole set, the splitters taking turns. factcheck's Punkt tables "
        "are rebuilt by `python -m factcheck.punkt_params` from the seed article and the train split "
        "only.",
        "",
    ]
    rules = pysbd_rule_cases()
    if rules is None:
        lines += ["", "pySBD's English golden rules: not shipped by this pysbd, not measured."]
    else:
        counts = ", ".join(
            f"{name} {sum(exact_count(f, whole, rules).values())}/{len(rules)}"
            for name, (f, whole) in splitters().items()
        )
        lines += [
            "",
            f"Outside rule set, pySBD's {len(rules)} English golden rules (read from the installed pysbd "
            f"package at run time, not copied into this repository), exact cases: {counts}.",
        ]
    return "\n".join(header + lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--repeats", type=int, default=DEFAULT_REPEATS, help="timed runs per splitter and set"
    )
    args = parser.parse_args()
    report = measure(args.repeats)
    print(report)
    # The real-text section that benchmarks/splitter_gum.py writes is kept as it is.
    existing = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    marker = existing.find(GUM_MARKER)
    RESULTS.write_text(report + ("\n" + existing[marker:] if marker != -1 else ""), encoding="utf-8")
    print(f"wrote {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
