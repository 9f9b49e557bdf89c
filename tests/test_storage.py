import json
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.storage import (
    CARD,
    WEIGHTS,
    list_models,
    load_model,
    models_dir,
    resolve_model_dir,
    save_model,
)


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
    (broken / WEIGHTS).write_bytes(b"not a pickle at all")
    with pytest.raises(FactcheckError, match="corrupt"):
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

    monkeypatch.setattr("factcheck.storage.joblib.dump", crash)
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
