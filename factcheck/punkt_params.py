"""Punkt parameters shipped with factcheck, and the command that rebuilds them.

NLTK's own English model has to be fetched with ``nltk.download()``, which
locked-down machines cannot reach, and its pickle format is unsafe to load.
factcheck instead ships the four plain-text tables of NLTK's ``punkt_tab``
layout in ``factcheck/punkt/``, trained by this module on text the project
wrote itself plus a curated abbreviation list.

Rebuild them from a source checkout with::

    python -m factcheck.punkt_params
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from nltk.tokenize.punkt import PunktParameters, PunktTrainer

from factcheck.atomic import atomic_write_text

PARAMS_DIR = Path(__file__).parent / "punkt"
_REPO = Path(__file__).resolve().parent.parent
ABBREVIATIONS_FILE = _REPO / "data" / "punkt_abbreviations.txt"
TRAINING_GLOBS = ("data/corpus/source/*/*.txt", "seeds/*.txt", "data/starter.jsonl")


def load_params(directory: Path = PARAMS_DIR) -> PunktParameters:
    """Read the four punkt_tab tables; no pickle is ever loaded."""
    params = PunktParameters()
    params.abbrev_types = set(_lines(directory / "abbrev_types.txt"))
    params.sent_starters = set(_lines(directory / "sent_starters.txt"))
    params.collocations = {tuple(line.split("\t")) for line in _lines(directory / "collocations.tab")}
    ortho: defaultdict[str, int] = defaultdict(int)
    for line in _lines(directory / "ortho_context.tab"):
        word, _, flags = line.rpartition("\t")
        ortho[word] = int(flags)
    params.ortho_context = ortho
    return params


def save_params(params: PunktParameters, directory: Path = PARAMS_DIR) -> None:
    """Write the tables sorted, so a rebuild shows as a readable diff."""
    directory.mkdir(parents=True, exist_ok=True)
    tables = {
        "abbrev_types.txt": sorted(params.abbrev_types),
        "sent_starters.txt": sorted(params.sent_starters),
        "collocations.tab": sorted("\t".join(pair) for pair in params.collocations),
        "ortho_context.tab": sorted(f"{w}\t{n}" for w, n in params.ortho_context.items() if w),
    }
    for name, lines in tables.items():
        atomic_write_text(directory / name, "".join(line + "\n" for line in lines))


def train_params(texts: Iterable[str], abbreviations: Iterable[str]) -> PunktParameters:
    """Learn collocations, starters and orthography from text; add curated abbreviations.

    Punkt learns abbreviations from how often a word is seen with a period,
    which a few thousand news sentences cannot show for rarer titles and
    months; the curated list fills that gap.
    """
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types |= {a.lower().rstrip(".") for a in abbreviations}
    return params


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line]


def _training_texts(repo: Path) -> Iterable[str]:
    from factcheck.corpus import read_source_document

    for pattern in TRAINING_GLOBS:
        for path in sorted(repo.glob(pattern)):
            if path.suffix == ".jsonl":
                continue
            if "corpus" in path.parts:
                yield read_source_document(path).text
            else:
                yield path.read_text(encoding="utf-8")


def main() -> None:
    abbreviations = [
        line.strip()
        for line in ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    params = train_params(_training_texts(_REPO), abbreviations)
    save_params(params)
    print(
        f"wrote {PARAMS_DIR}: {len(params.abbrev_types)} abbreviations, "
        f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence starters",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
