import pytest

from factcheck.labels import LABEL_IDS, LABELS, get_label


def test_four_labels_in_canonical_order():
    assert LABEL_IDS == ("factual", "estimate", "attributed", "opinion")


def test_every_label_has_name_and_description():
    for label in LABELS:
        assert label.name and label.description and label.check


def test_names_match_the_design_card():
    assert [lab.name for lab in LABELS] == [
        "factual report",
        "estimate",
        "attributed claim",
        "opinion/editorial",
    ]


def test_get_label_unknown_names_valid_ids():
    with pytest.raises(KeyError, match="factual, estimate, attributed, opinion"):
        get_label("fact")
    assert get_label("opinion").name == "opinion/editorial"


def test_every_label_has_its_own_colour_and_line_style():
    import re

    assert all(re.fullmatch(r"#[0-9A-F]{6}", lab.colour) for lab in LABELS)
    assert len({lab.colour for lab in LABELS}) == len({lab.line for lab in LABELS}) == len(LABELS)
    assert {lab.line for lab in LABELS} <= {"solid", "dashed", "dotted", "double"}
