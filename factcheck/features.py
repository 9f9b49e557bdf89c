"""Turn sentences into the sparse vectors the linear model weighs: the scikit-learn estimators.

The first stage, ``HashedCounts``, is stateless: word n-grams, character
n-grams inside word boundaries and cue indicators are hashed into fixed
columns, so it needs no vocabulary, its output for a sentence never depends on
other sentences, and count vectors computed once (the shipped base data,
shards on other machines) stay valid for every later model. It is vectorised
over a whole batch (``hashing``: no Python code runs per sentence or per
n-gram). The second stage, ``BlockTfidf``, learns document frequencies and
weights each family the way a TF-IDF vectoriser would.

Readable names for ``explain`` come from the sentence itself: hashing is one
way, so ``HashedCounts.names_for`` lists the n-grams a sentence contains with
the column each lands in.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils import Tags
from sklearn.utils.validation import check_is_fitted, validate_data

from factcheck.hashing import (
    _TOKEN_RE,
    CUE_PHRASES,
    CUES,
    Batch,
    blocks,
    column_lookup,
    count_pairs,
    entries,
    weigh,
)

__all__ = ["CUES", "CUE_PHRASES", "BlockTfidf", "HashedCounts", "blocks"]


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

    def __sklearn_tags__(self) -> Tags:
        # Sentences in, as HashingVectorizer takes them: a 1-d sequence of strings, no fit needed.
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags

    @property
    def width(self) -> int:
        return 2 * self.n_features + len(CUES)

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows, cols = self._entries(Batch(list(texts)))[:2]
        keys, counts = count_pairs(rows * self.width + cols)
        indptr = np.searchsorted(keys, np.arange(len(texts) + 1) * self.width)
        return sparse.csr_matrix(
            (counts.astype(np.float64), keys % self.width, indptr), shape=(len(texts), self.width)
        )

    def names_for(self, texts: Sequence[str]) -> list[dict[int, str]]:
        """For each text, column -> readable name of the n-grams and cues it contains.

        ``according to`` for a word bigram, ``char:ing `` for characters,
        ``cue:hedge``; two n-grams of one sentence sharing a bucket are joined by ``|``.
        """
        batch = Batch(list(texts))
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

    def _entries(self, batch: Batch, with_spans: bool = False) -> tuple[np.ndarray, ...]:
        return entries(batch, self.word_ngrams, self.char_ngrams, self.cues, self.n_features, with_spans)


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
        X = _canonical(validate_data(self, X, accept_sparse="csr", dtype=_COUNT_DTYPES))
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
        # No rows is no sentences to weigh, not an error (an empty split, an empty article).
        X = validate_data(
            self, X, accept_sparse="csr", dtype=_COUNT_DTYPES, reset=False, ensure_min_samples=0
        )
        X = _canonical(X)
        rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
        position = self._lookup()[X.indices]
        seen = position >= 0
        rows, position = rows[seen], position[seen]
        counts = X.data[seen]
        data, indptr = weigh(rows, position, counts, self.idf_, self.family_, self.sublinear_tf, X.shape[0])
        return sparse.csr_matrix((data, position, indptr), shape=(X.shape[0], len(self.columns_)))

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # counts come from HashedCounts as CSR
        return tags

    def _lookup(self) -> np.ndarray:
        """Position of each input column among ``columns_`` (-1: unseen), built on first use.

        Kept beside the estimator, not in it: ``transform`` leaves the estimator's state as
        it was (scikit-learn's contract), and a saved model holds only what was learnt.
        """
        cached = _LOOKUPS.get(self)
        if cached is None or cached[0] is not self.columns_:  # a refit has other columns
            cached = _LOOKUPS[self] = (self.columns_, column_lookup(self.columns_, self.n_features_in_))
        return cached[1]


#: Counts are kept as given in either float width: out-of-core training hashes float32 chunks, and
#: widening them would cost memory that mode exists to bound (as TfidfTransformer accepts both).
_COUNT_DTYPES = (np.float64, np.float32)
#: Each fitted BlockTfidf's column lookup, keyed weakly so it goes with its estimator.
_LOOKUPS: weakref.WeakKeyDictionary[BlockTfidf, tuple[np.ndarray, np.ndarray]] = weakref.WeakKeyDictionary()


def _canonical(X: sparse.spmatrix) -> sparse.csr_matrix:
    X = sparse.csr_matrix(X)
    if not X.has_canonical_format:
        X = X.copy()
        X.sum_duplicates()
    return X
