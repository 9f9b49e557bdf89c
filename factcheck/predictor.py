"""The lean prediction path: sentences to label probabilities with numpy and one sparse product.

The pipeline factcheck trains (``model.make_pipeline``: hashed counts, block
TF-IDF, multinomial logistic regression) is, at prediction time, a few array
operations. ``LinearPredictor`` does exactly those, fused: it hashes a batch
(``hashing``), drops the n-grams training never saw before counting them (the
pipeline counts every n-gram of the batch, then drops those), weighs the rest,
and takes one sparse product with the coefficients and a softmax, in the same
order of floating-point operations as scikit-learn, so its probabilities are
the pipeline's, bit for bit (``tests/test_predictor.py``).

It is built from a model file's description and arrays without importing
scikit-learn, which is most of the start-up time of ``factcheck predict``; or
from a fitted pipeline. Any other pipeline (another classifier, a step added
later) is predicted by the pipeline itself (``PipelinePredictor``), exactly
but with scikit-learn's start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from factcheck import codec
from factcheck.context import DocumentPredictor, TreeEnsemble
from factcheck.hashing import Batch, column_lookup, count_pairs, entries, weigh

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

_STEPS = (
    "factcheck.features.HashedCounts",
    "factcheck.features.BlockTfidf",
    "sklearn.linear_model._logistic.LogisticRegression",
)


class Predictor(Protocol):
    classes_: list[str]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


class PipelinePredictor:
    """Any fitted pipeline, predicting as itself."""

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.classes_ = [str(c) for c in pipeline.classes_]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        return self.pipeline.predict_proba(list(texts))


class LinearPredictor:
    """Hashed counts -> block TF-IDF -> multinomial logistic regression, as plain array code."""

    def __init__(self, counts: dict[str, Any], tfidf: dict[str, Any], linear: dict[str, Any]) -> None:
        self.word_ngrams = counts["word_ngrams"]
        self.char_ngrams = counts["char_ngrams"]
        self.cues = counts["cues"]
        self.n_features = int(counts["n_features"])
        self.sublinear_tf = bool(tfidf["sublinear_tf"])
        self.idf = tfidf["idf_"]
        self.family = tfidf["family_"]
        columns = np.asarray(tfidf["columns_"])
        width = int(tfidf["n_features_in_"])
        if (
            columns.dtype.kind not in "iu"
            or columns.ndim != 1
            or (len(columns) and not 0 <= columns.min() <= columns.max() < width)
        ):
            raise ValueError("fitted columns out of range")
        self.n_columns = len(columns)
        self.lookup = column_lookup(columns, width)
        self.coef = linear["coef_"]
        self.intercept = linear["intercept_"]
        self.classes_ = [str(c) for c in linear["classes_"]]

    @classmethod
    def from_states(cls, steps: list[tuple[str, dict[str, Any]]]) -> LinearPredictor | None:
        """A predictor for pipeline steps given as (class name, state), or None if they are another shape.

        Steps of the right classes whose arrays do not fit together raise
        ``codec.Corrupt``: a damaged model is an error at load, never a
        wrong index in the middle of a prediction.
        """
        if [name for name, _ in steps] != list(_STEPS):
            return None
        counts, tfidf, linear = (state for _, state in steps)
        if linear.get("multi_class", "multinomial") not in ("multinomial", "auto", "deprecated"):
            return None
        classes = linear.get("classes_")
        if isinstance(classes, np.ndarray) and len(classes) < 3:  # two classes: a sigmoid, not a softmax
            return None
        try:
            predictor = cls(counts, tfidf, linear)
        except (KeyError, TypeError, ValueError, IndexError):
            raise codec.Corrupt("the feature or classifier arrays are missing or malformed") from None
        predictor._check()
        return predictor

    def _check(self) -> None:
        """The arrays fit one another: every index prediction takes stays in range."""
        from factcheck.hashing import CUES

        n = self.n_columns
        width = len(self.lookup)
        ok = (
            width == 2 * self.n_features + len(CUES)
            and self.idf.shape == (n,)
            and self.family.shape == (n,)
            and np.isin(self.family, (0, 1, 2)).all()
            and self.coef.shape == (len(self.classes_), n)
            and self.intercept.shape == (len(self.classes_),)
            and self.idf.dtype.kind == "f"
            and self.coef.dtype.kind == "f"
            and self.intercept.dtype.kind == "f"
            and np.count_nonzero(self.lookup >= 0) == n  # the columns are distinct
        )
        if not ok:
            raise codec.Corrupt("the feature and classifier arrays do not fit together")

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline) -> LinearPredictor | None:
        return cls.from_states([(codec.type_name(type(step)), vars(step)) for _, step in pipeline.steps])

    @classmethod
    def from_description(cls, structure: Any, arrays: dict[str, np.ndarray]) -> LinearPredictor | None:
        """From a model file's description (``codec``), building no object and importing nothing."""
        try:
            pipeline = structure["object"] == "sklearn.pipeline.Pipeline" and structure["state"]["dict"]
            steps = []
            for step in pipeline["steps"]["list"]:
                _, node = step["tuple"]
                steps.append((node["object"], codec.plain(node["state"], arrays)))
        except (KeyError, TypeError, ValueError, RecursionError, codec.Corrupt):
            return None
        if not all(isinstance(state, dict) for _, state in steps):
            return None
        return cls.from_states(steps)

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Probabilities of ``classes_`` for each text: rows of the same floats the pipeline gives.

        Texts are taken ``_BLOCK`` at a time: every row is computed on its own, so the floats are
        the same, and one long paragraph of twenty thousand sentences does not hold all their
        n-grams in memory at once.
        """
        if len(texts) <= _BLOCK:
            return self._block_proba(texts)
        return np.vstack([self._block_proba(texts[i : i + _BLOCK]) for i in range(0, len(texts), _BLOCK)])

    def _block_proba(self, texts: Sequence[str]) -> np.ndarray:
        n = len(texts)
        rows, cols = entries(
            Batch(list(texts)), self.word_ngrams, self.char_ngrams, self.cues, self.n_features
        )
        position = self.lookup[cols]
        seen = position >= 0
        keys = rows[seen] * self.n_columns + position[seen]
        keys, counts = count_pairs(keys)
        rows = keys // self.n_columns
        position = keys - rows * self.n_columns
        data, indptr = weigh(rows, position, counts, self.idf, self.family, self.sublinear_tf, n)
        scores = _product(data, rows, position, indptr, self.coef) + self.intercept
        scores -= scores.max(axis=1).reshape((-1, 1))
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1).reshape((-1, 1))
        return scores


# Sentences labelled in one vectorised pass: enough that the per-call cost is spread thin, few
# enough that their n-gram arrays stay in the tens of megabytes.
_BLOCK = 4096
# Below this many occurrences (a few dozen sentences) numpy's bincount does the product, so a
# short ``predict --text`` never imports scipy (a tenth of a second); above it scipy's kernel
# is ten times faster. Both add each row's products from zero in column order: the same floats.
_SCIPY_FROM = 20_000


def _product(
    data: np.ndarray, rows: np.ndarray, position: np.ndarray, indptr: np.ndarray, coef: np.ndarray
) -> np.ndarray:
    """The weights (CSR: data, position, indptr; ``rows`` of each entry) times ``coef.T``."""
    n = len(indptr) - 1
    if len(data) >= _SCIPY_FROM:
        from scipy import sparse

        return sparse.csr_matrix((data, position, indptr), shape=(n, coef.shape[1])) @ coef.T
    scores = np.empty((n, len(coef)))
    for k, weights in enumerate(coef):
        scores[:, k] = np.bincount(rows, weights=data * weights[position], minlength=n)
    return scores


def predictor_for(model: Any) -> Predictor | DocumentPredictor:
    """The fastest exact predictor for a fitted pipeline or document model (``model.DocumentClassifier``)."""
    if hasattr(model, "context_model_"):
        sentences = predictor_for(model.sentence_model_)
        # without a context stage (too few documents) the sentence pipeline is the whole model
        return DocumentPredictor(sentences, model.context_model_) if model.context_model_ else sentences
    return LinearPredictor.from_pipeline(model) or PipelinePredictor(model)


_DOCUMENT_MODEL = "factcheck.model.DocumentClassifier"
_TREES = "factcheck.context.TreeEnsemble"


def from_description(structure: Any, arrays: dict[str, np.ndarray]) -> Predictor | DocumentPredictor | None:
    """The lean predictor of a model file's description, or None where only the objects will do.

    A document model is its sentence pipeline's ``LinearPredictor`` followed
    by its trees, read as arrays: nothing is built and scikit-learn is not imported.
    """
    if not (isinstance(structure, dict) and structure.get("object") == _DOCUMENT_MODEL):
        return LinearPredictor.from_description(structure, arrays)
    try:
        state = structure["state"]["dict"]
        sentences = LinearPredictor.from_description(state["sentence_model_"], arrays)
        node = state["context_model_"]
        if node is None or sentences is None:  # no context stage: the sentence pipeline answers
            return sentences
        if node.get("object") != _TREES:
            return None
        trees = TreeEnsemble.from_state(codec.plain(node["state"], arrays))
    except (KeyError, TypeError, AttributeError):
        return None
    except ValueError as err:  # trees whose arrays do not fit together
        raise codec.Corrupt(str(err)) from None
    return DocumentPredictor(sentences, trees)
