"""Label the sentences of documents: the library API behind ``factcheck predict``.

    >>> import factcheck
    >>> rows = factcheck.label_text("Six people were killed. Officials said more may die.")
    >>> [(r.text, r.label) for r in rows]  # doctest: +SKIP

A ``Labeller`` holds one loaded model; the module-level ``label_text`` keeps
the models it has loaded, so calling it in a loop does not reload weights.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.attribution import Source
from factcheck.codec import Corrupt
from factcheck.context import DocumentPredictor
from factcheck.errors import FactcheckError
from factcheck.explanation import Explainer, Push
from factcheck.inputs import Unit
from factcheck.labels import LABEL_IDS
from factcheck.predictor import Predictor, from_description, predictor_for
from factcheck.quantities import Quantity
from factcheck.span_features import span_rows
from factcheck.spans import Spans, extract_spans
from factcheck.splitting import Sentence, split_document
from factcheck.storage import WEIGHTS, Weights, build_pipeline, read_weights, resolve_model_dir

if TYPE_CHECKING:
    import numpy as np
    from sklearn.pipeline import Pipeline


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence with its offsets, label, confidence and all four labels' probabilities.

    ``sources`` and ``quantities`` are the sentence's spans (data/SPANS.md),
    offsets into the document; None when extraction was switched off.
    """

    doc: str
    index: int
    start: int
    end: int
    text: str
    label: str
    confidence: float
    scores: dict[str, float]
    explanation: list[Push] | None = None
    sources: list[Source] | None = None
    quantities: list[Quantity] | None = None

    def to_dict(self) -> dict[str, Any]:
        record = {
            "doc": self.doc,
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "confidence": self.confidence,
            "scores": self.scores,
        }
        if self.explanation is not None:
            record["explanation"] = [{"feature": p.feature, "weight": p.weight} for p in self.explanation]
        if self.sources is not None:
            record["sources"] = [s.to_dict() for s in self.sources]
        if self.quantities is not None:
            record["quantities"] = [q.to_dict() for q in self.quantities]
        return record


class Labeller:
    """A loaded model that labels whole documents.

    Labelling uses the lean predictor (``factcheck.predictor``), which for
    the shipped kind of model needs neither scikit-learn nor the pipeline
    object; the pipeline is built from the weights only when something asks
    for it (``explain``), so ``factcheck predict`` starts without scikit-learn.
    """

    def __init__(
        self,
        pipeline: Pipeline | None,
        card: dict[str, Any] | None = None,
        *,
        weights: Weights | None = None,
        predictor: Predictor | None = None,
    ) -> None:
        """From a fitted pipeline; ``load`` passes the weights and a predictor instead."""
        if pipeline is None and (weights is None or predictor is None):
            raise TypeError("a Labeller needs a pipeline, or weights and their predictor")
        # Explanations read the sentence pipeline: a document model's first stage.
        self._pipeline = getattr(pipeline, "sentence_model_", pipeline)
        self._weights = weights
        self.predictor = predictor if predictor is not None else predictor_for(pipeline)
        self.card = card or {}
        self._explainer: Explainer | None = None  # built on the first explanation asked for
        classes = self.predictor.classes_
        # Columns of predict_proba in LABEL_IDS order (a label the model lacks scores 0).
        self._order = [classes.index(label) if label in classes else None for label in LABEL_IDS]

    @classmethod
    def load(cls, model: str | Path | None = None, trust: bool = False) -> Labeller:
        """Load a model directory, a shipped model's name, or the default.

        ``trust`` lets a legacy pickled model load, which runs any code in it;
        see ``storage``.
        """
        weights = read_weights(model, trust)
        if weights.pipeline is None:
            try:
                predictor = from_description(weights.structure, weights.arrays or {})
            except Corrupt as err:
                raise FactcheckError(
                    f"{weights.model_dir / WEIGHTS}: model file is corrupt ({err})"
                ) from None
            if predictor is not None and set(predictor.classes_) <= set(LABEL_IDS):
                return cls(None, weights.card, weights=weights, predictor=predictor)
        return cls(build_pipeline(weights), weights.card)

    @property
    def pipeline(self) -> Pipeline:
        """The scikit-learn pipeline, built from the weights on first use."""
        if self._pipeline is None:
            assert self._weights is not None
            model = build_pipeline(self._weights)
            self._pipeline = getattr(model, "sentence_model_", model)
        return self._pipeline

    @property
    def reads_spans(self) -> bool:
        """Whether the model weighs what the span extractor finds (``factcheck.span_features``)."""
        return isinstance(self.predictor, DocumentPredictor) and self.predictor.reads_spans

    def label_sentences(
        self,
        sentences: list[str],
        documents: Sequence[Hashable] | None = None,
        spans: np.ndarray | None = None,
    ) -> list[tuple[str, float, dict[str, float]]]:
        """(label, confidence, scores) for each sentence, in one vectorised pass.

        ``documents`` names each sentence's document (a document's sentences
        adjacent, in reading order), so a model that reads context sees each
        sentence among its neighbours; without it every sentence stands alone.
        ``spans``: the sentences' ``span_features.span_rows`` if already found.
        """
        if not sentences:
            return []
        if isinstance(self.predictor, DocumentPredictor):
            probabilities = self.predictor.predict_proba(sentences, documents, spans)
        else:
            probabilities = self.predictor.predict_proba(sentences)
        classes = self.predictor.classes_
        best = probabilities.argmax(axis=1).tolist()  # the first of equal maxima, as max() picks
        confidence = probabilities.max(axis=1).tolist()
        columns = [probabilities[:, j].tolist() if j is not None else None for j in self._order]
        by_label = [
            [round(p, 4) for p in column] if column is not None else [0.0] * len(sentences)
            for column in columns
        ]
        return [
            (classes[b], round(c, 4), dict(zip(LABEL_IDS, scores, strict=True)))
            for b, c, scores in zip(best, confidence, zip(*by_label, strict=True), strict=True)
        ]

    def explain(self, sentences: list[str], labels: list[str], top: int = 5) -> list[list[Push]]:
        """The features that pushed each sentence most toward the given label."""
        if not sentences:
            return []
        if self._explainer is None:
            self._explainer = Explainer(self.pipeline)
        return self._explainer.explain(sentences, labels, top)

    def label_text(
        self, text: str, doc: str = "<text>", explain: int = 0, spans: bool = True
    ) -> list[LabelledSentence]:
        """Split ``text`` into sentences and label each one; ``explain`` > 0 adds that many reasons.

        ``spans`` adds each sentence's sources and quantities (factcheck.spans).
        """
        return self.label_units([Unit(doc, text)], explain, spans=spans)

    def label_units(
        self,
        units: list[Unit],
        explain: int = 0,
        counters: dict[str, int] | None = None,
        spans: bool = True,
    ) -> list[LabelledSentence]:
        """Label the sentences of several units (pieces of documents) in one model pass.

        ``counters`` carries each document's next sentence index from one call
        to the next, so a document read in pieces numbers its sentences as a
        whole one would. Spans are found over each run of adjacent pieces of
        one document in the batch, so a pronoun can look back across them.
        """
        counters = {} if counters is None else counters
        runs: list[tuple[Unit, list[Sentence]]] = []  # adjacent pieces of a document, joined
        for unit in units:
            pieces = [s for _, s in split_units([unit], counters)]
            last = runs[-1][0] if runs else None
            if last is not None and last.doc == unit.doc and last.offset + len(last.text) == unit.offset:
                runs[-1] = (Unit(unit.doc, last.text + unit.text, last.offset, last.first), runs[-1][1])
                runs[-1][1].extend(pieces)
            else:
                runs.append((unit, pieces))
        texts = [s.text for _, sentences in runs for s in sentences]
        documents = [number for number, (_, sentences) in enumerate(runs) for _ in sentences]
        # One pass of the extractor serves both the spans shown and a model that weighs them.
        found: list[list[Spans]] = []
        if spans or self.reads_spans:
            for run, sentences in runs:
                bounds = [(s.start - run.offset, s.end - run.offset) for s in sentences]
                whole = extract_spans(run.text, bounds).shifted(run.offset)
                found.append(whole.per_sentence([(s.start, s.end) for s in sentences]))
        counts = span_rows([s for shares in found for s in shares]) if self.reads_spans else None
        predicted = self.label_sentences(texts, documents, counts)
        reasons: list[list[Push] | None] = [None] * len(texts)
        if explain:
            reasons = list(self.explain(texts, [label for label, _, _ in predicted], explain))
        results = iter(zip(predicted, reasons, strict=True))
        rows = []
        for number, (run, sentences) in enumerate(runs):
            shares: list[Spans | None] = list(found[number]) if spans else [None] * len(sentences)
            for s, mine in zip(sentences, shares, strict=True):
                (label, confidence, scores), why = next(results)
                sources, quantities = (mine.sources, mine.quantities) if mine else (None, None)
                rows.append(
                    LabelledSentence(
                        run.doc,
                        s.index,
                        s.start,
                        s.end,
                        s.text,
                        label,
                        confidence,
                        scores,
                        why,
                        sources,
                        quantities,
                    )
                )
        return rows

    def label_stream(
        self, batches: Iterable[list[Unit]], explain: int = 0, spans: bool = True
    ) -> Iterator[list[LabelledSentence]]:
        """The rows of each batch of units as soon as it is labelled, numbered across batches."""
        counters: dict[str, int] = {}
        for batch in batches:
            yield self.label_units(batch, explain, counters, spans)


def split_units(units: Iterable[Unit], counters: dict[str, int]) -> Iterator[tuple[str, Sentence]]:
    """Each unit's sentences with document offsets and indices: (document, sentence)."""
    for unit in units:
        for s in split_document(unit.text, header=unit.first).sentences:
            index = counters.get(unit.doc, 0)
            counters[unit.doc] = index + 1
            yield unit.doc, Sentence(index, s.start + unit.offset, s.end + unit.offset, s.text)


@lru_cache(maxsize=4)
def _cached(model_dir: Path) -> Labeller:
    return Labeller.load(model_dir)


def label_text(
    text: str, model: str | Path | None = None, doc: str = "<text>", explain: int = 0, spans: bool = True
) -> list[LabelledSentence]:
    """Label every sentence of ``text`` with the given model (default: the shipped one).

    ``doc`` is the name the rows give the text, ``explain`` > 0 adds that many
    reasons to each row, and ``spans`` its sources and quantities. The model
    stays loaded for the next call, so labelling article after article pays
    for loading once.
    """
    return _cached(resolve_model_dir(model).resolve()).label_text(text, doc, explain, spans)


def label_stream_parallel(
    batches: Iterable[list[Unit]],
    jobs: int,
    model: str | Path | None = None,
    trust: bool = False,
    explain: int = 0,
    spans: bool = True,
) -> Iterator[list[LabelledSentence]]:
    """``Labeller.label_stream`` over ``jobs`` worker processes, rows in input order.

    Each worker loads the model once. At most two batches per worker are in
    flight, so memory stays bounded and rows still come out while input is
    being read. Workers number each batch's sentences from zero; the
    numbering across batches is restored here, in order.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads
    counters: dict[str, int] = {}
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(model, trust)
    ) as pool:

        def submit(batch: list[Unit]) -> Future[list[LabelledSentence]]:
            return pool.submit(_label_in_worker, batch, explain, spans)

        for future in in_order(batches, submit, 2 * jobs):
            yield renumber(future.result(), counters)


_WORKER: Labeller | None = None


def _start_worker(model: str | Path | None, trust: bool) -> None:
    global _WORKER
    _WORKER = Labeller.load(model, trust)


def _label_in_worker(batch: list[Unit], explain: int, spans: bool) -> list[LabelledSentence]:
    assert _WORKER is not None
    return _WORKER.label_units(batch, explain, {}, spans)


B = TypeVar("B")
F = TypeVar("F")


def in_order(batches: Iterable[B], submit: Callable[[B], F], window: int) -> Iterator[F]:
    """``submit(batch)`` for each batch, the results handed back in input order, ``window`` in flight.

    When reading the batches fails with a user error part-way (a bad JSONL
    line), the batches already submitted still come out, then the error: what
    was read before the bad input is labelled and written, not dropped.
    """
    pending: deque[F] = deque()
    failure: FactcheckError | None = None
    iterator = iter(batches)
    while True:
        try:
            batch = next(iterator)
        except StopIteration:
            break
        except FactcheckError as err:
            failure = err
            break
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft()
    while pending:
        yield pending.popleft()
    if failure is not None:
        raise failure


def renumber(rows: list[LabelledSentence], counters: dict[str, int]) -> list[LabelledSentence]:
    """Continue each document's sentence numbering from the batches before this one."""
    from dataclasses import replace

    start = dict(counters)
    for row in rows:
        counters[row.doc] = start.get(row.doc, 0) + row.index + 1
    return [replace(row, index=start.get(row.doc, 0) + row.index) for row in rows]


def label_documents(
    units: Iterable[Unit | None], labeller: Labeller, explain: int = 0, spans: bool = True
) -> tuple[dict[str, str], list[LabelledSentence]]:
    """Each document's whole text, by name, and its labelled sentences: what a report shows.

    The units a stream yields are pieces of documents (a paragraph window, a batch's end,
    the same id in a later input); a page shows every document whole, so they are joined
    before labelling.
    """
    texts: dict[str, str] = {}
    for unit in units:
        if unit is None:
            continue
        # The same id in a later input goes on with the document as a paragraph of its own:
        # glued on, its first sentence would run into the last one before it.
        joint = "\n\n" if unit.first and unit.doc in texts else ""
        texts[unit.doc] = texts.get(unit.doc, "") + joint + unit.text
    rows = [row for doc, body in texts.items() for row in labeller.label_text(body, doc, explain, spans)]
    return texts, rows


def label_sentences_parallel(
    texts: list[str],
    documents: list[str],
    jobs: int,
    model: str | Path | None = None,
    trust: bool = False,
    chunk: int = 4096,
) -> list[tuple[str, float, dict[str, float]]]:
    """``Labeller.label_sentences`` over ``jobs`` worker processes, in order.

    Chunks of about ``chunk`` sentences end at a document's end, and a
    sentence's label depends only on its document, so cutting the list
    changes no label or score. Each worker loads the model once; the chunks
    go out as workers free up.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks: list[tuple[list[str], list[str]]] = []
    start = 0
    for end in range(1, len(texts) + 1):
        if end == len(texts) or (end - start >= chunk and documents[end] != documents[end - 1]):
            chunks.append((texts[start:end], documents[start:end]))
            start = end
    context = multiprocessing.get_context("spawn")  # no fork of a process holding threads
    with ProcessPoolExecutor(
        min(jobs, max(len(chunks), 1)), mp_context=context, initializer=_start_worker, initargs=(model, trust)
    ) as pool:
        return [row for rows in pool.map(_label_sentences_in_worker, chunks) for row in rows]


def _label_sentences_in_worker(
    chunk: tuple[list[str], list[str]],
) -> list[tuple[str, float, dict[str, float]]]:
    assert _WORKER is not None
    return _WORKER.label_sentences(*chunk)
