import json
from pathlib import Path

import pytest

from factcheck.bases import corpus_train_split, resolve_base
from factcheck.errors import FactcheckError
from factcheck.storage import CARD
from tests.conftest import REPO


def test_default_base_is_the_corpus_train_split():
    assert corpus_train_split() == REPO / "data" / "corpus" / "train.jsonl"
    assert resolve_base("default") == ("default", corpus_train_split())


def test_a_model_stands_for_the_base_its_card_records(tmp_path: Path, tiny_model: Path, monkeypatch):
    monkeypatch.setattr("factcheck.bases.models_dir", lambda: tmp_path)
    card = json.loads((tiny_model / CARD).read_text())
    for name, base in (("retrained", "default"), ("plain", None)):
        (tmp_path / name).mkdir()
        sources = [{**card["training_data"][0], "base": base}] if base else card["training_data"]
        (tmp_path / name / CARD).write_text(json.dumps({**card, "training_data": sources}))
    assert resolve_base("retrained") == ("default", corpus_train_split())
    with pytest.raises(FactcheckError, match="--base plain: that model was trained without a base"):
        resolve_base("plain")
    with pytest.raises(FactcheckError, match="--base nosuch: no shipped model"):
        resolve_base("nosuch")
