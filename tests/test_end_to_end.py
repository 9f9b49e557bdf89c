"""Train on a small file, evaluate it, predict with it: the retraining loop in one go."""

import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck.cli import app
from tests.conftest import SEED, STARTER

runner = CliRunner()


def test_train_evaluate_predict(tmp_path: Path):
    model = tmp_path / "mine"
    assert runner.invoke(app, ["train", str(STARTER), "--out", str(model)]).exit_code == 0
    report = json.loads(
        runner.invoke(app, ["evaluate", str(STARTER), "--model", str(model), "--format", "json"]).stdout
    )
    # trained on most of this very file: it must fit it far better than chance
    assert report["accuracy"] > 0.7
    predicted = runner.invoke(app, ["predict", str(SEED), "--model", str(model), "--format", "jsonl"])
    rows = [json.loads(x) for x in predicted.stdout.splitlines()]
    assert len(rows) == 17
    text = SEED.read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


# The seed article's 17 sentences in reading order, labelled by data/GUIDELINES.md, one key each.
SEED_KEYS = list("11343424111411144")


def test_annotate_train_with_base_compare_predict(tmp_path: Path, tiny_model: Path):
    mine = tmp_path / "mine.jsonl"
    answers = "\n".join([*SEED_KEYS[:5], "u", SEED_KEYS[4], "q"]) + "\n"
    args = ["annotate", str(SEED), "--out", str(mine), "--model", str(tiny_model), "--order", "document"]
    assert runner.invoke(app, args, input=answers).exit_code == 0
    resumed = runner.invoke(app, args, input="\n".join(SEED_KEYS[5:]) + "\n")
    assert resumed.exit_code == 0 and "17 of 17 sentences of these articles done" in resumed.stdout

    model = tmp_path / "models" / "mine"
    # Two workers fit the context stage's folds side by side: the same model (one BLAS thread
    # per fit, tests/test_context.py), in half the time of the largest fit in the suite.
    trained = runner.invoke(
        app, ["train", str(mine), "--base", "default", "--out", str(model), "--holdout", "0", "--jobs", "2"]
    )
    assert trained.exit_code == 0, trained.output
    card = json.loads((model / "model.json").read_text())
    assert [s.get("base") for s in card["training_data"]] == [None, "default"]
    assert card["training_data"][0]["examples"] == 17

    compared = runner.invoke(
        app, ["compare", str(mine), "--model", str(tiny_model), "--model", str(model), "--format", "json"]
    )
    old, new = json.loads(compared.stdout)["models"]
    # trained on these very answers: the new model must follow them better than the one that suggested
    assert new["accuracy"] > old["accuracy"] and new["macro_f1"] > old["macro_f1"]

    predicted = runner.invoke(app, ["predict", str(SEED), "--model", str(model), "--format", "jsonl"])
    rows = [json.loads(x) for x in predicted.stdout.splitlines()]
    labels = {"1": "factual", "2": "estimate", "3": "attributed", "4": "opinion"}
    agree = sum(r["label"] == labels[k] for r, k in zip(rows, SEED_KEYS, strict=True))
    assert agree >= 14
