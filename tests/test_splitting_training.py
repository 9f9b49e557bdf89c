"""How the splitter's Punkt tables are trained: curated entries, and never on held-out documents."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.punkt_params import (
    SENTENCE_STARTERS,
    load_params,
    read_abbreviations,
    train_params,
    training_texts,
)


def test_number_only_entries_become_collocations_and_learned_words_are_dropped():
    text = " ".join(f"It ended {n} years ago. The case went on." for n in range(2, 60))
    params = train_params([text], ["no ##number##", "Gov."], starters=["the"])
    assert ("no", "##number##") in params.collocations
    assert "no" not in params.abbrev_types
    assert "gov" in params.abbrev_types
    assert "ago" not in params.abbrev_types  # Punkt alone would learn "ago." as an abbreviation
    assert "the" in params.sent_starters


def test_shipped_tables_hold_every_curated_entry():
    """Fails when data/punkt_abbreviations.txt or the starters change without a rebuild."""
    params = load_params()
    for entry in read_abbreviations():
        word, _, before = entry.lower().partition(" ")
        if before:
            assert (word.rstrip("."), before) in params.collocations, entry
        else:
            assert word.rstrip(".") in params.abbrev_types, entry
    assert params.sent_starters >= SENTENCE_STARTERS


def _write_doc(repo: Path, doc_id: str, sentence: str) -> None:
    path = repo / "data" / "corpus" / "source" / "topic" / f"{doc_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"id: {doc_id}\ntopic: topic\ngenre: wire\ndate: 2024-01-01\n\n"
    path.write_text(f"{header}[factual] {sentence}\n", encoding="utf-8")


def test_training_reads_the_train_split_only(tmp_path: Path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "seed.txt").write_text("The seed article.", encoding="utf-8")
    for doc_id in ("doc-train", "doc-dev", "doc-test"):
        _write_doc(tmp_path, doc_id, f"Text of {doc_id}.")

    texts, source = training_texts(tmp_path)
    assert texts == ["The seed article."]
    assert "splits.json is not written yet" in source

    splits = {"train": ["doc-train"], "dev": ["doc-dev"], "test": ["doc-test"]}
    (tmp_path / "data" / "corpus" / "splits.json").write_text(json.dumps(splits), encoding="utf-8")
    texts, source = training_texts(tmp_path)
    assert texts == ["The seed article.", "Text of doc-train."]
    assert "1 train-split corpus documents" in source
