"""Split an article into sentences with character offsets into the original text.

The splitter is NLTK's Punkt algorithm with parameters shipped inside the
package (see ``punkt_params``), wrapped in the rules Punkt does not know:

- layout: a blank line always ends a sentence, a list marker at the start of
  a line starts one, and a leading ``date YYYY-MM-DD`` header is the
  document's date rather than text;
- abbreviations: Punkt guesses from word statistics whether the capitalised
  word after "U.S." or "p.m." starts a sentence, and a few hundred training
  articles make that guess noisy ("the U.S. Army" split, "the U.N. It has"
  not). Here the word decides: a sentence starter from the shipped closed
  list ("The", "It", "But") or a title ("Gen.") begins a new sentence,
  anything else (a name) continues it, and a title such as "Mr." never ends
  one;
- continuations Punkt splits off: a piece that starts in lower case or with
  a comma or dash ("“Who decides?” she asked."), a lone list marker or
  live-blog time stamp ("7:02 a.m."), and a speaker after a quoted question
  ("“Will we win?” Ortiz asked.").

Offsets, never rebuilt strings, so ``text[start:end]`` is always exactly the
sentence the user wrote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
# A blank line, or the line break before a list item: boundaries Punkt cannot see.
_LAYOUT_CUT = re.compile(
    r"\n[^\S\n]*\n\s*|\n(?=[^\S\n]*(?:[-*\u2022\u2013\u2014]|\d{1,3}[.)]|\([A-Za-z0-9]{1,3}\))[^\S\n])"
)
# A period, the space after it, and the next word behind any opening quotes
# or brackets (a lookahead, so "U.S. Gen. Ortiz" yields both periods); then
# the token the period ends, searched for backwards from the period.
_PERIOD_BEFORE_WORD = re.compile(r"\.(?=\s+(?P<next>[(\[\"'\u2018\u201c]*(?P<word>[^\W\d_]+)(?P<dot>\.?)))")
_TOKEN_BEFORE = re.compile(r"(?<!\S)[(\[\"'\u2018\u201c]*(\S+)\Z")
_DOTTED = re.compile(r"(?:[^\W\d_]\.){2,}")
# Titles stand before a name, so they never end a sentence, even before a
# name that is also a sentence starter ("Mr. He", "Dr. So").
_TITLES = frozenset(
    [
        *("mr", "mrs", "ms", "dr", "prof", "rev", "hon", "fr"),
        *("sen", "rep", "gov", "pres", "supt", "insp", "det"),
        *("gen", "lt", "col", "maj", "capt", "cmdr", "adm", "sgt", "cpl", "pvt", "brig"),
    ]
)
# A "sentence" that is only a list marker or a live-blog time stamp ("7:02 a.m.")
# is the head of the next one.
_PREFIX_ONLY = re.compile(
    r"[-*\u2022\u2013\u2014]|\d{1,3}[.)]|\([A-Za-z0-9]{1,3}\)"
    r"|\d{1,2}:\d{2}(?:\s*[ap]\.m\.)?|\d{1,2}\s*[ap]\.m\."
)
# No sentence starts with these: what follows them continues the previous one
# ("paused . . . and", "RENO, Nev. \u2014 A boxer").
_CONTINUATION_PUNCTUATION = ",;:.\u2013\u2014"
_WORD = re.compile(r"[^\W\d_]+")
_CLOSING_QUOTES = "\"'\u2019\u201d\u00bb"
# One to three names and a verb of speech: the attribution of a quoted question.
_SPEAKER = re.compile(
    r"(?P<names>(?:[^\W\d_][\w\u2019'-]*\s+){1,3})"
    r"(?:said|says|asked|asks|added|told|wrote|replied|shouted|insisted|recalled|explained|warned)\b"
)


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


@lru_cache(maxsize=1)
def _params() -> PunktParameters:
    """The shipped tables, read once.

    Imported here, not at the top, so ``python -m factcheck.punkt_params``
    (which ``factcheck/__init__`` would otherwise import first) runs cleanly.
    """
    from factcheck.punkt_params import load_params

    return load_params()


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    """The one tokenizer: building it compiles Punkt's regular expressions."""
    from factcheck.punkt_params import NewsLanguageVars, NewsToken

    return PunktSentenceTokenizer(_params(), lang_vars=NewsLanguageVars(), token_cls=NewsToken)


def split_document(text: str) -> SplitDocument:
    """Split ``text`` into sentences, reading a leading date header as metadata."""
    header = _DATE_HEADER.match(text)
    date, body_start = (header.group(1), header.end()) if header else (None, 0)
    sentences = [
        Sentence(i, start, end, text[start:end])
        for i, (start, end) in enumerate(_sentence_spans(text, body_start))
    ]
    return SplitDocument(date=date, sentences=sentences)


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``; the convenience form of ``split_document``."""
    return split_document(text).sentences


def _sentence_spans(text: str, body_start: int) -> list[tuple[int, int]]:
    """Punkt's sentence starts, corrected by layout and abbreviations, then continuations merged back.

    Punkt runs once over the whole body, as a call per paragraph would double
    its fixed cost on short texts; the layout cuts are imposed on its result,
    and nothing is ever merged across them. The rules read ``text`` at
    offsets rather than slicing sentence copies, which keeps them cheap.
    """
    body = text[body_start:]
    layout = {body_start, *(body_start + m.end() for m in _LAYOUT_CUT.finditer(body))}
    starts = layout.union(body_start + start for start, _ in _tokenizer().span_tokenize(body))
    for position, begins in _abbreviation_decisions(text, body_start):
        if begins:
            starts.add(position)
        elif position not in layout:
            starts.discard(position)
    bounds = sorted(starts)
    bounds.append(len(text))
    spans: list[tuple[int, int]] = []
    for cut, end in pairwise(bounds):
        start = cut
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if spans and cut not in layout and _continues(text, *spans[-1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _abbreviation_decisions(text: str, pos: int) -> Iterator[tuple[int, bool]]:
    """(offset, starts a sentence) after each abbreviation followed by a capitalised word."""
    params = _params()
    for match in _PERIOD_BEFORE_WORD.finditer(text, pos):
        word = match["word"]
        if not word[0].isupper():
            continue
        before = _TOKEN_BEFORE.search(text, max(pos, match.start() - 40), match.end())
        if before is None:  # a token too long to be an abbreviation
            continue
        token = before[1]
        stem = token[:-1].lower()
        if stem in _TITLES:
            yield match.start("next"), False
        elif (
            stem in params.abbrev_types
            or stem.rsplit("-", 1)[-1] in params.abbrev_types
            or _DOTTED.fullmatch(token)
        ):
            if match["dot"]:  # an initial ("U.S. A. Nowak") or a title ("the U.S. Gen. Ortiz")
                yield match.start("next"), word.lower() in _TITLES
            else:
                yield match.start("next"), word.lower() in params.sent_starters


def _continues(text: str, left_start: int, left_end: int, right_start: int) -> bool:
    """Whether the piece at ``right_start`` finishes the sentence at ``left_start:left_end``."""
    if text[right_start] in _CONTINUATION_PUNCTUATION:
        return True
    if left_end - left_start < 16 and _PREFIX_ONLY.fullmatch(text, left_start, left_end):
        return True
    word = _WORD.match(text, right_start)
    if word and word[0].islower():  # "iPhone" and "eBay" can start a sentence
        return True
    if left_end - left_start > 1 and text[left_end - 1] in _CLOSING_QUOTES and text[left_end - 2] in "?!":
        speaker = _SPEAKER.match(text, right_start)
        starters = _params().sent_starters
        names = speaker["names"].split() if speaker else []
        return bool(names) and all(n[0].isupper() and n.lower() not in starters for n in names)
    return False
