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
