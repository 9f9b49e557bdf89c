"""Hostile sentences through every writer: spreadsheets, terminals and JSON Lines readers.

Text in an article is the attacker's: a sentence may be a spreadsheet
formula, an escape sequence that rewrites the terminal, or hold the line
separators that make a naive JSONL reader split a record in two.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.data import read_examples
from factcheck.evaluation import Mistake
from factcheck.formatting import labelled_rows, mistakes_text
from factcheck.labelling import LabelledSentence

runner = CliRunner()
FORMULA = '=HYPERLINK("http://evil.example","click")'
ESCAPES = "The \x1b[31mred\x1b[0m vote passed. The title \x1b]0;pwned\x07 changed. Screen \x1b[2J gone."


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_csv_cells_are_not_formulas_unless_raw(tiny_model: Path):
    text = f"{FORMULA} is what it said. +1 more. @home too. -5 degrees."
    safe = run("predict", "--text", text, "--format", "csv", "--model", str(tiny_model))
    cells = [row["text"] for row in csv.DictReader(io.StringIO(safe.stdout))]
    assert cells and all(not cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert cells[0] == "'" + FORMULA + " is what it said."
    raw = run("predict", "--text", text, "--format", "csv", "--csv-raw", "--model", str(tiny_model))
    assert next(csv.DictReader(io.StringIO(raw.stdout)))["text"].startswith(FORMULA)
    split = run("split", "--text", text, "--format", "csv")
    assert next(csv.DictReader(io.StringIO(split.stdout)))["text"].startswith("'=")


def test_neutralised_csv_reads_back_as_the_original_text(tiny_model: Path, tmp_path: Path):
    text = f"{FORMULA} is what it said. '=quoted' was too. 'Tis fine."
    out = run("predict", "--text", text, "--format", "csv", "--model", str(tiny_model))
    path = tmp_path / "predicted.csv"
    path.write_text(out.stdout, encoding="utf-8")
    assert [e.text for e in read_examples(path)] == [
        f"{FORMULA} is what it said.",
        "'=quoted' was too.",
        "'Tis fine.",
    ]


def test_terminal_output_never_carries_an_escape_sequence(tiny_model: Path):
    """Input escapes are blanked when read (see inputs); what still reaches a table is shown escaped."""
    for args in (
        ["predict", "--text", ESCAPES, "--model", str(tiny_model)],
        ["predict", "--text", ESCAPES, "--explain", "3", "--model", str(tiny_model)],
        ["split", "--text", ESCAPES],
    ):
        result = run(*args)
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "The red vote passed." in result.stdout


def test_tables_show_control_characters_escaped():
    row = LabelledSentence("doc\x1b]0;t\x07", 0, 0, 9, "Red \x1b[31mvote\u202e", "factual", 0.9, {}, [])
    mistake = Mistake(row.text, "factual", "opinion", 0.8, [])
    for table in (labelled_rows([row], "table"), mistakes_text([mistake])):
        assert "\x1b" not in table and "\u202e" not in table
        assert "\\x1b[31mvote\\u202e" in table
    assert "== doc\\x1b]0;t\\x07" in labelled_rows([row], "table")


def test_error_messages_escape_file_names(tmp_path: Path):
    result = run("predict", str(tmp_path / "a\x1b]0;x\x07.txt"))
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and "\\x1b]0;x\\x07.txt: no such file" in result.stderr


def test_annotate_screen_escapes_the_sentence(tiny_model: Path, tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text(ESCAPES, encoding="utf-8")
    result = run(
        "annotate", str(article), "--out", str(tmp_path / "a.jsonl"), "--model", str(tiny_model),
        "--order", "document", input="q\n",
    )  # fmt: skip
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "The red vote passed." in result.stdout


def test_annotations_with_line_separators_train(tiny_model: Path, tmp_path: Path):
    """The issue's probe: annotate a sentence holding U+2028, then train and evaluate on the answers."""
    article = tmp_path / "a.txt"
    article.write_text(
        " ".join(f"Officials said\u2028{i} people\u2029 died in town\u0085 {i}." for i in range(10)),
        encoding="utf-8",
    )
    answers = tmp_path / "answers.jsonl"
    keys = "\n".join("1" if i % 2 else "3" for i in range(10)) + "\n"
    result = run(
        "annotate", str(article), "--out", str(answers), "--model", str(tiny_model),
        "--order", "document", input=keys,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    raw = answers.read_text(encoding="utf-8")
    assert "\u2028" not in raw and len(raw.splitlines()) == 10
    assert "\u2028" in read_examples(answers)[0].text
    trained = run("train", str(answers), "--holdout", "0", "--out", str(tmp_path / "m"))
    assert trained.exit_code == 0, trained.output
    assert run("evaluate", str(answers), "--model", str(tmp_path / "m")).exit_code == 0
    resumed = run("annotate", str(article), "--out", str(answers), "--model", str(tiny_model), input="q\n")
    assert resumed.exit_code == 0 and "10 answers" in resumed.stdout
