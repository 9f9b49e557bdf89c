"""No module of the package assigns one top-level name twice.

The rule modules (attribution, quantities) hold hundreds of word sets and
patterns; a second ``_NAME = …`` further down silently replaces the first for
every rule that reads it. It happened twice while rules were added, and mypy
saw it only where the two values had different types.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "factcheck"
MODULES = sorted(PACKAGE.rglob("*.py"))


def top_level_names(source: str) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def test_a_second_assignment_is_found() -> None:
    assert top_level_names("_A = {1}\n_B = 2\n_A = frozenset()\n")["_A"] == 2


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_top_level_name_is_assigned_once(module: Path) -> None:
    twice = [name for name, n in top_level_names(module.read_text(encoding="utf-8")).items() if n > 1]
    assert twice == [], f"{module.name} assigns {twice} more than once"
