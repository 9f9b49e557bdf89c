"""``python -m factcheck`` and the ``factcheck`` command.

Importing the CLI loads scikit-learn and takes a second or two; Ctrl-C in
that time must still end with exit code 130 and one line, not a traceback.
So SIGINT is held back while the CLI is imported and delivered right after,
inside the guard. Holding it back also keeps it from the threads numpy's
BLAS starts during that import: a signal a helper thread receives does not
interrupt the main thread's blocking read of standard input, and Ctrl-C
would do nothing. An interrupt raised inside an import can also land in
importlib's cleanup callbacks, which swallow it.
"""

import signal
import sys


def main() -> None:
    held = {signal.SIGINT}
    can_hold = hasattr(signal, "pthread_sigmask")
    try:
        if can_hold:
            signal.pthread_sigmask(signal.SIG_BLOCK, held)
        try:
            from factcheck.cli import main as cli_main
        finally:
            if can_hold:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, held)
    except KeyboardInterrupt:
        sys.stderr.write("\nfactcheck: interrupted\n")
        sys.exit(130)
    cli_main()


if __name__ == "__main__":
    main()
