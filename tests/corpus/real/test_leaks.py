import json
import subprocess
from pathlib import Path

import pytest

from factcheck.corpus.real.leaks import leaks
from factcheck.corpus.real.references import default_cache

REPO = Path(__file__).resolve().parents[3]


def test_a_copied_run_of_words_is_found_and_a_paraphrase_is_not(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    sentence = "The harbour authority counted twelve ferries leaving the northern pier before dawn on Sunday."
    (cache / "train.jsonl").write_text(json.dumps({"text": sentence, "label": "factual"}) + "\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "copied.md").write_text(f"As seen: {sentence.upper()}\n")
    (repo / "ours.md").write_text(
        "Twelve ferries left the northern pier before dawn, the harbour authority counted.\n"
    )
    (repo / "data" / "real").mkdir(parents=True)
    (repo / "data" / "real" / "notes.jsonl").write_text(
        '{"note": "the northern pier before dawn on Sunday"}\n'
    )
    subprocess.run(["git", "-C", str(repo), "init", "-q"], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "."], check=True)
    assert leaks(repo, cache) == ["copied.md", "data/real/notes.jsonl"]  # 6 words count in references


@pytest.mark.skipif(
    not (default_cache() / "train.jsonl").exists(),
    reason="no rebuilt real-text cache on this machine (needs local copies of the sources)",
)
def test_no_tracked_file_holds_source_text() -> None:
    assert leaks(REPO, default_cache()) == []
