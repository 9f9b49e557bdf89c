"""Properties of the splitter that hold for any text at all, checked by hypothesis.

Whatever the input, splitting never crashes, sentences are exact slices in
reading order that never overlap, every non-space character (the date header
aside) lands in exactly one sentence, and no sentence crosses a blank line.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktLanguageVars, PunktSentenceTokenizer

from factcheck.punkt_params import NewsLanguageVars, load_params
from factcheck.splitting import _tokenizer, split_document

BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

# Pieces of news text, including every construct the splitter has a rule for.
PIECES = [
    *["The", "vote", "passed", "it", "was", "close", "Ortiz", "said", "asked", "and", "the", "\u00c9milie"],
    *["Dr.", "Mr.", "Gen.", "U.S.", "U.K.", "e.g.", "etc.", "a.m.", "p.m.", "No.", "St.", "Inc.", "J.", "K."],
    *["3.5%", "$1.2bn", "150,000-190,000", "7:02", "1.", "2)", "(a)", "-", "\u2022", "\u2013", "\u2014"],
    *["1.)", "2.)", "a.", "b.", "\u2043", "N\u00b0.", "P.M.", "1026.253.553", "I", ". . . ."],
    *[".", "?", "!", "?!", "...", "\u2026", ". . .", ",", ";", ":", '"', "'", "(", ")", "[", "]"],
    *["\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "https://example.org/a.b?c=1"],
    *["press@example.com", " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\n \n", "\xa0", "\u2009"],
]
news_like = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
punctuation_heavy = st.text(
    alphabet='abcXYZ019 .?!"()[]-\n\t\xa0\u2026\u201c\u201d\u2018\u2019\u2013\u2014', max_size=200
)
headers = st.sampled_from(
    ["", "date 2024-03-14 ", " date 2023-11-13\n", "date 2024-01-05\n\n", "date 2020-01-31"]
)
any_text = st.one_of(
    st.tuples(headers, news_like).map("".join),
    st.tuples(headers, punctuation_heavy).map("".join),
    st.text(max_size=300),
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
def test_sentences_are_exact_ordered_disjoint_slices(text: str):
    sentences = split_document(text).sentences
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        previous_end = s.end


@SETTINGS
@given(any_text)
def test_every_non_space_character_is_in_exactly_one_sentence(text: str):
    doc = split_document(text)
    body_start = text.index(doc.date) + len(doc.date) if doc.date else 0
    owners = [0] * len(text)
    for s in doc.sentences:
        for i in range(s.start, s.end):
            owners[i] += 1
    assert all(owners[i] == 1 for i in range(body_start, len(text)) if not text[i].isspace())
    assert max(owners, default=0) <= 1
    assert not any(owners[:body_start])


@SETTINGS
@given(any_text)
def test_no_sentence_crosses_a_blank_line(text: str):
    for s in split_document(text).sentences:
        assert not BLANK_LINE.search(s.text)


class _StockNewsVars(PunktLanguageVars):
    """NewsLanguageVars without its own pattern compilation: NLTK's behaviour, for reference."""

    sent_end_chars = NewsLanguageVars.sent_end_chars


STOCK = PunktSentenceTokenizer(load_params(), lang_vars=_StockNewsVars())


@SETTINGS
@given(st.one_of(news_like, punctuation_heavy))
def test_standard_library_patterns_decide_exactly_as_nltk_would(text: str):
    # Ordinary characters only: on a few exotic code points (combining marks,
    # U+001C-U+001F) the standard library's \s and \w differ from the
    # ``regex`` engine this NLTK build compiles with, as upstream NLTK's do.
    assert list(_tokenizer().span_tokenize(text)) == list(STOCK.span_tokenize(text))
