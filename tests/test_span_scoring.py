"""Span scores: exact versus overlap, one match per gold span, and span gold read from a data file."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import FactcheckError
from factcheck.span_scoring import bootstrap_span_f1, score_span_gold, score_spans


def test_exact_and_overlap_count_differently() -> None:
    scores = score_spans([([(0, 10), (20, 25)], [(0, 10), (21, 30), (40, 45)])])
    assert (scores.exact.matched, scores.overlap.matched) == (1, 2)
    assert scores.exact.precision == pytest.approx(1 / 3, abs=1e-4)
    assert scores.overlap.recall == 1.0
    assert scores.overlap.f1 == pytest.approx(2 * (2 / 3) / (2 / 3 + 1), abs=1e-4)


def test_two_predictions_over_one_gold_span_match_once() -> None:
    scores = score_spans([([(0, 10)], [(0, 4), (5, 10)])])
    assert scores.overlap.matched == 1 and scores.overlap.precision == 0.5


def test_nothing_predicted_scores_zero_not_an_error() -> None:
    assert score_spans([([(0, 3)], [])]).exact.f1 == 0.0


def _record(text: str, start: int, sources: list, quantities: list) -> dict:
    return {"text": text, "label": "attributed", "start": start, "sources": sources, "quantities": quantities}


def test_span_gold_is_read_relative_to_its_sentence() -> None:
    text = "About 40 people were hurt, police said."
    offset = 100  # the sentence's place in its document
    record = _record(
        text,
        offset,
        [{"start": offset + 27, "end": offset + 33}],
        [{"start": offset + 6, "end": offset + 15}],
    )
    report = score_span_gold([record, {"text": "No gold here.", "label": "factual"}])
    assert report is not None and report.sentences == 1
    assert report.sources.exact.f1 == 1.0 and report.quantities.exact.f1 == 1.0


def test_a_file_without_span_gold_has_no_span_report() -> None:
    assert score_span_gold([{"text": "A.", "label": "factual"}]) is None


def test_a_span_outside_its_sentence_is_a_clear_error() -> None:
    with pytest.raises(FactcheckError, match=r"gold.jsonl: record 1: quantities span 1 \(0-99\) is outside"):
        score_span_gold([_record("Six people.", 0, [], [{"start": 0, "end": 99}])], "gold.jsonl")


def test_evaluate_scores_spans_when_the_file_has_span_gold(tmp_path: Path, tiny_model: Path) -> None:
    data = tmp_path / "gold.jsonl"
    text = "About 40 people were hurt, police said."
    data.write_text(
        json.dumps(_record(text, 0, [{"start": 27, "end": 33}], [{"start": 6, "end": 15}])) + "\n"
    )
    runner = CliRunner()
    shown = runner.invoke(app, ["evaluate", str(data), "--model", str(tiny_model)])
    assert shown.exit_code == 0 and "spans (1 sentence with span gold" in shown.stdout
    as_json = json.loads(
        runner.invoke(app, ["evaluate", str(data), "--model", str(tiny_model), "-f", "json"]).stdout
    )
    assert as_json["spans"]["sources"]["exact"]["f1"] == 1.0
    assert as_json["spans"]["quantities"]["overlap"]["gold"] == 1
    # One document resampled is always itself: no range, rather than one of no width.
    assert as_json["spans"]["intervals"] == {}
    assert "f1 95%" not in shown.stdout


def test_an_integer_doc_id_of_0_is_one_document_as_for_the_labels() -> None:
    found = _record("About 40 people were hurt.", 0, [], [{"start": 6, "end": 15}])
    missed = _record("Nobody was hurt.", 0, [], [{"start": 0, "end": 6}])
    as_int = score_span_gold([{**found, "doc_id": 0}, {**missed, "doc_id": 0}, {**found, "doc_id": 1}])
    as_str = score_span_gold([{**found, "doc_id": "0"}, {**missed, "doc_id": "0"}, {**found, "doc_id": "1"}])
    assert as_int is not None and as_str is not None
    assert as_int.intervals == as_str.intervals


def test_span_ranges_resample_the_records_documents() -> None:
    # Two documents: one whose figure is found, one whose figure is missed.
    found = _record("About 40 people were hurt.", 0, [], [{"start": 6, "end": 15}])
    missed = _record("Nobody was hurt.", 0, [], [{"start": 0, "end": 6}])
    records = [{**found, "doc_id": "a"}, {**found, "doc_id": "a"}, {**missed, "doc_id": "b"}]
    report = score_span_gold(records)
    assert report is not None and report.intervals is not None
    quantities = report.intervals["quantities"]["exact"]
    # Drawing document a twice finds everything, drawing b twice finds nothing: the range spans both.
    assert (quantities.low, quantities.high) == (0.0, 1.0)
    assert "sources" in report.intervals  # every record carries a (here empty) sources list


def test_span_f1_over_resampled_documents_holds_the_pooled_figure():
    # Ten documents: the even ones found exactly, the odd ones found a character late (overlap only).
    pairs = [([(0, 5)], [(0, 5)]) if d % 2 == 0 else ([(0, 5)], [(1, 5)]) for d in range(10)]
    groups = [f"doc{d}" for d in range(10)]
    samples = bootstrap_span_f1(pairs, groups, resamples=500)
    pooled = score_spans(pairs)
    assert (samples[:, 1] == 1.0).all()  # every span overlaps in every resample
    low, high = np.percentile(samples[:, 0], [2.5, 97.5])
    assert low < pooled.exact.f1 < high
    # A resample's F1 is the pooled formula on the documents it drew: never outside [0, 1].
    assert samples.min() >= 0 and samples.max() <= 1


def test_span_f1_resampling_needs_a_document_per_sentence():
    with pytest.raises(ValueError, match="same length"):
        bootstrap_span_f1([([(0, 1)], [])], [])


TEXT = "About 3,000 cars were sold, police said."


@pytest.mark.parametrize(
    ("quantities", "sources", "message"),
    [
        # offsets off by one, which the span's own text gives away
        (
            [{"start": 5, "end": 15, "text": "3,000 cars"}],
            [],
            r"quantities span 1 says '3,000 cars' but 5-15 holds",
        ),
        ([{"start": 15, "end": 6}], [], r"quantities span 1 \(15-6\) ends before it starts"),
        ([{"start": True, "end": 10}], [], r"quantities span 1 needs integer 'start' and 'end'"),
        (
            [{"start": 6, "end": 16}, {"start": 12, "end": 16}],
            [],
            r"two 'quantities' spans overlap \(6-16 and 12-16\)",
        ),
        (
            [],
            [{"start": 28, "end": 34, "cue": {"start": 35, "end": 99}}],
            r"the cue of sources span 1 \(35-99\) is outside",
        ),
        ([], [{"start": 28, "end": 34, "cue": {"start": 35, "end": 39, "stance": "sure"}}], r"stance 'sure'"),
    ],
)
def test_span_gold_that_contradicts_itself_is_an_error_not_a_silent_miss(
    quantities, sources, message
) -> None:
    with pytest.raises(FactcheckError, match=message):
        score_span_gold([_record(TEXT, 0, sources, quantities)], "gold.jsonl")


def test_a_sentence_whose_end_disagrees_with_its_text_is_an_error() -> None:
    record = {**_record(TEXT, 100, [], []), "end": 120}
    with pytest.raises(FactcheckError, match=r"record 1: the sentence runs 100-120 but its text has 40"):
        score_span_gold([record])


def test_evaluate_names_the_line_of_bad_span_gold(tmp_path: Path, tiny_model: Path) -> None:
    data = tmp_path / "gold.jsonl"
    bad = _record(TEXT, 0, [], [{"start": 15, "end": 6}])
    data.write_text("\n\n" + json.dumps(_record(TEXT, 0, [], [])) + "\n" + json.dumps(bad) + "\n")
    result = CliRunner().invoke(app, ["evaluate", str(data), "--model", str(tiny_model)])
    assert (
        result.exit_code == 1
        and "gold.jsonl:4: quantities span 1 (15-6) ends before it starts" in result.output
    )
