"""Label on a Dask distributed cluster: ``factcheck predict INPUTS… --scheduler tcp://HOST:PORT``.

The client reads the inputs (files, globs, JSONL shards) as ``predict`` does,
a paragraph window or a JSONL document at a time, and sends batches of units
to the workers; the model is loaded here once and scattered to every worker
once, so workers need neither the model files nor the inputs. Rows come back
in input order (each batch's sentence numbers are continued across batches,
as ``labelling.label_stream_parallel`` does), so the output is exactly a
local run's; with ``--out DIR`` they go one file per input (``shards``). A
worker lost mid-batch is Dask's to retry. Needs the optional
extra: ``pip install 'factcheck[dask]'``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.inputs import Unit
from factcheck.labelling import LabelledSentence, Labeller, in_order, renumber
from factcheck.wording import counted


def label_on_cluster(
    batches: Iterable[list[Unit]],
    scheduler: str,
    model: str | Path | None = None,
    trust: bool = False,
    explain: int = 0,
    spans: bool = True,
    progress: Callable[[str], None] | None = None,
    in_flight: int | None = None,
    connect_timeout: float = 30.0,
) -> Iterator[list[LabelledSentence]]:
    """Each batch's rows, labelled on the cluster at ``scheduler``, in input order.

    ``connect_timeout``: seconds to wait for the scheduler; a remote one can take a while to answer.
    """
    try:
        from distributed import Client
    except ImportError:
        raise FactcheckError(
            "--scheduler needs Dask: pip install 'factcheck[dask]' (dask and distributed)"
        ) from None
    labeller = Labeller.load(model, trust)
    try:
        client = Client(scheduler, timeout=connect_timeout)
    except OSError as err:
        raise FactcheckError(f"--scheduler {scheduler}: cannot connect ({err})") from None
    except ValueError as err:  # "notaurl": distributed cannot parse the address at all
        raise FactcheckError(
            f"--scheduler {scheduler}: not an address like tcp://HOST:PORT ({err})"
        ) from None
    with client:
        workers = max(len(client.scheduler_info().get("workers", {})), 1)
        window = in_flight or 4 * workers
        shared = client.scatter(labeller, broadcast=True)  # the model goes to each worker once
        counters: dict[str, int] = {}

        def submit(batch: list[Unit]) -> Any:
            return client.submit(_label_batch, shared, batch, explain, spans, pure=False)

        for done, future in enumerate(in_order(batches, submit, window), start=1):
            rows = renumber(future.result(), counters)
            if progress is not None:
                progress(f"{counted(done, 'batch', 'batches')} labelled on {counted(workers, 'worker')}")
            yield rows


def _label_batch(labeller: Labeller, batch: list[Unit], explain: int, spans: bool) -> list[LabelledSentence]:
    return labeller.label_units(batch, explain, {}, spans)
