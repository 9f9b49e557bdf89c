"""Document context: relabel each sentence from its neighbours, its document and the quotation it sits in.

A sentence alone often cannot be labelled. "It undermines our allies." is
the writer's opinion in an editorial and an attributed claim when it is the
second sentence of a member's quoted statement; an interview answer reads
like a plain report; a press release's closing lines are boilerplate. Real
articles are full of such sentences, and on the real-news dev split they
were most of the sentence model's mistakes. So labelling has two stages:

1. the sentence pipeline (``model.make_pipeline``) gives every sentence
   probabilities from its own words;
2. a small second model relabels it from those probabilities, its
   neighbours' and its document's average, whether a quotation opened
   earlier is still open, how much of it is inside quotation marks, and
   where it stands in the document.

The second stage learns from *out-of-fold* probabilities (the sentence model
scoring documents it was not fitted on, folds grouped by document), so it
learns how far to trust the first stage on unseen text, not on its own
training sentences.

Everything the second stage needs besides probabilities is a few numbers per
sentence (``layout``), computed from the sentence alone and composable along
a document, so the shipped base data can carry them without any text.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.validation import check_is_fitted

if TYPE_CHECKING:  # prediction imports neither: they cost start-up time
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.pipeline import Pipeline

# Quotation marks that open, close, or do either (straight quotes toggle).
_OPENING, _CLOSING, _STRAIGHT = "\u201c", "\u201d", '"'
_QUOTE_RE = re.compile('[\u201c\u201d"]')

#: Columns of ``layout``: for a sentence that starts outside a quotation, then
#: for one that starts inside (end state, share of characters quoted, quoted
#: segments, longest quoted run in words), then facts that do not depend on it.
LAYOUT_COLUMNS = (
    "outside:ends_open",
    "outside:quoted_share",
    "outside:segments",
    "outside:longest_run",
    "inside:ends_open",
    "inside:quoted_share",
    "inside:segments",
    "inside:longest_run",
    "has_quote_mark",
    "starts_with_quote",
    "ends_with_question",
    "single_quote_opens",
)


def _scan(text: str, marks: list[tuple[int, str]], open_at_start: bool) -> tuple[float, float, float, float]:
    """Follow the quotation state through one sentence: (ends open, quoted share, segments, longest run)."""
    is_open = open_at_start
    since = 0  # where the current quoted stretch began
    quoted = segments = longest = 0
    for position, mark in marks:
        opens = mark == _OPENING or (mark == _STRAIGHT and not is_open)
        if opens and not is_open:
            is_open, since, segments = True, position + 1, segments + 1
        elif not opens and is_open:
            stretch = text[since:position]
            quoted += len(stretch)
            longest = max(longest, stretch.count(" ") + 1)
            is_open = False
    if is_open:
        stretch = text[since:]
        quoted += len(stretch)
        longest = max(longest, stretch.count(" ") + 1)
    return float(is_open), quoted / max(len(text), 1), float(segments), float(np.log1p(longest))


def layout(texts: Sequence[str]) -> np.ndarray:
    """The text-free facts about each sentence the context stage needs (``LAYOUT_COLUMNS``)."""
    rows = np.zeros((len(texts), len(LAYOUT_COLUMNS)))
    for i, text in enumerate(texts):
        marks = [(m.start(), m.group()) for m in _QUOTE_RE.finditer(text)]
        stripped = text.strip()
        rows[i, :4] = _scan(text, marks, False)
        rows[i, 4:8] = _scan(text, marks, True)
        rows[i, 8] = bool(marks)
        rows[i, 9] = stripped[:1] in (_OPENING, _STRAIGHT, "\u2018", "'")
        rows[i, 10] = stripped.endswith("?")
        rows[i, 11] = text.count("\u2018")
    return rows


def document_bounds(groups: Sequence[Hashable] | None, n: int) -> list[tuple[int, int]]:
    """(start, end) of each run of equal group ids; no groups makes every sentence its own document."""
    if groups is None:
        return [(i, i + 1) for i in range(n)]
    if len(groups) != n:
        raise ValueError(f"groups has {len(groups)} entries for {n} sentences")
    bounds, start = [], 0
    for i in range(1, n + 1):
        if i == n or groups[i] != groups[start]:
            bounds.append((start, i))
            start = i
    return bounds


def context_features(proba: np.ndarray, rows: np.ndarray, bounds: Sequence[tuple[int, int]]) -> np.ndarray:
    """The second stage's input: each sentence's probabilities beside its neighbours' and document's."""
    n, k = proba.shape
    out = np.zeros((n, 4 * k + 14))
    for start, end in bounds:
        size = end - start
        total = proba[start:end].sum(axis=0)
        quoted = rows[start:end, 8].mean()
        questions = rows[start:end, 10].mean()
        is_open = False
        for i in range(start, end):
            row = rows[i]
            state = row[4:8] if is_open else row[0:4]
            others = (total - proba[i]) / max(size - 1, 1)
            out[i] = np.concatenate(
                [
                    np.log(proba[i] + 1e-4),
                    proba[i - 1] if i > start else np.zeros(k),
                    proba[i + 1] if i + 1 < end else np.zeros(k),
                    others,
                    [
                        float(is_open),
                        state[0],
                        state[1],
                        state[2],
                        state[3],
                        row[8],
                        row[9],
                        row[10],
                        float(i > start and rows[i - 1, 10]),
                        float(i == start),
                        (i - start) / max(size - 1, 1),
                        np.log(size),
                        quoted,
                        questions,
                    ],
                ]
            )
            is_open = bool(state[0])
    return out


def make_context_model() -> HistGradientBoostingClassifier:
    """The second stage: small boosted trees, which capture "inside a quotation, so attributed" rules.

    Chosen on the real-news dev split (``benchmarks/real_news.py``) against
    logistic regression and small neural networks on the same inputs; this
    size scored as well as larger ones and loads faster.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=60, max_leaf_nodes=15, learning_rate=0.15, class_weight="balanced", random_state=0
    )


class DocumentClassifier(ClassifierMixin, BaseEstimator):
    """The sentence pipeline followed by the context stage, as one scikit-learn classifier.

    Rows are sentences in reading order. ``groups`` names each row's document
    (rows of a document must be adjacent); without it every sentence is read
    as a document of its own, which is what labelling loose sentences means.

    With fewer than ``min_documents`` documents the context stage is not
    fitted and the sentence pipeline's probabilities are the answer: out-of-
    fold probabilities from a handful of documents are too noisy to learn
    from (on the 50-sentence starter set the stage labelled everything
    ``attributed``). A user's small set trained with ``--base default`` has
    the base's documents and always gets the stage.
    """

    def __init__(
        self,
        sentence_model: Pipeline | None = None,
        folds: int = 5,
        min_documents: int = 50,
        n_jobs: int | None = None,
    ) -> None:
        self.sentence_model = sentence_model
        self.folds = folds
        self.min_documents = min_documents
        self.n_jobs = n_jobs

    def fit(
        self, X: Sequence[str], y: Sequence[str], groups: Sequence[Hashable] | None = None
    ) -> DocumentClassifier:
        texts = list(X)
        model = self._sentence_model()
        return self.fit_counts(model[0].transform(texts), layout(texts), y, groups)

    def fit_counts(
        self,
        counts: sparse.spmatrix,
        rows: np.ndarray,
        y: Sequence[str],
        groups: Sequence[Hashable] | None = None,
    ) -> DocumentClassifier:
        """Fit from the sentence pipeline's first-step counts and ``layout`` rows (what a base ships)."""
        from joblib import Parallel, delayed
        from sklearn.model_selection import GroupKFold

        labels = np.asarray(y)
        counts = sparse.csr_matrix(counts)
        bounds = document_bounds(groups, len(labels))
        document = np.zeros(len(labels), dtype=np.int64)
        for number, (start, end) in enumerate(bounds):
            document[start:end] = number
        model = clone(self._sentence_model())
        self.classes_ = classes = np.unique(labels)
        self.sentence_model_ = model
        if len(bounds) < max(self.min_documents, self.folds, 2):
            model[1:].fit(counts, labels)
            self.context_model_ = None
            return self
        splits = list(GroupKFold(self.folds).split(counts, labels, document))
        parts = Parallel(n_jobs=self.n_jobs)(
            delayed(_out_of_fold)(clone(model[1:]), counts, labels, train, held, classes)
            for train, held in splits
        )
        out_of_fold = np.zeros((len(labels), len(classes)))
        for (_, held), proba in zip(splits, parts, strict=True):
            out_of_fold[held] = proba
        model[1:].fit(counts, labels)
        self.context_model_ = make_context_model().fit(context_features(out_of_fold, rows, bounds), labels)
        return self

    def predict_proba(self, X: Sequence[str], groups: Sequence[Hashable] | None = None) -> np.ndarray:
        check_is_fitted(self, "sentence_model_")
        texts = list(X)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        first = self.sentence_model_.predict_proba(texts)
        if self.context_model_ is None:  # too few documents to learn context from
            return first
        features = context_features(first, layout(texts), document_bounds(groups, len(texts)))
        return self.context_model_.predict_proba(features)

    def predict(self, X: Sequence[str], groups: Sequence[Hashable] | None = None) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X, groups), axis=1)]

    def _sentence_model(self) -> Pipeline:
        from factcheck.model import make_pipeline  # model imports this module for make_model

        return self.sentence_model if self.sentence_model is not None else make_pipeline()


def _out_of_fold(
    model: Pipeline,
    counts: sparse.csr_matrix,
    labels: np.ndarray,
    train: np.ndarray,
    held: np.ndarray,
    classes: np.ndarray,
) -> np.ndarray:
    """Probabilities for the held-out documents from a model fitted without them, in ``classes`` order."""
    model.fit(counts[train], labels[train])
    proba = np.zeros((len(held), len(classes)))
    proba[:, np.searchsorted(classes, model.classes_)] = model.predict_proba(counts[held])
    return proba
