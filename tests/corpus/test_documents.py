from pathlib import Path

import pytest

from factcheck.corpus.documents import read_source_document
from factcheck.errors import FactcheckError

SOURCE = """id: test-001
topic: economy
genre: wire
date: 2024-03-14

[factual] Rates held

[factual] The bank held rates at 5%.
[attributed] “We are patient,” the governor said.

[estimate] Growth may reach about 2%.
"""


def test_raw_text_and_spans(tmp_path: Path):
    path = tmp_path / "test-001.txt"
    path.write_text(SOURCE, encoding="utf-8")
    doc = read_source_document(path)
    assert (doc.id, doc.topic, doc.genre, doc.date) == ("test-001", "economy", "wire", "2024-03-14")
    assert doc.text == (
        "Rates held\n\nThe bank held rates at 5%. “We are patient,” the governor said."
        "\n\nGrowth may reach about 2%."
    )
    assert doc.sentences()[2] == ("“We are patient,” the governor said.", "attributed")
    assert [s.label for s in doc.spans] == ["factual", "factual", "attributed", "estimate"]


def test_unknown_label_names_file_and_line(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_text(SOURCE.replace("[estimate]", "[guess]"), encoding="utf-8")
    with pytest.raises(FactcheckError, match=r"bad\.txt:11: unknown label 'guess'"):
        read_source_document(path)


def test_missing_header_key(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_text(SOURCE.replace("genre: wire\n", ""), encoding="utf-8")
    with pytest.raises(FactcheckError, match="header lacks genre"):
        read_source_document(path)
