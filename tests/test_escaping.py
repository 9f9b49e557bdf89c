import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.escaping import (
    FORMULA_STARTS,
    csv_cell,
    csv_cell_read,
    display_name,
    json_line,
    jsonl_lines,
    terminal,
)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_starts_are_neutralised(start: str):
    assert csv_cell(f'{start}HYPERLINK("http://x","y")') == f'\'{start}HYPERLINK("http://x","y")'


def test_ordinary_cells_and_numbers_are_left_alone():
    assert csv_cell("Officials said so.") == "Officials said so."
    assert csv_cell("'Tis the season.") == "'Tis the season."
    assert csv_cell(-3) == -3  # a number is not text a spreadsheet parses


@given(st.text())
def test_csv_neutralising_is_reversed_exactly(text: str):
    assert csv_cell_read(csv_cell(text)) == text
    assert not csv_cell(text).startswith(FORMULA_STARTS)


@given(st.text())
def test_json_lines_hold_one_record_each_whatever_the_text(text: str):
    written = json_line({"text": text}) + json_line({"text": text[::-1]})
    assert [json.loads(line)["text"] for line in jsonl_lines(written)] == [text, text[::-1]]
    assert len(written.splitlines()) == 2  # even a reader that splits on U+2028 sees two lines


def test_line_separators_are_escaped_not_raw():
    line = json_line({"text": "a\u2028b\u2029c\u0085d"})
    assert "\u2028" not in line and "\\u2028" in line and "\\u0085" in line


def test_crlf_jsonl_reads():
    assert jsonl_lines('{"a": 1}\r\n{"a": 2}\r\n') == ['{"a": 1}', '{"a": 2}']


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred", "\\x1b[31mred"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\u202eb", "a\\u202eb"),
        ("\x9b31m", "\\x9b31m"),
        ("caf\u00e9 \u201cok\u201d", "caf\u00e9 \u201cok\u201d"),
    ],
)
def test_terminal_shows_controls_escaped(raw: str, shown: str):
    assert terminal(raw) == shown


@given(st.text())
def test_terminal_output_has_no_control_characters(text: str):
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in terminal(text))


def test_undecodable_file_name_gets_a_visible_marker():
    name = b"caf\xe9.txt".decode("utf-8", "surrogateescape")
    assert display_name(name) == "caf\\xe9.txt"
    assert display_name("plain.txt") == "plain.txt"
    display_name(name).encode("utf-8")  # valid UTF-8 now


def test_json_object_names_the_place_and_the_shape_expected():
    import pytest

    from factcheck.errors import FactcheckError
    from factcheck.escaping import json_object

    assert json_object('{"a": 1}', "f.jsonl:3") == {"a": 1}
    with pytest.raises(FactcheckError, match=r"^f\.jsonl:3: not valid JSON \("):
        json_object("{nope", "f.jsonl:3")
    with pytest.raises(FactcheckError, match=r"^f\.jsonl:4: expected a list of rows$"):
        json_object("[1, 2]", "f.jsonl:4", "a list of rows")
