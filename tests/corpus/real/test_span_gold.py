import json
from pathlib import Path

import pytest

from factcheck.corpus.real.build import build
from factcheck.corpus.real.span_gold import documents, load, main
from factcheck.corpus.real.span_notes import convert, merge
from factcheck.errors import FactcheckError
from factcheck.evaluation import evaluate_file

SENTENCE = "Engineers said it could carry about 40 lorries an hour."


@pytest.fixture
def cache(copies: Path, real_dir: Path, tmp_path: Path) -> Path:
    return build(copies, tmp_path / "cache", real_dir).cache


def _notes(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(body, encoding="utf-8")
    return path


def _write_gold(real_dir: Path, rows: dict[str, list[dict]]) -> None:
    (real_dir / "spans").mkdir(exist_ok=True)
    for source, lines in rows.items():
        (real_dir / "spans" / f"{source}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))


def test_notes_become_offsets_only_and_load_joins_them_with_the_cache(
    real_dir: Path, cache: Path, tmp_path: Path
) -> None:
    notes = _notes(
        tmp_path,
        "DOC wikinews GUM_news_bridge\n0: S Engineers|said ; Q 40 lorries|about\nDOC newssd train:1\n",
    )
    rows = convert([notes], real_dir, cache)
    assert set(rows) == {"wikinews", "newssd"}
    assert "text" not in json.dumps(rows)  # no source text in what is committed
    (row,) = rows["wikinews"]
    assert rows["newssd"][0]["sources"] == [] and rows["newssd"][0]["quantities"] == []
    _write_gold(real_dir, rows)

    records = {r["doc_id"]: r for r in load(real_dir, cache)}
    record = records["wikinews:GUM_news_bridge"]
    assert record["text"] == SENTENCE and record["split"] == "train" and record["label"] == "attributed"
    (source,) = record["sources"]
    assert (source["text"], source["cue"]["text"], source["cue"]["stance"]) == (
        "Engineers",
        "said",
        "neutral",
    )
    (quantity,) = record["quantities"]
    assert (quantity["text"], quantity["hedge"]["text"], quantity["approximate"]) == (
        "40 lorries",
        "about",
        True,
    )
    # Offsets are into the document, as in data/real/labels.
    assert source["start"] == row["start"] > 0

    text, bounds = documents(list(records.values()), cache)["wikinews:GUM_news_bridge"]
    assert text.startswith("Town bridge reopens after repairs\n\n")  # the whole document, paragraphs kept
    assert text[source["start"] : source["end"]] == "Engineers"
    assert bounds == [(record["start"], record["end"])]
    (cache / "documents.jsonl").unlink()  # a cache from before documents were kept: sentences in place
    text, _ = documents(list(records.values()), cache)["wikinews:GUM_news_bridge"]
    assert text[source["start"] : source["end"]] == "Engineers" and not text.startswith("Town")


def test_a_string_not_in_the_sentence_names_the_notes_line(
    real_dir: Path, cache: Path, tmp_path: Path
) -> None:
    notes = _notes(tmp_path, "DOC wikinews GUM_news_bridge\n\n0: S Officials|said\n")
    with pytest.raises(FactcheckError, match=r"notes\.txt:3: 'Officials' is not in the sentence"):
        convert([notes], real_dir, cache)


def test_a_sentence_index_past_the_document_is_refused(real_dir: Path, cache: Path, tmp_path: Path) -> None:
    notes = _notes(tmp_path, "DOC wikinews GUM_news_bridge\n4: Q 40 lorries\n")
    with pytest.raises(FactcheckError, match=r"notes\.txt:2: .*has 1 labelled sentences"):
        convert([notes], real_dir, cache)


def test_a_changed_sentence_fails_with_the_span_file_and_line(
    real_dir: Path, cache: Path, tmp_path: Path
) -> None:
    rows = convert([_notes(tmp_path, "DOC wikinews GUM_news_bridge\n0: S Engineers|said\n")], real_dir, cache)
    _write_gold(real_dir, {"wikinews": [{**rows["wikinews"][0], "sha1": "0" * 12}]})
    with pytest.raises(FactcheckError, match=r"spans/wikinews\.jsonl:1: .*source has changed"):
        load(real_dir, cache)


def test_a_row_that_is_no_labelled_sentence_is_refused(real_dir: Path, cache: Path, tmp_path: Path) -> None:
    rows = convert([_notes(tmp_path, "DOC wikinews GUM_news_bridge\n")], real_dir, cache)
    moved = {**rows["wikinews"][0], "start": rows["wikinews"][0]["start"] + 1}
    _write_gold(real_dir, {"wikinews": [moved]})
    with pytest.raises(FactcheckError, match=r"spans/wikinews\.jsonl:1: .*is not a labelled sentence"):
        load(real_dir, cache)


def test_a_span_outside_its_sentence_is_refused(real_dir: Path, cache: Path, tmp_path: Path) -> None:
    rows = convert([_notes(tmp_path, "DOC wikinews GUM_news_bridge\n0: Q 40 lorries\n")], real_dir, cache)
    row = rows["wikinews"][0]
    row["quantities"][0]["end"] = row["end"] + 5
    _write_gold(real_dir, {"wikinews": [row]})
    with pytest.raises(
        FactcheckError, match=r"spans/wikinews\.jsonl:1: a quantity .* is outside its sentence"
    ):
        load(real_dir, cache)


def test_a_stale_cache_is_caught_before_anything_is_scored(
    real_dir: Path, cache: Path, tmp_path: Path
) -> None:
    (cache / "train.jsonl").write_text((cache / "train.jsonl").read_text().replace("Engineers", "Officials"))
    stale = r"train\.jsonl:\d+: not the sentence of .*wikinews\.jsonl:1; the cache is stale"
    with pytest.raises(FactcheckError, match=stale):
        load(real_dir, cache)


def test_the_joined_file_is_scored_by_evaluate(real_dir: Path, cache: Path, tmp_path: Path) -> None:
    rows = convert(
        [_notes(tmp_path, "DOC wikinews GUM_news_bridge\n0: S Engineers|said ; Q 40 lorries|about\n")],
        real_dir,
        cache,
    )
    _write_gold(real_dir, rows)
    out = tmp_path / "spans.jsonl"
    assert main(["--cache", str(cache), "--real-dir", str(real_dir), "--out", str(out)]) == 0
    evaluation = evaluate_file(out)
    assert evaluation.spans is not None
    assert evaluation.spans.sources.exact.f1 == 1.0 and evaluation.spans.quantities.exact.f1 == 1.0


def test_merge_keeps_earlier_rounds_rows_and_refuses_a_document_written_twice(tmp_path: Path) -> None:
    earlier = {"doc": "a", "start": 0, "end": 5, "sha1": "x", "sources": [], "quantities": []}
    (tmp_path / "wikinews.jsonl").write_text(json.dumps(earlier) + "\n", encoding="utf-8")
    (tmp_path / "fomc.jsonl").write_text(json.dumps({**earlier, "doc": "f"}) + "\n", encoding="utf-8")
    new = {**earlier, "doc": "b"}
    merged = merge(tmp_path, {"wikinews": [new], "newssd": [{**new, "doc": "train:1"}]})
    assert merged == {
        "fomc": [{**earlier, "doc": "f"}],
        "newssd": [{**new, "doc": "train:1"}],
        "wikinews": [earlier, new],
    }
    with pytest.raises(FactcheckError, match="already has span gold for wikinews document 'a'"):
        merge(tmp_path, {"wikinews": [earlier]})
