"""Make text harmless where it goes: spreadsheets, terminals and JSON Lines.

Sentences come from whoever wrote the article, so output must not let them
act. A CSV cell beginning with ``=`` ``+`` ``-`` ``@``, a tab or a carriage
return is a live formula once a spreadsheet opens it (the OWASP rule), so it
gains a leading ``'``; ``csv_cell_read`` undoes exactly that, so factcheck
reads its own CSV back unchanged. Escape sequences (``ESC [ 2 J``, an OSC
title) and bidirectional overrides would act on the terminal, so text for
people shows them as ``\\x1b``, ``\\u202e``. ``json.dumps(...,
ensure_ascii=False)`` leaves U+2028, U+2029 and U+0085 raw, and
``str.splitlines`` breaks lines on them, so every JSON line factcheck writes
escapes them and every JSONL reader splits on ``"\\n"`` only.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.errors import FactcheckError

#: What a spreadsheet takes for the start of a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Line breaks JSON leaves raw but str.splitlines (and JavaScript before ES2019) honour.
_JSON_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})

# Bidirectional controls reorder what a terminal shows ("Trojan Source").
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
#: Bidi controls shown as ``\u202e``: a page applies them as a terminal does (text that reads backwards).
BIDI_VISIBLE = str.maketrans({code: f"\\u{code:04x}" for code in _BIDI})
_TERMINAL = str.maketrans(
    {
        **{
            code: f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
            for code in [*range(0x20), *range(0x7F, 0xA0), *_BIDI, 0x2028, 0x2029]
        },
        # A byte of a file name that was not UTF-8 (Python's surrogateescape), then other lone surrogates.
        **{code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)},
        **{code: f"\\u{code:04x}" for code in [*range(0xD800, 0xDC80), *range(0xDD00, 0xE000)]},
    }
)


def csv_cell(value: Any) -> Any:
    """A cell no spreadsheet evaluates: formula starts, and quotes before one, gain a leading ``'``.

    Prefixing a run of quotes before a formula start too keeps the rule
    reversible: ``csv_cell_read`` removes exactly one quote where this added one.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell_read(value: str) -> str:
    """Undo ``csv_cell``: ``'=1`` reads as ``=1``; a quote before anything else is the text's own."""
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def terminal(text: str) -> str:
    """``text`` with control characters, escape sequences and bidi overrides shown as ``\\x..``."""
    return text.translate(_TERMINAL)


def display_name(name: str) -> str:
    """A file name as valid Unicode: bytes that were not UTF-8 show as ``\\xNN``.

    Python keeps such bytes as lone surrogates, which no UTF-8 output can
    carry; the marker keeps the name readable and the output valid.
    """
    if not any(0xD800 <= ord(char) <= 0xDFFF for char in name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def json_text(record: Any) -> str:
    """``record`` as JSON on one line, readable UTF-8, with no character any reader breaks lines on."""
    return json.dumps(record, ensure_ascii=False).translate(_JSON_LINE_BREAKS)


def json_line(record: Any) -> str:
    """One JSON Lines line, newline included, that any reader splits in the right place."""
    return json_text(record) + "\n"


def json_object(line: str, where: str, shape: str = "a JSON object") -> dict[str, Any]:
    """Parse one JSONL line that must hold an object; ``where`` (FILE:LINE) leads every error."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        at = "at the end of the line" if err.pos >= len(line.rstrip()) else f"at column {err.pos + 1}"
        raise FactcheckError(f"{where}: not valid JSON ({err.msg} {at})") from None
    if not isinstance(record, dict):
        raise FactcheckError(f"{where}: expected {shape}")
    return record


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text: split on ``"\\n"`` only (a CRLF file's ``"\\r"`` is dropped)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]
