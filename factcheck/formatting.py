"""Render results as text for people or as JSONL/CSV for programs.

Every function returns a string and prints nothing, so the CLI decides where
output goes and library users can reuse the same renderings. Text for people
shows control characters and escape sequences escaped (``escaping.terminal``),
CSV cells are neutralised for spreadsheets unless asked for raw, and JSON
lines escape the line separators other readers split on.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

from factcheck.annotation import KEYS, Item, Progress
from factcheck.attribution import Source
from factcheck.comparison import Comparison
from factcheck.errors import FactcheckError
from factcheck.escaping import csv_cell, json_line, terminal
from factcheck.evaluation import Intervals, Mistake, Report
from factcheck.explanation import Push
from factcheck.labelling import LabelledSentence
from factcheck.labels import DECISION_ORDER, LABEL_IDS, get_label
from factcheck.quantities import Quantity
from factcheck.resampling import NO_RANGE, Interval
from factcheck.span_scoring import SpanReport
from factcheck.splitting import Sentence
from factcheck.storage import never_given
from factcheck.wording import counted

R = TypeVar("R")
_VERDICT_ORDER = ("broken", "fixed", "still wrong")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(lines: Iterable[str]) -> str:
    """Lines for a terminal: whatever the input held is shown, never obeyed."""
    return "\n".join(terminal(line) for line in lines)


def jsonl(records: Iterable[dict[str, Any]]) -> str:
    return "".join(json_line(r) for r in records)


def csv_text(records: Sequence[dict[str, Any]], columns: Sequence[str], raw: bool = False) -> str:
    """CSV with a header row; cells a spreadsheet would run as formulas are neutralised unless ``raw``.

    The csv module quotes a cell only for the characters of its line
    terminator, so with "\n" a lone "\r" went out unquoted and split the
    row on reading. Rows are written with "\r\n", which quotes both, and
    each row's terminator is then cut back to "\n".
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    rows = []
    for record in [dict(zip(columns, columns, strict=True)), *records]:
        writer.writerow(record if raw else {key: csv_cell(value) for key, value in record.items()})
        rows.append(out.getvalue()[:-2] + "\n")
        out.seek(0)
        out.truncate()
    return "".join(rows)


def reasons_text(pushes: Sequence[Push]) -> str:
    """``said (+0.73), about (+0.41)``: an explanation on one line."""
    return ", ".join(f"{p.feature} ({p.weight:+.2f})" for p in pushes) or "(no feature pushed it)"


def labelled_rows(rows: Sequence[LabelledSentence], fmt: str, csv_raw: bool = False) -> str:
    """Labelled sentences in ``fmt``; the table groups them under their document."""
    if fmt == "jsonl":
        return jsonl(r.to_dict() for r in rows)
    if fmt == "csv":
        explained = any(r.explanation is not None for r in rows)
        flat = [
            {
                **r.to_dict(),
                **{f"p_{k}": v for k, v in r.scores.items()},
                "explanation": reasons_text(r.explanation or []),
            }
            for r in rows
        ]
        columns = ["doc", "index", "start", "end", "label", "confidence", *(f"p_{k}" for k in LABEL_IDS)]
        columns += ["explanation", "text"] if explained else ["text"]
        if any(r.sources is not None for r in rows):  # spans as JSON in a cell
            columns += ["sources", "quantities"]
            for record in flat:
                for key in ("sources", "quantities"):
                    record[key] = json.dumps(record.get(key, []), ensure_ascii=False)
        return csv_text(flat, columns, csv_raw)
    lines = []
    for doc in dict.fromkeys(r.doc for r in rows):
        lines.append(f"== {doc}")
        lines.append(f"{'#':>4}  {'label':<10}  {'conf':>4}  sentence")
        for r in rows:
            if r.doc == doc:
                lines.append(f"{r.index:>4}  {r.label:<10}  {r.confidence:.2f}  {_one_line(r.text)}")
                if r.explanation is not None:
                    lines.append(f"{'':>4}  {'':<10}  {'why':>4}  {reasons_text(r.explanation)}")
                if r.sources:
                    lines.append(f"{'':>4}  {'':<10}  {'who':>4}  {sources_text(r.sources)}")
                if r.quantities:
                    lines.append(f"{'':>4}  {'':<10}  {'qty':>4}  {quantities_text(r.quantities)}")
    return _lines(lines) + "\n"


def sources_text(sources: Sequence[Source]) -> str:
    """``The UK Ministry of Defence <estimates, neutral>``: a sentence's sources on one line."""
    parts = []
    for s in sources:
        resolved = f" (= {_one_line(s.resolved[2])})" if s.resolved else ""
        parts.append(f"{_one_line(s.text)}{resolved} <{_one_line(s.cue_text)}, {s.stance}>")
    return "; ".join(parts)


def quantities_text(quantities: Sequence[Quantity]) -> str:
    """``~150,000-190,000 permanent casualties [range]; six people``: figures on one line, ~ = approximate."""
    parts = []
    for q in quantities:
        hedge = f"{q.hedge[2]} " if q.hedge else ""
        mark = "~" if q.approximate and not q.hedge else ""
        kind = " [range]" if q.low is not None else ""
        parts.append(f"{mark}{hedge}{_one_line(q.text)}{kind}")
    return "; ".join(parts)


def sentence_rows(docs: Sequence[tuple[str, list[Sentence]]], fmt: str, csv_raw: bool = False) -> str:
    """Split output: sentences with offsets, grouped by document in the table."""
    records = [
        {"doc": name, "index": s.index, "start": s.start, "end": s.end, "text": s.text}
        for name, sentences in docs
        for s in sentences
    ]
    if fmt == "jsonl":
        return jsonl(records)
    if fmt == "csv":
        return csv_text(records, ["doc", "index", "start", "end", "text"], csv_raw)
    lines = []
    for name, sentences in docs:
        lines.append(f"== {name}")
        lines += [f"{s.index:>4}  {s.start:>6}-{s.end:<6}  {_one_line(s.text)}" for s in sentences]
    return _lines(lines) + "\n"


def report_text(report: Report, intervals: Intervals | None = None, one_document: bool = False) -> str:
    """Per-label scores, headline figures and the confusion matrix; with ``intervals``, F1's 95% range.

    ``one_document`` says ranges were asked for but the file cannot give any,
    so their absence is explained rather than left to look like an omission.
    """

    def span(found: Interval | None) -> str:
        return str(found) if found else "-"

    ranges = intervals.per_label if intervals else {}
    lines = [
        f"{'label':<12}{'precision':>10}{'recall':>8}{'f1':>8}{'support':>9}"
        + ("   f1 95%" if ranges else "")
    ]
    absent = False
    for label, s in report.per_label.items():
        if s.support:
            scores = f"{label:<12}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>8.3f}{s.support:>9}"
        else:  # no gold sentence: recall and F1 have no value, and macro-F1 leaves the label out
            absent = True
            predicted = sum(row[label] for row in report.confusion.values())
            precision = f"{s.precision:.3f}" if predicted else "-"
            scores = f"{label:<12}{precision:>10}{'-':>8}{'-':>8}{s.support:>9}"
        lines.append(scores + (f"   {span(ranges[label])}" if ranges else ""))
    if absent:
        lines.append("(-: no sentence of that label among those scored; macro-F1 averages those present)")
    lines.append("")
    lines.append(
        f"accuracy {report.accuracy:.3f}   macro-F1 {report.macro_f1:.3f}   "
        f"({counted(report.examples, 'sentence')})"
    )
    if intervals:
        lines.append(
            f"macro-F1 95% interval {span(intervals.macro_f1)} ({intervals.documents} documents resampled)"
        )
    elif one_document:
        lines.append(f"macro-F1 95% interval: {NO_RANGE}")
    lines.append("")
    lines.append("confusion (rows: gold label, columns: predicted)")
    lines.append(" " * 12 + "".join(f"{label:>11}" for label in LABEL_IDS))
    for gold, row in report.confusion.items():
        lines.append(f"{gold:<12}" + "".join(f"{row[p]:>11}" for p in LABEL_IDS))
    return _lines(lines) + "\n"


def span_report_text(report: SpanReport) -> str:
    """Extraction scores: exact and overlap P/R/F1 for sources and quantities."""
    ranges = report.intervals or {}
    lines = [
        f"spans ({counted(report.sentences, 'sentence')} with span gold; each read on its own)",
        f"{'':<12}{'match':<9}{'precision':>10}{'recall':>8}{'f1':>8}{'gold':>7}{'found':>7}"
        + ("   f1 95%" if ranges else ""),
    ]
    for name, scores in (("sources", report.sources), ("quantities", report.quantities)):
        for kind, prf in (("exact", scores.exact), ("overlap", scores.overlap)):
            found = ranges.get(name, {}).get(kind)
            spread = f"   {found}" if found else ("   -" if ranges else "")
            shown = name if kind == "exact" else ""
            lines.append(
                f"{shown:<12}{kind:<9}{prf.precision:>10.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"
                f"{prf.gold:>7}{prf.predicted:>7}{spread}"
            )
    return "\n".join(lines) + "\n"


# What reading a card field of the wrong type or shape raises (a hand-edited or damaged model.json).
_MALFORMED = (TypeError, KeyError, AttributeError, ValueError, IndexError)


def card_text(model_dir: str, card: dict[str, Any], check: dict[str, Any] | None = None) -> str:
    """The model card as a short readable summary; ``--format json`` gives all of it."""
    try:
        return _card_text(model_dir, card, check)
    except _MALFORMED as err:
        raise FactcheckError(f"{model_dir}: model card is malformed ({_malformed(err)})") from None


def _malformed(err: Exception) -> str:
    return f"a field has the wrong type or shape: {type(err).__name__}: {err}"


def _card_text(model_dir: str, card: dict[str, Any], check: dict[str, Any] | None) -> str:
    versions = card.get("versions", {})
    trained = card.get("trained_on", {})
    per_label = ", ".join(f"{k} {v}" for k, v in trained.get("per_label", {}).items())
    missing = never_given(card)
    unseen = f" (never gives {', '.join(missing)}: not in its training data)" if missing else ""
    lines = [
        f"model       {model_dir}",
        f"created     {card.get('created', '?')} with factcheck {card.get('factcheck_version', '?')}, "
        f"scikit-learn {versions.get('scikit-learn', '?')}",
        f"labels      {', '.join(lab['id'] for lab in card.get('labels', []))}{unseen}",
        f"trained on  {trained.get('examples', '?')} sentences ({per_label})",
    ]
    for source in card.get("training_data", []):
        weight = f", each counted {source['weight']:g} times" if source.get("weight", 1.0) != 1.0 else ""
        lines.append(
            f"data        {source['path']} ({source['examples']} sentences, "
            f"sha256 {source['sha256'][:12]}{weight})"
        )
    held_out = (card.get("metrics") or {}).get("held_out")
    if held_out:
        f1s = ", ".join(f"{k} {v['f1']:.3f}" for k, v in held_out["per_label"].items() if v.get("support", 1))
        eval_file = (card.get("holdout") or {}).get("file")
        where = f" of {eval_file['path']}" if eval_file else ""
        lines.append(
            f"held out    {held_out['examples']} sentences{where}: macro-F1 {held_out['macro_f1']:.3f}, "
            f"accuracy {held_out['accuracy']:.3f}; F1 {f1s}"
        )
    else:
        lines.append("held out    none (trained with --holdout 0)")
    params = card.get("parameters", {})
    # The few parameters that say what the model is; --format json has all of them.
    keys = [k for k in params if k.endswith(("ngram_range", "analyzer", "__C", "class_weight", "method"))]
    if keys:
        lines.append("parameters  " + ", ".join(f"{k}={params[k]}" for k in keys))
    if "context_stage" in card:
        reads = (
            "among its document's (context stage)" if card["context_stage"] else "alone (no context stage)"
        )
        if card["context_stage"] and params.get("span_features"):
            reads += ", with the sources and figures found in it"
        if card["context_stage"] and params.get("context_stages", 1) > 1:
            reads += f"; {params['context_stages']} context stages averaged"
        lines.append(f"context     each sentence is read {reads}")
    if check is not None:
        digest = f", sha256 {check['sha256'][:12]}" if check.get("sha256") else ""
        size = f", {check['bytes']:,} bytes" if check.get("bytes") else ""
        lines.append(f"weights     {check['file']} ({check['format']}{size}{digest}): {check['status']}")
    return _lines(lines) + "\n"


def mistakes_text(mistakes: Sequence[Mistake]) -> str:
    """The most confident mistakes, each with the features that misled the model."""
    lines = [f"most confident mistakes ({len(mistakes)})"]
    for m in mistakes:
        lines.append(
            f"  gold {m.gold:<10} predicted {m.predicted:<10} {m.confidence:.2f}  {_one_line(m.text)}"
        )
        lines.append(f"  {'':<15}{'why':>15}       {reasons_text(m.explanation)}")
    return _lines(lines) + "\n"


def annotation_screen(item: Item | None, progress: Progress, width: int = 80) -> str:
    """One question of ``annotate``: progress, the sentence between its neighbours, suggestion and keys.

    Sentences are wrapped to the terminal's ``width`` at spaces, so no word or
    figure is cut in two, and every line of the one asked keeps its ``>``:
    its continuation cannot be taken for the next sentence.
    """
    counts = ", ".join(f"{label} {n}" for label, n in progress.counts.items())
    lines = [f"[{progress.done}/{progress.total} done · answers {counts}]"]
    if item is None:
        left = f" ({progress.skipped} skipped: asked again next run)" if progress.skipped else ""
        lines.append(f"no sentence left to ask{left}. u undoes the last answer, q quits.")
        return _lines(lines)
    lines.append(f"{item.source}, sentence {item.index + 1} of {item.doc_sentences}")
    if item.before is not None:
        lines += _wrapped(_clipped(item.before), width, "    ")
    lines += _wrapped(_one_line(item.text), width, "  > ")
    if item.after is not None:
        lines += _wrapped(_clipped(item.after), width, "    ")
    keys = "  ".join(f"{key} {label}" for key, label in KEYS.items())
    lines.append(f"model suggests {item.suggested} ({item.confidence:.2f})")
    others = "Enter accept  s skip  u undo  ? help  q quit"
    lines += [f"{keys}  {others}"] if len(keys) + 2 + len(others) <= width else [keys, others]
    return _lines(lines)


def _wrapped(text: str, width: int, indent: str) -> list[str]:
    """``text`` in lines of at most ``width`` characters, each starting with ``indent``."""
    import textwrap

    return textwrap.wrap(
        text,
        width=max(width, 40),
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def label_guide() -> str:
    """The guideline's short definitions, one line per key: what ``?`` shows while annotating."""
    lines = [
        f"  {key}  {get_label(label).name}: {get_label(label).description} ({get_label(label).check})"
        for key, label in KEYS.items()
    ]
    lines.append(f"  Ask in the order {', '.join(DECISION_ORDER)}; stop at the first that fits.")
    lines.append("  Boundary cases: data/GUIDELINES.md in the factcheck repository.")
    return _lines(lines)


def annotation_summary(path: str, progress: Progress) -> str:
    """Where the answers are and what to do next, shown when ``annotate`` ends."""
    counts = ", ".join(f"{label} {n}" for label, n in progress.counts.items())
    skipped = f", {progress.skipped} skipped" if progress.skipped else ""
    answers = sum(progress.counts.values())
    lines = [
        f"{path}: {counted(answers, 'answer')} ({counts})",
        f"{progress.done} of {progress.total} sentences of these articles done{skipped}",
    ]
    if progress.done < progress.total:
        lines.append("run the same command again to go on where you left off")
    # --holdout 0: a share held out of a few articles' answers is too small to score (and of one
    # article's, impossible); the check that counts is `compare` on sentences not trained on.
    lines.append(f"train on them with: factcheck train {path} --base default --holdout 0 --out models/mine")
    lines.append("then compare with the shipped model on articles you did not train on:")
    lines.append("  factcheck compare check.jsonl --model default --model mine")
    return _lines(lines) + "\n"


def comparison_text(comparison: Comparison, limit: int = 10) -> str:
    """Both models' figures side by side with the difference, then up to ``limit`` changed sentences.

    Broken sentences are listed first: what a switch would cost is what a
    user must see before switching.
    """
    old, new = comparison.reports
    width = max(10, *(len(m) for m in comparison.models))
    rows = [
        ("macro-F1", old.macro_f1, new.macro_f1, "macro-F1"),
        ("accuracy", old.accuracy, new.accuracy, ""),
    ]
    # A label the file has no sentence of has no F1 (macro-F1 leaves it out): its row would be 0.000 twice.
    rows += [
        (f"F1 {label}", old.per_label[label].f1, new.per_label[label].f1, label)
        for label in LABEL_IDS
        if old.per_label[label].support
    ]
    lines = [
        f"{comparison.data}: {counted(old.examples, 'sentence')}",
        f"{'':<14}{comparison.models[0]:>{width}}  {comparison.models[1]:>{width}}  {'change':>7}"
        f"  {'change 95%':>15}",
    ]
    for name, a, b, key in rows:
        found = comparison.change_intervals.get(key)
        spread = f"{found.low:+.3f} to {found.high:+.3f}" if found else "-"
        lines.append(f"{name:<14}{a:>{width}.3f}  {b:>{width}.3f}  {b - a:>+7.3f}  {spread:>15}")
    verdicts = Counter(change.verdict for change in comparison.changes)
    ranges = (
        f"change 95%: over the file's {comparison.documents} documents, resampled, both models on the"
        " same resamples; a range that holds 0 is no evidence either way"
        if comparison.change_intervals
        else f"change 95%: {NO_RANGE}"
    )
    lines += [
        "",
        ranges,
        "",
        f"{counted(len(comparison.changes), 'sentence')} changed label: "
        f"{verdicts['fixed']} fixed, "
        f"{verdicts['broken']} broken, {verdicts['still wrong']} still wrong",
    ]
    first = sorted(comparison.changes, key=lambda c: _VERDICT_ORDER.index(c.verdict))[:limit]
    for c in first:
        lines.append(f"  {c.verdict:<11}  gold {c.gold:<10}  {c.old:>10} -> {c.new:<10}  {_one_line(c.text)}")
    if len(comparison.changes) > len(first):
        lines.append(f"  ... {len(comparison.changes) - len(first)} more (--changes N lists more)")
    return _lines(lines) + "\n"


def models_text(models: Sequence[tuple[str, Path, dict[str, Any]]], fmt: str) -> str:
    """The models ``--model`` can name, with each card's key figures; ``json`` for programs."""
    records: list[dict[str, Any]] = []
    for name, path, card in models:
        try:
            records.append({"name": name, "path": str(path), **_model_summary(card)})
        except _MALFORMED as err:  # one damaged card does not hide the other models
            records.append(
                {"name": name, "path": str(path), "error": f"model card is malformed ({_malformed(err)})"}
            )
    if fmt == "json":
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"
    width = max([4, *(len(r["name"]) for r in records)])
    lines = [f"{'name':<{width}}  {'created':<10}  {'sentences':>9}  {'macro-F1':>8}  trained on"]
    for r in records:
        if "error" in r:
            lines.append(f"{r['name']:<{width}}  cannot be used: {r['error']}")
            continue
        f1 = "-" if r["held_out_macro_f1"] is None else f"{r['held_out_macro_f1']:.3f}"
        created = str(r["created"] or "?")[:10]
        lines.append(
            f"{r['name']:<{width}}  {created:<10}  {r['sentences'] or '?':>9}  {f1:>8}  "
            + " + ".join(r["training_data"])
        )
    return _lines(lines) + "\n"


def _model_summary(card: dict[str, Any]) -> dict[str, Any]:
    """A card's key figures for ``models``; a card list_models could not read carries its ``error``."""
    if "error" in card and len(card) == 1:
        return {"error": card["error"]}
    held_out = (card.get("metrics") or {}).get("held_out")
    return {
        "created": card.get("created"),
        "sentences": (card.get("trained_on") or {}).get("examples"),
        "held_out_macro_f1": float(held_out["macro_f1"]) if held_out else None,
        "training_data": _short_names(card.get("training_data", [])),
    }


def _short_names(sources: list[dict[str, Any]]) -> list[str]:
    """Each training file by its name, with its folder where two share a name ("corpus/train.jsonl")."""
    names = [Path(s["path"]).name for s in sources]
    return [
        f"base {s['base']}"
        if s.get("base")
        else name
        if names.count(name) == 1
        else f"{Path(s['path']).parent.name}/{name}"
        for s, name in zip(sources, names, strict=True)
    ]


def _clipped(text: str, limit: int = 160) -> str:
    """A context sentence cut short (two lines or so): it is there to be glanced at, not labelled."""
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class RowStream(Generic[R]):
    """Render rows batch by batch, so output starts before the input ends.

    JSONL and CSV rows are rendered as they come (the CSV header once); a
    table is rendered one whole document at a time, since it groups rows
    under their document; any other format waits for the end.
    """

    def __init__(self, render: Callable[[list[R], str], str], fmt: str, doc_of: Callable[[R], str]) -> None:
        self._render = render
        self._fmt = fmt
        self._doc_of = doc_of
        self._held: list[R] = []
        self._header_written = False

    def add(self, rows: list[R]) -> str:
        """Text to write now for these rows (possibly empty)."""
        if self._fmt == "jsonl":
            return self._render(rows, "jsonl") if rows else ""
        if self._fmt == "csv":
            if not rows:
                return ""
            text = self._render(rows, "csv")
            if self._header_written:
                text = text.split("\n", 1)[1]
            self._header_written = True
            return text
        self._held += rows
        if self._fmt != "table" or not self._held:
            return ""
        last = self._doc_of(self._held[-1])
        done = 0
        while done < len(self._held) and self._doc_of(self._held[done]) != last:
            done += 1
        finished, self._held = self._held[:done], self._held[done:]
        return self._render(finished, self._fmt) if finished else ""

    def close(self) -> str:
        """Whatever is still held, and a CSV header if no row ever came."""
        if self._fmt == "csv" and not self._header_written:
            return self._render([], "csv")
        if self._fmt == "jsonl" or self._fmt == "csv":
            return ""
        held, self._held = self._held, []
        return self._render(held, self._fmt) if held or self._fmt != "table" else ""


def labelled_row_stream(fmt: str, csv_raw: bool = False) -> RowStream[LabelledSentence]:
    """A ``RowStream`` of ``predict``'s rows."""
    return RowStream(lambda rows, fmt: labelled_rows(rows, fmt, csv_raw), fmt, lambda row: row.doc)


def sentence_row_stream(fmt: str, csv_raw: bool = False) -> RowStream[tuple[str, Sentence]]:
    """A ``RowStream`` of ``split``'s rows: (document, sentence) pairs."""

    def render(rows: list[tuple[str, Sentence]], fmt: str) -> str:
        grouped: dict[str, list[Sentence]] = {}
        for doc, sentence in rows:
            grouped.setdefault(doc, []).append(sentence)
        return sentence_rows(list(grouped.items()), fmt, csv_raw)

    return RowStream(render, fmt, lambda row: row[0])
