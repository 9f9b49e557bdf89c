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

import numpy as np
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


def feature_names(pipeline: Pipeline) -> list[str]:
    """Readable names: ``according to`` for words, ``char:ing `` and ``cue:hedge`` for the rest."""
    names = []
    for raw in pipeline[:-1].get_feature_names_out():
        family, sep, name = str(raw).partition("__")
        if not sep:
            names.append(family)
        elif family == "word":
            names.append(name)
        elif family == "char":
            names.append(f"char:{name}")
        else:
            names.append(name)
    return names


def pushes(pipeline: Pipeline, texts: list[str], labels: list[str]) -> list[np.ndarray]:
    """For each text, every feature's push toward its label (dense vector over features)."""
    coef, _ = linear_weights(pipeline)
    classes = list(pipeline.classes_)
    matrix = pipeline[:-1].transform(texts).tocsr()
    result = []
    for row, label in zip(matrix, labels, strict=True):
        k = classes.index(label)
        others = np.delete(coef, k, axis=0).mean(axis=0)
        result.append(row.toarray().ravel() * (coef[k] - others))
    return result


def margin_offset(pipeline: Pipeline, label: str) -> float:
    """The intercept part of a label's margin, which belongs to no feature."""
    _, intercept = linear_weights(pipeline)
    k = list(pipeline.classes_).index(label)
    return float(intercept[k] - np.delete(intercept, k).mean())


def explain(pipeline: Pipeline, texts: list[str], labels: list[str], top: int = 5) -> list[list[Push]]:
    """The ``top`` features that pushed each text most toward its given label."""
    names = feature_names(pipeline)
    explained = []
    for contributions in pushes(pipeline, texts, labels):
        order = np.argsort(-contributions)[:top]
        explained.append(
            [Push(names[i], round(float(contributions[i]), 4)) for i in order if contributions[i] > 0]
        )
    return explained
