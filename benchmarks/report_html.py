"""Size and time of the HTML report for 1,000 articles, against JSONL of the same rows.

    nice python benchmarks/report_html.py [--articles 1000]

Labels 1,000 articles (the corpus's documents, repeated under new names until
there are enough) with the shipped model, ``--explain 3`` and spans, then, in the same
process, renders the rows as JSONL (the baseline: what ``--format jsonl``
writes) and as the HTML report, and prints each one's size and build time. If
the system's Chromium and selenium are installed, it also opens the report in
headless Chromium and measures the time to the load event, the time to
expand all articles (laying out every sentence), and the time to correct one
sentence and export the corrections. Writes benchmarks/REPORT_HTML.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from factcheck import chromium
from factcheck.escaping import jsonl_lines
from factcheck.formatting import labelled_rows
from factcheck.labelling import Labeller
from factcheck.report_html import predictions_html

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "data" / "corpus" / "documents.jsonl"
RESULTS = Path(__file__).with_name("REPORT_HTML.md")


def timed(run: Callable[[], str], repeats: int = 3) -> tuple[float, str]:
    """Median seconds over ``repeats`` runs, and the last run's output."""
    seconds, out = [], ""
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = run()
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds), out


def in_browser(page: Path) -> dict[str, float] | str:
    """Load, expand-all and export times in headless Chromium, or why they could not be measured."""
    try:
        from selenium.webdriver.common.by import By
    except ImportError:
        return "selenium not installed (pip install -e '.[browser]')"
    if reason := chromium.missing():
        return reason
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium.driver(profile)
        try:
            driver.set_page_load_timeout(300)
            driver.get(page.as_uri())
            load = driver.execute_script(
                "const t = performance.getEntriesByType('navigation')[0]; "
                "return [t.domContentLoadedEventEnd, t.loadEventEnd];"
            )
            expand = driver.execute_script(
                "const t0 = performance.now(); document.getElementById('expand').click(); "
                "document.body.getBoundingClientRect(); return performance.now() - t0;"
            )
            first = driver.find_element(By.CSS_SELECTOR, "span.s")
            first.click()
            correct_export = driver.execute_script(
                "const t0 = performance.now(); arguments[0].dispatchEvent(new KeyboardEvent('keydown', "
                "{key: '4', bubbles: true})); window.factcheckReport.exportJsonl(); "
                "return performance.now() - t0;",
                first,
            )
            sentences = driver.execute_script("return document.querySelectorAll('span.s').length")
        finally:
            driver.quit()
    return {
        "dom_content_loaded_s": load[0] / 1000,
        "load_event_s": load[1] / 1000,
        "expand_all_s": expand / 1000,
        "correct_and_export_s": correct_export / 1000,
        "sentences_in_dom": sentences,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000, help="How many articles the report holds.")
    args = parser.parse_args()
    corpus = [json.loads(line) for line in jsonl_lines(CORPUS.read_text(encoding="utf-8"))]
    docs = [
        (f"{corpus[i % len(corpus)]['id']}#{i}", corpus[i % len(corpus)]["text"])
        for i in range(args.articles)
    ]

    labeller = Labeller.load()
    t0 = time.perf_counter()
    rows = [row for name, text in docs for row in labeller.label_text(text, name, explain=3, spans=True)]
    label_seconds = time.perf_counter() - t0
    records = [r.to_dict() for r in rows]
    texts = dict(docs)

    jsonl_seconds, jsonl = timed(lambda: labelled_rows(rows, "jsonl"))
    html_seconds, page = timed(lambda: predictions_html(records, texts))
    jsonl_mb, html_mb = len(jsonl.encode()) / 1e6, len(page.encode()) / 1e6

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page, encoding="utf-8")
        browser = in_browser(path)

    lines = [
        "# HTML report: size and time for 1,000 articles",
        "",
        f"Measured {date.today()} by `nice python benchmarks/report_html.py --articles {args.articles}`",
        "on the shipped model with `--explain 3` and source and quantity spans (predict's default):",
        f"{args.articles} articles (the corpus's {len(corpus)}",
        f"documents repeated under new names), {len(rows)} sentences. Labelling them took",
        f"{label_seconds:.1f} s (not part of the figures below). Build times are the median of 3 runs",
        "in one process; the baseline is the JSONL rendering of the same rows (`--format jsonl`).",
        "",
        "| output | size | build time | size vs JSONL | time vs JSONL |",
        "|---|---:|---:|---:|---:|",
        f"| JSONL (baseline) | {jsonl_mb:.1f} MB | {jsonl_seconds:.2f} s | 1.00 | 1.00 |",
        f"| HTML report | {html_mb:.1f} MB | {html_seconds:.2f} s | {html_mb / jsonl_mb:.2f} | "
        f"{html_seconds / jsonl_seconds:.2f} |",
        "",
    ]
    if isinstance(browser, str):
        lines.append(f"Not measured in a browser: {browser}.")
    else:
        lines += [
            f"Opened in headless Chromium (articles start collapsed; {browser['sentences_in_dom']} sentence "
            "elements in the page):",
            "",
            "| step | time |",
            "|---|---:|",
            f"| DOMContentLoaded | {browser['dom_content_loaded_s']:.2f} s |",
            f"| load event | {browser['load_event_s']:.2f} s |",
            f"| expand all articles (layout of every sentence) | {browser['expand_all_s']:.2f} s |",
            "| correct one sentence and build the export | "
            f"{browser['correct_and_export_s'] * 1000:.0f} ms |",
        ]
    lines.append("")
    text = "\n".join(lines)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
