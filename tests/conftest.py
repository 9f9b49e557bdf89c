"""Shared fixtures: the repository's paths and one small trained model per session."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from factcheck.training import train_model

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_c38d069fffeb14d6.txt"
STARTER = REPO / "data" / "starter.jsonl"

# A shell starts a background job ("pytest &") with SIGINT ignored, and every command a test starts
# inherits that, so the tests that interrupt one would wait for ever: take the default back.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model trained on the starter set, so tests never depend on the shipped weights."""
    out = tmp_path_factory.mktemp("models") / "tiny"
    train_model([STARTER], out, holdout=0.25)
    return out


@pytest.fixture(scope="session")
def starter_base_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A base built from the starter set the way the shipped one is built from the corpus."""
    from factcheck.corpus.base import build_base

    out = tmp_path_factory.mktemp("base")
    build_base([(STARTER, {"name": "starter"})], out)
    return out


@pytest.fixture
def starter_base(starter_base_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make ``--base default`` stand for the starter base in this test."""
    monkeypatch.setattr("factcheck.bases.base_dir", lambda: starter_base_dir)
    return starter_base_dir


@pytest.fixture
def two_labels(tmp_path: Path) -> Path:
    """24 sentences in four documents labelled factual or opinion only: a model that lacks two labels."""
    rows = [
        {
            "text": f"Sentence {i} of a report.",
            "label": "factual" if i % 2 else "opinion",
            "doc_id": f"d{i // 6}",
        }
        for i in range(24)
    ]
    data = tmp_path / "two.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return data
