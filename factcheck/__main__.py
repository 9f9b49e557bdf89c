"""``python -m factcheck`` and the ``factcheck`` command.

Ctrl-C during start-up must end with exit code 130 and one line, not a
traceback. So SIGINT is held back while the CLI is imported and delivered
right after, inside the guard. Holding it back also keeps it from the threads
numpy's BLAS starts when numpy is imported: a signal a helper thread receives
does not interrupt the main thread's blocking read of standard input, and
Ctrl-C would do nothing. Threads inherit the mask they start with, so numpy
is imported here too, while SIGINT is held, unless the command line only asks
for help or the version (which need no numpy and should answer at once). An
interrupt raised inside an import can also land in importlib's cleanup
callbacks, which swallow it.
"""

import signal
import sys


def main() -> None:
    held = {signal.SIGINT}
    can_hold = hasattr(signal, "pthread_sigmask")
    code: str | int | None = 0
    try:
        if can_hold:
            signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            from factcheck.cli import main as cli_main

            if _needs_numpy(sys.argv[1:]):
                import numpy  # noqa: F401  (its BLAS threads start with SIGINT held)
        finally:
            if can_hold:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
        cli_main()  # inside the guard: a SIGINT before it installs its own handler still ends with 130
    except KeyboardInterrupt:
        sys.stderr.write("\nfactcheck: interrupted\n")
        code = 130
    except SystemExit as done:
        code = done.code
    _forget_interrupt()
    sys.exit(code)


def _forget_interrupt() -> None:
    """Keep ``python -m factcheck``'s exit code (130, or whatever it is) after a Ctrl-C we handled.

    CPython (3.11 here; 3.12 has the same code) remembers a KeyboardInterrupt
    that ended any string ``exec`` (dataclasses and namedtuples are built that
    way while modules import), even one a caller then caught; under ``-m`` it
    ends the process with SIGINT instead of the code given to ``sys.exit``.
    The flag is cleared when the next string ``exec`` starts, so an empty one
    clears it. The ``factcheck`` command itself never had the problem.
    """
    exec("", {})


def _needs_numpy(args: list[str]) -> bool:
    """Every command but a bare ``--help``/``--version`` loads a model or numeric data."""
    return bool(args) and not {"--help", "-h", "--version"} & set(args)


if __name__ == "__main__":
    main()
