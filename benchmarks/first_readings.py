"""First readings: how the span rules do on real text no rule was made from, round by round.

    python benchmarks/first_readings.py   # prints the figures and rewrites benchmarks/FIRST_READINGS.md

Real span gold came in rounds, each written blind before any rule ran on its
documents; rules were then made from the round's errors. So the rules as
they stood just before a round are unseen-text rules for that round's
documents. This benchmark reads the repository's own history: for each
commit that added real span gold to tuning documents (train and dev; test
documents are never read here), it takes the ``factcheck`` package of the
commit before (``git archive``), runs its extractor in a child process on the
new documents, and scores the sources and quantities against today's gold.
Pooled over every round that gives about 2,000 gold sources of real text
read by rules that had never seen them: nearly five times the test
documents' 462, so the figure the held-out test reads can be set against it.

It then asks whether a learned check on top of the rules would help: a
logistic regression over a found source's words (its cue, stance, first and
last word, length, the words either side), fitted on the sources of earlier
rounds' first readings (right when they overlap a gold source) and applied to
the next round's, so each round is judged by a check that had not seen it,
as text a user brings would be. Its effect on our corpus's dev gold is read
with the check fitted on every round and the current rules. Needs a clone
with history, the rebuilt real cache and scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from datetime import date
from io import BytesIO
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from factcheck.corpus.real import span_gold
from factcheck.escaping import jsonl_lines
from factcheck.resampling import interval
from factcheck.span_scoring import SpanScores, bootstrap_span_f1, score_spans
from factcheck.spans import extract_spans

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spans import load  # the corpus loader the span benchmark uses

REPO = Path(__file__).resolve().parent.parent
SPAN_DIR = "data/real/spans"
RESULTS = Path(__file__).with_name("FIRST_READINGS.md")
COMMAND = "python benchmarks/first_readings.py"
EARLIEST_CHECKED = 6  # rounds before this one only train the check: too little to fit it on
THRESHOLD = 0.5  # a found source is dropped when the check gives it less than this chance
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}

# Run by the old package in a child process: documents in, found spans out, as plain lists.
_READ = """
import json, sys
from factcheck.spans import extract_spans
out = {}
for doc, (text, bounds) in json.load(open(sys.argv[1])).items():
    found = extract_spans(text, [tuple(b) for b in bounds])
    out[doc] = [[[s.start, s.end, s.cue_start, s.cue_end, s.stance] for s in found.sources],
                [[q.start, q.end] for q in found.quantities]]
json.dump(out, open(sys.argv[2], "w"))
"""


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True).stdout


def gold_documents(rev: str) -> set[str]:
    """The document ids with real span gold at ``rev`` (``SOURCE:doc``, as ``span_gold`` names them)."""
    ids = set()
    for path in _git("ls-tree", "--name-only", rev, f"{SPAN_DIR}/").split():
        source = Path(path).stem
        for line in jsonl_lines(_git("show", f"{rev}:{path}")):
            ids.add(f"{source}:{json.loads(line)['doc']}")
    return ids


def rounds(tuning: set[str]) -> list[tuple[str, list[str]]]:
    """Each commit that gave tuning documents their first span gold, oldest first, with those documents."""
    found = []
    seen: set[str] = set()
    for commit in _git("log", "--reverse", "--format=%H", "--", f"{SPAN_DIR}/").split():
        now = gold_documents(commit)
        new = sorted((now - seen) & tuning)
        seen |= now
        if new:
            found.append((commit, new))
    return found


def first_reading(commit: str, docs: dict[str, tuple[str, list[tuple[int, int]]]], ids: list[str]) -> dict:
    """What the rules of ``commit``'s parent found in the documents ``commit`` gave gold to."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", f"{commit}^", "factcheck"], capture_output=True, check=True
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        given, taken = Path(tmp) / "in.json", Path(tmp) / "out.json"
        given.write_text(json.dumps({d: docs[d] for d in ids}), encoding="utf-8")
        subprocess.run(
            [sys.executable, "-c", _READ, str(given), str(taken)],
            check=True,
            cwd=tmp,  # "-c" puts the working directory first on the path: the old package, not this one
            env={"PYTHONPATH": tmp, "PATH": "/usr/bin:/bin"},
        )
        return json.loads(taken.read_text(encoding="utf-8"))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def features(
    text: str, start: int, end: int, cue: tuple[int, int], stance: str, sentence: tuple[int, int]
) -> dict:
    """What the check reads of one found source: its words and the words around it."""
    words = text[start:end].split()
    after = text[cue[1] : cue[1] + 15].lower().split()
    before = text[max(sentence[0], start - 20) : start].lower().split()
    return {
        "cue=" + text[cue[0] : cue[1]].lower(): 1,
        "stance=" + stance: 1,
        "first=" + words[0].lower(): 1,
        "last=" + words[-1].lower(): 1,
        f"words={min(len(words), 6)}": 1,
        "pronoun": int(text[start:end].lower() in PRONOUNS),
        "capitals": sum(w[:1].isupper() for w in words) / len(words),
        "after=" + (after[0] if after else "<end>"): 1,
        "before=" + (before[-1] if before else "<start>"): 1,
        "source first": int(start < cue[0]),
        "quote in sentence": int(any(q in text[sentence[0] : sentence[1]] for q in '"\u201c\u201d')),
        "opens sentence": int(start - sentence[0] < 3),
    }


def _check() -> tuple[DictVectorizer, LogisticRegression]:
    return DictVectorizer(), LogisticRegression(C=0.5, max_iter=3000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    options = parser.parse_args(argv)
    records = span_gold.load()
    docs = span_gold.documents(records)
    rows_of: dict[str, list[dict]] = {}
    for row in records:
        rows_of.setdefault(row["doc_id"], []).append(row)
    tuning = {r["doc_id"] for r in records if r["split"] != "test"}
    table, pairs, groups, quantity_pairs, round_of = [], [], [], [], []
    found_sources: list[tuple[int, dict, bool]] = []  # (round, features, overlaps gold)
    missed: list[int] = []  # per round, gold sources nothing found overlaps
    for number, (commit, ids) in enumerate(rounds(tuning)):
        read = first_reading(commit, docs, ids)
        these, figures = [], []
        missed.append(0)
        for doc in ids:
            text = docs[doc][0]
            sources, quantities = read[doc]
            for row in rows_of[doc]:
                bounds = (row["start"], row["end"])
                mine = [s for s in sources if bounds[0] <= s[0] < bounds[1]]
                gold = [(s["start"], s["end"]) for s in row["sources"]]
                these.append((gold, [(s[0], s[1]) for s in mine]))
                groups.append(doc)
                round_of.append(number)
                figures.append(
                    (
                        [(q["start"], q["end"]) for q in row["quantities"]],
                        [tuple(q) for q in quantities if bounds[0] <= q[0] < bounds[1]],
                    )
                )
                for s in mine:
                    right = any(_overlaps((s[0], s[1]), g) for g in gold)
                    found_sources.append(
                        (number, features(text, s[0], s[1], (s[2], s[3]), s[4], bounds), right)
                    )
                missed[-1] += sum(not any(_overlaps(g, (s[0], s[1])) for s in mine) for g in gold)
        pairs += these
        quantity_pairs += figures
        table.append((commit[:7], len(ids), score_spans(these), score_spans(figures)))
        print(f"{commit[:7]} {len(ids)} documents", file=sys.stderr)
    pooled, pooled_q = score_spans(pairs), score_spans(quantity_pairs)
    low_high = [interval(column) for column in bootstrap_span_f1(pairs, groups).T]
    summary = []  # pooled from each round on: what rules nearer today's do
    for first in range(len(table)):
        tail = [k for k, n in enumerate(round_of) if n >= first]
        tail_pairs = [pairs[k] for k in tail]
        summary.append(
            (
                score_spans(tail_pairs),
                interval(bootstrap_span_f1(tail_pairs, [groups[k] for k in tail])[:, 1]),
            )
        )
    checked = _checked_rounds(found_sources, missed)
    corpus = _corpus_effect(found_sources)
    report = _report(table, pooled, pooled_q, low_high, summary, checked, corpus)
    options.out.write_text(report, encoding="utf-8")
    sys.stdout.write(report)
    return 0


def _checked_rounds(
    found: list[tuple[int, dict, bool]], missed: list[int]
) -> list[tuple[int, int, int, int, int]]:
    """Per round from EARLIEST_CHECKED on: gold, found, right; then found and right after the check.

    The check of each round is fitted on the rounds before it only.
    """
    rounds_of = np.array([n for n, _, _ in found])
    right = np.array([r for _, _, r in found])
    out = []
    for number in range(EARLIEST_CHECKED, len(missed)):
        fit = np.flatnonzero(rounds_of < number)
        this = np.flatnonzero(rounds_of == number)
        vectorizer, model = _check()
        model.fit(vectorizer.fit_transform([found[i][1] for i in fit]), right[fit])
        keep = model.predict_proba(vectorizer.transform([found[i][1] for i in this]))[:, 1] >= THRESHOLD
        hits = right[this]
        out.append(
            (
                int(hits.sum()) + missed[number],
                len(this),
                int(hits.sum()),
                int(keep.sum()),
                int((hits & keep).sum()),
            )
        )
    return out


def _corpus_effect(found: list[tuple[int, dict, bool]]) -> tuple[int, int, int, int, int]:
    """Our corpus's dev gold read by today's rules: gold, found, right; then found and right after the check.

    The check is fitted on every round's first reading.
    """
    vectorizer, model = _check()
    model.fit(vectorizer.fit_transform([f for _, f, _ in found]), [r for _, _, r in found])
    docs, rows = load("dev")
    rows_of: dict[str, list[dict]] = {}
    for row in rows:
        rows_of.setdefault(row["doc_id"], []).append(row)
    gold_n = 0
    seen, right = [], []
    for doc, doc_rows in rows_of.items():
        text, bounds = docs[doc]
        spans = extract_spans(text, bounds)
        for row in doc_rows:
            gold = [(s["start"], s["end"]) for s in row["sources"]]
            gold_n += len(gold)
            for s in spans.within(row["start"], row["end"]).sources:
                right.append(any(_overlaps((s.start, s.end), g) for g in gold))
                sentence = (row["start"], row["end"])
                seen.append(features(text, s.start, s.end, (s.cue_start, s.cue_end), s.stance, sentence))
    keep = model.predict_proba(vectorizer.transform(seen))[:, 1] >= THRESHOLD
    hits = np.array(right)
    return gold_n, len(seen), int(hits.sum()), int(keep.sum()), int((hits & keep).sum())


def _f1(gold: int, found: int, right: int) -> float:
    return 2 * right / (gold + found) if gold + found else 0.0


def _report(table, pooled: SpanScores, pooled_q: SpanScores, low_high, summary, checked, corpus) -> str:
    head = "| round (commit) | documents | sources exact F1 | sources overlap F1 | sources gold / found |"
    lines = [
        "# First readings: the span rules on real text no rule was made from",
        "",
        f"`{COMMAND}`, run {date.today().isoformat()}. Each row is a commit that gave real tuning",
        "documents their first span gold; the rules are its parent's, the gold today's. No test",
        "document is read: benchmarks/SPANS.md holds the held-out figures.",
        "",
        head + " quantities overlap F1 |",
        "|---|---|---|---|---|---|",
    ]
    for commit, n, s, q in table:
        lines.append(
            f"| {commit} | {n} | {s.exact.f1:.3f} | {s.overlap.f1:.3f} | "
            f"{s.exact.gold} / {s.exact.predicted} | {q.overlap.f1:.3f} |"
        )
    documents = sum(n for _, n, _, _ in table)
    exact, overlap = low_high
    lines += [
        f"| **all** | {documents} | **{pooled.exact.f1:.3f}** | **{pooled.overlap.f1:.3f}** | "
        f"{pooled.exact.gold} / {pooled.exact.predicted} | {pooled_q.overlap.f1:.3f} |",
        "",
        f"Pooled sources: overlap precision {pooled.overlap.precision:.3f}, "
        f"recall {pooled.overlap.recall:.3f}; 95% intervals",
        f"over 2,000 resamples of whole documents: exact {exact.low:.3f}-{exact.high:.3f}, "
        f"overlap {overlap.low:.3f}-{overlap.high:.3f}.",
        "",
        "Pooled from each round on, the later rounds read by rules nearer today's:",
        "",
        "| from round | rounds | gold sources | sources exact F1 | sources overlap F1 (95% interval) |",
        "|---|---|---|---|---|",
        *(
            f"| {table[k][0]} | {len(table) - k} | {tail.exact.gold} | {tail.exact.f1:.3f} | "
            f"{tail.overlap.f1:.3f} ({span.low:.3f}-{span.high:.3f}) |"
            for k, (tail, span) in enumerate(summary)
        ),
        "",
        "## A learned check on top of the rules",
        "",
        "Fitted on the found sources of every earlier round's first reading, applied to each round",
        f"from round {EARLIEST_CHECKED + 1} on; it drops a source it gives under {THRESHOLD} to be right.",
        "Its settings (features, C, threshold) were picked on these rounds, so the gain is generous.",
        "",
        "| rounds | gold | found | overlap F1, rules | found after the check | overlap F1, rules + check |",
        "|---|---|---|---|---|---|",
    ]
    gold, found, right, kept, kept_right = (sum(c[i] for c in checked) for i in range(5))
    lines += [
        f"| {len(checked)} later rounds | {gold} | {found} | {_f1(gold, found, right):.3f} | {kept} | "
        f"{_f1(gold, kept, kept_right):.3f} |",
        "",
        "Per round, overlap F1 of the rules, then with the check: "
        + "; ".join(f"{_f1(g, f, r):.3f} -> {_f1(g, k, kr):.3f}" for g, f, r, k, kr in checked)
        + ".",
        "",
    ]
    gold, found, right, kept, kept_right = corpus
    lines += [
        "On our corpus's dev gold (current rules, the check fitted on every round):",
        f"{found} sources found, {right} right; the check keeps {kept}, {kept_right} right:",
        f"overlap F1 {_f1(gold, found, right):.3f} -> {_f1(gold, kept, kept_right):.3f}.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
