import numpy as np
import pytest

from factcheck.data import read_examples
from factcheck.hashing import _BATCH_PATTERNS, CUES, Batch, count_pairs, entries, weigh
from tests.conftest import REPO

ODD = [
    "",
    "We met at 5 to 6.",
    "Between 2019 and 2020 US aid fell; us? me!",
    "\u0130stanbul: I said 3\u20135, \U0001f600 we won.",
    "Our case\x00my case",
    "between them and us, 40",
]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    corpus = [
        e.text for split in ("dev", "test") for e in read_examples(REPO / "data/corpus" / f"{split}.jsonl")
    ]
    return corpus + ODD


@pytest.mark.parametrize("cue", sorted(_BATCH_PATTERNS))
def test_pattern_cues_search_only_candidates_and_find_the_same_first_matches(sentences, cue: str):
    batch = Batch(sentences)
    full_rows, full_starts = batch.pattern_rows(cue)
    expected = [i for i, s in enumerate(sentences) if CUES[cue].search(s.replace("\x00", " "))]
    assert full_rows.tolist() == expected
    among = np.arange(len(sentences))[::3]  # any sorted subset: the rows of it that match, same starts
    rows, starts = batch.pattern_rows(cue, among=among)
    keep = np.isin(full_rows, among)
    assert rows.tolist() == full_rows[keep].tolist() and starts.tolist() == full_starts[keep].tolist()


def test_cue_columns_match_the_patterns_sentence_by_sentence(sentences):
    n_features = 2**10
    rows, cols = entries(Batch(sentences), None, None, True, n_features)
    found = {(r, c - 2 * n_features) for r, c in zip(rows.tolist(), cols.tolist(), strict=True)}
    assert len(found) == len(rows)  # at most once per sentence
    expected = {
        (i, j)
        for i, s in enumerate(sentences)
        for j, pattern in enumerate(CUES.values())
        if pattern.search(s.replace("\x00", " "))
    }
    assert found == expected


def test_count_pairs_is_numpy_unique():
    keys = np.array([5, 3, 5, 2**40, 3, 3, 0])
    for data in (keys, keys[keys < 2**31], keys[:0]):
        got = count_pairs(data.copy())
        want = np.unique(data, return_counts=True)
        assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))
        assert got[0].dtype == np.int64


def test_weigh_normalises_word_and_char_families_apart_and_leaves_cues():
    rows = np.array([0, 0, 0, 1])
    position = np.array([0, 1, 2, 0])
    counts = np.array([1, 3, 1, 2])
    idf = np.array([2.0, 1.5, 1.0])
    family = np.array([0, 1, 2], dtype=np.int8)
    data, indptr = weigh(rows, position, counts, idf, family, True, 3)
    assert data.tolist() == [1.0, 1.0, 1.0, 1.0]  # each family of one entry has norm 1; the cue stays 1
    assert indptr.tolist() == [0, 3, 4, 4]


def test_first_of_each_is_numpy_unique_with_first_indices():
    from factcheck.hashing import _first_of_each

    values = np.array([7, 3, 7, 1, 3, 3, 9])
    for data in (values, values[:0], values.astype(np.uint64)):
        got, want = _first_of_each(data), np.unique(data, return_index=True)
        assert all(np.array_equal(g, w) for g, w in zip(got, want, strict=True))


def test_member_is_numpy_isin():
    from factcheck.hashing import _member

    values = np.array([5, 1, 9, 5, 0, 12], dtype=np.uint64)
    for wanted in ([1, 5, 12], [], [0], [13]):
        wanted = np.array(wanted, dtype=np.uint64)
        assert np.array_equal(_member(values, wanted), np.isin(values, wanted))
