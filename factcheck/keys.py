"""The answers ``factcheck annotate`` reads: single keypresses at a terminal, lines from anything else.

At a terminal one key is one answer, with no Enter after it, so labelling a
few hundred sentences is a few hundred keystrokes. From a pipe or a file each
line is one answer, so annotation can be scripted. Both give the same
strings to ``annotation.parse_command``.
"""

from __future__ import annotations

import os
import select
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

#: Keys that stand for an answer's text: Enter accepts (an empty line), Ctrl-D quits.
_ALIASES = {"\r": "", "\n": "", "\x04": "q"}
_ESCAPE = b"\x1b"


@contextmanager
def keypresses(stream: TextIO) -> Iterator[Iterator[str]]:
    """Keys as they are pressed, unechoed; the terminal's settings come back however the block ends.

    Ctrl-C still interrupts: cbreak mode keeps signals, so the caller sees
    KeyboardInterrupt and the terminal is restored on the way out.
    """
    import signal
    import termios  # POSIX only: imported here so piped annotation works on every platform
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    # Ctrl-Z then fg: the shell hands the terminal back in line mode, where a key would wait for
    # Enter and then count twice (the key, and Enter accepting the next sentence unseen). The
    # signal may reach another thread (numpy's), leaving the read below asleep, so each signal
    # also wakes it through a pipe and the handler runs before the next key is read.
    wake, woken = os.pipe()
    os.set_blocking(woken, False)
    wakeup = signal.set_wakeup_fd(woken)
    resumed = signal.signal(signal.SIGCONT, lambda *_: tty.setcbreak(fd))
    try:
        yield _keys(fd, wake)
    finally:
        signal.signal(signal.SIGCONT, resumed)
        signal.set_wakeup_fd(wakeup)
        os.close(wake)
        os.close(woken)
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


@contextmanager
def lines(stream: TextIO) -> Iterator[Iterator[str]]:
    """Each line of ``stream`` without its surrounding whitespace; an empty line accepts."""
    yield (line.strip() for line in stream)


def _keys(fd: int, wake: int) -> Iterator[str]:
    while True:
        ready = select.select([fd, wake], [], [])[0]
        if wake in ready:
            os.read(wake, 512)  # a signal came; its handler runs before the loop goes on
            if fd not in ready:
                continue
        if not (key := os.read(fd, 1)):
            return
        if key == _ESCAPE:
            _drop_escape_sequence(fd)
            continue
        # A key outside ASCII ("é") is several bytes: read them all, so it is one wrong key, not two.
        more = 3 if key[0] >= 0xF0 else 2 if key[0] >= 0xE0 else 1 if key[0] >= 0xC0 else 0
        while more and (byte := os.read(fd, 1)):
            key += byte
            more -= 1
        text = key.decode("utf-8", "replace")
        yield _ALIASES.get(text, text)


def _drop_escape_sequence(fd: int) -> None:
    """Read the rest of an arrow or function key (ESC [ ... final byte) so it is not taken for answers.

    Only the sequence's own bytes are read, up to its final byte, so keys
    typed right after it are kept.
    """
    if not select.select([fd], [], [], 0.05)[0]:
        return  # Esc on its own
    if os.read(fd, 1) in (b"[", b"O"):
        while (byte := os.read(fd, 1)) and not 0x40 <= byte[0] <= 0x7E:
            pass
