"""The seed article's spans, as issue 15 lists them, from the real extractor and through ``predict``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import factcheck
from factcheck.formatting import labelled_rows
from factcheck.splitting import split_document

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_c38d069fffeb14d6.txt"


def seed_spans() -> factcheck.Spans:
    text = SEED.read_text(encoding="utf-8")
    bounds = [(s.start, s.end) for s in split_document(text).sentences]
    return factcheck.extract_spans(text, bounds)


def test_seed_sources_cues_and_stances() -> None:
    sources = {s.text: (s.cue_text, s.stance) for s in seed_spans().sources}
    assert sources == {
        "The Institute for the Study of War (ISW)": ("reports", "neutral"),
        "The Ukrainian Ministry of Defence": ("confirms", "endorsing"),
        "The UK Ministry of Defence": ("estimates", "neutral"),
    }


def test_seed_quantities() -> None:
    quantities = {q.text: q for q in seed_spans().quantities}
    assert {"90%", "six people", "14 attack drones", "one cruise missile"} <= set(quantities)
    assert quantities["90%"].value == 90 and quantities["90%"].unit == "%"
    assert quantities["six people"].value == 6 and not quantities["six people"].approximate
    assert quantities["one cruise missile"].value == 1
    # The range's span runs to the noun it counts (data/SPANS.md); the figure is "150,000-190,000".
    (casualties,) = [q for q in quantities.values() if q.text.startswith("150,000-190,000")]
    assert casualties.text == "150,000-190,000 permanent casualties"
    assert (casualties.low, casualties.high, casualties.approximate) == (150000, 190000, True)
    assert len(quantities) == 5, sorted(quantities)


def test_spans_reach_predict_rows_in_every_format() -> None:
    text = SEED.read_text(encoding="utf-8")
    rows = factcheck.label_text(text, doc="seed")
    isw = next(r for r in rows if "(ISW)" in r.text)
    record = json.loads(labelled_rows([isw], "jsonl"))
    assert record["sources"][0]["text"] == "The Institute for the Study of War (ISW)"
    assert record["sources"][0]["cue"] == {"start": 289, "end": 296, "text": "reports", "stance": "neutral"}
    assert text[record["quantities"][0]["start"] : record["quantities"][0]["end"]] == "90%"
    (row,) = csv.DictReader(io.StringIO(labelled_rows([isw], "csv")))
    assert json.loads(row["sources"])[0]["cue"]["text"] == "reports"
    assert json.loads(row["quantities"])[0]["text"] == "90%"
    table = labelled_rows(rows, "table")
    assert "who  The Institute for the Study of War (ISW) <reports, neutral>" in table
    assert "qty  ~150,000-190,000 permanent casualties [range]" in table


def test_spans_can_be_switched_off() -> None:
    rows = factcheck.label_text("Officials said about 40 people were hurt.", spans=False)
    assert "sources" not in rows[0].to_dict() and "quantities" not in rows[0].to_dict()
    assert "who " not in labelled_rows(rows, "table")
