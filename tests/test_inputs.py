import io
import sys
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.inputs import read_input, read_inputs


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
