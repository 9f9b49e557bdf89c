from pathlib import Path

from factcheck.punkt_params import PARAMS_DIR, load_params, save_params, train_params


def test_shipped_tables_are_plain_text_not_pickles():
    names = sorted(p.name for p in PARAMS_DIR.iterdir())
    assert names == ["abbrev_types.txt", "collocations.tab", "ortho_context.tab", "sent_starters.txt"]
    for path in PARAMS_DIR.iterdir():
        path.read_text(encoding="utf-8")  # raises on binary content


def test_shipped_params_know_news_abbreviations():
    abbrevs = load_params().abbrev_types
    assert {"dr", "gen", "u.s", "sept", "inc", "e.g", "a.m"} <= abbrevs


def test_train_save_load_round_trip(tmp_path: Path):
    params = train_params(["Mr. Smith arrived. He left at noon. Mr. Jones stayed."], ["Gov."])
    save_params(params, tmp_path)
    loaded = load_params(tmp_path)
    assert loaded.abbrev_types == params.abbrev_types
    assert "gov" in loaded.abbrev_types
    assert loaded.collocations == params.collocations
    assert dict(loaded.ortho_context) == {k: v for k, v in params.ortho_context.items() if k}


def test_shipped_tables_are_what_the_rebuild_command_produces(tmp_path: Path):
    # `python -m factcheck.punkt_params` must reproduce the shipped tables exactly;
    # a corpus or abbreviation-list change that is not followed by a rebuild fails here.
    from factcheck.punkt_params import read_abbreviations, training_texts

    texts, _ = training_texts()
    save_params(train_params(texts, read_abbreviations()), tmp_path)
    for name in ("abbrev_types.txt", "collocations.tab", "ortho_context.tab", "sent_starters.txt"):
        assert (tmp_path / name).read_text() == (PARAMS_DIR / name).read_text(), name
