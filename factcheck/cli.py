"""The ``factcheck`` command: option parsing only, over the library API.

Each command reads its options, calls one library function and prints what it
returns. User mistakes (a missing file, an unknown label, a damaged model)
arrive as FactcheckError and leave as one line on stderr with exit code 1;
usage errors exit 2, as with every click program.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import json
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar

import click
import typer

try:  # typer 0.2x parses options with its own copy of click, whose errors are not click's
    _vendored_click = importlib.import_module("typer._click.exceptions")
except ImportError:  # an older typer raises click's own
    _vendored_click = click.exceptions

from factcheck import __version__
from factcheck.atomic import atomic_write, atomic_write_text
from factcheck.errors import FactcheckError, UsageError, os_error_text
from factcheck.escaping import terminal
from factcheck.labels import LABELS
from factcheck.report_html import REVIEW_BELOW

if TYPE_CHECKING:
    from factcheck.annotation import Item, Session
    from factcheck.inputs import InputText, Unit
    from factcheck.labelling import LabelledSentence

# "\b" tells click not to rewrap the paragraph that follows, so the table stays a table.
_LABEL_TABLE = "\n".join(f"  {lab.id:<11} {lab.description}" for lab in LABELS)

app = typer.Typer(
    help="Label each sentence of a news article for a fact-checker, as one of:\n\n\b\n"
    + _LABEL_TABLE
    + "\n\n\b\nStart with:\n  factcheck predict seeds/000_c38d069fffeb14d6.txt"
    + "\n  cat article.txt | factcheck predict - --format jsonl"
    + "\n\nSee 'factcheck COMMAND --help' for each command's options and examples.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


class InputFormat(StrEnum):
    auto = "auto"
    text = "text"
    jsonl = "jsonl"
    html = "html"
    markdown = "markdown"


class RowFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class SplitFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class EvalFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


class ReportFormat(StrEnum):
    text = "text"
    json = "json"


class Order(StrEnum):
    uncertain = "uncertain"
    document = "document"


def _user_errors(command: F) -> F:
    """One line on stderr instead of a traceback: exit 1 for an error, 130 for Ctrl-C.

    OS errors (a full disk, a permission taken away) are the machine's, not
    factcheck's bugs, so they get the same one line, naming the file.
    Standard output is flushed here, so a full disk under ``> file`` is
    reported while the message can still say so.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = command(*args, **kwargs)
            _flush_stdout()
            return result
        except UsageError as err:
            _usage(str(err))
        except FactcheckError as err:
            _fail(str(err))
        except KeyboardInterrupt:
            typer.echo("\nfactcheck: interrupted", err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # The reader (head, less) went away: stop quietly, like a tool killed by SIGPIPE.
            _silence_stdout()
            raise typer.Exit(141) from None
        except OSError as err:
            _fail(os_error_text(err))

    return wrapper  # type: ignore[return-value]


def _warn(warnings: Iterable[str]) -> None:
    for warning in warnings:
        typer.echo(f"factcheck: warning: {terminal(warning)}", err=True)


def _warn_one(warning: str) -> None:
    _warn([warning])


def _fail(message: str) -> NoReturn:
    typer.echo(f"factcheck: error: {terminal(message)}", err=True)
    raise typer.Exit(1)


def _usage(message: str) -> NoReturn:
    """The command line itself is wrong (a value out of range, options that do not go together): exit 2.

    Raised before anything is read, like the parser's own errors, and shown
    the same way, so a script can tell a mistyped command from bad data.
    """
    raise _vendored_click.UsageError(message)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so the interpreter's last flush cannot fail noisily."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextlib.contextmanager
def _cannot_write(output: Path | None = None) -> Iterator[None]:
    """An OS error writing ``output`` (None: standard output) is a one-line user error, not a traceback.

    A broken pipe passes through: the reader went away, which main() handles.
    """
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as err:
        raise FactcheckError(f"{output or _stdout_name()}: cannot write ({err.strerror})") from None


def _flush_stdout() -> None:
    with _cannot_write():
        _stdout().flush()


def _write_stdout(text: str) -> None:
    """Write all of ``text``, or fail: a pipe's reader that goes away must not cut it short silently.

    A large write to a pipe whose reader exits comes back short, and Python's
    buffered writer hands the short count on instead of raising, so the rest
    was dropped and the exit code said 0. Pieces small enough for the buffer,
    each flushed, never take that path: a flush writes everything or raises
    (a broken pipe: exit 141). The text stream still encodes, so a BOM is
    written once and the stream's error handler applies.
    """
    with _cannot_write():
        out = _stdout()
        for start in range(0, len(text), _PIECE):
            out.write(text[start : start + _PIECE])
            out.flush()


# Characters a piece: at most 4 bytes each in UTF-8, within the 8 KiB buffer of a standard stream.
_PIECE = 1024


def _stdout() -> TextIO:
    """Standard output; a closed one ("factcheck predict a.txt >&-") is a user error."""
    if sys.stdout is None:
        raise FactcheckError("<stdout>: cannot write (standard output is closed)")
    return sys.stdout


def _stdout_name() -> str:
    """The file standard output is redirected to (``> out.jsonl``), where the system says."""
    try:
        target = os.readlink(f"/proc/self/fd/{sys.stdout.fileno()}")
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        return "<stdout>"
    return target if target.startswith("/") else "<stdout>"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Global options."""


Inputs = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files to read: text, saved web pages (.html), Markdown (.md); '-' or nothing reads stdin.",
        show_default=False,
    ),
]
TextOption = Annotated[str | None, typer.Option("--text", "-t", help="Read this text instead of files.")]
InputFormatOption = Annotated[
    InputFormat,
    typer.Option(
        "--input-format",
        help="auto: by extension (.html/.htm, .md/.markdown, .jsonl, else text; stdin: HTML if it opens "
        "like a page); text: read a paragraph at a time; jsonl: one document a line, "
        '{"id": ..., "text": ...}; html: the page\'s main text only; markdown: the text without its markup.',
    ),
]
SplitFormatOption = Annotated[
    SplitFormat,
    typer.Option("--format", "-f", help="table for people; jsonl or csv for programs."),
]
CsvRawOption = Annotated[
    bool,
    typer.Option(
        "--csv-raw",
        help="Write CSV cells exactly as they are. By default a cell starting with = + - @ tab or CR "
        "gets a leading ' so a spreadsheet shows it instead of running it as a formula; "
        "factcheck reads either form back.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help="Write to this file (replaced atomically) instead of standard output ('-')."
    ),
]
ReportFormatOption = Annotated[
    ReportFormat, typer.Option("--format", "-f", help="text for people; json for programs.")
]


def _jobs_option(what: str) -> Any:
    return typer.Option(
        "--jobs", "-j", min=1, help=f"{what}; more than the machine's cores only adds overhead."
    )


JobsOption = Annotated[int, _jobs_option("Worker processes that label (output order is kept)")]
TrainJobsOption = Annotated[
    int, _jobs_option("Processes for the context stage's out-of-fold fits, run side by side")
]
EvaluateJobsOption = Annotated[int, _jobs_option("Worker processes that label the file's sentences")]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", "-m", help="Model directory or name under models/ [default: the shipped model]."),
]
TrustOption = Annotated[
    bool,
    typer.Option(
        "--trust-model",
        help="Allow loading an old pickled model (model.joblib). A pickle runs any code its author "
        "put in it: use only for a model whose source you trust, then retrain it.",
    ),
]


@app.command()
@_user_errors
def predict(
    inputs: Inputs = None,
    text: TextOption = None,
    input_format: InputFormatOption = InputFormat.auto,
    model: ModelOption = None,
    trust_model: TrustOption = False,
    jobs: JobsOption = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Label on a Dask cluster at this address (tcp://HOST:PORT); needs factcheck[dask].",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        RowFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="table for people; jsonl or csv for programs; html: a report to open in a browser "
            "[default: the -o file's extension (.jsonl, .csv, .html; .txt or none: table)].",
            show_default=False,
        ),
    ] = None,
    csv_raw: CsvRawOption = False,
    explain: Annotated[
        int,
        typer.Option(
            "--explain", min=0, help="Show the N features that pushed each sentence most toward its label."
        ),
    ] = 0,
    output: OutputOption = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write one file per input file into this directory, DIR/NAME.jsonl (.csv, .txt for a "
            "table), each renamed into place when complete; concatenated in input order they are "
            "the rows one stream would give (each CSV file with its own header). For archives kept "
            "as many shards.",
            show_default=False,
        ),
    ] = None,
    spans: Annotated[
        bool,
        typer.Option(
            "--spans/--no-spans",
            help="Mark each sentence's sources (who, cue, stance) and quantities (figure, unit, hedge); "
            "data/SPANS.md defines them. The default model weighs them in its labels, so --no-spans "
            "only leaves them out of the output; with --model fast, which reads none, --no-spans "
            "labels about twice as fast (benchmarks/SCALE.md), for large archives that need only the labels.",
        ),
    ] = True,
    review_below: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            help="html: flag sentences whose confidence is below this as 'needs review' "
            "(the default is chosen on the dev split, benchmarks/REVIEW_THRESHOLD.md).",
        ),
    ] = REVIEW_BELOW,
) -> None:
    """Split articles into sentences and label each one.

    Text is read a paragraph (JSONL a document) at a time, and each one's
    rows are written as soon as they are labelled, so a pipe gets rows while
    it is still open and memory stays flat however long the input.

    Each sentence is labelled among its document's neighbours: a sentence
    inside a quoted statement or an interview answer reads as attributed.
    Paragraphs are labelled together up to about 256 KB, so only a longer
    document, or a pipe that pauses mid-document, is read in pieces.

    --format html writes one self-contained page: the articles as running
    text with each sentence marked by its label, details on click, a filter,
    and in-page corrections exported as JSONL that 'factcheck train' reads.

    Example:

      factcheck predict seeds/000_c38d069fffeb14d6.txt

      cat article.txt | factcheck predict - --format jsonl

      factcheck predict --text "Officials said about 40 people were hurt." --explain 3

      factcheck predict articles/*.txt --format html --explain 5 -o report.html

      factcheck predict saved_page.html

      tail -f wire.jsonl | factcheck predict - --input-format jsonl --format jsonl

      factcheck predict archive.jsonl --format jsonl --jobs 2 > labelled.jsonl

      factcheck predict 'shards/*.jsonl' --scheduler tcp://10.0.0.5:8786 -f jsonl > labelled.jsonl

      factcheck predict 'shards/*.jsonl' --scheduler tcp://10.0.0.5:8786 -f jsonl --out labelled/
    """
    from factcheck.formatting import labelled_row_stream
    from factcheck.inputs import STDIN, batches, expand_inputs, stream_units
    from factcheck.labelling import Labeller, label_documents, label_stream_parallel
    from factcheck.report_html import predictions_html

    if text is not None and inputs:
        _usage("--text labels the text given; it does not go with input files")
    inputs = expand_inputs(inputs or [])
    _refuse_replacing(output, inputs or ([STDIN] if text is None else []))
    fmt = fmt or _format_of(output, RowFormat, RowFormat.table)
    if out_dir is not None and (output is not None or text is not None or fmt is RowFormat.html):
        _usage(
            "--out DIR writes one jsonl, csv or table file per input file; "
            "it does not go with --output, --text or --format html"
        )
    unread = _Unread(inputs)
    if fmt is RowFormat.html:  # a page needs every document whole
        units = stream_units(inputs, text, input_format.value, _note_conversion, _warn_one, unread)
        texts, rows = label_documents(units, Labeller.load(model, trust_model), explain, spans)
        page = predictions_html([r.to_dict() for r in rows], texts, review_below=review_below, model=model)
        _emit(page, output)
        unread.check()
        return
    if out_dir is not None:
        from factcheck.shards import shard_paths

        paths = shard_paths(inputs, out_dir, fmt.value)  # a clash is found before the model loads
    progress = functools.partial(typer.echo, err=True)
    engine: Callable[[Iterable[list[Unit]]], Iterator[list[LabelledSentence]]]
    if scheduler is not None:
        from factcheck.cluster import label_on_cluster

        engine = functools.partial(
            label_on_cluster,
            scheduler=scheduler,
            model=model,
            trust=trust_model,
            progress=progress,
            explain=explain,
            spans=spans,
        )
    elif jobs > 1:
        engine = functools.partial(
            label_stream_parallel, jobs=jobs, model=model, trust=trust_model, explain=explain, spans=spans
        )
    else:
        engine = functools.partial(
            Labeller.load(model, trust_model).label_stream, explain=explain, spans=spans
        )
    if out_dir is not None:
        from factcheck.shards import label_tagged, tagged_batches, write_shards

        tagged = tagged_batches(inputs, input_format.value, on_convert=_note_conversion, on_warning=_warn_one)
        write_shards(
            label_tagged(tagged, engine), paths, lambda: labelled_row_stream(fmt.value, csv_raw), progress
        )
        return
    units = stream_units(inputs, text, input_format.value, _note_conversion, _warn_one, unread)
    stream = labelled_row_stream(fmt.value, csv_raw)
    _emit_stream((stream.add(rows) for rows in engine(batches(units))), stream.close, output)
    unread.check()


class _Unread:
    """Inputs that could not be read: each is named as it happens, the others are labelled, exit 1."""

    def __init__(self, inputs: list[str]) -> None:
        self.inputs = inputs
        self.errors: list[FactcheckError] = []

    def __call__(self, err: FactcheckError) -> None:
        typer.echo(f"factcheck: error: {terminal(str(err))}", err=True)
        self.errors.append(err)

    def check(self) -> None:
        if self.errors:
            raise FactcheckError(
                f"{len(self.errors)} of {len(self.inputs)} inputs could not be read (named above); "
                "the others were labelled"
            )


def _note_conversion(doc: InputText) -> None:
    """Say on stderr which text was labelled when a page or Markdown file was converted first."""
    if doc.source_format != "text":
        typer.echo(
            terminal(
                f"factcheck: {doc.name}: read the {doc.summary}; offsets are into that text "
                f"(factcheck extract {'-' if doc.name == '<stdin>' else doc.name} prints it)"
            ),
            err=True,
        )


_STDOUT_PATH = Path("-")  # "-o -": standard output, as "-" reads standard input
FormatT = TypeVar("FormatT", bound=Enum)


def _format_of(output: Path | None, formats: type[FormatT], default: FormatT) -> FormatT:
    """The format an output file's extension names ("-o rows.csv" writes CSV); ``default`` for .txt or none.

    Any other extension is a usage error rather than a guess: "-o rows.json"
    quietly getting a table is a file a program then fails to read.
    """
    if output is None or output == _STDOUT_PATH:
        return default
    suffix = {"htm": "html", "ndjson": "jsonl"}.get(output.suffix.lower()[1:], output.suffix.lower()[1:])
    if suffix in ("", "txt"):
        return default
    found = next((f for f in formats if f.value == suffix), None)
    if found is None:
        names = ", ".join(f.value for f in formats)
        _usage(f"-o {output}: no format here has the extension {output.suffix!r}; give --format ({names})")
    return found


def _refuse_replacing(output: Path | None, inputs: list[str]) -> None:
    """Before any reading: ``-o`` naming one of the inputs would replace it with the output."""
    from factcheck.inputs import refuse_replacing_inputs

    if output is not None and output != _STDOUT_PATH:
        refuse_replacing_inputs([output], inputs)


def _emit_stream(pieces: Iterator[str], last: Callable[[], str], output: Path | None) -> None:
    """Write each piece as soon as it exists: to standard output, or to a file renamed in at the end.

    When the input goes bad part-way, standard output still gets what a
    format holds back (a table's last document) before the error; a file is
    not renamed into place at all, since it would be a half-written one.
    """
    if output is None or output == _STDOUT_PATH:
        try:
            for piece in pieces:
                if piece:
                    _write_stdout(piece)
        except FactcheckError:
            _write_stdout(last())
            raise
        _write_stdout(last())
        return

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="\n") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.write(last())

    with _cannot_write(output):
        atomic_write(output, write)


@app.command()
@_user_errors
def extract(
    source: Annotated[
        str, typer.Argument(help="A saved web page, a Markdown or a text file; '-' reads standard input.")
    ] = "-",
    input_format: InputFormatOption = InputFormat.auto,
) -> None:
    """Print the text predict and split label for a file: a page's main text, Markdown without markup.

    Offsets in predict's and split's output are offsets into exactly this text.

    Example:

      factcheck extract saved_page.html

      cat saved_page.html | factcheck extract - --input-format html
    """
    from factcheck.inputs import read_input

    doc = read_input(source, input_format.value)
    _warn(doc.warnings)
    _write_stdout(doc.text if doc.text.endswith("\n") else doc.text + "\n")


def _emit(text: str, output: Path | None) -> None:
    """Write a command's output to standard output, or whole to a file (never half-written)."""
    if output is None or output == _STDOUT_PATH:
        _write_stdout(text)
    else:
        with _cannot_write(output):
            atomic_write_text(output, text)


@app.command()
@_user_errors
def split(
    inputs: Inputs = None,
    text: TextOption = None,
    input_format: InputFormatOption = InputFormat.auto,
    fmt: SplitFormatOption = SplitFormat.table,
    csv_raw: CsvRawOption = False,
) -> None:
    """Split articles into sentences with character offsets, without labelling.

    Text is read a paragraph (JSONL a document) at a time and each one's rows
    are written as soon as they exist.

    Example:

      factcheck split seeds/000_c38d069fffeb14d6.txt --format jsonl

      factcheck split notes.md --format jsonl

      factcheck split archive.jsonl --format csv
    """
    from factcheck.formatting import sentence_row_stream
    from factcheck.inputs import batches, expand_inputs, stream_units
    from factcheck.labelling import split_units

    if text is not None and inputs:
        _usage("--text splits the text given; it does not go with input files")
    inputs = expand_inputs(inputs or [])

    stream = sentence_row_stream(fmt.value, csv_raw)
    counters: dict[str, int] = {}
    unread = _Unread(inputs)
    units = batches(stream_units(inputs, text, input_format.value, _note_conversion, _warn_one, unread))
    _emit_stream((stream.add(list(split_units(batch, counters))) for batch in units), stream.close, None)
    unread.check()


@app.command()
@_user_errors
def train(
    data: Annotated[
        list[Path],
        typer.Argument(help="Annotated JSONL or CSV files (text, label, doc_id); annotate's output too."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model directory to write (replaced atomically).")],
    holdout: Annotated[
        float, typer.Option(help="Share of documents held out to score the model; 0 trains on all.")
    ] = 0.2,
    seed: Annotated[int, typer.Option(help="Random seed of the hold-out split.")] = 0,
    base: Annotated[
        str | None,
        typer.Option(
            help="Also train on shipped data: 'default' adds the default model's training data to yours "
            "(the project corpus's train split and the real-news train split, as count vectors).",
            show_default=False,
        ),
    ] = None,
    eval_on: Annotated[
        Path | None,
        typer.Option(
            "--eval",
            help="Score on this annotated file (e.g. a dev split) instead of holding out a share.",
            show_default=False,
        ),
    ] = None,
    weight: Annotated[
        float,
        typer.Option(
            help="How many times each of your sentences counts in the fit: with --base, 5 makes each "
            "of yours count as five sentences of the base do (the base keeps the weights the "
            "default model gave it: 2 for each project-corpus sentence, 1 for each real one). "
            "Not with --out-of-core.",
        ),
    ] = 1.0,
    jobs: TrainJobsOption = 1,
    out_of_core: Annotated[
        bool,
        typer.Option(
            "--out-of-core",
            help="Train in bounded memory, for millions of sentences (in memory, training takes about "
            "3.4 GB per 100,000): the data is read a chunk at a time, hashed to a temporary directory "
            "beside --out, and logistic regression is fitted by SGD over it (--epochs passes). "
            "It fits no context stage, so it scores lower (README). Not with --base.",
        ),
    ] = False,
    epochs: Annotated[
        int | None,
        typer.Option(
            min=1, help="With --out-of-core: passes of SGD over the data [default: 5].", show_default=False
        ),
    ] = None,
) -> None:
    """Train a model on annotated sentences and write a model directory.

    Example:

      factcheck train data/corpus/train.jsonl --out models/mine

      factcheck train mine.jsonl --base default --out models/mine

      factcheck train mine.jsonl --base default --weight 5 --out models/mine

      factcheck train data/corpus/train.jsonl --eval data/corpus/dev.jsonl --out models/default

      factcheck train archive-labels.jsonl --out-of-core --eval dev.jsonl --out models/big
    """
    from factcheck.formatting import report_text
    from factcheck.storage import hidden_by_shipped
    from factcheck.training import train_model, train_out_of_core

    say = lambda msg: typer.echo(terminal(f"... {msg}"), err=True)  # noqa: E731
    if out_of_core:
        if base is not None:
            _usage("--out-of-core does not take --base: train on your data alone")
        if weight != 1.0:
            _usage("--out-of-core does not take --weight: every sentence counts once")
        result = train_out_of_core(
            data,
            out,
            holdout=holdout,
            seed=seed,
            progress=say,
            eval_on=eval_on,
            jobs=jobs,
            epochs=epochs or 5,
        )
    elif epochs is not None:
        _usage("--epochs goes with --out-of-core; in memory the fit runs to convergence")
    else:
        result = train_model(
            data,
            out,
            holdout=holdout,
            seed=seed,
            progress=say,
            base=base,
            eval_on=eval_on,
            jobs=jobs,
            weights=[weight] * len(data) if weight != 1.0 else None,
        )
    if hidden_by_shipped(result.model_dir):
        _warn_one(
            f"{result.model_dir}: a shipped model is also called {result.model_dir.name!r}, and "
            f"--model {result.model_dir.name} means that one: name yours by its path or train it "
            "under another name"
        )
    if result.never_given:
        _warn_one(
            f"the training data has no {' or '.join(result.never_given)} sentences: "
            "this model never gives those labels (--base default adds examples of every label)"
        )
    if result.report:
        typer.echo(report_text(result.report))
    typer.echo(terminal(f"wrote {result.model_dir}"))


@app.command()
@_user_errors
def evaluate(
    data: Annotated[Path, typer.Argument(help="Annotated JSONL or CSV file to score against.")],
    model: ModelOption = None,
    trust_model: TrustOption = False,
    fmt: Annotated[
        EvalFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json for programs; html: charts to open in a browser "
            "[default: the -o file's extension (.json, .html; .txt or none: text)].",
            show_default=False,
        ),
    ] = None,
    errors: Annotated[
        int | None,
        typer.Option(
            "--errors",
            min=0,
            help="Also list the N most confident mistakes with the features behind them "
            "[default: 10 with --format html, else 0].",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    jobs: EvaluateJobsOption = 1,
) -> None:
    """Score a model on annotated sentences: per-label P/R/F1, macro-F1, confusion.

    Each F1 comes with its 95% interval over the file's documents (doc_id),
    resampled: how far the figure could move on other text like the file's.
    Give the file doc_ids when it has them; a sentence without one counts as
    its own document, which makes the intervals narrower than they should be.

    --format html draws P/R/F1 bars, the confusion matrix as a heat map, a
    reliability diagram and the most confident mistakes in one page.

    Example:

      factcheck evaluate data/corpus/test.jsonl --format json

      factcheck evaluate my-test.jsonl --model models/mine --errors 10

      factcheck evaluate data/corpus/dev.jsonl --format html -o evaluation.html

      factcheck evaluate data/spans/gold.jsonl   # also scores source and quantity spans

      factcheck evaluate big-test.jsonl --jobs 2
    """
    from factcheck.evaluation import evaluate_file
    from factcheck.formatting import mistakes_text, report_text, span_report_text
    from factcheck.report_html import evaluation_html

    _refuse_replacing(output, [str(data)])
    fmt = fmt or _format_of(output, EvalFormat, EvalFormat.text)
    if errors is None:
        errors = 10 if fmt is EvalFormat.html else 0
    evaluation = evaluate_file(data, model, errors, trust_model, jobs)
    if fmt is EvalFormat.html:
        _emit(evaluation_html(evaluation, data=str(data), model=model), output)
    elif fmt is EvalFormat.json:
        _emit(
            json.dumps(evaluation.to_dict(mistakes=bool(errors)), indent=2, ensure_ascii=False) + "\n", output
        )
    else:
        mistakes = "\n" + mistakes_text(evaluation.mistakes) if errors else ""
        spans = "\n" + span_report_text(evaluation.spans) if evaluation.spans else ""
        one_document = evaluation.documents == 1
        _emit(report_text(evaluation.report, evaluation.intervals, one_document) + spans + mistakes, output)


@app.command()
@_user_errors
def info(
    model: ModelOption = None,
    trust_model: TrustOption = False,
    fmt: ReportFormatOption = ReportFormat.text,
) -> None:
    """Show a model's card: training data, versions, held-out scores, and whether its weights load.

    The weights are checked against the SHA-256 the card records and loaded,
    so a damaged or truncated model is an error here, not at prediction time.

    Example:

      factcheck info --model models/mine
    """
    from factcheck.formatting import card_text
    from factcheck.storage import check_model, read_card, resolve_model_dir, shipped_name

    model_dir = resolve_model_dir(model)
    card = read_card(model_dir)
    check = check_model(model_dir, trust_model)
    if fmt is ReportFormat.json:
        typer.echo(json.dumps({**card, "weights_check": check}, indent=2, ensure_ascii=False))
    else:
        name = shipped_name(model_dir)
        shown = f"{name}, shipped with factcheck: {model_dir}" if name else str(model_dir)
        typer.echo(card_text(shown, card, check), nl=False)


@app.command()
@_user_errors
def annotate(
    inputs: Annotated[
        list[str],
        typer.Argument(help="Article files (text, saved web pages, Markdown) whose sentences to label."),
    ],
    out: Annotated[
        Path,
        typer.Option("--out", "-o", help="JSONL file each answer is appended to; run again to resume."),
    ],
    model: ModelOption = None,
    trust_model: TrustOption = False,
    order: Annotated[
        Order,
        typer.Option(
            help="uncertain: the sentences the model is least sure of first, where an answer teaches "
            "it most; document: reading order."
        ),
    ] = Order.uncertain,
    input_format: InputFormatOption = InputFormat.auto,
) -> None:
    """Label sentences one at a time, with the model's suggestion, for retraining.

    Each sentence is shown between its neighbours. Keys: 1 factual, 2 estimate,
    3 attributed, 4 opinion; Enter accepts the suggestion, s skips (not saved:
    asked again next run), u undoes the last answer, ? shows the label
    definitions, q quits. Every answer is on disk the moment it is given;
    running the same command again resumes. Without a terminal, answers are
    read one a line from standard input (a key or a label id, an empty line
    accepts, s, u, q; the end of input quits).

    Example:

      factcheck annotate article1.txt article2.txt --out mine.jsonl

      printf '1\\n\\n3\\n' | factcheck annotate article.txt --out mine.jsonl --order document
    """
    from factcheck.annotation import open_session
    from factcheck.formatting import annotation_summary
    from factcheck.inputs import expand_inputs
    from factcheck.keys import keypresses, lines

    session = open_session(out, expand_inputs(inputs), model, order.value, trust_model, input_format.value)
    _warn(session.warnings)
    if session.dropped is not None:
        typer.echo(terminal(f"factcheck: {out}: cut off an incomplete last line a crash left"), err=True)
    if sys.stdin is None:
        raise FactcheckError("<stdin>: cannot read answers (standard input is closed)")
    interactive = sys.stdin.isatty()
    try:
        with session, (keypresses if interactive else lines)(sys.stdin) as answers:
            _converse(session, answers, interactive)
    except KeyboardInterrupt:
        typer.echo("\ninterrupted\n" + annotation_summary(str(out), session.progress()), err=True, nl=False)
        raise typer.Exit(130) from None
    typer.echo("\n" + annotation_summary(str(out), session.progress()), nl=False)


def _converse(session: Session, answers: Iterator[str], interactive: bool) -> None:
    """Ask, read an answer, apply it, until the user quits or the answers run out.

    A wrong key at a terminal earns a hint; a wrong line from a script is an
    error naming the line, since every later line would land on the wrong sentence.
    """
    from factcheck.annotation import KEYS, parse_command
    from factcheck.formatting import annotation_screen, label_guide

    def screen(item: Item | None) -> str:
        return annotation_screen(item, session.progress(), shutil.get_terminal_size().columns)

    typer.echo(screen(session.current()))
    for lineno, raw in enumerate(answers, start=1):
        command = parse_command(raw)
        item = session.current()
        if command is None:
            if not interactive:
                hint = f"use 1-{len(KEYS)}, a label id, an empty line, s, u, ? or q"
                raise FactcheckError(f"<stdin>:{lineno}: {raw!r} is not an answer; {hint}")
            # one key is one answer at a terminal, so a label id cannot be typed there
            typer.echo(f"  {raw!r} is not an answer; press 1-{len(KEYS)}, Enter, s, u, ? or q")
            continue
        if command.action == "help":
            typer.echo(label_guide())
            typer.echo("\n" + screen(item))  # the question again
            continue
        if command.action == "undo":
            undone = session.undo()
            typer.echo(
                f"  undone: {undone['label']} for {undone['text']!r}" if undone else "  nothing to undo"
            )
        elif command.action == "quit" or item is None:
            return
        elif command.action == "skip":
            session.skip()
            typer.echo("  skipped")
        else:
            typer.echo(f"  = {session.answer(command.label or item.suggested)['label']}")
        typer.echo("\n" + screen(session.current()))


@app.command()
@_user_errors
def compare(
    data: Annotated[Path, typer.Argument(help="Annotated JSONL or CSV file both models are scored on.")],
    models: Annotated[
        list[str],
        typer.Option(
            "--model", "-m", help="A model directory or name; give it twice: the old model, then the new."
        ),
    ],
    trust_model: TrustOption = False,
    fmt: ReportFormatOption = ReportFormat.text,
    changes: Annotated[
        int,
        typer.Option(
            "--changes", min=0, help="List this many sentences whose label changed, broken ones first."
        ),
    ] = 10,
) -> None:
    """Score two models on the same sentences side by side, and list the sentences whose label changed.

    Score on sentences neither model was trained on, or the retrained model
    will look better than it is. Each change of F1 comes with its 95% range
    over the file's documents, resampled, both models on the same resamples:
    a range that holds 0 means the file cannot tell the two models apart.

    Example:

      factcheck compare held-out.jsonl --model default --model models/mine

      factcheck compare data/corpus/test.jsonl -m default -m mine --changes 30
    """
    from factcheck.comparison import compare_models
    from factcheck.formatting import comparison_text

    comparison = compare_models(data, models, trust_model)
    if fmt is ReportFormat.json:
        typer.echo(json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(comparison_text(comparison, changes), nl=False)


@app.command("models")
@_user_errors
def models_(
    fmt: ReportFormatOption = ReportFormat.text,
) -> None:
    """List the models --model can name: shipped ones and yours under ./models, with key figures.

    Example:

      factcheck models

      factcheck train mine.jsonl --base default --out models/mine && factcheck models
    """
    from factcheck.formatting import models_text
    from factcheck.storage import list_models

    typer.echo(models_text(list_models(), "json" if fmt is ReportFormat.json else "table"), nl=False)


def _on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: raise KeyboardInterrupt as usual, so cleanup runs and the command says so; and make sure.

    Python raises it at whatever bytecode runs next, and if that is inside a
    ``__del__`` or a weak-reference callback (compiling a regex, finishing an
    import) it is printed as "ignored" and lost: the command would go on.
    A second thread ends the process with 130 if it is still alive shortly after.
    """
    threading.Thread(target=_exit_after_interrupt, daemon=True).start()
    raise KeyboardInterrupt


def _exit_after_interrupt(grace: float = 3.0, code: int = 130, word: bytes = b"interrupted") -> None:
    time.sleep(grace)
    os.write(2, b"\nfactcheck: " + word + b"\n")
    os._exit(code)


class _Terminated(BaseException):
    """SIGTERM (kill, a job scheduler, a container stopping): unwound like Ctrl-C, nothing left half-done."""


def _on_terminate(signum: int, frame: object) -> None:
    threading.Thread(target=_exit_after_interrupt, args=(3.0, 143, b"terminated"), daemon=True).start()
    raise _Terminated


def main() -> None:
    """Console entry point: exit codes 0, 1, 2 (usage), 130 (Ctrl-C), 141 (reader went away), 143 (SIGTERM).

    When a pipe reader such as ``head`` closes, factcheck stops quietly with
    141, as a Unix tool killed by SIGPIPE does; the rest of standard output is
    sent to /dev/null so the interpreter's last flush cannot fail noisily.
    """
    signal.signal(signal.SIGINT, _on_interrupt)
    signal.signal(signal.SIGTERM, _on_terminate)
    try:
        code = app(standalone_mode=False)
    except (KeyboardInterrupt, click.exceptions.Abort, typer.Abort):
        sys.stderr.write("\nfactcheck: interrupted\n")
        code = 130
    except _Terminated:
        sys.stderr.write("\nfactcheck: terminated\n")
        code = 143
    except (click.ClickException, _vendored_click.ClickException) as err:
        # typer checks values through pydantic, whose messages open with its own "Value error, "
        err.message = err.message.removeprefix("Value error, ")  # type: ignore[misc]
        err.show()  # a usage error: "Error: No such option: --frobnicate", exit 2
        code = err.exit_code
    except BrokenPipeError:
        _silence_stdout()
        code = 141
    sys.exit(code if isinstance(code, int) else 0)
