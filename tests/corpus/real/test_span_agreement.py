import json
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from factcheck.corpus.real.span_agreement import agreement, main, table
from factcheck.errors import FactcheckError

Hedge = tuple[int, int] | None


def _row(
    doc: str,
    start: int,
    end: int,
    sources: Sequence[tuple[int, int, int, int]] = (),
    quantities: Sequence[tuple[int, int, Hedge]] = (),
    sha1: str = "abc",
    approximate: bool | None = None,
) -> dict:
    return {
        "doc": doc,
        "start": start,
        "end": end,
        "sha1": sha1,
        "sources": [
            {"start": a, "end": b, "cue": {"start": c, "end": d, "stance": "neutral"}}
            for a, b, c, d in sources
        ],
        "quantities": [
            {
                "start": a,
                "end": b,
                "approximate": h is not None if approximate is None else approximate,
                "hedge": h and {"start": h[0], "end": h[1]},
            }
            for a, b, h in quantities
        ],
    }


def _write(directory: Path, source: str, rows: list[dict]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{source}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def real(tmp_path: Path) -> Path:
    first = [
        _row("a", 0, 50, sources=[(0, 9, 10, 14)], quantities=[(20, 30, (14, 19))]),
        _row("a", 51, 90),
        _row("b", 0, 40, sources=[(0, 12, 13, 17)]),
    ]
    _write(tmp_path / "spans", "wikinews", first)
    return tmp_path


def test_an_identical_second_reading_agrees_fully_and_counts_cues_and_hedges(real: Path) -> None:
    second = [json.loads(line) for line in (real / "spans" / "wikinews.jsonl").read_text().splitlines()[:2]]
    _write(real / "agreement" / "spans", "wikinews", second)
    scores = agreement(real)
    assert set(scores) == {"wikinews", "all"}
    a = scores["all"]
    assert (a.documents, a.sentences) == (1, 2)  # document "b" was not read twice: not scored
    assert a.sources.exact.f1 == a.quantities.exact.f1 == 1.0
    assert (a.same_cue, a.hedged, a.same_hedge, a.same_approximate) == (1, 1, 1, 1)


def test_same_spans_with_another_cue_hedge_or_approximate_flag_count_as_such(real: Path) -> None:
    second = [
        _row("a", 0, 50, sources=[(0, 9, 40, 44)], quantities=[(20, 30, None)], approximate=False),
        _row("a", 51, 90),
    ]
    _write(real / "agreement" / "spans", "wikinews", second)
    a = agreement(real)["all"]
    assert a.sources.exact.f1 == a.quantities.exact.f1 == 1.0  # the spans themselves agree
    assert a.same_cue == 0  # but not the cue
    assert (a.hedged, a.same_hedge) == (1, 0)  # a hedge in one reading, none in the other
    assert a.same_approximate == 0


def test_a_longer_source_counts_for_overlap_not_exact_and_a_missed_figure_lowers_recall(real: Path) -> None:
    second = [_row("a", 0, 50, sources=[(0, 14, 15, 19)]), _row("a", 51, 90)]
    _write(real / "agreement" / "spans", "wikinews", second)
    a = agreement(real)["all"]
    assert a.sources.exact.f1 == 0.0 and a.sources.overlap.f1 == 1.0
    assert a.quantities.exact.recall == 0.0 and a.quantities.exact.gold == 1
    assert a.same_cue == 0
    assert "| wikinews | 1 | 2 | 0.000 | 1.000 |" in table(agreement(real))


def test_a_changed_sentence_or_one_without_gold_is_an_error_naming_the_file_and_line(real: Path) -> None:
    second_dir = real / "agreement" / "spans"
    _write(second_dir, "wikinews", [_row("a", 0, 50, sha1="zzz"), _row("a", 51, 90)])
    with pytest.raises(FactcheckError, match=r"wikinews.jsonl:1: the sentence's sha1 differs"):
        agreement(real)
    _write(second_dir, "wikinews", [_row("a", 0, 50), _row("a", 51, 90), _row("c", 0, 9)])
    with pytest.raises(FactcheckError, match=r"wikinews.jsonl:3: this sentence has no span gold"):
        agreement(real)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            '{"doc": "a", "start": 0, "end": 50, "sha1": "abc", "quantities": []}',
            "'sources' and 'quantities' must be lists",
        ),
        ('{"doc": "a", "start": 0, "end": 50, "sources": [], "quantities": []}', "missing field 'sha1'"),
        (
            '{"doc": "a", "start": 0, "end": 50, "sha1": "abc", "sources": [{"start": 0}], "quantities": []}',
            "a source needs integer 'start' and 'end'",
        ),
        ("{not json", "not valid JSON"),
    ],
)
def test_a_malformed_row_is_an_error_naming_the_file_and_line(real: Path, line: str, reason: str) -> None:
    # The second reading is read by the same checked reader as the gold (span_gold.read_span_rows).
    second_dir = real / "agreement" / "spans"
    second_dir.mkdir(parents=True)
    (second_dir / "wikinews.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(FactcheckError, match=rf"wikinews.jsonl:1: {re.escape(reason)}"):
        agreement(real)


def test_a_sentence_given_twice_is_an_error(real: Path) -> None:
    _write(real / "agreement" / "spans", "wikinews", [_row("a", 0, 50), _row("a", 0, 50)])
    with pytest.raises(FactcheckError, match=r"wikinews.jsonl:2: a second row for the sentence of .*:1"):
        agreement(real)


def test_a_document_read_only_in_part_is_an_error(real: Path) -> None:
    _write(real / "agreement" / "spans", "wikinews", [_row("a", 0, 50, sources=[(0, 9, 10, 14)])])
    with pytest.raises(FactcheckError, match="lacks the sentence at 51-90"):
        agreement(real)


def test_main_reports_a_missing_second_annotation_without_a_traceback(
    real: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--real-dir", str(real)]) == 1
    assert "no second annotation" in capsys.readouterr().err
