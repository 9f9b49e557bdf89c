"""How the browser tests and benchmarks find and start Chromium (no browser needed here)."""

from __future__ import annotations

import pytest

from factcheck import chromium


def test_flags_keep_the_window_and_profile_last():
    got = chromium.flags((1000, 1040), "/tmp/p", "--hide-scrollbars")
    assert got[: len(chromium.FLAGS)] == list(chromium.FLAGS) and "--headless" in got
    assert got[len(chromium.FLAGS) :] == [
        "--hide-scrollbars",
        "--window-size=1000,1040",
        "--user-data-dir=/tmp/p",
    ]


def test_missing_names_the_package_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("FACTCHECK_CHROMIUM", str(tmp_path / "nowhere"))
    assert chromium.binary("chromium") is None
    assert chromium.missing() == "no chromium: install the Debian package chromium (.ci/run does)"


def test_an_override_that_is_executable_is_used(monkeypatch: pytest.MonkeyPatch, tmp_path):
    for name in ("chromium", "chromedriver"):
        fake = tmp_path / f"my-{name}"
        fake.write_text("#!/bin/sh\n")
        fake.chmod(0o755)
        monkeypatch.setenv(f"FACTCHECK_{name.upper()}", str(fake))
    monkeypatch.setenv("PATH", "")
    assert chromium.binary("chromedriver") == str(tmp_path / "my-chromedriver")
    assert chromium.missing() is None
