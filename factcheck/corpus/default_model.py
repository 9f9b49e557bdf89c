"""Rebuild the shipped default model and its base data from the corpus and the real-news cache.

    python -m factcheck.corpus.real.build     # the real sentences, from local copies of the sources
    python benchmarks/real_news.py            # choose the configuration on the real dev split
    python -m factcheck.corpus.default_model  # base data + models/default with that configuration
    python -m factcheck.corpus.default_model --no-span-features --context-stages 1 --out models/fast

Trains on the project corpus's train split plus the real train split (when
the cache holds one), scores on the real dev split (the corpus's dev split
without a cache), writes ``models/default`` and rebuilds the shipped base
(``data/base/default.npz``) from the same sentences, so ``factcheck train
--base default`` adds exactly what the default model learned from. The
configuration is ``model.make_model()``'s defaults (the sentence pipeline of
``make_pipeline()`` read in context): set them to the ones
``benchmarks/real_news.py`` chose before running this. The card lists every
source with its licence and commit. ``--no-span-features --context-stages
1`` builds the shipped ``fast`` model: the same, with one context stage
instead of three averaged, which does not weigh the span extractor's counts,
so labelling needs no extraction pass and walks about a quarter of the
trees (160 against 544 in the build of 2026-12-05; for bulk labelling with ``--no-spans``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from factcheck.corpus.base import BASE_DIR, CORPUS_TRAIN, base_inputs, build_base
from factcheck.corpus.real.references import REAL_DIR, default_cache
from factcheck.errors import FactcheckError
from factcheck.model import make_model
from factcheck.training import train_model

REPO = Path(__file__).resolve().parents[2]
MODEL_DIR = REPO / "models" / "default"


def real_sources(real_dir: Path = REAL_DIR) -> list[dict]:
    """Each real source's identity, licence and attribution, as ``data/real/sources.json`` records them."""
    keep = ("id", "name", "repository", "commit", "licence", "attribution")
    records = json.loads((real_dir / "sources.json").read_text(encoding="utf-8"))
    return [{key: record[key] for key in keep if key in record} for record in records]


def _shown(path: Path, cache: Path | None) -> str:
    """A path as the card shows it: inside the repository relative, in the cache as $FACTCHECK_REAL_CACHE."""
    if path.is_relative_to(REPO):
        return str(path.relative_to(REPO))
    if cache is not None and path.is_relative_to(cache):
        return f"$FACTCHECK_REAL_CACHE/{path.relative_to(cache)}"
    return str(path)


def rebuild(
    cache: Path | None,
    out: Path = MODEL_DIR,
    base_dir: Path = BASE_DIR,
    span_features: bool = True,
    context_stages: int | None = None,
) -> dict:
    """Train and write the model, then the base; ``context_stages`` None is ``make_model``'s default."""
    inputs = base_inputs(cache)
    notes = {str(path): info for path, info in inputs}
    real = [path for path, _ in inputs if path != CORPUS_TRAIN]
    if real:
        notes[str(real[0])] = {**notes[str(real[0])], "sources": real_sources()}
    dev = CORPUS_TRAIN.with_name("dev.jsonl")
    if cache is not None and (cache / "dev.jsonl").is_file():
        dev = cache / "dev.jsonl"
    for path in [*(p for p, _ in inputs), dev]:
        notes.setdefault(str(path), {})["path"] = _shown(path, cache)
    model = make_model(span_features=span_features)
    if context_stages is not None:
        model.set_params(context_stages=context_stages)
    result = train_model(
        [path for path, _ in inputs],
        out,
        eval_on=dev,
        pipeline=model,
        progress=lambda message: print(f"... {message}", file=sys.stderr, flush=True),
        notes=notes,
        weights=[info.get("weight", 1.0) for _, info in inputs],
    )
    build_base(inputs, base_dir)
    return result.card


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--real", type=Path, default=default_cache(), help="real-text cache (train/dev.jsonl)"
    )
    parser.add_argument("--no-real", action="store_true", help="train on the project corpus only")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="model directory to write")
    parser.add_argument(
        "--no-span-features",
        action="store_true",
        help="a context stage that does not weigh the span extractor's counts (the shipped 'fast' model)",
    )
    parser.add_argument(
        "--context-stages",
        type=int,
        default=None,
        help="context stages averaged (default: make_model's; the shipped 'fast' model has 1)",
    )
    args = parser.parse_args(argv)
    if args.context_stages is not None and args.context_stages < 1:
        parser.error("--context-stages must be at least 1")
    try:
        card = rebuild(
            None if args.no_real else args.real,
            args.out,
            span_features=not args.no_span_features,
            context_stages=args.context_stages,
        )
    except FactcheckError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        if not args.no_real and str(err).startswith(str(args.real)):
            # A cache written by an older builder (before documents were kept in reading order, say)
            # is refused by today's readers; the builder rewrites it from the local copies.
            print(
                "factcheck: the real-text cache may predate this checkout: rebuild it with "
                "python -m factcheck.corpus.real.build",
                file=sys.stderr,
            )
        return 1
    held = card["metrics"]["held_out"]
    print(f"trained on {card['trained_on']['examples']} sentences; dev macro-F1 {held['macro_f1']:.3f}")
    print(f"wrote {args.out} and {BASE_DIR}/default.npz")
    return 0


if __name__ == "__main__":
    sys.exit(main())
