"""factcheck: label each sentence of an article for a fact-checker.

The import surface is small on purpose: split text, label it, train a model,
score it. The CLI (``factcheck.cli``) is a thin layer over these functions.
"""

__version__ = "0.1.0"

from factcheck.labelling import LabelledSentence, Labeller, label_text
from factcheck.labels import LABEL_IDS, LABELS, Label, get_label
from factcheck.splitting import Sentence, split_document, split_sentences

__all__ = [
    "LABELS",
    "LABEL_IDS",
    "Label",
    "LabelledSentence",
    "Labeller",
    "Sentence",
    "__version__",
    "get_label",
    "label_text",
    "split_document",
    "split_sentences",
]
