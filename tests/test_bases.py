import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from factcheck.bases import load_base, resolve_base
from factcheck.context import document_bounds
from factcheck.corpus.base import CORPUS_WEIGHT
from factcheck.data import read_examples
from factcheck.errors import FactcheckError
from factcheck.model import make_model, make_pipeline
from factcheck.span_features import document_span_rows
from factcheck.storage import CARD
from factcheck.training import fit_with_base
from tests.conftest import REPO, STARTER


def test_shipped_base_is_counts_of_the_corpus_train_split_and_no_text():
    base = load_base("default")
    description = json.loads((REPO / "data" / "base" / "default.json").read_text())
    assert base.counts.shape[0] == len(base.labels) == len(base.groups) == description["sentences"]
    assert base.counts.shape[0] >= len(read_examples(REPO / "data" / "corpus" / "train.jsonl"))
    assert base.features == {
        k: list(v) if isinstance(v, tuple) else v for k, v in make_pipeline()[0].get_params().items()
    }
    with np.load(REPO / "data" / "base" / "default.npz", allow_pickle=False) as arrays:
        assert all(arrays[key].dtype.kind in "iuf" for key in arrays.files)  # numbers only, no text
    # each corpus sentence counts as the default model counted it; real ones once
    assert base.weights is not None
    corpus = next(s for s in description["sources"] if s["name"] == "factcheck corpus, train split")
    assert description["sources"][0] is corpus and corpus["weight"] == CORPUS_WEIGHT  # the corpus rows first
    assert (base.weights[: corpus["examples"]] == CORPUS_WEIGHT).all()
    assert (base.weights[corpus["examples"] :] == 1.0).all()


def test_counts_match_the_text_they_were_made_from(starter_base: Path):
    base = load_base("default")
    examples = read_examples(STARTER)
    assert base.labels == [e.label for e in examples]
    expected = make_pipeline()[0].transform([e.text for e in examples])
    assert (base.counts != expected).nnz == 0


def test_training_on_counts_equals_training_on_the_text(starter_base: Path):
    examples = read_examples(STARTER)
    mine = [("Rents may double, the council said.", "attributed"), ("Rents doubled.", "factual")]
    texts = [t for t, _ in mine] + [e.text for e in examples]
    labels = [label for _, label in mine] + [e.label for e in examples]
    from_text = make_pipeline(classifier="logreg").fit(texts, labels)
    from_counts = fit_with_base(
        make_pipeline(classifier="logreg"),
        [t for t, _ in mine],
        [lab for _, lab in mine],
        load_base("default"),
    )
    probe = ["Officials said about 40 people were hurt.", "This is a disgrace."]
    assert np.allclose(from_text.predict_proba(probe), from_counts.predict_proba(probe))


def test_the_document_model_learns_the_same_from_counts_and_layout_as_from_text(starter_base: Path):
    examples = read_examples(STARTER)
    mine = [("Rents may double, the council said.", "attributed"), ("Rents doubled.", "factual")]
    texts = [t for t, _ in mine] + [e.text for e in examples]
    labels = [label for _, label in mine] + [e.label for e in examples]
    groups = ["mine-1", "mine-2"] + [e.doc_id for e in examples]
    from_text = make_model(folds=3, min_documents=5).fit(texts, labels, groups)
    from_base = fit_with_base(
        make_model(folds=3, min_documents=5),
        [t for t, _ in mine],
        [lab for _, lab in mine],
        load_base("default"),
        ["mine-1", "mine-2"],
    )
    assert from_base.context_model_ is not None
    probe = ["Officials said about 40 people were hurt.", "This is a disgrace.", "Rents doubled."]
    assert np.allclose(
        from_text.predict_proba(probe, ["a", "a", "b"]), from_base.predict_proba(probe, ["a", "a", "b"])
    )


def test_a_pipeline_counting_differently_cannot_use_the_base(starter_base: Path):
    with pytest.raises(FactcheckError, match="--base default: the base was counted with"):
        fit_with_base(make_pipeline(char_ngrams=(2, 4)), ["x"], ["factual"], load_base("default"))


def test_damaged_base_is_refused(starter_base: Path, tmp_path: Path):
    for name in ("default.npz", "default.json"):
        (tmp_path / name).write_bytes((starter_base / name).read_bytes())
    with open(tmp_path / "default.npz", "r+b") as handle:
        handle.seek(100)
        handle.write(b"\x00\x01")
    with pytest.raises(FactcheckError, match="base data is damaged"):
        load_base("default", tmp_path)


def test_a_model_stands_for_the_base_its_card_records(tmp_path: Path, tiny_model: Path, monkeypatch):
    monkeypatch.setattr("factcheck.bases.models_dir", lambda: tmp_path)
    card = json.loads((tiny_model / CARD).read_text())
    for name, base in (("retrained", "default"), ("plain", None)):
        (tmp_path / name).mkdir()
        sources = [{**card["training_data"][0], "base": base}] if base else card["training_data"]
        (tmp_path / name / CARD).write_text(json.dumps({**card, "training_data": sources}))
    assert resolve_base("retrained") == "default"
    with pytest.raises(FactcheckError, match="--base plain: that model was trained without a base"):
        resolve_base("plain")
    with pytest.raises(FactcheckError, match="--base nosuch: no shipped model"):
        resolve_base("nosuch")


def test_a_base_from_before_span_counts_serves_only_models_that_do_not_read_them(
    starter_base: Path, tmp_path: Path
):
    with np.load(starter_base / "default.npz", allow_pickle=False) as arrays:
        kept = {key: arrays[key] for key in arrays.files if key != "spans"}
    np.savez_compressed(tmp_path / "default.npz", **kept)
    description = json.loads((starter_base / "default.json").read_text())
    description["sha256"] = hashlib.sha256((tmp_path / "default.npz").read_bytes()).hexdigest()
    (tmp_path / "default.json").write_text(json.dumps(description))
    old = load_base("default", tmp_path)
    assert old.spans is None
    with pytest.raises(FactcheckError, match="predates span counts"):
        fit_with_base(make_model(folds=3, min_documents=5), ["Rents doubled."], ["factual"], old, ["m"])
    fitted = fit_with_base(
        make_model(folds=3, min_documents=5, span_features=False), ["Rents doubled."], ["factual"], old, ["m"]
    )
    assert fitted.context_model_ is not None


def test_the_shipped_span_rows_are_what_the_extractor_finds_today():
    # A rule changed without rebuilding the base would leave the shipped rows stale: the
    # context stage would learn from counts the extractor no longer gives at prediction time.
    base = load_base("default")
    examples = read_examples(REPO / "data" / "corpus" / "train.jsonl")
    texts = [e.text for e in examples]
    rows = document_span_rows(texts, document_bounds([e.doc_id for e in examples], len(texts)))
    assert base.spans is not None
    stale = np.flatnonzero(np.abs(base.spans[: len(texts)] - rows).max(axis=1) > 1e-12)
    assert stale.size == 0, f"{stale.size} rows differ: python -m factcheck.corpus.default_model"


def test_a_weighted_base_trains_as_its_weighted_text_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from factcheck.corpus.base import build_base

    build_base([(STARTER, {"name": "starter", "weight": 3.0})], tmp_path)
    monkeypatch.setattr("factcheck.bases.base_dir", lambda: tmp_path)
    base = load_base("default")
    assert base.weights is not None and set(base.weights) == {3.0}
    examples = read_examples(STARTER)
    mine = [("Rents may double, the council said.", "factual"), ("Rents doubled.", "estimate")]
    texts = [t for t, _ in mine] + [e.text for e in examples]
    labels = [label for _, label in mine] + [e.label for e in examples]
    weights = [1.0, 1.0] + [3.0] * len(examples)
    from_text = make_pipeline(classifier="logreg").fit(texts, labels, classifier__sample_weight=weights)
    from_counts = fit_with_base(make_pipeline(classifier="logreg"), *map(list, zip(*mine, strict=True)), base)
    probe = ["Rents may double, the council said.", "Officials said about 40 people were hurt."]
    assert np.allclose(from_text.predict_proba(probe), from_counts.predict_proba(probe))
    unweighted = make_pipeline(classifier="logreg").fit(texts, labels)
    assert not np.allclose(unweighted.predict_proba(probe), from_counts.predict_proba(probe))
