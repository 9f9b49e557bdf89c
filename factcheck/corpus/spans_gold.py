"""Build and check the span gold: hand-written annotations -> offsets into the corpus's documents.

    python -m factcheck.corpus.spans_gold          # rewrite data/spans/gold.jsonl
    python -m factcheck.corpus.spans_gold --check  # exit 1 if gold.jsonl is stale

The annotator writes what each span *says* (data/spans/annotations.txt, one
sentence a line, read against data/SPANS.md); this module finds each string
in its sentence and stores character offsets into the document text, so the
gold never depends on the extractor. A string that is missing, or that occurs
more than once without a ``#n`` to choose, is an error naming the line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.atomic import atomic_write_text
from factcheck.corpus.documents import CorpusDocument, load_corpus
from factcheck.cues import cue_stance
from factcheck.errors import FactcheckError
from factcheck.escaping import json_line, jsonl_lines

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "data" / "spans" / "annotations.txt"
GOLD = REPO / "data" / "spans" / "gold.jsonl"
CORPUS = REPO / "data" / "corpus"
_KEY = re.compile(r"(?P<doc>[a-z0-9-]+) (?P<index>\d+):(?P<rest>.*)")
_OCCURRENCE = re.compile(r"(?P<text>.*?)#(?P<n>\d+)")


@dataclass(frozen=True)
class _Where:
    path: Path
    lineno: int

    def error(self, message: str) -> FactcheckError:
        return FactcheckError(f"{self.path}:{self.lineno}: {message}")


def _find(sentence: str, spec: str, where: _Where, near: int | None = None) -> tuple[int, int]:
    """Offsets of ``spec`` in the sentence; ``near`` picks the occurrence closest to that offset."""
    match = _OCCURRENCE.fullmatch(spec)
    text, n = (match["text"], int(match["n"])) if match else (spec, 0)
    # Whole words only: the source "he" is not the "he" inside "the", nor "half" in "half-century".
    pattern = re.escape(text)
    if text[:1].isalnum():
        pattern = r"(?<![\w-])" + pattern
    if text[-1:].isalnum():
        pattern += r"(?![\w-])"
    starts = [m.start() for m in re.finditer(pattern, sentence)]
    if not starts:
        raise where.error(f"{text!r} is not in the sentence")
    if n:
        if n > len(starts):
            raise where.error(f"{text!r} occurs {len(starts)} times, not {n}")
        start = starts[n - 1]
    elif near is not None:
        start = min(starts, key=lambda s: abs(s - near))
    elif len(starts) > 1:
        raise where.error(f"{text!r} occurs {len(starts)} times; write {text}#N to choose")
    else:
        start = starts[0]
    return start, start + len(text)


def _span(offset: int, start: int, end: int, sentence: str) -> dict[str, Any]:
    return {"start": offset + start, "end": offset + end, "text": sentence[start:end]}


def parse_line(rest: str, sentence: str, offset: int, where: _Where) -> tuple[list[dict], list[dict]]:
    """The sources and quantities one annotation line describes, with document offsets."""
    sources: list[dict] = []
    quantities: list[dict] = []
    for item in filter(None, (part.strip() for part in rest.split(" ; "))):
        kind, _, body = item.partition(" ")
        fields = body.split("|")
        if kind == "S" and len(fields) == 2:
            try:
                start, end = _find(sentence, fields[0].strip(), where)
                cue_start, cue_end = _find(sentence, fields[1].strip(), where, near=start)
            except FactcheckError:  # a repeated source ("we"): the one next to its cue
                cue_start, cue_end = _find(sentence, fields[1].strip(), where)
                start, end = _find(sentence, fields[0].strip(), where, near=cue_start)
            stance = cue_stance(sentence[cue_start:cue_end])
            if stance is None:
                raise where.error(f"cue {fields[1]!r} is not in the stance lexicon (factcheck/cues.py)")
            cue = {**_span(offset, cue_start, cue_end, sentence), "stance": stance}
            sources.append({**_span(offset, start, end, sentence), "cue": cue})
        elif kind == "Q" and 1 <= len(fields) <= 3:
            start, end = _find(sentence, fields[0].strip(), where)
            hedge = None
            if len(fields) > 1 and fields[1].strip():
                h_start, h_end = _find(sentence, fields[1].strip(), where, near=start)
                hedge = _span(offset, h_start, h_end, sentence)
            marked = len(fields) == 3 and fields[2].strip() == "~"
            if len(fields) == 3 and not marked:
                raise where.error(f"the third field of {item!r} must be '~'")
            quantity = {**_span(offset, start, end, sentence), "hedge": hedge}
            quantity["approximate"] = hedge is not None or marked
            quantities.append(quantity)
        else:
            raise where.error(f"cannot read {item!r}; expected 'S source|cue' or 'Q quantity[|hedge][|~]'")
    return sources, quantities


def build(annotations: Path = ANNOTATIONS, corpus: Path = CORPUS) -> list[dict[str, Any]]:
    """Gold rows in annotation order: one per annotated sentence, offsets into its document."""
    docs: dict[str, CorpusDocument] = {d.id: d for d in load_corpus(corpus / "source")}
    splits = json.loads((corpus / "splits.json").read_text(encoding="utf-8"))
    split_of = {doc_id: split for split, ids in splits.items() for doc_id in ids}
    rows = []
    seen: set[tuple[str, int]] = set()
    for lineno, line in enumerate(jsonl_lines(annotations.read_text(encoding="utf-8")), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = _Where(annotations, lineno)
        match = _KEY.fullmatch(line)
        if not match:
            raise where.error("expected '<doc_id> <sentence index>: annotations'")
        doc = docs.get(match["doc"])
        if doc is None:
            raise where.error(f"no corpus document {match['doc']!r}")
        index = int(match["index"])
        if not 0 <= index < len(doc.spans):
            raise where.error(f"{doc.id} has no sentence {index}")
        if (doc.id, index) in seen:
            raise where.error(f"{doc.id} sentence {index} is annotated twice")
        seen.add((doc.id, index))
        span = doc.spans[index]
        sentence = doc.text[span.start : span.end]
        sources, quantities = parse_line(match["rest"], sentence, span.start, where)
        rows.append(
            {
                "doc_id": doc.id,
                "split": split_of[doc.id],
                "index": index,
                "start": span.start,
                "end": span.end,
                "label": span.label,
                "text": sentence,
                "sources": sources,
                "quantities": quantities,
            }
        )
    return rows


def render(rows: list[dict[str, Any]]) -> str:
    return "".join(json_line(row) for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="Exit 1 if gold.jsonl is out of date.")
    args = parser.parse_args(argv)
    try:
        text = render(build())
    except FactcheckError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.check:
        if not GOLD.exists() or GOLD.read_text(encoding="utf-8") != text:
            print(f"{GOLD} is stale: run python -m factcheck.corpus.spans_gold", file=sys.stderr)
            return 1
        return 0
    atomic_write_text(GOLD, text)
    print(f"wrote {GOLD} ({text.count(chr(10))} sentences)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
