"""Sentences to hashed feature occurrences, in numpy only: the part of the features prediction needs.

A batch of sentences becomes one array of code points; every word n-gram's,
character n-gram's and cue's occurrence comes out as a (row, column) pair
from prefix sums over it, with no Python code per sentence or per n-gram.
``weigh`` turns counts into the per-family TF-IDF weights. The scikit-learn
estimators around them (``features.HashedCounts``, ``features.BlockTfidf``)
and the lean predictor (``predictor``) share this code, so both compute the
same numbers; this module imports no scikit-learn, which keeps the start of
``factcheck predict`` short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np

# Quotation marks signal attribution, % and currency signs signal figures,
# ? and ! signal rhetoric: they are word tokens of their own.
_PUNCT_TOKENS = "\"\u201c\u201d\u2018\u2019'%?!$\u00a3\u20ac"
_SEP = "\x00"  # between sentences in a batch; never part of an n-gram or a cue match

# Cues a reader uses to tell the labels apart. They overlap with n-grams on
# purpose: one weight for "any reporting verb" generalises to verbs the
# training data saw rarely, which word n-grams cannot. Most are lists of
# words and phrases, matched on lower-cased word tokens (a hash lookup over
# the whole batch); the rest are patterns over the characters.
CUE_PHRASES: dict[str, tuple[str, ...]] = {
    "reporting_verb": tuple(
        [
            "said",
            "says",
            "told",
            "tells",
            "reported",
            "reports",
            "confirmed",
            "confirms",
            "denied",
            "denies",
            "warned",
            "warns",
            "claimed",
            "claims",
            "argued",
            "argues",
            "insisted",
            "insists",
            "believes",
            "believed",
            "wrote",
            "writes",
            "added",
            "announced",
            "stated",
            "noted",
            "acknowledged",
            "admitted",
            "alleged",
            "accused",
            "testified",
            "explained",
        ]
    ),
    "according_to": ("according to", "citing", "the court heard", "found that"),
    "hedge": (
        "about",
        "around",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "some",
        "up to",
        "at least",
        "as many as",
        "more than",
        "over",
        "fewer than",
        "estimate",
        "estimated",
        "estimates",
        "project",
        "projected",
        "forecast",
        "forecasts",
        "expected to",
        "likely",
        "could",
        "may",
        "might",
    ),
    "prescription": ("must", "should", "ought", "need to", "needs to", "it is time", "it is important"),
    "second_person": ("you", "your"),
}
_CUE_PATTERNS: dict[str, re.Pattern[str]] = {
    "quotation": re.compile('["\u201c\u201d]'),
    "number": re.compile(r"\d"),
    "range": re.compile(
        r"\d[\d,.]*\s*(?:-|\u2013|to)\s*[$\u00a3\u20ac]?\d|\bbetween\b[^\x00\n]*\d[^\x00\n]*\band\b", re.I
    ),
    "first_person": re.compile(r"\b(I|we|our|us|my|me)\b"),  # case matters: "US" is a country
    "question": re.compile("\\?\\s*[\"\u201d\u2019']?\\s*(?![^\\x00])"),
}
_NOT_TOKEN = "[^\\w" + re.escape(_PUNCT_TOKENS) + "]+"  # what lies between two adjacent word tokens
_CUE_ORDER = (
    "reporting_verb",
    "according_to",
    "quotation",
    "number",
    "range",
    "hedge",
    "prescription",
    "first_person",
    "second_person",
    "question",
)
# Every cue as a pattern that searches one sentence: the definition for
# readers and for the keyword baseline; a phrase pattern matches exactly where
# the token lookup does.
CUES: dict[str, re.Pattern[str]] = {
    name: _CUE_PATTERNS[name]
    if name in _CUE_PATTERNS
    else re.compile(r"\b(?:" + "|".join(p.replace(" ", _NOT_TOKEN) for p in CUE_PHRASES[name]) + r")\b", re.I)
    for name in _CUE_ORDER
}
# The character patterns for a joined batch: the tail swallows the rest of the
# sentence, so each sentence yields at most one match per cue.
_BATCH_PATTERNS = {
    name: re.compile(f"(?:{p.pattern})[^\\x00]*", p.flags) for name, p in _CUE_PATTERNS.items()
}
# A regular expression tries every position of the batch; these two patterns can only match
# in a sentence that has a digit (every range has one), or one of the first-person words as a
# lower-cased token (the pattern is case-sensitive, the tokens are not: a superset). Searching
# only those sentences finds exactly the same matches, in a fraction of the text.
_NEEDS_DIGIT = ("range",)
_FIRST_PERSON_WORDS = ("i", "we", "our", "us", "my", "me")

_P = 0x100000001B3  # FNV prime: odd, so it has an inverse modulo 2**64
_P_INV = pow(_P, -1, 2**64)
_WORD_SEED, _BIGRAM_SEED, _CHAR_SEED = np.uint64(0x9E37), np.uint64(0x7F4A), np.uint64(0x3C6E)


@lru_cache(maxsize=1)
def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    """Which Basic Multilingual Plane code points are ``\\w`` and which are whitespace."""
    chars = [chr(i) for i in range(0x10000)]
    word = np.fromiter((c.isalnum() or c == "_" for c in chars), dtype=bool, count=0x10000)
    space = np.fromiter((c.isspace() for c in chars), dtype=bool, count=0x10000)
    return word, space


_POWERS: list[np.ndarray] = []


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P**i and P**-i modulo 2**64 for i < n (numpy's uint64 arithmetic wraps modulo 2**64).

    Kept between batches and grown in powers of two, so a stream of batches
    computes them a handful of times.
    """
    if not _POWERS or len(_POWERS[0]) < n:
        size = 1 << max(n - 1, 1024).bit_length()
        up = np.full(size, _P, dtype=np.uint64)
        down = np.full(size, _P_INV, dtype=np.uint64)
        up[0] = down[0] = 1
        _POWERS[:] = [np.cumprod(up), np.cumprod(down)]
    return _POWERS[0], _POWERS[1]


def _mix(h: np.ndarray, seed: np.uint64) -> np.ndarray:
    """splitmix64's finaliser: spreads polynomial hashes evenly over the buckets."""
    z = h ^ seed
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


class Batch:
    """A batch of sentences as one lower-cased code-point array with substring hashing."""

    def __init__(self, texts: Sequence[str]) -> None:
        joined = _SEP.join(texts)
        if joined.count(_SEP) != max(len(texts) - 1, 0):  # a NUL inside a sentence
            joined = _SEP.join(t.replace(_SEP, " ") for t in texts)
        self.original = _SEP + joined + _SEP
        self.lower = self.original.lower()
        if len(self.lower) != len(self.original):  # a few characters lower-case into two
            self.lower = _SEP.join(("", *(t.replace(_SEP, " ").lower() for t in texts), ""))
        cp = np.frombuffer(self.lower.encode("utf-32-le"), dtype=np.uint32)
        self.cp = cp
        # Where sentences start and end in ``original`` (cue matches are found there).
        self.breaks = (
            np.flatnonzero(cp == 0)
            if len(self.lower) == len(self.original)
            else np.array([m.start() for m in re.finditer(_SEP, self.original)], dtype=np.int64)
        )
        self.n = len(texts)
        sep = cp == 0
        self.row = np.cumsum(sep) - 1  # the sentence each position belongs to (a NUL: the one before)
        word_table, space_table = _char_tables()
        small = np.minimum(cp, 0xFFFF)
        self.word = word_table[small] & (cp <= 0xFFFF)
        self.space = (space_table[small] & (cp <= 0xFFFF)) | sep
        if (cp > 0xFFFF).any():
            for code in _first_of_each(cp[cp > 0xFFFF])[0]:
                at = cp == code
                self.word[at] = chr(int(code)).isalnum()
                self.space[at] = chr(int(code)).isspace()
        # Prefix sums of cp[i] * P**-i: the hash of cp[s:e] is (C[e] - C[s]) * P**(e - 1).
        self.up, down = _powers(len(cp) + 1)
        self.prefix = np.zeros(len(cp) + 1, dtype=np.uint64)
        np.cumsum(cp.astype(np.uint64) * down[: len(cp)], out=self.prefix[1:])
        self._space_sums: np.ndarray | None = None

    def pattern_rows(self, cue: str, among: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Rows a character-pattern cue matches in (once each), and where its first match starts.

        ``among``: the sorted rows that can match at all; only those sentences are searched.
        """
        pattern = _BATCH_PATTERNS[cue]
        if among is None or len(among) > self.n // 2:
            starts = np.fromiter((m.start() for m in pattern.finditer(self.original)), np.int64)
            rows = np.searchsorted(self.breaks, starts, side="right") - 1
        else:
            # The candidate sentences joined as a batch of their own: NUL between them, as here.
            bounds = self.breaks.tolist()
            pieces = [self.original[bounds[r] : bounds[r + 1]] for r in among.tolist()]
            text = "".join(pieces) + _SEP
            offsets = np.cumsum([0, *map(len, pieces)])[:-1]
            found = np.fromiter((m.start() for m in pattern.finditer(text)), np.int64)
            which = np.searchsorted(offsets, found, side="right") - 1
            rows = among[which]
            starts = self.breaks[rows] + (found - offsets[which])
        if len(self.lower) != len(self.original):
            starts = self.breaks[rows]  # positions in ``original``: name the cue, not the span
        return rows, starts

    def substring_hashes(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        return (self.prefix[ends] - self.prefix[starts]) * self.up[ends - 1]

    def tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of every word token in order: runs of ``\\w`` and the quote/sign characters."""
        word = self.word
        before = np.concatenate(([False], word[:-1]))
        after = np.concatenate((word[1:], [False]))
        run_starts = np.flatnonzero(word & ~before)
        run_ends = np.flatnonzero(word & ~after) + 1
        punct = np.flatnonzero(_member(self.cp, _PUNCT_CODES))
        starts = np.concatenate((run_starts, punct))
        ends = np.concatenate((run_ends, punct + 1))
        order = np.argsort(starts, kind="stable")
        return starts[order], ends[order]

    def char_windows(self, n: int) -> np.ndarray:
        """Starts of the n-character windows inside one space-padded word (char_wb n-grams).

        Runs of whitespace count as one space and every sentence is padded by
        one at each end (the NUL between sentences plays that part), so a
        window may begin or end on a space but never hold one inside, and
        holds at least one character of the word.
        """
        count = len(self.cp) - n + 1
        if count <= 0:
            return np.zeros(0, dtype=np.int64)
        space = self.space
        inner = np.zeros(count, dtype=np.int64)
        if self._space_sums is None:
            self._space_sums = np.concatenate(([0], np.cumsum(space)))
        csum = self._space_sums
        if n > 2:
            inner = csum[n - 1 : n - 1 + count] - csum[1 : 1 + count]  # spaces strictly inside
        ok = inner == 0
        if n == 2:
            ok &= ~(space[:count] & space[1 : 1 + count])
        return np.flatnonzero(ok)


_PUNCT_CODES = np.array(sorted(ord(c) for c in _PUNCT_TOKENS), dtype=np.uint32)


def entries(
    batch: Batch,
    word_ngrams: tuple[int, int] | None,
    char_ngrams: tuple[int, int] | None,
    cues: bool,
    n_features: int,
    with_spans: bool = False,
) -> tuple[np.ndarray, ...]:
    """Row, column (and with spans: start, end, family) of every hashed feature occurrence.

    Columns: ``n_features`` word buckets, ``n_features`` character buckets,
    then one column per cue (in ``CUES`` order). Each cue occurs at most
    once per sentence.
    """
    parts: list[tuple[np.ndarray, ...]] = []
    if word_ngrams or cues:
        tokens = _Tokens(batch)
    if word_ngrams:
        lo, hi = word_ngrams
        for n in range(lo, hi + 1):
            h, first = tokens.ngrams(n)
            part = [tokens.rows[first], _bucket(h, n_features)]
            if with_spans:
                part += [tokens.starts[first], tokens.ends[first + n - 1], np.zeros(len(first), np.int8)]
            parts.append(tuple(part))
    if char_ngrams:
        lo, hi = char_ngrams
        for n in range(lo, hi + 1):
            s = batch.char_windows(n)
            h = _mix(batch.substring_hashes(s, s + n) + np.uint64(n), _CHAR_SEED)
            # A window starting on the padding space belongs to the sentence after it.
            part = [batch.row[s + batch.space[s]], _bucket(h, n_features) + n_features]
            if with_spans:
                part += [s, s + n, np.ones(len(s), dtype=np.int8)]
            parts.append(tuple(part))
    if cues:
        found: dict[str, np.ndarray] = {}
        for j, name in enumerate(CUES):
            if name in CUE_PHRASES:
                r, s = tokens.phrase_rows(CUE_PHRASES[name])
            elif name in _NEEDS_DIGIT and "number" in found:
                r, s = batch.pattern_rows(name, among=found["number"])
            elif name == "first_person":
                r, s = batch.pattern_rows(name, among=tokens.phrase_rows(_FIRST_PERSON_WORDS)[0])
            else:
                r, s = batch.pattern_rows(name)
            found[name] = r
            part = [r, np.full(len(r), 2 * n_features + j, dtype=np.int64)]
            if with_spans:
                part += [s, s, np.full(len(r), 2, dtype=np.int8)]
            parts.append(tuple(part))
    return tuple(np.concatenate(column) for column in zip(*parts, strict=True))


def _bucket(h: np.ndarray, n_features: int) -> np.ndarray:
    """``h % n_features`` as int64: a mask where ``n_features`` is a power of two (same numbers, faster)."""
    if n_features & (n_features - 1) == 0:
        return (h & np.uint64(n_features - 1)).astype(np.int64)
    return (h % np.uint64(n_features)).astype(np.int64)


class _Tokens:
    """The word tokens of a batch, their rows and the hashes of their n-grams."""

    def __init__(self, batch: Batch) -> None:
        self.starts, self.ends = batch.tokens()
        self.rows = batch.row[self.starts]
        self.unigram = batch.substring_hashes(self.starts, self.ends)
        self._cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def ngrams(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        """Hashes of every n-token sequence inside one sentence, and the index of its first token."""
        if n not in self._cache:
            count = len(self.starts) - n + 1
            if count <= 0:
                self._cache[n] = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
            elif n == 1:
                self._cache[n] = (_mix(self.unigram, _WORD_SEED), np.arange(count))
            else:
                h = self.unigram[:count].copy()
                for k in range(1, n):
                    h = _mix(h, _BIGRAM_SEED) + self.unigram[k : k + count]
                first = np.flatnonzero(self.rows[n - 1 :] == self.rows[:count])
                self._cache[n] = (_mix(h, _BIGRAM_SEED)[first], first)
        return self._cache[n]

    def phrase_rows(self, phrases: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
        """Rows holding one of the phrases (once each, sorted), and the first token's position."""
        found_rows, found_at = [], []
        for n, wanted in _phrase_hashes(phrases).items():
            h, first = self.ngrams(n)
            hit = first[_member(h, wanted)]
            found_rows.append(self.rows[hit])
            found_at.append(self.starts[hit])
        rows, once = _first_of_each(np.concatenate(found_rows))
        return rows, np.concatenate(found_at)[once]


@cache
def _phrase_hashes(phrases: tuple[str, ...]) -> dict[int, np.ndarray]:
    """The n-gram hashes of phrases, by length in tokens: computed the same way as a sentence's."""
    by_length: dict[int, list[np.ndarray]] = {}
    for phrase in phrases:
        tokens = _Tokens(Batch([phrase]))
        n = len(tokens.starts)
        by_length.setdefault(n, []).append(tokens.ngrams(n)[0])
    return {n: _first_of_each(np.concatenate(h))[0] for n, h in by_length.items()}


def _member(values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``np.isin(values, wanted)`` for sorted, distinct ``wanted`` (a binary search each)."""
    if not len(wanted):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(wanted, values).clip(max=len(wanted) - 1)
    return wanted[at] == values


def _first_of_each(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(values, return_index=True)``: the sorted distinct values, each one's first index.

    Written out because ``np.unique`` imports ``numpy.ma`` on first use, a
    fortieth of a second of a short ``predict``'s start.
    """
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.concatenate(([True], ordered[1:] != ordered[:-1])) if len(values) else np.zeros(0, bool)
    return ordered[first], order[first]


_TOKEN_RE = re.compile("\\w+|[" + re.escape(_PUNCT_TOKENS) + "]")


def blocks(width: int) -> list[tuple[str, int, int]]:
    """(family, first column, end column) of a ``HashedCounts`` output ``width`` columns wide."""
    n = (width - len(CUES)) // 2
    return [("word", 0, n), ("char", n, 2 * n), ("cue", 2 * n, width)]


def weigh(
    rows: np.ndarray,
    position: np.ndarray,
    counts: np.ndarray,
    idf: np.ndarray,
    family: np.ndarray,
    sublinear_tf: bool,
    n_rows: int,
) -> tuple[np.ndarray, np.ndarray]:
    """TF-IDF data and CSR row pointers for counts sorted by (row, position); families normalised apart.

    ``position`` indexes the fitted columns (``idf``, ``family``: 0 word,
    1 character, 2 cue). Cue indicators keep their weight (idf 1, count 1);
    word and character weights are L2-normalised per sentence and family.
    """
    data = counts.astype(np.float64)
    if sublinear_tf:  # log(1) + 1 is exactly 1, so only larger counts need the logarithm
        repeated = np.flatnonzero(data > 1)
        data[repeated] = np.log(data[repeated]) + 1.0
    data *= idf[position]
    slot = rows * 3 + family[position]
    norms = np.sqrt(np.bincount(slot, weights=data * data, minlength=3 * n_rows))
    norms[2::3] = 1.0  # cues are not normalised
    norms[norms == 0] = 1.0
    data /= norms[slot]
    indptr = np.searchsorted(rows, np.arange(n_rows + 1))  # rows are sorted
    return data, indptr


def count_pairs(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(keys, return_counts=True)``, sorting in place, in 32 bits where the keys fit."""
    if not len(keys):
        return keys.astype(np.int64), np.zeros(0, dtype=np.int64)
    if keys.max() < 2**31 and keys.min() >= 0:
        keys = keys.astype(np.int32)
    keys.sort()
    first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(first, len(keys)))
    return keys[first].astype(np.int64), counts


def column_lookup(columns: np.ndarray, width: int) -> np.ndarray:
    """For each of ``width`` columns, its position among the sorted fitted ``columns``, or -1.

    One gather per occurrence instead of a binary search: the table costs
    four bytes a column (2 MB at the default width).
    """
    lookup = np.full(width, -1, dtype=np.int32 if len(columns) < 2**31 else np.int64)
    lookup[columns] = np.arange(len(columns))
    return lookup
