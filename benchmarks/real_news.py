"""Choose the shipped pipeline on real news, and measure it beside its peers on three test sets.

    pip install -e ".[dev,bench]"
    python -m factcheck.corpus.real.build      # rebuild the real sentences from local copies
    python benchmarks/real_news.py             # writes benchmarks/REAL.md

Every candidate and peer trains on the same pool: the project corpus's train
split plus the real train split. Candidates are chosen by macro-F1 on the real
dev split alone: the sentence pipeline the earlier grid chose (logistic
regression, C=3, over the logreg C=3/10/30 and calibrated SVM C=0.3/1/3
grid; see this file's history), alone and followed by the context stage
(``factcheck.context``), which reads each sentence among its document's,
with and without the per-label score shift chosen on the context stage's own
out-of-fold predictions (``DocumentClassifier``'s ``class_bias``), and
with the span extractor's counts as well (``factcheck.span_features``),
the last two with every corpus sentence counting ``CORPUS_FACTOR`` times too
(``benchmarks/domain_weight.py`` chose that factor over three seeds), and the
very last averaging three context stages fitted on different early-stopping
rows (``model.AveragedTrees``; ``benchmarks/REFIT.md`` found them to move
fewer labels under a refit).
Each candidate with a context stage is fitted once per context-stage seed
(``--seeds``): the seed alone moves real dev macro-F1 by up to 0.017 and a
label's F1 by 0.02, as much as the candidates differ, so one fit each would
choose by luck. Candidates are compared on their mean over the seeds, means
within ``TIE`` tied and the tie going to the highest weakest label; the fit
with seed 0, the shipped seed, is the one measured on the test splits.
Only then are the test splits touched, once: the project
corpus's own test split, and the real test split, per source and overall.
Peers: the keyword rules and fastText from ``benchmarks/accuracy.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import FastText, Rules, expected_calibration_error

from factcheck import model as model_module
from factcheck.corpus.real.readers import SentenceCsvReader
from factcheck.corpus.real.references import default_cache, default_copies, locate_copy, read_sources
from factcheck.data import Example, document_ids, read_examples
from factcheck.errors import FactcheckError
from factcheck.evaluation import Report, bootstrap_f1, score
from factcheck.labels import LABEL_IDS
from factcheck.model import DocumentClassifier, fit_weighted, make_model, make_pipeline, row_weights
from factcheck.resampling import interval

# The corpus weight benchmarks/domain_weight.py chose over three seeds (DOMAIN_WEIGHT.md): this
# benchmark's last candidate, against the same pipeline without it; which ships is its choice
# (factcheck.corpus.base.CORPUS_WEIGHT).
CORPUS_FACTOR = 2.0
REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus"
RESULTS = Path(__file__).with_name("REAL.md")
RESAMPLES = 2000

SENTENCE = {"classifier": "logreg", "c": 3.0, "class_weight": "balanced"}
# Each candidate: a fresh system, and how many times each project-corpus sentence counts (real: once).
CANDIDATES = {
    "sentence pipeline (logreg C=3)": (lambda: make_pipeline(**SENTENCE), 1.0),
    "sentence pipeline + context stage": (
        lambda: make_model(n_jobs=2, class_bias=False, span_features=False, context_stages=1, **SENTENCE),
        1.0,
    ),
    "sentence pipeline + context stage + class bias": (
        lambda: make_model(n_jobs=2, span_features=False, context_stages=1, **SENTENCE),
        1.0,
    ),
    "sentence pipeline + context stage + class bias + span counts": (
        lambda: make_model(n_jobs=2, context_stages=1, **SENTENCE),
        1.0,
    ),
    f"sentence pipeline + context stage + class bias + span counts, corpus x{CORPUS_FACTOR:g}": (
        lambda: make_model(n_jobs=2, context_stages=1, **SENTENCE),
        CORPUS_FACTOR,
    ),
    f"sentence pipeline + context stage + class bias + span counts, corpus x{CORPUS_FACTOR:g}, "
    "three context stages averaged": (
        lambda: make_model(n_jobs=2, context_stages=3, **SENTENCE),
        CORPUS_FACTOR,
    ),
}
# Mean real dev macro-F1s closer than this are a tie (each a mean over the context stage's seeds).
TIE = 0.002
SEEDS = (0, 1, 2)


def choose(scores: dict[str, tuple[float, float]]) -> str:
    """The name with the highest (macro-F1, weakest label's F1), macro-F1s within ``TIE`` tied.

    Among ties the weakest label decides: the aim is every label's F1 at
    0.75 or more, so a model that lifts the weakest at no cost to the mean is
    the better one.
    """
    best = max(macro for macro, _ in scores.values())
    tied = {name: weakest for name, (macro, weakest) in scores.items() if macro >= best - TIE}
    return max(tied, key=lambda name: tied[name])


def _fit(system, examples: list[Example], weights: list[float] | None = None):
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    if isinstance(system, DocumentClassifier):
        return system.fit(texts, labels, document_ids(examples), sample_weight=weights)
    return fit_weighted(system, texts, labels, row_weights(weights, len(texts)))


def dev_pools(cache: Path) -> tuple[dict[str, list[Example]], dict[str, list[Example]]]:
    """The project corpus's and real text's train and dev splits: what a benchmark that chooses may read."""
    own = {split: read_examples(CORPUS / f"{split}.jsonl") for split in ("train", "dev")}
    real = {split: read_examples(cache / f"{split}.jsonl") for split in ("train", "dev")}
    return own, real


@contextmanager
def context_stage_from(make_context: Callable[[], object]) -> Iterator[None]:
    """Fits inside this block build their context stage with ``make_context``.

    ``DocumentClassifier.fit_counts`` looks up ``model.make_context_model`` when
    it runs, so the factory is swapped in for the block and the shipped one is
    put back even when the fit fails.
    """
    shipped = model_module.make_context_model
    model_module.make_context_model = make_context
    try:
        yield
    finally:
        model_module.make_context_model = shipped


def seeded_context_stage(seed: int) -> Callable[[], object]:
    """The shipped context stage's factory with another random seed (its early stopping's rows)."""
    shipped = model_module.make_context_model
    return lambda: shipped().set_params(random_state=seed)


def fit_with_context_stage(
    make_context: Callable[[], object],
    examples: list[Example],
    weights: list[float],
    context_stages: int,
) -> DocumentClassifier:
    """The shipped configuration fitted with ``make_context`` building its ``context_stages`` stage(s)."""
    with context_stage_from(make_context):
        return _fit(make_model(n_jobs=1, context_stages=context_stages, **SENTENCE), examples, weights)


def _predict(system, examples: list[Example]) -> list[str]:
    """Labels, each sentence read in its document when the system reads context."""
    texts = [e.text for e in examples]
    if isinstance(system, DocumentClassifier):
        return list(system.predict(texts, document_ids(examples)))
    return list(system.predict(texts))


def _proba(system, examples: list[Example]):
    texts = [e.text for e in examples]
    if isinstance(system, DocumentClassifier):
        return system.predict_proba(texts, document_ids(examples))
    return system.predict_proba(texts)


def _source(example: Example) -> str:
    return (example.doc_id or "own").split(":", 1)[0]


def _spread(values: list[float]) -> str:
    """Mean and range of per-seed figures; a lone figure as it is."""
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{np.mean(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def _row(name: str, report: Report) -> str:
    per = " | ".join(f"{report.per_label[label].f1:.3f}" for label in LABEL_IDS)
    return f"| {name} | {report.macro_f1:.3f} | {per} |"


def _precision_lines(
    resampled: dict[tuple[str, str], np.ndarray],
    predictions: dict[tuple[str, str], list[str]],
    splits: dict[str, list[Example]],
    chosen: str,
) -> list[str]:
    """95% intervals of the chosen model's figures, and of its lead over fastText, by document."""

    def cell(samples: np.ndarray) -> str:
        return str(interval(samples))

    lines = [
        "",
        "## How precise these figures are",
        "",
        f"95% intervals over {RESAMPLES:,} resamples of whole documents "
        "(`factcheck.evaluation.bootstrap_f1`:",
        "a document's sentences err together, so they are not resampled one by one). The lead",
        "over fastText is paired: both systems are scored on the same resamples.",
        "",
        "| split | documents | macro-F1 | " + " | ".join(LABEL_IDS) + " | lead over fastText (macro-F1) |",
        "|---|---|---|" + "---|" * len(LABEL_IDS) + "---|",
    ]
    for title, data in splits.items():
        ours = resampled[chosen, title]
        cells = [cell(ours[:, column]) for column in range(ours.shape[1])]
        gold = [e.label for e in data]
        pair = [predictions[chosen, title], predictions["fastText", title]]
        both = bootstrap_f1(gold, pair, document_ids(data), RESAMPLES)  # the same draws for both
        lead = cell(both[0][:, 0] - both[1][:, 0])
        lines.append(f"| {title} | {len(set(document_ids(data)))} | " + " | ".join(cells) + f" | {lead} |")
    return lines


def subjectivity_lines(systems: dict[str, object], real: dict[str, list[Example]], copies: Path) -> list[str]:
    """Each system's ``opinion`` scored as subjective against NewsSD-ENG's own SUBJ/OBJ labels.

    Empty when there is no local copy of NewsSD-ENG to read them from.
    """
    from sklearn.metrics import f1_score

    try:
        reader = SentenceCsvReader(locate_copy(read_sources()["newssd"], copies))
        reader.gold("test:0")
    except (FactcheckError, OSError):
        return []
    lines = [
        "",
        "## Against NewsSD-ENG's own subjectivity labels",
        "",
        "Public subjectivity benchmarks label news sentences subjective (SUBJ) or objective (OBJ)",
        "under a guideline close to ours (a quoted opinion is objective there too); NewsSD-ENG is",
        "one, and its labels come with it. Here a system's `opinion` is scored as SUBJ and every",
        "other label as OBJ, by macro-F1 over the two, those benchmarks' own figure. A NewsSD-ENG",
        "document is one sentence, which the splitter may cut in two: it counts as SUBJ when any",
        "piece is `opinion`. The first row scores our own gold labels the same way: where our",
        "guideline and theirs part (a prediction or a prescription without evaluative words is",
        "`opinion` for us and OBJ for them, data/real/README.md), no system of ours can agree.",
        "",
        "| system | split | sentences | their SUBJ | SUBJ/OBJ macro-F1 | SUBJ F1 |",
        "|---|---|---|---|---|---|",
    ]
    for split in ("dev", "test"):
        part = [e for e in real[split] if _source(e) == "newssd"]
        if not part:
            continue
        docs = list(dict.fromkeys(document_ids(part)))
        theirs = [reader.gold(doc.split(":", 1)[1]) for doc in docs]
        labelled = {"our gold labels": [e.label for e in part]}
        labelled |= {name: _predict(system, part) for name, system in systems.items()}
        for name, predicted in labelled.items():
            pieces = zip(document_ids(part), predicted, strict=True)
            subjective = {doc for doc, label in pieces if label == "opinion"}
            ours = ["SUBJ" if doc in subjective else "OBJ" for doc in docs]
            macro = f1_score(theirs, ours, average="macro")
            subj = f1_score(theirs, ours, pos_label="SUBJ", average="binary")
            lines.append(
                f"| {name} | {split} | {len(docs)} | {theirs.count('SUBJ')} | {macro:.3f} | {subj:.3f} |"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--cache", type=Path, default=default_cache(), help="the real-text cache")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    parser.add_argument(
        "--seeds",
        type=int,
        nargs="+",
        default=list(SEEDS),
        help="context-stage seeds per candidate; the first is the shipped seed, scored on test",
    )
    parser.add_argument("--copies", type=Path, default=default_copies(), help="local copies of the sources")
    args = parser.parse_args(argv)
    shipped_seed = model_module.make_context_model().random_state
    if args.seeds[0] != shipped_seed:
        parser.error(
            f"the first of --seeds is scored on test as the seed that ships: give {shipped_seed} first"
        )
    if not (args.cache / "train.jsonl").exists():
        print(
            f"no real-text cache at {args.cache}; run python -m factcheck.corpus.real.build", file=sys.stderr
        )
        return 1

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    own = {split: read_examples(CORPUS / f"{split}.jsonl") for split in ("train", "dev", "test")}
    real = {split: read_examples(args.cache / f"{split}.jsonl") for split in ("train", "dev", "test")}
    pool = own["train"] + real["train"]
    dev_gold = [e.label for e in real["dev"]]

    lines, fitted, dev_scores = [], {}, {}
    for name, (factory, corpus_weight) in CANDIDATES.items():
        started = time.perf_counter()
        weights = [corpus_weight] * len(own["train"]) + [1.0] * len(real["train"])
        runs = []  # per seed: (real dev report, own dev report, real dev ECE)
        for seed in args.seeds:
            with context_stage_from(seeded_context_stage(seed)):
                model = _fit(factory(), pool, weights)
            proba = _proba(model, real["dev"])
            classes = list(model.classes_)
            report = score(dev_gold, [classes[i] for i in proba.argmax(axis=1)])
            own_dev = score([e.label for e in own["dev"]], _predict(model, own["dev"]))
            runs.append((report, own_dev, expected_calibration_error(proba, classes, dev_gold)))
            if seed == args.seeds[0]:
                fitted[name] = model
            if not isinstance(model, DocumentClassifier):
                break  # no context stage: nothing random, one fit is every seed's
        macro = [r.macro_f1 for r, _, _ in runs]
        per_label = {lab: float(np.mean([r.per_label[lab].f1 for r, _, _ in runs])) for lab in LABEL_IDS}
        weakest = min(per_label, key=per_label.__getitem__)
        lines.append(
            f"| {name} | {len(runs)} | {_spread(macro)} | {weakest} {per_label[weakest]:.3f} | "
            f"{per_label['estimate']:.3f} | {_spread([o.macro_f1 for _, o, _ in runs])} | "
            f"{np.mean([e for _, _, e in runs]):.3f} | {time.perf_counter() - started:.0f} s |"
        )
        log(lines[-1])
        dev_scores[name] = (float(np.mean(macro)), per_label[weakest])
    chosen = choose(dev_scores)

    log(f"chosen on real dev: {chosen}; scoring the test splits once")
    systems = {
        f"factcheck: {name}" + (" (chosen)" if name == chosen else ""): model
        for name, model in fitted.items()
    }
    systems["fastText"] = FastText().fit([e.text for e in pool], [e.label for e in pool])
    systems["keyword rules"] = Rules().fit([e.text for e in pool], [e.label for e in pool])
    sources = sorted({_source(e) for e in real["test"]})
    tables: dict[str, list[str]] = {"own test": [], "real dev": [], "real test": []}
    per_source = []
    summary = {}
    splits = {"own test": own["test"], "real dev": real["dev"], "real test": real["test"]}
    resampled: dict[tuple[str, str], np.ndarray] = {}
    predictions: dict[tuple[str, str], list[str]] = {}
    for name, system in systems.items():
        for title, data in splits.items():
            gold, predicted = [e.label for e in data], _predict(system, data)
            report = score(gold, predicted)
            tables[title].append(_row(name, report))
            summary[f"{name} / {title}"] = report.macro_f1
            resampled[name, title] = bootstrap_f1(gold, predicted, document_ids(data), RESAMPLES)
            predictions[name, title] = predicted
        cells = []
        for source in sources:
            part = [e for e in real["test"] if _source(e) == source]
            cells.append(f"{score([e.label for e in part], _predict(system, part)).macro_f1:.3f}")
        per_source.append(f"| {name} | " + " | ".join(cells) + " |")

    counts = {split: Counter(e.label for e in data) for split, data in real.items()}
    header = "| system | macro-F1 | " + " | ".join(LABEL_IDS) + " |\n|---|---|" + "---|" * len(LABEL_IDS)
    out = [
        "# Real news: choice and results",
        "",
        f"Measured {date.today().isoformat()} by `python benchmarks/real_news.py` (after "
        "`python -m factcheck.corpus.real.build`). Training pool: the project corpus's train split "
        f"({len(own['train'])} sentences) plus the real train split ({len(real['train'])}). "
        f"Chosen on the real dev split ({len(real['dev'])} sentences) only: the highest mean macro-F1"
        f" over the seeds, means within {TIE} tied and a tie going to the highest weakest-label F1.",
        "",
        "Real sentences per split and label: "
        + "; ".join(f"{s} {dict(sorted(c.items()))}" for s, c in counts.items()),
        "",
        "## Candidates (real dev)",
        "",
        f"Each figure is the mean over context-stage seeds {list(args.seeds)} (lowest-highest) for a",
        "candidate with a context stage; the sentence pipeline alone has no random part and is",
        "fitted once. Per-label F1s are averaged over the seeds before the weakest is taken.",
        "",
        "| candidate | fits | real dev macro-F1 | weakest label | estimate | own dev macro-F1 | "
        "real dev ECE | fit + score |",
        "|---|---|---|---|---|---|---|---|",
        *lines,
        "",
        f"Chosen: {chosen}; the test splits below are scored with its seed-{args.seeds[0]} fit, "
        "the seed that ships. Sentences are read in their documents (each document's sentences "
        "in order), as `factcheck predict` reads an article.",
    ]
    for title, rows in tables.items():
        out += ["", f"## {title[0].upper() + title[1:]} (per-label F1)", "", header, *rows]
    out += _precision_lines(resampled, predictions, splits, f"factcheck: {chosen} (chosen)")
    out += [
        "",
        "## Real test macro-F1 per source",
        "",
        "| system | " + " | ".join(sources) + " |",
        "|---|" + "---|" * len(sources),
        *per_source,
        *subjectivity_lines(systems, real, args.copies),
        "",
    ]
    args.out.write_text("\n".join(out), encoding="utf-8")
    print(json.dumps({"chosen": chosen, **summary}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
