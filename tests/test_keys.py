import io
import os
import pty
import termios

from factcheck.keys import keypresses, lines


def test_lines_are_stripped_answers():
    with lines(io.StringIO("1\n\n  estimate \nq")) as answers:
        assert list(answers) == ["1", "", "estimate", "q"]


def test_keypresses_from_a_real_terminal():
    master, slave = pty.openpty()
    try:
        before = termios.tcgetattr(slave)
        with os.fdopen(os.dup(slave), "r") as stream, keypresses(stream) as keys:
            inside = termios.tcgetattr(slave)
            # a key, Enter, an arrow key (an escape sequence to drop), Ctrl-D
            os.write(master, b"3\r\x1b[Au\x04")
            assert [next(keys) for _ in range(4)] == ["3", "", "u", "q"]
        after = termios.tcgetattr(slave)
    finally:
        os.close(master)
        os.close(slave)
    lflag = 3
    assert not inside[lflag] & (termios.ECHO | termios.ICANON)  # one key at a time, not echoed
    assert inside[lflag] & termios.ISIG  # Ctrl-C still interrupts
    assert after == before
