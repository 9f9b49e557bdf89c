"""An annotation session: which sentence to ask next, and every answer kept the moment it is given.

``factcheck annotate`` is a loop over this module: the CLI reads keys and draws
the screen, the session decides what to ask and writes the file. The file is
the session's only memory and is only ever appended to. Each answer is one
JSON line, flushed and fsynced before the next sentence is shown, so quitting,
Ctrl-C, a kill or a crash loses at most the answer being typed, and running
again resumes where the file leaves off. An undo is a line of its own naming
the answer it cancels; ``data.read_examples`` applies it, so ``factcheck
train`` reads the file as it stands. Skips are not written: a skipped sentence
is asked again next run, because "not now" is not an answer to learn from.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from factcheck.data import Example, answer_key, label_counts, read_annotations, record_key
from factcheck.errors import FactcheckError, UsageError
from factcheck.escaping import display_name, json_line
from factcheck.inputs import STDIN, InputText, read_input
from factcheck.labelling import Labeller
from factcheck.labels import LABEL_IDS, LABELS

ORDERS = ("uncertain", "document")

#: The key for each label: ``1`` is the first label of ``LABELS``, and so on.
KEYS: dict[str, str] = {str(number): label.id for number, label in enumerate(LABELS, start=1)}


@dataclass(frozen=True)
class Item:
    """One sentence to ask about: where it is, its neighbours for context, the model's suggestion."""

    source: str
    index: int
    start: int
    end: int
    text: str
    before: str | None
    after: str | None
    suggested: str
    confidence: float
    doc_sentences: int

    @property
    def key(self) -> str:
        return answer_key(self.source, self.start, self.end)


@dataclass(frozen=True)
class Progress:
    """Sentences of these articles done, skips this run, and the file's standing answers per label."""

    done: int
    total: int
    skipped: int
    counts: dict[str, int]


@dataclass(frozen=True)
class Command:
    """What a key or an input line asks for: a label, accept, skip, undo, help or quit."""

    action: str
    label: str | None = None


_ACTIONS = {"": "accept", "s": "skip", "u": "undo", "?": "help", "q": "quit"}


def parse_command(text: str) -> Command | None:
    """Read an answer: a label's key or id, ``""`` (accept the suggestion), s, u, ? or q; None otherwise."""
    if text in KEYS:
        return Command("label", KEYS[text])
    if text in LABEL_IDS:
        return Command("label", text)
    action = _ACTIONS.get(text.lower())
    return Command(action) if action else None


def build_queue(docs: Sequence[InputText], labeller: Labeller, order: str) -> list[Item]:
    """Every sentence of ``docs`` with the model's suggestion, in the order they will be asked.

    ``uncertain`` puts the sentences the model is least sure of first: those
    are the answers that change the retrained model most.
    """
    if order not in ORDERS:
        raise FactcheckError(f"unknown order {order!r}; choose from {', '.join(ORDERS)}")
    items: dict[str, Item] = {}
    for doc in docs:
        rows = labeller.label_text(doc.text, doc.name, spans=False)  # an answer needs the label only
        for i, row in enumerate(rows):
            before = rows[i - 1].text if i else None
            after = rows[i + 1].text if i + 1 < len(rows) else None
            item = Item(
                doc.name,
                row.index,
                row.start,
                row.end,
                row.text,
                before,
                after,
                row.label,
                row.confidence,
                len(rows),
            )
            items[item.key] = item  # an article given twice is asked once
    queue = list(items.values())
    if order == "uncertain":
        queue.sort(key=lambda item: item.confidence)  # stable: ties keep reading order
    return queue


class Session:
    """The sentences still to ask and the answers standing in the annotation file.

    Use it as a context manager, or call ``close``: it holds the file open for
    appending for as long as the user is answering.
    """

    def __init__(
        self,
        path: Path,
        items: list[Item],
        answers: list[dict[str, Any]],
        fd: int,
        dropped: str | None = None,
    ) -> None:
        self.path = path
        #: The incomplete last line a crash left in the file, cut off when the session opened.
        self.dropped = dropped
        self._items = items
        self._by_key = {item.key: item for item in items}
        self._answers = answers
        answered = self._answered()
        self._pending = [item for item in items if (item.key, item.text) not in answered]
        self._skipped = 0
        self._fd = fd
        #: What reading the articles changed (control characters replaced), for the CLI to show.
        self.warnings: tuple[str, ...] = ()

    @classmethod
    def open(cls, path: str | Path, items: list[Item]) -> Session:
        """Resume from ``path`` (created if missing): sentences it already answers are not asked again.

        A last line without its newline is what a crash in the middle of a
        write leaves; it never was an answer and is cut off, so the file
        stays readable by ``factcheck train``.
        """
        path = Path(path)
        if path.suffix.lower() != ".jsonl":
            raise FactcheckError(f"{path}: the annotation file must be a .jsonl file")
        created = not path.exists()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as err:
            raise FactcheckError(f"{path}: cannot write ({err.strerror})") from None
        try:
            if created:
                _fsync_dir(path.parent)
            dropped = _mend_last_line(path, fd)
            answers = [record for record, _ in read_annotations(path)]
        except BaseException:
            os.close(fd)
            raise
        return cls(path, items, answers, fd, dropped)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def current(self) -> Item | None:
        """The sentence to ask now, or None when every one has a standing answer or was skipped."""
        return self._pending[0] if self._pending else None

    def answer(self, label: str) -> dict[str, Any]:
        """Label the current sentence; the line is on disk when this returns."""
        item = self.current()
        if item is None:
            raise FactcheckError("no sentence left to label")
        if label not in LABEL_IDS:
            raise FactcheckError(f"unknown label {label!r}; valid labels: {', '.join(LABEL_IDS)}")
        record = {
            "text": item.text,
            "label": label,
            "doc_id": item.source,
            "source": item.source,
            "start": item.start,
            "end": item.end,
            "suggested": item.suggested,
            "confidence": item.confidence,
            "time": _now(),
        }
        self._append(record)
        self._answers.append(record)
        self._pending.pop(0)
        return record

    def skip(self) -> None:
        """Pass over the current sentence for this run; it is asked again next time."""
        if self._pending:
            self._pending.pop(0)
            self._skipped += 1

    def undo(self) -> dict[str, Any] | None:
        """Cancel the latest standing answer (from this run or an earlier one) and ask it again next.

        Returns the cancelled answer, or None when there is nothing to undo.
        Answers written by hand, without a span, cannot be named by an undo
        line and are passed over.
        """
        spanned = [i for i, record in enumerate(self._answers) if record_key(record) is not None]
        if not spanned:
            return None
        record = self._answers[spanned[-1]]
        self._append({"undo": record_key(record), "time": _now()})
        del self._answers[spanned[-1]]
        item = self._by_key.get(str(record_key(record)))
        if item is not None and item.text == record["text"]:
            self._pending.insert(0, item)
        return record

    def progress(self) -> Progress:
        answered = self._answered()
        return Progress(
            done=sum((item.key, item.text) in answered for item in self._items),
            total=len(self._items),
            skipped=self._skipped,
            counts=label_counts(Example(r["text"], r["label"]) for r in self._answers),
        )

    def _answered(self) -> set[tuple[str | None, str]]:
        """Span and text of each standing answer: an edited article's changed sentence is asked anew."""
        return {(record_key(record), record["text"]) for record in self._answers}

    def _append(self, record: dict[str, Any]) -> None:
        """One whole line in one write on an O_APPEND descriptor, then fsync: it is there or it is not."""
        data = memoryview(json_line(record).encode("utf-8"))
        try:
            while data:
                data = data[os.write(self._fd, data) :]
            os.fsync(self._fd)
        except OSError as err:
            raise FactcheckError(
                f"{self.path}: cannot save the answer ({err.strerror}); it is not recorded, "
                "and the answers before it are safe"
            ) from None


def article_name(source: str, out: str | Path, earlier: Collection[str] = ()) -> str:
    """An article's name in the answers file: its path from the file's folder, however it was typed.

    Answers are found again by this name, so ``seeds/a.txt``, ``./seeds/a.txt``,
    an absolute path, a link or another working directory resume the same
    answers, and an article never lands in the training data twice under two
    names. The path runs between the real files (links resolved) and stays
    relative even when it climbs out (``../``): no home directory in shared
    answers, and the same name on a machine with the same layout. A file
    written before names were made this way named an article as it was typed;
    when ``earlier`` (the names the file already uses) holds that name, it is
    kept, so those answers still resume.
    """
    typed = display_name(source)
    if typed in earlier:
        return typed
    relative = os.path.relpath(os.path.realpath(source), os.path.dirname(os.path.realpath(out)))
    return display_name(Path(relative).as_posix())


def _names_used(out: str | Path) -> set[str]:
    """The article names an answers file already uses; none if it cannot be read (Session.open says why)."""
    try:
        return {str(record.get("source")) for record, _ in read_annotations(out)}
    except (FactcheckError, OSError):
        return set()


def open_session(
    out: str | Path,
    inputs: Sequence[str],
    model: str | Path | None,
    order: str,
    trust: bool = False,
    input_format: str = "auto",
) -> Session:
    """Everything ``factcheck annotate`` does before the first question: read, split, suggest, resume."""
    if STDIN in inputs:
        raise UsageError("annotate reads answers from standard input; give the articles as files")
    earlier = _names_used(out)
    docs = [
        replace(read_input(source, input_format), name=article_name(source, out, earlier))
        for source in inputs
    ]
    session = Session.open(out, build_queue(docs, Labeller.load(model, trust), order))
    session.warnings = tuple(warning for doc in docs for warning in doc.warnings)
    return session


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _mend_last_line(path: Path, fd: int) -> str | None:
    """Cut off a torn last line and return it; end a whole one a user saved without its newline."""
    data = path.read_bytes()
    if not data or data.endswith(b"\n"):
        return None
    cut = data.rfind(b"\n") + 1
    try:
        json.loads(data[cut:])
    except ValueError:
        os.truncate(path, cut)
        return data[cut:].decode("utf-8", "replace")
    os.write(fd, b"\n")
    return None


def _fsync_dir(directory: Path) -> None:
    """Make a new file's directory entry durable too, or a power cut could lose the whole file."""
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
