"""Properties of span extraction that hold for any text, checked by hypothesis.

The rules index tokens around a cue word; a sentence that ends or breaks off
right after one ("The plan is dead, told Reuters" with no full stop, a
headline, a cut-off paste) once made ``predict`` crash. Whatever the input,
extraction never raises, and every span is an exact slice of the text that
lies inside one sentence, with its cue or hedge inside the same sentence.
"""

from __future__ import annotations

import re
from unittest.mock import patch

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from factcheck import attribution
from factcheck.attribution import find_sources
from factcheck.cues import CUE_FORMS
from factcheck.spans import extract_spans
from factcheck.splitting import split_document

# Cue forms of the lexicon, the words around them that the rules look at, and text that ends abruptly.
WORDS = [
    *sorted(CUE_FORMS),
    *[
        "The",
        "the",
        "a",
        "officials",
        "Reuters",
        "Lee",
        "Rep.",
        "Ann",
        "Ortiz",
        "(D-Iowa)",
        "she",
        "he",
        "it",
    ],
    *["they", "we", "I", "and", "or", "to", "that", "of", "by", "in", "on", "for", "as", "was", "is", "has"],
    *["about", "up to", "at least", "nearly", "an estimated", "40", "150,000-190,000", "$3m", "six", "one"],
    *["people", "percent", "%", "2019", "9/11", "(", ")", ",", ".", "?", ":", ";", "\u2014", "-"],
    *['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\n", "\n\n"],
]
# Short runs too: most crashes hide where a sentence ends a word or two after its cue.
news_like = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=6), st.lists(st.sampled_from(WORDS), max_size=40)
).map(" ".join)
glued = st.lists(st.sampled_from(WORDS), max_size=40).map("".join)  # spaces lost, as in scraped text
any_text = st.one_of(news_like, glued, st.text(max_size=200))

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text)
@example("The plan is dead, told Reuters")  # a crash: a cue after a comma with nothing after its object
@example("The score was 0/0.")  # a crash: a fraction's value divided by zero
def test_extraction_never_raises_and_spans_are_slices_inside_one_sentence(text: str) -> None:
    bounds = [(s.start, s.end) for s in split_document(text).sentences]
    spans = extract_spans(text, bounds)

    def sentence_of(start: int, end: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in bounds if a <= start and end <= b), None)

    for s in spans.sources:
        assert text[s.start : s.end] == s.text and s.start < s.end
        assert text[s.cue_start : s.cue_end] == s.cue_text
        home = sentence_of(s.start, s.end)
        assert home is not None and home == sentence_of(s.cue_start, s.cue_end)
    for q in spans.quantities:
        assert text[q.start : q.end] == q.text and q.start < q.end
        home = sentence_of(q.start, q.end)
        assert home is not None
        if q.hedge:
            assert text[q.hedge[0] : q.hedge[1]] == q.hedge[2]
            assert sentence_of(q.hedge[0], q.hedge[1]) == home


@SETTINGS
@given(any_text)
@example("PC demand slumps\n\nVeridian Inc. said sales fell.")  # a headline ran into the source after it
def test_extraction_without_sentence_bounds_never_raises_or_crosses_a_blank_line(text: str) -> None:
    spans = extract_spans(text)
    assert all(text[s.start : s.end] == s.text and "\n\n" not in s.text for s in spans.sources)
    assert all("\n\n" not in text[min(s.start, s.cue_start) : max(s.end, s.cue_end)] for s in spans.sources)
    assert all(text[q.start : q.end] == q.text for q in spans.quantities)


# Words the pre-filter's "made … statement" alternative reads, and whitespace of other kinds.
PREFILTER_WORDS = [
    *WORDS,
    "statement",
    "remarks",
    "comments",
    "following",
    "brief",
    "changes",
    "\u00a0",
    "\t",
]
prefilter_text = st.one_of(
    st.lists(st.sampled_from(PREFILTER_WORDS), max_size=12).map(" ".join),
    st.lists(st.sampled_from(PREFILTER_WORDS), max_size=40).map(" ".join),
)


@SETTINGS
@given(prefilter_text)
@example("Rep. Jo Hale made\nthe following statement: \u201cWe won.\u201d")  # the filter once needed a space
def test_the_pre_filter_only_skips_sentences_the_rules_find_nothing_in(text: str) -> None:
    # The pre-filter is an optimisation: with it off, the same sentences give the same sources.
    bounds = [(s.start, s.end) for s in split_document(text).sentences]
    filtered = find_sources(text, sentences=bounds)
    with patch.object(attribution, "_CUE_WORD", re.compile("")):
        assert find_sources(text, sentences=bounds) == filtered
