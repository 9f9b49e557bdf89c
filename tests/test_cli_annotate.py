"""``factcheck annotate`` driven through a real pseudo-terminal, as a user would type at it.

Each test starts the command in a child process whose controlling terminal is
a pty, types single keys at it and reads the screen, checking the annotation
file after every step: the file must already hold every answer the screen has
moved past, whether the session ends with q, Ctrl-C or kill -9.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import sys
import termios
import time
from pathlib import Path

import pytest

from factcheck.data import read_examples
from tests.conftest import SEED


class Terminal:
    """A child process on a pty: type keys at it and wait for text on its screen."""

    def __init__(self, *args: str) -> None:
        pid, fd = pty.fork()
        if pid == 0:  # the child: become factcheck, with the pty as its terminal
            try:
                os.execv(sys.executable, [sys.executable, "-m", "factcheck", *args])
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = ""
        self.seen = 0
        self.status: int | None = None

    def expect(self, text: str, timeout: float = 30) -> str:
        """Wait until ``text`` appears after what was already expected; return the screen up to it."""
        deadline = time.monotonic() + timeout
        while (found := self.output.find(text, self.seen)) < 0:
            if time.monotonic() > deadline or not self._read(deadline - time.monotonic()):
                raise AssertionError(f"never saw {text!r}; screen:\n{self.output[self.seen :]}")
        screen = self.output[self.seen : found + len(text)]
        self.seen = found + len(text)
        return screen

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def wait(self, timeout: float = 30) -> int:
        """Read the rest of the output until the process ends; its exit code."""
        deadline = time.monotonic() + timeout
        while self._read(deadline - time.monotonic()):
            pass
        _, status = os.waitpid(self.pid, 0)
        os.close(self.fd)
        return os.waitstatus_to_exitcode(status)

    def kill(self) -> int:
        os.kill(self.pid, signal.SIGKILL)
        return self.wait()

    def _read(self, timeout: float) -> bool:
        if timeout <= 0 or not select.select([self.fd], [], [], timeout)[0]:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child has gone and the pty is closed
            return False
        self.output += data.decode("utf-8", "replace").replace("\r\n", "\n")
        return bool(data)


def annotate(out: Path, model: Path, *extra: str) -> Terminal:
    return Terminal("annotate", str(SEED), "--out", str(out), "--model", str(model), *extra)


def asked(screen: str) -> str:
    """The sentence being asked on a screen: the lines marked with '>', wrapped to the terminal."""
    return " ".join(line[4:] for line in screen.splitlines() if line.startswith("  > "))


def flat(screen: str) -> str:
    """A screen's words on one line: sentences are wrapped to the terminal."""
    return " ".join(screen.split())


def answers(out: Path) -> list[dict]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def seed_sentences(tiny_model: Path) -> list[str]:
    from factcheck.labelling import Labeller

    return [" ".join(r.text.split()) for r in Labeller.load(tiny_model).label_text(SEED.read_text())]


def test_label_undo_quit_then_resume(tmp_path: Path, tiny_model: Path, seed_sentences: list[str]):
    out = tmp_path / "mine.jsonl"
    term = annotate(out, tiny_model, "--order", "document")
    first = term.expect("q quit")
    assert "[0/17 done" in first and "sentence 1 of 17" in first
    assert "1 factual  2 estimate  3 attributed  4 opinion" in first
    assert asked(first) == seed_sentences[0]
    assert seed_sentences[1] in flat(first)  # the next sentence is shown as context

    term.type("2")
    second = term.expect("q quit")
    assert asked(second) == seed_sentences[1] and seed_sentences[0] in flat(second)
    assert [(a["label"], a["text"]) for a in answers(out)] == [("estimate", seed_sentences[0])]

    suggested = second.split("model suggests ")[1].split()[0]
    term.type("\r")  # Enter takes the suggestion
    third = term.expect("q quit")
    assert asked(third) == seed_sentences[2]
    assert [a["label"] for a in answers(out)] == ["estimate", suggested]

    term.type("?")
    assert "presents a quantity as approximate" in term.expect("GUIDELINES.md")
    assert asked(term.expect("q quit")) == seed_sentences[2]  # the question again, after the guide
    term.type("x")
    assert "'x' is not an answer; press 1-4, Enter, s, u, ? or q" in term.expect("? or q")
    term.type("\u00e9")  # two bytes, one key: one hint, naming it whole
    assert "'\u00e9' is not an answer" in term.expect("? or q")

    term.type("u")
    again = term.expect("q quit")
    assert "undone" in again and asked(again) == seed_sentences[1]
    assert "undo" in answers(out)[-1] and len(answers(out)) == 3

    term.type("4")
    term.expect("q quit")
    term.type("q")
    assert "4 answers" not in term.expect("run the same command again")
    assert term.wait() == 0
    assert [(e.text, e.label) for e in read_examples(out)] == [
        (seed_sentences[0], "estimate"),
        (seed_sentences[1], "opinion"),
    ]

    resumed = annotate(out, tiny_model, "--order", "document")
    screen = resumed.expect("q quit")
    assert "[2/17 done" in screen and asked(screen) == seed_sentences[2]
    resumed.type("s")
    assert asked(resumed.expect("q quit")) == seed_sentences[3]
    resumed.type("q")
    assert "1 skipped" in resumed.expect("skipped")
    assert resumed.wait() == 0
    assert len(answers(out)) == 4  # neither the skip nor quitting wrote anything


def test_kill_mid_session_keeps_every_answer_given(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "mine.jsonl"
    term = annotate(out, tiny_model)  # default order: least confident first
    term.expect("q quit")
    term.type("1")
    term.expect("q quit")
    term.type("3")
    third = asked(term.expect("q quit"))
    assert term.kill() == -signal.SIGKILL

    records = answers(out)
    assert len(records) == 2 and [r["label"] for r in records] == ["factual", "attributed"]
    assert all(
        {"text", "label", "doc_id", "source", "start", "end", "suggested", "time"} <= set(r) for r in records
    )
    assert len(read_examples(out)) == 2

    resumed = annotate(out, tiny_model)
    screen = resumed.expect("q quit")
    assert "[2/17 done" in screen and asked(screen) == third
    resumed.type("q")
    assert resumed.wait() == 0


def test_ctrl_c_keeps_answers_and_restores_the_terminal(tmp_path: Path, tiny_model: Path):
    out = tmp_path / "mine.jsonl"
    term = annotate(out, tiny_model)
    term.expect("q quit")
    lflag = 3
    assert not termios.tcgetattr(term.fd)[lflag] & (termios.ECHO | termios.ICANON)  # one key, unechoed
    term.type("4")
    term.expect("q quit")
    term.type("\x03")
    term.expect("interrupted")
    assert ": 1 answer (" in term.expect("run the same command again")
    restored = termios.tcgetattr(term.fd)[lflag]
    assert restored & termios.ECHO and restored & termios.ICANON
    assert term.wait() == 130
    assert [r["label"] for r in answers(out)] == ["opinion"]


def test_one_key_mode_comes_back_after_ctrl_z_and_fg(tmp_path: Path, tiny_model: Path):
    """A stopped job gets the terminal back in line mode; a key would then wait for Enter and count twice."""
    out = tmp_path / "mine.jsonl"
    term = annotate(out, tiny_model, "--order", "document")
    term.expect("q quit")
    lflag = 3
    os.kill(term.pid, signal.SIGSTOP)
    attrs = termios.tcgetattr(term.fd)
    attrs[lflag] |= termios.ECHO | termios.ICANON  # what the shell leaves while the job is stopped
    termios.tcsetattr(term.fd, termios.TCSANOW, attrs)
    os.kill(term.pid, signal.SIGCONT)  # fg
    deadline = time.monotonic() + 10
    while termios.tcgetattr(term.fd)[lflag] & termios.ICANON and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not termios.tcgetattr(term.fd)[lflag] & (termios.ECHO | termios.ICANON)
    term.type("2")  # one key, no Enter: one answer
    term.expect("q quit")
    assert [a["label"] for a in answers(out)] == ["estimate"]
    term.type("q")
    assert term.wait() == 0
