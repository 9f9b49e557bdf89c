"""Split an article into sentences with character offsets into the original text.

The splitter is NLTK's Punkt algorithm with parameters shipped inside the
package (see ``punkt_params``), wrapped in the rules Punkt does not know:

- layout: a blank line always ends a sentence, a list marker at the start of
  a line starts one, a line that ends without punctuation yet reads complete
  (a headline, byline, dateline, caption, a letter's "Dear Ms. Ortiz,";
  not a wrap cut off at "the" or inside a word) is its own unit, and a
  leading ``date YYYY-MM-DD`` header is the document's date rather than text;
- abbreviations: Punkt guesses from word statistics whether the capitalised
  word after "U.S." or "p.m." starts a sentence, and a few hundred training
  articles make that guess noisy ("the U.S. Army" split, "the U.N. It has"
  not). Here the word decides: a sentence starter from the shipped closed
  list ("The", "It", "But") or a title ("Gen.") begins a new sentence,
  anything else (a name) continues it, and a title such as "Mr." never ends
  one;
- marks Punkt misreads: a list run inline on one line ("1.) The first 2.)
  The second", "a. ... b. ...", "(1) ... (2) ...", "• 9. ... • 10. ...")
  cuts before each marker that counts up from one opening a unit, and a
  bullet inside a line starts an item; a sentence end whose space was lost
  ("was close.Turnout was") is cut outside URLs and numbers; a clock time
  opening a sentence keeps the titled name after it ("At 5 a.m. Mr. Smith
  went"); "No." and "N°." before a number never end one; and a period then
  a spaced ellipsis before a capital ("ended. . . . The") ends the sentence
  at the period;
- continuations Punkt splits off: a piece that starts in lower case or with
  a comma or dash ("“Who decides?” she asked."), the pronoun "I" after an
  ellipsis (its capital says nothing), a lone list marker or live-blog time
  stamp ("7:02 a.m."), a speaker after a quoted question ("“Will we
  win?” Ortiz asked.", "I asked."), and reference marks after a sentence's
  end ("... in 1971. [3]"), which belong to the sentence they source.

Offsets, never rebuilt strings, so ``text[start:end]`` is always exactly the
sentence the user wrote.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from factcheck.paragraphs import BLANK_LINE
from factcheck.punkt_module import PunktParameters, PunktSentenceTokenizer

_DATE_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?=\s|\Z)")
_BULLETS = "-*\u2022\u2013\u2014\u2043\u25aa\u25e6\u25cf"
# A list marker: a bullet, a number or a letter with its punctuation, or both ("• 9.").
_MARKER = (
    rf"(?:[{_BULLETS}][^\S\n]?)?(?:\d{{1,3}}(?:\.\)|[.)])|[A-Za-z][.)]|\([A-Za-z0-9]{{1,3}}\))"
    rf"|[{_BULLETS}]"
)
# A blank line, or the line break before a list item or a numbered reference ("[2] Smith, J."):
# boundaries Punkt cannot see.
_LAYOUT_CUT = re.compile(
    rf"\n[^\S\n]*\n\s*|\n(?=[^\S\n]*(?:[{_BULLETS}]|\d{{1,3}}[.)]|[(\[][A-Za-z0-9]{{1,3}}[)\]])[^\S\n])"
)
# One item marker of an enumeration run inline ("1.) The first 2.) The second",
# "a. The first b. The second", "• 9. The first • 10. The second"), read apart
# into its bullet, its number or letter and the punctuation around that.
_INLINE_MARKER = re.compile(
    rf"(?<!\S)(?P<bullet>[{_BULLETS}][^\S\n]?)?"
    r"(?:(?P<open>\()(?:(?P<pnumber>\d{1,3})|(?P<pletter>[A-Za-z]))\)"
    r"|(?:(?P<number>\d{1,3})|(?P<letter>[A-Za-z]))(?P<close>\.\)|[.)]))\Z"
)
# A bullet inside a line ("• Fares rise • Lanes open"): a list run on one line.
_INLINE_BULLET = re.compile(r"[\u2022\u2043\u25aa\u25e6\u25cf](?<=[^\S\n].)(?=[^\S\n]+\S)")
# A sentence end with the space after it lost ("the vote.Turnout was"), in running words
# only: a token with a digit, "/", "@" or ":" is a URL, an address or a version.
_GLUED_END = re.compile(r"[.?!](?<=[a-z]{2}.)(?=[A-Z][a-z])")
_NOT_PROSE = re.compile(r"[\d/@:]")
# Where such a marker could end: found first, as one cheap scan, then read backwards.
_MARKER_END = re.compile(r"[.)](?=[^\S\n]+\S)")
# Where a unit may begin: the start of the text or a line, or after a sentence's final mark.
_UNIT_START_BEFORE = re.compile(r"(?:\A|\n|[.?!\u2026][\"'\u2019\u201d)\]]*[^\S\n])[^\S\n]*\Z")
# A clock time that opens a sentence ("At 5 a.m." or "7:02 a.m."): a title after
# it starts the subject, not a new sentence ("At 5 a.m. Mr. Smith went out").
_OPENING_TIME = re.compile(
    r"(?:\A|\n|[.?!\u2026][\"'\u2019\u201d)]*\s)\s*"
    r"(?:(?:and|but|then|shortly|just|early|late|on|[A-Za-z]+day|at|by|around|about|before|after"
    r"|until|till|from|since)\s+)*"
    r"\d{1,2}(?:[:.]\d{2})?\s*[aApP]\.[mM]\.\Z",
    re.IGNORECASE,
)
# An ellipsis ending the piece before: "...", "…" or ". . .".
_ENDS_WITH_ELLIPSIS = re.compile(r"(?:\.\.|\u2026|\.[^\S\n]\.[^\S\n]\.)[\"'\u2019\u201d]*\Z")
# The pronoun "I" (and "I'm", "I'd"...): capitalised everywhere, so no sign of a new sentence.
_PRONOUN_I = re.compile(r"I(?![^\W_])")
# A period ending a word, then a spaced ellipsis and a capitalised word
# ("compounds. . . . The practice"): the sentence ends at the period and the
# ellipsis marks text left out before the next one.
_PERIOD_THEN_ELLIPSIS = re.compile(
    r"\.(?<=[^\W_]\.)(?P<ellipsis>[^\S\n]\.[^\S\n]\.[^\S\n]\.)(?=[^\S\n]+[\"'\u2018\u201c(]*[A-Z])"
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
_PREFIX_ONLY = re.compile(rf"{_MARKER}|\d{{1,2}}:\d{{2}}(?:\s*[ap]\.m\.)?|\d{{1,2}}\s*[ap]\.m\.")
# A line that ends on one of these is cut short by a wrap, not a headline or byline.
_LINE_CONTINUES = frozenset("-\u2010(/&+")
# A dash ends an interrupted line ("We could \u2014") or a dateline ("KYIV (AP) \u2014").
_LINE_DASH = ("\u2013", "\u2014", "--")
_FUNCTION_WORDS = frozenset(
    [
        *("a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "onto"),
        *("about", "as", "and", "or", "but", "nor", "than", "that", "which", "who", "whose", "whom"),
        *("was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "will", "would"),
        *("can", "could", "should", "shall", "may", "might", "must", "do", "does", "did", "said", "says"),
        *("its", "their", "his", "her", "our", "my", "your", "this", "these", "those", "not", "very"),
        *("if", "when", "while", "because", "after", "before", "over", "under", "between", "during"),
        *("without", "per", "up", "out", "off", "via", "against", "among", "through", "toward", "towards"),
    ]
)
_LAST_WORD = re.compile(r"([^\W\d_]+)[^\w]*\Z")
# Reference marks after a sentence's end belong to it ("... in 1971. [3] He left").
_CITATIONS = re.compile(r"(?:\[(?:\d{1,3}|[a-z][a-z ]{0,30})\][^\S\n]*)+")
_AFTER_SENTENCE_END = re.compile(r"[.?!\u2026][\"'\u2019\u201d)]*[^\S\n]*\Z")
# A line break before a line with text, and that line's first word.
_LINE_BREAK = re.compile(r"\n[^\S\n]*(?=(?P<first>\S+))")
# Plain-text hard wrapping: the longest line within these widths, several nearly as long.
_MIN_WRAP_WIDTH = 40
_MAX_WRAP_WIDTH = 100
_FULL_LINE = 0.75
# No sentence starts with these: what follows them continues the previous one
# ("paused . . . and", "RENO, Nev. \u2014 A boxer").
_CONTINUATION_PUNCTUATION = ",;:.\u2013\u2014"
_WORD = re.compile(r"[^\W\d_]+")
_CLOSING_QUOTES = "\"'\u2019\u201d\u00bb"
_OPENING_QUOTES = "\"'\u2018\u201c\u00ab"
# One to three names and a verb of speech: the attribution of a quoted question.
_SPEAKER = re.compile(
    r"(?P<names>(?:[^\W\d_][\w\u2019'-]*\s+){1,3})"
    r"(?:said|says|say|asked|asks|ask|added|told|wrote|replied|shouted|insisted|recalled|explained|warned"
    r"|whispered|cried)\b"
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


def split_document(text: str, header: bool = True) -> SplitDocument:
    """Split ``text`` into sentences, reading a leading date header as metadata.

    ``header=False`` is for a later piece of a document read in pieces
    (``inputs.stream_units``), where a "date ..." line is text.
    """
    found = _DATE_HEADER.match(text) if header else None
    date, body_start = (found.group(1), found.end()) if found else (None, 0)
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
    layout.update(_line_cuts(text, body_start))
    starts = layout.union(body_start + start for start, _ in _tokenizer().span_tokenize(body))
    for position, begins in _abbreviation_decisions(text, body_start):
        if begins:
            starts.add(position)
        elif position not in layout:
            starts.discard(position)
    for start in [p for p in starts if text.startswith("[", p) and p not in layout]:
        citations = _CITATIONS.match(text, start)
        if citations and _AFTER_SENTENCE_END.search(text, max(body_start, start - 8), start):
            starts.discard(start)
            starts.add(citations.end())
    # Cuts the text's own marks impose, which no later merge may undo.
    marked = (_enumeration_cuts, _bullet_cuts, _glued_cuts, _ellipsis_cuts)
    for cut, inside in (found for cuts in marked for found in cuts(text, body_start)):
        starts.difference_update(p for p in range(*inside) if p not in layout)
        if cut is not None:
            starts.add(cut)
            layout.add(cut)
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


def _line_cuts(text: str, pos: int) -> Iterator[int]:
    """Starts of lines that follow a unit ending without final punctuation: a headline, byline, dateline.

    A line break ends a unit when the line before has no final punctuation
    and reads as complete (it does not stop on a word such as "the" or "on",
    or inside a hyphenated word; a dash, a colon or a comma may end it: "KYIV
    (AP) \u2014", "Dear Ms. Ortiz,"), and the next line starts with a capital or digit. In
    a paragraph wrapped at a fixed width (its longest line 40 to 100
    characters, several nearly as long), a break is the writer's only where the
    next line's first word would still have fitted; elsewhere it is a wrap.
    Judged per paragraph, so a paragraph splits the same alone or in its document.
    """
    paragraphs: list[int] | None = None
    widths: dict[int, int | None] = {}
    for match in _LINE_BREAK.finditer(text, pos):
        first = match["first"]
        opening = first.lstrip(_OPENING_QUOTES)
        if not opening or not (opening[0].isupper() or opening[0].isdigit()):
            continue
        line_start = max(pos, text.rfind("\n", pos, match.start()) + 1)
        line = text[line_start : match.start()].rstrip()
        if not line.strip():
            continue
        if paragraphs is None:
            paragraphs = [pos, *(m.end() for m in BLANK_LINE.finditer(text, pos))]
        paragraph = bisect_right(paragraphs, line_start) - 1
        if paragraph not in widths:
            end = paragraphs[paragraph + 1] if paragraph + 1 < len(paragraphs) else len(text)
            widths[paragraph] = _wrap_width(text[paragraphs[paragraph] : end])
        width = widths[paragraph]
        if width is not None and len(line) + 1 + len(first) > width:
            continue
        line = line.lstrip()
        if _ends_unit(line):
            yield match.start("first")


def _wrap_width(paragraph: str) -> int | None:
    """The width a paragraph is hard-wrapped at, or None when its line breaks are not wraps."""
    widths = [len(line.rstrip()) for line in paragraph.split("\n")]
    width = max(widths)
    nearly_full = sum(w >= _FULL_LINE * width for w in widths)
    return width if _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH and nearly_full >= 3 else None


def _ends_unit(line: str) -> bool:
    """Whether a line without final punctuation reads as a complete unit rather than a cut-off phrase."""
    if line.endswith(_LINE_DASH):
        return True
    last = line[-1]
    if last in _LINE_CONTINUES or last in ".?!\u2026":
        return False
    if last in _CLOSING_QUOTES and len(line) > 1 and line[-2] in ".?!\u2026":
        return False
    word = _LAST_WORD.search(line)
    return word is None or word[1].lower() not in _FUNCTION_WORDS


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
                opening = _OPENING_TIME.search(text, max(pos, match.start() - 40), match.start() + 1)
                yield match.start("next"), word.lower() in _TITLES and opening is None
            else:
                yield match.start("next"), word.lower() in params.sent_starters


def _enumeration_cuts(text: str, pos: int) -> Iterator[tuple[int | None, tuple[int, int]]]:
    """Inline list items: (a cut before the item or None, the range no sentence may start in).

    An enumeration begins with a marker where a unit may begin (the start of
    a line, or after a sentence's final mark that is not an abbreviation's)
    and goes on with markers of the same style counting up from it ("1.)",
    "2.)"; "a.", "b."; "• 9.", "• 10."). Only a run of two or more counts:
    "(a) smoking and (b) vaping" inside a sentence, or "moved to Feb. 12. A
    verdict", cut nothing. Within a run each later marker cuts, and no
    sentence starts inside a marker or between it and its item.
    """
    # style -> (the last value, the opening marker's range until a second marker confirms the run, its end)
    runs: dict[tuple[str, str], tuple[int, tuple[int, int] | None, int]] = {}
    params = _params()
    for end_mark in _MARKER_END.finditer(text, pos):
        match = _INLINE_MARKER.search(text, max(pos, end_mark.start() - 8), end_mark.end())
        if match is None:
            continue
        number = match["number"] or match["pnumber"]
        letter = match["letter"] or match["pletter"] or ""
        close = match["close"] or "()"
        kind = "n" if number else "A" if letter.isupper() else "a"
        style = ((match["bullet"] or "").strip(), kind + close)
        value = int(number) if number else ord(letter.lower())
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        inside = (match.start() + 1, end + 1)
        run = runs.get(style)
        if run is not None and BLANK_LINE.search(text, run[2], match.start()):
            run = None  # a list never runs on across a paragraph
        if run is not None and run[0] == value - 1:
            if run[1] is not None:
                yield None, run[1]
            runs[style] = (value, None, match.end())
            yield match.start(), inside
        elif (number or value == ord("a")) and _opens_unit(text, pos, match.start(), params):
            runs[style] = (value, inside, match.end())


def _opens_unit(text: str, pos: int, at: int, params: PunktParameters) -> bool:
    """Whether a unit may begin at ``at``: the text or a line starts, or a sentence has just ended."""
    if at == pos:
        return True
    if not _UNIT_START_BEFORE.search(text, max(pos, at - 8), at):
        return False
    end = at
    while end > pos and text[end - 1].isspace():
        end -= 1
    before = _TOKEN_BEFORE.search(text, max(pos, end - 40), end)
    if before is None or not before[1].endswith("."):
        return True
    stem = before[1].rstrip(".").lower()
    return not (
        stem in params.abbrev_types
        or stem in _TITLES
        or (stem, "##number##") in params.collocations
        or _DOTTED.fullmatch(before[1])
    )


def _bullet_cuts(text: str, pos: int) -> Iterator[tuple[int | None, tuple[int, int]]]:
    """A bullet inside a line starts an item; no sentence starts between it and its item."""
    for match in _INLINE_BULLET.finditer(text, pos):
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        yield match.start(), (match.start() + 1, end + 1)


def _glued_cuts(text: str, pos: int) -> Iterator[tuple[int | None, tuple[int, int]]]:
    """Sentence ends whose following space was lost, outside URLs, addresses and numbers."""
    for match in _GLUED_END.finditer(text, pos):
        at = match.end()
        left, right = at, at
        while left > pos and not text[left - 1].isspace():
            left -= 1
        while right < len(text) and not text[right].isspace():
            right += 1
        if not _NOT_PROSE.search(text, left, right) and "www." not in text[left:right].lower():
            yield at, (at, at)


def _ellipsis_cuts(text: str, pos: int) -> Iterator[tuple[int | None, tuple[int, int]]]:
    """A period then a spaced ellipsis before a capital: the cut, and no start after the ellipsis."""
    if ". . ." not in text:
        return
    for match in _PERIOD_THEN_ELLIPSIS.finditer(text, pos):
        end = match.end()
        while end < len(text) and text[end].isspace():
            end += 1
        yield match.start("ellipsis"), (match.start("ellipsis") + 1, end + 1)


def _continues(text: str, left_start: int, left_end: int, right_start: int) -> bool:
    """Whether the piece at ``right_start`` finishes the sentence at ``left_start:left_end``."""
    if text[right_start] in _CONTINUATION_PUNCTUATION:
        return True
    if left_end - left_start < 16 and _PREFIX_ONLY.fullmatch(text, left_start, left_end):
        return True
    word = _WORD.match(text, right_start)
    if word and word[0].islower():  # "iPhone" and "eBay" can start a sentence
        return True
    if _PRONOUN_I.match(text, right_start) and _ENDS_WITH_ELLIPSIS.search(text, left_start, left_end):
        return True
    if left_end - left_start > 1 and text[left_end - 1] in _CLOSING_QUOTES and text[left_end - 2] in "?!":
        speaker = _SPEAKER.match(text, right_start)
        starters = _params().sent_starters
        names = speaker["names"].split() if speaker else []
        if names == ["I"]:
            return True
        return bool(names) and all(n[0].isupper() and n.lower() not in starters for n in names)
    return False
