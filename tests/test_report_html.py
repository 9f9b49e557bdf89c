"""The HTML report's builder, read back with the standard library's HTML parser (no browser)."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import html
import json
import re
from html.parser import HTMLParser

from factcheck.evaluation import CalibrationBin, Evaluation, LabelScores, Mistake, Report
from factcheck.explanation import Push
from factcheck.labelling import Labeller
from factcheck.labels import LABEL_IDS
from factcheck.report_html import OPEN_UP_TO, evaluation_html, predictions_html, script_json
from factcheck.resampling import Interval
from factcheck.span_scoring import PRF, SpanReport, SpanScores
from tests.conftest import SEED

HOSTILE = [
    "<script>window.pwned = 1</script>",
    '<img src=x onerror="window.pwned = 2">',
    "</style><b>bold</b>",
    "</script><script>window.pwned = 3</script>",
    "<!-- a comment opener",
    "line\u2028separator and \u2029paragraph",
]

_VOID = {"meta", "br", "input", "img", "hr", "link", "line", "rect", "circle"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.walk() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)]


class Tree(HTMLParser):
    """A forgiving DOM: enough to count elements and read their text as a browser would."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def _row(doc: str, index: int, start: int, text: str, label: str, confidence: float, **extra) -> dict:
    scores = {lab: round((1 - confidence) / 3, 4) for lab in LABEL_IDS} | {label: confidence}
    return {
        "doc": doc,
        "index": index,
        "start": start,
        "end": start + len(text),
        "text": text,
        "label": label,
        "confidence": confidence,
        "scores": scores,
        **extra,
    }


def _doc(name: str, sentences: list[tuple[str, str, float]], sep: str = " ") -> tuple[str, list[dict]]:
    """A document text and its rows, with offsets that index the text."""
    text, rows = "", []
    for i, (sentence, label, confidence) in enumerate(sentences):
        if i:
            text += sep
        rows.append(_row(name, i, len(text), sentence, label, confidence))
        text += sentence
    return text, rows


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="fc-data">(.*?)</script>', page, re.S)
    assert block
    return json.loads(block.group(1))


def test_script_json_cannot_close_its_block_and_round_trips():
    value = {"t": HOSTILE, "name": "</SCRIPT>&"}
    text = script_json(value)
    assert "<" not in text and ">" not in text and "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_one_element_per_sentence_with_its_label_text_and_review_flag():
    text, rows = _doc("a.txt", [("Six people died.", "factual", 0.9), ("It may rain.", "opinion", 0.41)])
    tree = Tree(predictions_html(rows, {"a.txt": text}, review_below=0.6))
    spans = tree.root.find_all("span", "s")
    assert [s.text() for s in spans] == ["Six people died.", "It may rain."]
    assert [s.attrs["data-label"] for s in spans] == ["factual", "opinion"]
    assert "lab-factual" in spans[0].classes and "review" not in spans[0].classes
    assert {"lab-opinion", "review"} <= spans[1].classes
    assert all(s.attrs["tabindex"] == "0" for s in spans)


def test_counts_per_article_match_the_rows():
    text_a, rows_a = _doc(
        "a", [("One.", "factual", 0.9), ("Two.", "factual", 0.5), ("Three.", "estimate", 0.8)]
    )
    text_b, rows_b = _doc("b", [("Four.", "opinion", 0.95)])
    tree = Tree(predictions_html(rows_a + rows_b, {"a": text_a, "b": text_b}, review_below=0.6))

    def counts(node: Node) -> dict[str, int]:
        return {
            c.attrs["data-count"]: int(c.find_all("b")[0].text())
            for c in node.find_all(cls="count")
            if "data-count" in c.attrs
        }

    sections = tree.root.find_all("section", "doc")
    assert counts(sections[0]) == {
        "factual": 2,
        "estimate": 1,
        "attributed": 0,
        "opinion": 0,
        "review": 1,
        "edited": 0,
    }
    assert counts(sections[1])["opinion"] == 1
    totals = next(n for n in tree.root.walk() if n.attrs.get("id") == "totals")
    assert counts(totals)["factual"] == 2 and counts(totals)["opinion"] == 1


def test_hostile_text_is_shown_as_text_and_adds_no_element():
    sentences = [(h, "factual", 0.9) for h in HOSTILE]
    text, rows = _doc("<script>doc()</script>", sentences)
    page = predictions_html(rows, {rows[0]["doc"]: text})
    tree = Tree(page)
    assert [s.text() for s in tree.root.find_all("span", "s")] == HOSTILE
    tags = {n.tag for n in tree.root.walk()}
    assert "img" not in tags and "b" in tags  # <b> only from the counts, never from a sentence
    assert not [n for n in tree.root.walk() if any(k.startswith("on") for k in n.attrs)]
    scripts = tree.root.find_all("script")
    assert len(scripts) == 2 and scripts[0].attrs["type"] == "application/json"
    assert page.count("</style>") == 1 and page.count("</script>") == 2
    assert _data(page)["docs"][0]["rows"][0]["text"] == HOSTILE[0]


def test_bidi_controls_show_as_escapes_and_stay_in_the_data():
    """A right-to-left override would make "evil" read "live" on the page; the export keeps the text."""
    text, rows = _doc("bidi", [("The \u202eevil\u202c word.", "factual", 0.9)])
    page = predictions_html(rows, {rows[0]["doc"]: text})
    shown = [s.text() for s in Tree(page).root.find_all("span", "s")]
    assert shown == ["The \\u202eevil\\u202c word."]
    assert _data(page)["docs"][0]["rows"][0]["text"] == "The \u202eevil\u202c word."


def test_csp_allows_exactly_the_page_own_style_and_script():
    text, rows = _doc("a", [("One.", "factual", 0.9)])
    page = predictions_html(rows, {"a": text})
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.findall(r"<script>(.*?)</script>", page, re.S)[-1]

    def digest(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert "default-src 'none'" in csp
    assert f"style-src {digest(style)}" in csp and f"script-src {digest(script)}" in csp
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "") and "https://" not in page


def test_paragraphs_and_uncovered_text_follow_the_article():
    text = "date 2023-11-13\n\nFirst one. Second one.\n\nThird one."
    rows = [
        _row("a", 0, 17, "First one.", "factual", 0.9),
        _row("a", 1, 28, "Second one.", "factual", 0.9),
        _row("a", 2, 41, "Third one.", "opinion", 0.9),
    ]
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    tree = Tree(predictions_html(rows, {"a": text}))
    paragraphs = tree.root.find_all("p")
    assert [len(p.find_all("span", "s")) for p in paragraphs] == [0, 2, 1]
    assert paragraphs[0].find_all("span", "gap")[0].text() == "date 2023-11-13"


def test_without_texts_sentences_run_together():
    _, rows = _doc("a", [("One.", "factual", 0.9), ("Two.", "opinion", 0.9)], sep="\n\n")
    tree = Tree(predictions_html(rows))
    assert len(tree.root.find_all("p")) == 1 and len(tree.root.find_all("span", "s")) == 2


def test_source_and_quantity_spans_are_marked_inside_the_sentence():
    sentence = "Officials said about 40 people were hurt."
    base = 100
    row = _row(
        "a",
        0,
        base,
        sentence,
        "estimate",
        0.8,
        sources=[
            {
                "start": base,
                "end": base + 9,
                "text": "Officials",
                "cue": {"start": base + 10, "end": base + 14, "text": "said"},
            }
        ],
        quantities=[
            {
                "start": base + 15,
                "end": base + 30,
                "text": "about 40 people",
                "value": 40,
                "approximate": True,
                "hedge": {"start": base + 15, "end": base + 20, "text": "about"},
            },
            {"start": base + 500, "end": base + 510, "text": "outside"},
        ],
    )
    tree = Tree(predictions_html([row]))
    (legend,) = tree.root.find_all("div", "legend")
    assert legend.find_all(cls="m-source") and legend.find_all(cls="m-quantity")
    assert not Tree(predictions_html([_row("a", 0, 0, "One.", "factual", 0.9)])).root.find_all(cls="m-source")
    (s,) = tree.root.find_all("span", "s")
    assert s.text() == sentence
    marked = {
        cls: "".join(n.text() for n in s.find_all(cls=cls))
        for cls in ("m-source", "m-cue", "m-quantity", "m-hedge")
    }
    assert marked == {
        "m-source": "Officials",
        "m-cue": "said",
        "m-quantity": "about 40 people",
        "m-hedge": "about",
    }
    assert _data(predictions_html([row]))["docs"][0]["rows"][0]["quantities"][0]["value"] == 40


def test_many_articles_start_collapsed():
    rows = [row for d in range(OPEN_UP_TO + 1) for row in _doc(f"d{d}", [("One.", "factual", 0.9)])[1]]
    many = Tree(predictions_html(rows)).root.find_all("details")
    few = Tree(predictions_html(rows[:OPEN_UP_TO])).root.find_all("details")
    assert len(many) == OPEN_UP_TO + 1 and not any("open" in d.attrs for d in many)
    assert all("open" in d.attrs for d in few)


def test_same_name_twice_stays_two_articles():
    _, rows = _doc("-", [("One.", "factual", 0.9)])
    page = predictions_html(rows + rows)
    assert len(Tree(page).root.find_all("section", "doc")) == 2 and len(_data(page)["docs"]) == 2


def test_seed_report_has_17_sentences_labelled_as_the_model_says():
    text = SEED.read_text(encoding="utf-8")
    rows = [r.to_dict() for r in Labeller.load().label_text(text, "seed", explain=2)]
    page = predictions_html(rows, {"seed": text})
    spans = Tree(page).root.find_all("span", "s")
    assert len(spans) == 17
    assert [s.attrs["data-label"] for s in spans] == [r["label"] for r in rows]
    assert [s.text() for s in spans] == [r["text"] for r in rows]
    assert _data(page)["docs"][0]["rows"][0]["explanation"]


def _evaluation(text: str) -> Evaluation:
    per = {lab: LabelScores(0.5, 0.25, 0.3333, 4) for lab in LABEL_IDS}
    confusion = {
        g: {p: (3 if g == p else 1 if p == "opinion" and g != p else 0) for p in LABEL_IDS} for g in LABEL_IDS
    }
    report = Report(16, 0.75, 0.3333, per, confusion)
    bins = [CalibrationBin(0.5, 0.6, 6, 0.55, 0.5), CalibrationBin(0.9, 1.0, 10, 0.95, 0.9)]
    return Evaluation(report, [Mistake(text, "factual", "opinion", 0.97, [Push("<b>", 0.5)])], bins)


def test_evaluation_page_has_four_panels_and_escapes_mistakes():
    page = evaluation_html(_evaluation(HOSTILE[1]), data="<d>.jsonl", model="m")
    tree = Tree(page)
    assert len(tree.root.find_all("svg")) == 3
    (table,) = tree.root.find_all("table", "mistakes")
    cells = [td.text() for td in table.find_all("td")]
    assert (
        cells[:3] == ["0.97", "factual", "opinion"] and cells[3] == HOSTILE[1] and cells[4] == "<b> (+0.50)"
    )
    assert "img" not in {n.tag for n in tree.root.walk()} and "<script" not in page
    assert "&lt;d&gt;.jsonl" in page


def test_evaluation_page_without_mistakes_says_how_to_list_them():
    evaluation = _evaluation("x")
    page = evaluation_html(Evaluation(evaluation.report, [], evaluation.calibration))
    assert "--errors N" in page and "<table" not in page


def test_evaluation_page_of_a_perfect_score_does_not_ask_for_mistakes_there_are_none_of():
    evaluation = _evaluation("x")
    perfect = dataclasses.replace(evaluation.report, accuracy=1.0)
    page = evaluation_html(Evaluation(perfect, [], evaluation.calibration))
    assert "every sentence got its gold label" in page and "--errors N" not in page


def test_report_carries_exactly_the_rows_given():
    """The page carries exactly the rows it was handed: the JSON block is the rows, in order."""
    text, rows = _doc("a", [("One.", "factual", 0.9), ("Two.", "estimate", 0.7)])
    data = _data(predictions_html(rows, {"a": text}))
    assert data["docs"] == [{"name": "a", "rows": rows}]
    assert [lab["id"] for lab in data["labels"]] == list(LABEL_IDS)


def test_evaluation_page_shows_span_scores_when_the_file_has_span_gold():
    prf = PRF(0.9, 0.8, 0.8471, 10, 9, 8)
    evaluation = _evaluation("x")
    with_spans = Evaluation(
        evaluation.report,
        [],
        evaluation.calibration,
        SpanReport(7, SpanScores(prf, prf), SpanScores(prf, prf)),
    )
    tree = Tree(evaluation_html(with_spans))
    (table,) = tree.root.find_all("table", "spans")
    rows = [[td.text() for td in tr.find_all("td")] for tr in table.find_all("tr") if tr.find_all("td")]
    assert len(rows) == 4 and rows[0] == ["sources", "exact", "0.900", "0.800", "0.847", "10", "9"]
    assert "spans" not in {
        c for t in Tree(evaluation_html(evaluation)).root.find_all("table") for c in t.classes
    }
    # with ranges over resampled documents, as the text report gives them
    ranges = {"sources": {"exact": Interval(0.8, 0.9)}, "quantities": {}}
    ranged = Evaluation(
        evaluation.report,
        [],
        evaluation.calibration,
        SpanReport(7, SpanScores(prf, prf), SpanScores(prf, prf), ranges),
    )
    (table,) = Tree(evaluation_html(ranged)).root.find_all("table", "spans")
    rows = [[td.text() for td in tr.find_all("td")] for tr in table.find_all("tr") if tr.find_all("td")]
    assert rows[0][5] == str(Interval(0.8, 0.9)) and rows[1][5] == "-"
