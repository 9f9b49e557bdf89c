import json
from pathlib import Path

import pytest

from factcheck.corpus.real.agreement import per_source
from factcheck.corpus.real.batches import candidates, merge
from factcheck.corpus.real.build import build
from factcheck.corpus.real.references import read_documents
from factcheck.errors import FactcheckError


@pytest.fixture
def work(copies: Path, real_dir: Path, tmp_path: Path) -> Path:
    rows = candidates(copies, read_documents(real_dir), real_dir)
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "sentences.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return folder


def _answer(path: Path, labels: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "label": lab}) + "\n" for i, lab in labels.items()))
    return path


def test_candidates_are_the_splitters_sentences_with_their_neighbours(work: Path) -> None:
    rows = [json.loads(line) for line in (work / "sentences.jsonl").read_text().splitlines()]
    gum = [r for r in rows if r["source"] == "wikinews"]
    assert [r["text"] for r in gum] == [
        "Town bridge reopens after repairs",
        "The Elm Street bridge reopened on Monday.",
        "Engineers said it could carry about 40 lorries an hour.",
    ]
    assert gum[1]["before"] == gum[0]["text"] and gum[1]["after"] == gum[2]["text"]


def test_merge_commits_offsets_not_text_and_the_build_gets_the_adjudicated_label(
    work: Path, copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    rows = [json.loads(line) for line in (work / "sentences.jsonl").read_text().splitlines()]
    ids = [r["id"] for r in rows]
    first = _answer(tmp_path / "a.jsonl", dict.fromkeys(ids, "factual"))
    second = _answer(tmp_path / "c.jsonl", {ids[0]: "factual", ids[2]: "attributed"})
    with pytest.raises(FactcheckError, match="disagree and it is not adjudicated"):
        merge(work, {"a": first}, {"c": second}, None, real_dir)
    decisions = tmp_path / "adj.jsonl"
    decisions.write_text(json.dumps({"id": ids[2], "final": "attributed", "reason": "a speech verb"}) + "\n")
    counts = merge(work, {"a": first}, {"c": second}, decisions, real_dir)
    assert sum(counts.values()) == len(ids)
    committed = "".join(p.read_text() for p in (real_dir / "labels").glob("*.jsonl"))
    committed += (real_dir / "agreement" / "second.jsonl").read_text()
    committed += (real_dir / "agreement" / "adjudication.jsonl").read_text()
    assert all(r["text"] not in committed for r in rows if len(r["text"]) > 12)
    cache = build(copies, tmp_path / "cache", real_dir).cache
    labels = {json.loads(line)["text"]: json.loads(line)["label"] for line in (cache / "train.jsonl").open()}
    assert labels["Engineers said it could carry about 40 lorries an hour."] == "attributed"
    kappa = per_source(real_dir)["wikinews"]
    assert kappa.sentences == 2 and kappa.observed == 0.5  # before adjudication: one of two agreed


def test_an_answer_to_an_unknown_sentence_names_file_and_line(
    work: Path, real_dir: Path, tmp_path: Path
) -> None:
    bad = _answer(tmp_path / "a.jsonl", {"nowhere|x|0-1": "factual"})
    with pytest.raises(FactcheckError, match=r"a\.jsonl:1: unknown sentence id"):
        merge(work, {"a": bad}, {}, None, real_dir)


# Two sentences and one label in common: kappa is undefined there, and sklearn says so.
@pytest.mark.filterwarnings("ignore:A single label was found", "ignore:.*is undefined and set to")
def test_a_review_change_is_logged_applied_and_left_out_of_the_kappa(
    work: Path, copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    rows = [json.loads(line) for line in (work / "sentences.jsonl").read_text().splitlines()]
    ids = [r["id"] for r in rows]
    first = _answer(tmp_path / "a.jsonl", dict.fromkeys(ids, "factual"))
    second = _answer(tmp_path / "c.jsonl", {ids[0]: "factual"})
    review = tmp_path / "review.jsonl"
    review.write_text(json.dumps({"id": ids[0], "from": "opinion", "to": "estimate", "reason": "R17"}) + "\n")
    with pytest.raises(FactcheckError, match="review changes 'opinion', but the label is 'factual'"):
        merge(work, {"a": first}, {"c": second}, None, real_dir, review)
    review.write_text(json.dumps({"id": ids[0], "from": "factual", "to": "estimate", "reason": "R17"}) + "\n")
    merge(work, {"a": first}, {"c": second}, None, real_dir, review)
    logged = json.loads((real_dir / "agreement" / "review.jsonl").read_text())
    assert (logged["from"], logged["to"]) == ("factual", "estimate")
    assert per_source(real_dir)["all"].observed == 1.0  # the annotators agreed before the review


def _with_fomc_excerpt(real_dir: Path, excerpt: object) -> None:
    path = real_dir / "documents.jsonl"
    records = [json.loads(line) for line in path.read_text().splitlines()]
    for record in records:
        if record["source"] == "fomc":
            record["excerpt"] = excerpt
    path.write_text("".join(json.dumps(r) + "\n" for r in records))


def test_an_excerpt_labels_only_its_run_from_the_middle_third(copies: Path, real_dir: Path) -> None:
    _with_fomc_excerpt(real_dir, 1)
    rows = candidates(copies, read_documents(real_dir), real_dir)
    fomc = [r["text"] for r in rows if r["source"] == "fomc"]
    assert fomc == ["The Committee decided today to keep its target rate at 2 percent."]


@pytest.mark.parametrize("excerpt", [0, "60", True])
def test_an_excerpt_that_is_not_a_count_names_file_and_line(real_dir: Path, excerpt: object) -> None:
    _with_fomc_excerpt(real_dir, excerpt)
    with pytest.raises(FactcheckError, match=r"documents\.jsonl:3: excerpt must be a positive number"):
        read_documents(real_dir)


def test_a_later_round_adds_its_rows_after_the_committed_ones(
    work: Path, copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    rows = [json.loads(line) for line in (work / "sentences.jsonl").read_text().splitlines()]
    committed = {
        (r["source"], r["doc"], r["start"], r["end"])
        for path in (real_dir / "labels").glob("*.jsonl")
        for r in [dict(json.loads(line), source=path.stem) for line in path.read_text().splitlines()]
    }
    new = [r for r in rows if (r["source"], r["doc"], r["start"], r["end"]) not in committed]
    old = [r for r in rows if r not in new]
    assert new and old
    before = {p.name: p.read_text() for p in (real_dir / "labels").glob("*.jsonl")}
    answers = _answer(tmp_path / "a.jsonl", {r["id"]: "opinion" for r in new})
    second = _answer(tmp_path / "c.jsonl", {new[0]["id"]: "opinion"})
    counts = merge(work, {"a": answers}, {"c": second}, None, real_dir, add=True)
    assert sum(counts.values()) == len(committed) + len(new)
    for name, text in before.items():
        assert (real_dir / "labels" / name).read_text().startswith(text)
    cache = build(copies, tmp_path / "cache", real_dir).cache
    built = {
        json.loads(line)["text"]: json.loads(line)["label"]
        for split in ("train", "dev", "test")
        for line in (cache / f"{split}.jsonl").open()
    }
    assert all(built[r["text"]] == "opinion" for r in new)
    relabel = _answer(tmp_path / "b.jsonl", {old[0]["id"]: "factual"})
    with pytest.raises(FactcheckError, match="already labelled"):
        merge(work, {"b": relabel}, {}, None, real_dir, add=True)
