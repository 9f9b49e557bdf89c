"""Sentence boundaries on real text: GUM's hand-checked segmentation, factcheck against its peers.

    pip install -e ".[dev,bench]"
    python benchmarks/splitter_gum.py --gum /path/to/gum      # a checkout or a bare clone of
                                                               # github.com/amir-zeldes/gum

GUM (Georgetown University Multilayer corpus, CC BY 2.5 apart from its Reddit
part) is read from the local copy named by ``--gum``, by reference only: no
GUM text is written anywhere, and the GUM section of benchmarks/SPLITTER.md
holds figures only.

One run, same inputs for everyone:
- text: each ``dep/GUM_*.conllu`` document is rebuilt from its ``# text =``
  lines, a space between sentences unless the sentence's last token says
  ``SpaceAfter=No``, and a line break where ``# newpar`` starts a paragraph
  (headings, captions and list items are paragraphs of their own), the way
  text copied from a page or extracted from HTML arrives. Reddit documents
  are left out (GUM ships their words masked), and so is GENTLE, a separate
  out-of-domain corpus in the same repository;
- boundaries: the offset where each sentence after a document's first
  begins; a splitter's boundary counts when it is exactly a gold one
  (precision, recall and F1 over all boundaries, per genre and overall);
- splitters: factcheck, pysbd (English, ``clean=False``) and NLTK
  ``PunktSentenceTokenizer()`` with no parameters;
- splits: GUM's own train/dev/test lists (``splits.md``) are reported
  separately too. factcheck's rules are never tuned on dev or test documents:
  ``--errors N`` prints misses from train documents only;
- speed: gold sentences divided by the median wall time of splitting every
  document, over ``--repeats`` runs after one warm-up, the splitters taking
  turns.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import nltk
import pysbd
from nltk.tokenize.punkt import PunktSentenceTokenizer
from splitter import median_rates

from factcheck.splitting import split_sentences

RESULTS = Path(__file__).with_name("SPLITTER.md")
MARKER = "<!-- GUM section: written by benchmarks/splitter_gum.py; benchmarks/splitter.py keeps it -->"
COMMAND = "python benchmarks/splitter_gum.py --gum PATH"
DEFAULT_REPEATS = 3
FACTCHECK = "factcheck"
PYSBD = "pysbd (en)"
PUNKT = "NLTK Punkt, no parameters"

Starts = Callable[[str], list[int]]


@dataclass(frozen=True)
class Document:
    """One GUM document rebuilt as running text, with the offsets where its gold sentences begin."""

    name: str
    genre: str
    split: str
    text: str
    sentences: int
    boundaries: frozenset[int]


class GumSource:
    """GUM's files from a checkout (a directory with ``dep/``) or a bare git repository."""

    def __init__(self, path: Path):
        self.path = path
        self.bare = not (path / "dep").is_dir()
        if self.bare and not (path / "HEAD").is_file():
            raise SystemExit(f"{path}: neither a GUM checkout (no dep/) nor a bare git repository")

    def _git(self, *args: str) -> str:
        git_dir = ["--git-dir", str(self.path)] if self.bare else ["-C", str(self.path)]
        return subprocess.run(
            ["git", *git_dir, *args], check=True, capture_output=True, text=True, encoding="utf-8"
        ).stdout

    def commit(self) -> str:
        try:
            return self._git("rev-parse", "HEAD").strip()
        except (subprocess.CalledProcessError, FileNotFoundError):
            return "unknown (not a git repository)"

    def names(self) -> list[str]:
        if self.bare:
            return [
                line[len("dep/") :] for line in self._git("ls-tree", "--name-only", "HEAD", "dep/").split()
            ]
        return sorted(p.name for p in (self.path / "dep").iterdir())

    def read(self, relative: str) -> str:
        if self.bare:
            return self._git("show", f"HEAD:{relative}")
        return (self.path / relative).read_text(encoding="utf-8")


def read_splits(markdown: str) -> dict[str, str]:
    """Document name -> split, from GUM's ``splits.md`` (``## dev`` headings, ``* GUM_...`` items)."""
    split, splits = "", {}
    for line in markdown.splitlines():
        heading = re.match(r"##\s+(\w+)", line)
        if heading:
            split = heading[1]
        item = re.match(r"\s*\*\s+(\S+)", line)
        if item and split:
            splits[item[1]] = split
    return splits


def rebuild(conllu: str) -> tuple[str, list[int]]:
    """The document's text and the start offset of every sentence, from CoNLL-U comments and tokens."""
    text: list[str] = []
    length = 0
    starts: list[int] = []
    space_after = True
    for block in conllu.strip().split("\n\n"):
        lines = block.splitlines()
        sentence = next((line[len("# text = ") :] for line in lines if line.startswith("# text = ")), None)
        if sentence is None:
            continue
        if starts:
            separator = "\n" if any(line.startswith("# newpar") for line in lines) else " " * space_after
            text.append(separator)
            length += len(separator)
        starts.append(length)
        text.append(sentence)
        length += len(sentence)
        space_after = _last_space_after(lines)
    return "".join(text), starts


def _last_space_after(lines: list[str]) -> bool:
    """Whether the sentence's last surface token (a multiword token's range line if any) has a space after."""
    last_misc, range_end = "_", 0
    for line in lines:
        if not line or line.startswith("#"):
            continue
        columns = line.split("\t")
        token_id = columns[0]
        if "-" in token_id:
            range_end = int(token_id.split("-")[1])
            last_misc = columns[9]
        elif "." not in token_id and int(token_id) > range_end:
            last_misc = columns[9]
    return "SpaceAfter=No" not in last_misc.split("|")


def read_gum(path: Path) -> tuple[list[Document], str]:
    source = GumSource(path)
    splits = read_splits(source.read("splits.md"))
    documents = []
    for name in source.names():
        stem = name.removesuffix(".conllu")
        if not (stem.startswith("GUM_") and name.endswith(".conllu")) or stem.startswith("GUM_reddit_"):
            continue
        text, starts = rebuild(source.read(f"dep/{name}"))
        documents.append(
            Document(
                stem, stem.split("_")[1], splits.get(stem, "train"), text, len(starts), frozenset(starts[1:])
            )
        )
    return documents, source.commit()


def splitters() -> dict[str, tuple[Callable[[str], object], Starts]]:
    """Each splitter as (the call that is timed, the sentence starts it finds)."""
    punkt = PunktSentenceTokenizer()
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)

    def factcheck_starts(text: str) -> list[int]:
        return [s.start for s in split_sentences(text)]

    def punkt_starts(text: str) -> list[int]:
        return [start for start, _ in punkt.span_tokenize(text)]

    def pysbd_starts(text: str) -> list[int]:
        return _find_all(text, segmenter.segment(text))

    return {
        FACTCHECK: (split_sentences, factcheck_starts),
        PYSBD: (segmenter.segment, pysbd_starts),
        PUNKT: (punkt.tokenize, punkt_starts),
    }


def _find_all(text: str, pieces: list[str]) -> list[int]:
    """Where each piece begins in ``text``, searching on from the previous one."""
    starts, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, cursor)
        if found == -1:
            raise RuntimeError(f"segment not found in the text it came from: {piece[:40]!r}")
        starts.append(found)
        cursor = found + len(piece)
    return starts


def _first_visible(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


@dataclass
class Score:
    true: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set[int], gold: frozenset[int]) -> None:
        self.true += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def row(self) -> str:
        precision = self.true / self.predicted if self.predicted else 0.0
        recall = self.true / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"{100 * precision:.1f} / {100 * recall:.1f} / **{100 * f1:.1f}**"


def score(documents: list[Document], errors: int) -> dict[str, dict[str, Score]]:
    """Scores by splitter, keyed by genre, ``split:NAME`` and ``all``; misses printed from train only."""
    scores: dict[str, dict[str, Score]] = defaultdict(lambda: defaultdict(Score))
    shown = 0
    for name, (_, starts) in splitters().items():
        for doc in documents:
            predicted = {_first_visible(doc.text, s) for s in starts(doc.text)} - {
                _first_visible(doc.text, 0)
            }
            for key in (doc.genre, f"split:{doc.split}", "all"):
                scores[name][key].add(predicted, doc.boundaries)
            if name == FACTCHECK and doc.split == "train" and shown < errors:
                shown += _print_misses(doc, predicted, errors - shown)
    return scores


def _print_misses(doc: Document, predicted: set[int], limit: int) -> int:
    """Print up to ``limit`` wrong or missed boundaries of a train document to stderr, for rule work."""
    shown = 0
    for offset in sorted(predicted ^ doc.boundaries)[:limit]:
        kind = "extra" if offset in predicted else "missed"
        context = doc.text[max(0, offset - 60) : offset] + " || " + doc.text[offset : offset + 40]
        print(f"{doc.name} {kind}: {context!r}", file=sys.stderr)
        shown += 1
    return shown


def sentences_per_second(documents: list[Document], repeats: int) -> dict[str, float]:
    chosen = splitters()
    texts = [doc.text for doc in documents]
    calls = {name: split for name, (split, _) in chosen.items()}
    return median_rates(calls, dict.fromkeys(chosen, texts), sum(doc.sentences for doc in documents), repeats)


def report(documents: list[Document], commit: str, repeats: int, errors: int) -> str:
    scores = score(documents, errors)
    speed = sentences_per_second(documents, repeats)
    names = list(scores)
    genres = sorted({doc.genre for doc in documents})
    splits = [s for s in ("train", "dev", "test") if any(doc.split == s for doc in documents)]

    def count(predicate: Callable[[Document], bool]) -> str:
        chosen = [doc for doc in documents if predicate(doc)]
        return f"{len(chosen)} | {sum(len(doc.boundaries) for doc in chosen):,}"

    lines = [
        "| Set | Docs | Gold boundaries | " + " | ".join(names) + " |",
        "|---|---|---|" + "---|" * len(names),
    ]
    lines.append(
        "| **all** | "
        + count(lambda d: True)
        + " | "
        + " | ".join(scores[n]["all"].row() for n in names)
        + " |"
    )
    for split in splits:
        key = f"split:{split}"
        cells = " | ".join(scores[n][key].row() for n in names)
        lines.append(f"| {split} split | " + count(lambda d, s=split: d.split == s) + f" | {cells} |")
    for genre in genres:
        cells = " | ".join(scores[n][genre].row() for n in names)
        lines.append(f"| {genre} | " + count(lambda d, g=genre: d.genre == g) + f" | {cells} |")
    lines += ["", "| Splitter | Sentences/s | vs untrained Punkt |", "|---|---|---|"]
    lines += [f"| {n} | {speed[n]:,.0f} | {speed[n] / speed[PUNKT]:.2f}x |" for n in names]
    command = COMMAND + (f" --repeats {repeats}" if repeats != DEFAULT_REPEATS else "")
    header = [
        MARKER,
        "",
        "## Real text: GUM sentence boundaries",
        "",
        f"Command: `{command}`  ",
        f"GUM commit {commit} (github.com/amir-zeldes/gum, read by reference, nothing committed)  ",
        f"Date: {date.today().isoformat()}; Python {platform.python_version()}, NLTK {nltk.__version__}, "
        f"pysbd {pysbd.__version__}, {platform.machine()}",
        "",
        f"{len(documents)} GUM documents (Reddit left out: its words are masked), rebuilt as running text "
        "from `# text =` lines, `SpaceAfter=No` and a line break at each `# newpar`. A boundary is the "
        "offset where a sentence after a document's first begins; cells are precision / recall / **F1** "
        "(%) over all boundaries of the set. Splits are GUM's own (`splits.md`); factcheck's rules were "
        "looked at against train documents only. Speed: gold sentences / median time of "
        f"{repeats} runs over every document, the splitters taking turns.",
        "",
    ]
    return "\n".join(header + lines) + "\n"


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace the GUM section of SPLITTER.md (everything from the marker on), keeping the rest."""
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    head = existing.split(MARKER)[0].rstrip("\n")
    path.write_text((head + "\n\n" if head else "") + section, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gum", type=Path, required=True, help="a GUM checkout or bare git repository")
    parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="timed runs per splitter")
    parser.add_argument(
        "--errors", type=int, default=0, help="print this many of factcheck's misses on train documents"
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the table without updating SPLITTER.md"
    )
    args = parser.parse_args()
    documents, commit = read_gum(args.gum)
    section = report(documents, commit, args.repeats, args.errors)
    print(section)
    if not args.no_write:
        write_section(section)
        print(f"wrote the GUM section of {RESULTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
