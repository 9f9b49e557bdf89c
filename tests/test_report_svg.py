import re

from factcheck.evaluation import CalibrationBin, LabelScores, Report
from factcheck.labels import LABEL_IDS, LABELS
from factcheck.report_svg import bars_svg, confusion_svg, reliability_svg


def _report() -> Report:
    per = {lab: LabelScores(1.0, 0.5, 0.6667, 10) for lab in LABEL_IDS}
    confusion = {
        g: {p: 8 if g == p else (2 if p == "factual" and g != "factual" else 0) for p in LABEL_IDS}
        for g in LABEL_IDS
    }
    return Report(40, 0.8, 0.6667, per, confusion)


def test_bars_are_proportional_and_in_label_colours():
    svg = bars_svg(_report())
    bars = re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)" height="14" fill="(#[0-9A-Fa-f]{6})"', svg)
    assert len(bars) == 3 * len(LABELS)
    widths = [float(w) for w, _ in bars[:3]]
    assert widths[0] == 2 * widths[1]  # precision 1.0 against recall 0.5
    assert [c for _, c in bars[::3]] == [lab.colour for lab in LABELS]
    assert "P 1.000" in svg and "R 0.500" in svg and "F1 0.667" in svg


def test_confusion_cells_show_counts_and_row_shares():
    svg = confusion_svg(_report())
    counts = re.findall(
        r'font-size="14" text-anchor="middle" fill="#[0f]{3}"(?: font-weight="700")?>(\d+)<', svg
    )
    assert [int(c) for c in counts] == [_report().confusion[g][p] for g in LABEL_IDS for p in LABEL_IDS]
    assert "80%" in svg and "20%" in svg and "100%" in svg


def test_reliability_bars_stand_at_their_accuracy():
    svg = reliability_svg([CalibrationBin(0.5, 0.6, 4, 0.55, 0.25), CalibrationBin(0.9, 1.0, 6, 0.95, 1.0)])
    heights = [float(h) for h in re.findall(r'height="([\d.]+)" fill="#56B4E9"', svg)]
    assert heights == [75.0, 300.0]
    assert "<title>" in svg and ">4</text>" in svg and ">6</text>" in svg
