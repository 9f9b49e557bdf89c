"""Real articles used by reference: rebuild them from a local copy, never commit their text.

The repository holds, for each openly licensed source, its identity
(``data/real/sources.json``: repository, commit, licence, attribution), the
documents chosen from it with their frozen split (``documents.jsonl``) and our
labels as character offsets into each document's rebuilt text
(``labels/SOURCE.jsonl``). ``readers`` turns a source's files into document
texts, ``references`` reads and checks the committed rows, and ``build``
writes the labelled sentences to a cache outside the repository, where
``factcheck train`` and ``evaluate`` read them.
"""
