"""The project's annotated corpus: reading its source files, splitting and exporting it.

Each document is written once, as a source file with one labelled sentence
per line (``data/corpus/FORMAT.md``). Everything else is derived from those
files: the raw document text with each label tied to its character span, the
frozen train/dev/test assignment by document, and the sentence-level JSONL
files ``factcheck train`` reads. ``python -m factcheck.corpus.build`` rebuilds the
derived files; a test fails when they are out of date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.labels import LABEL_IDS

HEADER_KEYS = ("id", "topic", "genre", "date")
_LABELLED_LINE = re.compile(r"\[(?P<label>[a-z]+)\] (?P<text>\S.*)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class LabelledSpan:
    """A sentence of a document: where it is in the raw text, and its label."""

    start: int
    end: int
    label: str


@dataclass
class CorpusDocument:
    """One whole document with its metadata and labelled sentence spans."""

    id: str
    topic: str
    genre: str
    date: str
    text: str
    spans: list[LabelledSpan] = field(default_factory=list)

    def sentences(self) -> list[tuple[str, str]]:
        """(sentence text, label) pairs in reading order."""
        return [(self.text[s.start : s.end], s.label) for s in self.spans]


def read_source_document(path: Path) -> CorpusDocument:
    """Parse one source file; a FactcheckError names the file and line of any problem."""
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    header: dict[str, str] = {}
    lineno = 0
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in HEADER_KEYS:
            raise FactcheckError(
                f"{path}:{lineno}: expected a header line 'key: value' "
                f"with key one of {', '.join(HEADER_KEYS)}"
            )
        header[key.strip()] = value.strip()
    missing = [k for k in HEADER_KEYS if k not in header]
    if missing:
        raise FactcheckError(f"{path}: header lacks {', '.join(missing)}")
    if not _DATE.fullmatch(header["date"]):
        raise FactcheckError(f"{path}: date must be YYYY-MM-DD, got {header['date']!r}")

    paragraphs: list[list[tuple[str, str]]] = [[]]
    body_start = lineno
    for lineno, line in enumerate(lines[body_start:], start=body_start + 1):
        if not line.strip():
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        match = _LABELLED_LINE.fullmatch(line.rstrip())
        if not match:
            raise FactcheckError(f"{path}:{lineno}: expected '[label] sentence'")
        if match["label"] not in LABEL_IDS:
            raise FactcheckError(
                f"{path}:{lineno}: unknown label {match['label']!r}; valid labels: {', '.join(LABEL_IDS)}"
            )
        paragraphs[-1].append((match["text"], match["label"]))
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        raise FactcheckError(f"{path}: document has no sentences")

    text_parts: list[str] = []
    spans: list[LabelledSpan] = []
    pos = 0
    for p_index, paragraph in enumerate(paragraphs):
        if p_index:
            text_parts.append("\n\n")
            pos += 2
        for s_index, (sentence, label) in enumerate(paragraph):
            if s_index:
                text_parts.append(" ")
                pos += 1
            text_parts.append(sentence)
            spans.append(LabelledSpan(pos, pos + len(sentence), label))
            pos += len(sentence)
    return CorpusDocument(
        id=header["id"],
        topic=header["topic"],
        genre=header["genre"],
        date=header["date"],
        text="".join(text_parts),
        spans=spans,
    )


SPLITS = ("train", "dev", "test")
# Position in each topic's genre-sorted document list -> split. Six slots give
# about 17% test and 15% dev, spread over genres because documents are sorted
# by genre before the slots are dealt.
_SLOTS = {2: "test", 5: "dev"}
_CYCLE = 6


def load_corpus(source_dir: Path) -> list[CorpusDocument]:
    """Every source document, checking that ids are unique and match their file and folder."""
    docs = []
    seen: dict[str, Path] = {}
    for path in sorted(Path(source_dir).glob("*/*.txt")):
        doc = read_source_document(path)
        if doc.id != path.stem:
            raise FactcheckError(f"{path}: id {doc.id!r} does not match the file name")
        if doc.topic != path.parent.name:
            raise FactcheckError(f"{path}: topic {doc.topic!r} does not match the folder")
        if doc.id in seen:
            raise FactcheckError(f"{path}: id {doc.id!r} already used by {seen[doc.id]}")
        seen[doc.id] = path
        docs.append(doc)
    return docs


def assign_splits(docs: list[CorpusDocument], frozen: dict[str, str]) -> dict[str, str]:
    """Document id -> split. Frozen assignments never move; new documents are dealt by topic.

    Within a topic, unassigned documents are sorted by genre and id and dealt
    into slots, so every topic and most genres reach the test split.
    """
    assignment = {doc_id: split for doc_id, split in frozen.items() if doc_id in {d.id for d in docs}}
    by_topic: dict[str, list[CorpusDocument]] = {}
    for doc in docs:
        if doc.id not in assignment:
            by_topic.setdefault(doc.topic, []).append(doc)
    for topic_docs in by_topic.values():
        topic_docs.sort(key=lambda d: (d.genre, d.id))
        for position, doc in enumerate(topic_docs):
            assignment[doc.id] = _SLOTS.get(position % _CYCLE, "train")
    return assignment


def _shingles(sentence: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", sentence.lower())
    if len(words) < 3:
        return frozenset([tuple(words)])
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def near_duplicates(
    docs: list[CorpusDocument], assignment: dict[str, str], threshold: float = 0.7
) -> list[tuple[str, str, float]]:
    """Sentence pairs from different splits whose word-trigram Jaccard is at least ``threshold``.

    A sentence that appears (nearly) verbatim in train and test would let the
    model score on memory instead of skill.
    """
    entries = [(assignment[d.id], text, _shingles(text)) for d in docs for text, _ in d.sentences()]
    index: dict[tuple[str, ...], list[int]] = {}
    for i, (_, _, shingles) in enumerate(entries):
        for shingle in shingles:
            index.setdefault(shingle, []).append(i)
    found = []
    for i, (split, text, shingles) in enumerate(entries):
        shared: dict[int, int] = {}
        for shingle in shingles:
            for j in index[shingle]:
                if j > i and entries[j][0] != split:
                    shared[j] = shared.get(j, 0) + 1
        for j, n in shared.items():
            similarity = n / len(shingles | entries[j][2])
            if similarity >= threshold:
                found.append((text, entries[j][1], round(similarity, 3)))
    return found
