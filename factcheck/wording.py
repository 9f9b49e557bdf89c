"""How a count reads in a message: one helper every module can import without weight.

It lives apart from ``formatting`` because the modules that report progress and
errors while training or reading data (``data``, ``training``, ``shards``,
``cluster``) must not pull in the output formats and everything they import.
"""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """ "1 sentence", "2 sentences", "3 batches": a count a reader sees is never "1 sentences"."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
