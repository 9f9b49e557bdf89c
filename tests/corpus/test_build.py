from collections import Counter

from factcheck.corpus.build import counts_markdown
from factcheck.corpus.documents import CorpusDocument, LabelledSpan, assign_splits, near_duplicates


def doc(doc_id: str, topic: str, genre: str, sentence: str) -> CorpusDocument:
    return CorpusDocument(
        doc_id, topic, genre, "2024-01-01", sentence, [LabelledSpan(0, len(sentence), "factual")]
    )


def test_frozen_assignments_never_move_and_new_ones_are_dealt():
    docs = [doc(f"t-{i:02d}", "t", "wire", f"Sentence number {i}.") for i in range(12)]
    first = assign_splits(docs, {})
    assert Counter(first.values()) == {"train": 8, "test": 2, "dev": 2}
    frozen = {d: "train" for d in first}
    frozen["t-00"] = "test"
    again = assign_splits(docs, frozen)
    assert again == frozen


def test_near_duplicates_only_across_splits():
    a = doc("a", "t", "wire", "The council approved the new budget on Monday evening.")
    b = doc("b", "t", "wire", "The council approved the new budget on Monday night.")
    c = doc("c", "t", "wire", "Rain fell across the north for a third day.")
    assert near_duplicates([a, b, c], {"a": "train", "b": "train", "c": "test"}) == []
    [(x, y, sim)] = near_duplicates([a, b, c], {"a": "train", "b": "test", "c": "test"}, 0.6)
    assert {x, y} == {a.text, b.text} and sim >= 0.6


def test_counts_markdown_totals():
    docs = [doc("a", "t", "wire", "One."), doc("b", "u", "op-ed", "Two.")]
    table = counts_markdown(docs, {"a": "train", "b": "test"})
    assert "| all | 2 | 2 | 2 | 0 | 0 | 0 |" in table
    assert "| op-ed | 1 | 1 | 1 |" in table
