"""Read the articles a user hands to ``predict`` and ``split``: files or stdin.

Reading is strict and explains itself: a missing file, a directory, bytes that
are not UTF-8 (with the line they are on) or an empty input each raise a
FactcheckError naming the file, because a silently skipped article is a
sentence nobody checked. A saved web page or a Markdown file is converted
to plain text whole (``factcheck.markup``); ``auto`` tells the formats apart
by extension, and on standard input by an HTML page's opening tag.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.markup import html_to_text, markdown_to_text

STDIN = "-"
INPUT_FORMATS = ("auto", "text", "html", "markdown")
_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".md": "markdown", ".markdown": "markdown"}
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE | re.DOTALL)


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


def input_format_of(source: str, input_format: str, text: str = "") -> str:
    """``auto`` picks the format by extension; on stdin a page that opens like HTML is HTML."""
    if input_format != "auto":
        return input_format
    if source == STDIN:
        return "html" if _HTML_START.match(text[:4096]) else "text"
    return _EXTENSIONS.get(Path(source).suffix.lower(), "text")


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
    """Read a file's bytes, turning OS errors into one-line user errors."""
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise FactcheckError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FactcheckError(f"{path}: is a directory, expected a file") from None
    except PermissionError:
        raise FactcheckError(f"{path}: permission denied") from None
    except OSError as err:
        raise FactcheckError(f"{path}: cannot read ({err.strerror})") from None


def read_input(source: str, input_format: str = "auto") -> InputText:
    """Read one input: a file path, or ``-`` for standard input; HTML and Markdown are converted."""
    if source == STDIN:
        text = decode_utf8(sys.stdin.buffer.read(), "<stdin>")
        name = "<stdin>"
    else:
        text = decode_utf8(read_bytes(source), source)
        name = source
    if not text.strip():
        raise FactcheckError(f"{name}: input is empty")
    return convert(InputText(name, text), input_format_of(source, input_format, text))


def convert(given: InputText, input_format: str) -> InputText:
    """The text to label: as given for plain text, converted whole for HTML or Markdown."""
    if input_format == "html":
        converted = html_to_text(given.text, given.name)
    elif input_format == "markdown":
        converted = markdown_to_text(given.text, given.name)
    elif input_format == "text":
        return given
    else:
        raise FactcheckError(f"{given.name}: unknown input format {input_format!r}")
    return InputText(given.name, converted.text, input_format, converted.summary)


def read_inputs(sources: list[str], text: str | None = None, input_format: str = "auto") -> list[InputText]:
    """Gather the inputs of a command: ``--text`` or paths; stdin when given nothing."""
    if text is not None:
        if sources:
            raise FactcheckError("give either --text or input files, not both")
        if not text.strip():
            raise FactcheckError("--text: input is empty")
        given = InputText("<text>", text)
        return [convert(given, "text" if input_format == "auto" else input_format)]
    return [read_input(source, input_format) for source in (sources or [STDIN])]
