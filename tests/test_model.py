import pytest
from sklearn.base import clone
from sklearn.model_selection import cross_val_score

from factcheck.data import read_examples
from factcheck.model import make_pipeline
from tests.conftest import STARTER


def test_pipeline_follows_sklearn_conventions():
    pipeline = make_pipeline(classifier="svm", c=3.0)
    assert pipeline.get_params()["classifier__estimator__C"] == 3.0
    clone(pipeline).set_params(classifier__estimator__C=1.0)  # clone and set_params work
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
    assert len(scores) == 2


@pytest.mark.parametrize("kind", ["logreg", "svm", "sgd"])
def test_every_classifier_gives_probabilities(kind):
    examples = read_examples(STARTER)
    pipeline = make_pipeline(classifier=kind).fit([e.text for e in examples], [e.label for e in examples])
    assert pipeline.predict_proba(["The bank raised rates."]).shape == (1, 4)


def test_unknown_classifier():
    with pytest.raises(ValueError, match="unknown classifier 'tree'"):
        make_pipeline(classifier="tree")
