"""Punkt parameters shipped with factcheck, and the command that rebuilds them.

NLTK's own English model has to be fetched with ``nltk.download()``, which
locked-down machines cannot reach, and its pickle format is unsafe to load.
factcheck instead ships the four plain-text tables of NLTK's ``punkt_tab``
layout in ``factcheck/punkt/``, trained by this module on text the project
wrote itself plus a curated abbreviation list and a closed list of words
that start sentences.

The training text is the seed article plus the corpus documents of the
``train`` split in ``data/corpus/splits.json``, never the ``dev`` or ``test``
documents the splitter benchmark measures. Until that file exists, only the
seed article is used. Rebuild the tables from a source checkout with::

    python -m factcheck.punkt_params
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from factcheck.atomic import atomic_write_text
from factcheck.punkt_module import PunktLanguageVars, PunktParameters, PunktToken, PunktTrainer

PARAMS_DIR = Path(__file__).parent / "punkt"
_REPO = Path(__file__).resolve().parent.parent
ABBREVIATIONS_FILE = _REPO / "data" / "punkt_abbreviations.txt"
SPLITS_FILE = "data/corpus/splits.json"
CORPUS_GLOB = "data/corpus/source/*/*.txt"
SEED_GLOB = "seeds/*.txt"
_DOTTED_WORD = re.compile(r"(?:[^\W\d_]+\.)+[^\W\d_]+")

# Closed-class words that begin a new sentence when they follow an
# abbreviation ("moved to the U.S. The move ..."), where a name or noun would
# continue it ("the U.S. Senate"). Words that are also common names or
# surnames (Will, May, He as in He Lifeng after a title, To, I) are handled
# by the title rule in ``factcheck.splitting`` or left out.
SENTENCE_STARTERS = frozenset(
    [
        *("a", "an", "the", "this", "that", "these", "those", "there", "here"),
        *("it", "its", "he", "she", "they", "we", "you", "his", "her", "their", "our", "my", "your"),
        *("but", "and", "or", "so", "yet", "nor", "however", "meanwhile", "still", "then", "now", "also"),
        *("instead", "indeed", "moreover", "thus", "therefore", "otherwise", "nevertheless"),
        *("in", "on", "at", "for", "after", "before", "when", "while", "if", "as", "although", "though"),
        *("since", "because", "despite", "during", "with", "without", "by", "from", "under", "over"),
        *("until", "unless", "once", "some", "many", "most", "all", "both", "each", "every", "few"),
        *("several", "much", "more", "other", "others", "another", "such", "what", "why", "how", "who"),
        *("where", "which", "whether", "nobody", "none", "neither", "nothing", "everyone", "someone"),
        *("not", "only", "even", "according", "earlier", "later", "last", "yesterday"),
    ]
)


class NewsLanguageVars(PunktLanguageVars):
    """Punkt's English conventions plus the ellipsis character news text uses.

    Training and splitting must share these, or the tables would describe a
    different tokenisation from the one the splitter sees. Punkt's two fixed
    patterns are compiled once with the standard library: this NLTK build
    routes every pattern through ``nltk.redos``, a timeout-guarded engine
    meant for caller-supplied patterns, which profiling showed to be more
    than half of Punkt's time. These patterns are constant and linear, and
    upstream NLTK compiles them with ``re`` too.
    """

    sent_end_chars = (".", "?", "!", "\u2026")

    @cached_property
    def _period_context(self) -> re.Pattern[str]:
        return self._compile(self._period_context_fmt)

    @cached_property
    def _word_tokenizer(self) -> re.Pattern[str]:
        return self._compile(self._word_tokenize_fmt)

    def period_context_re(self) -> re.Pattern[str]:
        return self._period_context

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        return self._word_tokenizer

    def _compile(self, template: str) -> re.Pattern[str]:
        parts = {
            "NonWord": self._re_non_word_chars,
            "MultiChar": self._re_multi_char_punct,
            "WordStart": self._re_word_start,
            "SentEndChars": self._re_sent_end_chars,
        }
        return re.compile(template % parts, re.UNICODE | re.VERBOSE)


class NewsToken(PunktToken):
    """Punkt's token with its fixed patterns compiled by the standard library, as above."""

    _RE_ELLIPSIS = re.compile(r"\.\.+$")
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$", re.UNICODE)
    _RE_ALPHA = re.compile(r"[^\W\d]+$", re.UNICODE)


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


def train_params(
    texts: Iterable[str], abbreviations: Iterable[str], starters: Iterable[str] = SENTENCE_STARTERS
) -> PunktParameters:
    """Learn orthography and starters from text; take abbreviations from the curated list.

    Punkt learns abbreviations from how often a word is seen with a period,
    which a few hundred news articles cannot show reliably: it takes
    sentence-final words such as "ago." for abbreviations. So only learned
    letters-and-periods types (n.m, u.s.a) are kept, and the curated list
    supplies the rest. A curated entry written ``no ##number##`` is an
    abbreviation only before a number ("No. 10", but "Easier, no. Fairer").
    """
    trainer = PunktTrainer(lang_vars=NewsLanguageVars(), token_cls=NewsToken)
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types = {a for a in params.abbrev_types if _DOTTED_WORD.fullmatch(a)}
    for entry in abbreviations:
        word, _, before = entry.lower().partition(" ")
        if before:
            params.collocations.add((word.rstrip("."), before.strip()))
        else:
            params.abbrev_types.add(word.rstrip("."))
    params.sent_starters |= {s.lower() for s in starters}
    return params


def corpus_split(repo: Path = _REPO) -> dict[str, list[str]] | None:
    """The corpus's document ids by split, or None while ``splits.json`` is not written."""
    path = repo / SPLITS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def training_texts(repo: Path = _REPO) -> tuple[list[str], str]:
    """The texts the tables are trained on, and a one-line account of where they came from.

    The corpus reader is imported here: this module also loads the tables at prediction
    time, which must not pull in the data tooling (``factcheck.corpus``).
    """
    from factcheck.corpus.documents import read_source_document

    texts = [path.read_text(encoding="utf-8") for path in sorted(repo.glob(SEED_GLOB))]
    split = corpus_split(repo)
    if split is None:
        return texts, f"{len(texts)} seed article(s) only: data/corpus/splits.json is not written yet"
    train_ids = set(split["train"])
    paths = [path for path in sorted(repo.glob(CORPUS_GLOB)) if path.stem in train_ids]
    texts += [read_source_document(path).text for path in paths]
    return texts, f"{len(texts) - len(paths)} seed article(s) and {len(paths)} train-split corpus documents"


def read_abbreviations(path: Path = ABBREVIATIONS_FILE) -> list[str]:
    """The curated entries, without comments and blank lines."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return [line for line in text.split("\n") if line]


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.parse_args(argv)
    if not ABBREVIATIONS_FILE.is_file():  # an installed copy has the tables, not what builds them
        raise SystemExit(f"{ABBREVIATIONS_FILE}: not found; rebuild the tables from a source checkout")
    texts, source = training_texts()
    params = train_params(texts, read_abbreviations())
    save_params(params)
    print(
        f"trained on {source}\nwrote {PARAMS_DIR}: {len(params.abbrev_types)} abbreviations, "
        f"{len(params.collocations)} collocations, {len(params.sent_starters)} sentence starters",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
