import io
import sys
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.inputs import expand_inputs, read_input, read_inputs


def test_reads_utf8_file_and_drops_bom(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffCafé opened.".encode())
    assert read_input(str(path)).text == "Café opened."


def test_missing_file(tmp_path: Path):
    with pytest.raises(FactcheckError, match=r"nope\.txt: no such file"):
        read_input(str(tmp_path / "nope.txt"))


def test_directory(tmp_path: Path):
    with pytest.raises(FactcheckError, match="is a directory"):
        read_input(str(tmp_path))


def test_non_utf8_names_line(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("First line.\nSecond caf\xe9.\n".encode("latin-1"))
    with pytest.raises(FactcheckError, match=r"latin1\.txt:2: not UTF-8"):
        read_input(str(path))


def test_empty_input(tmp_path: Path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n")
    with pytest.raises(FactcheckError, match="input is empty"):
        read_input(str(path))


def test_stdin_when_no_sources(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"From a pipe.")))
    [doc] = read_inputs([])
    assert (doc.name, doc.text) == ("<stdin>", "From a pipe.")


def test_text_and_files_together_is_an_error():
    with pytest.raises(FactcheckError, match="either --text or input files"):
        read_inputs(["a.txt"], text="Hello.")


def test_input_format_by_extension_and_stdin_sniffing():
    from factcheck.inputs import input_format_of

    assert input_format_of("page.HTML", "auto") == "html"
    assert input_format_of("a/b.htm", "auto") == "html"
    assert input_format_of("notes.md", "auto") == "markdown"
    assert input_format_of("notes.markdown", "auto") == "markdown"
    assert input_format_of("article.txt", "auto") == "text"
    assert input_format_of("page.html", "text") == "text"  # an explicit format wins
    assert input_format_of("-", "auto", "<!-- saved -->\n<!DOCTYPE html><html>") == "html"
    assert input_format_of("-", "auto", "The <b>vote</b> passed.") == "text"


def test_html_file_is_read_as_its_main_text(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Vote</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Vote passes</h1><p>The council passed the budget on Monday by 30 votes to 9.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    doc = read_input(str(path))
    assert doc.source_format == "html"
    assert doc.text == "Vote passes\n\nThe council passed the budget on Monday by 30 votes to 9."
    assert read_input(str(path), "text").text.startswith("<html>")


def test_markdown_from_stdin_and_from_text(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"## Update\n\nTurnout was *61%*.\n")))
    doc = read_inputs([], None, "markdown")[0]
    assert (doc.name, doc.text, doc.source_format) == ("<stdin>", "Update\n\nTurnout was 61%.", "markdown")
    assert read_inputs([], "**Bold** claim.", "markdown")[0].text == "Bold claim."
    assert read_inputs([], "**Bold** claim.")[0].text == "**Bold** claim."


def test_a_saved_page_in_the_encoding_it_declares_is_read(tmp_path: Path):
    page = tmp_path / "latin1.html"
    body = '<html><head><meta charset="iso-8859-1"></head><body><p>Le café a coûté 3 euros.</p></body></html>'
    page.write_bytes(body.encode("latin-1"))
    assert "Le café a coûté 3 euros." in read_input(str(page)).text


def test_a_page_in_another_encoding_without_a_declaration_is_still_refused(tmp_path: Path):
    page = tmp_path / "plain.html"
    page.write_bytes("<html><body><p>Le café.</p></body></html>".encode("latin-1"))
    with pytest.raises(FactcheckError, match=r"plain\.html:1: not UTF-8 text \(byte 0xe9\)"):
        read_input(str(page))


def test_a_page_declaring_an_unknown_encoding_says_so(tmp_path: Path):
    page = tmp_path / "odd.html"
    page.write_bytes(b'<meta charset="x-nonesuch"><p>caf\xe9</p>')
    with pytest.raises(FactcheckError, match=r"odd\.html: declares the unknown encoding 'x-nonesuch'"):
        read_input(str(page))


def test_a_glob_that_matches_nothing(tmp_path: Path):
    with pytest.raises(FactcheckError, match="no file matches"):
        expand_inputs([str(tmp_path / "*.txt")])


def test_a_quoted_glob_is_expanded_in_order_and_a_file_named_like_one_is_kept(tmp_path: Path):
    for name in ("b.txt", "a.txt", "c[1].txt"):
        (tmp_path / name).write_text("One.", encoding="utf-8")
    assert expand_inputs([str(tmp_path / "*.txt"), "-"]) == [
        *(str(tmp_path / n) for n in ("a.txt", "b.txt", "c[1].txt")),
        "-",
    ]
    assert expand_inputs([str(tmp_path / "c[1].txt")]) == [str(tmp_path / "c[1].txt")]
