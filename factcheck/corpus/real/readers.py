"""Rebuild a document's text from a source's own files, one reader per source format.

The rebuilt text is what every committed offset points into, so each reader
is deterministic and documented here: changing one invalidates the labels
of its source, which ``references.check`` then reports row by row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import lru_cache
from xml.etree import ElementTree

from factcheck.corpus.real.copies import LocalCopy
from factcheck.errors import FactcheckError


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FactcheckError(f"{where}: not UTF-8 (byte {err.start})") from None


def _unwrap(paragraph: str) -> str:
    """Join a hard-wrapped paragraph's lines with single spaces."""
    return " ".join(line.strip() for line in paragraph.split("\n") if line.strip())


class Reader:
    """List a source's documents and rebuild one document's text by its id."""

    def __init__(self, copy: LocalCopy) -> None:
        self.copy = copy
        self._file = lru_cache(maxsize=8)(self._read_file)

    def _read_file(self, path: str) -> str:
        return _decode(self.copy.read(path), f"{self.copy.root}:{path}")

    def documents(self) -> list[str]:
        raise NotImplementedError

    def text(self, doc_id: str) -> str:
        raise NotImplementedError


class ConlluReader(Reader):
    """GUM's CoNLL-U: ``# text =`` sentences, joined by spaces; ``# newpar`` starts a paragraph.

    Document ids are file stems (``GUM_news_asylum``); only the Wikinews
    genres (news, interview) are openly licensed for our use.
    """

    GENRES = ("news", "interview")

    def documents(self) -> list[str]:
        stems = [p.rsplit("/", 1)[-1].removesuffix(".conllu") for p in self.copy.list("dep")]
        return [s for s in stems if any(s.startswith(f"GUM_{g}_") for g in self.GENRES)]

    def text(self, doc_id: str) -> str:
        paragraphs: list[list[str]] = []
        new_paragraph = True
        for line in self._file(f"dep/{doc_id}.conllu").split("\n"):
            if line == "# newpar" or line.startswith("# newpar "):
                new_paragraph = True
            elif line.startswith("# text = "):
                if new_paragraph or not paragraphs:
                    paragraphs.append([])
                    new_paragraph = False
                paragraphs[-1].append(line[len("# text = ") :].strip())
        if not paragraphs:
            raise FactcheckError(f"{self.copy.root}: dep/{doc_id}.conllu has no '# text =' lines")
        return "\n\n".join(" ".join(p) for p in paragraphs)


class PressReleaseReader(Reader):
    """happycongress: one release a line, ``DATE<TAB>TEXT``; the id is ``FILE:LINE`` (1-based)."""

    def documents(self) -> list[str]:
        return [p for p in self.copy.list("press_releases") if p.endswith("Press.txt")]

    def text(self, doc_id: str) -> str:
        path, _, number = doc_id.rpartition(":")
        lines = self._file(path).split("\n")
        try:
            line = lines[int(number) - 1]
        except (ValueError, IndexError):
            raise FactcheckError(f"{self.copy.root}: {path} has no line {number}") from None
        return line.split("\t", 1)[-1].strip()


class StatementReader(Reader):
    """FOMC statements: one file each; hard-wrapped paragraphs are unwrapped, blank lines kept."""

    def documents(self) -> list[str]:
        return [p.removesuffix(".txt") for p in self.copy.list("statements") if p.endswith(".txt")]

    def text(self, doc_id: str) -> str:
        raw = self._file(f"{doc_id}.txt").replace("\r\n", "\n")
        paragraphs = [_unwrap(p) for p in raw.split("\n\n")]
        return "\n\n".join(p for p in paragraphs if p)


class SentenceCsvReader(Reader):
    """NewsSD-ENG: CSV rows of single sentences; the id is ``SPLIT:ROW`` (0-based data row)."""

    SPLITS = ("train", "val", "test")

    def _rows(self, split: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self._file(f"data/english/{split}.csv"))))[1:]

    def documents(self) -> list[str]:
        return [f"{split}:{i}" for split in self.SPLITS for i in range(len(self._rows(split)))]

    def text(self, doc_id: str) -> str:
        split, _, row = doc_id.partition(":")
        try:
            return self._rows(split)[int(row)][0].strip()
        except (ValueError, IndexError):
            raise FactcheckError(f"{self.copy.root}: data/english/{split}.csv has no row {row}") from None

    def gold(self, doc_id: str) -> str:
        """The source's own SUBJ/OBJ label, used only to cross-check our ``opinion``."""
        split, _, row = doc_id.partition(":")
        return self._rows(split)[int(row)][1].strip()


class SpeechReader(Reader):
    """State of the Union addresses (stdlib-js/datasets-sotu): one plain-text file per address.

    Ids are file stems under ``data/`` (``2010_barack_obama_d``); only
    addresses from 1989 on are listed, the register of today's politics.
    """

    FIRST_YEAR = 1989

    def documents(self) -> list[str]:
        stems = [
            p.rsplit("/", 1)[-1].removesuffix(".txt") for p in self.copy.list("data") if p.endswith(".txt")
        ]
        return [s for s in stems if s[:4].isdigit() and int(s[:4]) >= self.FIRST_YEAR]

    def text(self, doc_id: str) -> str:
        return self._file(f"data/{doc_id}.txt").strip()


class TokenXmlReader(Reader):
    """MEANTIME's NAF-like XML (English Wikinews): ``<token sentence=…>`` elements, no spacing kept.

    The id is ``corpus_TOPIC/WIKINEWS_ID`` (``corpus_apple/101354``). Sentence 0 is the headline
    and sentence 1 the date: each is a paragraph of its own, and the body's sentences are joined by
    spaces into one paragraph (the source keeps no paragraph breaks). Tokens are joined by one
    space except where English writes none (see ``_detokenize``).
    """

    ROOT = "data/meantime_newsreader_english_oct15/intra_cross-doc_annotation"

    def _paths(self) -> dict[str, str]:
        paths = {}
        for path in self.copy.list(self.ROOT):
            folder, _, name = path.removeprefix(self.ROOT + "/").partition("/")
            if folder.startswith("corpus_") and name.endswith(".xml"):
                paths[f"{folder}/{name.split('_', 1)[0]}"] = path
        return paths

    def documents(self) -> list[str]:
        return sorted(self._paths())

    def text(self, doc_id: str) -> str:
        path = self._paths().get(doc_id)
        if path is None:
            raise FactcheckError(f"{self.copy.root}: no MEANTIME document {doc_id}")
        try:
            root = ElementTree.fromstring(self._file(path))
        except ElementTree.ParseError as err:
            raise FactcheckError(f"{self.copy.root}: {path}: not well-formed XML ({err})") from None
        sentences: dict[int, list[str]] = {}
        for token in root.iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        if len(sentences) < 3:
            raise FactcheckError(f"{self.copy.root}: {path} has no body after its headline and date")
        ordered = [_detokenize(sentences[k]) for k in sorted(sentences)]
        return "\n\n".join([ordered[0], ordered[1], " ".join(ordered[2:])])


# Penn Treebank tokens that take no space before or after them ("(USD)", "US$40", "90%", "it's")
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "...",
     "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
)  # fmt: skip
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "£", "€", "#"})  # and every currency sign in "$" ("AU$")
# what is left of a contraction split after its apostrophe ("I'" "m", "we" "'" "re")
_CONTRACTION_TAILS = frozenset({"m", "ll", "d", "re", "ve", "s", "t"})


def _detokenize(tokens: list[str]) -> str:
    """A sentence's tokens as written, with straight quotes.

    Double quotes (``, '' or ") open and close in turn. A lone single quote
    closes an open one (`pingers'), ends a plural's possessive ("Airbus'") or
    joins a split contraction ("we're"); otherwise it opens a quote.
    """
    out: list[str] = []
    glue = True  # no space before the next token
    double = single = False
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        before = tokens[i - 1] if i else ""
        space, glue_next = not glue, False
        if token in ("``", "\u201c") or (token == '"' and not double):
            piece, double, glue_next = '"', True, True
        elif token in ("''", "\u201d", '"'):
            piece, double, space = '"', False, False
        elif token in ("`", "\u2018"):
            piece, single, glue_next = "'", True, True
        elif token in ("'", "\u2019"):
            piece, space = "'", False
            if after in _CONTRACTION_TAILS:
                glue_next = True
            elif single:
                single = False
            elif not before.endswith(("s", "S")):
                piece, single, space, glue_next = "'", True, not glue, True
        else:
            piece = token
            space = (
                space
                and token not in _NO_SPACE_BEFORE
                and not (before.endswith("'") and token in _CONTRACTION_TAILS)
            )
            glue_next = (
                token in _NO_SPACE_AFTER or token.endswith("$") or (token == "O" and after.startswith("'"))
            )
        out.append((" " if space and out else "") + piece)
        glue = glue_next
    return "".join(out)


READERS: dict[str, Callable[[LocalCopy], Reader]] = {
    "gum-conllu": ConlluReader,
    "press-release-lines": PressReleaseReader,
    "fomc-statements": StatementReader,
    "newssd-csv": SentenceCsvReader,
    "sotu-text": SpeechReader,
    "meantime-xml": TokenXmlReader,
}
