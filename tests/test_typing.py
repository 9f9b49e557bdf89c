"""The package type-checks with mypy against Python 3.11, the oldest release pyproject.toml admits.

Type hints are only worth their ink if something reads them: mypy found a crash
in span extraction (a cue whose phrase ends the text, read as a token), a call
that exists only from Python 3.11 on (``hashlib.file_digest``: training failed
for every 3.10 user) and a ``joinpath`` of several names, which a 3.10
``Traversable`` need not accept.
"""

from __future__ import annotations

from pathlib import Path

from mypy import api

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_type_checks_for_the_oldest_python_it_admits(tmp_path: Path) -> None:
    config = ROOT / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    assert 'requires-python = ">=3.11"' in text and 'python_version = "3.11"' in text
    out, err, status = api.run(
        [str(ROOT / "factcheck"), "--config-file", str(config), "--cache-dir", str(tmp_path)]
    )
    assert status == 0, out + err
