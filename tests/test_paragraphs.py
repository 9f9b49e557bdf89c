import pytest

from factcheck.paragraphs import BLANK_LINE, paragraph_bounds
from factcheck.spans import extract_spans
from factcheck.splitting import split_document


@pytest.mark.parametrize(
    "gap",
    ["\n\n", "\n \t\n", "\n\u00a0\n", "\n\u2003\n\n  "],  # a no-break or em space alone on its line
)
def test_a_line_of_whitespace_of_any_kind_is_a_paragraph_break(gap: str) -> None:
    text = f"Rates rose.{gap}Prices fell."
    assert [text[a:b] for a, b in paragraph_bounds(text)] == ["Rates rose.", "Prices fell."]


def test_a_single_line_break_is_no_paragraph_break() -> None:
    assert paragraph_bounds("Rates rose.\nPrices fell.") == [(0, 24)]
    assert not BLANK_LINE.search("a\nb\u00a0c\n")


def test_the_splitter_and_the_span_rules_agree_on_a_break_of_no_break_spaces() -> None:
    # A headline over a line holding only a no-break space: the splitter ends a sentence
    # there, so the span rules must not read the headline as the subject of "said".
    text = "Port Deal Signed\n\u00a0\nVeridian Inc. said sales fell."
    assert [s.text for s in split_document(text).sentences] == [
        "Port Deal Signed",
        "Veridian Inc. said sales fell.",
    ]
    assert [s.text for s in extract_spans(text).sources] == ["Veridian Inc."]


@pytest.mark.parametrize("gap", ["\n\n", "\n \n", "\n\u00a0\n"])
def test_a_quote_left_open_ends_at_any_paragraph_break(gap: str) -> None:
    # The news convention: a quoted paragraph left open. The next paragraph is the writer's again.
    text = f"\u201cWe will rebuild the port.{gap}Veridian Inc. said sales fell 4% last year."
    assert [s.text for s in extract_spans(text).sources] == ["Veridian Inc."]
