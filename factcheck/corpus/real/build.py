"""Rebuild the labelled real sentences from local copies of the sources, checking every row.

``python -m factcheck.corpus.real.build`` reads ``data/real/``, rebuilds each
chosen document from its source's local copy at the pinned commit, checks
every label row against it (offsets inside the text, fingerprint of the
sentence unchanged) and writes ``train.jsonl``, ``dev.jsonl`` and
``test.jsonl`` in the format ``factcheck train`` reads to a cache outside the
repository, with ``documents.jsonl``: each labelled document's whole text, which
the span benchmark reads as ``predict`` would (paragraphs, quotes across
sentences). A source that changed is an error naming the label file and row:
labels made for one text are never silently applied to another.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from factcheck.atomic import atomic_write_text
from factcheck.corpus.real.readers import READERS, Reader
from factcheck.corpus.real.references import (
    REAL_DIR,
    SPLITS,
    default_cache,
    default_copies,
    fingerprint,
    locate_copy,
    read_documents,
    read_labels,
    read_sources,
)
from factcheck.errors import FactcheckError
from factcheck.escaping import json_text


@dataclass(frozen=True)
class BuildResult:
    cache: Path
    counts: dict[str, Counter]  # split -> label counts


def build(copies: Path, cache: Path, real_dir: Path = REAL_DIR) -> BuildResult:
    """Check every label row against the rebuilt sources and write the cache; all or nothing."""
    sources = read_sources(real_dir)
    splits = {(d.source, d.doc): d.split for d in read_documents(real_dir)}
    rows = read_labels(real_dir)
    # Every source's copy is located first: a missing one fails before any work is done.
    readers: dict[str, Reader] = {s.id: READERS[s.format](locate_copy(s, copies)) for s in sources.values()}
    texts: dict[tuple[str, str], str] = {}
    out: dict[str, list[str]] = {split: [] for split in SPLITS}
    counts: dict[str, Counter] = {split: Counter() for split in SPLITS}
    for row in rows:
        if row.source not in sources:
            raise FactcheckError(f"{row.where}: no source {row.source!r} in {real_dir / 'sources.json'}")
        split = splits.get((row.source, row.doc))
        if split is None:
            raise FactcheckError(
                f"{row.where}: document {row.doc!r} is not in {real_dir / 'documents.jsonl'}"
            )
        key = (row.source, row.doc)
        if key not in texts:
            try:
                texts[key] = readers[row.source].text(row.doc)
            except FactcheckError as err:
                raise FactcheckError(f"{row.where}: cannot rebuild document {row.doc!r}: {err}") from None
        text = texts[key]
        if not 0 <= row.start < row.end <= len(text):
            raise FactcheckError(
                f"{row.where}: offsets {row.start}-{row.end} fall outside document {row.doc!r} "
                f"({len(text)} characters); the source has changed"
            )
        sentence = text[row.start : row.end]
        if fingerprint(sentence) != row.fingerprint:
            raise FactcheckError(
                f"{row.where}: the text at {row.start}-{row.end} of {row.doc!r} is not the sentence "
                "that was labelled (fingerprint differs); the source has changed"
            )
        record = {
            "text": sentence,
            "label": row.label,
            "doc_id": f"{row.source}:{row.doc}",
            "source": row.source,
        }
        out[split].append(json_text(record))
        counts[split][row.label] += 1
    cache.mkdir(parents=True, exist_ok=True)
    for split, lines in out.items():
        atomic_write_text(cache / f"{split}.jsonl", "".join(line + "\n" for line in lines))
    documents = (
        json_text({"doc_id": f"{source}:{doc}", "text": text}) for (source, doc), text in texts.items()
    )
    atomic_write_text(cache / "documents.jsonl", "".join(line + "\n" for line in documents))
    manifest = {
        s.id: {"repository": s.repository, "commit": s.commit, "licence": s.licence} for s in sources.values()
    }
    atomic_write_text(cache / "sources.json", json.dumps(manifest, indent=2) + "\n")
    return BuildResult(cache, counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--copies", type=Path, default=default_copies(), help="directory holding OWNER+NAME/ local copies"
    )
    parser.add_argument("--cache", type=Path, default=default_cache(), help="where to write the sentences")
    args = parser.parse_args(argv)
    try:
        result = build(args.copies, args.cache)
    except FactcheckError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 1
    for split, counts in result.counts.items():
        print(f"{split}: {sum(counts.values())} sentences {dict(sorted(counts.items()))}")
    print(f"wrote {result.cache}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
