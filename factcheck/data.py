"""Annotated sentences for training and evaluation: reading and validating them.

Two formats, chosen by extension: JSONL (one ``{"text", "label", "doc_id"?}``
object a line) and CSV (a header row with ``text`` and ``label`` columns,
``doc_id`` optional). Every problem is reported with file and line and the
valid labels, so a user with a 5,000-line file can go straight to the typo.

A JSONL file written by ``factcheck annotate`` is read as it stands: its
answer lines carry extra fields (``source``, ``start``, ``end``, the model's
suggestion, a timestamp), which are ignored, and an ``{"undo": KEY}`` line
cancels the latest answer before it with that key, because the annotation
file is only ever appended to, never rewritten.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.escaping import csv_cell_read, json_object, jsonl_lines
from factcheck.inputs import decode_utf8, read_bytes
from factcheck.labels import LABEL_IDS
from factcheck.wording import counted


@dataclass(frozen=True)
class Example:
    """One annotated sentence; ``doc_id`` keeps a document's sentences together in splits."""

    text: str
    label: str
    doc_id: str | None = None


def read_examples(path: str | Path) -> list[Example]:
    """Read one JSONL or CSV file of annotated sentences."""
    return parse_examples(path, read_bytes(path))


def parse_examples(path: str | Path, data: bytes) -> list[Example]:
    """The annotated sentences in ``data``, the bytes of ``path`` (whose suffix says JSONL or CSV).

    Taking the bytes lets ``train`` hash exactly what it trained on, read once.
    """
    path = Path(path)
    text = decode_utf8(data, str(path))
    if not text.strip():
        raise FactcheckError(f"{path}: file is empty")
    rows: list[tuple[int, int | None, Example]]
    if path.suffix.lower() == ".csv":
        rows = [(line, None, example) for line, example in _read_csv(path, text)]
    else:
        rows = [(line, _start(record), example) for line, record, example in _read_jsonl(path, text)]
    if not rows:
        raise FactcheckError(f"{path}: no annotated sentences found")
    return _reading_order(path, rows)


def _start(record: dict[str, Any]) -> int | None:
    """The row's offset, when it gives one; 10.0 is 10 (a table with a missing cell writes floats)."""
    start = record.get("start")
    if isinstance(start, float) and start.is_integer():
        return int(start)
    return start if isinstance(start, int) and not isinstance(start, bool) else None


def _reading_order(path: Path, rows: list[tuple[int, int | None, Example]]) -> list[Example]:
    """The examples with each document's sentences together, in reading order.

    The context stage reads a document as one run of rows, in order: a document split
    across the file would be read as fragments, and a shuffled one with the wrong
    neighbours, silently. ``annotate`` writes its answers least-sure first and says where
    each sentence starts, so rows that all carry ``start`` are put in order by it. Without
    offsets the file's order is the only reading order there is, so a document whose rows
    are apart (a spreadsheet sorted by label) is refused rather than guessed at.
    """
    documents: dict[str, list[tuple[int, int, int | None, Example]]] = {}
    for n, (line, start, example) in enumerate(rows):
        if example.doc_id is not None:
            documents.setdefault(example.doc_id, []).append((n, line, start, example))
    for doc_id, members in documents.items():
        if all(start is not None for _, _, start, _ in members):
            members.sort(key=lambda member: member[2] or 0)
            twice = next((k for k in range(1, len(members)) if members[k][2] == members[k - 1][2]), None)
            if twice is not None:  # read twice, the sentence would be its own neighbour
                lines = sorted((members[twice - 1][1], members[twice][1]))
                raise FactcheckError(
                    f"{path}:{lines[1]}: document {doc_id!r} has a sentence at {members[twice][2]} "
                    f"already (line {lines[0]}); give each sentence once (annotate's undo cancels an answer)"
                )
            continue
        apart = next((k for k in range(1, len(members)) if members[k][0] != members[k - 1][0] + 1), None)
        if apart is not None:
            offsets = (
                ""
                if path.suffix.lower() == ".csv"
                else " (or give each row its 'start' offset, as annotate does)"
            )
            raise FactcheckError(
                f"{path}:{members[apart][1]}: document {doc_id!r} goes on here after sentences that are "
                f"not its own (it starts on line {members[0][1]}); factcheck reads a sentence with its "
                f"neighbours, so keep each document's sentences together in reading order{offsets}, or "
                "leave out doc_id if the order is lost"
            )
    # Documents in the order they first appear; a sentence without a document stays where it was.
    ordered: list[Example] = []
    for _, _, example in rows:
        if example.doc_id is None:
            ordered.append(example)
        elif example.doc_id in documents:
            ordered.extend(member[3] for member in documents.pop(example.doc_id))
    return ordered


def read_annotations(path: str | Path) -> list[tuple[dict[str, Any], Example]]:
    """The answers of a JSONL file that no undo line cancelled, with their raw records, in file order."""
    return [(record, example) for _, record, example in read_annotation_lines(path)]


def read_annotation_lines(path: str | Path) -> list[tuple[int, dict[str, Any], Example]]:
    """As ``read_annotations``, each answer with its line, for messages about what the line holds."""
    path = Path(path)
    return _read_jsonl(path, decode_utf8(read_bytes(path), str(path)))


def answer_key(source: object, start: object, end: object) -> str:
    """How an undo line names the answer it cancels: the sentence's file and character span."""
    return f"{source}:{start}-{end}"


def record_key(record: dict[str, Any]) -> str | None:
    """An answer line's key, or None for a line without a span (written by hand, not by annotate)."""
    if all(field in record for field in ("source", "start", "end")):
        return answer_key(record["source"], record["start"], record["end"])
    return None


def document_ids(examples: Sequence[Example]) -> list[str]:
    """Each example's document, for reading it in context; one without ``doc_id`` stands alone."""
    return group_ids([e.doc_id for e in examples])


def group_ids(doc_ids: Sequence[str | None]) -> list[str]:
    """The one rule for documents: a sentence without a document id is a document of its own."""
    return [doc_id or f"#{i}" for i, doc_id in enumerate(doc_ids)]


def label_counts(examples: Iterable[Example]) -> dict[str, int]:
    """Counts per label in the canonical label order, zeros included."""
    counts = Counter(ex.label for ex in examples)
    return {label: counts.get(label, 0) for label in LABEL_IDS}


def _check(path: Path, line: int, text: object, label: object, doc_id: object) -> Example:
    where = f"{path}:{line}"
    if not isinstance(text, str) or not text.strip():
        raise FactcheckError(f"{where}: 'text' must be a non-empty string")
    if label is None:
        raise FactcheckError(
            f"{where}: no label (the 'label' field is missing or null); valid labels: {', '.join(LABEL_IDS)}"
        )
    if label not in LABEL_IDS:
        raise FactcheckError(f"{where}: unknown label {label!r}; valid labels: {', '.join(LABEL_IDS)}")
    if doc_id is not None and (not isinstance(doc_id, (str, int)) or isinstance(doc_id, bool)):
        raise FactcheckError(f"{where}: 'doc_id' must be a string or a whole number, not {doc_id!r}")
    return Example(text, str(label), None if doc_id in (None, "") else str(doc_id))


def _read_jsonl(path: Path, text: str) -> list[tuple[int, dict[str, Any], Example]]:
    answers: list[tuple[int, dict[str, Any], Example] | None] = []
    keys: list[str | None] = []
    for lineno, line in enumerate(jsonl_lines(text), start=1):
        if not line.strip():
            continue
        record = json_object(line, f"{path}:{lineno}", "a JSON object with 'text' and 'label'")
        if "undo" in record:
            _cancel(path, lineno, record["undo"], answers, keys)
            continue
        for key in ("text", "label"):
            if key not in record:
                raise FactcheckError(f"{path}:{lineno}: missing '{key}' field")
        example = _check(path, lineno, record["text"], record["label"], record.get("doc_id"))
        answers.append((lineno, record, example))
        keys.append(record_key(record))
    return [answer for answer in answers if answer is not None]


def _cancel(
    path: Path,
    lineno: int,
    key: object,
    answers: list[tuple[int, dict[str, Any], Example] | None],
    keys: list[str | None],
) -> None:
    """Drop the latest still-standing answer with ``key``: undoing twice cancels two answers."""
    for i in reversed(range(len(keys))):
        if keys[i] == key and answers[i] is not None:
            answers[i] = None
            return
    raise FactcheckError(f"{path}:{lineno}: 'undo' of {key!r}, but no answer before it has that key")


def _read_csv(path: Path, text: str) -> list[tuple[int, Example]]:
    return list(_csv_examples(path, io.StringIO(text, newline="")))


# What the csv module counts as a line's end (StringIO with newline="" splits on each).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _csv_examples(path: Path, lines: Iterable[str]) -> Iterator[tuple[int, Example]]:
    """Each row's first line and its example."""
    reader = csv.DictReader(lines)
    try:
        columns = reader.fieldnames or []
    except csv.Error as err:
        raise FactcheckError(f"{path}:1: cannot read the header row ({err})") from None
    for key in ("text", "label"):
        if key not in columns:
            raise FactcheckError(
                f"{path}:1: missing '{key}' column; the header row must name 'text' and 'label'"
            )
    for key in ("text", "label", "doc_id"):
        if columns.count(key) > 1:  # the csv module would keep the last such column, silently
            raise FactcheckError(f"{path}:1: the header row names '{key}' {columns.count(key)} times")
    end = reader.line_num
    for row in _csv_rows(path, reader):
        cells = [v for k, v in row.items() if k is not None and v is not None] + list(row.get(None) or [])
        # The row's first line: a quoted cell may run over several lines, and blank lines are skipped.
        line = max(reader.line_num - sum(len(_LINE_BREAK.findall(cell)) for cell in cells), end + 1)
        end = reader.line_num
        if None in row or row.get("text") is None or row.get("label") is None:
            found = len(cells)
            raise FactcheckError(
                f"{path}:{line}: {counted(found, 'field')} where the header names {len(columns)}"
                + ("; quote a text that holds a comma" if found > len(columns) else "")
                + (
                    f"; the row runs on to line {end}: is a quote left open?"
                    if end > line and found < len(columns)
                    else ""
                )
            )
        # Cells as predict --format csv wrote them: a ' it put before a formula start comes off.
        text, label, doc_id = (csv_cell_read(row.get(key) or "") for key in ("text", "label", "doc_id"))
        yield line, _check(path, line, text, label.strip(), doc_id)


def _csv_rows(path: Path, reader: csv.DictReader[str]) -> Iterator[dict[str | Any, Any]]:
    """The reader's rows, with the csv module's own errors (a cell over its size limit) named by line."""
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as err:
            raise FactcheckError(
                f"{path}:{reader.line_num}: {err}; is a quote left open, or is this cell a whole document?"
            ) from None
        yield row


def iter_examples(path: str | Path) -> Iterator[Example]:
    """The annotated sentences of ``path`` one at a time, for a file too large to hold in memory.

    The same checks and errors as ``read_examples``, line by line. An
    annotation file's ``undo`` line cancels an earlier answer, which only a
    whole-file read can do, so one is refused here with its line.
    """
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            try:
                yield from (example for _, example in _csv_examples(path, handle))
            except UnicodeDecodeError:
                raise FactcheckError(
                    f"{path}: not UTF-8 text; save the file as UTF-8 and try again"
                ) from None
        return
    with path.open("rb") as handle:
        for lineno, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError as err:
                raise FactcheckError(
                    f"{path}:{lineno}: not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                    "save the file as UTF-8 and try again"
                ) from None
            if not line.strip():
                continue
            record = json_object(line, f"{path}:{lineno}", "a JSON object with 'text' and 'label'")
            if "undo" in record:
                raise FactcheckError(
                    f"{path}:{lineno}: an 'undo' line needs the whole file read at once; "
                    "train without --out-of-core, or drop the undone answers first"
                )
            for key in ("text", "label"):
                if key not in record:
                    raise FactcheckError(f"{path}:{lineno}: missing '{key}' field")
            yield _check(path, lineno, record["text"], record["label"], record.get("doc_id"))
