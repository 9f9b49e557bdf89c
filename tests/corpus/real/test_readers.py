import subprocess
from pathlib import Path

import pytest

from factcheck.corpus.real.copies import LocalCopy
from factcheck.corpus.real.readers import READERS
from factcheck.errors import FactcheckError


def test_conllu_rebuilds_paragraphs_and_keeps_only_wikinews_genres(copies: Path) -> None:
    reader = READERS["gum-conllu"](LocalCopy(copies / "example+gum"))
    assert reader.documents() == ["GUM_news_bridge"]
    assert reader.text("GUM_news_bridge") == (
        "Town bridge reopens after repairs\n\nThe Elm Street bridge reopened on Monday. "
        "Engineers said it could carry about 40 lorries an hour."
    )


def test_press_release_is_one_line_without_its_date(copies: Path) -> None:
    reader = READERS["press-release-lines"](LocalCopy(copies / "example+press"))
    doc = "press_releases/set/member/memberPress.txt:2"
    assert reader.text(doc) == "Second notice. The office closes at noon."
    with pytest.raises(FactcheckError, match="has no line 9"):
        reader.text("press_releases/set/member/memberPress.txt:9")


def test_statement_paragraphs_are_unwrapped(copies: Path) -> None:
    reader = READERS["fomc-statements"](LocalCopy(copies / "example+fomc"))
    assert reader.documents() == ["statements/20190101"]
    assert reader.text("statements/20190101").split("\n\n")[1] == (
        "The Committee expects growth to pick up over the coming year."
    )


def test_sentence_csv_ids_rows_and_keeps_the_source_label_apart(copies: Path) -> None:
    reader = READERS["newssd-csv"](LocalCopy(copies / "example+newssd"))
    assert reader.documents() == ["train:0", "train:1"]
    assert reader.text("train:0") == "Prices rose by 3 percent in May."
    assert reader.gold("train:1") == "SUBJ"


def test_a_bare_clone_is_read_at_the_pinned_commit_not_at_head(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t", *args],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()

    git("init", "-q")
    (work / "statements").mkdir()
    (work / "statements" / "a.txt").write_text("First version.\n")
    git("add", "."), git("commit", "-qm", "one")
    pinned = git("rev-parse", "HEAD")
    (work / "statements" / "a.txt").write_text("Second version.\n")
    git("commit", "-qam", "two")
    bare = tmp_path / "bare"
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(bare)], check=True)
    assert LocalCopy(bare, pinned).read("statements/a.txt") == b"First version.\n"
    with pytest.raises(FactcheckError, match="does not contain commit"):
        LocalCopy(bare, "1" * 40)


def test_speeches_are_listed_from_1989_and_read_whole(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "1985_someone_r.txt").write_text("Old address.")
    (tmp_path / "data" / "2001_someone_d.txt").write_text("We must act. Jobs grew by 2 percent.\n")
    reader = READERS["sotu-text"](LocalCopy(tmp_path))
    assert reader.documents() == ["2001_someone_d"]
    assert reader.text("2001_someone_d") == "We must act. Jobs grew by 2 percent."


def _meantime(root: Path, name: str, tokens: list[tuple[int, str]]) -> None:
    folder = root / "data/meantime_newsreader_english_oct15/intra_cross-doc_annotation/corpus_trains"
    folder.mkdir(parents=True, exist_ok=True)
    body = "".join(
        f'<token number="{n}" sentence="{s}" t_id="{n + 1}">{word}</token>\n'
        for n, (s, word) in enumerate(tokens)
    )
    (folder / f"{name}.xml").write_text(f'<?xml version="1.0" ?><Document doc_id="1">\n{body}</Document>\n')


def test_meantime_tokens_are_joined_as_written_with_headline_and_date_apart(tmp_path: Path) -> None:
    words = [
        (0, "Rail"), (0, "firm"), (0, "adds"), (0, "trains"),
        (1, "May"), (1, "2"), (1, ","), (1, "2009"),
        (2, "The"), (2, "firm"), (2, "'s"), (2, "chief"), (2, "said"), (2, "``"), (2, "we"), (2, "'"),
        (2, "re"), (2, "ready"), (2, "''"), (2, "("), (2, "again"), (2, ")"), (2, "."),
        (3, "Fares"), (3, "rose"), (3, "US$"), (3, "2"), (3, "to"), (3, "about"), (3, "5"), (3, "%"),
        (3, "."),
        (4, "Riders"), (4, "'"), (4, "groups"), (4, "called"), (4, "it"), (4, "`"), (4, "fair"), (4, "'"),
        (4, "."),
    ]  # fmt: skip
    _meantime(tmp_path, "12345_Rail_firm_adds_trains", words)
    reader = READERS["meantime-xml"](LocalCopy(tmp_path))
    assert reader.documents() == ["corpus_trains/12345"]
    assert reader.text("corpus_trains/12345") == (
        "Rail firm adds trains\n\nMay 2, 2009\n\n"
        "The firm's chief said \"we're ready\" (again). Fares rose US$2 to about 5%. "
        "Riders' groups called it 'fair'."
    )


def test_meantime_refuses_an_unknown_id_and_a_document_without_a_body(tmp_path: Path) -> None:
    _meantime(tmp_path, "7_Short", [(0, "Headline"), (1, "May"), (1, "2")])
    reader = READERS["meantime-xml"](LocalCopy(tmp_path))
    with pytest.raises(FactcheckError, match="no MEANTIME document corpus_trains/8"):
        reader.text("corpus_trains/8")
    with pytest.raises(FactcheckError, match="no body after its headline and date"):
        reader.text("corpus_trains/7")
