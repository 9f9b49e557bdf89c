"""How far does a refit on nearly the same data move the default model's labels?

    python -m factcheck.corpus.real.build    # the real sentences, from local copies of the sources
    python benchmarks/refit.py               # writes benchmarks/REFIT.md (about 25 minutes)

A user who retrains with ``--base default`` and a handful of sentences, then
runs ``factcheck compare``, sees the change their sentences made and the
change any refit makes. This measures the second: the shipped configuration
is fitted on the default model's training pool (project corpus train split,
each sentence counting ``CORPUS_WEIGHT`` times, plus the real train split),
then on the same pool with two project-written sentences added as a new
document (two different pairs) and with one real train document left out.
Each fit is scored on the dev splits, and its labels are set against the
unperturbed fit's: how many real dev and own dev sentences change label.

Two variants test what the refit noise comes from. "Early stopping off":
the context stage's boosted trees keep all their rounds instead of setting
aside a random tenth of the rows to stop on, so that split cannot move.
"Three trees averaged": three context stages, each with its own early
stopping split, averaged in raw score (``model.AveragedTrees``: one
ensemble of three times the trees; the class bias is chosen on the averaged
out-of-fold predictions). Which of them ships is ``make_model``'s
``context_stages``, chosen by ``benchmarks/real_news.py``.
No test split is read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from real_news import dev_pools, fit_with_context_stage

from factcheck import model as model_module
from factcheck.corpus.base import CORPUS_WEIGHT
from factcheck.corpus.real.references import default_cache
from factcheck.data import Example, document_ids
from factcheck.evaluation import score

RESULTS = Path(__file__).with_name("REFIT.md")

# Sentences this project wrote, added as one new training document.
ADDED = {
    "+2 sentences (a)": [
        ("The council approved a budget of 12 million pounds on Tuesday.", "factual"),
        ("Officials said the bridge would reopen in May.", "attributed"),
    ],
    "+2 sentences (b)": [
        ("Turnout could reach roughly 60 percent, pollsters estimate.", "estimate"),
        ("This plan is a mistake the town will regret.", "opinion"),
    ],
}
PERTURBATIONS = ["none", *ADDED, "-1 real document"]


_single_stage = model_module.make_context_model

# Each variant: its context stage's factory, and how many such stages are averaged.
VARIANTS: dict[str, tuple[Callable[[], Any], int]] = {
    "one context stage": (_single_stage, 1),
    "early stopping off": (lambda: _single_stage().set_params(early_stopping=False), 1),
    "three trees averaged": (_single_stage, 3),
}


@dataclass
class Fit:
    variant: str
    perturbation: str
    scores: dict[str, float]
    labels: dict[str, list[str]]


def fit_once(variant: str, perturbation: str, cache: Path) -> Fit:
    """One fit of the shipped configuration (with ``variant``'s context stage) on the perturbed pool."""
    own, real = dev_pools(cache)
    real_train = real["train"]
    if perturbation == "-1 real document":
        real_train = [e for e in real_train if e.doc_id != real_train[0].doc_id]
    pool = own["train"] + real_train
    weights = [CORPUS_WEIGHT] * len(own["train"]) + [1.0] * len(real_train)
    for text, label in ADDED.get(perturbation, []):
        pool.append(Example(text, label, "added"))
        weights.append(1.0)
    make_context, stages = VARIANTS[variant]
    model = fit_with_context_stage(make_context, pool, weights, context_stages=stages)
    scores: dict[str, float] = {}
    labels: dict[str, list[str]] = {}
    for name, examples in (("real dev", real["dev"]), ("own dev", own["dev"])):
        predicted = [str(p) for p in model.predict([e.text for e in examples], document_ids(examples))]
        report = score([e.label for e in examples], predicted)
        scores[f"{name} macro"] = report.macro_f1
        scores[f"{name} estimate"] = report.per_label["estimate"].f1
        labels[name] = predicted
    return Fit(variant, perturbation, scores, labels)


def _changed(a: list[str], b: list[str]) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _spread(values: list[float]) -> str:
    return f"{statistics.fmean(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def report(fits: list[Fit], sizes: dict[str, int]) -> str:
    """The markdown: every fit, then each variant's spread."""
    by = {(f.variant, f.perturbation): f for f in fits}
    lines = [
        "# Refit noise: how far a refit on nearly the same data moves the labels",
        "",
        f"Measured {date.today()} by `python benchmarks/refit.py` (the docstring says how). Dev splits only:",
        f'real dev {sizes["real dev"]} sentences, own dev {sizes["own dev"]}. "changed": sentences whose',
        "label differs from the same variant's unperturbed fit. The shipped model averages "
        f"{model_module.make_model().context_stages} context stage(s) (`make_model`'s `context_stages`).",
        "",
        "| variant | training pool | real dev macro-F1 | real dev estimate | own dev macro-F1 "
        "| real dev changed | own dev changed |",
        "|---|---|---|---|---|---|---|",
    ]
    for variant in VARIANTS:
        base = by[(variant, "none")]
        for perturbation in PERTURBATIONS:
            fit = by[(variant, perturbation)]
            changed = (
                ("-", "-")
                if perturbation == "none"
                else tuple(str(_changed(base.labels[s], fit.labels[s])) for s in ("real dev", "own dev"))
            )
            lines.append(
                f"| {variant} | {perturbation} | {fit.scores['real dev macro']:.3f} "
                f"| {fit.scores['real dev estimate']:.3f} | {fit.scores['own dev macro']:.3f} "
                f"| {changed[0]} | {changed[1]} |"
            )
    lines += [
        "",
        "Each variant over its four fits: mean (lowest-highest); and the real dev labels a",
        "perturbation changed, on average.",
        "",
        "| variant | real dev macro-F1 | real dev estimate | own dev macro-F1 | real dev changed, mean |",
        "|---|---|---|---|---|",
    ]
    for variant in VARIANTS:
        mine = [by[(variant, p)] for p in PERTURBATIONS]
        moved = statistics.fmean(_changed(mine[0].labels["real dev"], f.labels["real dev"]) for f in mine[1:])
        lines.append(
            f"| {variant} | {_spread([f.scores['real dev macro'] for f in mine])} "
            f"| {_spread([f.scores['real dev estimate'] for f in mine])} "
            f"| {_spread([f.scores['own dev macro'] for f in mine])} "
            f"| {moved:.0f} of {sizes['real dev']} ({moved / sizes['real dev']:.1%}) |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="fits run side by side")
    parser.add_argument("--out", type=Path, default=RESULTS, help="the report to write")
    args = parser.parse_args(argv)
    cache = default_cache()
    if not (cache / "train.jsonl").is_file():
        print(f"no real sentences in {cache}: run python -m factcheck.corpus.real.build", file=sys.stderr)
        return 1
    from joblib import Parallel, delayed

    runs = [(variant, perturbation) for variant in VARIANTS for perturbation in PERTURBATIONS]
    fits = Parallel(n_jobs=args.jobs, verbose=10)(delayed(fit_once)(v, p, cache) for v, p in runs)
    sizes = {"real dev": len(fits[0].labels["real dev"]), "own dev": len(fits[0].labels["own dev"])}
    text = report(fits, sizes)
    print(text)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
