import json
from pathlib import Path

from typer.testing import CliRunner

from factcheck import __version__
from factcheck.cli import app
from tests.conftest import SEED, STARTER

runner = CliRunner()


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"factcheck {__version__}"


def test_help_teaches_labels_and_example():
    result = run("--help")
    assert "attributed" in result.stdout and "factcheck predict seeds/" in result.stdout
    for command in ("predict", "split", "train", "evaluate", "info"):
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.stdout


def test_predict_seed_table():
    result = run("predict", str(SEED))
    assert result.exit_code == 0
    lines = [x for x in result.stdout.splitlines() if x[:4].strip().isdigit()]
    assert len(lines) == 17


def test_predict_stdin_jsonl(tiny_model: Path):
    result = run(
        "predict",
        "-",
        "--format",
        "jsonl",
        "--model",
        str(tiny_model),
        input="Six people died. Officials said more may die.",
    )
    assert result.exit_code == 0
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [r["index"] for r in records] == [0, 1]
    assert records[0]["doc"] == "<stdin>"
    assert set(records[0]["scores"]) == {"factual", "estimate", "attributed", "opinion"}


def test_predict_text_csv():
    result = run("predict", "--text", "Prices rose. They may fall.", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("doc,index,start,end,label,confidence")


def test_predict_missing_file_is_one_line_error(tmp_path: Path):
    result = run("predict", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"factcheck: error: {tmp_path / 'missing.txt'}: no such file"
    ]
    assert "Traceback" not in result.output


def test_predict_directory_non_utf8_and_empty(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    for path, message in (
        (tmp_path, "is a directory"),
        (bad, "bad.txt:1: not UTF-8"),
        (empty, "input is empty"),
    ):
        result = run("predict", str(path))
        assert result.exit_code == 1 and message in result.stderr


def test_predict_bad_model_dir(tmp_path: Path):
    result = run("predict", "--text", "Hello.", "--model", str(tmp_path / "nomodel"))
    assert result.exit_code == 1 and "no such model directory" in result.stderr


def test_unknown_format_is_usage_error():
    assert run("predict", "--text", "Hi.", "--format", "xml").exit_code == 2


def test_split_offsets():
    result = run("split", "--text", "One here. Two there.", "--format", "jsonl")
    records = [json.loads(x) for x in result.stdout.splitlines()]
    assert [(r["start"], r["end"]) for r in records] == [(0, 9), (10, 20)]


def test_train_unknown_label_names_line(tmp_path: Path):
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "A.", "label": "factual"}\n{"text": "B.", "label": "claim"}\n')
    result = run("train", str(data), "--out", str(tmp_path / "m"))
    assert result.exit_code == 1
    assert "d.jsonl:2: unknown label 'claim'" in result.stderr
    assert not (tmp_path / "m").exists()


def test_train_evaluate_info(tmp_path: Path):
    out = tmp_path / "m"
    result = run("train", str(STARTER), "--out", str(out), "--holdout", "0.25")
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.stdout and "fitting on" in result.stderr
    evaluated = run("evaluate", str(STARTER), "--model", str(out), "--format", "json")
    report = json.loads(evaluated.stdout)
    assert {"macro_f1", "accuracy", "per_label", "confusion"} <= set(report)
    info = run("info", "--model", str(out))
    assert info.exit_code == 0 and "starter.jsonl" in info.stdout
    card = json.loads(run("info", "--model", str(out), "--format", "json").stdout)
    assert card["training_data"][0]["examples"] == 50


def test_evaluate_missing_column(tmp_path: Path):
    data = tmp_path / "d.csv"
    data.write_text("text\nA.\n")
    result = run("evaluate", str(data))
    assert result.exit_code == 1 and "missing 'label' column" in result.stderr


def test_predict_explain_in_every_format(tiny_model: Path):
    args = ["predict", "--text", "Officials said about 40 people were hurt.", "--model", str(tiny_model)]
    table = run(*args, "--explain", "2")
    assert table.exit_code == 0 and "why" in table.stdout
    record = json.loads(run(*args, "--explain", "2", "--format", "jsonl").stdout)
    assert 1 <= len(record["explanation"]) <= 2
    assert set(record["explanation"][0]) == {"feature", "weight"}
    assert "explanation" in run(*args, "--explain", "2", "--format", "csv").stdout.splitlines()[0]
    assert "explanation" not in json.loads(run(*args, "--format", "jsonl").stdout)


def test_evaluate_errors_lists_mistakes(tiny_model: Path):
    result = run("evaluate", str(STARTER), "--model", str(tiny_model), "--errors", "2", "--format", "json")
    mistakes = json.loads(result.stdout)["mistakes"]
    assert len(mistakes) == 2
    assert all(m["gold"] != m["predicted"] for m in mistakes)
    text = run("evaluate", str(STARTER), "--model", str(tiny_model), "--errors", "2").stdout
    assert "most confident mistakes (2)" in text
