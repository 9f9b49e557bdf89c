"""Annotated sentences for training and evaluation: reading and validating them.

Two formats, chosen by extension: JSONL (one ``{"text", "label", "doc_id"?}``
object a line) and CSV (a header row with ``text`` and ``label`` columns,
``doc_id`` optional). Every problem is reported with file and line and the
valid labels, so a user with a 5,000-line file can go straight to the typo.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.inputs import decode_utf8, read_bytes
from factcheck.labels import LABEL_IDS


@dataclass(frozen=True)
class Example:
    """One annotated sentence; ``doc_id`` keeps a document's sentences together in splits."""

    text: str
    label: str
    doc_id: str | None = None


def read_examples(path: str | Path) -> list[Example]:
    """Read one JSONL or CSV file of annotated sentences."""
    path = Path(path)
    text = decode_utf8(read_bytes(path), str(path))
    if not text.strip():
        raise FactcheckError(f"{path}: file is empty")
    read = _read_csv if path.suffix.lower() == ".csv" else _read_jsonl
    examples = read(path, text)
    if not examples:
        raise FactcheckError(f"{path}: no annotated sentences found")
    return examples


def label_counts(examples: Iterable[Example]) -> dict[str, int]:
    """Counts per label in the canonical label order, zeros included."""
    counts = Counter(ex.label for ex in examples)
    return {label: counts.get(label, 0) for label in LABEL_IDS}


def _check(path: Path, line: int, text: object, label: object, doc_id: object) -> Example:
    where = f"{path}:{line}"
    if not isinstance(text, str) or not text.strip():
        raise FactcheckError(f"{where}: 'text' must be a non-empty string")
    if label not in LABEL_IDS:
        raise FactcheckError(f"{where}: unknown label {label!r}; valid labels: {', '.join(LABEL_IDS)}")
    if doc_id is not None and not isinstance(doc_id, (str, int)):
        raise FactcheckError(f"{where}: 'doc_id' must be a string or number")
    return Example(text, str(label), None if doc_id in (None, "") else str(doc_id))


def _read_jsonl(path: Path, text: str) -> list[Example]:
    examples = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise FactcheckError(f"{path}:{lineno}: not valid JSON ({err.msg})") from None
        if not isinstance(record, dict):
            raise FactcheckError(f"{path}:{lineno}: expected a JSON object with 'text' and 'label'")
        for key in ("text", "label"):
            if key not in record:
                raise FactcheckError(f"{path}:{lineno}: missing '{key}' field")
        examples.append(_check(path, lineno, record["text"], record["label"], record.get("doc_id")))
    return examples


def _read_csv(path: Path, text: str) -> list[Example]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = reader.fieldnames or []
    for key in ("text", "label"):
        if key not in columns:
            raise FactcheckError(
                f"{path}:1: missing '{key}' column; the header row must name 'text' and 'label'"
            )
    examples = []
    for row in reader:
        line = reader.line_num
        examples.append(_check(path, line, row["text"], (row["label"] or "").strip(), row.get("doc_id")))
    return examples
