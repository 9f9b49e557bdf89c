import json
from pathlib import Path

import pytest

from factcheck.bases import load_base
from factcheck.corpus import base, default_model
from factcheck.data import read_examples
from tests.conftest import STARTER


def test_rebuild_trains_on_both_splits_scores_on_real_dev_and_ships_the_same_sentences_as_base(
    tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(base, "CORPUS_TRAIN", STARTER)
    monkeypatch.setattr(default_model, "CORPUS_TRAIN", STARTER)
    cache = tmp_path / "cache"
    cache.mkdir()
    rows = STARTER.read_text().splitlines()
    (cache / "train.jsonl").write_text("\n".join(rows[:30]) + "\n")
    (cache / "dev.jsonl").write_text("\n".join(rows[30:]) + "\n")
    (cache / "sources.json").write_text(json.dumps({"wikinews": {"licence": "CC BY 2.5"}}))
    card = default_model.rebuild(cache, tmp_path / "model", tmp_path / "base")

    own, real = card["training_data"]
    assert own["examples"] == 50 and own["licence"] == "CC BY 4.0"
    assert real["examples"] == 30 and {s["id"] for s in real["sources"]} >= {"wikinews", "fomc"}
    assert card["holdout"]["file"]["path"] == "$FACTCHECK_REAL_CACHE/dev.jsonl"
    assert real["path"] == "$FACTCHECK_REAL_CACHE/train.jsonl"
    assert card["trained_on"]["examples"] == 80
    shipped = load_base("default", tmp_path / "base")
    assert shipped.labels == [e.label for e in read_examples(STARTER)] + [
        json.loads(r)["label"] for r in rows[:30]
    ]


def test_a_stale_cache_is_refused_with_the_command_that_rebuilds_it(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(base, "CORPUS_TRAIN", STARTER)
    monkeypatch.setattr(default_model, "CORPUS_TRAIN", STARTER)
    cache = tmp_path / "cache"
    cache.mkdir()
    # One document written as two pieces, as builders before the reading-order check did.
    rows = [json.dumps({"text": f"Sentence {n} of the story.", "label": "factual", "doc_id": d}) for n, d in
            enumerate(["a", "a", "b", "a"])]  # fmt: skip
    (cache / "train.jsonl").write_text("\n".join(rows) + "\n")
    monkeypatch.setattr(default_model, "build_base", lambda *_: pytest.fail("wrote the repository's base"))
    code = default_model.main(["--real", str(cache), "--out", str(tmp_path / "model")])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{cache / 'train.jsonl'}:4: document 'a'" in err
    assert "python -m factcheck.corpus.real.build" in err
    assert not (tmp_path / "model").exists()


def test_the_fast_model_is_built_with_one_context_stage_and_no_span_counts(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(base, "CORPUS_TRAIN", STARTER)
    monkeypatch.setattr(default_model, "CORPUS_TRAIN", STARTER)
    monkeypatch.setattr(default_model, "build_base", lambda *_: None)  # never the repository's base
    cache = tmp_path / "cache"
    cache.mkdir()
    rows = STARTER.read_text().splitlines()
    (cache / "train.jsonl").write_text("\n".join(rows[:30]) + "\n")
    (cache / "dev.jsonl").write_text("\n".join(rows[30:]) + "\n")
    out = tmp_path / "fast"
    argv = ["--real", str(cache), "--no-span-features", "--context-stages", "1", "--out", str(out)]
    assert default_model.main(argv) == 0
    params = json.loads((out / "model.json").read_text())["parameters"]
    assert params["context_stages"] == 1 and params["span_features"] is False
    assert default_model.main(["--real", str(cache), "--out", str(tmp_path / "default")]) == 0
    shipped = json.loads((tmp_path / "default" / "model.json").read_text())["parameters"]
    assert shipped["context_stages"] == 3 and shipped["span_features"] is True
    with pytest.raises(SystemExit):
        default_model.main(["--real", str(cache), "--context-stages", "0", "--out", str(out)])
