"""Why a sentence got its label: the features that pushed it there, with weights.

For a linear model the score of label k is a sum over features of
``value * coef[k]``. A feature's push toward k is its value times how much
more it weighs for k than for the other labels on average, so the pushes of
all features, plus the same difference of intercepts, add up exactly to the
margin of k over the mean of the other labels' scores. The few largest
positive pushes are what a user is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline


@dataclass(frozen=True)
class Push:
    """One feature's contribution toward a label."""

    feature: str
    weight: float


def linear_weights(pipeline: Pipeline) -> tuple[np.ndarray, np.ndarray]:
    """(coef, intercept) of the pipeline's final linear step, one row per class.

    A calibrated SVM keeps one linear model per calibration fold; their mean
    is the linear model its probabilities are built on.
    """
    final = pipeline[-1]
    if hasattr(final, "coef_"):
        return np.asarray(final.coef_), np.asarray(final.intercept_)
    calibrated = getattr(final, "calibrated_classifiers_", None)
    if calibrated:
        coefs = [c.estimator.coef_ for c in calibrated]
        intercepts = [c.estimator.intercept_ for c in calibrated]
        return np.mean(coefs, axis=0), np.mean(intercepts, axis=0)
    raise TypeError(f"{type(final).__name__} is not a linear model; cannot explain it")


def feature_names(pipeline: Pipeline, texts: list[str]) -> list[dict[int, str]]:
    """For each text, column -> readable name of the features it holds.

    Hashed features cannot be named from the model, only from the sentence:
    the first step lists the n-grams each text contains (``according to``,
    ``char:ing ``, ``cue:hedge``). A pipeline with a vocabulary names columns
    from it instead.
    """
    first = pipeline[0]
    if hasattr(first, "names_for"):
        named = first.names_for(texts)
        kept = getattr(pipeline[-2], "columns_", None)  # the columns the weighting step passes on
        if kept is None:
            return named
        compact = []
        for row in named:
            columns = np.fromiter(row, dtype=np.int64, count=len(row))
            position = np.minimum(np.searchsorted(kept, columns), len(kept) - 1)
            compact.append(
                {int(p): row[int(c)] for p, c in zip(position, columns, strict=True) if kept[p] == c}
            )
        return compact
    names = [str(raw).partition("__")[2] or str(raw) for raw in pipeline[:-1].get_feature_names_out()]
    return [dict(enumerate(names))] * len(texts)


class Explainer:
    """One model's explanation tables, computed once.

    Each label's margin weights (its coefficients minus the mean of the other
    labels') cost a pass over every feature, so a labeller builds them once
    rather than per document; each sentence then touches only its own
    non-zero features, and only explained sentences are named.
    """

    def __init__(self, pipeline: Pipeline) -> None:
        coef, intercept = linear_weights(pipeline)
        n = len(coef)
        # coef[k] - mean(coef[j] for j != k) == (n * coef[k] - sum(coef)) / (n - 1)
        self.margin_weights = (n * coef - coef.sum(axis=0)) / (n - 1)
        self.margin_offsets = (n * intercept - intercept.sum()) / (n - 1)
        self.classes = [str(c) for c in pipeline.classes_]
        self._pipeline = pipeline
        self._transform = pipeline[:-1].transform

    def sparse_pushes(self, texts: list[str], labels: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each text, (feature indices, pushes toward its label) over its non-zero features."""
        matrix = self._transform(texts).tocsr()
        result = []
        for row, label in zip(range(matrix.shape[0]), labels, strict=True):
            start, end = matrix.indptr[row], matrix.indptr[row + 1]
            indices = matrix.indices[start:end]
            weights = self.margin_weights[self.classes.index(label), indices]
            result.append((indices, matrix.data[start:end] * weights))
        return result

    def explain(self, texts: list[str], labels: list[str], top: int = 5) -> list[list[Push]]:
        """The ``top`` features that pushed each text most toward its given label."""
        explained = []
        named = feature_names(self._pipeline, texts)
        for (indices, values), names in zip(self.sparse_pushes(texts, labels), named, strict=True):
            order = np.argsort(-values)[:top]
            explained.append(
                [Push(names[int(indices[i])], round(float(values[i]), 4)) for i in order if values[i] > 0]
            )
        return explained


def pushes(pipeline: Pipeline, texts: list[str], labels: list[str]) -> list[np.ndarray]:
    """For each text, every feature's push toward its label, as a dense vector over features."""
    explainer = Explainer(pipeline)
    dense = []
    for indices, values in explainer.sparse_pushes(texts, labels):
        row = np.zeros(explainer.margin_weights.shape[1])
        row[indices] = values
        dense.append(row)
    return dense


def margin_offset(pipeline: Pipeline, label: str) -> float:
    """The intercept part of a label's margin, which belongs to no feature."""
    explainer = Explainer(pipeline)
    return float(explainer.margin_offsets[explainer.classes.index(label)])


def explain(pipeline: Pipeline, texts: list[str], labels: list[str], top: int = 5) -> list[list[Push]]:
    """The ``top`` features that pushed each text most toward its given label."""
    return Explainer(pipeline).explain(texts, labels, top)
