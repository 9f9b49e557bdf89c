"""Make the README's screenshot of the seed article's HTML report.

    python benchmarks/report_screenshot.py [OUT.png]

Runs ``factcheck predict seeds/000_c38d069fffeb14d6.txt --format html`` with
the shipped model, then the system's headless Chromium (``apt-get install
chromium``) with ``--screenshot``; writes docs/report-seed.png by default.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from factcheck import chromium

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_c38d069fffeb14d6.txt"
OUT = REPO / "docs" / "report-seed.png"
WINDOW = (1000, 1040)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=OUT, help="the PNG to write")
    out = parser.parse_args(argv).out
    browser = chromium.binary("chromium") or sys.exit("no chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "factcheck",
                "predict",
                str(SEED.relative_to(REPO)),
                "--format",
                "html",
                "-o",
                str(page),
            ],
            check=True,
            cwd=REPO,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                browser,
                *chromium.flags(WINDOW, f"{tmp}/profile", "--hide-scrollbars"),
                f"--screenshot={out}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
