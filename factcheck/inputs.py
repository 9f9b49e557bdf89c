"""Read the articles a user hands to ``predict`` and ``split``: files or stdin.

Reading is strict and explains itself: a missing file, a directory, bytes that
are not UTF-8 (with the line they are on) or an empty input each raise a
FactcheckError naming the file, because a silently skipped article is a
sentence nobody checked. A saved web page or a Markdown file is converted
to plain text whole (``factcheck.markup``); ``auto`` tells the formats apart
by extension, and on standard input by an HTML page's opening tag.

Offsets in the output count characters of the decoded text: a UTF-8 byte
order mark is not part of it. Control characters other than tab, newline and
carriage return (NUL, ESC with its whole escape sequence, DEL, C1) are not
text: each is replaced by a space, so no sentence is made of them and every
offset still points where it did, and a warning names the file and line. A
file name whose bytes are not UTF-8 is shown with ``\\xNN`` for those bytes.
"""

from __future__ import annotations

import glob
import io
import itertools
import os
import re
import select
import stat
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import FactcheckError, UsageError
from factcheck.escaping import display_name, json_object
from factcheck.markup import html_to_text, markdown_to_text

STDIN = "-"
_EXTENSIONS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
}
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)
# A terminal escape sequence as a whole (CSI "ESC [ ... final", OSC "ESC ] ... BEL/ST", two-byte
# "ESC x"), so "ESC [2J" leaves no "[2J" behind; then any single control character.
_CONTROL = re.compile(
    "\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]*(?:\x07|\x1b\\\\)?|\x1b[@-Z\\\\-_]"
    "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
Warn = Callable[[str], None]


@dataclass(frozen=True)
class InputText:
    """A named piece of text: the name is what output rows call the document.

    ``text`` is what is split and labelled; for HTML or Markdown input it is
    the converted text, ``source_format`` says so and ``summary`` what was
    taken from the document.
    """

    name: str
    text: str
    source_format: str = "text"
    summary: str = ""
    #: What reading changed, for the CLI to show: e.g. control characters replaced.
    warnings: tuple[str, ...] = field(default=(), compare=False)


def expand_inputs(sources: list[str]) -> list[str]:
    """Files as given, globs expanded (sorted, so every run reads them in the same order).

    A file that exists under its own name is taken as it is, even with ``*``
    or ``[`` in it; a quoted glob is expanded here, for a shell that did not
    (and for a cluster's command line, where shards are named by a pattern).
    """
    out: list[str] = []
    for source in sources:
        if source != STDIN and glob.has_magic(source) and not Path(source).is_file():
            matched = sorted(glob.glob(source, recursive=True))
            if not matched:
                raise FactcheckError(f"{source}: no file matches")
            out += matched
        else:
            out.append(source)
    return out


def refuse_replacing_inputs(targets: Iterable[Path], sources: Iterable[str]) -> None:
    """A user error when a file about to be written is one of the inputs: writing it would lose the input.

    Compared as files (``os.path.samestat``), so another spelling of the
    path, a symbolic link, a hard link, or standard input redirected from the
    file (``-o in.txt < in.txt``) is caught as well.
    """
    read = [(source, _file_status(source)) for source in sources]
    for target in targets:
        status = _file_status(str(target))
        for source, source_status in read:
            if status is not None and source_status is not None and os.path.samestat(status, source_status):
                name = "<stdin>" if source == STDIN else display_name(source)
                raise FactcheckError(
                    f"{display_name(str(target))}: is the input {name}; writing the output "
                    "there would replace it, so nothing was written: choose another output"
                )


def _file_status(source: str) -> os.stat_result | None:
    """The status of a regular file ``source`` names (standard input's for ``-``), else None."""
    try:
        status = os.fstat(sys.stdin.fileno()) if source == STDIN else os.stat(source)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):  # no such file, or no real stdin
        return None
    return status if stat.S_ISREG(status.st_mode) else None


def clean_text(text: str, name: str) -> tuple[str, tuple[str, ...]]:
    """``text`` with control characters replaced by spaces (offsets unchanged), and a warning if any were."""
    first = _CONTROL.search(text)
    if first is None:
        return text, ()
    count = len(_CONTROL.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    plural = "s" if count > 1 else ""
    warning = (
        f"{name}:{line}: {count} control character{plural} or escape sequence{plural} "
        f"(first U+{ord(first.group()[0]):04X}) replaced by spaces: they are not text"
    )
    return _CONTROL.sub(lambda match: " " * len(match.group()), text), (warning,)


class _Cleaner:
    """``clean_text`` for a streamed input: piece by piece, warning once, at the first line affected."""

    def __init__(self, name: str, warn: Warn | None) -> None:
        self.name = name
        self.warn = warn
        self.warned = False

    def __call__(self, text: str, lineno: int) -> str:
        if _CONTROL.search(text) is None:
            return text
        if not self.warned and self.warn is not None:
            self.warn(
                f"{self.name}:{lineno}: control characters or escape sequences replaced by spaces: "
                "they are not text"
            )
        self.warned = True
        return _CONTROL.sub(lambda match: " " * len(match.group()), text)


def input_format_of(source: str, input_format: str, text: str = "") -> str:
    """``auto`` picks the format by extension; on stdin a page that opens like HTML is HTML."""
    if input_format != "auto":
        return input_format
    if source == STDIN:
        return "html" if _HTML_START.match(text[:4096]) else "text"
    return _EXTENSIONS.get(Path(source).suffix.lower(), "text")


# A page's own statement of its encoding: <meta charset="…"> or <meta http-equiv … content="…; charset=…">.
_DECLARED_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def decode_utf8(data: bytes, name: str) -> str:
    """Decode UTF-8 (a BOM is dropped); a bad byte is reported with its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FactcheckError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x}); "
            "save the file as UTF-8 and try again"
        ) from None


def read_bytes(path: str | Path) -> bytes:
    """Read a file's bytes, turning OS errors into one-line user errors.

    "-" is refused by name: ``train`` and ``evaluate`` read their data more than once (to hash
    it, for span gold), which standard input cannot give.
    """
    if str(path) == STDIN:
        raise FactcheckError("-: standard input is not read here; give the annotated sentences as a file")
    path = Path(path)
    with _read_errors(display_name(str(path))):
        return path.read_bytes()


@contextmanager
def _read_errors(name: str) -> Iterator[None]:
    """Turn the OS errors of opening or reading a file into one-line user errors naming it."""
    try:
        yield
    except FileNotFoundError:
        raise FactcheckError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise FactcheckError(f"{name}: is a directory, expected a file") from None
    except PermissionError:
        raise FactcheckError(f"{name}: permission denied") from None
    except OSError as err:
        raise FactcheckError(f"{name}: cannot read ({err.strerror})") from None


def stdin_bytes() -> BinaryIO:
    """Standard input as bytes; a closed one ("factcheck predict - <&-") is a user error."""
    if sys.stdin is None:
        raise FactcheckError("<stdin>: cannot read (standard input is closed)")
    return sys.stdin.buffer


def read_input(source: str, input_format: str = "auto") -> InputText:
    """Read one input: a file path, or ``-`` for standard input; HTML and Markdown are converted."""
    if source == STDIN:
        name = "<stdin>"
        text = _decoded(stdin_bytes().read(), name)
    else:
        name = display_name(source)
        text = _decoded(read_bytes(source), name)
    return _checked(name, text, input_format_of(source, input_format, text))


def _decoded(data: bytes, name: str) -> str:
    """UTF-8, or the encoding a saved page declares (``<meta charset="iso-8859-1">``) when it is not."""
    try:
        return decode_utf8(data, name)
    except FactcheckError:
        declared = _DECLARED_CHARSET.search(data[:4096])
        if declared is None:
            raise
    charset = declared[1].decode("ascii")
    try:
        return data.decode(charset)
    except LookupError:
        raise FactcheckError(f"{name}: declares the unknown encoding {charset!r}") from None
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise FactcheckError(f"{name}:{line}: not {charset} text as the page declares") from None


def _checked(name: str, text: str, input_format: str) -> InputText:
    """Refuse empty input; blank control characters (before conversion, so lines are the file's)."""
    text, warnings = clean_text(text.removeprefix("\ufeff"), name)
    if not text.strip():
        raise FactcheckError(f"{name}: input is empty" + (" (only control characters)" if warnings else ""))
    return convert(InputText(name, text, warnings=warnings), input_format)


def convert(given: InputText, input_format: str) -> InputText:
    """The text to label: as given for plain text, converted whole for HTML or Markdown.

    A converted text is cleaned again: an entity such as ``&#27;`` can put a
    control character into it that the source did not hold.
    """
    if input_format == "html":
        converted = html_to_text(given.text, given.name)
    elif input_format == "markdown":
        converted = markdown_to_text(given.text, given.name)
    elif input_format == "text":
        return given
    elif input_format == "jsonl":
        raise FactcheckError(f"{given.name}: JSONL input (one document a line) is read by predict and split")
    else:
        raise FactcheckError(f"{given.name}: unknown input format {input_format!r}")
    text, warnings = clean_text(converted.text, f"{given.name} (as text)")
    return InputText(given.name, text, input_format, converted.summary, given.warnings + warnings)


def read_inputs(sources: list[str], text: str | None = None, input_format: str = "auto") -> list[InputText]:
    """Gather the inputs of a command: ``--text`` or paths; stdin when given nothing."""
    if text is not None:
        if sources:
            raise UsageError("give either --text or input files, not both")
        return [_checked("<text>", text, "text" if input_format == "auto" else input_format)]
    return [read_input(source, input_format) for source in (sources or [STDIN])]


# --- Streaming: units of text read incrementally ---------------------------------------------

# A paragraph longer than this (a file with no blank lines) is cut at a line
# break, preferably after sentence-final punctuation, so memory stays bounded.
MAX_UNIT_CHARS = 1 << 20
_CHUNK = 1 << 16
_SENTENCE_END = re.compile("[.!?\u2026][\"'\u2019\u201d)\\]]*\\s*\\Z")


@dataclass(frozen=True)
class Unit:
    """A piece of one document that splits into sentences on its own.

    ``offset`` is where ``text`` starts in the document, in characters, so a
    sentence's offsets in the unit plus ``offset`` are its document offsets;
    ``first`` marks the document's first unit, where a date header may stand.
    """

    doc: str
    text: str
    offset: int = 0
    first: bool = True


# What a reader yields: units, and FLUSH where the input has nothing more to
# give right now, so whatever is pending should be labelled and written first.
FLUSH = None


def stream_units(
    sources: list[str],
    text: str | None = None,
    input_format: str = "auto",
    on_convert: Callable[[InputText], None] | None = None,
    on_warning: Warn | None = None,
    on_error: Callable[[FactcheckError], None] | None = None,
) -> Iterator[Unit | None]:
    """The units of every input in order, read incrementally; ``FLUSH`` where input would block.

    With several inputs and ``on_error``, an input that cannot be read (missing, not UTF-8,
    empty) is reported there and the next one is read: one bad file does not cost the others.

    Plain text is cut into windows of whole paragraphs (a blank line always
    ends a sentence, so each window splits as the whole document would); a
    JSONL input holds one document per line, ``{"id": ..., "text": ...}``.
    HTML and Markdown are converted whole (``on_convert`` hears of each), and
    so is standard input under ``auto`` when it opens like an HTML page.
    Control characters are blanked as they stream; ``on_warning`` hears of it.
    """
    warn = on_warning or (lambda _warning: None)
    if text is not None:
        given = read_inputs([], text, input_format)[0]
        for warning in given.warnings:
            warn(warning)
        yield Unit(given.name, given.text)
        return
    for source in sources or [STDIN]:
        try:
            yield from _source_units(source, input_format, on_convert, warn)
        except FactcheckError as err:
            if on_error is None or len(sources) < 2:
                raise
            on_error(err)


def _source_units(
    source: str, input_format: str, on_convert: Callable[[InputText], None] | None, warn: Warn
) -> Iterator[Unit | None]:
    """The units of one input (``stream_units`` for each)."""
    fmt = input_format_of(source, input_format) if source != STDIN or input_format != "auto" else "sniff"
    if fmt in ("html", "markdown"):
        converted = read_input(source, fmt)
        if on_convert is not None:
            on_convert(converted)
        for warning in converted.warnings:
            warn(warning)
        yield Unit(converted.name, converted.text)
        return
    name = "<stdin>" if source == STDIN else display_name(source)
    clean = _Cleaner(name, warn)
    with _open_binary(source) as stream:
        lines = _lines(stream, name)
        if fmt == "sniff":
            fmt, lines = yield from _sniff(lines, name, on_convert)
        if fmt == "jsonl":
            yield from _jsonl_units(lines, name, clean)
        elif fmt == "text":
            yield from _paragraph_units(_cleaned(lines, clean), name)
        elif fmt != "html":
            raise FactcheckError(f"{name}: unknown input format {fmt!r}")


def _sniff(
    lines: Iterator[tuple[int, str] | None], name: str, on_convert: Callable[[InputText], None] | None
) -> Generator[Unit | None, None, tuple[str, Iterator[tuple[int, str] | None]]]:
    """Standard input under ``auto``: an HTML page is read whole and converted, anything else streams."""
    head: list[tuple[int, str] | None] = []
    seen = ""
    for item in lines:
        head.append(item)
        if item is None:
            continue
        seen += item[1]
        if seen.strip() or len(seen) > 4096:
            break
    if _HTML_START.match(seen[:4096]):
        page = "".join(item[1] for item in head if item) + "".join(item[1] for item in lines if item)
        converted = convert(InputText(name, page), "html")
        if on_convert is not None:
            on_convert(converted)
        yield Unit(converted.name, converted.text)
        return "html", iter(())
    return "text", itertools.chain(head, lines)


def batches(units: Iterable[Unit | None], max_chars: int = 1 << 18) -> Iterator[list[Unit]]:
    """Group units into batches of about ``max_chars``, ending one early at every ``FLUSH``.

    When reading fails part-way (a bad JSONL line), the documents read before
    it are still handed on, then the error: they are labelled and written,
    not lost with the batch they were gathered in.
    """
    batch: list[Unit] = []
    size = 0
    for unit in _until_error(units):
        if isinstance(unit, FactcheckError):
            if batch:
                yield batch
            raise unit
        if unit is not None:
            batch.append(unit)
            size += len(unit.text)
        if batch and (unit is None or size >= max_chars):
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _until_error(units: Iterable[Unit | None]) -> Iterator[Unit | FactcheckError | None]:
    """``units``, then the error that stopped them, as an item instead of raised."""
    try:
        yield from units
    except FactcheckError as err:
        yield err


@contextmanager
def _open_binary(source: str) -> Iterator[BinaryIO]:
    if source == STDIN:
        yield stdin_bytes()
        return
    path = Path(source)
    name = display_name(source)
    with _read_errors(name):
        handle = path.open("rb")
    with handle:
        if path.is_dir():
            raise FactcheckError(f"{name}: is a directory, expected a file")
        yield handle


def _lines(stream: BinaryIO, name: str) -> Iterator[tuple[int, str] | None]:
    """Decoded lines with their numbers, read as they arrive; ``None`` where the next read would block.

    Bytes are read as the OS delivers them (a pipe gives what has been
    written so far) and decoded line by line, so a bad byte is reported with
    its line and a line is never held back waiting for more input.
    """
    read, ready = _reader(stream)
    pending = b""
    lineno = 0
    first = True
    while True:
        chunk = read()
        if not chunk:
            break
        pending += chunk
        cut = pending.rfind(b"\n") + 1
        if not cut:
            if len(pending) <= 4 * MAX_UNIT_CHARS:
                continue
            cut = len(pending)  # one endless line: decode what there is, up to a whole character
            while cut > 1 and pending[cut - 1] & 0xC0 == 0x80:
                cut -= 1
            cut -= 1
        complete, pending = pending[:cut], pending[cut:]
        text = _decode_lines(complete, name, lineno, first)
        first = False
        # Lines end at "\n" only: a JSONL string may hold U+2028, and a blank line is "\n...\n".
        *whole, rest = text.split("\n")
        for line in whole:
            lineno += 1
            yield lineno, line + "\n"
        if rest:  # a piece of an endless line; the next chunk goes on with it
            yield lineno + 1, rest
        if not ready():
            yield None
    if pending:
        yield lineno + 1, _decode_lines(pending, name, lineno, first)


def _decode_lines(data: bytes, name: str, lineno: int, first: bool) -> str:
    try:
        return data.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError as err:
        line = lineno + data[: err.start].count(b"\n") + 1
        # A page piped in is read as text until it is known to be one; as a page, its charset counts.
        page = "; a saved page in another encoding: --input-format html" if name == "<stdin>" else ""
        raise FactcheckError(
            f"{name}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x}); "
            f"save the file as UTF-8 and try again{page}"
        ) from None


def _reader(stream: BinaryIO) -> tuple[Callable[[], bytes], Callable[[], bool]]:
    """How to read what is available, and whether more is available without waiting."""
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return (lambda: stream.read(_CHUNK)), (lambda: True)
    if os.fstat(fd).st_mode & stat.S_IFREG:
        return (lambda: os.read(fd, _CHUNK * 16)), (lambda: True)
    return (lambda: os.read(fd, _CHUNK)), (lambda: bool(select.select([fd], [], [], 0)[0]))


def _cleaned(lines: Iterable[tuple[int, str] | None], clean: _Cleaner) -> Iterator[tuple[int, str] | None]:
    for item in lines:
        yield item if item is None else (item[0], clean(item[1], item[0]))


def _paragraph_units(lines: Iterable[tuple[int, str] | None], name: str) -> Iterator[Unit | None]:
    """Windows of whole paragraphs: a unit ends at a blank line after some text."""
    pending: list[str] = []
    size = 0
    offset = 0
    first = True
    has_text = False
    seen_text = False

    def emit(count: int) -> Unit:
        nonlocal pending, size, offset, first, has_text
        text = "".join(pending[:count])
        unit = Unit(name, text, offset, first)
        offset += len(text)
        first = False
        pending = pending[count:]
        size = sum(map(len, pending))
        has_text = any(line.strip() for line in pending)
        return unit

    for item in lines:
        if item is None:
            yield FLUSH
            continue
        _, line = item
        blank = not line.strip()
        pending.append(line)
        size += len(line)
        if blank and has_text:
            yield emit(len(pending))
        elif size > MAX_UNIT_CHARS:
            yield emit(_long_paragraph_cut(pending))
        has_text = has_text or not blank
        seen_text = seen_text or not blank
    if pending:
        yield emit(len(pending))
    if not seen_text:
        raise FactcheckError(f"{name}: input is empty")


def _long_paragraph_cut(lines: list[str]) -> int:
    """How many lines of an over-long paragraph to label now: up to the last sentence-final line."""
    for i in range(len(lines) - 1, 0, -1):
        if _SENTENCE_END.search(lines[i - 1]):
            return i
    return len(lines) - 1 if len(lines) > 1 else 1


def _jsonl_units(
    lines: Iterable[tuple[int, str] | None], name: str, clean: _Cleaner
) -> Iterator[Unit | None]:
    """One document a line: ``{"id": "...", "text": "..."}``; blank lines are skipped.

    Rows are named by the id, so one file giving an id twice is refused. The same id in
    another input (a later shard) goes on with that document, its rows numbered on.
    """
    seen = False
    ids: dict[str, int] = {}
    for item in lines:
        if item is None:
            yield FLUSH
            continue
        lineno, line = item
        if not line.strip():
            continue
        where = f"{name}:{lineno}"
        record = json_object(line, where, 'an object like {"id": "a1", "text": "..."}')
        doc, text = record.get("id"), record.get("text")
        if not isinstance(text, str):
            raise FactcheckError(f'{where}: "text" must be a string')
        if doc is None:
            doc = f"{name}:{lineno}"
        elif not isinstance(doc, (str, int)) or isinstance(doc, bool):
            raise FactcheckError(f'{where}: "id" must be a string or a number')
        if ids.setdefault(str(doc), lineno) != lineno:
            raise FactcheckError(
                f"{where}: id {display_name(str(doc))} is also on line {ids[str(doc)]}; give each "
                "document its own id (one line holds one whole document)"
            )
        seen = True
        if not text.strip() and clean.warn is not None:  # not an error: the other documents are fine
            clean.warn(f"{where}: document {display_name(str(doc))} has no text; it has no rows")
        yield Unit(str(doc), clean(text, lineno))
    if not seen:
        raise FactcheckError(f"{name}: input is empty")
