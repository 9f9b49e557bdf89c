"""``python -m factcheck`` and the ``factcheck`` command.

Importing the CLI loads scikit-learn and takes a second or two; Ctrl-C in
that second must still end with exit code 130 and one line, not a
traceback, so the import happens inside the guard.
"""

import sys


def main() -> None:
    try:
        from factcheck.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("\nfactcheck: interrupted\n")
        sys.exit(130)
    cli_main()


if __name__ == "__main__":
    main()
