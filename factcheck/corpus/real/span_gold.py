"""Real-text span gold, by reference: offsets in data/real/spans/, text from the rebuilt cache.

``data/real/spans/SOURCE.jsonl`` holds one row per annotated sentence: the
document id, the sentence's character offsets into the rebuilt document text
and its fingerprint (the same as its row in ``data/real/labels/``), and the
sentence's sources (with cue and stance) and quantities (with hedge and
``approximate``) as offsets into the same document text. No row holds text.

``load`` joins those rows with the labelled sentences of the cache that
``python -m factcheck.corpus.real.build`` wrote, and fails with the span file
and line when a row does not match a labelled sentence, the cache holds a
different sentence there (a changed source or a stale cache) or a span falls
outside its sentence. ``python -m factcheck.corpus.real.span_gold`` writes the
joined records to ``CACHE/spans.jsonl``, which ``factcheck evaluate`` scores.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.atomic import atomic_write_text
from factcheck.corpus.real.references import (
    REAL_DIR,
    SPLITS,
    LabelRow,
    _jsonl,
    default_cache,
    fingerprint,
    read_documents,
    read_labels,
)
from factcheck.cues import STANCES
from factcheck.errors import FactcheckError
from factcheck.escaping import json_line, jsonl_lines

SPANS_DIR = "spans"


@dataclass(frozen=True)
class SpanRow:
    """One annotated sentence by reference; ``where`` is the file and line it came from."""

    source: str
    doc: str
    start: int
    end: int
    fingerprint: str
    sources: list[dict[str, Any]]
    quantities: list[dict[str, Any]]
    where: str


def _offsets(span: Any, where: str, what: str, start: int, end: int) -> tuple[int, int]:
    if not (
        isinstance(span, dict) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int)
    ):
        raise FactcheckError(f"{where}: {what} needs integer 'start' and 'end'")
    if not start <= span["start"] < span["end"] <= end:
        raise FactcheckError(
            f"{where}: {what} {span['start']}-{span['end']} is outside its sentence ({start}-{end})"
        )
    return span["start"], span["end"]


def _check_spans(record: dict[str, Any], where: str) -> tuple[list[dict], list[dict]]:
    """The row's spans, each checked to lie inside the sentence; a clear error otherwise."""
    start, end = record["start"], record["end"]
    sources, quantities = record.get("sources"), record.get("quantities")
    if not isinstance(sources, list) or not isinstance(quantities, list):
        raise FactcheckError(f"{where}: 'sources' and 'quantities' must be lists")
    for source in sources:
        _offsets(source, where, "a source", start, end)
        _offsets(source.get("cue"), where, "a cue", start, end)
        if source["cue"].get("stance") not in STANCES:
            raise FactcheckError(f"{where}: a cue's stance must be one of {', '.join(STANCES)}")
    for quantity in quantities:
        _offsets(quantity, where, "a quantity", start, end)
        if quantity.get("hedge") is not None:
            _offsets(quantity["hedge"], where, "a hedge", start, end)
        if not isinstance(quantity.get("approximate"), bool):
            raise FactcheckError(f"{where}: a quantity needs 'approximate' (true or false)")
    return sources, quantities


def read_span_rows(real_dir: Path = REAL_DIR, spans_dir: Path | str = SPANS_DIR) -> list[SpanRow]:
    """Every row of ``data/real/spans/*.jsonl`` (or of another span directory, such as a second
    annotation's), checked for shape, not yet against any text."""
    rows = []
    for path in sorted((real_dir / spans_dir).glob("*.jsonl")):
        for number, record in _jsonl(path):
            where = f"{path}:{number}"
            try:
                doc, start, end, sha1 = (
                    str(record["doc"]),
                    record["start"],
                    record["end"],
                    str(record["sha1"]),
                )
            except KeyError as err:
                raise FactcheckError(f"{where}: missing field {err}") from None
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end):
                raise FactcheckError(f"{where}: 'start' and 'end' must be integers with start < end")
            sources, quantities = _check_spans(record, where)
            rows.append(SpanRow(path.stem, doc, start, end, sha1, sources, quantities, where))
    return rows


def _cached_sentences(
    real_dir: Path, cache: Path
) -> dict[tuple[str, str, int, int], tuple[str, LabelRow, str]]:
    """(source, doc, start, end) -> (sentence text, its label row, split), from the cache.

    The cache lists each split's labelled sentences in the order of the label
    rows (``build`` writes them so); every cached sentence is checked against
    its row's fingerprint, so a stale cache is caught here, not scored.
    """
    splits = {(d.source, d.doc): d.split for d in read_documents(real_dir)}
    by_split: dict[str, list[LabelRow]] = {split: [] for split in SPLITS}
    for row in read_labels(real_dir):
        by_split[splits[(row.source, row.doc)]].append(row)
    out = {}
    for split, rows in by_split.items():
        path = cache / f"{split}.jsonl"
        try:
            lines = list(jsonl_lines(path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            raise FactcheckError(
                f"{path}: missing; rebuild the real sentences with python -m factcheck.corpus.real.build"
            ) from None
        if len(lines) != len(rows):
            raise FactcheckError(
                f"{path}: {len(lines)} sentences for {len(rows)} label rows; the cache is stale "
                "(python -m factcheck.corpus.real.build)"
            )
        for number, (line, row) in enumerate(zip(lines, rows, strict=True), start=1):
            text = json.loads(line)["text"]
            if fingerprint(text) != row.fingerprint:
                raise FactcheckError(
                    f"{path}:{number}: not the sentence of {row.where}; the cache is stale "
                    "(python -m factcheck.corpus.real.build)"
                )
            out[(row.source, row.doc, row.start, row.end)] = (text, row, split)
    return out


def load(real_dir: Path = REAL_DIR, cache: Path | None = None) -> list[dict[str, Any]]:
    """Span gold joined with the cached sentences: records in the format ``factcheck evaluate`` scores.

    Each record carries ``doc_id`` ("source:doc"), ``split``, ``start``/``end``
    (offsets of the sentence in its document), ``label``, ``text`` and its
    spans with their ``text`` filled in, offsets relative to the document.
    """
    cached = _cached_sentences(real_dir, cache or default_cache())
    records = []
    seen: set[tuple[str, str, int]] = set()
    for row in read_span_rows(real_dir):
        hit = cached.get((row.source, row.doc, row.start, row.end))
        if hit is None:
            raise FactcheckError(
                f"{row.where}: {row.doc!r} {row.start}-{row.end} is not a labelled sentence of "
                f"data/real/labels/{row.source}.jsonl"
            )
        text, label_row, split = hit
        if row.fingerprint != label_row.fingerprint or fingerprint(text) != row.fingerprint:
            raise FactcheckError(
                f"{row.where}: the sentence at {row.start}-{row.end} of {row.doc!r} is not the one "
                f"annotated (fingerprint {row.fingerprint} differs); the source has changed"
            )
        if (row.source, row.doc, row.start) in seen:
            raise FactcheckError(
                f"{row.where}: sentence {row.doc!r} {row.start}-{row.end} is annotated twice"
            )
        seen.add((row.source, row.doc, row.start))

        def cut(span: dict[str, Any], offset: int = row.start, sentence: str = text) -> dict[str, Any]:
            return {**span, "text": sentence[span["start"] - offset : span["end"] - offset]}

        records.append(
            {
                "doc_id": f"{row.source}:{row.doc}",
                "source": row.source,
                "split": split,
                "start": row.start,
                "end": row.end,
                "label": label_row.label,
                "text": text,
                "sources": [{**cut(s), "cue": cut(s["cue"])} for s in row.sources],
                "quantities": [
                    {**cut(q), "hedge": cut(q["hedge"]) if q.get("hedge") else None} for q in row.quantities
                ],
            }
        )
    return records


def documents(
    records: list[dict[str, Any]], cache: Path | None = None
) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """Each annotated document's text and its labelled sentences' bounds, as predict would read it.

    The text is the whole rebuilt document from ``CACHE/documents.jsonl``
    (written by ``build``), checked against every gold sentence. A cache
    without it (built by an earlier version) gives each sentence put back at
    its own offsets with spaces between: the offsets still hold, but paragraph
    breaks are lost. Returns doc_id -> (text, sentence bounds).
    """
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_doc.setdefault(record["doc_id"], []).append(record)
    whole: dict[str, str] = {}
    path = (cache or default_cache()) / "documents.jsonl"
    if path.exists():
        for line in jsonl_lines(path.read_text(encoding="utf-8")):
            doc = json.loads(line)
            if doc["doc_id"] in by_doc:
                whole[doc["doc_id"]] = doc["text"]
    out = {}
    for doc_id, rows in by_doc.items():
        rows = sorted(rows, key=lambda r: r["start"])
        text = whole.get(doc_id)
        if text is None:
            chars = [" "] * rows[-1]["end"]
            for r in rows:
                chars[r["start"] : r["end"]] = r["text"]
            text = "".join(chars)
        for r in rows:
            if text[r["start"] : r["end"]] != r["text"]:
                raise FactcheckError(
                    f"{path}: {doc_id} does not hold its sentence at {r['start']}-{r['end']}; "
                    "the cache is stale (python -m factcheck.corpus.real.build)"
                )
        out[doc_id] = (text, [(r["start"], r["end"]) for r in rows])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=default_cache(), help="the cache build wrote")
    parser.add_argument("--real-dir", type=Path, default=REAL_DIR, help="the by-reference data (data/real)")
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to write the joined records (default: CACHE/spans.jsonl)",
    )
    args = parser.parse_args(argv)
    try:
        records = load(args.real_dir, args.cache)
    except FactcheckError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 1
    out = args.out or args.cache / "spans.jsonl"
    atomic_write_text(out, "".join(json_line(r) for r in records))
    print(f"wrote {out} ({len(records)} sentences with span gold)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
