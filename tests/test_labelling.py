import itertools
from pathlib import Path

import pytest

import factcheck
from factcheck.errors import FactcheckError
from factcheck.labelling import Labeller, in_order
from factcheck.labels import LABEL_IDS
from tests.conftest import SEED


def test_label_text_rows_are_consistent(tiny_model: Path):
    text = SEED.read_text(encoding="utf-8")
    rows = factcheck.label_text(text, model=tiny_model, doc="seed")
    assert len(rows) == 17
    for row in rows:
        assert text[row.start : row.end] == row.text
        assert list(row.scores) == list(LABEL_IDS)
        assert abs(sum(row.scores.values()) - 1) < 1e-3
        assert row.label in LABEL_IDS
        assert row.confidence == max(row.scores.values())
        assert row.scores[row.label] == row.confidence
        assert row.doc == "seed"


def test_label_sentences_empty():
    assert Labeller.load().label_sentences([]) == []


def test_default_model_labels_seed_with_all_four_labels():
    rows = factcheck.label_text(SEED.read_text(encoding="utf-8"))
    assert len(rows) == 17
    assert len({r.label for r in rows}) >= 3


def test_the_default_model_reads_spans_and_labels_the_same_without_showing_them():
    labeller = Labeller.load()
    assert labeller.reads_spans
    text = SEED.read_text(encoding="utf-8")
    shown, hidden = labeller.label_text(text, spans=True), labeller.label_text(text, spans=False)
    assert [(r.label, r.scores) for r in shown] == [(r.label, r.scores) for r in hidden]
    assert all(r.sources is None for r in hidden) and any(r.sources for r in shown)
    # Sentences labelled without their document are read with spans found the same way.
    sentences = [r.text for r in shown]
    documents = ["seed"] * len(sentences)
    alone = labeller.label_sentences(sentences, documents)
    assert [label for label, _, _ in alone] == [r.label for r in shown]


def test_the_fast_model_labels_without_reading_spans():
    fast = Labeller.load("fast")
    assert not fast.reads_spans
    rows = fast.label_text(SEED.read_text(encoding="utf-8"), spans=False)
    assert len(rows) == 17 and len({r.label for r in rows}) >= 3


def test_in_order_keeps_a_window_and_hands_on_what_was_read_before_an_error():
    submitted: list[int] = []

    def batches():
        yield from (1, 2, 3)
        raise FactcheckError("docs.jsonl:4: not valid JSON")

    def submit(batch: int) -> int:
        submitted.append(batch)
        return batch * 10

    results = in_order(batches(), submit, window=2)
    assert next(results) == 10 and submitted == [1, 2]  # two in flight before the first comes back
    assert list(itertools.islice(results, 2)) == [20, 30]
    with pytest.raises(FactcheckError, match=r"docs\.jsonl:4"):
        next(results)


def test_label_documents_joins_a_documents_pieces_and_labels_it_as_one_text(tiny_model: Path):
    from factcheck.inputs import Unit

    labeller = Labeller.load(tiny_model)
    first, second = "Officials said 40 people were hurt. ", "This is a disgrace."
    units = [Unit("a", first), None, Unit("a", second, len(first), False), Unit("b", "Prices rose 3%.")]
    texts, rows = factcheck.labelling.label_documents(units, labeller)
    assert texts == {"a": first + second, "b": "Prices rose 3%."}
    assert [r.to_dict() for r in rows] == [r.to_dict() for r in labeller.label_text(first + second, "a")] + [
        r.to_dict() for r in labeller.label_text("Prices rose 3%.", "b")
    ]


def test_label_documents_keeps_a_later_inputs_piece_of_a_document_a_paragraph_of_its_own(tiny_model: Path):
    from factcheck.inputs import Unit

    # the same id in a second shard: glued on, "May." and "I think" would be one sentence
    units = [Unit("1", "Prices rose 5% in May."), Unit("1", "I think the plan is bad.")]
    texts, rows = factcheck.labelling.label_documents(units, Labeller.load(tiny_model))
    assert texts == {"1": "Prices rose 5% in May.\n\nI think the plan is bad."}
    assert [r.text for r in rows] == ["Prices rose 5% in May.", "I think the plan is bad."]
