"""Annotation logistics for the real corpus: sentences out to annotators, their answers back in.

``make`` splits every chosen document with factcheck's own splitter and writes
the sentences, with their neighbours for context, to a work directory outside
the repository (they are the sources' text). ``merge`` turns annotators'
answer files into the committed label rows, which hold offsets, a fingerprint
and the label only.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from factcheck.atomic import atomic_write_text
from factcheck.corpus.real.readers import READERS
from factcheck.corpus.real.references import (
    REAL_DIR,
    DocumentRef,
    default_copies,
    fingerprint,
    locate_copy,
    read_documents,
    read_sources,
)
from factcheck.errors import FactcheckError
from factcheck.splitting import split_document


def sentence_id(source: str, doc: str, start: int, end: int) -> str:
    return f"{source}|{doc}|{start}-{end}"


def candidates(copies: Path, docs: list[DocumentRef]) -> list[dict]:
    """Every sentence of every chosen document, in document order, with its neighbours."""
    sources = read_sources()
    readers = {s.id: READERS[s.format](locate_copy(s, copies)) for s in sources.values()}
    out = []
    for ref in docs:
        text = readers[ref.source].text(ref.doc)
        sentences = split_document(text).sentences
        for i, s in enumerate(sentences):
            out.append(
                {
                    "id": sentence_id(ref.source, ref.doc, s.start, s.end),
                    "source": ref.source,
                    "doc": ref.doc,
                    "split": ref.split,
                    "start": s.start,
                    "end": s.end,
                    "sha1": fingerprint(s.text),
                    "text": s.text,
                    "before": sentences[i - 1].text if i else "",
                    "after": sentences[i + 1].text if i + 1 < len(sentences) else "",
                }
            )
    return out


def merge(answer_files: dict[str, list[Path]], work: Path) -> dict[str, int]:
    """Write ``data/real/labels/SOURCE.jsonl`` from answer files, by annotator name.

    ``answer_files`` maps an annotator's name to their files of ``{"id",
    "label", "note"?}`` lines; where two annotators labelled a sentence, the
    row keeps the first-named annotator's label (adjudication is recorded
    separately). Every id must be a sentence of ``work/sentences.jsonl``.
    """
    known = {r["id"]: r for r in map(json.loads, (work / "sentences.jsonl").open(encoding="utf-8"))}
    rows: dict[str, dict] = {}
    for annotator, files in answer_files.items():
        for path in files:
            for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
                if not line.strip():
                    continue
                answer = json.loads(line)
                if answer["id"] not in known:
                    raise FactcheckError(f"{path}:{number}: unknown sentence id {answer['id']!r}")
                row = rows.setdefault(answer["id"], {"annotators": []})
                if "label" not in row:
                    row["label"] = answer["label"]
                    if answer.get("note"):
                        row["note"] = answer["note"]
                row["annotators"].append(annotator)
    by_source: dict[str, list[str]] = defaultdict(list)
    for sid, sentence in known.items():  # document order
        if sid in rows:
            r = rows[sid]
            record = {
                "doc": sentence["doc"],
                "start": sentence["start"],
                "end": sentence["end"],
                "sha1": sentence["sha1"],
                "label": r["label"],
                "annotators": r["annotators"],
            }
            if "note" in r:
                record["note"] = r["note"]
            by_source[sentence["source"]].append(json.dumps(record, ensure_ascii=True))
    for source, lines in by_source.items():
        atomic_write_text(REAL_DIR / "labels" / f"{source}.jsonl", "\n".join(lines) + "\n")
    return {source: len(lines) for source, lines in by_source.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="write the sentences to label into WORK (outside the repository)")
    make.add_argument("work", type=Path)
    make.add_argument("--copies", type=Path, default=default_copies())
    args = parser.parse_args(argv)
    if args.command == "make":
        rows = candidates(args.copies, read_documents())
        args.work.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        atomic_write_text(args.work / "sentences.jsonl", text)
        print(f"wrote {len(rows)} sentences to {args.work / 'sentences.jsonl'}")


if __name__ == "__main__":
    main()
