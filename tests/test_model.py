import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_score

from factcheck.data import read_examples
from factcheck.model import best_class_bias, make_model, make_pipeline
from tests.conftest import STARTER


def test_pipeline_follows_sklearn_conventions():
    pipeline = make_pipeline(classifier="svm", c=3.0)
    assert pipeline.get_params()["classifier__estimator__C"] == 3.0
    other = clone(pipeline).set_params(classifier__estimator__C=1.0)
    assert other.get_params()["classifier__estimator__C"] == 1.0
    assert pipeline.get_params()["classifier__estimator__C"] == 3.0  # the clone is a separate estimator
    examples = read_examples(STARTER)
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    pipeline.fit(texts, labels)
    proba = pipeline.predict_proba(texts[:3])
    assert proba.shape == (3, 4)
    assert abs(proba.sum(axis=1) - 1).max() < 1e-9
    assert set(pipeline.predict(texts)) <= {"factual", "estimate", "attributed", "opinion"}


def test_composes_with_cross_validation():
    examples = read_examples(STARTER)
    scores = cross_val_score(make_pipeline(), [e.text for e in examples], [e.label for e in examples], cv=2)
    assert len(scores) == 2 and all(0.25 < score <= 1 for score in scores)  # better than chance on 4 labels


def test_an_unfitted_context_model_raises_not_fitted_error():
    with pytest.raises(NotFittedError):
        make_model().predict(["Officials said 40 people were hurt."])


@pytest.mark.parametrize("kind", ["logreg", "svm", "sgd"])
def test_every_classifier_gives_probabilities(kind):
    examples = read_examples(STARTER)
    pipeline = make_pipeline(classifier=kind).fit([e.text for e in examples], [e.label for e in examples])
    assert pipeline.predict_proba(["The bank raised rates."]).shape == (1, 4)


def test_unknown_classifier():
    with pytest.raises(ValueError, match="unknown classifier 'tree'"):
        make_pipeline(classifier="tree")


def test_class_bias_corrects_a_label_the_scores_over_predict():
    classes = np.array(["attributed", "estimate", "factual", "opinion"])
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 4, size=2000)
    scores = rng.normal(size=(2000, 4)) + 2.0 * np.eye(4)[gold]
    scores[:, 1] += 1.0  # "estimate" wins too often
    proba = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    bias = best_class_bias(proba, classes[gold], classes)
    assert bias[0] == 0.0 and bias[1] < -0.4  # pushed back, by about the offset added
    shifted = (np.log(proba) + bias).argmax(axis=1)
    assert f1_score(gold, shifted, average="macro") > f1_score(gold, proba.argmax(axis=1), average="macro")


def test_class_bias_leaves_scores_whose_argmax_is_already_best():
    classes = np.array(["factual", "opinion"])
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.3, 0.7]])
    assert np.array_equal(best_class_bias(proba, classes[[0, 1, 0, 1]], classes), [0.0, 0.0])


def test_class_bias_counts_weighted_rows_as_repeated_rows():
    classes = np.array(["estimate", "factual"])
    rng = np.random.default_rng(1)
    gold = rng.integers(0, 2, size=400)
    scores = rng.normal(size=(400, 2)) + 1.5 * np.eye(2)[gold]
    weights = np.zeros(400, dtype=int)
    weights[:200] = 3  # only these rows count, and in them "estimate" wins too often
    scores[:200, 0] += 1.0
    proba = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    weighted = best_class_bias(proba, classes[gold], classes, weights.astype(float))
    repeated = best_class_bias(np.repeat(proba, weights, axis=0), np.repeat(classes[gold], weights), classes)
    assert np.array_equal(weighted, repeated)
    assert not np.array_equal(weighted, best_class_bias(proba, classes[gold], classes))
