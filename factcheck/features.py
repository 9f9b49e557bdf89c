"""Turn sentences into the sparse vectors the linear model weighs.

Kept apart from the classifier so the benchmark can swap feature sets while the
shipped pipeline and users' own scikit-learn code build them the same way.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer


def word_tfidf(ngram_range: tuple[int, int] = (1, 2), min_df: int = 1) -> TfidfVectorizer:
    """Word n-gram TF-IDF with sublinear tf.

    The token pattern keeps single characters and punctuation that carry the
    label: quotation marks signal attribution, ``%`` and ``~`` signal figures,
    ``?`` signals rhetoric. Case is folded; sublinear tf stops one repeated word
    from dominating a long sentence.
    """
    return TfidfVectorizer(
        ngram_range=ngram_range,
        min_df=min_df,
        sublinear_tf=True,
        lowercase=True,
        token_pattern="(?u)\\b\\w+\\b|[\"\u201c\u201d\u2018\u2019'%?!$\u00a3\u20ac]",
    )
