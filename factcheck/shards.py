"""One output file per input file: ``factcheck predict INPUTS… --out DIR``.

An archive kept as many files (JSONL shards) is labelled into as many output
files, ``DIR/NAME.FORMAT``, so a job over millions of documents leaves pieces
a user can check, copy and re-run one at a time. Each output file is written
to a temporary name and renamed into place only when its input is done, so a
crash or Ctrl-C leaves whole shards and no half-written one. The rows are the
ones a single run over all the inputs writes, in the same order: shards are
labelled in input order, each document's sentence numbering runs on across
batches, and concatenating the files in input order gives that run's output
(a CSV file's header once per file, so each opens on its own).
Works with any engine (one process, ``--jobs``, a Dask cluster), which only
has to return each batch's rows in the order the batches went in.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.atomic import atomic_write
from factcheck.errors import FactcheckError, UsageError
from factcheck.escaping import display_name
from factcheck.inputs import STDIN, Unit, batches, refuse_replacing_inputs, stream_units
from factcheck.labelling import LabelledSentence
from factcheck.wording import counted

if TYPE_CHECKING:
    from factcheck.formatting import RowStream

EXTENSIONS = {"table": ".txt", "jsonl": ".jsonl", "csv": ".csv"}
Tagged = tuple[int, bool, list[Unit]]
Engine = Callable[[Iterable[list[Unit]]], Iterator[list[LabelledSentence]]]


def shard_paths(inputs: list[str], out_dir: Path, fmt: str) -> list[Path]:
    """``DIR/NAME.FORMAT`` for each input; two inputs sharing a file, or one being an input, are errors."""
    if fmt not in EXTENSIONS:
        raise FactcheckError(f"--out DIR writes {', '.join(EXTENSIONS)} files, not --format {fmt}")
    if not inputs or STDIN in inputs:
        raise UsageError("--out DIR writes one file per input file: name files, not standard input")
    if out_dir.exists() and not out_dir.is_dir():
        raise FactcheckError(f"--out {display_name(str(out_dir))}: exists and is not a directory")
    owners: dict[Path, str] = {}
    for source in inputs:
        target = out_dir / (Path(source).stem + EXTENSIONS[fmt])
        if target in owners:
            raise FactcheckError(
                f"--out {display_name(str(out_dir))}: {display_name(owners[target])} and "
                f"{display_name(source)} would both be written to {display_name(str(target))}; "
                "rename one"
            )
        owners[target] = source
    refuse_replacing_inputs(owners, inputs)
    return list(owners)


def tagged_batches(
    inputs: list[str], input_format: str = "auto", max_chars: int = 1 << 18, **stream_options: Any
) -> Iterator[Tagged]:
    """Each input's batches of units as (input's position, last of its input?, batch).

    No batch spans two inputs. Whether a batch is its input's last is known
    by reading one batch ahead in the same input, never into the next one, so
    a file is renamed into place as soon as its own last batch is labelled:
    a bad file later in the list does not cost the finished ones.
    """
    for i, source in enumerate(inputs):
        own = batches(stream_units([source], None, input_format, **stream_options), max_chars)
        batch = next(own, [])
        for following in own:
            yield i, False, batch
            batch = following
        yield i, True, batch


def label_tagged(
    tagged: Iterable[Tagged], engine: Engine
) -> Iterator[tuple[int, bool, list[LabelledSentence]]]:
    """Run ``engine`` over the batches and give each batch's rows back their tags.

    An engine reads ahead (a cluster keeps several batches in flight) but
    returns one result per batch, in order, so the tags queue up in step.
    """
    tags: deque[tuple[int, bool]] = deque()

    def untagged() -> Iterator[list[Unit]]:
        for index, last, batch in tagged:
            tags.append((index, last))
            yield batch

    for rows in engine(untagged()):
        yield *tags.popleft(), rows


def write_shards(
    labelled: Iterable[tuple[int, bool, list[LabelledSentence]]],
    paths: list[Path],
    new_stream: Callable[[], RowStream[LabelledSentence]],
    progress: Callable[[str], None] | None = None,
) -> list[tuple[Path, int]]:
    """Write each input's rows to its path, renamed into place when complete; (path, rows) per file.

    ``new_stream`` makes a fresh ``formatting.RowStream`` per file, so every
    CSV file has its header and a table file ends with its last document.
    """
    if paths:
        paths[0].parent.mkdir(parents=True, exist_ok=True)
    source = iter(labelled)
    written: list[tuple[Path, int]] = []
    for i, path in enumerate(paths):
        count = 0

        def write(tmp: Path, i: int = i) -> None:
            nonlocal count
            stream = new_stream()
            with tmp.open("w", encoding="utf-8", newline="\n") as handle:
                for index, last, rows in source:
                    if index != i:
                        raise ValueError(f"rows of input {index} came while input {i} was being written")
                    count += len(rows)
                    handle.write(stream.add(rows))
                    if last:
                        break
                handle.write(stream.close())

        atomic_write(path, write)
        written.append((path, count))
        if progress is not None:
            progress(f"wrote {display_name(str(path))} ({counted(count, 'row')})")
    return written
