import json
from pathlib import Path

import pytest

from factcheck.corpus.real.build import build, main
from factcheck.data import read_examples
from factcheck.errors import FactcheckError
from tests.corpus.real.conftest import label_row


def test_build_writes_trainable_splits_from_the_sources(copies: Path, real_dir: Path, tmp_path: Path) -> None:
    result = build(copies, tmp_path / "cache", real_dir)
    train = read_examples(result.cache / "train.jsonl")
    assert {(e.text, e.label) for e in train} == {
        ("Engineers said it could carry about 40 lorries an hour.", "attributed"),
        ("This is a disgrace.", "opinion"),
    }
    assert [e.label for e in read_examples(result.cache / "test.jsonl")] == ["opinion"]
    assert [e.doc_id for e in read_examples(result.cache / "dev.jsonl")] == ["fomc:statements/20190101"]
    assert result.counts["train"] == {"attributed": 1, "opinion": 1}


def test_a_changed_source_names_the_label_file_and_row(copies: Path, real_dir: Path, tmp_path: Path) -> None:
    statement = copies / "example+fomc" / "statements" / "20190101.txt"
    statement.write_text(statement.read_text().replace("expects", "projects"))
    with pytest.raises(FactcheckError, match=r"labels/fomc\.jsonl:1: .*source has changed"):
        build(copies, tmp_path / "cache", real_dir)
    assert not (tmp_path / "cache" / "train.jsonl").exists()  # nothing half-built


def test_offsets_outside_a_shortened_document_are_reported(
    copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    (copies / "example+gum" / "dep" / "GUM_news_bridge.conllu").write_text("# newpar\n# text = Short.\n")
    with pytest.raises(FactcheckError, match=r"wikinews\.jsonl:1: offsets .* fall outside"):
        build(copies, tmp_path / "cache", real_dir)


def test_a_missing_copy_says_which_repository_and_commit_to_fetch(real_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(FactcheckError, match=r"no local copy of example/gum .*commit 0000"):
        build(tmp_path / "nowhere", tmp_path / "cache", real_dir)


def test_a_label_row_for_an_unchosen_document_is_refused(
    copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    path = real_dir / "labels" / "newssd.jsonl"
    row = json.loads(path.read_text())
    path.write_text(path.read_text() + json.dumps({**row, "doc": "train:0"}) + "\n")
    with pytest.raises(FactcheckError, match=r"newssd\.jsonl:2: document 'train:0' is not in"):
        build(copies, tmp_path / "cache", real_dir)


def test_the_command_reports_a_user_error_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--copies", str(tmp_path / "none"), "--cache", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("factcheck: error: ") and err.count("\n") == 1


def test_overlapping_label_rows_of_one_document_are_refused(
    copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    # An older splitter's fragment labelled beside the whole sentence: text scored twice.
    path = real_dir / "labels" / "wikinews.jsonl"
    row = json.loads(path.read_text().splitlines()[0])
    fragment = {**row, "start": row["start"] + 4}
    path.write_text(path.read_text() + json.dumps(fragment) + "\n")
    overlap = r"wikinews\.jsonl:\d+: sentence .* overlaps .*wikinews\.jsonl:1\)"
    with pytest.raises(FactcheckError, match=overlap):
        build(copies, tmp_path / "cache", real_dir)


def test_a_document_labelled_again_in_a_later_round_is_written_whole_and_in_reading_order(
    copies: Path, real_dir: Path, tmp_path: Path
) -> None:
    # Rounds append rows: the bridge story's opening sentence, labelled in a later round, comes
    # after another story's row, but training reads a document as one run in reading order.
    text = (
        "Town bridge reopens after repairs\n\nThe Elm Street bridge reopened on Monday. "
        "Engineers said it could carry about 40 lorries an hour."
    )
    opening = "The Elm Street bridge reopened on Monday."
    with (real_dir / "documents.jsonl").open("a") as documents:
        documents.write(
            json.dumps({"source": "wikinews", "doc": "GUM_fiction_story", "split": "train"}) + "\n"
        )
    with (real_dir / "labels" / "wikinews.jsonl").open("a") as labels:
        labels.write(json.dumps(label_row(text, opening, "factual", "GUM_fiction_story")) + "\n")
        labels.write(json.dumps(label_row(text, opening, "factual", "GUM_news_bridge")) + "\n")
    train = read_examples(build(copies, tmp_path / "cache", real_dir).cache / "train.jsonl")
    assert [(e.doc_id, e.text[:12]) for e in train if e.doc_id.startswith("wikinews")] == [
        ("wikinews:GUM_news_bridge", "The Elm Stre"),
        ("wikinews:GUM_news_bridge", "Engineers sa"),
        ("wikinews:GUM_fiction_story", "The Elm Stre"),
    ]
