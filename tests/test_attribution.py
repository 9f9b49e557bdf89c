"""Source rules on sentences the project writes: where English puts a source, and what is not one."""

from __future__ import annotations

import pytest

from factcheck.attribution import find_sources, tokenize


def pairs(text: str) -> list[tuple[str, str, str]]:
    return [(s.text, s.cue_text, s.stance) for s in find_sources(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said reserves were moving.", [("The ministry", "said", "neutral")]),
        ("“We will rebuild,” the mayor said.", [("the mayor", "said", "neutral")]),
        ('"We will rebuild," said Ana Ruiz, 54, who runs a bakery.', [("Ana Ruiz", "said", "neutral")]),
        ("According to the ISW, the town has fallen.", [("the ISW", "According to", "neutral")]),
        (
            "It was confirmed by the Defence Ministry that troops moved.",
            [("the Defence Ministry", "confirmed", "endorsing")],
        ),
        (
            "The Institute for Study (IFS) reports that debt rose.",
            [("The Institute for Study (IFS)", "reports", "neutral")],
        ),
        ("Party officials claimed the result was a triumph.", [("Party officials", "claimed", "distancing")]),
        ("The firm admitted that the figures were wrong.", [("The firm", "admitted", "conceding")]),
        ("Pruett's lawyer, Mia Okafor, said he would appeal.", [("Pruett's lawyer", "said", "neutral")]),
        (
            "Officials familiar with the talks say a deal is close.",
            [("Officials familiar with the talks", "say", "neutral")],
        ),
        ("Exports fell in May, research firm finds", [("research firm", "finds", "endorsing")]),
        (
            "A nurse who works nights told us the ward was full.",
            [("A nurse who works nights", "told", "neutral")],
        ),
        (
            "The council said rents will rise, with the local paper reporting a freeze is likely.",
            [("The council", "said", "neutral"), ("the local paper", "reporting", "neutral")],
        ),
    ],
)
def test_sources_where_english_puts_them(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert pairs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Its estimates of the damage were revised.",  # a noun after a determiner
        "Inflation is expected to ease.",  # passive without an agent
        "She thanked the volunteers.",  # not a cue
        "Four people reported missing were found.",  # a participle, not a report
        "Rental income came in below forecast.",  # a noun after a preposition
        "Rents rose, with new rules barring tenants from claiming a refund.",  # no phrase of "with"
    ],
)
def test_words_that_look_like_cues_but_are_not(text: str) -> None:
    assert pairs(text) == []


def test_a_cue_inside_a_quote_belongs_to_the_quote() -> None:
    text = "“Officials told me \u2018the road is safe\u2019, and I believed them,” she said."
    assert pairs(text) == [("she", "said", "neutral")]


def test_a_quote_over_several_sentences_hides_its_cues() -> None:
    text = "“We left at dawn. The soldiers said we could go. Nobody stopped us,” he said."
    assert [s for s, _, _ in pairs(text)] == ["he"]


def test_a_closing_quote_without_an_opening_one_closes_a_quote_from_before() -> None:
    tokens = tokenize("and people told us they liked it.” Then the mayor spoke.")
    assert all(t.quoted for t in tokens[:8]) and not any(t.quoted for t in tokens[9:])


def test_a_pronoun_is_resolved_to_the_nearest_named_source_before_it() -> None:
    text = (
        "The minister said prices would fall. Later, the governor said wages would rise. "
        "She added that rents would too."
    )
    sources = find_sources(text)
    she = sources[-1]
    assert she.text == "She"
    assert she.resolved is not None and she.resolved[2] == "the governor"
    assert sources[0].resolved is None
    assert she.to_dict()["resolved"] == {
        "start": she.resolved[0],
        "end": she.resolved[1],
        "text": "the governor",
    }


def test_a_pronoun_with_no_named_source_before_it_stays_unresolved() -> None:
    (source,) = find_sources("“No,” he said.")
    assert source.text == "he" and source.resolved is None and "resolved" not in source.to_dict()


def test_two_sources_in_one_sentence_each_get_their_cue() -> None:
    text = "Critics on one side say the rules are vague; business groups on the other say they are costly."
    assert [(s, c) for s, c, _ in pairs(text)] == [
        ("Critics on one side", "say"),
        ("business groups on the other", "say"),
    ]


def test_offsets_follow_the_offset_and_the_sentences_given() -> None:
    text = "Intro line. The agency said 40 people were hurt."
    (source,) = find_sources(text, sentences=[(0, 11), (12, len(text))])
    assert text[source.start : source.end] == "The agency"
    assert text[source.cue_start : source.cue_end] == "said"
    (shifted,) = find_sources(text[12:], offset=12)
    assert (shifted.start, shifted.end) == (source.start, source.end)
