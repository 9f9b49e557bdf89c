"""One regular expression for a list of words, as a trie: fast to search with Python's ``re``."""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie(words: Iterable[str]) -> str:
    """One regular expression matching exactly ``words``, branching letter by letter.

    Python's ``re`` tries the alternatives of "one|two|three|…" one after the
    other at every position; a trie fails on the first letter instead, which
    makes a search with a long word list several times faster, with the same matches.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + ("?" if "" in node else "")

    return emit(root)
