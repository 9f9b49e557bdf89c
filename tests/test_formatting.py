import csv
import io
import json

from factcheck.evaluation import score
from factcheck.formatting import labelled_rows, report_text, sentence_rows
from factcheck.labelling import LabelledSentence
from factcheck.splitting import split_sentences

ROW = LabelledSentence(
    "a.txt",
    0,
    0,
    12,
    "It rained,\nhard.",
    "factual",
    0.7,
    {"factual": 0.7, "estimate": 0.1, "attributed": 0.1, "opinion": 0.1},
)


def test_jsonl_has_documented_fields():
    record = json.loads(labelled_rows([ROW], "jsonl"))
    assert set(record) == {"doc", "index", "start", "end", "text", "label", "confidence", "scores"}
    assert record["scores"]["opinion"] == 0.1


def test_csv_round_trips_text_with_newline():
    [record] = list(csv.DictReader(io.StringIO(labelled_rows([ROW], "csv"))))
    assert record["text"] == "It rained,\nhard."
    assert record["p_factual"] == "0.7"


def test_table_puts_each_sentence_on_one_line():
    table = labelled_rows([ROW], "table")
    assert "== a.txt" in table
    assert "factual     0.70  It rained, hard." in table


def test_sentence_rows_jsonl():
    lines = sentence_rows([("d", split_sentences("One. Two."))], "jsonl").splitlines()
    assert [json.loads(x)["text"] for x in lines] == ["One.", "Two."]


def test_report_text_lists_all_labels_and_macro():
    text = report_text(score(["factual", "opinion"], ["factual", "factual"]))
    for label in ("factual", "estimate", "attributed", "opinion", "macro-F1", "confusion"):
        assert label in text
