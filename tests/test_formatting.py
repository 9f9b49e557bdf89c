import csv
import io
import json
from pathlib import Path

from factcheck.annotation import Item, Progress
from factcheck.comparison import Change, Comparison
from factcheck.evaluation import f1_intervals, score
from factcheck.formatting import (
    annotation_screen,
    annotation_summary,
    comparison_text,
    label_guide,
    labelled_rows,
    models_text,
    report_text,
    sentence_rows,
)
from factcheck.labelling import LabelledSentence
from factcheck.labels import LABELS
from factcheck.resampling import Interval
from factcheck.splitting import split_sentences

ROW = LabelledSentence(
    "a.txt",
    0,
    0,
    12,
    "It rained,\nhard.",
    "factual",
    0.7,
    {"factual": 0.7, "estimate": 0.1, "attributed": 0.1, "opinion": 0.1},
)


def test_jsonl_has_documented_fields():
    record = json.loads(labelled_rows([ROW], "jsonl"))
    assert set(record) == {"doc", "index", "start", "end", "text", "label", "confidence", "scores"}
    assert record["scores"]["opinion"] == 0.1


def test_csv_round_trips_text_with_newline():
    [record] = list(csv.DictReader(io.StringIO(labelled_rows([ROW], "csv"))))
    assert record["text"] == "It rained,\nhard."
    assert record["p_factual"] == "0.7"


def test_table_puts_each_sentence_on_one_line():
    table = labelled_rows([ROW], "table")
    assert "== a.txt" in table
    assert "factual     0.70  It rained, hard." in table


def test_sentence_rows_jsonl():
    lines = sentence_rows([("d", split_sentences("One. Two."))], "jsonl").splitlines()
    assert [json.loads(x)["text"] for x in lines] == ["One.", "Two."]


def test_report_text_lists_all_labels_and_macro():
    text = report_text(score(["factual", "opinion"], ["factual", "factual"]))
    for label in ("factual", "estimate", "attributed", "opinion", "macro-F1", "confusion"):
        assert label in text


def test_report_text_shows_each_f1_range_and_a_dash_for_an_absent_label():
    gold, predicted = (
        ["factual", "opinion", "factual", "opinion"],
        ["factual", "factual", "factual", "opinion"],
    )
    text = report_text(score(gold, predicted), f1_intervals(gold, predicted, ["a", "b", "c", "d"]))
    table = text.split("\n\n")[0].splitlines()[1:]  # the scores, before the headline and the confusion
    rows = {line.split()[0]: line.split() for line in table}
    assert rows["estimate"][1:] == ["-", "-", "-", "0", "-"]  # no estimate in gold or predicted: no scores
    assert "(-: no sentence of that label among those scored; macro-F1 averages those present)" in text
    low, high = map(float, rows["factual"][-1].split("-"))
    assert low <= float(rows["factual"][3]) <= high
    assert "(4 documents resampled)" in text


def test_report_text_gives_the_precision_of_a_label_predicted_but_absent_from_the_gold():
    text = report_text(score(["factual", "factual"], ["factual", "estimate"]))
    rows = {line.split()[0]: line.split() for line in text.splitlines()[1:5]}
    assert rows["estimate"][1:] == ["0.000", "-", "-", "0"]  # its one prediction was wrong
    assert rows["factual"][1:] == ["1.000", "0.500", "0.667", "2"]
    assert "macro-F1 0.667" in text  # the absent label does not count


PROGRESS = Progress(
    done=3, total=17, skipped=1, counts={"factual": 2, "estimate": 1, "attributed": 0, "opinion": 0}
)
ITEM = Item("a.txt", 4, 50, 70, "It may\nrain.", "Before it.", None, "estimate", 0.41, 17)


def test_annotation_screen_shows_context_suggestion_and_keys():
    lines = annotation_screen(ITEM, PROGRESS).splitlines()
    assert lines[0] == "[3/17 done · answers factual 2, estimate 1, attributed 0, opinion 0]"
    assert lines[1] == "a.txt, sentence 5 of 17"
    assert lines[2:4] == ["    Before it.", "  > It may rain."]
    assert lines[4] == "model suggests estimate (0.41)"
    # the keys take two lines at 80 columns, one on a wider terminal
    assert lines[5:] == [
        "1 factual  2 estimate  3 attributed  4 opinion",
        "Enter accept  s skip  u undo  ? help  q quit",
    ]
    assert annotation_screen(ITEM, PROGRESS, width=100).splitlines()[5:] == [
        "1 factual  2 estimate  3 attributed  4 opinion  Enter accept  s skip  u undo  ? help  q quit"
    ]


def test_annotation_screen_wraps_at_spaces_and_marks_every_line_of_the_question():
    text = "Officials said that about 4,000 people had been displaced by the floods, " * 4
    item = Item("a.txt", 0, 0, len(text), text, "Before " * 40, "After it.", "estimate", 0.41, 2)
    lines = annotation_screen(item, PROGRESS, width=60).splitlines()
    asked = [line for line in lines if line.startswith("  > ")]
    assert len(asked) > 1 and all(len(line) <= 60 for line in lines[2:-3])
    assert " ".join(line[4:] for line in asked) == " ".join(text.split())  # no word or figure cut
    assert lines[2].startswith("    Before") and lines[lines.index(asked[-1]) + 1] == "    After it."


def test_annotation_screen_when_nothing_is_left():
    text = annotation_screen(None, PROGRESS)
    assert "no sentence left to ask (1 skipped: asked again next run)" in text and "u undoes" in text


def test_label_guide_has_every_label_under_its_key():
    guide = label_guide().splitlines()
    assert [line.split()[0] for line in guide[:4]] == ["1", "2", "3", "4"]
    assert all(lab.description in line for lab, line in zip(LABELS, guide, strict=False))


def test_annotation_summary():
    text = annotation_summary("mine.jsonl", PROGRESS)
    assert text.startswith("mine.jsonl: 3 answers (factual 2, estimate 1, attributed 0, opinion 0)\n")
    assert "3 of 17 sentences of these articles done, 1 skipped" in text and "run the same command" in text
    # The command it suggests must work on one article's answers, which cannot hold out a share.
    command = next(line for line in text.splitlines() if "factcheck train" in line)
    assert "factcheck train mine.jsonl --base default --holdout 0 --out models/mine" in command
    assert "factcheck compare check.jsonl --model default --model mine" in text


def test_comparison_text_shows_difference_and_changes():
    old = score(["factual", "estimate"], ["factual", "factual"])
    new = score(["factual", "estimate"], ["factual", "estimate"])
    comparison = Comparison(
        "d.jsonl",
        ("default", "mine"),
        (old, new),
        [Change("Up to 9.", "estimate", "factual", "estimate")],
        {"macro-F1": Interval(0.25, 0.75)},
        2,
    )
    lines = comparison_text(comparison).splitlines()
    assert lines[0] == "d.jsonl: 2 sentences"
    macro = next(line for line in lines if line.startswith("macro-F1"))
    assert macro.split()[1:] == ["0.333", "1.000", "+0.667", "+0.250", "to", "+0.750"]
    accuracy = next(line for line in lines if line.startswith("accuracy"))
    assert accuracy.split()[-1] == "-"  # no interval given for it
    assert "1 sentence changed label: 1 fixed, 0 broken, 0 still wrong" in lines
    # no attributed or opinion sentence in the file: no F1 row for them (they are not in macro-F1)
    assert [line.split()[1] for line in lines if line.startswith("F1 ")] == ["factual", "estimate"]
    assert lines[-1].split() == ["fixed", "gold", "estimate", "factual", "->", "estimate", "Up", "to", "9."]


def test_comparison_text_lists_broken_changes_first_up_to_the_limit():
    report = score(["factual"], ["factual"])
    changes = [
        Change("Fixed.", "estimate", "factual", "estimate"),
        Change("Broken.", "factual", "factual", "opinion"),
        Change("Still.", "opinion", "factual", "estimate"),
    ]
    lines = comparison_text(
        Comparison("d", ("a", "b"), (report, report), changes, {}, 1), limit=2
    ).splitlines()
    assert [line.split()[0] for line in lines[-3:]] == ["broken", "fixed", "..."]
    assert lines[-1] == "  ... 1 more (--changes N lists more)"


def test_models_text_table_and_json():
    card = {
        "created": "2026-11-25T14:38:50+00:00",
        "trained_on": {"examples": 120},
        "metrics": {"held_out": {"macro_f1": 0.7123}},
        "training_data": [{"path": "x/mine.jsonl"}, {"path": "y/train.jsonl", "base": "default"}],
    }
    plain = {
        "created": "2026-01-02T00:00:00+00:00",
        "trained_on": {"examples": 9},
        "metrics": {"held_out": None},
    }
    twins = {
        **plain,
        "training_data": [{"path": "data/corpus/train.jsonl"}, {"path": "/cache/real/train.jsonl"}],
    }
    models = [("mine", Path("models/mine"), card), ("all", Path("models/all"), plain)]
    # two files of one name are told apart by their folder
    assert (
        models_text([("d", Path("models/d"), twins)], "table")
        .splitlines()[1]
        .endswith("corpus/train.jsonl + real/train.jsonl")
    )
    table = models_text(models, "table").splitlines()
    assert table[1].split() == ["mine", "2026-11-25", "120", "0.712", "mine.jsonl", "+", "base", "default"]
    assert table[2].split() == ["all", "2026-01-02", "9", "-"]
    first = json.loads(models_text(models, "json"))[0]
    assert first == {
        "name": "mine",
        "path": "models/mine",
        "created": "2026-11-25T14:38:50+00:00",
        "sentences": 120,
        "held_out_macro_f1": 0.7123,
        "training_data": ["mine.jsonl", "base default"],
    }
