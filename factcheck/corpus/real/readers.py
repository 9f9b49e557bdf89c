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


READERS: dict[str, Callable[[LocalCopy], Reader]] = {
    "gum-conllu": ConlluReader,
    "press-release-lines": PressReleaseReader,
    "fomc-statements": StatementReader,
    "newssd-csv": SentenceCsvReader,
    "sotu-text": SpeechReader,
}
