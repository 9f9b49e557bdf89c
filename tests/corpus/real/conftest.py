"""Tiny sources in each real source's own file format, written by the project for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.corpus.real.references import fingerprint

CONLLU = """# newdoc id = GUM_news_bridge
# meta::title = Bridge reopens
# newpar
# text = Town bridge reopens after repairs
1\tTown\ttown\t_\t_\t_\t_\t_\t_\t_
# newpar
# text = The Elm Street bridge reopened on Monday.
1\tThe\tthe\t_\t_\t_\t_\t_\t_\t_
# text = Engineers said it could carry about 40 lorries an hour.
1\tEngineers\tengineer\t_\t_\t_\t_\t_\t_\t_
"""

PRESS = (
    "01.02.19\tCouncil member hails new clinic Washington, DC - Today the clinic opened. "
    "It is a triumph for our town.\n"
    "01.03.19\tSecond notice. The office closes at noon.\n"
)

STATEMENT = """The Committee decided today to keep its target
rate at 2 percent.

The Committee expects growth to pick up
over the coming year.
"""

CSV = (
    "Sentence,Label,Solved conflict\n"
    '"Prices rose by 3 percent in May.\n",OBJ,False\n'
    '"This is a disgrace.",SUBJ,True\n'
)


def _sources(root: Path) -> list[dict]:
    def entry(sid: str, repo: str, fmt: str) -> dict:
        return {
            "id": sid,
            "name": sid,
            "repository": repo,
            "commit": "0" * 40,
            "format": fmt,
            "licence": "CC BY 4.0",
            "attribution": "test",
        }

    return [
        entry("wikinews", "example/gum", "gum-conllu"),
        entry("congress", "example/press", "press-release-lines"),
        entry("fomc", "example/fomc", "fomc-statements"),
        entry("newssd", "example/newssd", "newssd-csv"),
    ]


@pytest.fixture
def copies(tmp_path: Path) -> Path:
    root = tmp_path / "copies"
    files = {
        "example+gum/dep/GUM_news_bridge.conllu": CONLLU,
        "example+gum/dep/GUM_fiction_story.conllu": CONLLU.replace("news_bridge", "fiction_story"),
        "example+press/press_releases/set/member/memberPress.txt": PRESS,
        "example+fomc/statements/20190101.txt": STATEMENT,
        "example+newssd/data/english/train.csv": CSV,
        "example+newssd/data/english/val.csv": CSV.split("\n")[0] + "\n",
        "example+newssd/data/english/test.csv": CSV.split("\n")[0] + "\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def label_row(text: str, sentence: str, label: str, doc: str) -> dict:
    start = text.index(sentence)
    return {
        "doc": doc,
        "start": start,
        "end": start + len(sentence),
        "sha1": fingerprint(sentence),
        "label": label,
        "annotators": ["t"],
    }


@pytest.fixture
def real_dir(tmp_path: Path) -> Path:
    """A data/real/ with one labelled sentence per source."""
    real = tmp_path / "real"
    (real / "labels").mkdir(parents=True)
    (real / "sources.json").write_text(json.dumps(_sources(tmp_path)), encoding="utf-8")
    docs = [
        ("wikinews", "GUM_news_bridge", "train"),
        ("congress", "press_releases/set/member/memberPress.txt:1", "test"),
        ("fomc", "statements/20190101", "dev"),
        ("newssd", "train:1", "train"),
    ]
    (real / "documents.jsonl").write_text(
        "".join(json.dumps({"source": s, "doc": d, "split": sp}) + "\n" for s, d, sp in docs),
        encoding="utf-8",
    )
    gum_text = (
        "Town bridge reopens after repairs\n\nThe Elm Street bridge reopened on Monday. "
        "Engineers said it could carry about 40 lorries an hour."
    )
    press_text = PRESS.split("\n")[0].split("\t", 1)[1]
    fomc_text = (
        "The Committee decided today to keep its target rate at 2 percent.\n\n"
        "The Committee expects growth to pick up over the coming year."
    )
    rows = {
        "wikinews": [
            label_row(
                gum_text,
                "Engineers said it could carry about 40 lorries an hour.",
                "attributed",
                "GUM_news_bridge",
            )
        ],
        "congress": [label_row(press_text, "It is a triumph for our town.", "opinion", docs[1][1])],
        "fomc": [
            label_row(
                fomc_text,
                "The Committee expects growth to pick up over the coming year.",
                "estimate",
                docs[2][1],
            )
        ],
        "newssd": [label_row("This is a disgrace.", "This is a disgrace.", "opinion", "train:1")],
    }
    for source, lines in rows.items():
        (real / "labels" / f"{source}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8"
        )
    return real
