"""Choose the shipped pipeline by grouped cross-validation, and measure it against peers.

    pip install -e ".[dev,bench]"
    python benchmarks/accuracy.py            # writes benchmarks/RESULTS.md

One run, same splits for everyone:
- peers: majority class, a keyword-rule baseline, fastText supervised (word bigrams);
- candidates: hashed feature sets x linear classifiers x C x class weights, scored by
  5-fold cross-validation on train+dev grouped by document, beside the configuration
  shipped before hashing (vocabulary TF-IDF, five calibrated SVMs) as a reference;
- the candidate with the best mean macro-F1 is the choice. Only then is the test split
  touched: the choice and the peers are trained on the train split (as the shipped model
  is; dev scores it in its card) and scored on test once.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import FeatureUnion

from factcheck.data import Example, read_examples
from factcheck.evaluation import score
from factcheck.features import CUES, BlockTfidf, HashedCounts
from factcheck.labels import LABEL_IDS
from factcheck.model import make_classifier, make_pipeline

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus"
RESULTS = Path(__file__).with_name("RESULTS.md")

FEATURE_SETS = {
    "word 1-2 + char_wb 2-5 + cues": dict(word_ngrams=(1, 2), char_ngrams=(2, 5), cues=True),
    "word 1-2 + char_wb 2-4 + cues": dict(word_ngrams=(1, 2), char_ngrams=(2, 4), cues=True),
    "word 1-2 + cues": dict(word_ngrams=(1, 2), char_ngrams=None, cues=True),
}
# A grid for the first feature set; the other sets get the corner that won
# before (a calibrated SVM, C=10, balanced) to show what each family adds.
# Logistic regression is left out: on 2 x 2**18 hashed columns one fit took
# 95 s against 13 s for the calibrated SVM, and it scored lower before hashing.
FULL_GRID = {"svm": ((3.0, "balanced"), (10.0, "balanced"), (10.0, None))}
SHORT_GRID = {"svm": ((10.0, "balanced"),)}
REFERENCE = "vocabulary TF-IDF word 1-2 + char_wb 2-5 + cues, 5 calibrated SVMs (shipped before)"


def reference_pipeline():
    """The configuration shipped before hashing, rebuilt here to compare on the same folds."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.pipeline import Pipeline
    from sklearn.svm import LinearSVC

    token_pattern = "(?u)\\b\\w+\\b|[\"\u201c\u201d\u2018\u2019'%?!$\u00a3\u20ac]"
    features = FeatureUnion(
        [
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=token_pattern)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
            ("cues", HashedCounts(word_ngrams=None, char_ngrams=None, cues=True, n_features=1)),
        ]
    )
    svm = LinearSVC(C=10.0, class_weight="balanced", random_state=0)
    return Pipeline(
        [("features", features), ("classifier", CalibratedClassifierCV(svm, method="isotonic", cv=5))]
    )


_EVALUATIVE = re.compile(
    r"\b(shameful|disgrace|remarkable|staggering|devastating|welcome|troubling|absurd|clearly|surely|"
    r"obviously|deserve|failure|success|wrong|right|best|worst|important|evident)\b",
    re.I,
)


def keyword_rules(text: str) -> str:
    """The guideline's order, with words standing in for reading: what a regex alone achieves."""
    if CUES["number"].search(text) and (CUES["hedge"].search(text) or CUES["range"].search(text)):
        return "estimate"
    if (
        CUES["reporting_verb"].search(text)
        or CUES["according_to"].search(text)
        or CUES["quotation"].search(text)
    ):
        return "attributed"
    if (
        CUES["prescription"].search(text)
        or CUES["question"].search(text)
        or CUES["first_person"].search(text)
        or _EVALUATIVE.search(text)
    ):
        return "opinion"
    return "factual"


class FastText:
    """fastText supervised with the settings its tutorial recommends for small data."""

    def __init__(self) -> None:
        import fasttext

        self._fasttext = fasttext

    def fit(self, texts: list[str], labels: list[str]) -> FastText:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            for text, label in zip(texts, labels, strict=True):
                f.write(f"__label__{label} {_ft_clean(text)}\n")
        self.model = self._fasttext.train_supervised(
            f.name, wordNgrams=2, epoch=25, lr=0.5, dim=100, verbose=0, seed=0, thread=1
        )
        Path(f.name).unlink()
        return self

    def predict(self, texts: list[str]) -> list[str]:
        # model.predict() breaks on numpy 2; the low-level call is the same computation.
        return [self.model.f.predict(_ft_clean(t) + "\n", 1, 0.0, "strict")[0][1][9:] for t in texts]


def _ft_clean(text: str) -> str:
    return " ".join(re.findall(r"\w+|[^\w\s]", text.lower()))


def expected_calibration_error(
    proba: np.ndarray, classes: list[str], gold: list[str], bins: int = 10
) -> float:
    """Top-label ECE: how far confidence is from accuracy, averaged over confidence bins."""
    confidence = proba.max(axis=1)
    correct = np.array([classes[i] == g for i, g in zip(proba.argmax(axis=1), gold, strict=True)])
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in itertools.pairwise(edges):
        mask = (confidence > lo) & (confidence <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)


def folds(pool: list[Example], k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    groups = [e.doc_id for e in pool]
    return list(GroupKFold(n_splits=k).split(pool, groups=groups))


def cross_validate(pool: list[Example], splits, log) -> list[dict]:
    """Every candidate's fold scores; counts are made once (stateless), TF-IDF fitted per fold."""
    texts = [e.text for e in pool]
    gold = np.array([e.label for e in pool])
    results: dict[tuple, dict] = {}

    def record(key, clf, x_val, val_idx, seconds) -> None:
        proba = clf.predict_proba(x_val)
        predicted = list(np.asarray(clf.classes_)[proba.argmax(axis=1)])
        entry = results.setdefault(key, {"folds": [], "train_s": [], "ece": []})
        entry["folds"].append(score(list(gold[val_idx]), predicted))
        entry["train_s"].append(seconds)
        entry["ece"].append(expected_calibration_error(proba, list(clf.classes_), list(gold[val_idx])))

    def summary(name: str) -> None:
        for key, entry in results.items():
            if key[0] == name:
                macro = statistics.mean(r.macro_f1 for r in entry["folds"])
                log(f"    {key}: macro-F1 {macro:.4f}, ECE {statistics.mean(entry['ece']):.4f}")

    for fold, (train_idx, val_idx) in enumerate(splits):
        t0 = time.perf_counter()
        reference = reference_pipeline().fit([texts[i] for i in train_idx], gold[train_idx])
        seconds = time.perf_counter() - t0
        x_val = reference[:-1].transform([texts[i] for i in val_idx])
        record((REFERENCE, "svm x5", 10.0, "balanced"), reference[-1], x_val, val_idx, seconds)
        log(f"  reference: fold {fold + 1}/{len(splits)} done")
    summary(REFERENCE)
    for n, (name, feature_args) in enumerate(FEATURE_SETS.items()):
        t0 = time.perf_counter()
        counts = HashedCounts(**feature_args).transform(texts)
        count_seconds = (time.perf_counter() - t0) * (1 - 1 / len(splits))
        grid = FULL_GRID if n == 0 else SHORT_GRID
        for fold, (train_idx, val_idx) in enumerate(splits):
            t0 = time.perf_counter()
            tfidf = BlockTfidf().fit(counts[train_idx])
            x_train = tfidf.transform(counts[train_idx])
            feature_seconds = count_seconds + time.perf_counter() - t0
            x_val = tfidf.transform(counts[val_idx])
            for kind, settings in grid.items():
                for c, weight in settings:
                    t0 = time.perf_counter()
                    clf = make_classifier(kind, c, weight).fit(x_train, gold[train_idx])
                    record(
                        (name, kind, c, weight),
                        clf,
                        x_val,
                        val_idx,
                        feature_seconds + time.perf_counter() - t0,
                    )
            log(f"  {name}: fold {fold + 1}/{len(splits)} done")
        summary(name)
    rows = []
    for (name, kind, c, weight), entry in results.items():
        reports = entry["folds"]
        rows.append(
            {
                "features": name,
                "classifier": kind,
                "C": c,
                "class_weight": weight,
                "macro": _mean_sd([r.macro_f1 for r in reports]),
                "per_label": {lab: _mean_sd([r.per_label[lab].f1 for r in reports]) for lab in LABEL_IDS},
                "train_s": statistics.mean(entry["train_s"]),
                "ece": statistics.mean(entry["ece"]),
            }
        )
    rows.sort(key=lambda r: -r["macro"][0])
    return rows


def peer_cv(pool: list[Example], splits, make) -> dict:
    reports = []
    for train_idx, val_idx in splits:
        model = make().fit([pool[i].text for i in train_idx], [pool[i].label for i in train_idx])
        reports.append(
            score([pool[i].label for i in val_idx], list(model.predict([pool[i].text for i in val_idx])))
        )
    return {
        "macro": _mean_sd([r.macro_f1 for r in reports]),
        "per_label": {lab: _mean_sd([r.per_label[lab].f1 for r in reports]) for lab in LABEL_IDS},
    }


class Majority:
    def fit(self, texts: list[str], labels: list[str]) -> Majority:
        self.label = Counter(labels).most_common(1)[0][0]
        return self

    def predict(self, texts: list[str]) -> list[str]:
        return [self.label] * len(texts)


class Rules:
    def fit(self, texts: list[str], labels: list[str]) -> Rules:
        return self

    def predict(self, texts: list[str]) -> list[str]:
        return [keyword_rules(t) for t in texts]


def sentences_per_second(predict, texts: list[str], repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        predict(texts)
        timings.append(time.perf_counter() - t0)
    return len(texts) / statistics.median(timings)


def _mean_sd(values: list[float]) -> tuple[float, float]:
    return statistics.mean(values), statistics.stdev(values) if len(values) > 1 else 0.0


def _fmt(pair: tuple[float, float]) -> str:
    return f"{pair[0]:.3f} ± {pair[1]:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds on the train split")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    args = parser.parse_args(argv)

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    train = read_examples(CORPUS / "train.jsonl")
    pool = train + read_examples(CORPUS / "dev.jsonl")
    test = read_examples(CORPUS / "test.jsonl")
    splits = folds(pool, args.folds)
    log(f"pool {len(pool)} sentences in {len({e.doc_id for e in pool})} documents; test {len(test)}")

    log("cross-validating candidates")
    candidates = cross_validate(pool, splits, log)
    log("cross-validating peers")
    peers = {
        "majority class": (Majority, peer_cv(pool, splits, Majority)),
        "keyword rules": (Rules, peer_cv(pool, splits, Rules)),
        "fastText (wordNgrams=2, epoch=25, lr=0.5)": (FastText, peer_cv(pool, splits, FastText)),
    }

    best = next(row for row in candidates if row["features"] != REFERENCE)
    reference = next(row for row in candidates if row["features"] == REFERENCE)
    chosen = dict(
        FEATURE_SETS[best["features"]],
        classifier=best["classifier"],
        c=best["C"],
        class_weight=best["class_weight"],
    )
    log(f"chosen by cross-validation: {chosen}")

    # The shipped model is trained on the train split (dev scores it in its card), so the
    # test figures here are for models trained on exactly that data.
    pool_texts, pool_labels = [e.text for e in train], [e.label for e in train]
    test_texts, test_gold = [e.text for e in test], [e.label for e in test]
    t0 = time.perf_counter()
    pipeline = make_pipeline(**chosen).fit(pool_texts, pool_labels)
    chosen_train_s = time.perf_counter() - t0
    chosen_test = score(test_gold, list(pipeline.predict(test_texts)))
    ece = expected_calibration_error(pipeline.predict_proba(test_texts), list(pipeline.classes_), test_gold)
    chosen_speed = sentences_per_second(pipeline.predict, test_texts)

    peer_test = {}
    for name, (make, _) in peers.items():
        t0 = time.perf_counter()
        model = make().fit(pool_texts, pool_labels)
        train_s = time.perf_counter() - t0
        peer_test[name] = (
            score(test_gold, list(model.predict(test_texts))),
            train_s,
            sentences_per_second(model.predict, test_texts),
        )

    lines = [
        "# Accuracy benchmark",
        "",
        f"Produced by `python benchmarks/accuracy.py` on {date.today().isoformat()} "
        f"({args.folds}-fold cross-validation on train+dev grouped by document: {len(pool)} sentences, "
        f"{len({e.doc_id for e in pool})} documents; test split: {len(test)} sentences, "
        f"{len({e.doc_id for e in test})} documents, touched only after the choice).",
        "",
        "## Chosen configuration (best cross-validated macro-F1)",
        "",
        f"`{chosen}`",
        "",
        f"- cross-validated macro-F1 {_fmt(best['macro'])}, ECE {best['ece']:.3f}; the configuration "
        f"shipped before hashing: {_fmt(reference['macro'])}, ECE {reference['ece']:.3f} (same folds)",
        f"- test macro-F1 **{chosen_test.macro_f1:.3f}**, accuracy {chosen_test.accuracy:.3f}",
        "- test F1 per label: " + ", ".join(f"{k} {v.f1:.3f}" for k, v in chosen_test.per_label.items()),
        f"- expected calibration error on test (top label, 10 bins): {ece:.3f}",
        f"- training {chosen_train_s:.1f} s on the train split; prediction {chosen_speed:,.0f} sentences/s "
        "(whole pipeline, one process)",
        "",
        "## Peers on the test split (all trained on the train split)",
        "",
        "| model | test macro-F1 | "
        + " | ".join(f"{lab} F1" for lab in LABEL_IDS)
        + " | train s | sentences/s |",
        "|---|---:|" + "---:|" * len(LABEL_IDS) + "---:|---:|",
    ]
    for name, (report, train_s, speed) in {
        **peer_test,
        "**factcheck (chosen)**": (chosen_test, chosen_train_s, chosen_speed),
    }.items():
        lines.append(
            f"| {name} | {report.macro_f1:.3f} | "
            + " | ".join(f"{report.per_label[lab].f1:.3f}" for lab in LABEL_IDS)
            + f" | {train_s:.1f} | {speed:,.0f} |"
        )
    lines += [
        "",
        "## Cross-validation (mean ± sd over folds)",
        "",
        "| model | features | C | class weight | macro-F1 | " + " | ".join(LABEL_IDS) + " | ECE | train s |",
        "|---|---|---:|---|---:|" + "---:|" * len(LABEL_IDS) + "---:|---:|",
    ]
    for name, (_, cv) in peers.items():
        lines.append(
            f"| {name} | | | | {_fmt(cv['macro'])} | "
            + " | ".join(_fmt(cv["per_label"][lab]) for lab in LABEL_IDS)
            + " | | |"
        )
    for row in candidates:
        lines.append(
            f"| {row['classifier']} | {row['features']} | {row['C']:g} | {row['class_weight']} | "
            f"{_fmt(row['macro'])} | "
            + " | ".join(_fmt(row["per_label"][lab]) for lab in LABEL_IDS)
            + f" | {row['ece']:.3f} | {row['train_s']:.1f} |"
        )
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
