import numpy as np
import pytest

from factcheck.span_features import SPAN_COLUMNS, document_span_rows, span_rows
from factcheck.spans import extract_spans

col = SPAN_COLUMNS.index
OPEN = "\u201c"


def counts(rows: np.ndarray) -> np.ndarray:
    return np.rint(np.expm1(rows)).astype(int)


def test_span_rows_count_sources_by_stance_and_hedged_figures():
    found = [
        extract_spans("About 40 people were hurt, police said."),
        extract_spans("Between 10 and 20 homes burned, officials confirmed."),
        extract_spans("She insisted the fire was an accident."),
        extract_spans("The hall is old."),
    ]
    rows = counts(span_rows(found))
    first = [col("sources"), col("sources:neutral"), col("quantities"), col("quantities:approximate")]
    assert rows[0, first].tolist() == [1, 1, 1, 1]
    assert rows[1, col("sources:endorsing")] == 1 and rows[1, col("quantities:range")] == 1
    assert rows[2, col("sources:distancing")] == 1 and rows[2, col("sources:pronoun")] == 1
    assert rows[3].sum() == 0


def test_a_quotation_left_open_covers_the_next_sentence_of_its_document():
    plain = "Analysts say it is bad."
    texts = [f"She said: {OPEN}Prices will rise.", plain, plain]
    rows = counts(document_span_rows(texts, [(0, 2), (2, 3)]))
    assert rows[:, col("sources")].tolist() == [1, 0, 1]  # inside the quotation a cue is the speaker's
    alone = counts(document_span_rows(texts, [(0, 1), (1, 2), (2, 3)]))
    assert alone[1, col("sources")] == 1  # read alone, nothing tells it is quoted


def test_no_sentences_give_no_rows():
    assert document_span_rows([], []).shape == (0, len(SPAN_COLUMNS))


@pytest.mark.parametrize("bounds", [[(0, 3)], [(0, 1), (1, 3)]])
def test_rows_are_the_spans_of_each_sentence_in_order(bounds: list[tuple[int, int]]):
    texts = ["Nine people died, police said.", "The hall is old.", "Roughly 5% voted."]
    rows = counts(document_span_rows(texts, bounds))
    assert rows[:, col("quantities")].tolist() == [1, 0, 1]
    assert rows[:, col("quantities:approximate")].tolist() == [0, 0, 1]
