"""Hostile and odd input: byte order marks, control characters, undecodable file names.

And the round trip every writer owes every reader: any text, through
predict's JSONL and CSV and annotate's JSONL, reads back into train and
evaluate as exactly the sentences and labels that were written.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from factcheck.annotation import Item, Session
from factcheck.data import read_examples
from factcheck.errors import FactcheckError
from factcheck.formatting import labelled_rows
from factcheck.inputs import read_input, read_inputs
from factcheck.labelling import Labeller

ARTICLE = "Six people died on Monday. Officials said about 40 were hurt. We must do better."


def test_bom_is_dropped_and_offsets_count_the_decoded_text(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    doc = read_input(str(path))
    assert doc.text == ARTICLE and not doc.warnings
    rows = Labeller.load().label_text(doc.text, doc.name)
    assert rows[0].start == 0
    assert all(ARTICLE[r.start : r.end] == r.text for r in rows)
    assert read_inputs([], "\ufeff" + ARTICLE)[0].text == ARTICLE


def test_control_characters_are_blanked_with_a_warning_naming_file_and_line(tmp_path: Path):
    path = tmp_path / "nul.txt"
    raw = "First line here.\nSix died.\x00\x00\x00\x00 More \x1b[2Jfollowed.\x7f\n"
    path.write_text(raw, encoding="utf-8")
    doc = read_input(str(path))
    assert doc.warnings == (
        f"{path}:2: 6 control characters or escape sequences (first U+0000) replaced by spaces: "
        "they are not text",
    )
    assert len(doc.text) == len(raw)  # offsets still point into the file's text
    rows = Labeller.load().label_text(doc.text, doc.name)
    assert [r.text for r in rows] == ["First line here.", "Six died.", "More     followed."]
    assert not any(ch in r.text for r in rows for ch in "\x00\x1b\x7f[2J")


def test_input_of_only_control_characters_is_refused(tmp_path: Path):
    path = tmp_path / "zeros.txt"
    path.write_bytes(b"\x00" * 100)
    with pytest.raises(FactcheckError, match=r"zeros\.txt: input is empty \(only control characters\)"):
        read_input(str(path))


def test_cli_prints_the_warning_and_labels_no_nul_sentence(tmp_path: Path):
    path = tmp_path / "nul.txt"
    path.write_bytes(b"\x00\x00\x00\x00\x00\x00. Six died.")
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "split", str(path), "--format", "jsonl"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert [json.loads(line)["text"] for line in done.stdout.splitlines()] == [".", "Six died."]
    assert done.stderr.startswith(f"factcheck: warning: {path}:1: control characters")
    assert done.stderr.count("\n") == 1


def test_undecodable_file_name_round_trips_with_a_visible_marker(tmp_path: Path):
    name = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(name, "wb") as handle:
        handle.write(ARTICLE.encode("utf-8"))
    done = subprocess.run(
        [sys.executable.encode(), b"-m", b"factcheck", b"predict", name, b"--format", b"jsonl"],
        capture_output=True,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]  # valid UTF-8
    assert {r["doc"] for r in records} == {f"{tmp_path}/caf\\xe9.txt"}
    missing = subprocess.run(
        [sys.executable.encode(), b"-m", b"factcheck", b"split", name + b".gone"], capture_output=True
    )
    assert missing.stderr.decode("utf-8") == f"factcheck: error: {tmp_path}/caf\\xe9.txt.gone: no such file\n"


# Any text, with the characters that break writers and readers made likely. No lone surrogates:
# inputs are decoded as strict UTF-8, so no file or stdin can hand one to predict.
_PIECES = st.one_of(
    st.characters(exclude_categories=("Cs",)),
    st.sampled_from(["=", "+", "-", "@", "'", '"', ",", "\t", "\r", "\n", "\u2028", "\u2029", "\u0085"]),
    st.sampled_from(["\x00", "\x1b", "\x1b[2J", ". ", " ", "Officials said ", "about 40 ", "=HYPERLINK("]),
)
HOSTILE = st.lists(_PIECES, min_size=1, max_size=60).map("".join)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def labeller(tiny_model: Path) -> Labeller:
    return Labeller.load(tiny_model)


@FUZZ
@given(text=HOSTILE)
def test_predict_jsonl_and_csv_read_back_exactly(labeller: Labeller, text: str):
    try:
        doc = read_inputs([], text)[0]
    except FactcheckError:
        assume(False)  # nothing but whitespace or control characters: refused, as it should be
    rows = labeller.label_text(doc.text, doc.name)
    assume(rows)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("jsonl", "csv"):
            path = Path(tmp) / f"predicted.{fmt}"
            path.write_text(labelled_rows(rows, fmt), encoding="utf-8", newline="")
            examples = read_examples(path)
            assert [(e.text, e.label) for e in examples] == [(r.text, r.label) for r in rows], fmt


@FUZZ
@given(text=HOSTILE.filter(lambda t: t.strip()), label=st.sampled_from(["factual", "opinion"]))
def test_annotate_answers_read_back_exactly(text: str, label: str):
    item = Item("doc.txt", 0, 0, len(text), text, None, None, "factual", 0.5, 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "answers.jsonl"
        with Session.open(path, [item]) as session:
            session.answer(label)
        assert [(e.text, e.label) for e in read_examples(path)] == [(text, label)]
        with Session.open(path, [item]) as resumed:  # and annotate itself resumes from it
            assert resumed.current() is None and resumed.dropped is None
