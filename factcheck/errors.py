"""The one exception type for mistakes a user can fix.

The CLI prints a ``FactcheckError`` as a single line and exits non-zero; any
other exception is a bug in factcheck and keeps its traceback.
"""


class FactcheckError(Exception):
    """A user-facing problem: bad input file, unknown label, missing model."""


def os_error_text(err: OSError) -> str:
    """An OS error as one line naming the file: ``models/x: No space left on device``."""
    where = f"{err.filename}: " if err.filename else ""
    return f"{where}{err.strerror or err}"
