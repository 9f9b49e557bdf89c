import re
from pathlib import Path

import numpy as np
import pytest

from factcheck.data import read_examples
from factcheck.explanation import explain, linear_weights, margin_offset, pushes
from factcheck.features import CUES
from factcheck.model import make_pipeline
from factcheck.storage import load_model
from tests.conftest import STARTER

SENTENCES = [
    "Officials said about 40 people were hurt in the blast.",
    "This is a disgrace, and the council must act now.",
    "The bank raised rates to 5.25% on Thursday.",
]


def present(feature: str, sentence: str) -> bool:
    if "|" in feature:  # n-grams of one sentence that share a hashed column
        return any(present(part, sentence) for part in feature.split("|"))
    if feature.startswith("cue:"):
        return bool(CUES[feature[4:]].search(sentence))
    if feature.startswith("char:"):
        return feature[5:].strip() in sentence.lower()
    tokens = re.findall(r"\w+|[^\w\s]", sentence.lower())
    return f" {feature} " in f" {' '.join(tokens)} "


@pytest.fixture(scope="module")
def fitted():
    examples = read_examples(STARTER)
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    return {
        kind: make_pipeline(char_ngrams=(2, 4), cues=True, classifier=kind).fit(texts, labels)
        for kind in ("logreg", "svm", "sgd")
    }


@pytest.mark.parametrize("kind", ["logreg", "svm", "sgd"])
def test_listed_features_are_in_the_sentence_and_push_toward_the_label(fitted, kind):
    pipeline = fitted[kind]
    labels = list(pipeline.predict(SENTENCES))
    for sentence, reasons in zip(SENTENCES, explain(pipeline, SENTENCES, labels, top=5), strict=True):
        assert reasons, sentence
        assert all(p.weight > 0 for p in reasons)
        assert [p.weight for p in reasons] == sorted((p.weight for p in reasons), reverse=True)
        for push in reasons:
            assert present(push.feature, sentence), (push.feature, sentence)


@pytest.mark.parametrize("kind", ["logreg", "sgd"])
def test_pushes_add_up_to_the_decision_margin(fitted, kind):
    pipeline = fitted[kind]
    labels = list(pipeline.predict(SENTENCES))
    decision = pipeline.decision_function(SENTENCES)
    classes = list(pipeline.classes_)
    for row, label, contributions in zip(decision, labels, pushes(pipeline, SENTENCES, labels), strict=True):
        k = classes.index(label)
        margin = row[k] - np.delete(row, k).mean()
        assert contributions.sum() + margin_offset(pipeline, label) == pytest.approx(margin)
        assert margin > 0  # the predicted label beats the others on average


def test_calibrated_svm_pushes_add_up_to_its_mean_linear_model(tiny_model: Path):
    model, _ = load_model(tiny_model)
    pipeline = model.sentence_model_  # explanations read the sentence pipeline's weights
    coef, intercept = linear_weights(pipeline)
    scores = pipeline[:-1].transform(SENTENCES) @ coef.T + intercept
    labels = list(pipeline.predict(SENTENCES))
    classes = list(pipeline.classes_)
    for row, label, contributions in zip(scores, labels, pushes(pipeline, SENTENCES, labels), strict=True):
        k = classes.index(label)
        margin = row[k] - np.delete(row, k).mean()
        assert contributions.sum() + margin_offset(pipeline, label) == pytest.approx(margin)
