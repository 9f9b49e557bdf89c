import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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
    for command in ("predict", "split", "train", "evaluate", "info", "annotate", "compare", "models"):
        sub = run(command, "--help")
        assert sub.exit_code == 0 and "Example" in sub.stdout


def test_annotate_help_gives_each_key_the_label_it_stands_for():
    from factcheck.annotation import KEYS

    text = " ".join(run("annotate", "--help").stdout.split())  # the help is wrapped to the terminal
    assert all(f"{key} {label}" in text for key, label in KEYS.items())


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
    # 50 sentences in a dozen documents are too few to learn context from, and info says so
    assert "each sentence is read alone (no context stage)" in info.stdout
    card = json.loads(run("info", "--model", str(out), "--format", "json").stdout)
    assert card["training_data"][0]["examples"] == 50 and card["context_stage"] is False


def test_evaluate_gives_each_f1_its_interval_over_the_files_documents(tiny_model: Path):
    report = json.loads(run("evaluate", str(STARTER), "--model", str(tiny_model), "--format", "json").stdout)
    intervals = report["intervals"]
    documents = {json.loads(line).get("doc_id") for line in STARTER.read_text(encoding="utf-8").splitlines()}
    assert intervals["documents"] == len(documents)
    assert intervals["macro_f1"]["low"] <= report["macro_f1"] <= intervals["macro_f1"]["high"]
    for label, scores in report["per_label"].items():
        assert intervals["per_label"][label]["low"] <= scores["f1"] <= intervals["per_label"][label]["high"]
    text = run("evaluate", str(STARTER), "--model", str(tiny_model)).stdout
    assert f"({len(documents)} documents resampled)" in text and "f1 95%" in text


def test_evaluate_says_why_a_one_document_file_has_no_ranges(tiny_model: Path, tmp_path: Path):
    data = tmp_path / "one.jsonl"
    lines = STARTER.read_text(encoding="utf-8").splitlines()[:12]
    data.write_text("".join(json.dumps({**json.loads(line), "doc_id": "a"}) + "\n" for line in lines))
    text = run("evaluate", str(data), "--model", str(tiny_model)).stdout
    assert "macro-F1 95% interval: none, the file holds one document" in text and "f1 95%" not in text
    report = json.loads(run("evaluate", str(data), "--model", str(tiny_model), "--format", "json").stdout)
    assert report["documents"] == 1 and "intervals" not in report
    page = run("evaluate", str(data), "--model", str(tiny_model), "--format", "html").stdout
    assert "95% ranges: none, the file holds one document" in page
    # two documents are enough for ranges, and then no such line
    two = "".join(
        json.dumps({**json.loads(line), "doc_id": str(n // 6)}) + "\n" for n, line in enumerate(lines)
    )
    data.write_text(two)
    text = run("evaluate", str(data), "--model", str(tiny_model)).stdout
    assert "(2 documents resampled)" in text and "holds one document" not in text


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


def test_annotate_without_a_terminal_reads_one_answer_a_line(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "mine.jsonl"
    args = ["annotate", str(SEED), "--out", str(out), "--model", str(tiny_model), "--order", "document"]
    result = run(*args, input="estimate\n2\nu\n\ns\n4\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("label", "undo") for r in records] == [
        "estimate",
        "estimate",
        "undo",
        records[3]["suggested"],
        "opinion",
    ]
    assert records[3]["start"] == records[1]["start"]  # the undone sentence was asked again
    assert (
        "3 answers" in result.stdout
        and "3 of 17 sentences of these articles done, 1 skipped" in result.stdout
    )


def test_annotate_bad_line_names_it_and_keeps_earlier_answers(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "mine.jsonl"
    result = run(
        "annotate", str(SEED), "--out", str(out), "--model", str(tiny_model), input="1\nfactual\nyes\n"
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "factcheck: error: <stdin>:3: 'yes' is not an answer; "
        "use 1-4, a label id, an empty line, s, u, ? or q"
    )
    assert len(out.read_text().splitlines()) == 2


def test_annotate_reports_a_torn_last_line(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "mine.jsonl"
    out.write_text('{"text": "Half')
    result = run("annotate", str(SEED), "--out", str(out), "--model", str(tiny_model), input="q\n")
    assert result.exit_code == 0
    assert "cut off an incomplete last line" in result.stderr
    assert out.read_text() == ""


def test_annotate_needs_files_not_stdin(tmp_path: Path):
    result = run("annotate", "-", "--out", str(tmp_path / "mine.jsonl"), input="1\n")
    assert result.exit_code == 2 and "give the articles as files" in result.output


def test_compare_side_by_side_and_json(tiny_model: Path):
    args = ["compare", str(STARTER), "--model", "default", "--model", str(tiny_model)]
    text = run(*args)
    assert text.exit_code == 0, text.output
    assert "macro-F1" in text.stdout and "F1 attributed" in text.stdout and "changed label" in text.stdout
    record = json.loads(run(*args, "--format", "json").stdout)
    assert [m["model"] for m in record["models"]] == ["default", str(tiny_model)]
    assert all(c["old"] != c["new"] for c in record["changes"])
    once = run("compare", str(STARTER), "--model", "default")
    assert once.exit_code == 2 and "exactly two models" in once.stderr


def test_models_lists_shipped_and_own(tmp_path: Path, tiny_model: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "mine").symlink_to(tiny_model)
    table = run("models")
    assert table.exit_code == 0
    assert [line.split()[0] for line in table.stdout.splitlines()] == ["name", "default", "fast", "mine"]
    [_, _, mine] = json.loads(run("models", "--format", "json").stdout)
    assert mine["name"] == "mine" and mine["sentences"] > 0 and mine["training_data"] == ["starter.jsonl"]
    assert run("info", "--model", "mine").exit_code == 0


def test_train_with_a_base(tmp_path: Path, starter_base: Path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text('{"text": "Prices will rise, the bank said.", "label": "attributed", "doc_id": "d"}\n')
    result = run("train", str(mine), "--base", "default", "--out", str(tmp_path / "m"), "--holdout", "0")
    assert result.exit_code == 0, result.output
    assert "shipped base default" in run("info", "--model", str(tmp_path / "m")).stdout
    unknown = run("train", str(mine), "--base", "nosuch", "--out", str(tmp_path / "n"))
    assert unknown.exit_code == 2 and "--base nosuch: no shipped model" in unknown.stderr  # a wrong value


def test_predict_html_to_stdout_and_to_a_file(tmp_path: Path, tiny_model: Path):
    result = run("predict", str(SEED), "--model", str(tiny_model), "--format", "html", "--explain", "2")
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.count('class="s lab-') == 17
    out = tmp_path / "seed.html"
    args = ("-m", str(tiny_model), "-f", "html", "-o", str(out), "--review-below", "1")
    result = run("predict", str(SEED), *args)
    assert result.exit_code == 0 and result.stdout == ""
    page = out.read_text(encoding="utf-8")
    rows = [
        json.loads(line)
        for line in run("predict", str(SEED), "-m", str(tiny_model), "-f", "jsonl").stdout.splitlines()
    ]
    assert page.count(' review" id="s0-') == sum(r["confidence"] < 1 for r in rows) > 0
    assert "confidence below 1.00" in page


def test_predict_output_to_a_missing_directory_is_one_line_error(tmp_path: Path):
    result = run("predict", "--text", "Six people died.", "-o", str(tmp_path / "no" / "out.jsonl"))
    assert result.exit_code == 1 and "cannot write" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("spelling", ["same", "dotted", "link"])
def test_output_that_is_an_input_is_refused_and_the_input_kept(
    tmp_path: Path, tiny_model: Path, monkeypatch, spelling: str
):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "art.txt"
    article.write_text("Six people died. Officials said 40 were hurt.\n", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(article)
    output = {"same": "art.txt", "dotted": "./art.txt", "link": "link.txt"}[spelling]
    result = run("predict", "art.txt", "--model", tiny_model, "-o", output)
    assert result.exit_code == 1 and "is the input art.txt" in result.stderr
    assert article.read_text(encoding="utf-8") == "Six people died. Officials said 40 were hurt.\n"


def test_output_that_is_the_file_standard_input_reads_is_refused(tmp_path: Path):
    """`factcheck predict -o in.txt < in.txt` would have replaced the article with its labels."""
    article = tmp_path / "in.txt"
    article.write_text("Six people died.\n", encoding="utf-8")
    for args in (["predict", "-", "-o", "in.txt"], ["predict", "-o", "in.txt"]):
        with article.open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-m", "factcheck", *args],
                stdin=stdin,
                capture_output=True,
                text=True,
                cwd=tmp_path,
            )
        assert done.returncode == 1 and "in.txt: is the input <stdin>" in done.stderr
        assert article.read_text(encoding="utf-8") == "Six people died.\n"


def test_evaluate_output_that_is_its_data_is_refused(tmp_path: Path, tiny_model: Path):
    data = tmp_path / "gold.jsonl"
    data.write_bytes(STARTER.read_bytes())
    result = run("evaluate", str(data), "--model", str(tiny_model), "-o", str(data))
    assert result.exit_code == 1 and "is the input" in result.stderr
    assert data.read_bytes() == STARTER.read_bytes()


def test_evaluate_html_has_the_four_panels(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "eval.html"
    result = run("evaluate", str(STARTER), "--model", str(tiny_model), "--format", "html", "-o", str(out))
    assert result.exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "Most confident mistakes" in page
    documents = {json.loads(line).get("doc_id") for line in STARTER.read_text(encoding="utf-8").splitlines()}
    assert f"95% ranges over the file's {len(documents)} documents, resampled: macro-F1 " in page


def test_evaluate_text_to_a_file(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "eval.txt"
    result = run("evaluate", str(STARTER), "--model", str(tiny_model), "--errors", "1", "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert "macro-F1" in out.read_text() and "most confident mistakes (1)" in out.read_text()


def test_output_dash_is_standard_output(tmp_path: Path, tiny_model: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("predict", "--text", "One. Two.", "--model", tiny_model, "-f", "jsonl", "-o", "-")
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 2
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("rows.csv", "doc,index,"),
        ("rows.jsonl", '{"doc": '),
        ("rows.NDJSON", '{"doc": '),
        ("rows.txt", "== "),
        ("rows", "== "),
        ("page.htm", "<!DOCTYPE html>"),
    ],
)
def test_predict_takes_the_format_from_the_output_files_extension(
    tmp_path: Path, tiny_model: Path, name: str, first: str
):
    out = tmp_path / name
    result = run("predict", str(SEED), "--model", str(tiny_model), "-o", str(out))
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(first)


def test_an_explicit_format_wins_over_the_extension(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "rows.csv"
    assert run("predict", str(SEED), "--model", str(tiny_model), "-f", "jsonl", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith('{"doc": ')


def test_evaluate_writes_json_to_a_json_file(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "scores.json"
    assert run("evaluate", str(STARTER), "--model", str(tiny_model), "-o", str(out)).exit_code == 0
    assert "macro_f1" in json.loads(out.read_text(encoding="utf-8"))


def test_text_with_input_files_is_refused(tiny_model: Path):
    result = run("predict", str(SEED), "--text", "Hi there.", "--model", str(tiny_model))
    assert result.exit_code == 2
    assert "--text labels the text given; it does not go with input files" in result.output


def test_training_without_some_labels_warns_and_info_says_so(tmp_path: Path, two_labels: Path):
    trained = run("train", str(two_labels), "--holdout", "0", "--out", str(tmp_path / "m"))
    assert trained.exit_code == 0
    assert "warning: the training data has no estimate or attributed sentences" in trained.stderr
    shown = run("info", "--model", str(tmp_path / "m")).stdout
    assert "(never gives estimate, attributed: not in its training data)" in shown


def test_training_under_a_shipped_models_name_warns(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    trained = run("train", str(STARTER), "--holdout", "0", "--out", "models/default")
    assert trained.exit_code == 0
    assert "models/default: a shipped model is also called 'default'" in trained.stderr
    assert (
        "shipped model is also called"
        not in run("train", str(STARTER), "--holdout", "0", "--out", "m").stderr
    )
    # ./default is what --model default means from here (an existing path comes first): no warning
    trained = run("train", str(STARTER), "--holdout", "0", "--out", "default")
    assert trained.exit_code == 0 and "shipped model is also called" not in trained.stderr


def test_info_names_a_shipped_model(tmp_path: Path, tiny_model: Path):
    assert run("info").stdout.startswith("model       default, shipped with factcheck: ")
    assert run("info", "--model", str(tiny_model)).stdout.startswith(f"model       {tiny_model}\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["split", "--text", "One.", "-f", "html"],
            "Error: Invalid value for '--format' / '-f': 'html' is not one of",
        ),
        (
            ["train", str(STARTER), "--out", "x", "--holdout", "1"],
            "Error: --holdout 1.0: give a share at least 0",
        ),
        (
            ["train", str(STARTER), "--out", "x", "--weight", "-1"],
            "Error: --weight -1.0: give a number above 0",
        ),
        (["compare", str(STARTER), "-m", "default"], "Error: compare needs exactly two models"),
        (["predict", "--text", "Six died.", "-o", "rows.json"], "no format here has the extension '.json'"),
        (["evaluate", str(STARTER), "-o", "scores.csv"], "give --format (text, json, html)"),
        (
            ["split", str(STARTER), "--text", "Hi."],
            "--text splits the text given; it does not go with input files",
        ),
        (["predict", "-", "--out", "labelled"], "name files, not standard input"),
        (["annotate", "-", "--out", "mine.jsonl"], "give the articles as files"),
    ],
)
def test_a_wrong_command_line_exits_2_before_reading_anything(tmp_path: Path, args: list[str], message: str):
    """Exit 2 is the README's "the command line itself is wrong", found by the parser or the command."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert done.returncode == 2 and done.stdout == ""
    assert message in done.stderr and "Value error" not in done.stderr and "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_models_lists_the_others_when_one_card_is_damaged(tmp_path: Path, tiny_model: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(tiny_model, tmp_path / "models" / "good")
    (tmp_path / "models" / "broken").mkdir()
    (tmp_path / "models" / "broken" / "model.json").write_text('{"labels": [')
    odd = tmp_path / "models" / "odd"
    shutil.copytree(tiny_model, odd)
    card = json.loads((odd / "model.json").read_text())
    (odd / "model.json").write_text(json.dumps({**card, "trained_on": "x"}))
    result = run("models")
    assert result.exit_code == 0
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "cannot be used" not in rows["good"]
    assert "model card is corrupt (not valid JSON)" in rows["broken"]
    assert "model card is malformed" in rows["odd"]


def test_info_on_a_card_with_a_field_of_the_wrong_type_is_one_line(tmp_path: Path, tiny_model: Path):
    odd = tmp_path / "odd"
    shutil.copytree(tiny_model, odd)
    card = json.loads((odd / "model.json").read_text())
    (odd / "model.json").write_text(json.dumps({**card, "labels": "abc"}))
    result = run("info", "--model", str(odd))
    assert result.exit_code == 1
    assert f"factcheck: error: {odd}: model card is malformed" in result.output


def test_one_unreadable_file_among_several_costs_only_itself(tmp_path: Path, tiny_model: Path):
    good = tmp_path / "good.txt"
    good.write_text("Six people died. Officials said more were hurt.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not text")
    later = tmp_path / "later.txt"
    later.write_text("The bridge reopened.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    args = [str(good), str(bad), str(missing), str(later), "--model", str(tiny_model), "-f", "jsonl"]
    result = run("predict", *args)
    assert result.exit_code == 1
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == [str(good), str(good), str(later)]
    assert f"{bad}:1: not UTF-8 text" in result.stderr
    assert f"{missing}: no such file" in result.stderr
    assert "2 of 4 inputs could not be read (named above); the others were labelled" in result.stderr


@pytest.mark.parametrize("command", ["train", "evaluate"])
def test_train_and_evaluate_say_they_do_not_read_standard_input(command: str, tmp_path: Path):
    args = [command, "-"] + (["--out", str(tmp_path / "m")] if command == "train" else [])
    result = run(*args, input=STARTER.read_text(encoding="utf-8"))
    assert result.exit_code == 1
    assert "-: standard input is not read here; give the annotated sentences as a file" in result.stderr


def test_info_says_the_default_model_weighs_the_spans_it_finds():
    info = run("info")
    assert info.exit_code == 0
    assert "among its document's (context stage), with the sources and figures found in it" in info.stdout
    assert "; 3 context stages averaged" in info.stdout
    fast = run("info", "--model", "fast")  # one stage: nothing to say about averaging
    assert fast.exit_code == 0 and "(context stage)" in fast.stdout and "averaged" not in fast.stdout
