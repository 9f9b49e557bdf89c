"""A local copy of a source repository: a bare git directory or a plain checkout.

Sources are pinned to a commit, and the builder reads that commit's blobs
from a bare clone (what the project's fetch step produces), so a copy that
moved on since the labels were made still rebuilds the same text. A plain
directory is read as it stands; the offset check then catches any drift.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from factcheck.errors import FactcheckError


class LocalCopy:
    """Read files of one source at its pinned commit."""

    def __init__(self, root: str | Path, commit: str | None = None) -> None:
        self.root = Path(root)
        self.commit = commit
        if not self.root.is_dir():
            raise FactcheckError(f"{self.root}: no such directory (a local copy of the source is needed)")
        self.is_git = (self.root / "HEAD").is_file() and (self.root / "objects").is_dir()
        if self.is_git and commit and not self._has_commit(commit):
            raise FactcheckError(
                f"{self.root}: does not contain commit {commit}; fetch the source again at that commit"
            )

    def _git(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["git", "--git-dir", str(self.root), *args], capture_output=True, check=False)

    def _has_commit(self, commit: str) -> bool:
        return self._git("cat-file", "-e", f"{commit}^{{commit}}").returncode == 0

    def read(self, path: str) -> bytes:
        """The bytes of ``path`` at the pinned commit (or on disk for a plain directory)."""
        if self.is_git:
            done = self._git("show", f"{self.commit or 'HEAD'}:{path}")
            if done.returncode != 0:
                raise FactcheckError(f"{self.root}: {path} not found at {self.commit or 'HEAD'}")
            return done.stdout
        try:
            return (self.root / path).read_bytes()
        except OSError:
            raise FactcheckError(f"{self.root / path}: not found in the local copy") from None

    def list(self, prefix: str) -> list[str]:
        """File paths under ``prefix``, sorted, relative to the source's root."""
        if self.is_git:
            done = self._git("ls-tree", "-r", "--name-only", self.commit or "HEAD", prefix)
            return sorted(done.stdout.decode("utf-8").split("\n")[:-1]) if done.returncode == 0 else []
        base = self.root / prefix
        return sorted(str(p.relative_to(self.root)) for p in base.rglob("*") if p.is_file())
