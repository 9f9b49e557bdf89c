"""Core behaviour of the splitter; tests/golden/ holds the phenomenon-by-phenomenon set."""

from factcheck.splitting import split_document, split_sentences
from tests.conftest import SEED


def test_offsets_are_exact_slices():
    text = "The vote was held on Sunday.  Turnout was 58%.\n\nResults come later."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The vote was held on Sunday.",
        "Turnout was 58%.",
        "Results come later.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == [0, 1, 2]


def test_date_header_is_metadata_not_a_sentence():
    doc = split_document(" date 2023-11-13 The first sentence. The second.")
    assert doc.date == "2023-11-13"
    assert [s.text for s in doc.sentences] == ["The first sentence.", "The second."]


def test_blank_line_always_ends_a_sentence():
    sentences = split_sentences("Headline without a stop\n\nBody text follows here.")
    assert [s.text for s in sentences] == ["Headline without a stop", "Body text follows here."]


def test_single_newline_is_a_hard_wrap():
    text = "The minister said on\nTuesday that talks would resume."
    assert [s.text for s in split_sentences(text)] == [text]


def test_list_items_start_sentences():
    text = "Key points:\n- Power restored\n- Schools reopen Monday"
    assert [s.text for s in split_sentences(text)] == [
        "Key points:",
        "- Power restored",
        "- Schools reopen Monday",
    ]


def test_abbreviations_do_not_split():
    text = "Dr. Smith met Gen. Ortiz at 9 a.m. in the U.S. capital. They talked."
    assert len(split_sentences(text)) == 2


def test_seed_article_has_seventeen_sentences():
    doc = split_document(SEED.read_text(encoding="utf-8"))
    assert doc.date == "2023-11-13"
    assert len(doc.sentences) == 17
    assert doc.sentences[0].text.startswith("The ongoing conflict")
    assert doc.sentences[-1].text.endswith("long-standing conflict.")


def test_empty_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_wrapping_is_judged_per_paragraph_so_a_paragraph_splits_the_same_alone():
    # Streaming input splits a paragraph at a time (factcheck.inputs): a hard-wrapped
    # paragraph elsewhere in the document must not make a headline's break look like a wrap.
    wrapped = (
        "The council met on Tuesday evening and agreed, after a long debate,\n"
        "to delay the vote on the new bus lanes until the spring, when a traffic\n"
        "survey commissioned from an outside firm is due to report its findings.\n\n"
    )
    headline = "Council delays its bus lanes vote until a traffic survey reports\nCouncillors vote in April."
    text = wrapped + headline
    alone = [s.text for s in split_sentences(headline)]
    assert alone == [
        "Council delays its bus lanes vote until a traffic survey reports",
        "Councillors vote in April.",
    ]
    assert [s.text for s in split_sentences(text)][-2:] == alone
