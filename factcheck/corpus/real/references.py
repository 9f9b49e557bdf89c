"""The committed side of the real-text corpus: sources, chosen documents and labelled offsets.

Nothing read here contains a source's text. A label row pins a sentence by
document id, character offsets and a short fingerprint (the first 12 hex
digits of the SHA-1 of the sentence), so a source that changed under the same
id is caught even when the offsets still fall inside the new text.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.corpus.real.copies import LocalCopy
from factcheck.errors import FactcheckError
from factcheck.escaping import json_object
from factcheck.labels import LABEL_IDS

REAL_DIR = Path(__file__).resolve().parents[3] / "data" / "real"
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    repository: str
    commit: str
    format: str
    licence: str
    attribution: str


@dataclass(frozen=True)
class DocumentRef:
    """A chosen document; ``excerpt`` is how many sentences are labelled, from the start of its
    middle third, where a long document is labelled in part (``None``: every sentence)."""

    source: str
    doc: str
    split: str
    excerpt: int | None = None


@dataclass(frozen=True)
class LabelRow:
    """One labelled sentence by reference; ``where`` is the file and line it came from."""

    source: str
    doc: str
    start: int
    end: int
    fingerprint: str
    label: str
    annotators: tuple[str, ...]
    note: str | None = None
    where: str = field(default="", compare=False)


def fingerprint(sentence: str) -> str:
    return hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:12]


def _jsonl(path: Path) -> list[tuple[int, dict]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        raise FactcheckError(f"{path}: missing") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        rows.append((number, json_object(line, f"{path}:{number}")))
    return rows


def read_sources(real_dir: Path = REAL_DIR) -> dict[str, Source]:
    path = real_dir / "sources.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return {
            e["id"]: Source(
                e["id"], e["name"], e["repository"], e["commit"], e["format"], e["licence"], e["attribution"]
            )
            for e in entries
        }
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise FactcheckError(f"{path}: cannot read the source list ({err})") from None


def read_documents(real_dir: Path = REAL_DIR) -> list[DocumentRef]:
    path = real_dir / "documents.jsonl"
    docs = []
    for number, record in _jsonl(path):
        try:
            doc = DocumentRef(str(record["source"]), str(record["doc"]), str(record["split"]))
        except KeyError as err:
            raise FactcheckError(f"{path}:{number}: missing field {err}") from None
        if "excerpt" in record:
            if type(record["excerpt"]) is not int or record["excerpt"] < 1:
                raise FactcheckError(f"{path}:{number}: excerpt must be a positive number of sentences")
            doc = replace(doc, excerpt=record["excerpt"])
        if doc.split not in SPLITS:
            raise FactcheckError(f"{path}:{number}: split {doc.split!r} is not one of {', '.join(SPLITS)}")
        docs.append(doc)
    return docs


def read_labels(real_dir: Path = REAL_DIR) -> list[LabelRow]:
    rows = []
    for path in sorted((real_dir / "labels").glob("*.jsonl")):
        for number, record in _jsonl(path):
            where = f"{path}:{number}"
            try:
                row = LabelRow(
                    source=path.stem,
                    doc=str(record["doc"]),
                    start=int(record["start"]),
                    end=int(record["end"]),
                    fingerprint=str(record["sha1"]),
                    label=str(record["label"]),
                    annotators=tuple(record.get("annotators", ())),
                    note=record.get("note"),
                    where=where,
                )
            except (KeyError, ValueError, TypeError) as err:
                raise FactcheckError(f"{where}: bad label row ({type(err).__name__}: {err})") from None
            if row.label not in LABEL_IDS:
                raise FactcheckError(f"{where}: unknown label {row.label!r}; valid: {', '.join(LABEL_IDS)}")
            rows.append(row)
    _refuse_overlaps(rows)
    return _reading_order(rows)


def _reading_order(rows: list[LabelRow]) -> list[LabelRow]:
    """Rows grouped by document (in the order documents first appear), each document's by offset.

    Label rounds append rows, so a document labelled again later has its sentences in two
    places; the context stage reads a document as one run of rows in reading order, and the
    cache the builder writes from these rows is what training reads.
    """
    documents: dict[tuple[str, str], list[LabelRow]] = {}
    for row in rows:
        documents.setdefault((row.source, row.doc), []).append(row)
    return [row for document in documents.values() for row in sorted(document, key=lambda r: r.start)]


def _refuse_overlaps(rows: list[LabelRow]) -> None:
    """Fail on two rows of one document whose sentences overlap.

    Text labelled twice (an older splitter's fragments beside the whole sentence a later
    round labelled) would be trained on and scored twice; each stretch of text has one label.
    """
    by_document: dict[tuple[str, str], list[LabelRow]] = {}
    for row in rows:
        by_document.setdefault((row.source, row.doc), []).append(row)
    for document in by_document.values():
        document.sort(key=lambda row: (row.start, row.end))
        for before, after in itertools.pairwise(document):
            if after.start < before.end:
                raise FactcheckError(
                    f"{after.where}: sentence {after.start}-{after.end} of {after.doc!r} overlaps "
                    f"{before.start}-{before.end} ({before.where}); label each stretch of text once"
                )


def locate_copy(source: Source, copies: Path) -> LocalCopy:
    """The local copy of ``source`` under ``copies``, in the layout the fetch step leaves.

    ``copies/OWNER+NAME/repo`` (a bare clone) or ``copies/OWNER+NAME`` (either kind).
    """
    base = copies / source.repository.replace("/", "+")
    for candidate in (base / "repo", base):
        if candidate.is_dir():
            return LocalCopy(candidate, source.commit)
    raise FactcheckError(
        f"no local copy of {source.repository} under {copies} (expected {base}/repo); "
        f"fetch it at commit {source.commit} first"
    )


def default_copies() -> Path:
    """Where local copies of the sources are looked for: $FACTCHECK_SOURCES, else the fetch mirror."""
    return Path(os.environ.get("FACTCHECK_SOURCES", "/work/.mirror"))


def default_cache() -> Path:
    """The cache of rebuilt sentences: outside the repository, $FACTCHECK_REAL_CACHE to move it."""
    return Path(os.environ.get("FACTCHECK_REAL_CACHE", Path.home() / ".cache" / "factcheck" / "real"))
