"""HTML and Markdown conversion, on pages and notes the project wrote (tests/fixtures/markup/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.markup import html_to_text, markdown_to_text
from factcheck.splitting import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "markup"
PAGE = (FIXTURES / "saved_page.html").read_text(encoding="utf-8")
NOTES = (FIXTURES / "notes.md").read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


def test_html_keeps_title_and_article_drops_navigation_and_boilerplate():
    converted = html_to_text(PAGE, "saved_page.html")
    paragraphs = _paragraphs(converted.text)
    assert paragraphs[0] == "Harbour strike ends after nine days"
    assert "What happens next" in paragraphs
    assert paragraphs[-1] == "I think the strike was the right call, and the result proves it."
    for boilerplate in ("Sign in", "Subscribe", "Most read", "bus lanes", "Cookie", "All rights reserved"):
        assert boilerplate not in converted.text
    assert converted.summary.startswith("main text extracted from HTML: ")


def test_html_list_items_and_headings_are_their_own_sentences():
    sentences = [s.text for s in split_sentences(html_to_text(PAGE, "p.html").text)]
    assert "Night shifts resume on Monday" in sentences
    assert "Ferry crossings return to the normal timetable" in sentences
    assert "What happens next" in sentences
    assert sentences[0] == "Harbour strike ends after nine days"


def test_html_without_a_heading_leads_with_the_page_title():
    page = (
        "<html><head><title>Bridge reopens after repairs</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        "<div class='story'><p>The Elm Street bridge reopened to traffic on Monday after eight months "
        "of repairs that cost the city about 3.1 million euros.</p>"
        "<p>Engineers replaced 40 of its steel cables and resurfaced the deck, the city said.</p></div>"
        "</body></html>"
    )
    paragraphs = _paragraphs(html_to_text(page, "bridge.html").text)
    assert paragraphs[0] == "Bridge reopens after repairs"
    assert paragraphs[1].startswith("The Elm Street bridge reopened")
    assert "Home" not in paragraphs


def test_html_with_no_article_text_is_a_clear_error():
    with pytest.raises(FactcheckError, match=r"empty\.html: no article text found"):
        html_to_text(
            "<html><head><script>var x = 1;</script></head><body><img src=a.png></body></html>", "empty.html"
        )


def test_missing_extraction_library_names_the_extra(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # makes `import trafilatura` fail
    with pytest.raises(FactcheckError, match=r"page\.html: .*pip install 'factcheck\[html\]'"):
        html_to_text(PAGE, "page.html")


def test_markdown_strips_markup_and_keeps_headings_and_items_apart():
    converted = markdown_to_text(NOTES, "notes.md")
    assert _paragraphs(converted.text) == [
        "Council approves new bus lanes",
        "By Ana Lima",
        "The council voted 31 to 12 on Tuesday to build three bus lanes on the ring road. "
        "Work starts in March.",
        "Key points",
        "Fares stay at £2",
        "The lanes open in 2026 and run from 6 a.m.",
        '"It is the right decision," said councillor Priya Shah.',
        "Route | Buses per hour",
        "12 | 6",
        "Critics say the plan is too costly.",
    ]
    assert converted.summary.startswith("text of the Markdown without its markup: 10 paragraphs")


def test_markdown_units_never_glue_to_the_next_sentence():
    sentences = [s.text for s in split_sentences(markdown_to_text(NOTES, "notes.md").text)]
    assert sentences[:3] == [
        "Council approves new bus lanes",
        "By Ana Lima",
        "The council voted 31 to 12 on Tuesday to build three bus lanes on the ring road.",
    ]
    assert "Fares stay at £2" in sentences


def test_markdown_that_is_only_markup_is_a_clear_error():
    with pytest.raises(FactcheckError, match=r"only\.md: no text left"):
        markdown_to_text("```\ncode only\n```\n\n---\n\n![](x.png)\n", "only.md")


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_markdown_front_matter_and_footnote_marks_are_not_text(fence: str):
    """A Jekyll or Hugo export opens with metadata, and "[^1]" would read as a figure."""
    markdown = (
        f"{fence}\ntitle: Flood count\nauthor: Jane\n{fence}\n\n"
        "The council said 40 homes flooded.[^1] It was bad.\n\n"
        "[^1]: The figure comes from the council report.\n"
    )
    text = markdown_to_text(markdown, "a.md").text
    assert text == (
        "The council said 40 homes flooded. It was bad.\n\nThe figure comes from the council report."
    )


def test_a_rule_later_in_the_markdown_is_not_front_matter():
    text = markdown_to_text("First part.\n\n---\n\nSecond part.\n\n---\n", "a.md").text
    assert text == "First part.\n\nSecond part."
