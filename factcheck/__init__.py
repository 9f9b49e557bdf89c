"""factcheck: label each sentence of an article for a fact-checker.

The import surface is small on purpose: split text, label it, train a model,
score it. The CLI (``factcheck.cli``) is a thin layer over these functions.
The names below are imported on first use, so ``import factcheck`` (and the
start of the ``factcheck`` command, where Ctrl-C must already be handled)
does not wait for scikit-learn.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "LabelledSentence": "factcheck.labelling",
    "Labeller": "factcheck.labelling",
    "label_text": "factcheck.labelling",
    "LABEL_IDS": "factcheck.labels",
    "LABELS": "factcheck.labels",
    "Label": "factcheck.labels",
    "get_label": "factcheck.labels",
    "Spans": "factcheck.spans",
    "extract_spans": "factcheck.spans",
    "Sentence": "factcheck.splitting",
    "split_document": "factcheck.splitting",
    "split_sentences": "factcheck.splitting",
}

if TYPE_CHECKING:
    from factcheck.labelling import LabelledSentence, Labeller, label_text
    from factcheck.labels import LABEL_IDS, LABELS, Label, get_label
    from factcheck.spans import Spans, extract_spans
    from factcheck.splitting import Sentence, split_document, split_sentences


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'factcheck' has no attribute {name!r}")


__all__ = [
    "LABELS",
    "LABEL_IDS",
    "Label",
    "LabelledSentence",
    "Labeller",
    "Sentence",
    "Spans",
    "__version__",
    "extract_spans",
    "get_label",
    "label_text",
    "split_document",
    "split_sentences",
]
