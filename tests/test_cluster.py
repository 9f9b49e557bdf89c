"""Labelling on a real Dask cluster gives exactly a local run's rows, in the same order."""

import functools
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

from factcheck.cluster import label_on_cluster  # noqa: E402
from factcheck.errors import FactcheckError  # noqa: E402
from factcheck.formatting import labelled_row_stream  # noqa: E402
from factcheck.inputs import (  # noqa: E402
    batches,
    expand_inputs,
    stream_units,
)
from factcheck.labelling import Labeller  # noqa: E402
from factcheck.shards import label_tagged, shard_paths, tagged_batches, write_shards  # noqa: E402
from tests.conftest import REPO, SEED  # noqa: E402


@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("shards")
    seed = SEED.read_text(encoding="utf-8")
    (folder / "a.txt").write_text(seed, encoding="utf-8")
    (folder / "b.jsonl").write_text(
        '{"id": "x", "text": "Officials said 40 people were hurt. This is a disgrace."}\n'
        '{"id": "y", "text": "The bank raised rates to 5.25% on Thursday."}\n',
        encoding="utf-8",
    )
    return folder


def _rows(stream) -> list[dict]:
    return [row.to_dict() for batch in stream for row in batch]


def test_local_cluster_with_worker_processes_matches_a_local_run(tiny_model: Path, shards: Path):
    inputs = expand_inputs([str(shards / "*")])
    assert [Path(p).name for p in inputs] == ["a.txt", "b.jsonl"]

    def units():
        return batches(stream_units(inputs), max_chars=300)  # many small batches: order is tested

    local = _rows(Labeller.load(tiny_model).label_stream(units()))
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        seen: list[str] = []
        remote = _rows(label_on_cluster(units(), cluster.scheduler_address, tiny_model, progress=seen.append))
    assert remote == local and len(local) >= 15
    assert seen and seen[-1].endswith("on 2 workers")


def test_local_cluster_writes_shards_that_concatenate_to_a_local_run(
    tiny_model: Path, shards: Path, tmp_path: Path
):
    inputs = expand_inputs([str(shards / "*")])
    local = Labeller.load(tiny_model).label_stream(batches(stream_units(inputs)))
    stream = labelled_row_stream("jsonl")
    expected = "".join(stream.add(rows) for rows in local)
    paths = shard_paths(inputs, tmp_path / "out", "jsonl")
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        engine = functools.partial(label_on_cluster, scheduler=cluster.scheduler_address, model=tiny_model)
        tagged = tagged_batches(inputs, max_chars=300)
        written = write_shards(label_tagged(tagged, engine), paths, lambda: labelled_row_stream("jsonl"))
    assert [(p.name, n) for p, n in written] == [("a.jsonl", 17), ("b.jsonl", 3)]
    assert "".join(p.read_text(encoding="utf-8") for p in paths) == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_scheduler_and_worker_processes_via_the_cli(tiny_model: Path, shards: Path, tmp_path: Path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen(
        [*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1", "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO,
    )
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(1, timeout=60)
        command = [
            sys.executable,
            "-m",
            "factcheck",
            "predict",
            str(shards / "*"),
            "--model",
            str(tiny_model),
        ]
        command += ["--format", "jsonl"]
        started = time.monotonic()
        remote = subprocess.run(
            [*command, "--scheduler", address], capture_output=True, text=True, timeout=180
        )
        assert remote.returncode == 0, remote.stderr
        assert re.search(r"batch(es)? labelled on 1 worker$", remote.stderr, re.MULTILINE)
        local = subprocess.run(
            [*command[:4], str(shards / "a.txt"), str(shards / "b.jsonl"), *command[5:]],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert remote.stdout == local.stdout and remote.stdout.count("\n") >= 15
        out = tmp_path / "labelled"
        sharded = subprocess.run(
            [*command, "--scheduler", address, "--out", str(out)], capture_output=True, text=True, timeout=180
        )
        assert sharded.returncode == 0, sharded.stderr
        assert sharded.stdout == "" and "wrote" in sharded.stderr and "b.jsonl (3 rows)" in sharded.stderr
        files = sorted(out.iterdir())
        assert [p.name for p in files] == ["a.jsonl", "b.jsonl"]
        assert "".join(p.read_text(encoding="utf-8") for p in files) == local.stdout
        assert time.monotonic() - started < 180
    finally:
        for process in (worker, scheduler):
            process.terminate()
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_unreachable_scheduler_is_a_clear_error(tiny_model: Path, shards: Path):
    units = batches(stream_units([str(shards / "a.txt")]))
    with pytest.raises(FactcheckError, match="cannot connect"):
        list(label_on_cluster(units, f"tcp://127.0.0.1:{_free_port()}", tiny_model, connect_timeout=3))


def test_a_scheduler_address_without_a_port_is_a_clear_error(tiny_model: Path, shards: Path):
    units = batches(stream_units([str(shards / "a.txt")]))
    with pytest.raises(FactcheckError, match=r"--scheduler notaurl: not an address like tcp://HOST:PORT"):
        list(label_on_cluster(units, "notaurl", tiny_model, connect_timeout=3))
