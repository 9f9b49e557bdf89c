"""predict/split/extract on a saved web page and on Markdown: the article's text only, offsets into it."""

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app

PAGE = Path(__file__).parent / "fixtures" / "markup" / "saved_page.html"
runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_predict_saved_page_labels_the_article_only_with_offsets_into_the_extracted_text(tiny_model: Path):
    extracted = run("extract", str(PAGE))
    assert extracted.exit_code == 0
    text = extracted.stdout.rstrip("\n")
    result = run("predict", str(PAGE), "--model", str(tiny_model), "--format", "jsonl", "--no-spans")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[0]["text"] == "Harbour strike ends after nine days"
    assert all(text[row["start"] : row["end"]] == row["text"] for row in rows)
    assert not any("Sign in" in row["text"] or "Most read" in row["text"] for row in rows)
    assert "saved_page.html: read the main text extracted from HTML" in result.stderr
    assert "factcheck extract" in result.stderr


def test_split_markdown_from_stdin_needs_the_format_named():
    markdown = (
        "# Flood warning\n\n- Roads *closed* near the river\n- Schools shut on [Monday](https://x.org)\n"
    )
    plain = run("split", "-", "--format", "jsonl", input=markdown)
    assert json.loads(plain.stdout.splitlines()[0])["text"] == "# Flood warning"
    result = run("split", "-", "--input-format", "markdown", "--format", "jsonl", input=markdown)
    assert result.exit_code == 0
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [
        "Flood warning",
        "Roads closed near the river",
        "Schools shut on Monday",
    ]
    assert "<stdin>: read the text of the Markdown without its markup" in result.stderr
    assert "factcheck extract - prints it" in result.stderr


def test_plain_text_input_says_nothing_extra():
    result = run("split", "--text", "The vote passed. Turnout was 61%.")
    assert result.exit_code == 0 and result.stderr == ""


def test_extract_help_has_an_example():
    result = run("extract", "--help")
    assert result.exit_code == 0 and "Example" in result.stdout and "--input-format" in result.stdout
