"""Turn an annotator's span notes on real sentences into offset-only gold (data/real/spans/).

    python -m factcheck.corpus.real.span_notes NOTES.txt [NOTES.txt ...]
    python -m factcheck.corpus.real.span_notes SECOND.txt --into data/real/agreement/spans

The annotator reads each sentence of a chosen document against data/SPANS.md
and writes what each span *says* in a notes file kept outside the repository
(it holds source text, so it is never committed)::

    DOC <source> <doc id>
    <sentence index>: S <source>|<cue> ; Q <quantity>[|<hedge>][|~]

The index counts the document's labelled sentences (data/real/labels order)
from 0; a sentence not listed has no spans. This module only finds each
string the annotator chose in its sentence (the same finder as
data/spans/annotations.txt) and writes the offsets, with every labelled
sentence of each listed document as a row; it never decides what a span is.
A string that is missing or ambiguous is an error naming the notes file and line.

The rows are added to the span files already there: gold is written in rounds
whose notes are not all kept, so a round's notes must not replace an earlier
round's rows, and a document that already has rows is an error (edit its rows
instead) rather than a silent second version.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from factcheck.atomic import atomic_write_text
from factcheck.corpus.real.references import REAL_DIR, default_cache
from factcheck.corpus.real.span_gold import SPANS_DIR, _cached_sentences
from factcheck.corpus.spans_gold import _Where, parse_line
from factcheck.errors import FactcheckError
from factcheck.escaping import json_line, jsonl_lines

_DOC = re.compile(r"DOC (?P<source>\S+) (?P<doc>\S+)")
_LINE = re.compile(r"(?P<index>\d+):(?P<rest>.*)")


def _offsets_only(span: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in span.items() if k != "text"}


def _row(sentence: tuple[str, int, int, str], rest: str, where: _Where) -> dict[str, Any]:
    text, start, end, sha1 = sentence
    sources, quantities = parse_line(rest, text, start, where) if rest.strip() else ([], [])
    return {
        "doc": None,  # filled by the caller
        "start": start,
        "end": end,
        "sha1": sha1,
        "sources": [{**_offsets_only(s), "cue": _offsets_only(s["cue"])} for s in sources],
        "quantities": [
            {**_offsets_only(q), "hedge": _offsets_only(q["hedge"]) if q["hedge"] else None}
            for q in quantities
        ],
    }


def convert(notes: list[Path], real_dir: Path = REAL_DIR, cache: Path | None = None) -> dict[str, list[dict]]:
    """Rows per source file, documents in notes order, every labelled sentence of each document."""
    cached = _cached_sentences(real_dir, cache or default_cache())
    sentences: dict[tuple[str, str], list[tuple[str, int, int, str]]] = {}
    for (source, doc, start, end), (text, row, _) in sorted(cached.items()):
        sentences.setdefault((source, doc), []).append((text, start, end, row.fingerprint))
    blocks: list[tuple[tuple[str, str], dict[int, tuple[str, _Where]]]] = []
    for path in notes:
        for lineno, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            where = _Where(path, lineno)
            if not line.strip() or line.startswith("#"):
                continue
            if heading := _DOC.fullmatch(line.strip()):
                key = (heading["source"], heading["doc"])
                if key not in sentences:
                    raise where.error(
                        f"no labelled sentences of {heading['source']} document {heading['doc']!r}"
                    )
                if any(key == done for done, _ in blocks):
                    raise where.error(f"document {heading['doc']!r} is annotated twice")
                blocks.append((key, {}))
            elif (item := _LINE.fullmatch(line.strip())) and blocks:
                index, listed = int(item["index"]), blocks[-1][1]
                if index in listed:
                    raise where.error(f"sentence {index} is annotated twice")
                if index >= len(sentences[blocks[-1][0]]):
                    raise where.error(
                        f"{blocks[-1][0][1]} has {len(sentences[blocks[-1][0]])} labelled sentences"
                    )
                listed[index] = (item["rest"], where)
            else:
                raise where.error("expected 'DOC <source> <doc id>', or '<index>: annotations' after one")
    out: dict[str, list[dict]] = {}
    for (source, doc), listed in blocks:
        for index, sentence in enumerate(sentences[(source, doc)]):
            rest, where = listed.get(index, ("", _Where(Path("-"), 0)))
            out.setdefault(source, []).append({**_row(sentence, rest, where), "doc": doc})
    return out


def merge(target: Path, rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Each source's rows already in ``target`` followed by the new ones; a document in both is an error."""
    merged: dict[str, list[dict]] = {}
    for source in sorted({path.stem for path in target.glob("*.jsonl")} | rows.keys()):
        path = target / f"{source}.jsonl"
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        old = [json.loads(line) for line in jsonl_lines(text)]
        if twice := sorted({r["doc"] for r in old} & {r["doc"] for r in rows.get(source, [])}):
            raise FactcheckError(f"{path} already has span gold for {source} document {twice[0]!r}")
        merged[source] = old + rows.get(source, [])
    return merged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notes", type=Path, nargs="+", help="notes files, read in order")
    parser.add_argument("--cache", type=Path, default=default_cache(), help="the cache build wrote")
    parser.add_argument(
        "--into",
        type=Path,
        default=REAL_DIR / SPANS_DIR,
        help="the span directory to add to (a blind second annotation: data/real/agreement/spans)",
    )
    args = parser.parse_args(argv)
    target = args.into
    try:
        new = convert(args.notes, cache=args.cache)
        rows = merge(target, new)
    except (FactcheckError, OSError) as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 1
    target.mkdir(parents=True, exist_ok=True)
    for source, source_rows in sorted(rows.items()):
        if source in new:
            atomic_write_text(target / f"{source}.jsonl", "".join(json_line(r) for r in source_rows))
            added = len(new[source])
            print(f"wrote {target / source}.jsonl ({added} new sentences, {len(source_rows)} in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
