from factcheck.features import word_tfidf


def test_keeps_quote_marks_and_percent_as_tokens():
    vec = word_tfidf(ngram_range=(1, 1)).fit(["“We won,” she said.", "Prices rose 5%?"])
    vocab = set(vec.vocabulary_)
    assert {"“", "”", "%", "?", "said"} <= vocab


def test_bigrams_present():
    vec = word_tfidf().fit(["according to the ministry"])
    assert "according to" in vec.vocabulary_
