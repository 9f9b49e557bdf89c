import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import sklearn

from factcheck.data import read_examples
from factcheck.errors import FactcheckError
from factcheck.evaluation import evaluate_file
from factcheck.labelling import Labeller
from factcheck.model import CLASSIFIERS, make_model, make_pipeline
from factcheck.storage import (
    CARD,
    SKOPS_WEIGHTS,
    TRUSTED_TYPES,
    WEIGHTS,
    check_model,
    hidden_by_shipped,
    list_models,
    load_model,
    model_lock,
    models_dir,
    read_card,
    resolve_model_dir,
    save_model,
    shipped_name,
)
from tests.conftest import REPO, STARTER


def test_default_model_ships_and_loads():
    pipeline, card = load_model(None)
    assert resolve_model_dir(None) == models_dir() / "default"
    assert card["labels"][0]["id"] == "factual"
    assert len(pipeline.predict_proba(["A sentence."])[0]) == 4


def test_named_model_resolves_under_models_dir():
    assert resolve_model_dir("default") == models_dir() / "default"


def test_own_models_under_dot_models_resolve_by_name(tiny_model: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    own = tmp_path / "models"
    own.mkdir()
    pipeline, card = load_model(tiny_model)
    for name in ("mine", "default", ".mine.new-123"):
        save_model(pipeline, card, own / name)
    assert resolve_model_dir("mine") == Path("models") / "mine"
    assert resolve_model_dir("default") == models_dir() / "default"  # the shipped one wins
    listed = {path.resolve(): name for name, path, _ in list_models()}
    assert listed[(own / "mine").resolve()] == "mine"
    assert listed[(own / "default").resolve()] == str((own / "default").resolve())  # shadowed: by path
    assert listed[(models_dir() / "default").resolve()] == "default"
    assert (own / ".mine.new-123").resolve() not in listed


def test_a_checkouts_copy_of_a_shipped_model_is_listed_once(tmp_path: Path, monkeypatch):
    """`pip install .` then `factcheck models` in the checkout: ./models holds the shipped models' twins."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(models_dir() / "default", tmp_path / "models" / "default")
    names = [name for name, _, _ in list_models()]
    assert names.count("default") == 1 and str((tmp_path / "models" / "default").resolve()) not in names
    assert shipped_name(models_dir() / "default") == "default"
    assert shipped_name(tmp_path / "models" / "default") is None
    assert hidden_by_shipped(tmp_path / "models" / "default")
    assert not hidden_by_shipped(models_dir() / "default") and not hidden_by_shipped(
        tmp_path / "models" / "x"
    )


def test_missing_directory(tmp_path: Path):
    with pytest.raises(FactcheckError, match="no such model directory"):
        load_model(tmp_path / "absent")


def test_directory_without_card(tmp_path: Path):
    with pytest.raises(FactcheckError, match="not a model directory"):
        load_model(tmp_path)


def test_corrupt_weights(tiny_model: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / CARD).write_text((tiny_model / CARD).read_text())
    (broken / WEIGHTS).write_bytes(b"not a model at all")
    with pytest.raises(FactcheckError, match="does not match the SHA-256 its card records"):
        load_model(broken)


def test_corrupt_card(tiny_model: Path, tmp_path: Path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / CARD).write_text("{ half")
    with pytest.raises(FactcheckError, match="not valid JSON"):
        load_model(broken)


def test_incompatible_sklearn_version(tiny_model: Path, tmp_path: Path):
    old = tmp_path / "old"
    old.mkdir()
    card = json.loads((tiny_model / CARD).read_text())
    card["versions"]["scikit-learn"] = "0.24.2"
    (old / CARD).write_text(json.dumps(card))
    (old / WEIGHTS).write_bytes((tiny_model / WEIGHTS).read_bytes())
    with pytest.raises(FactcheckError, match=r"trained with scikit-learn 0\.24\.2"):
        load_model(old)


def test_interrupted_save_keeps_previous_model(tiny_model: Path, tmp_path: Path, monkeypatch):
    pipeline, card = load_model(tiny_model)
    target = tmp_path / "m"
    save_model(pipeline, card, target)
    before = (target / WEIGHTS).read_bytes()

    def crash(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("factcheck.codec.dumps", crash)
    with pytest.raises(KeyboardInterrupt):
        save_model(pipeline, {**card, "created": "later"}, target)
    assert (target / WEIGHTS).read_bytes() == before
    assert json.loads((target / CARD).read_text())["created"] == card["created"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_refuses_to_replace_a_non_model_directory(tiny_model: Path, tmp_path: Path):
    pipeline, card = load_model(tiny_model)
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FactcheckError, match="not a model directory; refusing"):
        save_model(pipeline, card, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_card_records_the_weights_sha256(tiny_model: Path):
    import hashlib

    card = json.loads((tiny_model / CARD).read_text())
    assert card["weights"]["format"] == "npz"
    assert card["weights"]["sha256"] == hashlib.sha256((tiny_model / WEIGHTS).read_bytes()).hexdigest()
    assert card["weights"]["bytes"] == (tiny_model / WEIGHTS).stat().st_size


def test_truncated_weights_are_refused_before_parsing(tiny_model: Path, tmp_path: Path, monkeypatch):
    broken = tmp_path / "cut"
    shutil.copytree(tiny_model, broken)
    data = (broken / WEIGHTS).read_bytes()
    (broken / WEIGHTS).write_bytes(data[: len(data) // 2])

    def parse(*_args, **_kwargs):
        raise AssertionError("parsed unverified weights")

    monkeypatch.setattr("factcheck.codec.read", parse)
    with pytest.raises(FactcheckError, match=rf"truncated: {len(data) // 2} of {len(data)} bytes"):
        load_model(broken)
    with pytest.raises(FactcheckError, match="truncated"):
        check_model(broken)


@pytest.mark.parametrize("classifier", CLASSIFIERS)
@pytest.mark.parametrize("features", [{}, {"word_ngrams": (1, 1), "char_ngrams": None, "cues": False}])
def test_every_pipeline_make_pipeline_builds_saves_and_loads(tmp_path: Path, classifier: str, features):
    """The allow-list covers every configuration: a class missing from TRUSTED_TYPES fails here."""
    examples = read_examples(STARTER)
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    pipeline = make_pipeline(classifier=classifier, **features).fit(texts, labels)
    save_model(pipeline, {"versions": {"scikit-learn": sklearn.__version__}}, tmp_path / "m")
    loaded, _ = load_model(tmp_path / "m")
    probe = [*texts, "An unseen sentence with Zanzibar in it."]
    assert np.array_equal(loaded.predict_proba(probe), pipeline.predict_proba(probe))


@pytest.mark.parametrize("stages", [1, 3])
def test_the_document_model_saves_and_loads(tmp_path: Path, stages: int):
    """The context stage is on the allow-list too and reads documents after loading, built or lean;
    averaged stages are saved as the one ensemble they predict as."""
    examples = read_examples(STARTER)
    texts, labels, groups = (
        [e.text for e in examples],
        [e.label for e in examples],
        [e.doc_id for e in examples],
    )
    model = make_model(char_ngrams=None, folds=3, min_documents=5, context_stages=stages)
    model.fit(texts, labels, groups)
    assert model.context_model_ is not None
    save_model(model, {"versions": {"scikit-learn": sklearn.__version__}}, tmp_path / "m")
    loaded, _ = load_model(tmp_path / "m")
    assert loaded.get_params()["context_stages"] == stages
    expected = model.predict_proba(texts, groups)
    assert np.array_equal(loaded.predict_proba(texts, groups), expected)
    lean = Labeller.load(tmp_path / "m")  # the arrays, predicted with numpy alone
    assert type(lean.predictor).__name__ == "DocumentPredictor"
    assert np.allclose(lean.predictor.predict_proba(texts, groups), expected)


def test_save_refuses_a_type_outside_the_allow_list(tiny_model: Path, tmp_path: Path, monkeypatch):
    pipeline, card = load_model(tiny_model)
    monkeypatch.setattr("factcheck.storage.TRUSTED_TYPES", TRUSTED_TYPES - {"factcheck.features.BlockTfidf"})
    with pytest.raises(FactcheckError, match=r"TRUSTED_TYPES lacks factcheck\.features\.BlockTfidf"):
        save_model(pipeline, card, tmp_path / "m")
    assert not (tmp_path / "m").exists()


def test_shipped_model_reproduces_the_scores_its_card_records():
    """The shipped weights predict what the model that wrote the card predicted.

    The card's held-out figures were computed in memory before saving; the
    loaded model must give the same confusion matrix on the same file.
    """
    from factcheck.corpus.real.references import default_cache

    card = read_card(resolve_model_dir(None))
    source = card["holdout"]["file"]
    path = REPO / source["path"].replace("$FACTCHECK_REAL_CACHE", str(default_cache()))
    if not path.is_file():
        pytest.skip(
            f"{source['path']} is not on this machine (build it: python -m factcheck.corpus.real.build)"
        )
    if hashlib.sha256(path.read_bytes()).hexdigest() != source["sha256"]:
        pytest.skip(f"{source['path']} changed since the shipped model was trained")
    report = evaluate_file(path).report.to_dict()
    assert report["confusion"] == card["metrics"]["held_out"]["confusion"]
    assert report["macro_f1"] == pytest.approx(card["metrics"]["held_out"]["macro_f1"])


def test_leftover_staging_folders_are_removed_by_the_next_save(tiny_model: Path, tmp_path: Path):
    pipeline, card = load_model(tiny_model)
    for leftover in (".m.new-abc", ".m.old-def"):
        shutil.copytree(tiny_model, tmp_path / leftover)
    save_model(pipeline, card, tmp_path / "m")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_swap_replaces_in_place_without_a_moment_missing(tiny_model: Path, tmp_path: Path, monkeypatch):
    pipeline, card = load_model(tiny_model)
    target = tmp_path / "m"
    save_model(pipeline, card, target)
    renames = []
    monkeypatch.setattr("os.rename", lambda a, b: renames.append((a, b)))
    save_model(pipeline, {**card, "created": "later"}, target)
    assert renames == []  # the exchange is one system call: no rename leaves it missing
    assert read_card(target)["created"] == "later"


def test_kill_between_fallback_renames_is_recovered_on_load(tiny_model: Path, tmp_path: Path, monkeypatch):
    """Where renameat2 is missing, a kill between the two renames leaves only .m.old-*: load repairs it."""
    pipeline, card = load_model(tiny_model)
    target = tmp_path / "m"
    save_model(pipeline, card, target)
    monkeypatch.setattr("factcheck.storage._exchange", lambda a, b: False)
    real_rename = os.rename

    def killed_after_first(a, b):
        real_rename(a, b)
        if Path(a) == target:
            raise KeyboardInterrupt  # stands for SIGKILL: the except block below is never reached

    monkeypatch.setattr("os.rename", killed_after_first)
    monkeypatch.setattr("shutil.rmtree", lambda *a, **k: None)  # a killed process cleans nothing
    with pytest.raises(KeyboardInterrupt):
        save_model(pipeline, {**card, "created": "later"}, target)
    monkeypatch.undo()
    assert not target.exists()
    _, loaded_card = load_model(target)
    assert loaded_card["created"] == card["created"]  # the previous model, whole
    save_model(pipeline, card, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m"]


def test_second_writer_is_refused_while_the_lock_is_held(tiny_model: Path, tmp_path: Path):
    pipeline, card = load_model(tiny_model)
    target = tmp_path / "m"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from factcheck.storage import model_lock\n"
            f"with model_lock({str(target)!r}):\n    print('held', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(FactcheckError, match=rf"another factcheck run \(pid {holder.pid}\) is writing"):
            save_model(pipeline, card, target)
    finally:
        holder.kill()
        holder.wait()
    save_model(pipeline, card, target)  # the lock dies with its holder
    assert load_model(target)


def test_a_changed_weight_is_refused_even_when_the_file_is_well_formed(tiny_model: Path, tmp_path: Path):
    from factcheck import codec

    changed = tmp_path / "changed"
    shutil.copytree(tiny_model, changed)
    structure, arrays = codec.read((changed / WEIGHTS).read_bytes())
    coef = next(name for name, a in arrays.items() if a.ndim == 2)
    arrays[coef] = arrays[coef].copy()
    arrays[coef][0, 0] += 1.0
    buffer = io.BytesIO()
    np.savez(buffer, structure=np.frombuffer(json.dumps(structure).encode(), np.uint8), **arrays)
    (changed / WEIGHTS).write_bytes(buffer.getvalue())
    with pytest.raises(FactcheckError, match="does not match the SHA-256 its card records"):
        load_model(changed)
    with pytest.raises(FactcheckError, match="does not match the SHA-256"):
        Labeller.load(changed)


def test_model_saved_in_the_older_skops_format_still_loads(tiny_model: Path, tmp_path: Path):
    import skops.io

    model, card = load_model(tiny_model)
    pipeline = model.sentence_model_  # the skops format only ever held sentence pipelines
    old = tmp_path / "old"
    old.mkdir()
    data = skops.io.dumps({"pipeline": pipeline})
    (old / SKOPS_WEIGHTS).write_bytes(data)
    card = {
        **card,
        "weights": {
            "format": "skops",
            "file": SKOPS_WEIGHTS,
            "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    }
    (old / CARD).write_text(json.dumps(card))
    loaded, _ = load_model(old)
    probe = ["Officials said about 40 were hurt.", "We must act."]
    assert np.array_equal(loaded.predict_proba(probe), pipeline.predict_proba(probe))
    assert Labeller.load(old).label_sentences(probe) == Labeller.load(tiny_model).label_sentences(probe)
    assert check_model(old)["format"] == "skops"
    (old / SKOPS_WEIGHTS).write_bytes(data[:100])
    with pytest.raises(FactcheckError, match="truncated"):
        load_model(old)


def test_saved_model_round_trips_to_identical_predictions(tiny_model: Path, tmp_path: Path):
    pipeline, card = load_model(tiny_model)
    save_model(pipeline, card, tmp_path / "again")
    assert (tmp_path / "again" / WEIGHTS).read_bytes() == (tiny_model / WEIGHTS).read_bytes()
    reloaded, _ = load_model(tmp_path / "again")
    probe = [e.text for e in read_examples(STARTER)]
    assert np.array_equal(reloaded.predict_proba(probe), pipeline.predict_proba(probe))
    assert check_model(tmp_path / "again")["status"].startswith("ok: SHA-256 verified")


def test_a_model_directory_holding_other_files_is_not_replaced(tiny_model: Path, tmp_path: Path):
    pipeline, card = load_model(tiny_model)
    target = save_model(pipeline, card, tmp_path / "m")
    (target / "NOTES.txt").write_text("my notes")
    with pytest.raises(FactcheckError, match=r"also holds NOTES\.txt, which replacing the model"):
        save_model(pipeline, card, target)
    assert (target / "NOTES.txt").read_text() == "my notes"


def test_the_lock_file_goes_with_the_run_that_held_it(tmp_path: Path):
    with model_lock(tmp_path / "m"):
        assert (tmp_path / ".m.lock").read_text().strip() == str(os.getpid())
    assert list(tmp_path.iterdir()) == []
