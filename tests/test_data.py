import json
from pathlib import Path

import pytest

from factcheck.data import Example, label_counts, read_annotations, read_examples
from factcheck.errors import FactcheckError


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_jsonl_with_optional_doc_id(tmp_path: Path):
    path = write(
        tmp_path,
        "d.jsonl",
        '{"text": "A.", "label": "factual", "doc_id": 7}\n\n{"text": "B.", "label": "opinion"}\n',
    )
    assert read_examples(path) == [Example("A.", "factual", "7"), Example("B.", "opinion", None)]


def test_csv_with_quoted_commas(tmp_path: Path):
    path = write(tmp_path, "d.csv", 'text,label,doc_id\n"Prices rose, again.",factual,d1\n')
    assert read_examples(path) == [Example("Prices rose, again.", "factual", "d1")]


def test_unknown_label_names_file_line_and_valid_labels(tmp_path: Path):
    path = write(tmp_path, "d.jsonl", '{"text": "A.", "label": "factual"}\n{"text": "B.", "label": "fact"}\n')
    with pytest.raises(FactcheckError) as err:
        read_examples(path)
    assert "d.jsonl:2: unknown label 'fact'" in str(err.value)
    assert "factual, estimate, attributed, opinion" in str(err.value)


def test_missing_field_jsonl(tmp_path: Path):
    path = write(tmp_path, "d.jsonl", '{"text": "A."}\n')
    with pytest.raises(FactcheckError, match=r"d\.jsonl:1: missing 'label' field"):
        read_examples(path)


def test_missing_column_csv(tmp_path: Path):
    path = write(tmp_path, "d.csv", "sentence,label\nA.,factual\n")
    with pytest.raises(FactcheckError, match=r"d\.csv:1: missing 'text' column"):
        read_examples(path)


def test_csv_unknown_label_line_number(tmp_path: Path):
    path = write(tmp_path, "d.csv", "text,label\nA.,factual\nB.,rumour\n")
    with pytest.raises(FactcheckError, match=r"d\.csv:3: unknown label 'rumour'"):
        read_examples(path)


def test_invalid_json_line(tmp_path: Path):
    path = write(tmp_path, "d.jsonl", '{"text": "A.", "label": "factual"}\n{"text": "B., "label": "x"}\n')
    with pytest.raises(FactcheckError, match=r"d\.jsonl:2: not valid JSON \(.* at column \d+\)$"):
        read_examples(path)


def test_a_null_label_is_named_as_missing_not_as_the_label_none(tmp_path: Path):
    path = write(tmp_path, "d.jsonl", '{"text": "A.", "label": null}\n')
    with pytest.raises(
        FactcheckError, match=r"d\.jsonl:1: no label \(the 'label' field is missing or null\)"
    ):
        read_examples(path)


def test_empty_text(tmp_path: Path):
    path = write(tmp_path, "d.jsonl", '{"text": "  ", "label": "factual"}\n')
    with pytest.raises(FactcheckError, match="non-empty string"):
        read_examples(path)


def test_empty_file(tmp_path: Path):
    with pytest.raises(FactcheckError, match="file is empty"):
        read_examples(write(tmp_path, "d.jsonl", "\n"))


def test_label_counts_in_canonical_order_with_zeros():
    counts = label_counts([Example("a", "opinion"), Example("b", "opinion")])
    assert list(counts) == ["factual", "estimate", "attributed", "opinion"]
    assert counts == {"factual": 0, "estimate": 0, "attributed": 0, "opinion": 2}


def answer(text: str, label: str, start: int) -> str:
    """An answer line as ``factcheck annotate`` writes it."""
    return json.dumps(
        {
            "text": text,
            "label": label,
            "doc_id": "a.txt",
            "source": "a.txt",
            "start": start,
            "end": start + len(text),
            "suggested": "factual",
            "confidence": 0.41,
            "time": "2026-01-01T00:00:00+00:00",
        }
    )


def test_annotation_file_undo_drops_an_answer_and_a_later_one_counts(tmp_path: Path):
    undo = '{"undo": "a.txt:3-5", "time": "2026-01-01T00:00:01+00:00"}'
    path = write(
        tmp_path,
        "mine.jsonl",
        "\n".join(
            [answer("A.", "factual", 0), answer("B.", "opinion", 3), undo, answer("B.", "estimate", 3)]
        ),
    )
    assert read_examples(path) == [Example("A.", "factual", "a.txt"), Example("B.", "estimate", "a.txt")]


def test_each_undo_cancels_one_answer(tmp_path: Path):
    undo = '{"undo": "a.txt:0-2"}'
    path = write(
        tmp_path, "mine.jsonl", "\n".join([answer("A.", "factual", 0), answer("A.", "opinion", 0), undo])
    )
    assert read_examples(path) == [Example("A.", "factual", "a.txt")]
    [(record, example)] = read_annotations(path)
    assert record["suggested"] == "factual" and example.label == "factual"


def test_undo_of_nothing_names_its_line(tmp_path: Path):
    path = write(tmp_path, "mine.jsonl", answer("A.", "factual", 0) + '\n{"undo": "a.txt:9-11"}\n')
    with pytest.raises(FactcheckError, match=r"mine\.jsonl:2: 'undo' of 'a\.txt:9-11'"):
        read_examples(path)


def test_all_answers_undone(tmp_path: Path):
    path = write(tmp_path, "mine.jsonl", answer("A.", "factual", 0) + '\n{"undo": "a.txt:0-2"}\n')
    assert read_annotations(path) == []
    with pytest.raises(FactcheckError, match="no annotated sentences"):
        read_examples(path)


def test_iter_examples_reads_what_read_examples_reads(tmp_path: Path):
    from factcheck.data import iter_examples

    csv_file = tmp_path / "a.csv"
    csv_file.write_text(
        '\ufefftext,label,doc_id\n"One, two.",factual,d1\n"\'=1+1 is two.",opinion,\n', encoding="utf-8"
    )
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(
        '\ufeff{"text": "One.", "label": "factual", "doc_id": 3}\n\n{"text": "Two.", "label": "opinion"}\r\n',
        encoding="utf-8",
    )
    for path in (csv_file, jsonl):
        assert list(iter_examples(path)) == read_examples(path)
    assert list(iter_examples(csv_file))[1].text == "=1+1 is two."


def test_iter_examples_errors_name_the_line(tmp_path: Path):
    from factcheck.data import iter_examples

    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"text": "One.", "label": "factual"}\n{"text": "T\xffo.", "label": "factual"}\n')
    with pytest.raises(FactcheckError, match=r"bad.jsonl:2: not UTF-8 text \(byte 0xff\)"):
        list(iter_examples(bad))
    bad.write_text(
        '{"text": "One.", "label": "factual"}\n{"text": "Two.", "label": "fact"}\n', encoding="utf-8"
    )
    with pytest.raises(FactcheckError, match=r"bad.jsonl:2: unknown label 'fact'"):
        list(iter_examples(bad))
    bad.write_text('{"text": "One.", "label": "factual"}\n{"undo": "k"}\n', encoding="utf-8")
    with pytest.raises(FactcheckError, match=r"bad.jsonl:2: an 'undo' line needs the whole file"):
        list(iter_examples(bad))


def test_csv_errors_name_a_rows_first_line_and_an_open_quote(tmp_path: Path):
    """A quoted cell runs over lines, blank lines are skipped: the line named is where the row starts."""
    path = write(tmp_path, "d.csv", 'text,label\n\n"Two\nlines.",factual\nC.,rumour\n')
    with pytest.raises(FactcheckError, match=r"d\.csv:5: unknown label 'rumour'"):
        read_examples(path)
    path = write(tmp_path, "r.csv", 'text,label\n"Two\rthree\rlines.",rumour\n')  # a bare CR ends a line too
    with pytest.raises(FactcheckError, match=r"r\.csv:2: unknown label 'rumour'"):
        read_examples(path)
    path = write(
        tmp_path, "q.csv", 'text,label\n"Two\nlines.",factual,extra\n'
    )  # quoted right, a field too many
    with pytest.raises(
        FactcheckError, match=r"q\.csv:2: 3 fields where the header names 2; quote a text[^?]*$"
    ):
        read_examples(path)
    path = write(tmp_path, "e.csv", 'text,label\nA.,factual\n"B.,factual\nC.,factual\n')
    with pytest.raises(
        FactcheckError, match=r"e\.csv:3: 1 field .*; the row runs on to line 4: is a quote left open"
    ):
        read_examples(path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("only one field\n", r"bad\.csv:3: 1 field where the header names 3$"),
        (
            "Hello, world.,factual,d2\n",
            r"bad\.csv:3: 4 fields where the header names 3; quote a text that holds a comma",
        ),
    ],
)
def test_a_csv_row_with_the_wrong_number_of_fields_says_so(tmp_path: Path, body: str, message: str):
    path = tmp_path / "bad.csv"
    path.write_text("text,label,doc_id\nHello there.,factual,d1\n" + body, encoding="utf-8")
    with pytest.raises(FactcheckError, match=message):
        read_examples(path)


def _answer(doc: str, start: int, label: str = "factual") -> str:
    return json.dumps({"text": f"S{start}.", "label": label, "doc_id": doc, "source": doc, "start": start})


def test_annotate_answers_least_sure_first_are_read_document_by_document_in_reading_order(tmp_path: Path):
    # annotate's default order interleaves articles and jumps about within each
    lines = [_answer("b", 40), _answer("a", 9), _answer("b", 0), _answer("a", 0), _answer("b", 20)]
    path = write(tmp_path, "mine.jsonl", "\n".join(lines) + "\n")
    assert [(e.doc_id, e.text) for e in read_examples(path)] == [
        ("b", "S0."), ("b", "S20."), ("b", "S40."), ("a", "S0."), ("a", "S9."),
    ]  # fmt: skip


def test_a_document_whose_rows_are_apart_without_offsets_is_refused_with_its_lines(tmp_path: Path):
    # a spreadsheet sorted by label: the file's order is the only reading order, and it is broken
    path = write(tmp_path, "sorted.csv", "text,label,doc_id\nA.,factual,d1\nB.,factual,d2\nC.,opinion,d1\n")
    with pytest.raises(FactcheckError, match=r"sorted\.csv:4: document 'd1' goes on here .*starts on line 2"):
        read_examples(path)


def test_sentences_without_a_document_keep_their_place_between_documents(tmp_path: Path):
    rows = [("A.", "d"), ("B.", None), ("C.", "e"), ("D.", "e")]
    body = "".join(json.dumps({"text": t, "label": "factual", "doc_id": d}) + "\n" for t, d in rows)
    assert [e.text for e in read_examples(write(tmp_path, "m.jsonl", body))] == ["A.", "B.", "C.", "D."]


def test_a_csv_header_naming_a_column_twice_is_refused(tmp_path: Path):
    # the csv module would silently keep the last 'text' column: here the document ids
    path = write(tmp_path, "dup.csv", "text,label,text\nPrices rose.,factual,town-00\n")
    with pytest.raises(FactcheckError, match=r"dup\.csv:1: the header row names 'text' 2 times"):
        read_examples(path)


def test_a_csv_cell_over_the_csv_modules_limit_is_an_error_with_its_line(tmp_path: Path):
    path = write(tmp_path, "big.csv", f'text,label\nFine.,factual\n"{"x" * 200_000}",factual\n')
    with pytest.raises(FactcheckError, match=r"big\.csv:\d+: field larger than field limit"):
        read_examples(path)


def test_an_offset_written_as_a_whole_float_still_orders_the_rows(tmp_path: Path):
    # a table with an empty cell somewhere writes every offset as a float: 10.0 is 10
    rows = [{"text": "B.", "label": "factual", "doc_id": "d", "start": 10.0}]
    rows.append({"text": "A.", "label": "factual", "doc_id": "d", "start": 0.0})
    path = write(tmp_path, "f.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    assert [e.text for e in read_examples(path)] == ["A.", "B."]


def test_a_sentence_without_a_document_between_a_documents_rows_is_named_as_not_its_own(tmp_path: Path):
    body = "text,label,doc_id\nA.,factual,d1\nB.,factual,\nC.,opinion,d1\n"
    with pytest.raises(FactcheckError, match=r"u\.csv:4: .*after sentences that are not its own") as err:
        read_examples(write(tmp_path, "u.csv", body))
    assert "offset" not in str(err.value)  # a CSV row has no offset to give


def test_a_sentence_answered_twice_for_one_document_is_refused_with_both_lines(tmp_path: Path):
    lines = [_answer("a", 0), _answer("a", 9, "opinion"), _answer("a", 0, "opinion")]
    path = write(tmp_path, "twice.jsonl", "\n".join(lines) + "\n")
    with pytest.raises(
        FactcheckError, match=r"twice\.jsonl:3: document 'a' has a sentence at 0 already \(line 1\)"
    ):
        read_examples(path)
