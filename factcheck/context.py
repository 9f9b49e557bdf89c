"""Document context: relabel each sentence from its neighbours, its document and the quotation it sits in.

A sentence alone often cannot be labelled. "It undermines our allies." is
the writer's opinion in an editorial and an attributed claim when it is the
second sentence of a member's quoted statement; an interview answer reads
like a plain report; a press release's closing lines are boilerplate. Real
articles are full of such sentences, and on the real-news dev split they
were most of the sentence model's mistakes. So labelling has two stages:

1. the sentence pipeline (``model.make_pipeline``) gives every sentence
   probabilities from its own words;
2. a small second model relabels it from those probabilities, its
   neighbours' and its document's average, whether a quotation opened
   earlier is still open, how much of it is inside quotation marks, and
   where it stands in the document.

The second stage learns from *out-of-fold* probabilities (the sentence model
scoring documents it was not fitted on, folds grouped by document), so it
learns how far to trust the first stage on unseen text, not on its own
training sentences.

Everything the second stage needs besides probabilities is a few numbers per
sentence (``layout``), computed from the sentence alone and composable along
a document, so the shipped base data can carry them without any text.

This module is what runs at prediction time, with numpy alone: the second
stage's trees are kept as plain arrays (``TreeEnsemble``) and walked here, so
labelling imports no scikit-learn. Fitting lives in ``model``
(``DocumentClassifier``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from typing import Any, Protocol

import numpy as np

from factcheck.span_features import SPAN_COLUMNS, document_span_rows

# Quotation marks that open, close, or do either (straight quotes toggle).
_OPENING, _CLOSING, _STRAIGHT = "\u201c", "\u201d", '"'
_QUOTE_RE = re.compile('[\u201c\u201d"]')
_QUOTE_STARTS = (_OPENING, _STRAIGHT, "\u2018", "'")
_NOTHING_QUOTED = (0.0, 0.0, 0.0, 0.0)

#: Columns of ``layout``: for a sentence that starts outside a quotation, then
#: for one that starts inside (end state, share of characters quoted, quoted
#: segments, longest quoted run in words), then facts that do not depend on it.
LAYOUT_COLUMNS = (
    "outside:ends_open",
    "outside:quoted_share",
    "outside:segments",
    "outside:longest_run",
    "inside:ends_open",
    "inside:quoted_share",
    "inside:segments",
    "inside:longest_run",
    "has_quote_mark",
    "starts_with_quote",
    "ends_with_question",
    "single_quote_opens",
)


def _scan(text: str, marks: list[tuple[int, str]], open_at_start: bool) -> tuple[float, float, float, float]:
    """Follow the quotation state through one sentence: (ends open, quoted share, segments, longest run)."""
    is_open = open_at_start
    since = 0  # where the current quoted stretch began
    quoted = segments = longest = 0
    for position, mark in marks:
        opens = mark == _OPENING or (mark == _STRAIGHT and not is_open)
        if opens and not is_open:
            is_open, since, segments = True, position + 1, segments + 1
        elif not opens and is_open:
            stretch = text[since:position]
            quoted += len(stretch)
            longest = max(longest, stretch.count(" ") + 1)
            is_open = False
    if is_open:
        stretch = text[since:]
        quoted += len(stretch)
        longest = max(longest, stretch.count(" ") + 1)
    return float(is_open), quoted / max(len(text), 1), float(segments), float(longest)


def layout(texts: Sequence[str]) -> np.ndarray:
    """The text-free facts about each sentence the context stage needs (``LAYOUT_COLUMNS``)."""
    rows = []
    for text in texts:
        marks = [(m.start(), m.group()) for m in _QUOTE_RE.finditer(text)]
        if marks:
            outside, inside = _scan(text, marks, False), _scan(text, marks, True)
        else:  # most sentences: nothing is quoted, or all of it if a quotation is open
            outside = _NOTHING_QUOTED
            inside = (1.0, len(text) / max(len(text), 1), 0.0, float(text.count(" ") + 1))
        stripped = text.strip()
        rows.append(
            (
                *outside,
                *inside,
                float(bool(marks)),
                float(stripped[:1] in _QUOTE_STARTS),
                float(stripped.endswith("?")),
                float(text.count("\u2018")),
            )
        )
    table = np.array(rows, dtype=np.float64).reshape(len(texts), len(LAYOUT_COLUMNS))
    table[:, [3, 7]] = np.log1p(table[:, [3, 7]])  # longest quoted runs, in words, on a log scale
    return table


def document_bounds(groups: Sequence[Hashable] | None, n: int) -> list[tuple[int, int]]:
    """(start, end) of each run of equal group ids; no groups makes every sentence its own document."""
    if groups is None:
        return [(i, i + 1) for i in range(n)]
    if len(groups) != n:
        raise ValueError(f"groups has {len(groups)} entries for {n} sentences")
    bounds, start = [], 0
    for i in range(1, n + 1):
        if i == n or groups[i] != groups[start]:
            bounds.append((start, i))
            start = i
    return bounds


# The span columns a neighbour's value is given for, and those whose share in the document is.
_NEIGHBOUR_COLUMNS = [SPAN_COLUMNS.index("sources"), SPAN_COLUMNS.index("quantities")]
_SHARE_COLUMNS = [
    SPAN_COLUMNS.index("sources"),
    SPAN_COLUMNS.index("quantities"),
    SPAN_COLUMNS.index("quantities:approximate"),
]
_SPAN_CONTEXT = len(SPAN_COLUMNS) + 2 * len(_NEIGHBOUR_COLUMNS) + len(_SHARE_COLUMNS)


def context_width(n_classes: int) -> int:
    """The columns ``context_features`` gives without span rows: all a model from before them reads."""
    return 4 * n_classes + 14


def context_features(
    proba: np.ndarray,
    rows: np.ndarray,
    bounds: Sequence[tuple[int, int]],
    spans: np.ndarray | None = None,
) -> np.ndarray:
    """The second stage's input: each sentence's probabilities beside its neighbours' and document's.

    Columns: log-probabilities, the previous and next sentence's probabilities
    (zero at a document's edge), the mean of the document's other sentences,
    then whether a quotation is open as the sentence starts, its ``layout``
    under that state, its own quotation and question marks, whether the
    previous sentence asked a question, its place in the document, the
    document's length and its shares of quoting and questioning sentences.
    With ``spans`` (``span_features.span_rows``) come those columns, the
    previous and next sentence's sources and quantities, and the document's
    shares of sentences with a source, a figure and an approximate figure.
    """
    n, k = proba.shape
    out = np.zeros((n, context_width(k) + (0 if spans is None else _SPAN_CONTEXT)))
    if not n:
        return out
    starts = np.array([start for start, _ in bounds])
    sizes = np.array([end - start for start, end in bounds])
    doc = np.repeat(np.arange(len(bounds)), sizes)
    first = np.zeros(n, dtype=bool)
    first[starts] = True
    last = np.zeros(n, dtype=bool)
    last[starts + sizes - 1] = True
    size = sizes[doc]
    out[:, :k] = np.log(proba + 1e-4)
    out[1:, k : 2 * k] = proba[:-1]
    out[first, k : 2 * k] = 0
    out[:-1, 2 * k : 3 * k] = proba[1:]
    out[last, 2 * k : 3 * k] = 0
    totals = np.add.reduceat(proba, starts, axis=0)[doc]
    out[:, 3 * k : 4 * k] = (totals - proba) / np.maximum(size - 1, 1)[:, None]
    # The quotation state is carried from sentence to sentence, afresh in each document.
    is_open = np.zeros(n, dtype=bool)
    opened = False
    for i, (starts_document, outside, inside) in enumerate(
        zip(first.tolist(), (rows[:, 0] > 0).tolist(), (rows[:, 4] > 0).tolist(), strict=True)
    ):
        opened = opened and not starts_document
        is_open[i] = opened
        opened = inside if opened else outside
    c = 4 * k
    out[:, c] = is_open
    out[:, c + 1 : c + 5] = np.where(is_open[:, None], rows[:, 4:8], rows[:, 0:4])
    out[:, c + 5 : c + 8] = rows[:, 8:11]
    out[1:, c + 8] = rows[:-1, 10]
    out[first, c + 8] = 0
    out[:, c + 9] = first
    out[:, c + 10] = (np.arange(n) - starts[doc]) / np.maximum(size - 1, 1)
    out[:, c + 11] = np.log(size)
    out[:, c + 12] = (np.add.reduceat(rows[:, 8], starts) / sizes)[doc]
    out[:, c + 13] = (np.add.reduceat(rows[:, 10], starts) / sizes)[doc]
    if spans is not None:
        c = context_width(k)
        width = len(SPAN_COLUMNS)
        out[:, c : c + width] = spans
        near, m = spans[:, _NEIGHBOUR_COLUMNS], len(_NEIGHBOUR_COLUMNS)
        previous, following = c + width, c + width + m
        out[1:, previous : previous + m] = near[:-1]
        out[first, previous : previous + m] = 0
        out[:-1, following : following + m] = near[1:]
        out[last, following : following + m] = 0
        present = (spans[:, _SHARE_COLUMNS] > 0).astype(np.float64)
        out[:, following + m :] = (np.add.reduceat(present, starts, axis=0) / sizes[:, None])[doc]
    return out


# Rows up to which ``TreeEnsemble`` walks every tree at once; faster below, slower well above.
# Both walks cost in proportion to the trees, so where they cross depends on the rows alone:
# about 650-800 rows, measured by hand with the shipped models' 612 and 164 trees.
_WALK_TOGETHER = 700


def probabilities(raw: np.ndarray) -> np.ndarray:
    """Boosted trees' raw scores, one column per class, as probabilities (a softmax, in place).

    With two labels scikit-learn keeps one column, the second label's score against the
    first: a softmax over zero and that score is its sigmoid.
    """
    if raw.shape[1] == 1:
        raw = np.hstack([np.zeros_like(raw), raw])
    raw -= raw.max(axis=1, keepdims=True)
    np.exp(raw, out=raw)
    raw /= raw.sum(axis=1, keepdims=True)
    return raw


class TreeEnsemble:
    """Boosted trees as plain arrays, predicted with numpy: the second stage without scikit-learn.

    Built from a fitted ``HistGradientBoostingClassifier``: each iteration
    adds one tree per class to that class's raw score, starting from the
    baseline, and a softmax gives probabilities, as scikit-learn's own
    prediction does (``tests/test_context.py`` checks they agree). With two
    labels there is one tree per iteration, scoring the second label against
    the first (a softmax over zero and that score is scikit-learn's sigmoid).
    """

    def __init__(
        self,
        feature: np.ndarray,
        threshold: np.ndarray,
        left: np.ndarray,
        right: np.ndarray,
        leaf: np.ndarray,
        value: np.ndarray,
        roots: np.ndarray,
        baseline: np.ndarray,
        classes: np.ndarray,
    ) -> None:
        self.feature = feature  # per node, all trees concatenated; children are global indices
        self.threshold = threshold
        self.left = left
        self.right = right
        self.leaf = leaf
        self.value = value
        self.roots = roots  # tree t of iteration i, class k is roots[i * n_classes + k]
        self.baseline = baseline
        self.classes_ = classes

    @property
    def n_features(self) -> int:
        """How many input columns the trees read (one past the highest any split uses)."""
        inner = self.feature[~self.leaf]
        return int(inner.max()) + 1 if inner.size else 0

    @classmethod
    def from_boosting(cls, model: Any) -> TreeEnsemble:
        """The arrays of a fitted multiclass ``HistGradientBoostingClassifier`` without categories."""
        nodes = [tree.nodes for trees in model._predictors for tree in trees]
        if any(n["is_categorical"].any() for n in nodes):
            raise ValueError("categorical splits are not supported")
        offsets = np.cumsum([0] + [len(n) for n in nodes[:-1]])
        joined = np.concatenate(nodes)
        shift = np.repeat(offsets, [len(n) for n in nodes])
        return cls(
            joined["feature_idx"].astype(np.int64),
            joined["num_threshold"].astype(np.float64),
            joined["left"].astype(np.int64) + shift,
            joined["right"].astype(np.int64) + shift,
            joined["is_leaf"].astype(bool),
            joined["value"].astype(np.float64),
            offsets.astype(np.int64),
            np.asarray(model._baseline_prediction, dtype=np.float64).reshape(-1),
            np.asarray(model.classes_),
        )

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> TreeEnsemble:
        """Rebuilt from its stored arrays, checked to be consistent: ValueError if not."""
        names = ("feature", "threshold", "left", "right", "leaf", "value", "roots", "baseline", "classes_")
        arrays = [a for a in (state.get(name) for name in names) if isinstance(a, np.ndarray) and a.ndim == 1]
        if len(arrays) != len(names):
            raise ValueError("tree arrays missing")
        feature, threshold, left, right, leaf, value, roots, baseline, classes = arrays
        size = len(feature)
        if any(len(a) != size for a in (threshold, left, right, leaf, value)) or not size:
            raise ValueError("tree arrays of different lengths")
        inner = ~leaf.astype(bool)
        for index in (left[inner], right[inner], roots):
            if index.size and (index.min() < 0 or index.max() >= size):
                raise ValueError("a tree points outside its nodes")
        per_iteration = 1 if len(classes) == 2 else len(classes)  # two labels: one tree per iteration
        if len(classes) == 2 and len(baseline) == 2:
            # What factcheck wrote before it read two-label trees as one score: its labels were wrong.
            raise ValueError("a two-label model saved by an older factcheck, which misread it; retrain it")
        if len(baseline) != per_iteration or len(roots) % per_iteration:
            raise ValueError("trees do not match the classes")
        return cls(feature, threshold, left, right, leaf.astype(bool), value, roots, baseline, classes)

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        n, k = len(X), len(self.baseline)
        leaves = self._leaves(np.ascontiguousarray(X, dtype=np.float64))
        return probabilities(self.baseline + self.value[leaves].reshape(n, -1, k).sum(axis=1))

    def _leaves(self, X: np.ndarray) -> np.ndarray:
        """The leaf each row reaches in each tree, shape (rows, trees).

        A document of a few dozen sentences is walked through every tree at
        once, a level per step, so the numpy calls number the trees' depth
        rather than their count (8x faster on a 17-sentence document with
        the shipped model's 612 trees). A large batch goes tree by tree,
        which keeps the working arrays at one column and is then faster.
        """
        n = len(X)
        # A leaf points to itself and always goes "left", so a walk can run past it unharmed.
        index = np.arange(len(self.feature))
        left = np.where(self.leaf, index, self.left)
        right = np.where(self.leaf, index, self.right)
        feature = np.where(self.leaf, 0, self.feature)
        threshold = np.where(self.leaf, np.inf, self.threshold)
        if n <= _WALK_TOGETHER:
            node = np.repeat(self.roots[None, :], n, axis=0)
            rows = np.arange(n)[:, None]
            while not self.leaf[node].all():
                goes_left = X[rows, feature[node]] <= threshold[node]
                node = np.where(goes_left, left[node], right[node])
            return node
        flat = X.ravel()
        row_start = np.arange(n) * X.shape[1]
        leaves = np.empty((n, len(self.roots)), dtype=np.int64)
        for t, root in enumerate(self.roots.tolist()):
            node = np.full(n, root)
            while not self.leaf[node].all():
                goes_left = flat[row_start + feature[node]] <= threshold[node]
                node = np.where(goes_left, left[node], right[node])
            leaves[:, t] = node
        return leaves


class SentencePredictor(Protocol):
    classes_: list[str]

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray: ...


class DocumentPredictor:
    """Labels sentences in their documents: a sentence predictor, then the trees over context features."""

    def __init__(self, sentences: SentencePredictor, trees: TreeEnsemble | None) -> None:
        self.sentences = sentences
        self.trees = trees
        self.classes_ = list(sentences.classes_)
        # Trees fitted before span rows existed (or that never split on them) need no extraction.
        self.reads_spans = trees is not None and trees.n_features > context_width(len(self.classes_))

    def predict_proba(
        self,
        texts: Sequence[str],
        groups: Sequence[Hashable] | None = None,
        spans: np.ndarray | None = None,
    ) -> np.ndarray:
        """Probabilities of each sentence read in its document.

        ``spans``: the sentences' ``span_features.span_rows`` when the caller
        has found the spans already (``predict`` shows them); found here if not.
        """
        first = self.sentences.predict_proba(texts)
        if self.trees is None or not len(texts):
            return first
        bounds = document_bounds(groups, len(texts))
        if self.reads_spans and spans is None:
            spans = document_span_rows(texts, bounds)
        return self.trees.predict_proba(
            context_features(first, layout(texts), bounds, spans if self.reads_spans else None)
        )
