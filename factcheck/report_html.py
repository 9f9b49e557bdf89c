"""One self-contained HTML file a person reads: labelled articles, or an evaluation.

``predictions_html`` shows each article as running text with every sentence
marked by its label (colour, line style and a text tag, so the labels stay
apart for colour-blind readers and in grey-scale print), per-article counts,
details per sentence, a filter, "needs review" flags on the sentences the
model is least sure of, and in-page corrections exported as JSONL in the
format ``factcheck train`` and ``annotate`` read. ``evaluation_html`` draws
an evaluation as inline SVG.

Nothing is fetched: CSS and script are inline, and a Content-Security-Policy
allows only those exact blocks (by hash), so even a sentence that slipped
past escaping could not run a script or load anything. Every piece of input
text is escaped for HTML; the rows the script reads sit in a JSON block with
``<``, ``>``, ``&`` and U+2028/U+2029 escaped, so no sentence can close it.
"""

from __future__ import annotations

import base64
import hashlib
import html
import itertools
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from factcheck import __version__
from factcheck.escaping import BIDI_VISIBLE
from factcheck.labels import LABEL_IDS, LABELS
from factcheck.paragraphs import BLANK_LINE
from factcheck.resampling import NO_RANGE
from factcheck.wording import counted

if TYPE_CHECKING:  # the CLI imports this module for REVIEW_BELOW, so ``--help`` must stay light
    from factcheck.evaluation import CalibrationBin, Evaluation, Mistake, Report
    from factcheck.span_scoring import SpanReport

#: Sentences whose label probability is below this are flagged "needs review".
#: Chosen on the corpus dev split from the shipped model's calibration curve by
#: ``python benchmarks/review_threshold.py`` (see benchmarks/REVIEW_THRESHOLD.md).
REVIEW_BELOW = 0.8

#: With more articles than this, each starts collapsed so a 1,000-article page opens fast.
OPEN_UP_TO = 20

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _asset(name: str) -> str:
    # One name per joinpath: several at once is Python 3.11+, and factcheck supports 3.10.
    return resources.files("factcheck").joinpath("report_assets").joinpath(name).read_text(encoding="utf-8")


def esc(value: object) -> str:
    """Text for HTML content or a quoted attribute: ``& < > " '`` escaped, bidi controls made visible."""
    return html.escape(str(value).translate(BIDI_VISIBLE), quote=True)


def script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` block: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group()], text)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _label_css() -> str:
    """Each label's look, from labels.py: a light tint, its line style in its colour, a text tag.

    The tag also carries the "needs review" (?) and "labelled by you" marks, so
    they stay on the sentence's line in print and when the text wraps.
    """
    rules = []
    for label in LABELS:
        tint = _tint(label.colour, 0.22)
        rules.append(
            f".lab-{label.id} {{ background: {tint}; border-bottom: 3px {label.line} {label.colour}; }}\n"
            f'.s.lab-{label.id}::after {{ content: "{label.id}"; color: #000; '
            f"border-color: {label.colour}; }}\n"
            f".bar.lab-{label.id} {{ background: {label.colour}; }}\n"
            f"body.hide-{label.id} .s.lab-{label.id} {{ background: none; "
            "border-bottom-color: transparent; }\n"
            f'.s.review.lab-{label.id}::after {{ content: "? {label.id}"; }}\n'
            f'.s.edited.lab-{label.id}::after {{ content: "\\270E {label.id}"; }}\n'
            f"body.hide-{label.id} .s.lab-{label.id}::after {{ display: none; }}"
        )
    return "\n".join(rules)


def _tint(colour: str, strength: float) -> str:
    """``colour`` mixed with white: a background light enough to read black text on."""
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(255 - (255 - c) * strength):02x}" for c in rgb)


def _page(title: str, body: str, script: str | None = None, data: Any = None) -> str:
    """The document shell; the CSP allows exactly this page's style and script blocks."""
    style = _asset("report.css") + "\n" + _label_css()
    csp = f"default-src 'none'; style-src {_csp_hash(style)}; base-uri 'none'; form-action 'none'"
    if script is not None:
        csp += f"; script-src {_csp_hash(script)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="factcheck {esc(__version__)}">',
        f"<title>{esc(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        body,
    ]
    if data is not None:
        parts.append(f'<script type="application/json" id="fc-data">{script_json(data)}</script>')
    if script is not None:
        parts.append(f"<script>{script}</script>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)


def _group(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Consecutive rows of the same document, in input order.

    Two inputs may share a name (a file given twice): a sentence index that
    does not go up starts the next document.
    """
    docs: list[tuple[str, list[dict[str, Any]]]] = []
    for row in rows:
        if not docs or docs[-1][0] != row["doc"] or row["index"] <= docs[-1][1][-1]["index"]:
            docs.append((str(row["doc"]), []))
        docs[-1][1].append(dict(row))
    return docs


def _marks(row: Mapping[str, Any]) -> list[tuple[int, int, str]]:
    """(start, end, class) within the sentence for its source, cue, quantity and hedge spans."""
    base, length = int(row["start"]), len(row["text"])
    found = []

    def add(span: Any, cls: str) -> None:
        if not isinstance(span, Mapping):
            return
        try:
            start, end = int(span["start"]) - base, int(span["end"]) - base
        except (KeyError, TypeError, ValueError):
            return
        if 0 <= start < end <= length:
            found.append((start, end, cls))

    for source in row.get("sources") or []:
        add(source, "m-source")
        if isinstance(source, Mapping):
            add(source.get("cue"), "m-cue")
    for quantity in row.get("quantities") or []:
        add(quantity, "m-quantity")
        if isinstance(quantity, Mapping):
            add(quantity.get("hedge"), "m-hedge")
    return found


def _marked_text(row: Mapping[str, Any]) -> str:
    """The sentence's escaped text, with span marks; overlapping spans are cut at every boundary."""
    text = row["text"]
    marks = _marks(row)
    if not marks:
        return esc(text)
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    out = []
    for a, b in itertools.pairwise(cuts):
        classes = sorted({cls for s, e, cls in marks if s <= a and b <= e})
        piece = esc(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def _counts_html(counts: Counter[str], total: int) -> str:
    items = [
        f'<span class="count" data-count="{lab}">{esc(lab)} <b>{counts[lab]}</b></span>' for lab in LABEL_IDS
    ]
    items.append(f'<span class="count" data-count="review">needs review <b>{counts["review"]}</b></span>')
    items.append(f'<span class="count" data-count="edited">edited <b>{counts["edited"]}</b></span>')
    return f'<span class="counts"><span class="count">sentences <b>{total}</b></span>{"".join(items)}</span>'


def _counts(rows: Sequence[Mapping[str, Any]], review_below: float) -> Counter[str]:
    counts = Counter(str(row["label"]) for row in rows)
    counts["review"] = sum(row["confidence"] < review_below for row in rows)
    return counts


def _article_html(
    d: int, name: str, rows: Sequence[Mapping[str, Any]], text: str | None, review_below: float, open_: bool
) -> str:
    """One article: a collapsible block whose summary holds its name and counts, then its running text."""
    paragraphs: list[list[str]] = [[]]
    previous_end = 0
    for r, row in enumerate(rows):
        if text is not None and 0 <= previous_end <= row["start"] <= len(text):
            gap = text[previous_end : row["start"]]
            for k, part in enumerate(BLANK_LINE.split(gap)):
                if k and paragraphs[-1]:
                    paragraphs.append([])
                if part.strip():
                    paragraphs[-1].append(f'<span class="gap">{esc(part.strip())}</span>')
        classes = ["s", f"lab-{row['label']}"]
        if row["confidence"] < review_below:
            classes.append("review")
        paragraphs[-1].append(
            f'<span class="{esc(" ".join(classes))}" id="s{d}-{r}" data-doc="{d}" data-row="{r}" '
            f'data-label="{esc(row["label"])}" tabindex="0">{_marked_text(row)}</span>'
        )
        previous_end = row["end"]
    if text is not None and text[previous_end:].strip():
        paragraphs[-1].append(f'<span class="gap">{esc(text[previous_end:].strip())}</span>')
    body = "\n".join("<p>" + " ".join(p) + "</p>" for p in paragraphs if p)
    counts = _counts_html(_counts(rows, review_below), len(rows))
    return (
        f'<section class="doc" id="doc-{d}" aria-label="{esc(name)}">'
        f'<details class="article"{" open" if open_ else ""}>'
        f'<summary><span class="doc-name">{esc(name)}</span> {counts}'
        f'</summary><div class="text">\n{body}\n</div></details></section>'
    )


def _legend(review_below: float, spans: bool) -> str:
    items = [
        f'<label title="{esc(lab.description)}"><input type="checkbox" checked data-filter="{lab.id}">'
        f'<span class="swatch lab-{lab.id}">{esc(lab.id)}</span> {esc(lab.name)}</label>'
        for lab in LABELS
    ]
    items.append(
        f'<label><input type="checkbox" id="only-review"><span class="swatch review"></span>'
        f"needs review: confidence below {review_below:.2f} (show only these)</label>"
    )
    items.append('<span class="item"><span class="swatch edited"></span>labelled by you</span>')
    if spans:
        items.append(
            '<span class="item"><span class="m-source">source</span> <span class="m-cue">cue</span> '
            '<span class="m-quantity"><span class="m-hedge">about</span> 40</span> quantity</span>'
        )
    return f'<div class="legend" role="group" aria-label="labels and filter">{"".join(items)}</div>'


def predictions_html(
    rows: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
    *,
    review_below: float = REVIEW_BELOW,
    title: str = "factcheck report",
    model: str | None = None,
) -> str:
    """The report page for labelled rows (``LabelledSentence.to_dict()`` records, any extra fields kept).

    ``texts`` maps a document's name to its full text, so the article reads as
    it was written (paragraphs, and any text no sentence covers in grey);
    without it the sentences of a document are run together in one paragraph.
    """
    docs = _group(rows)
    texts = texts or {}
    open_ = len(docs) <= OPEN_UP_TO
    articles = [
        _article_html(d, name, doc_rows, texts.get(name), review_below, open_)
        for d, (name, doc_rows) in enumerate(docs)
    ]
    all_rows = [row for _, doc_rows in docs for row in doc_rows]
    data = {
        "labels": [{"id": lab.id, "name": lab.name} for lab in LABELS],
        "review_below": review_below,
        "export_name": "corrections.jsonl",
        "docs": [{"name": name, "rows": doc_rows} for name, doc_rows in docs],
    }
    data["id"] = hashlib.sha256(script_json(data).encode("utf-8")).hexdigest()[:16]
    n_docs, n_rows = len(docs), len(all_rows)
    about = f"{counted(n_docs, 'article')}, {counted(n_rows, 'sentence')}" + (
        f" · model {model}" if model else ""
    )
    body = f"""<header>
<h1>{esc(title)}</h1>
<div class="meta">{esc(about)} · factcheck {esc(__version__)}</div>
{_legend(review_below, any(row.get("sources") or row.get("quantities") for row in all_rows))}
<div class="controls" role="toolbar" aria-label="report actions">
<div id="totals">{_counts_html(_counts(all_rows, review_below), n_rows)}</div>
<button type="button" id="expand">Expand all</button>
<button type="button" id="collapse">Collapse all</button>
<button type="button" id="export" disabled>Export corrections (0)</button>
<button type="button" id="discard">Discard corrections</button>
</div>
<div class="note">Click a sentence or Tab to it for details; keys 1-{len(LABELS)} set its label, c confirms \
the model's, 0 reverts. Export writes the labels you set as JSONL for
<code>factcheck train FILE --base default --holdout 0 --out models/mine</code>.</div>
</header>
<main>
{chr(10).join(articles)}
</main>
<aside id="detail" aria-live="polite" aria-label="sentence details" hidden></aside>"""
    return _page(title, body, _asset("report.js"), data)


def _mistakes_html(mistakes: Sequence[Mistake], report: Report) -> str:
    if not mistakes and report.accuracy == 1.0:
        return '<p class="note">No mistakes: every sentence got its gold label.</p>'
    if not mistakes:
        return '<p class="note">No mistakes listed (run with <code>--errors N</code> to list N).</p>'
    rows = "\n".join(
        f"<tr><td>{m.confidence:.2f}</td><td>{esc(m.gold)}</td><td>{esc(m.predicted)}</td>"
        f'<td class="text">{esc(m.text)}</td>'
        f"<td>{esc(', '.join(f'{p.feature} ({p.weight:+.2f})' for p in m.explanation))}</td></tr>"
        for m in mistakes
    )
    return (
        '<table class="mistakes"><thead><tr><th>confidence</th><th>gold</th><th>predicted</th>'
        "<th>sentence</th><th>features behind the prediction</th></tr></thead>"
        f"<tbody>\n{rows}\n</tbody></table>"
    )


def _spans_html(report: SpanReport | None) -> str:
    """Extraction scores, when the evaluated file carries span gold."""
    if report is None:
        return ""
    ranges = report.intervals or {}

    def spread(name: str, kind: str) -> str:
        found = ranges.get(name, {}).get(kind)
        return f"<td>{esc(found)}</td>" if found else "<td>-</td>" if ranges else ""

    rows = "\n".join(
        f"<tr><td>{name}</td><td>{kind}</td><td>{prf.precision:.3f}</td><td>{prf.recall:.3f}</td>"
        f"<td>{prf.f1:.3f}</td>{spread(name, kind)}<td>{prf.gold}</td><td>{prf.predicted}</td></tr>"
        for name, scores in (("sources", report.sources), ("quantities", report.quantities))
        for kind, prf in (("exact", scores.exact), ("overlap", scores.overlap))
    )
    span_column = "<th>F1 95%</th>" if ranges else ""
    return (
        "<h2>Source and quantity spans</h2>"
        f'<p class="note">{counted(report.sentences, "sentence")} with span gold'
        f"{'; 95% ranges over the documents, resampled' if ranges else ''}.</p>"
        '<table class="mistakes spans"><thead><tr><th>spans</th><th>match</th><th>precision</th>'
        f"<th>recall</th><th>F1</th>{span_column}<th>gold</th><th>found</th></tr></thead><tbody>\n{rows}\n"
        "</tbody></table>"
    )


def evaluation_html(
    evaluation: Evaluation, *, data: str = "", model: str | None = None, title: str = "factcheck evaluation"
) -> str:
    """The evaluation page: P/R/F1 bars, confusion heat map, reliability diagram, confident mistakes.

    A file with span gold also gets the extraction scores of sources and quantities.
    """
    from factcheck.report_svg import bars_svg, confusion_svg, reliability_svg

    report: Report = evaluation.report
    bins: list[CalibrationBin] = evaluation.calibration
    about = f"{data}: {counted(report.examples, 'sentence')}" + (f" · model {model}" if model else "")
    ranges = ""
    if (found := evaluation.intervals) is not None:
        per_label = ", ".join(f"{label} {r}" for label, r in found.per_label.items() if r is not None)
        ranges = (
            f'\n<p class="meta">95% ranges over the file\'s {found.documents} documents, resampled: macro-F1 '
            f"{found.macro_f1}; F1 {esc(per_label)}</p>"
        )
    elif evaluation.documents == 1:
        ranges = f'\n<p class="meta">95% ranges: {esc(NO_RANGE)}</p>'
    body = f"""<header>
<h1>{esc(title)}</h1>
<div class="meta">{esc(about)} · factcheck {esc(__version__)}</div>
<p class="headline">accuracy <b>{report.accuracy:.3f}</b> · macro-F1 <b>{report.macro_f1:.3f}</b></p>{ranges}
</header>
<main>
<div class="figures">
<figure>{bars_svg(report)}<figcaption>Precision, recall and F1 per label (support in brackets).\
</figcaption></figure>
<figure>{confusion_svg(report)}<figcaption>Confusion matrix: rows are the gold label, columns the \
prediction; shading is the share of the row.</figcaption></figure>
<figure>{reliability_svg(bins)}<figcaption>Reliability: accuracy per confidence bin against the \
diagonal of perfect calibration; the number is the bin's sentences.</figcaption></figure>
</div>
<h2>Most confident mistakes</h2>
{_mistakes_html(evaluation.mistakes, report)}
{_spans_html(evaluation.spans)}
</main>"""
    return _page(title, body)
