"""Data tooling: building, checking and measuring the annotated corpora.

Nothing here runs at prediction time; ``factcheck predict`` never imports this
package. ``documents`` reads the project-written corpus, ``build`` derives its
exports and splits, ``agreement`` measures the second annotation, and ``real``
rebuilds real articles from openly licensed sources that the repository holds
by reference only (identity, offsets, labels; never their text).
"""
