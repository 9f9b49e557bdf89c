"""The HTML report in a real browser: headless Chromium from the system's packages, driven by selenium.

`.ci/run` installs chromium and chromium-driver with apt-get and selenium with
the `browser` extra; these tests skip, saying why, only where no browser or
driver can be had. factcheck.chromium starts it as the benchmarks do, naming
the driver explicitly, so selenium never tries to download one.
"""

from __future__ import annotations

import io
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck import chromium
from factcheck.cli import app
from factcheck.data import read_examples
from factcheck.escaping import BIDI_VISIBLE
from factcheck.labels import LABEL_IDS, LABELS
from tests.conftest import SEED, STARTER

pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[browser]')")
pytest.importorskip("PIL", reason="pillow is not installed (pip install -e '.[browser]')")
from PIL import Image, ImageStat
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By

HOSTILE = (
    "Officials said <script>window.pwned = 1</script> nothing happened.\n\n"
    'A second <img src=x onerror="window.pwned = 2"> sentence is here.\n\n'
    "The </style><style>body { display: none }</style> council met.\n\n"
    "Then </script><script>window.pwned = 3</script> it rained.\n\n"
    "The \u202eevil\u202c word reads backwards.\n"
)

runner = CliRunner()


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    if reason := chromium.missing():
        pytest.skip(reason)
    downloads = tmp_path_factory.mktemp("downloads")
    try:
        driver = chromium.driver(
            tmp_path_factory.mktemp("chromium-profile"),
            prefs={"download.default_directory": str(downloads), "download.prompt_for_download": False},
            capabilities={"goog:loggingPrefs": {"browser": "ALL"}},
        )
    except WebDriverException as err:
        pytest.skip(f"chromium did not start: {err.msg}")
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.downloads = downloads
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The seed article and a hostile one, as one report, with the JSONL the same command gives."""
    where = tmp_path_factory.mktemp("report")
    hostile = where / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    inputs = (str(SEED), str(hostile))
    report = where / "report.html"
    _cli("predict", *inputs, "--format", "html", "--explain", "3", "-o", str(report))
    jsonl = where / "rows.jsonl"
    jsonl.write_text(_cli("predict", *inputs, "--format", "jsonl"), encoding="utf-8")
    evaluation = where / "evaluation.html"
    _cli("evaluate", str(STARTER), "--format", "html", "--errors", "5", "-o", str(evaluation))
    mistakes = json.loads(_cli("evaluate", str(STARTER), "--format", "json", "--errors", "5"))["mistakes"]
    return {"report": report, "jsonl": jsonl, "evaluation": evaluation, "mistakes": len(mistakes)}


def _open(browser, page: Path) -> None:
    browser.get(page.as_uri())
    browser.execute_script("localStorage.clear()")
    browser.get(page.as_uri())
    browser.get_log("browser")  # what the test page logs from here on is the test's


def _click(browser, element) -> None:
    """Click as a user would: after scrolling the element to the middle of the window."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _errors(browser) -> list[str]:
    return [
        entry["message"] for entry in browser.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")
    ]


def test_one_element_per_sentence_and_counts_match_jsonl(browser, pages):
    _open(browser, pages["report"])
    rows = [json.loads(line) for line in pages["jsonl"].read_text(encoding="utf-8").splitlines()]
    spans = browser.find_elements(By.CSS_SELECTOR, "span.s")
    assert len(spans) == len(rows)
    for span, row in zip(spans, rows, strict=True):
        classes = span.get_attribute("class").split()
        assert f"lab-{row['label']}" in classes
        assert [c for c in classes if c.startswith("lab-")] == [f"lab-{row['label']}"]
        assert span.get_attribute("textContent") == row["text"].translate(
            BIDI_VISIBLE
        )  # bidi shown as escapes
    articles = browser.find_elements(By.CSS_SELECTOR, "section.doc")
    assert len(articles) == 2
    for article, doc in zip(articles, dict.fromkeys(r["doc"] for r in rows), strict=True):
        expected = Counter(r["label"] for r in rows if r["doc"] == doc)
        for label in LABEL_IDS:
            shown = article.find_element(By.CSS_SELECTOR, f'summary [data-count="{label}"] b').text
            assert int(shown) == expected[label]
    seed = articles[0].find_elements(By.CSS_SELECTOR, "span.s")
    assert len(seed) == 17 and all(s.is_displayed() for s in seed)
    assert _errors(browser) == []  # the CSP let the page's own style and script run, and nothing failed


def test_label_marks_render_in_the_label_colour_and_line(browser, pages):
    _open(browser, pages["report"])
    for label in LABELS:
        spans = browser.find_elements(By.CSS_SELECTOR, f"span.s.lab-{label.id}:not(.review)")
        if not spans:
            continue
        style = browser.execute_script(
            "const s = getComputedStyle(arguments[0]); "
            "return [s.borderBottomStyle, s.borderBottomColor, "
            "getComputedStyle(arguments[0], '::after').content];",
            spans[0],
        )
        red, green, blue = (int(label.colour[i : i + 2], 16) for i in (1, 3, 5))
        assert style == [label.line, f"rgb({red}, {green}, {blue})", f'"{label.id}"']


def test_injected_markup_shows_as_text_and_runs_nothing(browser, pages):
    _open(browser, pages["report"])
    assert browser.execute_script("return window.pwned === undefined")
    assert browser.execute_script("return typeof window.factcheckReport") == "object"  # our script did run
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 2
    assert len(browser.find_elements(By.TAG_NAME, "style")) == 1
    hostile = browser.find_elements(By.CSS_SELECTOR, "section.doc")[1]
    text = hostile.find_element(By.CSS_SELECTOR, "div.text").text
    assert "<script>window.pwned = 1</script>" in text and '<img src=x onerror="window.pwned = 2">' in text
    assert "</style><style>body { display: none }</style>" in text
    assert browser.find_element(By.TAG_NAME, "body").is_displayed()
    # a bidi override would show "live" for "evil": shown as an escape, in the text and in the details
    assert "The \\u202eevil\\u202c word" in text and "\u202e" not in text
    bidi = hostile.find_elements(By.CSS_SELECTOR, "span.s")[-1]
    _click(browser, bidi)
    details = browser.find_element(By.ID, "detail").text
    assert "\\u202eevil\\u202c" in details and "\u202e" not in details


def test_details_on_focus_and_filter_by_label(browser, pages):
    _open(browser, pages["report"])
    first = browser.find_element(By.CSS_SELECTOR, "span.s")
    _click(browser, first)
    panel = browser.find_element(By.ID, "detail")
    assert panel.is_displayed()
    assert "confidence" in panel.text and "why" in panel.text
    assert len(panel.find_elements(By.CSS_SELECTOR, "tr")) == len(LABELS)
    row = json.loads(pages["jsonl"].read_text(encoding="utf-8").splitlines()[0])
    widths = browser.execute_script(
        "return [...document.querySelectorAll('#detail .bar')].map(b => b.getBoundingClientRect().width)"
    )
    table = panel.find_element(By.TAG_NAME, "table").size["width"]
    for width, label in zip(widths, LABEL_IDS, strict=True):  # bars readable: a share of the panel
        assert abs(width / table - 0.65 * row["scores"][label]) < 0.05
    first.send_keys("j")  # keyboard: to the next sentence
    second = browser.find_elements(By.CSS_SELECTOR, "span.s")[1]
    assert browser.switch_to.active_element == second and second.text.split("\n")[0][:20] in panel.text
    label = first.get_attribute("data-label")
    browser.find_element(By.CSS_SELECTOR, f'input[data-filter="{label}"]').click()
    background = browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", first)
    assert background == "rgba(0, 0, 0, 0)"


def test_a_correction_exports_jsonl_that_trains(browser, pages, tmp_path: Path):
    _open(browser, pages["report"])
    for old in browser.downloads.glob("*"):
        old.unlink()
    spans = browser.find_elements(By.CSS_SELECTOR, "section.doc")[0].find_elements(By.CSS_SELECTOR, "span.s")
    target = next(s for s in spans if s.get_attribute("data-label") != "opinion")
    was = target.get_attribute("data-label")
    count = browser.find_element(By.CSS_SELECTOR, 'section.doc summary [data-count="opinion"] b')
    before = int(count.text)
    _click(browser, target)
    target.send_keys("4")  # the fourth label, opinion, from the keyboard
    assert "lab-opinion" in target.get_attribute("class").split() and "edited" in target.get_attribute(
        "class"
    )
    assert int(count.text) == before + 1
    confirm = spans[-1]
    _click(browser, confirm)
    browser.find_element(
        By.CSS_SELECTOR, f'#detail button[data-set="{confirm.get_attribute("data-label")}"]'
    ).click()
    export = browser.find_element(By.ID, "export")
    assert export.text == "Export corrections (2)"
    export.click()
    deadline = time.monotonic() + 10
    while not list(browser.downloads.glob("*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.1)
    (exported,) = browser.downloads.glob("*.jsonl")
    records = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    article = SEED.read_text(encoding="utf-8")
    assert [r["label"] for r in records] == ["opinion", confirm.get_attribute("data-label")]
    assert records[0]["suggested"] == was and records[0]["source"] == records[0]["doc_id"] == str(SEED)
    assert all(article[r["start"] : r["end"]] == r["text"] for r in records)
    assert [e.label for e in read_examples(exported)] == [r["label"] for r in records]
    model = tmp_path / "model"
    _cli("train", str(STARTER), str(exported), "--holdout", "0", "--out", str(model))
    card = json.loads((model / "model.json").read_text())
    assert any(Path(source["path"]).name == exported.name for source in card["training_data"])


def test_corrections_survive_a_reload(browser, pages):
    _open(browser, pages["report"])
    target = browser.find_element(By.CSS_SELECTOR, "span.s")
    _click(browser, target)
    target.send_keys("3")
    browser.refresh()
    target = browser.find_element(By.CSS_SELECTOR, "span.s")
    assert "lab-attributed" in target.get_attribute("class") and "edited" in target.get_attribute("class")
    browser.find_element(By.ID, "discard").click()
    assert "edited" not in target.get_attribute("class")


def test_screenshot_is_not_blank(browser, pages, tmp_path: Path):
    _open(browser, pages["report"])
    png = browser.get_screenshot_as_png()
    (tmp_path / "report.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    (variance,) = ImageStat.Stat(image.convert("L")).var
    assert image.size[0] >= 800 and variance > 500  # a white page has 0; text and marks give thousands
    assert len(image.getcolors(maxcolors=1 << 20)) > 50  # label colours, not just black on white


def test_evaluation_page_draws_its_four_panels(browser, pages):
    _open(browser, pages["evaluation"])
    charts = browser.find_elements(By.CSS_SELECTOR, "figure svg")
    assert len(charts) == 3 and all(c.size["width"] > 200 and c.size["height"] > 150 for c in charts)
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.mistakes tbody tr")) == pages["mistakes"] > 0
    assert _errors(browser) == []


def test_source_and_quantity_spans_show_in_the_sentence_and_its_details(browser, pages):
    rows = [json.loads(line) for line in pages["jsonl"].read_text(encoding="utf-8").splitlines()]
    with_source = [i for i, r in enumerate(rows) if r.get("sources")]
    assert with_source  # the seed's attributed sentences name their sources
    _open(browser, pages["report"])
    i = with_source[0]
    sentence = browser.find_elements(By.CSS_SELECTOR, "span.s")[i]
    assert sentence.find_element(By.CSS_SELECTOR, ".m-source").text == rows[i]["sources"][0]["text"]
    _click(browser, sentence)
    panel = browser.find_element(By.ID, "detail").text
    assert "sources:" in panel and json.dumps(rows[i]["sources"][0]["text"], ensure_ascii=False) in panel
