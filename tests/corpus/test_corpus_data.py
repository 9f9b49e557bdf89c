"""Validates the shipped corpus itself: the data is tested like the code."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from factcheck.corpus.build import CORPUS, build
from factcheck.corpus.documents import SPLITS, load_corpus, near_duplicates
from factcheck.data import read_examples
from factcheck.labels import LABEL_IDS


@pytest.fixture(scope="module")
def docs():
    return load_corpus(CORPUS / "source")


@pytest.fixture(scope="module")
def assignment():
    splits = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    return {doc_id: split for split, ids in splits.items() for doc_id in ids}


def test_generated_files_are_up_to_date():
    stale = [str(p) for p, content in build().items() if p.read_text(encoding="utf-8") != content]
    assert not stale, "run: python -m factcheck.corpus.build"


def test_every_document_has_a_split_and_splits_are_disjoint(docs, assignment):
    splits = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    ids = [i for split in SPLITS for i in splits[split]]
    assert len(ids) == len(set(ids))
    assert set(ids) == {d.id for d in docs}


def test_spans_cover_the_text_and_labels_are_valid(docs):
    for doc in docs:
        assert doc.spans, doc.id
        previous_end = 0
        for span in doc.spans:
            assert span.label in LABEL_IDS
            sentence = doc.text[span.start : span.end]
            assert sentence == sentence.strip() and sentence, (doc.id, span)
            assert doc.text[previous_end : span.start].strip() == "", (doc.id, span)
            previous_end = span.end


def test_size_and_balance(docs):
    labels = Counter(s.label for d in docs for s in d.spans)
    assert len(docs) >= 300
    assert sum(labels.values()) >= 5000
    assert min(labels[label] for label in LABEL_IDS) >= 800, labels
    assert len({d.topic for d in docs}) >= 12
    assert len({d.genre for d in docs}) >= 6


def test_test_split_is_spread_over_topics_and_genres(docs, assignment):
    test_docs = [d for d in docs if assignment[d.id] == "test"]
    assert len(test_docs) >= 0.15 * len(docs)
    assert {d.topic for d in test_docs} == {d.topic for d in docs}
    assert len({d.genre for d in test_docs}) >= 6


def test_no_near_duplicate_sentence_crosses_splits(docs, assignment):
    assert near_duplicates(docs, assignment, threshold=0.7) == []


def test_exports_are_valid_training_files():
    for split in SPLITS:
        examples = read_examples(CORPUS / f"{split}.jsonl")
        assert all(e.doc_id for e in examples)
