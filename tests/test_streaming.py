"""Reading input a paragraph at a time: same sentences as the whole document, rows before the input ends."""

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import inputs
from factcheck.errors import FactcheckError
from factcheck.inputs import FLUSH, Unit, batches, stream_units
from factcheck.labelling import split_units
from factcheck.splitting import split_document
from tests.conftest import REPO, SEED

CORPUS_DOCS = REPO / "data" / "corpus" / "documents.jsonl"


def _documents() -> list[str]:
    docs = [SEED.read_text(encoding="utf-8")]
    with CORPUS_DOCS.open(encoding="utf-8") as handle:
        docs += [json.loads(line)["text"] for _, line in zip(range(40), handle, strict=False)]
    docs.append(
        "date 2024-05-01\n\nHeadline here\n\nFirst para. Second sentence.\n\n\n\ndate 2024-05-02 is text.\n"
    )
    return docs


def _streamed(path: Path) -> list[tuple[int, int, int, str]]:
    counters: dict[str, int] = {}
    units = [u for u in stream_units([str(path)]) if u is not None]
    return [(s.index, s.start, s.end, s.text) for _, s in split_units(units, counters)]


def test_paragraph_windows_split_like_the_whole_document(tmp_path: Path):
    for i, text in enumerate(_documents()):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8", newline="")
        whole = [(s.index, s.start, s.end, s.text) for s in split_document(text).sentences]
        assert _streamed(path) == whole
        assert all(text[start:end] == sentence for _, start, end, sentence in whole)


def test_units_cover_the_document_exactly(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_UNIT_CHARS", 200)
    text = "One line. " * 30 + "\nNext line ends here.\n" + "No blank lines at all " * 40 + "\n\nLast."
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")
    units = [u for u in stream_units([str(path)]) if u is not None]
    assert len(units) > 2
    assert "".join(u.text for u in units) == text
    assert [u.offset for u in units] == [sum(len(v.text) for v in units[:i]) for i in range(len(units))]
    assert [u.first for u in units] == [True] + [False] * (len(units) - 1)


def test_bad_utf8_late_in_a_big_file_names_its_line(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"A sentence.\n\n" * 50000 + b"caf\xe9\n")
    with pytest.raises(FactcheckError, match=r"big\.txt:100001: not UTF-8"):
        list(stream_units([str(path)]))


def test_jsonl_documents_and_their_errors(tmp_path: Path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "One. Two."}\n\n{"id": 7, "text": "Three."}\n', encoding="utf-8")
    assert [u for u in stream_units([str(path)]) if u] == [Unit("a", "One. Two."), Unit("7", "Three.")]
    for body, message in (
        ('{"id": "a", "text": "x"}\nnot json\n', r"docs\.jsonl:2: not valid JSON"),
        ('{"id": "a"}\n', r'docs\.jsonl:1: "text" must be a string'),
        ('["a"]\n', r"docs\.jsonl:1: expected an object"),
        ("\n\n", r"docs\.jsonl: input is empty"),
        # rows are named by the id: two documents under one would share names and offsets
        (
            '{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n{"id": "a", "text": "z"}\n',
            r"docs\.jsonl:3: id a is also on line 1",
        ),
        ('{"id": 7, "text": "x"}\n{"id": "7", "text": "y"}\n', r"docs\.jsonl:2: id 7 is also on line 1"),
    ):
        path.write_text(body, encoding="utf-8")
        with pytest.raises(FactcheckError, match=message):
            list(stream_units([str(path)], input_format="jsonl"))


def test_batches_end_at_every_flush():
    a, b, c = Unit("d", "x"), Unit("d", "y", 1, False), Unit("d", "z", 2, False)
    assert list(batches([a, FLUSH, b, c, FLUSH, FLUSH])) == [[a], [b, c]]
    assert list(batches([a, b, c], max_chars=2)) == [[a, b], [c]]


def _read_line(stream, seconds: float) -> bytes:
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, "no output before the timeout"
    return stream.readline()


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_a_pipe_gets_rows_while_its_input_is_still_open(tiny_model: Path, fmt: str):
    first = (
        '{"id": "a", "text": "Officials said 40 people were hurt."}\n'
        if fmt == "jsonl"
        else ("Officials said 40 people were hurt.\n\n")
    )
    later = '{"id": "b", "text": "This is a disgrace."}\n' if fmt == "jsonl" else "This is a disgrace.\n"
    command = [sys.executable, "-m", "factcheck", "predict", "-", "--model", str(tiny_model)]
    command += ["--format", "jsonl", "--input-format", fmt]
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        process.stdin.write(first.encode())
        process.stdin.flush()
        row = json.loads(_read_line(process.stdout, 60))
        assert row["text"] == "Officials said 40 people were hurt." and row["index"] == 0
        process.stdin.write(later.encode())
        process.stdin.close()
        rest = [json.loads(line) for line in process.stdout.read().splitlines()]
        assert process.wait(60) == 0, process.stderr.read()
    finally:
        process.kill()
    assert [r["text"] for r in rest] == ["This is a disgrace."]
    if fmt == "text":  # one document read in pieces: its numbering and offsets go on
        assert (rest[0]["doc"], rest[0]["index"], rest[0]["start"]) == ("<stdin>", 1, len(first))


def test_lines_end_at_newline_only(tmp_path: Path):
    path = tmp_path / "sep.jsonl"
    path.write_text('{"id": "a", "text": "One\\u2028two\\rthree."}\n', encoding="utf-8")
    path.write_bytes(path.read_bytes().replace(b"\\u2028", "\u2028".encode()))  # raw U+2028 is valid JSON
    [unit] = [u for u in stream_units([str(path)]) if u]
    assert unit.text == "One\u2028two\rthree."
    text = "First.\r\rStill the first paragraph.\u2028Yes.\n\nSecond."
    (tmp_path / "t.txt").write_text(text, encoding="utf-8", newline="")
    assert [u.text for u in stream_units([str(tmp_path / "t.txt")]) if u] == [text[:-7], "Second."]


def test_parallel_labelling_gives_the_rows_of_one_process_in_order(tiny_model: Path, tmp_path: Path):
    from factcheck.labelling import Labeller, label_stream_parallel

    path = tmp_path / "doc.txt"
    path.write_text(
        "\n\n".join(f"Officials said {n} people were hurt. This is a disgrace." for n in range(12)),
        encoding="utf-8",
    )

    def rows(stream) -> list[dict]:
        return [row.to_dict() for batch in stream for row in batch]

    units = [u for u in stream_units([str(path)]) if u]
    one = rows(Labeller.load(tiny_model).label_stream(batches(units, max_chars=100)))
    two = rows(label_stream_parallel(batches(units, max_chars=100), 2, tiny_model))
    assert len(one) == 24 and [r["index"] for r in one] == list(range(24))
    assert two == one


def test_predict_jobs_option(tiny_model: Path, tmp_path: Path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "One. Two."}\n{"id": "b", "text": "Three."}\n', encoding="utf-8")
    command = [sys.executable, "-m", "factcheck", "predict", str(path), "--model", str(tiny_model)]
    single = subprocess.run([*command, "--format", "jsonl"], capture_output=True, text=True, cwd=REPO)
    double = subprocess.run(
        [*command, "--format", "jsonl", "--jobs", "2"], capture_output=True, text=True, cwd=REPO
    )
    assert single.returncode == double.returncode == 0, double.stderr
    assert double.stdout == single.stdout and len(single.stdout.splitlines()) == 3


def test_batches_hand_on_what_was_read_before_an_error():
    def units():
        yield Unit("a", "One.")
        yield Unit("b", "Two.")
        raise FactcheckError("docs.jsonl:3: not valid JSON")

    got = batches(units())
    assert next(got) == [Unit("a", "One."), Unit("b", "Two.")]
    with pytest.raises(FactcheckError, match=r"docs\.jsonl:3"):
        next(got)


@pytest.mark.parametrize(("jobs", "fmt"), [("1", "jsonl"), ("2", "jsonl"), ("1", "table")])
def test_a_bad_jsonl_line_costs_only_itself_and_what_follows(
    tiny_model: Path, tmp_path: Path, jobs: str, fmt: str
):
    """The documents before the bad line share its batch; they are labelled and written before the error.

    A table holds its last document back until the end, which the error must not skip.
    """
    path = tmp_path / "docs.jsonl"
    path.write_text(
        '{"id": "a", "text": "One. Two."}\n{"id": "b", "text": "Three."}\n{"id": \n', encoding="utf-8"
    )
    command = [sys.executable, "-m", "factcheck", "predict", str(path), "--model", str(tiny_model), "-f", fmt]
    done = subprocess.run([*command, "--jobs", jobs], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 1
    if fmt == "jsonl":
        assert [json.loads(line)["doc"] for line in done.stdout.splitlines()] == ["a", "a", "b"]
    else:
        assert [line for line in done.stdout.splitlines() if line.startswith("==")] == ["== a", "== b"]
    assert done.stderr.strip().endswith(
        "docs.jsonl:3: not valid JSON (Expecting value at the end of the line)"
    )


def test_a_jsonl_document_without_text_is_named_in_a_warning(tmp_path: Path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": " "}\n', encoding="utf-8")
    warnings: list[str] = []
    units = [u for u in stream_units([str(path)], on_warning=warnings.append) if u]
    assert [u.doc for u in units] == ["a", "b"]
    assert warnings == [f"{path}:2: document b has no text; it has no rows"]
