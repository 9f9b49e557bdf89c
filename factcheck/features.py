"""Turn sentences into the sparse vectors the linear model weighs.

The first stage, ``HashedCounts``, is stateless: word n-grams, character
n-grams inside word boundaries and cue indicators are hashed into fixed
columns, so it needs no vocabulary, its output for a sentence never depends on
other sentences, and count vectors computed once (the shipped base data,
shards on other machines) stay valid for every later model. It is vectorised
over a whole batch: the batch is one array of code points, every n-gram's hash
comes from prefix sums over it, and no Python code runs per sentence or per
n-gram. The second stage, ``BlockTfidf``, learns document frequencies and
weights each family the way a TF-IDF vectoriser would.

Readable names for ``explain`` come from the sentence itself: hashing is one
way, so ``HashedCounts.names_for`` lists the n-grams a sentence contains with
the column each lands in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

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


class _Batch:
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
            for code in np.unique(cp[cp > 0xFFFF]):
                at = cp == code
                self.word[at] = chr(int(code)).isalnum()
                self.space[at] = chr(int(code)).isspace()
        # Prefix sums of cp[i] * P**-i: the hash of cp[s:e] is (C[e] - C[s]) * P**(e - 1).
        self.up, down = _powers(len(cp) + 1)
        self.prefix = np.zeros(len(cp) + 1, dtype=np.uint64)
        np.cumsum(cp.astype(np.uint64) * down[: len(cp)], out=self.prefix[1:])

    def substring_hashes(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        return (self.prefix[ends] - self.prefix[starts]) * self.up[ends - 1]

    def tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of every word token in order: runs of ``\\w`` and the quote/sign characters."""
        word = self.word
        before = np.concatenate(([False], word[:-1]))
        after = np.concatenate((word[1:], [False]))
        run_starts = np.flatnonzero(word & ~before)
        run_ends = np.flatnonzero(word & ~after) + 1
        punct = np.flatnonzero(np.isin(self.cp, _PUNCT_CODES))
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
        csum = np.concatenate(([0], np.cumsum(space)))
        if n > 2:
            inner = csum[n - 1 : n - 1 + count] - csum[1 : 1 + count]  # spaces strictly inside
        ok = inner == 0
        if n == 2:
            ok &= ~(space[:count] & space[1 : 1 + count])
        return np.flatnonzero(ok)


_PUNCT_CODES = np.array([ord(c) for c in _PUNCT_TOKENS], dtype=np.uint32)


class HashedCounts(TransformerMixin, BaseEstimator):
    """Counts of hashed word n-grams and char_wb n-grams, and cue indicators; stateless.

    Columns: ``n_features`` word buckets, ``n_features`` character buckets,
    then one column per cue (in ``CUES`` order). A family set to ``None`` or
    ``False`` leaves its columns empty, so every configuration has the same
    width and count vectors from one configuration line up with another's.
    """

    def __init__(
        self,
        word_ngrams: tuple[int, int] | None = (1, 2),
        char_ngrams: tuple[int, int] | None = (2, 5),
        cues: bool = True,
        n_features: int = 2**18,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.cues = cues
        self.n_features = n_features

    def fit(self, texts: Sequence[str], y: object = None) -> HashedCounts:
        if not (self.word_ngrams or self.char_ngrams or self.cues):
            raise ValueError("at least one feature family is needed")
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return True  # nothing to learn: usable as soon as it exists

    @property
    def width(self) -> int:
        return 2 * self.n_features + len(CUES)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows, cols = self._entries(_Batch(list(texts)), with_spans=False)[:2]
        keys, counts = np.unique(rows * self.width + cols, return_counts=True)
        indptr = np.searchsorted(keys, np.arange(len(texts) + 1) * self.width)
        return sparse.csr_matrix(
            (counts.astype(np.float64), keys % self.width, indptr), shape=(len(texts), self.width)
        )

    def names_for(self, texts: Sequence[str]) -> list[dict[int, str]]:
        """For each text, column -> readable name of the n-grams and cues it contains.

        ``according to`` for a word bigram, ``char:ing `` for characters,
        ``cue:hedge``; two n-grams of one sentence sharing a bucket are joined by ``|``.
        """
        batch = _Batch(list(texts))
        rows, cols, starts, ends, kinds = self._entries(batch, with_spans=True)
        named: list[dict[int, str]] = [{} for _ in texts]
        cue_names = list(CUES)
        for row, col, start, end, kind in zip(
            rows.tolist(), cols.tolist(), starts.tolist(), ends.tolist(), kinds.tolist(), strict=True
        ):
            if kind == 0:
                name = " ".join(re.findall(_TOKEN_RE, batch.lower[start:end]))
            elif kind == 1:
                name = "char:" + re.sub(r"[\s\x00]+", " ", batch.lower[start:end])
            else:
                name = f"cue:{cue_names[col - 2 * self.n_features]}"
            known = named[row].get(col)
            if known is None:
                named[row][col] = name
            elif name not in known.split("|"):
                named[row][col] = f"{known}|{name}"
        return named

    def _entries(self, batch: _Batch, with_spans: bool) -> tuple[np.ndarray, ...]:
        """Row, column (and with spans: start, end, family) of every hashed feature occurrence."""
        parts: list[tuple[np.ndarray, ...]] = []
        buckets = np.uint64(self.n_features)
        if self.word_ngrams or self.cues:
            tokens = _Tokens(batch)
        if self.word_ngrams:
            lo, hi = self.word_ngrams
            for n in range(lo, hi + 1):
                h, first = tokens.ngrams(n)
                r, s, e = tokens.rows[first], tokens.starts[first], tokens.ends[first + n - 1]
                parts.append((r, (h % buckets).astype(np.int64), s, e, np.zeros(len(r), dtype=np.int8)))
        if self.char_ngrams:
            lo, hi = self.char_ngrams
            for n in range(lo, hi + 1):
                s = batch.char_windows(n)
                h = _mix(batch.substring_hashes(s, s + n) + np.uint64(n), _CHAR_SEED)
                # A window starting on the padding space belongs to the sentence after it.
                r = batch.row[s + batch.space[s]]
                cols = (h % buckets).astype(np.int64) + self.n_features
                parts.append((r, cols, s, s + n, np.ones(len(r), dtype=np.int8)))
        if self.cues:
            for j, name in enumerate(CUES):
                if name in CUE_PHRASES:
                    r, s = tokens.phrase_rows(name)
                else:
                    s = np.fromiter(
                        (m.start() for m in _BATCH_PATTERNS[name].finditer(batch.original)), np.int64
                    )
                    r = np.searchsorted(batch.breaks, s, side="right") - 1
                    if len(batch.lower) != len(batch.original):
                        s = batch.breaks[r]  # positions in ``original``: name the cue, not the span
                cols = np.full(len(r), 2 * self.n_features + j, dtype=np.int64)
                parts.append((r, cols, s, s, np.full(len(r), 2, dtype=np.int8)))
        joined = tuple(np.concatenate(column) for column in zip(*parts, strict=True))
        return joined if with_spans else joined[:2]


class _Tokens:
    """The word tokens of a batch, their rows and the hashes of their n-grams."""

    def __init__(self, batch: _Batch) -> None:
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

    def phrase_rows(self, cue: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows holding one of the cue's phrases (once each), and the first token's position."""
        found_rows, found_at = [], []
        for n, wanted in _phrase_hashes(cue).items():
            h, first = self.ngrams(n)
            hit = first[np.isin(h, wanted)]
            found_rows.append(self.rows[hit])
            found_at.append(self.starts[hit])
        rows = np.concatenate(found_rows)
        rows, once = np.unique(rows, return_index=True)
        return rows, np.concatenate(found_at)[once]


@cache
def _phrase_hashes(cue: str) -> dict[int, np.ndarray]:
    """The n-gram hashes of a cue's phrases, by length in tokens: computed the same way as a sentence's."""
    by_length: dict[int, list[np.ndarray]] = {}
    for phrase in CUE_PHRASES[cue]:
        tokens = _Tokens(_Batch([phrase]))
        n = len(tokens.starts)
        by_length.setdefault(n, []).append(tokens.ngrams(n)[0])
    return {n: np.unique(np.concatenate(h)) for n, h in by_length.items()}


_TOKEN_RE = re.compile("\\w+|[" + re.escape(_PUNCT_TOKENS) + "]")


def blocks(width: int) -> list[tuple[str, int, int]]:
    """(family, first column, end column) of a ``HashedCounts`` output ``width`` columns wide."""
    n = (width - len(CUES)) // 2
    return [("word", 0, n), ("char", n, 2 * n), ("cue", 2 * n, width)]


class BlockTfidf(TransformerMixin, BaseEstimator):
    """TF-IDF over ``HashedCounts`` output: only seen columns, each feature family normalised on its own.

    Fitting keeps the columns some training sentence has, so the classifier
    weighs (and a model file stores) only those, and an n-gram never seen in
    training is ignored at prediction, as a vocabulary would ignore it. Word
    and character n-grams are L2-normalised separately, as two TF-IDF
    vectorisers side by side would be, so the hundreds of character n-grams
    of a sentence do not drown its few dozen words; cue indicators stay 0/1.
    Weights are ``(1 + log tf) * idf`` with smoothed idf, as scikit-learn's
    ``TfidfTransformer(sublinear_tf=True)`` computes them.
    """

    def __init__(self, sublinear_tf: bool = True) -> None:
        self.sublinear_tf = sublinear_tf

    def fit(self, X: sparse.spmatrix, y: object = None) -> BlockTfidf:
        X = _canonical(X)
        return self.fit_document_frequencies(np.bincount(X.indices, minlength=X.shape[1]), X.shape[0])

    def fit_document_frequencies(self, df: np.ndarray, n_samples: int) -> BlockTfidf:
        """Fit from each column's count of rows holding it, summed over chunks of any size.

        Document frequencies are all this step learns, so training out of
        core (``training.train_out_of_core``) fits it without the whole matrix.
        """
        self.columns_ = np.flatnonzero(df).astype(np.int64)
        idf = np.log((1 + n_samples) / (1 + df[self.columns_])) + 1.0
        family = np.zeros(len(self.columns_), dtype=np.int8)
        for i, (_, a, b) in enumerate(blocks(len(df))):
            family[(self.columns_ >= a) & (self.columns_ < b)] = i
        idf[family == 2] = 1.0  # cues are indicators, not terms
        self.idf_ = idf
        self.family_ = family
        self.n_features_in_ = len(df)
        return self

    def transform(self, X: sparse.spmatrix) -> sparse.csr_matrix:
        check_is_fitted(self, "columns_")
        X = _canonical(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"expected {self.n_features_in_} columns, got {X.shape[1]}")
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        position = np.searchsorted(self.columns_, X.indices)
        seen = position < len(self.columns_)
        seen[seen] = self.columns_[position[seen]] == X.indices[seen]
        rows, position = rows[seen], position[seen]
        data = X.data[seen].astype(np.float64)
        if self.sublinear_tf:  # cue columns hold 1, which this leaves alone
            data = np.log(data) + 1.0
        data *= self.idf_[position]
        family = self.family_[position]
        words = family < 2
        slot = rows[words] * 2 + family[words]
        norms = np.sqrt(np.bincount(slot, weights=data[words] ** 2, minlength=2 * X.shape[0]))
        norms[norms == 0] = 1.0
        data[words] /= norms[slot]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=X.shape[0]))))
        return sparse.csr_matrix((data, position, indptr), shape=(X.shape[0], len(self.columns_)))


def _canonical(X: sparse.spmatrix) -> sparse.csr_matrix:
    X = sparse.csr_matrix(X)
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    return X
