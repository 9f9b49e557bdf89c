import re

from factcheck.regex_trie import lowered_keeping_offsets, trie

WORDS = ["say", "says", "said", "saying", "tell", "told", "according", "a", "an", "another"]


def test_the_trie_matches_exactly_the_words():
    pattern = re.compile(trie(WORDS))
    assert all(pattern.fullmatch(w) for w in WORDS)
    assert not any(pattern.fullmatch(w) for w in ["sa", "sayings", "tel", "accord", "anothe", ""])


def test_a_search_finds_the_same_words_as_the_plain_alternation():
    text = "She said an aide told reporters, according to another account, that he says little."
    plain = re.compile(r"\b(?:" + "|".join(sorted(WORDS, key=len, reverse=True)) + r")\b")
    tried = re.compile(r"\b" + trie(WORDS) + r"\b")
    assert [m.span() for m in tried.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_lowered_text_keeps_every_offset_and_the_kelvin_sign() -> None:
    text = "İSTANBUL SAID \u212a 40"
    lowered = lowered_keeping_offsets(text)
    assert len(lowered) == len(text)  # "İ".lower() is two characters: kept as it is
    assert lowered[0] == "İ" and lowered[1:13] == "stanbul said"
    assert lowered[14] == "\u212a"  # not "k", which would join a word before it
    assert lowered_keeping_offsets("The Minister SAID") == "the minister said"
