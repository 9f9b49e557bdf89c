"""What `pip install .` installs: the README's first command must work from any directory.

CI installs the checkout in editable mode, where every file is found in the
tree; a run-time file missing from the wheel would only fail for users. So the
wheel is built here (pip's own isolated build, as `pip install .` does) and
its contents checked against what prediction, retraining and the report read.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 and "No matching distribution" in done.stderr:
        pytest.skip(f"the build backend could not be installed (no package index): {done.stderr[-300:]}")
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("factcheck-*.whl")
    return set(zipfile.ZipFile(built).namelist())


def test_the_wheel_carries_every_file_read_at_run_time(wheel: set[str]):
    needed = [
        "factcheck/models/default/model.npz",  # predict
        "factcheck/models/default/model.json",
        "factcheck/models/fast/model.npz",
        "factcheck/models/fast/model.json",
        "factcheck/base_data/default.npz",  # train --base default
        "factcheck/report_assets/report.js",  # --format html
        "factcheck/report_assets/report.css",
    ]
    assert [name for name in needed if name not in wheel] == []
    punkt = [name for name in wheel if name.startswith("factcheck/punkt/")]  # the splitter's tables
    assert sorted(Path(name).name for name in punkt) == sorted(
        p.name for p in (REPO / "factcheck" / "punkt").iterdir() if p.suffix in (".txt", ".tab")
    )


def test_the_wheel_carries_no_tests_no_source_text_and_no_caches(wheel: set[str]):
    assert not [n for n in wheel if n.startswith(("tests/", "data/", "benchmarks/", "seeds/"))]
    assert not [n for n in wheel if "__pycache__" in n or n.endswith((".pyc", ".jsonl"))]
