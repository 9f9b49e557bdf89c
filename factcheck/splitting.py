"""Split an article into sentences with character offsets into the original text.

The splitter is NLTK's Punkt algorithm with parameters shipped inside the
package (see ``punkt_params``), wrapped in the layout rules Punkt does not
know: a blank line always ends a sentence, a list marker at the start of a
line starts one, and a leading ``date YYYY-MM-DD`` header is the document's
date rather than text. Offsets, never rebuilt strings, so ``text[start:end]``
is always exactly the sentence the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer

from factcheck.punkt_params import load_params

_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")
_LIST_ITEM = re.compile(r"\n(?=[^\S\n]*(?:[-*\u2022\u2013\u2014]|\d{1,3}[.)]|\([A-Za-z0-9]{1,3}\))[^\S\n])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its position in the document and its exact text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SplitDocument:
    """A document's date header (if any) and its sentences in reading order."""

    date: str | None
    sentences: list[Sentence]


class _NewsLanguageVars(PunktLanguageVars):
    """Punkt's English conventions plus the ellipsis character news text uses."""

    sent_end_chars = (".", "?", "!", "\u2026")


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    return PunktSentenceTokenizer(load_params(), lang_vars=_NewsLanguageVars())


def split_document(text: str) -> SplitDocument:
    """Split ``text`` into sentences, reading a leading date header as metadata."""
    date = None
    body_start = 0
    header = _DATE_HEADER.match(text)
    if header:
        date = header.group(1)
        body_start = header.end()
    spans = []
    for seg_start, seg_end in _segments(text, body_start):
        segment = text[seg_start:seg_end]
        for start, end in _tokenizer().span_tokenize(segment):
            spans.extend(_trimmed(text, seg_start + start, seg_start + end))
    sentences = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]
    return SplitDocument(date=date, sentences=sentences)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``; the convenience form of ``split_document``."""
    return split_document(text).sentences


def _segments(text: str, start: int) -> Iterator[tuple[int, int]]:
    """Cut at blank lines and before list items: boundaries Punkt cannot see."""
    for block_start, block_end in _cut(text, start, len(text), _BLANK_LINE):
        yield from _cut(text, block_start, block_end, _LIST_ITEM)


def _cut(text: str, start: int, end: int, pattern: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    pos = start
    for match in pattern.finditer(text, start, end):
        yield pos, match.start()
        pos = match.end()
    yield pos, end


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []
