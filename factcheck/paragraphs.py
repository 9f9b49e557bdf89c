"""What a paragraph break is: one definition for the splitter, the span rules and the HTML report.

A sentence never runs across a blank line, a source is never looked for
across one, and the report starts a new paragraph at one; if the three
disagreed about which lines are blank, a line holding only a no-break space
would end a paragraph for one of them and not for the others.
"""

from __future__ import annotations

import re

#: A line holding only whitespace (any kind but a line break), with the whitespace after it.
BLANK_LINE = re.compile(r"\n[^\S\n]*\n\s*")


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: the text between blank lines."""
    bounds, start = [], 0
    for gap in BLANK_LINE.finditer(text):
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    return bounds
