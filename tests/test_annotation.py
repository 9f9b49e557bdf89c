import json
import os
from pathlib import Path

import pytest

from factcheck.annotation import (
    KEYS,
    Command,
    Item,
    Session,
    article_name,
    build_queue,
    open_session,
    parse_command,
)
from factcheck.data import read_examples
from factcheck.errors import FactcheckError
from factcheck.inputs import InputText
from factcheck.labelling import Labeller
from factcheck.labels import LABELS

ARTICLE = (
    "Six people were killed on Monday. Officials said about 40 people were hurt.\n\n"
    "The response was a disgrace. Police arrested two men."
)


def item(n: int, text: str | None = None, source: str = "a.txt") -> Item:
    """The n-th sentence of a made-up article, 10 characters apart."""
    return Item(source, n, n * 10, n * 10 + 9, text or f"Sentence {n}.", None, None, "factual", 0.5, 5)


ITEMS = [item(n) for n in range(5)]


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_keys_follow_the_label_order():
    assert list(KEYS) == ["1", "2", "3", "4"]
    assert [parse_command(k).label for k in KEYS] == [label.id for label in LABELS]


def test_parse_command():
    assert parse_command("estimate") == Command("label", "estimate")
    assert parse_command("") == Command("accept")
    assert [parse_command(k).action for k in ("s", "u", "?", "q", "Q")] == [
        "skip",
        "undo",
        "help",
        "quit",
        "quit",
    ]
    for wrong in ("5", "0", "fact", " ", "x"):
        assert parse_command(wrong) is None


def test_queue_orders_and_context(tiny_model: Path):
    doc = InputText("a.txt", ARTICLE)
    labeller = Labeller.load(tiny_model)
    reading = build_queue([doc, doc], labeller, "document")
    assert [i.index for i in reading] == [0, 1, 2, 3]  # the article given twice is asked once
    assert reading[1].before == reading[0].text and reading[1].after == reading[2].text
    assert reading[0].before is None and reading[3].after is None
    assert all(ARTICLE[i.start : i.end] == i.text and i.doc_sentences == 4 for i in reading)
    uncertain = build_queue([doc], labeller, "uncertain")
    assert [i.confidence for i in uncertain] == sorted(i.confidence for i in reading)
    with pytest.raises(FactcheckError, match="unknown order"):
        build_queue([doc], labeller, "random")


def test_answer_is_on_disk_with_every_field(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    with Session.open(out, ITEMS) as session:
        session.answer("estimate")
        # read while the session still holds the file: nothing waits in a buffer
        [record] = lines(out)
    assert set(record) == {
        "text",
        "label",
        "doc_id",
        "source",
        "start",
        "end",
        "suggested",
        "confidence",
        "time",
    }
    assert (record["text"], record["label"], record["doc_id"], record["source"]) == (
        "Sentence 0.",
        "estimate",
        "a.txt",
        "a.txt",
    )
    assert (record["start"], record["end"], record["suggested"], record["confidence"]) == (
        0,
        9,
        "factual",
        0.5,
    )
    assert record["time"].endswith("+00:00")


def test_each_answer_is_fsynced(tmp_path: Path, monkeypatch):
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr("factcheck.annotation.os.fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    with Session.open(tmp_path / "new" / "mine.jsonl", ITEMS) as session:
        before = len(synced)  # the new file's directory entry
        session.answer("factual")
        session.undo()
    assert before == 1 and len(synced) == 3


def test_resume_asks_only_what_is_unanswered(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    with Session.open(out, ITEMS) as session:
        session.answer("factual")
        session.skip()
        session.answer("opinion")
        assert session.current() == ITEMS[3]
        assert session.progress().skipped == 1
    assert len(lines(out)) == 2  # the skip is not written
    with Session.open(out, ITEMS) as session:
        assert session.current() == ITEMS[1]  # the skipped sentence comes back
        progress = session.progress()
    assert (progress.done, progress.total, progress.skipped) == (2, 5, 0)
    assert progress.counts == {"factual": 1, "estimate": 0, "attributed": 0, "opinion": 1}


def test_undo_appends_a_line_and_asks_again(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    with Session.open(out, ITEMS) as session:
        session.answer("factual")
        session.answer("opinion")
        undone = session.undo()
        assert undone["label"] == "opinion"
        assert session.current() == ITEMS[1]
        session.answer("attributed")
    records = lines(out)
    assert [r.get("label") for r in records] == ["factual", "opinion", None, "attributed"]
    assert records[2]["undo"] == "a.txt:10-19" and "time" in records[2]
    assert [(e.text, e.label) for e in read_examples(out)] == [
        ("Sentence 0.", "factual"),
        ("Sentence 1.", "attributed"),
    ]


def test_undo_reaches_into_an_earlier_run(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    with Session.open(out, ITEMS) as session:
        session.answer("factual")
    with Session.open(out, ITEMS) as session:
        assert session.undo()["text"] == "Sentence 0."
        assert session.current() == ITEMS[0]
        assert session.undo() is None
        assert session.progress().done == 0


def test_undo_passes_over_hand_written_lines(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    out.write_text('{"text": "Mine.", "label": "opinion"}\n')
    with Session.open(out, ITEMS) as session:
        assert session.undo() is None
        assert session.progress().counts["opinion"] == 1


def test_changed_sentence_is_asked_again(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    with Session.open(out, ITEMS) as session:
        session.answer("factual")
    edited = [item(0, "Sentence zero, edited."), *ITEMS[1:]]
    with Session.open(out, edited) as session:
        assert session.current() == edited[0]


def test_torn_last_line_is_cut_off(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    with Session.open(out, ITEMS) as session:
        session.answer("factual")
    whole = out.read_bytes()
    out.write_bytes(whole + b'{"text": "Sentence 1.", "lab')
    with Session.open(out, ITEMS) as session:
        assert session.dropped == '{"text": "Sentence 1.", "lab'
        assert session.current() == ITEMS[1]
        session.answer("opinion")
    assert [e.label for e in read_examples(out)] == ["factual", "opinion"]


def test_whole_last_line_without_newline_is_kept(tmp_path: Path):
    out = tmp_path / "mine.jsonl"
    out.write_text('{"text": "Mine.", "label": "opinion"}')
    with Session.open(out, ITEMS) as session:
        assert session.dropped is None
        session.answer("factual")
    assert [e.label for e in read_examples(out)] == ["opinion", "factual"]


def test_finished_session(tmp_path: Path):
    with Session.open(tmp_path / "mine.jsonl", ITEMS[:1]) as session:
        with pytest.raises(FactcheckError, match="unknown label 'fact'"):
            session.answer("fact")
        session.answer("factual")
        assert session.current() is None
        with pytest.raises(FactcheckError, match="no sentence left"):
            session.answer("factual")


def test_bad_annotation_files(tmp_path: Path):
    with pytest.raises(FactcheckError, match=r"must be a \.jsonl file"):
        Session.open(tmp_path / "mine.csv", ITEMS)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"text": "A.", "label": "fact"}\n')
    with pytest.raises(FactcheckError, match=r"broken\.jsonl:1: unknown label 'fact'"):
        Session.open(broken, ITEMS)


def test_open_session_needs_article_files(tmp_path: Path, tiny_model: Path):
    with pytest.raises(FactcheckError, match="give the articles as files"):
        open_session(tmp_path / "mine.jsonl", ["-"], tiny_model, "document")
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    with open_session(tmp_path / "mine.jsonl", [str(article)], tiny_model, "document") as session:
        assert session.current().text == "Six people were killed on Monday."
        assert session.progress().total == 4


def test_an_article_resumes_however_its_path_is_typed(tmp_path: Path, tiny_model: Path, monkeypatch):
    """The README's "run the same command again" holds from another folder or with ./ or an absolute path."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    with open_session("mine.jsonl", ["seeds/a.txt"], tiny_model, "document") as session:
        first = session.answer("factual")
    assert first["doc_id"] == first["source"] == "seeds/a.txt"
    for folder, article, out in [
        (tmp_path, "./seeds/a.txt", "mine.jsonl"),
        (tmp_path, str(tmp_path / "seeds" / "a.txt"), "mine.jsonl"),
        (tmp_path / "elsewhere", "../seeds/a.txt", "../mine.jsonl"),
    ]:
        monkeypatch.chdir(folder)
        with open_session(out, [article], tiny_model, "document") as session:
            assert session.progress().done == 1 and session.current().source == "seeds/a.txt"


def test_an_article_is_named_by_its_real_path_relative_to_the_answers_folder(tmp_path: Path):
    (tmp_path / "x" / "in").mkdir(parents=True)
    (tmp_path / "x" / "in" / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    (tmp_path / "link").symlink_to(tmp_path / "x")
    out = tmp_path / "x" / "mine.jsonl"
    assert article_name(str(tmp_path / "x" / "in" / "a.txt"), out) == "in/a.txt"
    assert article_name(str(tmp_path / "link" / "in" / "a.txt"), out) == "in/a.txt"  # a link: the real file
    assert article_name(str(tmp_path / "x" / "in" / "a.txt"), tmp_path / "link" / "mine.jsonl") == "in/a.txt"
    assert article_name(str(tmp_path / "b.txt"), out) == "../b.txt"  # outside: still relative, no home folder
    assert article_name(str(tmp_path / "..odd.txt"), tmp_path / "mine.jsonl") == "..odd.txt"


def test_answers_written_under_the_typed_name_still_resume(tmp_path: Path, tiny_model: Path, monkeypatch):
    """A file from before names were relative to it named the article as typed; that name is kept."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(ARTICLE)
    (tmp_path / "answers").mkdir()
    monkeypatch.chdir(tmp_path)
    start, end = 0, len("Six people were killed on Monday.")
    legacy = {
        "text": ARTICLE[start:end],
        "label": "factual",
        "doc_id": "seeds/a.txt",
        "source": "seeds/a.txt",
    }
    (tmp_path / "answers" / "mine.jsonl").write_text(
        json.dumps({**legacy, "start": start, "end": end}) + "\n"
    )
    with open_session("answers/mine.jsonl", ["seeds/a.txt"], tiny_model, "document") as session:
        assert session.progress().done == 1 and session.current().source == "seeds/a.txt"
    with open_session("answers/new.jsonl", ["seeds/a.txt"], tiny_model, "document") as session:
        assert session.current().source == "../seeds/a.txt"


def test_an_article_name_that_is_not_utf8_is_written(tmp_path: Path, tiny_model: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"caf\xe9.txt")
    Path(name).write_text(ARTICLE)
    with open_session("mine.jsonl", [name], tiny_model, "document") as session:
        record = session.answer("factual")
    assert record["source"] == "caf\\xe9.txt"
    assert json.loads((tmp_path / "mine.jsonl").read_text(encoding="utf-8"))["doc_id"] == "caf\\xe9.txt"
