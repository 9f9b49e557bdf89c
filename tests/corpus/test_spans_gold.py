"""The span gold: stale, out-of-range or off-lexicon rows would make every span score meaningless."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from factcheck.corpus import spans_gold
from factcheck.corpus.documents import load_corpus
from factcheck.cues import STANCE_LEXICON, STANCES, cue_stance
from factcheck.errors import FactcheckError

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "data" / "spans" / "gold.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def documents() -> dict:
    return {d.id: d for d in load_corpus(REPO / "data" / "corpus" / "source")}


def test_gold_is_rebuilt_from_the_annotations() -> None:
    assert spans_gold.render(spans_gold.build()) == GOLD.read_text(encoding="utf-8")


def test_offsets_are_in_range_and_match_the_document(rows: list[dict], documents: dict) -> None:
    for row in rows:
        doc = documents[row["doc_id"]]
        sentence = doc.spans[row["index"]]
        assert (row["start"], row["end"], row["label"]) == (sentence.start, sentence.end, sentence.label)
        spans = [*row["sources"], *(s["cue"] for s in row["sources"]), *row["quantities"]]
        spans += [q["hedge"] for q in row["quantities"] if q["hedge"]]
        for span in spans:
            assert row["start"] <= span["start"] < span["end"] <= row["end"], (row["doc_id"], span)
            assert doc.text[span["start"] : span["end"]] == span["text"]


def test_every_stance_comes_from_the_lexicon(rows: list[dict]) -> None:
    for row in rows:
        for source in row["sources"]:
            assert source["cue"]["stance"] in STANCES
            assert cue_stance(source["cue"]["text"]) == source["cue"]["stance"]


def test_a_hedged_quantity_is_approximate(rows: list[dict]) -> None:
    for row in rows:
        for quantity in row["quantities"]:
            assert quantity["approximate"] or quantity["hedge"] is None


def test_gold_has_the_promised_size_and_keeps_the_corpus_split(rows: list[dict]) -> None:
    splits = json.loads((REPO / "data" / "corpus" / "splits.json").read_text(encoding="utf-8"))
    split_of = {doc_id: split for split, ids in splits.items() for doc_id in ids}
    assert all(row["split"] == split_of[row["doc_id"]] for row in rows)
    assert sum(row["label"] == "attributed" for row in rows) >= 400
    with_figure = [
        r for r in rows if r["label"] == "estimate" or (r["label"] == "factual" and r["quantities"])
    ]
    assert len(with_figure) >= 300
    assert not any(row["split"] == "train" for row in rows)


def test_the_guideline_lists_the_same_lexicon() -> None:
    text = (REPO / "data" / "SPANS.md").read_text(encoding="utf-8")
    for stance, cues in STANCE_LEXICON.items():
        row = re.search(rf"^\| `{stance}` \| [^|]+ \| (?P<cues>[^|]+) \|$", text, re.M)
        assert row is not None, stance
        assert [c.strip() for c in row["cues"].split(",")] == list(cues)


def test_each_cue_is_listed_once() -> None:
    cues = [cue for group in STANCE_LEXICON.values() for cue in group]
    assert len(cues) == len(set(cues))


def test_inflections_map_back_to_their_cue() -> None:
    assert cue_stance("said") == cue_stance("Says") == "neutral"
    assert cue_stance("confirms") == cue_stance("found") == "endorsing"
    assert cue_stance("claimed") == "distancing"
    assert cue_stance("admitted") == cue_stance("acknowledges") == "conceding"
    assert cue_stance("According to") == "neutral"
    assert cue_stance("walked") is None


def test_a_string_missing_from_its_sentence_names_the_line(tmp_path: Path) -> None:
    annotations = tmp_path / "annotations.txt"
    annotations.write_text("# header\narmed-conflict-002 5: S Nobody here|say\n", encoding="utf-8")
    with pytest.raises(FactcheckError, match=r"annotations.txt:2: 'Nobody here' is not in the sentence"):
        spans_gold.build(annotations)


def test_an_ambiguous_string_must_say_which_occurrence(tmp_path: Path) -> None:
    annotations = tmp_path / "annotations.txt"
    annotations.write_text("technology-010 11: S say|say\n", encoding="utf-8")
    with pytest.raises(FactcheckError, match="occurs 2 times"):
        spans_gold.build(annotations)
