"""How precise a figure is: percentile intervals over resampled documents.

A test split of a few hundred documents leaves each figure a margin that a
reader needs before comparing two of them. Whole documents are resampled, not
sentences: one document's sentences share a writer and a topic and err
together, and the splits were drawn by document too. Two systems scored with
the same documents and seed see the same resamples, so the difference of
their figures is a paired comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np  # imported where used: the CLI imports this module to start


#: How many per-document draw counts one chunk of resamples may hold (8 bytes each).
DRAWS_PER_CHUNK = 4_000_000
#: Above this many documents, identical documents are drawn as one kind (the same resampling, faster).
GROUP_ABOVE = 20_000
#: Fewer documents than this give no interval: one document resampled is always itself, and its
#: "interval" would have no width and look perfectly precise when it carries no information at all.
MIN_DOCUMENTS = 2


@dataclass(frozen=True)
class Interval:
    """A percentile bootstrap interval: where the figure falls over resampled documents."""

    low: float
    high: float

    def __str__(self) -> str:
        return f"{self.low:.3f}-{self.high:.3f}"


#: What the commands print in place of a range when ``can_resample`` says no.
NO_RANGE = "none, the file holds one document (resampling it gives itself)"


def can_resample(groups: Sequence[str]) -> bool:
    """Whether sentences of these documents are enough for an interval (``MIN_DOCUMENTS``)."""
    return len(set(groups)) >= MIN_DOCUMENTS


def resampled_totals(counts: np.ndarray, resamples: int = 2000, seed: int = 0) -> np.ndarray:
    """Totals of per-document ``counts`` (documents first) over documents drawn with replacement.

    Each resample draws as many documents as there are; the result has one
    row per resample and the shape of a document's counts after it.
    """
    import numpy as np

    documents = len(counts)
    if not documents:
        raise ValueError("no documents to resample")
    rng = np.random.default_rng(seed)
    if documents > GROUP_ABOVE:
        # Documents with the same counts are interchangeable, so drawing among their kinds, each
        # as likely as it is common, is the same resampling: a file of single sentences has at
        # most 16 kinds, and 100,000 of them take a moment instead of 20 seconds.
        kinds, multiplicity = np.unique(counts.reshape(documents, -1), axis=0, return_counts=True)
        draws = rng.multinomial(documents, multiplicity / documents, size=resamples)
        return np.tensordot(draws, kinds.reshape(len(kinds), *counts.shape[1:]), axes=1)
    chances = np.full(documents, 1 / documents)
    # A resample's draw is one count per document: a file of 100,000 sentences without document
    # ids drawn 2,000 times at once would hold 1.6 GB of counts, so resamples are drawn in chunks.
    rows = max(1, DRAWS_PER_CHUNK // documents)
    chunks = [min(rows, resamples - done) for done in range(0, resamples, rows)]
    return np.concatenate(
        [np.tensordot(rng.multinomial(documents, chances, size=n), counts, axes=1) for n in chunks]
    )


def interval(samples: np.ndarray, level: float = 0.95) -> Interval:
    """The central ``level`` share of ``samples`` (NaN, a figure a resample leaves undefined, left out)."""
    import numpy as np

    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(samples, [tail, 100 - tail])
    return Interval(round(float(low), 4), round(float(high), 4))
