"""The four labels: the one place their ids, names and descriptions are defined.

Everything else (training-data validation, model output columns, CLI help,
the annotation guideline's short form) reads from here, so adding or renaming
a label is a one-line change that cannot drift out of sync.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Label:
    """One label as a user sees it: a stable id for files, a name for people.

    ``colour`` (Okabe-Ito, distinguishable with the common colour-vision
    deficiencies) and ``line`` (a CSS border style) are how the HTML report
    marks the label; the line style and a text tag keep the labels apart in
    grey-scale print too.
    """

    id: str
    name: str
    description: str
    check: str
    colour: str
    line: str


LABELS: tuple[Label, ...] = (
    Label(
        "factual",
        "factual report",
        "states a checkable event, state or figure in the writer's own voice, as settled",
        "check the event, state or figure itself",
        "#0072B2",
        "solid",
    ),
    Label(
        "estimate",
        "estimate",
        "presents a quantity as approximate, modelled, projected or bounded",
        "check the method and source behind the figure",
        "#E69F00",
        "dashed",
    ),
    Label(
        "attributed",
        "attributed claim",
        "rests its content on a source: reported speech, 'according to', quotes, confirmations",
        "check that the source said it",
        "#009E73",
        "double",
    ),
    Label(
        "opinion",
        "opinion/editorial",
        "carries the writer's evaluation, interpretation, prescription, speculation or rhetoric",
        "nothing to verify: read it as the writer's view",
        "#CC79A7",
        "dotted",
    ),
)

LABEL_IDS: tuple[str, ...] = tuple(label.id for label in LABELS)
# The guideline's order of questions (data/GUIDELINES.md): ask each in turn, stop at the first that fits.
DECISION_ORDER: tuple[str, ...] = ("estimate", "attributed", "opinion", "factual")

_BY_ID = {label.id: label for label in LABELS}


def get_label(label_id: str) -> Label:
    """Look a label up by id; a KeyError names the valid ids."""
    try:
        return _BY_ID[label_id]
    except KeyError:
        raise KeyError(f"unknown label {label_id!r}; valid labels: {', '.join(LABEL_IDS)}") from None
