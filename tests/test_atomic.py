import os
import stat
import threading
from pathlib import Path

import pytest

from factcheck.atomic import atomic_write, atomic_write_text


def test_replaces_content_and_leaves_no_temp(tmp_path: Path):
    target = tmp_path / "f.txt"
    target.write_text("old")
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_failed_write_keeps_old_file(tmp_path: Path):
    target = tmp_path / "f.txt"
    target.write_text("old")

    def explode(tmp: Path) -> None:
        tmp.write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, explode)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


def test_a_named_pipe_is_written_into_not_replaced(tmp_path: Path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()
    atomic_write_text(fifo, "rows\n")
    reader.join(timeout=10)
    assert received == ["rows\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not a file renamed over it


def test_a_symbolic_link_keeps_pointing_at_the_file_it_names(tmp_path: Path):
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target.name)
    atomic_write_text(link, "new\n")
    assert link.is_symlink()
    assert target.read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path):
    private = tmp_path / "private.jsonl"
    private.write_text("old")
    private.chmod(0o600)
    atomic_write_text(private, "new")
    assert private.read_text() == "new" and stat.S_IMODE(private.stat().st_mode) == 0o600
    old = os.umask(0o027)
    try:
        fresh = tmp_path / "fresh.jsonl"
        atomic_write_text(fresh, "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640
