import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factcheck.context import DocumentPredictor
from factcheck.data import read_examples
from factcheck.labelling import Labeller
from factcheck.labels import LABEL_IDS
from factcheck.model import CLASSIFIERS, make_pipeline
from factcheck.predictor import LinearPredictor, PipelinePredictor, from_description, predictor_for
from factcheck.storage import load_model, read_weights
from tests.conftest import REPO, STARTER

# Sentences that stress the hashing: empty, NUL, characters outside the BMP, ones that
# lower-case into two, very long, only punctuation, unseen words.
ODD = [
    "",
    "A\x00B said 40%.",
    "Emoji \U0001f600 and \U0001d400 maths, about 3 to 5.",
    "\u0130stanbul officials SAID so \u2014 \u201cmaybe\u201d?",
    "word " * 400,
    "?!",
    "Zanzibarian quarkflux reportedly doubled.",
]


def _corpus_sentences() -> list[str]:
    return [
        e.text for split in ("dev", "test") for e in read_examples(REPO / "data/corpus" / f"{split}.jsonl")
    ]


def test_shipped_model_predicts_the_pipelines_exact_floats():
    weights = read_weights(None)
    predictor = from_description(weights.structure, weights.arrays)
    assert isinstance(predictor, DocumentPredictor) and isinstance(predictor.sentences, LinearPredictor)
    model, _ = load_model(None)
    sentences = _corpus_sentences() + ODD
    groups = [i // 7 for i in range(len(sentences))]
    assert np.array_equal(
        predictor.sentences.predict_proba(sentences), model.sentence_model_.predict_proba(sentences)
    )
    assert np.array_equal(predictor.predict_proba(sentences, groups), model.predict_proba(sentences, groups))


def test_small_and_large_batches_give_the_same_floats(monkeypatch):
    predictor = LinearPredictor.from_pipeline(load_model(None)[0].sentence_model_)
    sentences = _corpus_sentences()[:300]
    large = predictor.predict_proba(sentences)  # over the threshold: scipy's product
    monkeypatch.setattr("factcheck.predictor._SCIPY_FROM", 10**12)
    small = predictor.predict_proba(sentences)  # numpy's bincount
    assert np.array_equal(small, large)
    one = [predictor.predict_proba([s])[0] for s in sentences[:20]]
    assert np.array_equal(np.array(one), large[:20])


@pytest.mark.parametrize("classifier", CLASSIFIERS)
def test_every_classifier_gets_an_exact_predictor(classifier: str):
    examples = read_examples(STARTER)
    pipeline = make_pipeline(classifier=classifier).fit(
        [e.text for e in examples], [e.label for e in examples]
    )
    predictor = predictor_for(pipeline)
    assert isinstance(predictor, LinearPredictor if classifier == "logreg" else PipelinePredictor)
    probe = [e.text for e in examples] + ODD
    assert np.array_equal(predictor.predict_proba(probe), pipeline.predict_proba(probe))


def test_a_description_of_another_shape_gets_no_linear_predictor(tiny_model: Path):
    weights = read_weights(tiny_model)
    pipeline = weights.structure["state"]["dict"]["sentence_model_"]  # the document model's first stage
    assert isinstance(LinearPredictor.from_description(pipeline, weights.arrays), LinearPredictor)
    steps = pipeline["state"]["dict"]["steps"]["list"]
    steps[2]["tuple"][1]["object"] = "sklearn.linear_model._stochastic_gradient.SGDClassifier"
    assert LinearPredictor.from_description(pipeline, weights.arrays) is None
    assert LinearPredictor.from_description({"list": []}, {}) is None


def test_labeller_rows_match_the_pipeline_probabilities(tiny_model: Path):
    labeller = Labeller.load(tiny_model)
    assert isinstance(labeller.predictor, LinearPredictor)
    pipeline, _ = load_model(tiny_model)
    sentences = [e.text for e in read_examples(STARTER)][:50] + ODD
    classes = list(pipeline.classes_)
    for (label, confidence, scores), row in zip(
        labeller.label_sentences(sentences), pipeline.predict_proba(sentences), strict=True
    ):
        by_class = dict(zip(classes, row, strict=True))
        assert label == max(classes, key=by_class.__getitem__)
        assert confidence == round(float(by_class[label]), 4)
        assert scores == {k: round(float(by_class.get(k, 0.0)), 4) for k in LABEL_IDS}
    assert Labeller(pipeline).label_sentences(sentences) == labeller.label_sentences(sentences)


def test_explanations_build_the_pipeline_on_demand(tiny_model: Path):
    labeller = Labeller.load(tiny_model)
    assert labeller._pipeline is None
    rows = labeller.label_text("Officials said about 40 people were hurt.", explain=2)
    assert rows[0].explanation and labeller._pipeline is not None


def test_predicting_imports_neither_scikit_learn_nor_all_of_nltk_nor_the_data_tooling():
    """The point of the lean path: a short predict starts without them (benchmarks/SCALE.md).

    Nor does it load ``factcheck.corpus``: what builds corpora stays apart from what labels.
    """
    code = (
        "import sys\n"
        "from factcheck.labelling import Labeller\n"
        "rows = Labeller.load().label_text('Officials said about 40 were hurt. I think so.')\n"
        "assert [r.label for r in rows] and rows[0].sources is not None\n"
        "avoid = ('sklearn', 'scipy', 'nltk', 'skops', 'factcheck.corpus')\n"
        "heavy = sorted(m for m in avoid if m in sys.modules)\n"
        "print(heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_sentences_labelled_in_blocks_get_the_floats_of_one_pass(monkeypatch):
    weights = read_weights(None)
    predictor = from_description(weights.structure, weights.arrays)
    assert isinstance(predictor, DocumentPredictor) and isinstance(predictor.sentences, LinearPredictor)
    sentences = _corpus_sentences()[:50] + ODD
    whole = predictor.sentences.predict_proba(sentences)
    monkeypatch.setattr("factcheck.predictor._BLOCK", 8)
    assert np.array_equal(predictor.sentences.predict_proba(sentences), whole)
