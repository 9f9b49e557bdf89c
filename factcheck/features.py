"""Turn sentences into the sparse vectors the linear model weighs.

Kept apart from the classifier so the accuracy benchmark can swap feature
sets while the shipped pipeline and users' own scikit-learn code build them
the same way. Every transformer here has feature names, which is what lets
``explain`` show a user which words and cues drove a label.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

# Quotation marks signal attribution, % and currency signs signal figures,
# ? signals rhetoric: the token pattern keeps them as tokens of their own.
_TOKEN_PATTERN = "(?u)\\b\\w+\\b|[\"\u201c\u201d\u2018\u2019'%?!$\u00a3\u20ac]"

# Cues a reader uses to tell the labels apart. They overlap with n-grams on
# purpose: one weight for "any reporting verb" generalises to verbs the
# training data saw rarely, which word n-grams cannot.
CUES: dict[str, re.Pattern[str]] = {
    "reporting_verb": re.compile(
        r"\b(said|says|told|tells|reported|reports|confirmed|confirms|denied|denies|warned|warns|"
        r"claimed|claims|argued|argues|insisted|insists|believes|believed|wrote|writes|added|"
        r"announced|stated|noted|acknowledged|admitted|alleged|accused|testified|explained)\b",
        re.I,
    ),
    "according_to": re.compile(r"\baccording to\b|\bciting\b|\bthe court heard\b|\bfound that\b", re.I),
    "quotation": re.compile('["\u201c\u201d]'),
    "number": re.compile(r"\d"),
    "range": re.compile(r"\d[\d,.]*\s*(?:-|\u2013|to)\s*[$\u00a3\u20ac]?\d|\bbetween\b.*\d.*\band\b", re.I),
    "hedge": re.compile(
        r"\b(about|around|roughly|approximately|nearly|almost|some|up to|at least|as many as|"
        r"more than|over|fewer than|estimated?|estimates|projected?|forecasts?|expected to|"
        r"likely|could|may|might)\b",
        re.I,
    ),
    "prescription": re.compile(r"\b(must|should|ought|need to|needs to|it is time|it is important)\b", re.I),
    "first_person": re.compile(r"\b(I|we|our|us|my|me)\b"),
    "second_person": re.compile(r"\byou(r)?\b", re.I),
    "question": re.compile(r"\?\s*[\"\u201d\u2019']?\s*$"),
}


class CueFeatures(TransformerMixin, BaseEstimator):
    """Binary indicators for the cues above; stateless, so ``fit`` learns nothing."""

    def fit(self, texts: list[str], y: object = None) -> CueFeatures:
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return True  # nothing to learn: usable as soon as it exists

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        rows = [[1.0 if pattern.search(text) else 0.0 for pattern in CUES.values()] for text in texts]
        return sparse.csr_matrix(np.asarray(rows, dtype=np.float64).reshape(len(rows), len(CUES)))

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        return np.asarray([f"cue:{name}" for name in CUES], dtype=object)


def word_tfidf(ngram_range: tuple[int, int] = (1, 2), min_df: int = 1) -> TfidfVectorizer:
    """Word n-gram TF-IDF with sublinear tf, so one repeated word cannot dominate a sentence."""
    return TfidfVectorizer(
        ngram_range=ngram_range, min_df=min_df, sublinear_tf=True, token_pattern=_TOKEN_PATTERN
    )


def char_tfidf(ngram_range: tuple[int, int] = (2, 5), min_df: int = 2) -> TfidfVectorizer:
    """Character n-grams inside word boundaries: robust to inflection and unseen names."""
    return TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range, min_df=min_df, sublinear_tf=True)


def make_features(
    word_ngrams: tuple[int, int] | None = (1, 2),
    char_ngrams: tuple[int, int] | None = None,
    cues: bool = False,
) -> TfidfVectorizer | FeatureUnion:
    """One vectoriser, or a union of the parts asked for, with readable prefixes."""
    parts: list[tuple[str, TransformerMixin]] = []
    if word_ngrams:
        parts.append(("word", word_tfidf(word_ngrams)))
    if char_ngrams:
        parts.append(("char", char_tfidf(char_ngrams)))
    if cues:
        parts.append(("cues", CueFeatures()))
    if not parts:
        raise ValueError("at least one feature family is needed")
    if len(parts) == 1 and not cues:
        return parts[0][1]
    return FeatureUnion(parts)
