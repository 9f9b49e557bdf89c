from pathlib import Path

import pytest

from factcheck.comparison import Change, compare_models
from factcheck.errors import FactcheckError
from factcheck.evaluation import evaluate_file
from tests.conftest import STARTER


def test_verdicts():
    assert Change("s", gold="estimate", old="factual", new="estimate").verdict == "fixed"
    assert Change("s", gold="factual", old="factual", new="estimate").verdict == "broken"
    assert Change("s", gold="opinion", old="factual", new="estimate").verdict == "still wrong"


def test_reports_match_evaluate_and_changes_are_the_disagreements(tiny_model: Path):
    comparison = compare_models(STARTER, ["default", tiny_model])
    old, new = comparison.reports
    assert old == evaluate_file(STARTER, "default").report
    assert new == evaluate_file(STARTER, tiny_model).report
    assert comparison.models == ("default", str(tiny_model))
    assert all(c.old != c.new for c in comparison.changes)
    # accuracy moves by exactly the fixes minus the breaks
    fixed = sum(c.verdict == "fixed" for c in comparison.changes)
    broken = sum(c.verdict == "broken" for c in comparison.changes)
    assert round((new.accuracy - old.accuracy) * new.examples) == fixed - broken
    record = comparison.to_dict()
    assert [m["model"] for m in record["models"]] == ["default", str(tiny_model)]
    assert "macro_f1" in record["models"][0] and len(record["changes"]) == len(comparison.changes)


def test_a_model_against_itself_changes_nothing(tiny_model: Path):
    comparison = compare_models(STARTER, [tiny_model, tiny_model])
    assert comparison.changes == [] and comparison.reports[0] == comparison.reports[1]
    # Both models on the same resamples: the change is exactly nothing in every one of them.
    assert all((found.low, found.high) == (0.0, 0.0) for found in comparison.change_intervals.values())


def test_the_change_interval_holds_the_change_and_covers_the_labels_present(tiny_model: Path):
    comparison = compare_models(STARTER, ["default", tiny_model])
    old, new = comparison.reports
    found = comparison.change_intervals["macro-F1"]
    assert found.low <= new.macro_f1 - old.macro_f1 <= found.high
    assert set(comparison.change_intervals) == {
        "macro-F1",
        *(label for label, s in old.per_label.items() if s.support),
    }
    assert comparison.to_dict()["change_intervals"]["documents"] == comparison.documents


def test_needs_two_models(tiny_model: Path):
    with pytest.raises(FactcheckError, match="exactly two models"):
        compare_models(STARTER, [tiny_model, tiny_model, tiny_model])
