"""Source and quantity spans for a whole text: the library API behind the spans in ``predict``.

    >>> import factcheck
    >>> spans = factcheck.extract_spans("About 40 people were hurt, police said.")
    >>> [q.text for q in spans.quantities], [s.text for s in spans.sources]
    (['40 people'], ['police'])

Offsets are character offsets into the text given. Pass the sentence bounds a
splitter found to keep a subject search inside its sentence; without them a
rough split on sentence punctuation is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from factcheck.attribution import Source, find_sources
from factcheck.quantities import Quantity, find_quantities


@dataclass(frozen=True)
class Spans:
    """The sources and quantities of a text, in reading order."""

    sources: list[Source]
    quantities: list[Quantity]

    def shifted(self, offset: int) -> Spans:
        """The same spans with every offset moved by ``offset``: from a piece of a document to the whole."""
        if not offset:
            return self
        return Spans([_shift(s, offset) for s in self.sources], [_shift(q, offset) for q in self.quantities])

    def per_sentence(self, bounds: Sequence[tuple[int, int]]) -> list[Spans]:
        """Each sentence's share, in one pass over spans and sentences (both in reading order)."""
        shares = []
        i = j = 0
        for start, end in bounds:
            while i < len(self.sources) and self.sources[i].start < start:
                i += 1
            while j < len(self.quantities) and self.quantities[j].start < start:
                j += 1
            i0, j0 = i, j
            while i < len(self.sources) and self.sources[i].start < end:
                i += 1
            while j < len(self.quantities) and self.quantities[j].start < end:
                j += 1
            shares.append(Spans(self.sources[i0:i], self.quantities[j0:j]))
        return shares

    def within(self, start: int, end: int) -> Spans:
        """The spans that begin inside ``[start, end)``: one sentence's share."""
        return Spans(
            [s for s in self.sources if start <= s.start < end],
            [q for q in self.quantities if start <= q.start < end],
        )


def _shift(span: Any, offset: int) -> Any:
    """Move offsets: ``start``/``end`` and ``*_start``/``*_end`` fields, (start, end, text) tuples."""
    changes: dict[str, Any] = {}
    for field in fields(span):
        value = getattr(span, field.name)
        if isinstance(value, int) and not isinstance(value, bool) and field.name.endswith(("start", "end")):
            changes[field.name] = value + offset
        elif isinstance(value, tuple) and len(value) == 3 and all(isinstance(v, int) for v in value[:2]):
            changes[field.name] = (value[0] + offset, value[1] + offset, value[2])
    return replace(span, **changes)


def extract_spans(text: str, sentences: Sequence[tuple[int, int]] | None = None) -> Spans:
    """Every source (with cue and stance) and every quantity in ``text``."""
    sources = find_sources(text, sentences=sentences)
    starts = {s.start for s in sources}
    # "One trader said": "one" as "a certain" before a speaker is not a count (data/SPANS.md).
    quantities = [
        q for q in find_quantities(text) if not (q.start in starts and q.text.lower().startswith("one "))
    ]
    return Spans(sources, quantities)
