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
from factcheck.escaping import json_line, jsonl_lines
from factcheck.labels import LABEL_IDS
from factcheck.splitting import split_document


def sentence_id(source: str, doc: str, start: int, end: int) -> str:
    return f"{source}|{doc}|{start}-{end}"


def candidates(copies: Path, docs: list[DocumentRef], real_dir: Path = REAL_DIR) -> list[dict]:
    """Every sentence of every chosen document, in document order, with its neighbours."""
    sources = read_sources(real_dir)
    readers = {s.id: READERS[s.format](locate_copy(s, copies)) for s in sources.values()}
    out = []
    for ref in docs:
        text = readers[ref.source].text(ref.doc)
        sentences = split_document(text).sentences
        chosen = range(len(sentences))
        if ref.excerpt is not None:
            first = len(sentences) // 3
            chosen = range(first, min(len(sentences), first + ref.excerpt))
        for i in chosen:
            s = sentences[i]
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


def _answers(path: Path, known: dict[str, dict]) -> dict[str, dict]:
    answers = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        answer = json.loads(line)
        if answer.get("id") not in known:
            raise FactcheckError(f"{path}:{number}: unknown sentence id {answer.get('id')!r}")
        if answer.get("label") not in LABEL_IDS:
            raise FactcheckError(f"{path}:{number}: unknown label {answer.get('label')!r}")
        answers[answer["id"]] = answer  # a later answer to the same sentence replaces an earlier one
    return answers


def merge(
    work: Path,
    first: dict[str, Path],
    second: dict[str, Path],
    adjudication: Path | None,
    real_dir: Path = REAL_DIR,
    review: Path | None = None,
    add: bool = False,
) -> dict[str, int]:
    """Write the committed rows from annotators' answer files; returns label rows per source.

    ``first`` maps each first annotator's name to their answers (every sentence
    once), ``second`` the blind second annotator's; ``adjudication`` holds
    ``{"id", "final", "reason"}`` for every sentence the two labelled
    differently, and an unadjudicated disagreement is an error. ``review``
    holds ``{"id", "from", "to", "reason"}`` changes from a later consistency
    pass against rules added after labelling; each is logged with its reason.
    ``add`` keeps the committed rows and appends this round's after them, so a
    later round needs only its own answer files; a sentence already labelled
    is an error.
    """
    lines = jsonl_lines((work / "sentences.jsonl").read_text(encoding="utf-8"))
    known = {r["id"]: r for r in map(json.loads, lines)}
    primary: dict[str, tuple[str, dict]] = {}
    for name, path in first.items():
        primary.update({sid: (name, a) for sid, a in _answers(path, known).items()})
    blind: dict[str, tuple[str, dict]] = {}
    for name, path in second.items():
        blind.update({sid: (name, a) for sid, a in _answers(path, known).items()})
    decided = _answers_adjudicated(adjudication, known) if adjudication else {}
    changes = _review(review, known) if review else {}

    def ref(sentence: dict) -> dict:
        return {k: sentence[k] for k in ("doc", "start", "end", "sha1")}

    labels: dict[str, list[str]] = defaultdict(list)
    seconds, adjudicated, reviewed = [], [], []
    committed = _committed(real_dir, labels) if add else {}
    for sid, sentence in known.items():  # document order
        if sid not in primary:
            continue
        if (sentence["source"], sentence["doc"], sentence["start"], sentence["end"]) in committed:
            raise FactcheckError(f"{sid}: already labelled in {real_dir / 'labels'}; a round adds sentences")
        name, answer = primary[sid]
        label, annotators = answer["label"], [name]
        if sid in blind:
            other_name, other = blind[sid]
            annotators.append(other_name)
            seconds.append({"source": sentence["source"], **ref(sentence), "label": other["label"]})
            if other["label"] != label:
                if sid not in decided:
                    raise FactcheckError(f"{sid}: {name} and {other_name} disagree and it is not adjudicated")
                adjudicated.append(
                    {
                        "source": sentence["source"],
                        **ref(sentence),
                        "first": label,
                        "second": other["label"],
                        "final": decided[sid]["final"],
                        "reason": decided[sid]["reason"],
                    }
                )
                label = decided[sid]["final"]
        if sid in changes:
            change = changes[sid]
            if change["from"] != label:
                raise FactcheckError(f"{sid}: review changes {change['from']!r}, but the label is {label!r}")
            reviewed.append({"source": sentence["source"], **ref(sentence), **change})
            label = change["to"]
        record = {**ref(sentence), "label": label, "annotators": annotators}
        if answer.get("note"):
            record["note"] = answer["note"]
        labels[sentence["source"]].append(json.dumps(record, ensure_ascii=True))
    (real_dir / "labels").mkdir(parents=True, exist_ok=True)
    for source, lines in labels.items():
        atomic_write_text(real_dir / "labels" / f"{source}.jsonl", "\n".join(lines) + "\n")
    (real_dir / "agreement").mkdir(parents=True, exist_ok=True)
    for name, rows in (("second", seconds), ("adjudication", adjudicated), ("review", reviewed)):
        path = real_dir / "agreement" / f"{name}.jsonl"
        kept = path.read_text(encoding="utf-8") if add and path.exists() else ""
        atomic_write_text(path, kept + "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in rows))
    return {source: len(lines) for source, lines in labels.items()}


def _committed(real_dir: Path, labels: dict[str, list[str]]) -> set[tuple[str, str, int, int]]:
    """Fill ``labels`` with the committed rows, as they are; return the sentences they pin."""
    pinned = set()
    for path in sorted((real_dir / "labels").glob("*.jsonl")):
        for line in jsonl_lines(path.read_text(encoding="utf-8")):
            row = json.loads(line)
            labels[path.stem].append(line)
            pinned.add((path.stem, row["doc"], row["start"], row["end"]))
    return pinned


def _answers_adjudicated(path: Path, known: dict[str, dict]) -> dict[str, dict]:
    decided = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip():
            row = json.loads(line)
            if row.get("id") not in known or row.get("final") not in LABEL_IDS or not row.get("reason"):
                raise FactcheckError(f"{path}:{number}: needs a known id, a final label and a reason")
            decided[row["id"]] = row
    return decided


def _review(path: Path, known: dict[str, dict]) -> dict[str, dict]:
    changes = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.strip():
            row = json.loads(line)
            valid = row.get("from") in LABEL_IDS and row.get("to") in LABEL_IDS and row.get("reason")
            if row.get("id") not in known or not valid:
                raise FactcheckError(f"{path}:{number}: needs a known id, from and to labels and a reason")
            changes[row["id"]] = {"from": row["from"], "to": row["to"], "reason": row["reason"]}
    return changes


def _named(values: list[str]) -> dict[str, Path]:
    return {v.split("=", 1)[0]: Path(v.split("=", 1)[1]) for v in values}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="write the sentences to label into WORK (outside the repository)")
    make.add_argument("work", type=Path)
    make.add_argument("--copies", type=Path, default=default_copies())
    join = sub.add_parser("merge", help="write data/real/ label rows from answer files in WORK")
    join.add_argument("work", type=Path)
    join.add_argument("--first", nargs="+", required=True, metavar="NAME=FILE", help="first annotators")
    join.add_argument("--second", nargs="*", default=[], metavar="NAME=FILE", help="blind second annotator")
    join.add_argument("--adjudication", type=Path, help="decisions on every disagreement")
    join.add_argument("--review", type=Path, help="label changes from a later consistency pass")
    join.add_argument(
        "--add", action="store_true", help="keep the committed rows and add this round's (a later round)"
    )
    args = parser.parse_args(argv)
    if args.command == "merge":
        counts = merge(
            args.work,
            _named(args.first),
            _named(args.second),
            args.adjudication,
            review=args.review,
            add=args.add,
        )
        print(f"wrote label rows: {counts}")
    elif args.command == "make":
        rows = candidates(args.copies, read_documents())
        args.work.mkdir(parents=True, exist_ok=True)
        text = "".join(json_line(r) for r in rows)
        atomic_write_text(args.work / "sentences.jsonl", text)
        print(f"wrote {len(rows)} sentences to {args.work / 'sentences.jsonl'}")


if __name__ == "__main__":
    main()
