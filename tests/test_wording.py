import pytest

from factcheck.wording import counted


@pytest.mark.parametrize(
    ("n", "noun", "plural", "expected"),
    [
        (1, "sentence", None, "1 sentence"),
        (0, "row", None, "0 rows"),
        (2, "sentence", None, "2 sentences"),
        (1, "batch", "batches", "1 batch"),
        (3, "batch", "batches", "3 batches"),
    ],
)
def test_a_count_takes_its_noun_in_the_number_it_needs(n, noun, plural, expected):
    assert counted(n, noun, plural) == expected
