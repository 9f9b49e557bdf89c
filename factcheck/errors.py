"""The exception types for mistakes a user can fix.

The CLI prints a ``FactcheckError`` as a single line and exits 1, a
``UsageError`` as the parser's own errors and exits 2; any other exception
is a bug in factcheck and keeps its traceback.
"""


class FactcheckError(Exception):
    """A user-facing problem: bad input file, unknown label, missing model."""


class UsageError(FactcheckError):
    """Arguments that do not go together (files with --text, standard input with --out DIR).

    Raised by the library where the arguments are checked, so the command line
    and the Python API refuse them alike; the CLI shows it as a wrong command line.
    """


def os_error_text(err: OSError) -> str:
    """An OS error as one line naming the file: ``models/x: No space left on device``."""
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}"
