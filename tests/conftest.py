"""Shared fixtures: the repository's paths and one small trained model per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.training import train_model

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_c38d069fffeb14d6.txt"
STARTER = REPO / "data" / "starter.jsonl"


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained on the starter set, so tests never depend on the shipped weights."""
    out = tmp_path_factory.mktemp("models") / "tiny"
    train_model([STARTER], out, holdout=0.25)
    return out
