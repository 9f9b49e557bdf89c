"""The evaluation report's charts as plain inline SVG: no plotting library, nothing fetched.

Each chart states its values as text too (the numbers sit on the bars and
cells), so it reads without colour and a screen reader gets a summary from
its ``<title>``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from factcheck.evaluation import CalibrationBin, Report
from factcheck.labels import LABELS

_FONT = 'font-size="12"'
_HEAT = "#0072B2"  # one hue for the heat map: its shade is a share, not a label


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_esc(title)}"><title>{_esc(title)}</title>' + "".join(body) + "</svg>"
    )


def bars_svg(report: Report) -> str:
    """Precision, recall and F1 of each label as horizontal bars in the label's colour."""
    metrics = (("P", "precision", 1.0), ("R", "recall", 0.7), ("F1", "f1", 0.45))
    left, width, bar, gap = 120, 330, 14, 12
    height = 20 + len(LABELS) * (len(metrics) * (bar + 2) + gap)
    body = [f'<line x1="{left}" y1="10" x2="{left}" y2="{height - 8}" stroke="#333"/>']
    for tick in (0.25, 0.5, 0.75, 1.0):
        x = left + tick * width
        body.append(f'<line x1="{x:.1f}" y1="10" x2="{x:.1f}" y2="{height - 8}" stroke="#ddd"/>')
        body.append(f'<text x="{x:.1f}" y="{height}" {_FONT} text-anchor="middle">{tick:g}</text>')
    y = 14
    for label in LABELS:
        scores = report.per_label[label.id]
        body.append(
            f'<text x="{left - 8}" y="{y + 1.5 * bar + 4}" {_FONT} text-anchor="end">{_esc(label.id)}</text>'
            f'<text x="{left - 8}" y="{y + 2.5 * bar + 6}" font-size="10" text-anchor="end" fill="#555">'
            f"({scores.support})</text>"
        )
        for short, field, opacity in metrics:
            value = getattr(scores, field)
            w = max(value * width, 0.5)
            body.append(
                f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar}" fill="{label.colour}" '
                f'fill-opacity="{opacity}" stroke="{label.colour}"/>'
                f'<text x="{left + w + 4:.1f}" y="{y + bar - 3}" font-size="11">{short} {value:.3f}</text>'
            )
            y += bar + 2
        y += gap
    return _svg(left + width + 70, height + 4, "precision, recall and F1 per label", body)


def confusion_svg(report: Report) -> str:
    """The confusion matrix: counts in cells shaded by their share of the gold row."""
    ids = [label.id for label in LABELS]
    cell, left, top = 78, 100, 56
    size = len(ids) * cell
    body = [
        f'<text x="{left + size / 2}" y="14" {_FONT} text-anchor="middle" font-weight="600">predicted</text>',
        f'<text x="14" y="{top + size / 2}" {_FONT} text-anchor="middle" font-weight="600" '
        f'transform="rotate(-90 14 {top + size / 2})">gold</text>',
    ]
    for j, pred in enumerate(ids):
        x = left + j * cell + cell / 2
        body.append(f'<text x="{x}" y="{top - 10}" {_FONT} text-anchor="middle">{_esc(pred)}</text>')
    for i, gold in enumerate(ids):
        row = report.confusion[gold]
        total = sum(row.values())
        y = top + i * cell
        body.append(
            f'<text x="{left - 6}" y="{y + cell / 2 + 4}" {_FONT} text-anchor="end">{_esc(gold)}</text>'
        )
        for j, pred in enumerate(ids):
            share = row[pred] / total if total else 0.0
            x = left + j * cell
            ink = "#fff" if share > 0.5 else "#000"
            weight = ' font-weight="700"' if i == j else ""
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" fill="{_HEAT}" '
                f'fill-opacity="{0.05 + 0.95 * share:.3f}" stroke="#fff"/>'
                f'<text x="{x + cell / 2}" y="{y + cell / 2}" font-size="14" text-anchor="middle" '
                f'fill="{ink}"{weight}>{row[pred]}</text>'
                f'<text x="{x + cell / 2}" y="{y + cell / 2 + 16}" font-size="10" text-anchor="middle" '
                f'fill="{ink}">{share:.0%}</text>'
            )
    return _svg(left + size + 10, top + size + 10, "confusion matrix, rows gold, columns predicted", body)


def reliability_svg(bins: Sequence[CalibrationBin]) -> str:
    """Accuracy per confidence bin against the diagonal a perfectly calibrated model would follow."""
    left, top, size = 50, 14, 300

    def x(v: float) -> float:
        return left + v * size

    def y(v: float) -> float:
        return top + (1 - v) * size

    body = [
        f'<rect x="{left}" y="{top}" width="{size}" height="{size}" fill="none" stroke="#333"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#555" stroke-dasharray="5 4"/>',
        f'<text x="{left + size / 2}" y="{top + size + 34}" {_FONT} text-anchor="middle">confidence</text>',
        f'<text x="14" y="{top + size / 2}" {_FONT} text-anchor="middle" '
        f'transform="rotate(-90 14 {top + size / 2})">accuracy</text>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1):
        body.append(
            f'<text x="{x(tick)}" y="{top + size + 16}" font-size="10" text-anchor="middle">{tick:g}</text>'
        )
        body.append(
            f'<text x="{left - 6}" y="{y(tick) + 4}" font-size="10" text-anchor="end">{tick:g}</text>'
        )
    for b in bins:
        bx, bw = x(b.low) + 1, (b.high - b.low) * size - 2
        body.append(
            f'<rect x="{bx:.1f}" y="{y(b.accuracy):.1f}" width="{bw:.1f}" height="{b.accuracy * size:.1f}" '
            f'fill="#56B4E9" fill-opacity="0.6" stroke="#0072B2"><title>{b.low:.1f}-{b.high:.1f}: '
            f"{b.count} sentences, mean confidence {b.mean_confidence:.3f}, "
            f"accuracy {b.accuracy:.3f}</title></rect>"
            f'<circle cx="{x(b.mean_confidence):.1f}" cy="{y(b.accuracy):.1f}" r="3.5" fill="#000"/>'
            f'<text x="{bx + bw / 2:.1f}" y="{y(b.accuracy) - 6:.1f}" font-size="10" '
            f'text-anchor="middle">{b.count}</text>'
        )
    return _svg(left + size + 14, top + size + 42, "reliability diagram: accuracy per confidence bin", body)
