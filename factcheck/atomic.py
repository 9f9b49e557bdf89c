"""Write files so a crash or Ctrl-C never leaves one half-written.

Every file factcheck writes (model weights, model cards, Punkt tables, corpus
exports) goes through here: the bytes land in a temporary file in the same
directory, are flushed to disk, and only then replace the target by an atomic
rename. A reader sees the old file or the new one, never a mixture.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp_path)``, fsync the result, then rename it onto ``path``.

    Only a regular file is replaced: a device, FIFO or terminal (``-o /dev/stdout``, a named
    pipe) is written in place, since renaming over it would destroy it, and a symbolic link
    keeps pointing where it did while the file it names is replaced.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode  # follows a link to what it names
    except OSError:
        mode = None  # nothing there yet (or a dangling link): a new file
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        write(path)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        # mkstemp's 0600 would hide shipped files from other users: a replaced file keeps its mode
        # (a private -o file stays private), a new one gets what the umask gives any new file.
        os.chmod(tmp, stat.S_IMODE(mode) if mode is not None and stat.S_ISREG(mode) else 0o666 & ~_umask())
        with open(tmp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask: from /proc where Linux shows it, since reading it otherwise means
    setting it, for a moment in which another thread's new file would get the wrong mode."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write_text(path: Path, text: str) -> None:
    """Atomically replace ``path`` with UTF-8 ``text`` (LF line endings)."""
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
