import warnings

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.utils.estimator_checks import check_estimator

from factcheck.features import CUE_PHRASES, CUES, BlockTfidf, HashedCounts

SENTENCES = [
    "\u201cWe won,\u201d she said.",
    "Prices rose 5% according to the ministry?",
    "About 40 to 50 people, the court heard, were hurt.",
    "You must act now.",
    "It is time the US paid 3-4 billion.",
    "The plan was designed   to fail.\nIs it over?",
]


def test_a_sentence_counts_the_same_alone_as_in_a_batch():
    counts = HashedCounts()
    batch = counts.transform(SENTENCES).toarray()
    for i, sentence in enumerate(SENTENCES):
        assert np.array_equal(counts.transform([sentence]).toarray()[0], batch[i])


def test_cue_columns_match_the_cue_patterns():
    counts = HashedCounts()
    sentences = [*SENTENCES, "They needs  to go.", "I said so", "WE SAID", "some\x00thing estimated"]
    cue_columns = counts.transform(sentences)[:, 2 * counts.n_features :].toarray()
    expected = [[1.0 if pattern.search(s) else 0.0 for pattern in CUES.values()] for s in sentences]
    assert cue_columns.tolist() == expected
    assert expected[4][list(CUES).index("first_person")] == 0.0  # "US" is not "us"


def test_phrases_are_matched_as_whole_token_sequences():
    counts = HashedCounts(word_ngrams=None, char_ngrams=None)
    column = 2 * counts.n_features + list(CUES).index("according_to")
    found = counts.transform(["according to them", "according, to them", "accordingly to", "citing"])
    assert found[:, column].toarray().ravel().tolist() == [1.0, 1.0, 0.0, 1.0]
    assert "according to" in CUE_PHRASES["according_to"]


def test_names_are_the_ngrams_of_the_sentence():
    counts = HashedCounts()
    names = set(counts.names_for(["Officials said about 40 people were hurt."])[0].values())
    assert {"officials said", "about 40", "said", "char: sa", "char:hurt.", "cue:reporting_verb"} <= names
    assert not any("said about" in n and n.startswith("char:") for n in names)  # chars stay in a word


def test_names_and_counts_agree_on_columns():
    counts = HashedCounts()
    matrix = counts.transform(SENTENCES)
    for i, named in enumerate(counts.names_for(SENTENCES)):
        assert set(named) == set(matrix[i].indices)


def test_repeated_ngrams_are_counted():
    counts = HashedCounts(char_ngrams=None, cues=False)
    row = counts.transform(["the the the"])
    named = counts.names_for(["the the the"])[0]
    by_name = {name: row[0, col] for col, name in named.items()}
    assert by_name["the"] == 3.0
    assert by_name["the the"] == 2.0


def test_unusual_characters_keep_rows_aligned():
    texts = ["\u0130stanbul grew 5%.", "Emoji \U0001f600 here, said one.", "nul\x00inside", ""]
    matrix = HashedCounts().transform(texts)
    assert matrix.shape[0] == 4
    assert matrix[3].nnz == 0
    number = 2 * HashedCounts().n_features + list(CUES).index("number")
    assert matrix[:, number].toarray().ravel().tolist() == [1.0, 0.0, 0.0, 0.0]


def test_stateless_and_clonable():
    counts = HashedCounts(n_features=2**10)
    assert clone(counts).get_params() == counts.get_params()
    assert counts.transform(["a b"]).shape == (1, 2 * 2**10 + len(CUES))
    with pytest.raises(ValueError, match="at least one feature family"):
        HashedCounts(word_ngrams=None, char_ngrams=None, cues=False).fit(["x"])


def test_block_tfidf_normalises_each_family_keeps_cues_binary_and_drops_unseen_columns():
    counts = HashedCounts(n_features=2**12)
    tfidf = BlockTfidf().fit(counts.transform(SENTENCES[:4]))
    weighted = tfidf.transform(counts.transform(SENTENCES)).toarray()
    assert weighted.shape[1] == len(tfidf.columns_) < counts.width
    for family in (0, 1):
        part = weighted[:, tfidf.family_ == family]
        assert np.allclose(np.linalg.norm(part, axis=1), 1.0)
    assert set(np.unique(weighted[:, tfidf.family_ == 2])) <= {0.0, 1.0}


def test_block_tfidf_is_sublinear_tfidf_on_one_family():
    counts = HashedCounts(char_ngrams=None, cues=False).transform([*SENTENCES, "the the the"])
    ours = BlockTfidf().fit(counts)
    theirs = TfidfTransformer(sublinear_tf=True).fit_transform(counts[:, ours.columns_])
    assert np.allclose(ours.transform(counts).toarray(), theirs.toarray())


def test_block_tfidf_refit_forgets_the_columns_it_looked_up_before():
    counts = HashedCounts()
    tfidf = BlockTfidf().fit(counts.transform(["alpha beta"]))
    tfidf.transform(counts.transform(["alpha"]))  # builds the column lookup
    tfidf.fit(counts.transform(["gamma delta", "epsilon"]))
    again = BlockTfidf().fit(counts.transform(["gamma delta", "epsilon"]))
    probe = counts.transform(["gamma epsilon alpha"])
    assert np.array_equal(tfidf.transform(probe).toarray(), again.transform(probe).toarray())


def test_block_tfidf_meets_scikit_learns_estimator_checks():
    # Among them: transform leaves the estimator's __dict__ as it was, and a matrix of the
    # wrong width, NaN, complex or empty input is refused with a ValueError. The array-API
    # check runs only under SCIPY_ARRAY_API, for estimators that take other array libraries'
    # arrays, which BlockTfidf does not claim to.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = check_estimator(BlockTfidf(), on_fail=None)
    failed = [(r["check_name"], str(r["exception"])[:200]) for r in results if r["status"] == "failed"]
    skipped = {r["check_name"] for r in results if r["status"] == "skipped"}
    assert failed == []
    assert skipped <= {"check_array_api_input"}
    assert len(results) > 40  # the checks ran


def test_hashed_counts_declares_text_input_and_no_fit():
    tags = HashedCounts().__sklearn_tags__()
    assert tags.input_tags.string and not tags.input_tags.two_d_array
    assert not tags.requires_fit


def test_block_tfidf_weighs_no_sentences_as_no_rows():
    counts = HashedCounts(n_features=64)
    tfidf = BlockTfidf().fit(counts.transform(["one two"]))
    assert tfidf.transform(counts.transform([])).shape == (0, len(tfidf.columns_))
