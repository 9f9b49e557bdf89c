"""Prove that no source sentence sits in the repository: every tracked file against the cache.

Real text is used by reference only, so a run of 12 words from any rebuilt
source sentence showing up in a tracked file (a fixture, a doc example, a
note) is a leak, and in ``data/real/`` (offsets and our notes only) even a run of 6
words is. ``python -m factcheck.corpus.real.leaks`` checks the whole
checkout against the cache that ``build`` wrote; a test runs it wherever the
cache exists.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from factcheck.corpus.real.references import SPLITS, default_cache
from factcheck.escaping import jsonl_lines

SHINGLE = 12
# The by-reference files themselves carry only our notes, so there even a short quoted run counts.
SHINGLE_IN_REFERENCES = 6
REFERENCES = "data/real/"
_WORD = re.compile(r"\w+")


def _shingles(text: str, size: int = SHINGLE) -> Iterable[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return (tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def source_shingles(cache: Path, size: int = SHINGLE) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for split in SPLITS:
        path = cache / f"{split}.jsonl"
        if path.exists():
            for line in jsonl_lines(path.read_text(encoding="utf-8")):
                found.update(_shingles(json.loads(line)["text"], size))
    return found


def leaks(repo: Path, cache: Path) -> list[str]:
    """Tracked files holding a run of words from a source sentence."""
    shingles = source_shingles(cache)
    short = source_shingles(cache, SHINGLE_IN_REFERENCES)
    tracked = (
        subprocess.run(["git", "-C", str(repo), "ls-files", "-z"], capture_output=True, check=True)
        .stdout.decode("utf-8")
        .split("\0")
    )
    found = []
    for name in filter(None, tracked):
        try:
            text = (repo / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # binary files (model weights, images) hold no prose
        if name.startswith(REFERENCES):
            if any(s in short for s in _shingles(text, SHINGLE_IN_REFERENCES)):
                found.append(name)
        elif any(s in shingles for s in _shingles(text)):
            found.append(name)
    return found


def main() -> int:
    repo = Path(__file__).resolve().parents[3]
    cache = default_cache()
    if not (cache / "train.jsonl").exists():
        print(
            f"factcheck: error: no cache at {cache}; run python -m factcheck.corpus.real.build",
            file=sys.stderr,
        )
        return 1
    found = leaks(repo, cache)
    for name in found:
        print(f"{name}: holds source text")
    print(f"{len(found)} tracked file(s) hold source text")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
