"""Read the articles a user hands to ``predict`` and ``split``: files or stdin.

Reading is strict and explains itself: a missing file, a directory, bytes that
are not UTF-8 (with the line they are on) or an empty input each raise a
FactcheckError naming the file, because a silently skipped article is a
sentence nobody checked.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError

STDIN = "-"


@dataclass(frozen=True)
class InputText:
    """A named piece of text: the name is what output rows call the document."""

    name: str
    text: str


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


def read_input(source: str) -> InputText:
    """Read one input: a file path, or ``-`` for standard input."""
    if source == STDIN:
        text = decode_utf8(sys.stdin.buffer.read(), "<stdin>")
        name = "<stdin>"
    else:
        text = decode_utf8(read_bytes(source), source)
        name = source
    if not text.strip():
        raise FactcheckError(f"{name}: input is empty")
    return InputText(name, text)


def read_inputs(sources: list[str], text: str | None = None) -> list[InputText]:
    """Gather the inputs of a command: ``--text`` or paths; stdin when given nothing."""
    if text is not None:
        if sources:
            raise FactcheckError("give either --text or input files, not both")
        if not text.strip():
            raise FactcheckError("--text: input is empty")
        return [InputText("<text>", text)]
    return [read_input(source) for source in (sources or [STDIN])]
