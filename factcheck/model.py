"""The classifier: a Pipeline of hashed counts, TF-IDF weights and one linear model, read in context.

``make_model`` is what ships and what ``factcheck train`` fits: the sentence
pipeline followed by ``context``'s second stage, which relabels each sentence
among its document's. ``make_pipeline`` is the sentence pipeline alone.

The sentence pipeline is a plain ``Pipeline``, so it drops into users' own
grid searches and cross-validation unchanged; ``make_model``'s
``DocumentClassifier`` keeps scikit-learn's ``fit``, ``predict``,
``predict_proba`` and ``get_params``, with the documents as ``groups``,
which scikit-learn's ``cross_val_score`` never hands to ``predict`` (the
README shows a loop that does). The pipeline's first step, ``counts``, is stateless: count
vectors made once (the shipped base data, a cluster's shards) feed any later
fit of the remaining steps, ``pipeline[1:]``. Prediction is one pass of the
hashing code and one sparse matrix product per batch. Saving and loading live
in ``storage``; the configuration shipped by default is the one
``benchmarks/accuracy.py`` chose by grouped cross-validation (see
``benchmarks/RESULTS.md``).
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Callable, Hashable, Sequence
from contextlib import AbstractContextManager as ContextManager
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.utils.validation import check_is_fitted

from factcheck.context import (
    DocumentPredictor,
    TreeEnsemble,
    context_features,
    document_bounds,
    layout,
    probabilities,
)
from factcheck.features import BlockTfidf, HashedCounts
from factcheck.span_features import document_span_rows

CLASSIFIERS = ("logreg", "svm", "sgd")


def make_classifier(
    kind: str = "logreg", c: float = 10.0, class_weight: str | None = "balanced"
) -> LogisticRegression | SGDClassifier | CalibratedClassifierCV:
    """A linear classifier that gives probabilities for every label.

    LinearSVC has no probabilities of its own: one SVM is fitted on all the
    data and a single isotonic calibration is learned from five-fold
    cross-validated scores (``ensemble=False``), so prediction runs one linear
    model, not five. SGD uses the logistic loss for the same reason.
    """
    if kind == "logreg":
        return LogisticRegression(C=c, class_weight=class_weight, max_iter=3000)
    if kind == "svm":
        # A fixed seed: the dual solver visits coordinates in random order, and the
        # same data should always give the same model.
        svm = LinearSVC(C=c, class_weight=class_weight, random_state=0)
        return CalibratedClassifierCV(svm, method="isotonic", cv=5, ensemble=False)
    if kind == "sgd":
        return SGDClassifier(
            loss="log_loss", alpha=1.0 / (c * 1000), class_weight=class_weight, max_iter=50, random_state=0
        )
    raise ValueError(f"unknown classifier {kind!r}; choose from {', '.join(CLASSIFIERS)}")


def make_pipeline(
    word_ngrams: tuple[int, int] | None = (1, 2),
    char_ngrams: tuple[int, int] | None = (2, 5),
    cues: bool = True,
    classifier: str = "logreg",
    c: float = 3.0,
    class_weight: str | None = "balanced",
    n_features: int = 2**18,
) -> Pipeline:
    """A fresh, unfitted pipeline; the defaults are the shipped configuration.

    The features are the best of ``benchmarks/accuracy.py``'s grouped
    cross-validation on the project corpus: word and character n-grams plus
    cue indicators. The classifier, logistic regression with C=3, is the
    best on the real-news dev split (``benchmarks/real_news.py``: macro-F1
    0.729 and calibration error 0.031 when trained on the corpus and real
    train splits, against 0.719 for the best calibrated SVM), which is the
    text the tool is for. Character n-grams carry inflections and names the
    words have not seen; the cues let one weight cover every reporting verb or hedge.
    """
    return Pipeline(
        [
            ("counts", HashedCounts(word_ngrams, char_ngrams, cues, n_features)),
            ("tfidf", BlockTfidf()),
            ("classifier", make_classifier(classifier, c, class_weight)),
        ]
    )


def make_model(
    folds: int = 5,
    min_documents: int = 50,
    n_jobs: int | None = None,
    class_bias: bool = True,
    span_features: bool = True,
    context_stages: int = 3,
    **pipeline: object,
) -> DocumentClassifier:
    """The shipped model: ``make_pipeline``'s sentence pipeline read in its document's context.

    ``pipeline`` takes ``make_pipeline``'s arguments. The context stage
    (``factcheck.context``) raised macro-F1 on the real-news dev split from
    0.729 to about 0.82 (``benchmarks/real_news.py``), mostly on sentences
    inside quoted statements and interviews, which no sentence model can see.
    ``span_features`` lets that stage also weigh what the span extractor found
    in each sentence (``factcheck.span_features``). ``context_stages``
    averages that many context stages (``AveragedTrees``): three, as shipped,
    read 0.824 mean real dev macro-F1 over three seeds against one stage's
    0.823, a tie their higher ``estimate`` F1 broke (``benchmarks/REAL.md``),
    and a refit moves fewer labels with them
    (``benchmarks/REFIT.md``).
    """
    sentences = make_pipeline(**pipeline)  # type: ignore[arg-type]
    return DocumentClassifier(
        sentences, folds, min_documents, n_jobs, class_bias, span_features, context_stages
    )


def make_context_model() -> HistGradientBoostingClassifier:  # imported only to fit
    """The second stage: small boosted trees, which capture "inside a quotation, so attributed" rules.

    Chosen on the real-news dev split (``benchmarks/real_news.py``) against
    logistic regression and small neural networks on the same inputs; this
    size scored as well as larger ones and loads faster.
    """
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=60, max_leaf_nodes=15, learning_rate=0.15, class_weight="balanced", random_state=0
    )


class AveragedTrees(ClassifierMixin, BaseEstimator):
    """Several context stages, each with its own early-stopping rows, averaged in raw score.

    Boosted trees set aside a random tenth of their rows to decide when to
    stop, and that draw alone moved real dev macro-F1 by up to 0.017 between
    seeds (``benchmarks/REAL.md``). Averaging stages fitted on different
    draws keeps what they agree on: a refit that adds two sentences or drops
    a document changed 3.8% of real dev labels against 5.6% for one stage
    (``benchmarks/REFIT.md``). Member ``i`` is ``base`` (``make_context_model()``
    when None; ``DocumentClassifier`` passes one made in its own process, so
    a benchmark's seeded factory reaches fits in worker processes too) with seed
    ``seed * stages + i``, so another base seed gives members no other base
    seed shares. Without early stopping (off, or scikit-learn's "auto" on
    10,000 rows or fewer) the seed changes nothing, so one member is fitted:
    the same trees at a third of the cost. It exposes what
    ``TreeEnsemble.from_boosting`` reads (``_predictors``,
    ``_baseline_prediction``, ``classes_``), each member's leaf values
    divided by their count, so a saved model is still one ensemble of trees
    and prediction is unchanged in kind.
    """

    def __init__(self, stages: int = 3, base: Any = None) -> None:
        self.stages = stages
        self.base = base

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> AveragedTrees:
        base = self.base if self.base is not None else make_context_model()
        seed = base.random_state if isinstance(base.random_state, int) else 0
        stopping = base.early_stopping
        count = self.stages if stopping is True or (stopping == "auto" and len(y) > 10_000) else 1
        self.members_ = [
            clone(base).set_params(random_state=seed * self.stages + i).fit(X, y, sample_weight=sample_weight)
            for i in range(count)
        ]
        self.classes_ = self.members_[0].classes_
        self._baseline_prediction = np.mean([m._baseline_prediction for m in self.members_], axis=0)
        self._predictors = [
            [_ScaledTree(tree.nodes, count) for tree in iteration]
            for member in self.members_
            for iteration in member._predictors
        ]
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        check_is_fitted(self, "members_")
        return probabilities(
            np.mean([m._raw_predict(np.asarray(X, dtype=np.float64)) for m in self.members_], axis=0)
        )

    def predict(self, X: Any) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


class _ScaledTree:
    """A member's tree with its leaf values divided by the member count: its share of the average."""

    def __init__(self, nodes: np.ndarray, count: int) -> None:
        self.nodes = nodes.copy()
        self.nodes["value"] = self.nodes["value"] / count


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

    ``class_bias`` shifts each label's score by a constant chosen to maximise
    macro-F1 on the context stage's own out-of-fold predictions (the same
    document folds): balanced class weights over-predict a rare label the
    training pool under-represents, and on real news that label was
    ``estimate``. The shift is added to the trees' baseline scores, so
    prediction is unchanged in kind and costs nothing.

    ``context_stages`` above one fits that many context stages on different
    early-stopping rows and averages them (``AveragedTrees``).
    """

    class_bias = False  # what a model saved before the parameter existed did
    span_features = False  # likewise
    context_stages = 1  # likewise

    def __init__(
        self,
        sentence_model: Pipeline | None = None,
        folds: int = 5,
        min_documents: int = 50,
        n_jobs: int | None = None,
        class_bias: bool = True,
        span_features: bool = True,
        context_stages: int = 1,
    ) -> None:
        self.sentence_model = sentence_model
        self.folds = folds
        self.min_documents = min_documents
        self.n_jobs = n_jobs
        self.class_bias = class_bias
        self.span_features = span_features
        self.context_stages = context_stages

    def fit(
        self,
        X: Sequence[str],
        y: Sequence[str],
        groups: Sequence[Hashable] | None = None,
        sample_weight: Sequence[float] | np.ndarray | None = None,
    ) -> DocumentClassifier:
        texts = list(X)
        model = self._sentence_model()
        spans = document_span_rows(texts, document_bounds(groups, len(texts))) if self.span_features else None
        return self.fit_counts(model[0].transform(texts), layout(texts), y, groups, spans, sample_weight)

    def fit_counts(
        self,
        counts: sparse.spmatrix,
        rows: np.ndarray,
        y: Sequence[str],
        groups: Sequence[Hashable] | None = None,
        spans: np.ndarray | None = None,
        sample_weight: Sequence[float] | np.ndarray | None = None,
    ) -> DocumentClassifier:
        """Fit from first-step counts, ``layout`` rows and span rows: what a base ships.

        ``spans`` (``span_features.span_rows``) is needed when ``span_features`` is set.
        ``sample_weight`` makes a row count that many times in every stage: the
        linear fit, the trees and the choice of the class bias.
        """
        if self.span_features and spans is None:
            raise ValueError("span_features is set but no span rows were given")
        stages: object = self.context_stages  # a numpy integer from a grid search is a whole number too
        if isinstance(stages, bool) or not isinstance(stages, numbers.Integral) or int(stages) < 1:
            raise ValueError(f"context_stages must be a whole number of at least 1, not {stages!r}")
        from sklearn.model_selection import GroupKFold

        labels = np.asarray(y)
        weights = row_weights(sample_weight, len(labels))
        counts = sparse.csr_matrix(counts)
        bounds = document_bounds(groups, len(labels))
        model = clone(self._sentence_model())
        self.classes_ = classes = np.unique(labels)
        self.sentence_model_ = model
        if len(bounds) < max(self.min_documents, self.folds, 2):
            with one_thread():
                fit_weighted(model[1:], counts, labels, weights)
            self.context_model_ = None
            return self
        document = np.repeat(np.arange(len(bounds)), [end - start for start, end in bounds])
        splits = list(GroupKFold(self.folds).split(counts, labels, document))
        out_of_fold = self._cross_validated(
            lambda: clone(model[1:]), counts, labels, splits, classes, weights
        )
        features = context_features(out_of_fold, rows, bounds, spans if self.span_features else None)
        with one_thread():
            fit_weighted(model[1:], counts, labels, weights)
            trees = fit_weighted(self._context_model(), features, labels, weights)
            self.context_model_ = TreeEnsemble.from_boosting(trees)
        if self.class_bias:
            second = self._cross_validated(self._context_model, features, labels, splits, classes, weights)
            shift = best_class_bias(second, labels, classes, weights)
            if (
                len(self.context_model_.baseline) == 1
            ):  # two labels: one score, the second's against the first
                shift = shift[1:] - shift[0]
            self.context_model_.baseline = self.context_model_.baseline + shift
        return self

    def _cross_validated(
        self,
        make: Callable[[], Any],
        X: Any,
        labels: np.ndarray,
        splits: list,
        classes: np.ndarray,
        weights: np.ndarray | None,
    ) -> np.ndarray:
        """Each row's probabilities from a fresh ``make()`` fitted on the folds without its document."""
        from joblib import Parallel, delayed

        parts = Parallel(n_jobs=self.n_jobs)(
            delayed(_out_of_fold)(make(), X, labels, train, held, classes, weights) for train, held in splits
        )
        proba = np.zeros((len(labels), len(classes)))
        for (_, held), part in zip(splits, parts, strict=True):
            proba[held] = part
        return proba

    def predict_proba(self, X: Sequence[str], groups: Sequence[Hashable] | None = None) -> np.ndarray:
        check_is_fitted(self, "sentence_model_")
        texts = list(X)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        # too few documents to learn context from leave context_model_ None: the first stage answers
        return DocumentPredictor(self.sentence_model_, self.context_model_).predict_proba(texts, groups)

    def predict(self, X: Sequence[str], groups: Sequence[Hashable] | None = None) -> np.ndarray:
        proba = self.predict_proba(X, groups)  # first: an unfitted model raises NotFittedError there
        return self.classes_[np.argmax(proba, axis=1)]

    def _context_model(self) -> HistGradientBoostingClassifier | AveragedTrees:
        # made in this process when called: benchmarks swap ``make_context_model`` for a seeded one
        return (
            make_context_model()
            if self.context_stages == 1
            else AveragedTrees(int(self.context_stages), make_context_model())
        )

    def _sentence_model(self) -> Pipeline:
        return self.sentence_model if self.sentence_model is not None else make_pipeline()


def one_thread() -> ContextManager[object]:
    """Fit with one BLAS and OpenMP thread, in this process and in joblib's workers alike.

    joblib's workers run BLAS and OpenMP with fewer threads than the main
    process, and a sum split over a different number of threads rounds
    differently: the out-of-fold probabilities then differ by about 1e-10,
    enough to move a tree's split. With one thread everywhere, ``n_jobs``
    (``--jobs``) changes only the time a fit takes, never the model.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1)


# Per-label score shifts tried, relative to the first label's: a coarse grid, since the shift
# is chosen on out-of-fold predictions and a finer one would fit their noise.
BIAS_STEPS = np.linspace(-1.0, 1.0, 9)


def best_class_bias(
    proba: np.ndarray, labels: np.ndarray, classes: np.ndarray, weights: np.ndarray | None = None
) -> np.ndarray:
    """The per-label log-score shift that maximises macro-F1 of ``proba``'s argmax against ``labels``.

    The first label's shift is fixed at 0 (only differences matter); a shift
    is kept only when it strictly improves on no shift, so a model whose
    argmax is already best is left as it was. With ``weights`` each row
    counts that many times in the F1, as it did in the fit.
    """
    scores = np.log(np.clip(proba, 1e-12, None))
    gold = np.searchsorted(classes, labels)
    n = len(classes)
    best, best_f1 = np.zeros(n), _macro_f1(gold, scores.argmax(axis=1), n, weights)
    for steps in itertools.product(BIAS_STEPS, repeat=n - 1):
        bias = np.array((0.0, *steps))
        f1 = _macro_f1(gold, (scores + bias).argmax(axis=1), n, weights)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = bias, f1
    return best


def _macro_f1(gold: np.ndarray, predicted: np.ndarray, n: int, weights: np.ndarray | None = None) -> float:
    confusion = np.bincount(gold * n + predicted, weights=weights, minlength=n * n).reshape(n, n)
    true = np.diag(confusion).astype(float)
    denominator = confusion.sum(axis=0) + confusion.sum(axis=1)
    return float(np.mean(np.divide(2 * true, denominator, out=np.zeros(n), where=denominator > 0)))


def _out_of_fold(
    model,
    X: sparse.csr_matrix | np.ndarray,
    labels: np.ndarray,
    train: np.ndarray,
    held: np.ndarray,
    classes: np.ndarray,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """Probabilities for the held-out documents from a model fitted without them, in ``classes`` order."""
    with one_thread():
        fit_weighted(model, X[train], labels[train], None if weights is None else weights[train])
    proba = np.zeros((len(held), len(classes)))
    proba[:, np.searchsorted(classes, model.classes_)] = model.predict_proba(X[held])
    return proba


def row_weights(sample_weight: Sequence[float] | np.ndarray | None, n: int) -> np.ndarray | None:
    """Row weights as an array, or None when every row counts once (the fit is then the unweighted one)."""
    if sample_weight is None:
        return None
    weights = np.asarray(sample_weight, dtype=float)
    if weights.shape != (n,):
        raise ValueError(f"sample_weight has {weights.size} values for {n} rows")
    if not np.all(np.isfinite(weights)) or np.any(weights < 0) or not np.any(weights > 0):
        raise ValueError("sample_weight must be finite, not negative, and not all zero")
    return None if np.all(weights == 1.0) else weights


def fit_weighted(model: Any, X: Any, labels: Sequence[str] | np.ndarray, weights: np.ndarray | None) -> Any:
    """``model.fit`` with row weights where there are any: a Pipeline routes them to its last step."""
    if weights is None:
        return model.fit(X, labels)
    if isinstance(model, Pipeline):
        return model.fit(X, labels, **{f"{model.steps[-1][0]}__sample_weight": weights})
    return model.fit(X, labels, sample_weight=weights)
