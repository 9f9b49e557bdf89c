"""Train a model directory from annotated files: split, fit, score, write.

The held-out share is split by document when the data carries ``doc_id``:
sentences of one article share names and phrasing, and letting them sit on
both sides would flatter the score a user sees. The model that is saved is
the one that was scored, so the card's figures describe the shipped weights.
"""

from __future__ import annotations

import glob
import hashlib
import platform
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import nltk
import numpy
import sklearn
from scipy import sparse
from sklearn.base import clone
from sklearn.model_selection import GroupShuffleSplit, StratifiedShuffleSplit
from sklearn.pipeline import Pipeline

from factcheck import __version__
from factcheck.bases import Base, load_base
from factcheck.context import document_bounds, layout
from factcheck.data import Example, document_ids, group_ids, iter_examples, label_counts, parse_examples
from factcheck.errors import FactcheckError, UsageError
from factcheck.evaluation import Report, score
from factcheck.inputs import read_bytes
from factcheck.labels import LABEL_IDS, LABELS
from factcheck.model import DocumentClassifier, fit_weighted, make_model, make_pipeline, row_weights
from factcheck.span_features import document_span_rows
from factcheck.storage import check_out_dir, model_lock, never_given, read_card, save_model
from factcheck.wording import counted

# The calibrated SVM calibrates over five folds, so each label needs five examples.
MIN_EXAMPLES_PER_LABEL = 5
Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainResult:
    model_dir: Path
    card: dict[str, Any]
    report: Report | None

    @property
    def never_given(self) -> list[str]:
        """Labels absent from the training data: the model can never give them."""
        return never_given(self.card)


def train_model(
    data: Sequence[str | Path],
    out_dir: str | Path,
    holdout: float = 0.2,
    seed: int = 0,
    pipeline: Pipeline | None = None,
    progress: Progress | None = None,
    base: str | None = None,
    eval_on: str | Path | None = None,
    notes: dict[str, dict[str, Any]] | None = None,
    jobs: int = 1,
    weights: Sequence[float] | None = None,
) -> TrainResult:
    """Read ``data``, hold out a share, fit, score on the share and save to ``out_dir``.

    ``base`` names shipped data to add (see ``bases``); the card records it
    as such, so a model's card tells the user's data from the shipped part.
    ``eval_on`` scores on a separate annotated file (a dev split) instead of
    holding out a share, so all of ``data`` is trained on. ``notes`` adds
    fields (a licence, the sources behind a file) to a training file's entry
    in the card, keyed by the path as given. ``jobs`` runs the classifier's
    cross-validated calibration folds in that many processes. ``weights``
    gives each file of ``data`` a weight: each of its sentences counts that
    many times in the fit (the card records it), as the shipped model counts
    the project corpus against real news.
    """
    say, holdout = _start(out_dir, holdout, eval_on, progress)
    if weights is not None and len(weights) != len(data):
        raise ValueError(f"{len(weights)} weights for {len(data)} training files")
    for weight in weights or ():
        if not 0 < weight < float("inf"):
            raise UsageError(f"--weight {weight}: give a number above 0, such as 5")
    with model_lock(out_dir):
        shipped = None
        if base is not None:
            say(f"reading the shipped base {base}")
            shipped = load_base(base)
        sources = []
        examples: list[Example] = []
        example_weights: list[float] = []
        for n, path in enumerate(data):
            say(f"reading {path}")
            part, source = _read_annotated(path, notes)
            if weights is not None:
                source["weight"] = float(weights[n])
            sources.append(source)
            prefix = f"{path}#" if len(data) > 1 else ""
            examples += [Example(e.text, e.label, e.doc_id and prefix + e.doc_id) for e in part]
            example_weights += [float(weights[n]) if weights is not None else 1.0] * len(part)
        base_labels = shipped.labels if shipped else []
        if shipped is not None:
            sources.append(_describe_base(shipped))
            _check_counts([e.label for e in examples] + base_labels, "training data with the base")
        else:
            _check_counts([e.label for e in examples], "training data")

        # The base is always trained on: only the user's own sentences are held out and scored.
        train_rows, test_rows = _split(examples, holdout, seed, base_labels)
        train, test = [examples[i] for i in train_rows], [examples[i] for i in test_rows]
        train_weights = [example_weights[i] for i in train_rows]
        evaluation_source = None
        if eval_on is not None:
            say(f"reading {eval_on}")
            test, evaluation_source = _read_annotated(eval_on, notes)
        pipeline = pipeline if pipeline is not None else make_model()
        if jobs > 1 and "n_jobs" in pipeline.get_params(deep=False):
            # The context stage's out-of-fold fits run in parallel; a caller's pipeline is not changed.
            # (LogisticRegression's own n_jobs does nothing since scikit-learn 1.8, and warns.)
            pipeline = clone(pipeline).set_params(n_jobs=jobs)
        work = ""
        if isinstance(pipeline, DocumentClassifier):
            documents = len(document_bounds(document_ids(train), len(train)))
            if shipped is not None:
                documents += len(document_bounds(list(shipped.groups), len(shipped.labels)))
            if documents >= max(pipeline.min_documents, pipeline.folds, 2):
                work = f" ({pipeline.folds} out-of-fold fits for the context stage, then the final one)"
            else:
                work = f" ({documents} documents, fewer than {pipeline.min_documents}: no context stage)"
        say(f"fitting on {len(train) + len(base_labels)} sentences{work}")
        if shipped is None:
            fit_model(pipeline, train, train_weights)
        else:
            fit_with_base(
                pipeline,
                [e.text for e in train],
                [e.label for e in train],
                shipped,
                document_ids(train),
                train_weights,
            )
        report = None
        if test:
            say(f"scoring {len(test)} held-out sentences")
            report = score([e.label for e in test], predict_examples(pipeline, test))

        card = build_card(
            pipeline, sources, train, test, holdout, seed, report, evaluation_source, base_labels
        )
        say(f"writing {out_dir}")
        model_dir = save_model(pipeline, card, out_dir)
        return TrainResult(model_dir, read_card(model_dir), report)


def _start(
    out_dir: str | Path, holdout: float, eval_on: str | Path | None, progress: Progress | None
) -> tuple[Progress, float]:
    """Both trainers' checks before any reading, and the share to hold out (none with ``eval_on``).

    A wrong --out, or another train writing there, is found before the fit, not after it.
    """
    if not 0 <= holdout < 1:
        raise UsageError(f"--holdout {holdout}: give a share at least 0 and below 1, such as 0.2")
    check_out_dir(out_dir)
    return progress or (lambda _message: None), 0.0 if eval_on is not None else holdout


def _read_annotated(
    path: str | Path, notes: dict[str, dict[str, Any]] | None
) -> tuple[list[Example], dict[str, Any]]:
    """An annotated file's examples, and its entry in the card (with any ``notes`` for it)."""
    raw = read_bytes(path)
    examples = parse_examples(path, raw)
    return examples, {**_describe_source(Path(path), raw, examples), **(notes or {}).get(str(path), {})}


def train_out_of_core(
    data: Sequence[str | Path],
    out_dir: str | Path,
    holdout: float = 0.2,
    seed: int = 0,
    progress: Progress | None = None,
    eval_on: str | Path | None = None,
    notes: dict[str, dict[str, Any]] | None = None,
    jobs: int = 1,
    epochs: int = 5,
    chunk: int = 10_000,
    c: float = 3.0,
) -> TrainResult:
    """``train_model`` in memory bounded by ``chunk``, not by the data: for millions of sentences.

    In memory, training takes about 3.4 GB per 100,000 sentences
    (``benchmarks/SCALE.md``), so a million do not fit a normal machine.
    Here the data is read a chunk at a time, three times over:

    1. each chunk's sentences are hashed (the pipeline's first step is
       stateless) and spilled to a temporary directory beside ``out_dir``,
       while document frequencies and label counts are summed: they are all
       the TF-IDF step learns, so it is fitted exactly as in memory;
    2. logistic regression is fitted by SGD (``partial_fit``) over the
       spilled chunks, ``epochs`` times, in a new random order each time and
       a few chunks shuffled together, so a file sorted by label still
       trains; it is one-vs-rest logistic regression with the in-memory
       model's L2 penalty, ``C`` and balanced class weights
       (``alpha = 1 / (C * n)``), where the in-memory fit is multinomial by L-BFGS;
    3. the held-out share, chosen by a hash of each document id (or line)
       with ``seed``, is scored a chunk at a time.

    ``--base`` is not offered: the base is for adding a little data to the
    shipped model's, not for training sets of this size.
    """
    from sklearn.linear_model import SGDClassifier

    say, holdout = _start(out_dir, holdout, eval_on, progress)
    out = Path(out_dir)
    rng = numpy.random.default_rng(seed)
    with model_lock(out_dir), _spill_dir(out) as spill:
        # The dev file is read (and checked) before the epochs, not after: a typo in it costs seconds.
        evaluation = _read_annotated(eval_on, notes) if eval_on is not None else None
        pipeline = make_pipeline(classifier="sgd", c=c)
        counts = pipeline[0]
        df = numpy.zeros(counts.width, dtype=numpy.int64)
        trained: dict[str, int] = dict.fromkeys(LABEL_IDS, 0)
        tested = 0
        grouped = False
        sources = []
        pieces: list[Path] = []

        def spill_chunk(texts: list[str], labels: list[str]) -> None:
            X = counts.transform(texts).tocsr()
            X.sum_duplicates()
            df[:] += numpy.bincount(X.indices, minlength=X.shape[1])
            piece = Path(spill) / f"{len(pieces)}"
            sparse.save_npz(f"{piece}.npz", X.astype(numpy.float32), compressed=False)
            numpy.save(f"{piece}.npy", numpy.array(labels))
            pieces.append(piece)

        for path in data:
            say(f"reading and hashing {path}")
            per_label = dict.fromkeys(LABEL_IDS, 0)
            texts: list[str] = []
            labels: list[str] = []
            for key, example in _keyed_examples(path, len(data) > 1):
                per_label[example.label] += 1
                grouped = grouped or example.doc_id is not None
                if holdout and _held_out(key, seed, holdout):
                    tested += 1
                    continue
                trained[example.label] += 1
                texts.append(example.text)
                labels.append(example.label)
                if len(texts) == chunk:
                    spill_chunk(texts, labels)
                    texts, labels = [], []
            if texts:
                spill_chunk(texts, labels)
            sources.append(
                {
                    "path": str(path),
                    "sha256": _file_sha256(Path(path)),
                    "examples": sum(per_label.values()),
                    "per_label": per_label,
                    **(notes or {}).get(str(path), {}),
                }
            )
        trained_labels = [label for label, n in trained.items() for _ in range(n)]
        if tested:
            _check_counts(
                trained_labels, "training part after the hold-out", "add examples or use --holdout 0"
            )
        else:
            _check_counts(trained_labels, "training data")
        n = len(trained_labels)
        present = [label for label in LABEL_IDS if trained[label]]
        pipeline[1].fit_document_frequencies(df, n)
        classifier = SGDClassifier(
            loss="log_loss",
            alpha=1.0 / (c * n),
            class_weight={label: n / (len(present) * trained[label]) for label in present},
            average=True,
            random_state=seed,
            n_jobs=jobs,
        )
        pipeline.steps[-1] = ("classifier", classifier)
        classes = numpy.array(sorted(present))
        mix = 4  # chunks shuffled together for each partial_fit
        for epoch in range(1, epochs + 1):
            say(f"epoch {epoch}/{epochs}: SGD over {n} sentences in {counted(len(pieces), 'chunk')}")
            order = rng.permutation(len(pieces))
            for start in range(0, len(order), mix):
                group = [pieces[k] for k in order[start : start + mix]]
                X = pipeline[1].transform(sparse.vstack([sparse.load_npz(f"{p}.npz") for p in group]))
                y = numpy.concatenate([numpy.load(f"{p}.npy") for p in group])
                shuffled = rng.permutation(len(y))
                classifier.partial_fit(X[shuffled], y[shuffled], classes=classes)

        report = None
        evaluation_source = None
        if evaluation is not None:
            say(f"scoring {eval_on}")
            test, evaluation_source = evaluation
            tested = len(test)
            report = score([e.label for e in test], list(pipeline.predict([e.text for e in test])))
        elif tested:
            say(f"scoring {tested} held-out sentences")
            report = _score_held_out(pipeline, data, holdout, seed, chunk)
        elif holdout:
            say("no document fell in the held-out share (too few documents): nothing scored")

        card = _card(
            pipeline, sources, trained_labels, tested, grouped, holdout, seed, report, evaluation_source
        )
        card["out_of_core"] = {"epochs": epochs, "chunk": chunk}
        say(f"writing {out_dir}")
        model_dir = save_model(pipeline, card, out_dir)
        return TrainResult(model_dir, read_card(model_dir), report)


@contextmanager
def _spill_dir(out: Path) -> Iterator[str]:
    """A fresh spill folder beside ``out``, after deleting any a killed run left there.

    A run killed outright (SIGKILL, the out-of-memory killer, a reboot) cannot clean up its
    spill, gigabytes for a large file; entered with the model lock held, no live run owns one.
    """
    parent = out.resolve().parent
    for stale in parent.glob(f".{glob.escape(out.name)}.spill-*"):
        shutil.rmtree(stale, ignore_errors=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix=f".{out.name}.spill-") as spill:
        yield spill


def _keyed_examples(path: str | Path, several: bool) -> Iterator[tuple[str, Example]]:
    """Each example of a file with the key that holds it out: its document, else its line.

    Keys name the file when several are read, so two files' ``doc-1`` are two documents.
    """
    prefix = f"{path}#" if several else ""
    for i, example in enumerate(iter_examples(path)):
        yield prefix + (example.doc_id if example.doc_id is not None else f"#sentence-{i}"), example


def _held_out(key: str, seed: int, share: float) -> bool:
    """Whether a document (or sentence) is in the held-out share: a hash, so no pass needs them all."""
    digest = hashlib.blake2b(f"{seed}\0{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") < share * 2**64


def _score_held_out(
    pipeline: Pipeline, data: Sequence[str | Path], holdout: float, seed: int, chunk: int
) -> Report:
    gold: list[str] = []
    predicted: list[str] = []
    texts: list[str] = []
    for path in data:
        for key, example in _keyed_examples(path, len(data) > 1):
            if _held_out(key, seed, holdout):
                gold.append(example.label)
                texts.append(example.text)
            if len(texts) == chunk:
                predicted += list(pipeline.predict(texts))
                texts = []
    if texts:
        predicted += list(pipeline.predict(texts))
    return score(gold, predicted)


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def build_card(
    pipeline: Pipeline,
    sources: list[dict[str, Any]],
    train: list[Example],
    test: list[Example],
    holdout: float,
    seed: int,
    report: Report | None,
    evaluation_source: dict[str, Any] | None = None,
    base_labels: Sequence[str] = (),
) -> dict[str, Any]:
    """The model card: everything needed to know what a model is and to rebuild it."""
    return _card(
        pipeline,
        sources,
        [e.label for e in train] + list(base_labels),
        len(test),
        any(e.doc_id for e in train + test),
        holdout,
        seed,
        report,
        evaluation_source,
    )


def _card(
    pipeline: Pipeline,
    sources: list[dict[str, Any]],
    trained: Sequence[str],
    tested: int,
    grouped: bool,
    holdout: float,
    seed: int,
    report: Report | None,
    evaluation_source: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "format": 1,
        "factcheck_version": __version__,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "labels": [{"id": lab.id, "name": lab.name, "description": lab.description} for lab in LABELS],
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "nltk": nltk.__version__,
            "numpy": numpy.__version__,
        },
        "training_data": sources,
        "trained_on": {"examples": len(trained), "per_label": _per_label(trained)},
        "holdout": {
            "share": holdout,
            "seed": seed,
            "examples": tested,
            "grouped_by": "doc_id" if grouped else None,
            "file": evaluation_source,
        },
        "parameters": _plain_params(pipeline),
        # Whether sentences are read in their documents (factcheck.context); a model fitted on
        # too few documents, or a bare sentence pipeline, reads each sentence alone.
        "context_stage": getattr(pipeline, "context_model_", None) is not None,
        "metrics": {"held_out": report.to_dict() if report else None},
    }


def fit_model(
    model: Pipeline | DocumentClassifier,
    examples: Sequence[Example],
    sample_weight: Sequence[float] | None = None,
) -> None:
    """Fit on examples, telling a document model which sentences share a document."""
    texts, labels = [e.text for e in examples], [e.label for e in examples]
    weights = row_weights(sample_weight, len(texts))
    if isinstance(model, DocumentClassifier):
        model.fit(texts, labels, document_ids(examples), weights)
    else:
        fit_weighted(model, texts, labels, weights)


def predict_examples(model: Pipeline | DocumentClassifier, examples: Sequence[Example]) -> Sequence[str]:
    """Labels for examples, each read in its document when the model reads context."""
    texts = [e.text for e in examples]
    if isinstance(model, DocumentClassifier):
        return list(model.predict(texts, document_ids(examples)))
    return list(model.predict(texts))


def fit_with_base(
    model: Pipeline | DocumentClassifier,
    texts: list[str],
    labels: list[str],
    base: Base,
    groups: Sequence[object] | None = None,
    sample_weight: Sequence[float] | None = None,
) -> Pipeline | DocumentClassifier:
    """Fit on the user's sentences and the base's count vectors together.

    The first step is stateless, so the user's sentences are counted by it and
    stacked on the shipped counts; every later step (TF-IDF weights, the
    classifier, the context stage from the base's text-free layout rows) is
    fitted on the stack as if all of it had been text, each base sentence
    with the weight the default model gave it (``sample_weight`` weighs the
    user's; each counts once without it).
    """
    pipeline = model._sentence_model() if isinstance(model, DocumentClassifier) else model
    counts = pipeline[0]
    if {k: v for k, v in counts.get_params().items() if k in base.features} != _plain(base.features):
        raise FactcheckError(
            f"--base {base.name}: the base was counted with {base.features}, which this pipeline's "
            "first step does not match; train without --base or with the default configuration"
        )
    own = counts.transform(texts) if texts else sparse.csr_matrix((0, base.counts.shape[1]))
    stacked = sparse.vstack([own, base.counts], format="csr")
    own_weights = numpy.ones(len(texts)) if sample_weight is None else numpy.asarray(sample_weight, float)
    base_weights = numpy.ones(len(base.labels)) if base.weights is None else base.weights
    weights = row_weights(numpy.concatenate([own_weights, base_weights]), stacked.shape[0])
    if isinstance(model, DocumentClassifier):
        own_groups = list(groups) if groups is not None else group_ids([None] * len(texts))
        rows = numpy.vstack([layout(texts), base.layout]) if texts else base.layout
        spans = None
        if model.span_features:
            if base.spans is None:
                raise FactcheckError(
                    f"--base {base.name}: the base data predates span counts; reinstall factcheck "
                    "or rebuild it with python -m factcheck.corpus.base"
                )
            own_spans = document_span_rows(texts, document_bounds(own_groups, len(texts)))
            spans = numpy.vstack([own_spans, base.spans])
        model.fit_counts(
            stacked,
            rows,
            list(labels) + base.labels,
            own_groups + [int(g) for g in base.groups],
            spans,
            weights,
        )
    else:
        fit_weighted(pipeline[1:], stacked, list(labels) + base.labels, weights)
    return model


def _plain(features: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in features.items()}


def _describe_base(base: Base) -> dict[str, Any]:
    return {
        "base": base.name,
        "path": f"shipped base {base.name} (count vectors, no text)",
        "sha256": base.description["sha256"],
        "examples": base.counts.shape[0],
        "per_label": _per_label(base.labels),
        "sources": base.description.get("sources", []),
    }


def _per_label(labels: Sequence[str]) -> dict[str, int]:
    return {label: list(labels).count(label) for label in LABEL_IDS}


def _describe_source(path: Path, raw: bytes, examples: list[Example]) -> dict[str, Any]:
    return {
        "path": str(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "examples": len(examples),
        "per_label": label_counts(examples),
    }


def _check_counts(labels: Sequence[str], what: str, hint: str = "add examples") -> None:
    counts = _per_label(labels)
    present = {label: n for label, n in counts.items() if n}
    if len(present) < 2:
        raise FactcheckError(f"{what}: needs at least two different labels, found {sorted(present)}")
    for label, n in present.items():
        if n < MIN_EXAMPLES_PER_LABEL:
            raise FactcheckError(
                f"{what}: label '{label}' has {n} example{'s' if n > 1 else ''}; "
                f"at least {MIN_EXAMPLES_PER_LABEL} are needed to train; {hint}"
            )


def _split(
    examples: list[Example], holdout: float, seed: int, base_labels: Sequence[str] = ()
) -> tuple[list[int], list[int]]:
    """The rows to train on and the rows held out."""
    if holdout == 0:
        return list(range(len(examples))), []
    labels = [e.label for e in examples]
    if any(e.doc_id for e in examples):
        groups = [e.doc_id or f"#sentence-{i}" for i, e in enumerate(examples)]
        if len(set(groups)) < 2:
            raise FactcheckError(
                "cannot hold out a share: all sentences come from one document; use --holdout 0"
            )
        splitter: GroupShuffleSplit | StratifiedShuffleSplit = GroupShuffleSplit(
            n_splits=1, test_size=holdout, random_state=seed
        )
        parts = splitter.split(examples, labels, groups)
    else:
        splitter = StratifiedShuffleSplit(n_splits=1, test_size=holdout, random_state=seed)
        parts = splitter.split(examples, labels)
    try:
        train_idx, test_idx = next(parts)
    except ValueError as err:  # "the resulting train set will be empty": too few documents for the share
        raise FactcheckError(
            f"cannot hold out a share of {holdout}: {err}; add examples or use a smaller --holdout"
        ) from None
    train = [examples[i] for i in train_idx]
    missing = sorted(set(labels) - {e.label for e in train} - set(base_labels))
    if missing:
        raise FactcheckError(
            f"label(s) {', '.join(missing)} have too few examples to hold out a share and still "
            "train on them; add examples or use --holdout 0"
        )
    _check_counts(
        [e.label for e in train] + list(base_labels),
        "training part after the hold-out",
        "add examples or use --holdout 0",
    )
    return [int(i) for i in train_idx], [int(i) for i in test_idx]


def _plain_params(pipeline: Pipeline) -> dict[str, Any]:
    plain: dict[str, Any] = {}
    for key, value in sorted(pipeline.get_params(deep=True).items()):
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, list) and not all(isinstance(v, (str, int, float)) for v in value):
            continue
        if value is None or isinstance(value, (str, int, float, bool, list)):
            plain[key] = value
    return plain
