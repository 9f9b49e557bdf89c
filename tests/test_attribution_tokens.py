"""The column-built tokenizer gives the tokens a plain one-match-at-a-time tokenizer gives.

``factcheck.attribution._tokens`` is built for speed (C-level columns, a per-character quote
table, a pre-check that skips the abbreviation pass); this reference is the obvious loop it
replaced. They must agree on every sentence of our corpus and on the corner cases below.
"""

from __future__ import annotations

import json
import re

import pytest

from factcheck.attribution import Token, _keeps_dot, _may_keep_a_dot, _tokens, quoted_spans
from factcheck.splitting import split_document
from tests.conftest import REPO

_REFERENCE = re.compile(
    r"[A-Za-z][A-Za-z0-9&'-]*(?:[\u2019.][A-Za-z][A-Za-z0-9&'-]*)*"
    r"|[$£€¥]?\d(?:[\d,.:]*\d)?(?:[A-Za-z%]+)?|\n\n|[^\sA-Za-z0-9]"
)


def reference(text: str, quotes: list[tuple[int, int]], start: int, end: int) -> list[Token]:
    tokens = [
        Token(m.start(), m.end(), m[0], False, m[0].lower(), m[0][:1].isalpha())
        for m in _REFERENCE.finditer(text, start, end)
        if m[0] != "\n\n"
    ]
    dots = [k for k, t in enumerate(tokens) if t.text == "." and k and tokens[k - 1].end == t.start]
    for k in reversed(dots):
        word = tokens[k - 1]
        if _keeps_dot(text, word.text, word.end):
            tokens[k - 1 : k + 1] = [
                Token(word.start, word.end + 1, word.text + ".", False, word.lower + ".", True)
            ]
    inside = [(a, b) for a, b in quotes if a < end and b > start]
    return [t._replace(quoted=any(a <= t.start < b for a, b in inside)) for t in tokens]


CORNERS = [
    "Dr. Ana Soto of the U.S. Navy said at 9 a.m. that George W. Bush\u2019s plan was dead.",
    "“We will rebuild,” said Mr. Herak.\n\n“It is \u2018hard\u2019 work,” he added, “but we\u2019ll manage.”",
    'He said "prices rose 5.5%" and Inc. fell.  İstanbul officials, ﬁrms and Co. agreed.',
    "A.\u2009B. Smith (R-Ohio) and $1,200.50 in 2020-05-01; St. Mary\u2019s -U.S. é.X. said",
    "\n\n  ",
    "",
]


def corpus_sentences() -> list[tuple[str, int, int]]:
    out = []
    for line in (REPO / "data" / "corpus" / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line)["text"]
            out += [(text, s.start, s.end) for s in split_document(text).sentences]
    return out


@pytest.mark.parametrize("text", CORNERS)
def test_tokens_match_the_reference_on_corner_cases(text: str) -> None:
    quotes = quoted_spans(text)
    for start in range(len(text) + 1):
        assert _tokens(text, quotes, start, len(text)) == reference(text, quotes, start, len(text))


def test_tokens_match_the_reference_on_every_corpus_sentence() -> None:
    sentences = corpus_sentences()
    assert len(sentences) > 3000
    quotes: dict[str, list[tuple[int, int]]] = {}
    for text, start, end in sentences:
        spans = quotes.setdefault(text, quoted_spans(text))
        assert _tokens(text, spans, start, end) == reference(text, spans, start, end)
        assert _tokens(text, [], start, end) == reference(text, [], start, end)


def test_the_dot_precheck_never_misses_a_kept_dot() -> None:
    """Where the reference keeps a word's dot, the pre-check must say one may be kept."""
    texts = [(t, 0, len(t)) for t in CORNERS] + corpus_sentences()
    kept = 0
    for text, start, end in texts:
        if any(t.text.endswith(".") and len(t.text) > 1 for t in reference(text, [], start, end)):
            kept += 1
            assert _may_keep_a_dot(text, start, end)
    assert kept > 20
