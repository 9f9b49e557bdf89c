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
