"""``predict --out DIR``: one whole file per input, together exactly one run's rows in its order."""

import functools
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import FactcheckError
from factcheck.formatting import labelled_row_stream
from factcheck.inputs import batches, stream_units
from factcheck.labelling import Labeller
from factcheck.shards import label_tagged, shard_paths, tagged_batches, write_shards
from tests.conftest import SEED

runner = CliRunner()


@pytest.fixture
def inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    # The same id in two shards: one run numbers its sentences on from the first shard.
    (folder / "b.jsonl").write_text(
        '{"id": "x", "text": "Officials said 40 people were hurt. This is a disgrace."}\n'
        '{"id": "y", "text": "The bank raised rates to 5.25% on Thursday."}\n',
        encoding="utf-8",
    )
    (folder / "c.jsonl").write_text(
        '{"id": "x", "text": "Prices rose 3%. It was awful."}\n', encoding="utf-8"
    )
    return [str(folder / name) for name in ("a.txt", "b.jsonl", "c.jsonl")]


def _one_run(labeller: Labeller, inputs: list[str], fmt: str) -> str:
    stream = labelled_row_stream(fmt)
    units = batches(stream_units(inputs), max_chars=300)
    return "".join(stream.add(rows) for rows in labeller.label_stream(units)) + stream.close()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_files_concatenate_to_one_runs_output(tiny_model: Path, inputs: list[str], tmp_path: Path, fmt: str):
    labeller = Labeller.load(tiny_model)
    paths = shard_paths(inputs, tmp_path / "out", fmt)
    seen: list[str] = []
    tagged = tagged_batches(inputs, max_chars=300)  # many batches per file
    written = write_shards(
        label_tagged(tagged, labeller.label_stream), paths, lambda: labelled_row_stream(fmt), seen.append
    )
    ext = f".{fmt}"
    assert [p.name for p, _ in written] == [f"a{ext}", f"b{ext}", f"c{ext}"]
    assert [n for _, n in written] == [17, 3, 2]
    assert len(seen) == 3 and seen[1].endswith(f"b{ext} (3 rows)")
    texts = [p.read_text(encoding="utf-8") for p in paths]
    whole = _one_run(labeller, inputs, fmt)
    if fmt == "csv":  # each file carries its own header
        header = texts[0].split("\n", 1)[0] + "\n"
        assert all(t.startswith(header) for t in texts)
        texts = [texts[0], *(t[len(header) :] for t in texts[1:])]
    assert "".join(texts) == whole
    if fmt == "jsonl":
        assert '"doc": "x", "index": 2' in texts[2]  # numbering ran on from b.jsonl's x


def test_a_failure_leaves_finished_files_whole_and_no_partial_one(
    tiny_model: Path, inputs: list[str], tmp_path: Path
):
    labeller = Labeller.load(tiny_model)
    out = tmp_path / "out"
    paths = shard_paths(inputs, out, "jsonl")

    def failing():
        for index, last, rows in label_tagged(tagged_batches(inputs), labeller.label_stream):
            if index == 2:
                raise OSError("worker lost")
            yield index, last, rows

    with pytest.raises(OSError, match="worker lost"):
        write_shards(failing(), paths, lambda: labelled_row_stream("jsonl"))
    assert sorted(p.name for p in out.iterdir()) == ["a.jsonl", "b.jsonl"]
    assert paths[1].read_text(encoding="utf-8").count("\n") == 3


def test_inputs_that_cannot_be_sharded(tmp_path: Path):
    with pytest.raises(FactcheckError, match=r"x/a.txt and .*y/a.jsonl would both be written to .*a\.jsonl"):
        shard_paths([str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.jsonl")], tmp_path, "jsonl")
    with pytest.raises(FactcheckError, match="not standard input"):
        shard_paths(["-"], tmp_path, "jsonl")
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(FactcheckError, match="is not a directory"):
        shard_paths(["a.txt"], tmp_path / "file", "jsonl")


def test_an_output_file_that_is_an_input_is_refused(tmp_path: Path):
    """``--out shards/`` beside the shards themselves would replace each archive with its labels."""
    archive = tmp_path / "a.jsonl"
    archive.write_text('{"id": "1", "text": "Six people died."}\n', encoding="utf-8")
    with pytest.raises(FactcheckError, match=r"a\.jsonl: is the input .*a\.jsonl; .*nothing was written"):
        shard_paths([str(archive)], tmp_path, "jsonl")
    assert shard_paths([str(archive)], tmp_path, "csv") == [tmp_path / "a.csv"]  # another name is fine


def test_predict_out_dir(tiny_model: Path, inputs: list[str], tmp_path: Path):
    invoke = functools.partial(runner.invoke, app, catch_exceptions=False)
    folder = str(Path(inputs[0]).parent)
    result = invoke(
        ["predict", f"{folder}/*", "--model", str(tiny_model), "-f", "jsonl", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "c.jsonl (2 rows)" in result.output
    local = invoke(["predict", *inputs, "--model", str(tiny_model), "-f", "jsonl"])
    files = sorted((tmp_path / "o").iterdir())
    assert [p.name for p in files] == ["a.jsonl", "b.jsonl", "c.jsonl"]
    assert "".join(p.read_text(encoding="utf-8") for p in files) == local.stdout
    for extra in (["--text", "x"], ["-o", str(tmp_path / "f")], ["-f", "html"]):
        refused = invoke(["predict", *inputs, "--out", str(tmp_path / "o2"), *extra])
        assert refused.exit_code == 2 and "does not go with" in refused.output
    assert not (tmp_path / "o2").exists()
