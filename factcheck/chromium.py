"""The system's headless Chromium, started one way for the HTML report's browser tests and benchmarks.

Prediction never imports this module; selenium (the ``browser`` extra) is
imported only when a driver is started. Chromium and its driver come from the
system's packages (``apt-get install chromium chromium-driver``, which
``.ci/run`` does); the driver is named explicitly, so selenium never tries to
download one. ``FACTCHECK_CHROMIUM`` and ``FACTCHECK_CHROMEDRIVER`` name other
binaries.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

# Headless, and nothing a page load does not need: no sandbox (CI runs as
# root), no GPU, no /dev/shm (small in containers), no network on its own.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
PACKAGES = {"chromium": "chromium", "chromedriver": "chromium-driver"}


def binary(name: str) -> str | None:
    """The executable for ``chromium`` or ``chromedriver``: its environment override, /usr/bin, or PATH."""
    path = os.environ.get(f"FACTCHECK_{name.upper()}", f"/usr/bin/{name}")
    if os.access(path, os.X_OK):
        return path
    return shutil.which(path) or shutil.which(name)


def missing() -> str | None:
    """Why Chromium cannot be driven here (which package to install), or None when it can."""
    for name, package in PACKAGES.items():
        if binary(name) is None:
            return f"no {name}: install the Debian package {package} (.ci/run does)"
    return None


def flags(window: tuple[int, int], profile: Path | str, *extra: str) -> list[str]:
    """Command-line flags for a headless run in a window of this size with its own throw-away profile."""
    return [*FLAGS, *extra, f"--window-size={window[0]},{window[1]}", f"--user-data-dir={profile}"]


def driver(
    profile: Path | str,
    window: tuple[int, int] = (1100, 1300),
    prefs: dict[str, Any] | None = None,
    capabilities: dict[str, Any] | None = None,
) -> Any:
    """A selenium driver of headless Chromium; raises selenium's WebDriverException if it does not start.

    Call ``missing()`` first: this assumes both binaries are there.
    """
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = binary("chromium") or "chromium"  # not found: the driver fails to start
    for flag in flags(window, profile):
        options.add_argument(flag)
    if prefs:
        options.add_experimental_option("prefs", prefs)
    for key, value in (capabilities or {}).items():
        options.set_capability(key, value)
    return webdriver.Chrome(
        service=webdriver.ChromeService(executable_path=binary("chromedriver")), options=options
    )
