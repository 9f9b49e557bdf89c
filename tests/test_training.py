import json
from pathlib import Path

import pytest

from factcheck.errors import FactcheckError
from factcheck.storage import CARD
from factcheck.training import train_model
from tests.conftest import STARTER


def test_card_records_data_versions_and_metrics(tiny_model: Path):
    card = json.loads((tiny_model / CARD).read_text())
    [source] = card["training_data"]
    assert source["path"].endswith("starter.jsonl") and len(source["sha256"]) == 64
    assert source["examples"] == 50
    assert card["holdout"]["grouped_by"] == "doc_id"
    held_out = card["metrics"]["held_out"]
    assert held_out["examples"] == card["holdout"]["examples"] > 0
    assert card["trained_on"]["examples"] + held_out["examples"] == 50
    assert card["versions"]["scikit-learn"]
    assert card["parameters"]["sentence_model__classifier__C"] > 0


def test_holdout_is_grouped_by_document(tmp_path: Path):
    lines = STARTER.read_text().splitlines()
    docs = {json.loads(line)["doc_id"] for line in lines}
    result = train_model([STARTER], tmp_path / "m", holdout=0.3, seed=3)
    # every held-out sentence's document is absent from training: counts add up by whole documents
    sizes = {}
    for line in lines:
        doc = json.loads(line)["doc_id"]
        sizes[doc] = sizes.get(doc, 0) + 1
    held = result.card["holdout"]["examples"]
    assert any(sum(sizes[d] for d in subset) == held for subset in _subsets(sorted(docs)))


def _subsets(items):
    for mask in range(1, 2 ** len(items)):
        yield [x for i, x in enumerate(items) if mask >> i & 1]


def test_too_few_examples_of_a_label(tmp_path: Path):
    data = tmp_path / "d.jsonl"
    rows = [f'{{"text": "Fact {i}.", "label": "factual"}}' for i in range(6)]
    data.write_text("\n".join([*rows, '{"text": "C.", "label": "opinion"}']))
    with pytest.raises(FactcheckError, match="label 'opinion' has 1 example"):
        train_model([data], tmp_path / "m", holdout=0)
    assert not (tmp_path / "m").exists()


def test_label_too_rare_to_hold_out(tmp_path: Path):
    data = tmp_path / "d.jsonl"
    rows = [f'{{"text": "Fact {i}.", "label": "factual"}}' for i in range(20)]
    rows += [f'{{"text": "Opinion {i}.", "label": "opinion"}}' for i in range(6)]
    data.write_text("\n".join(rows))
    with pytest.raises(FactcheckError, match=r"hold-out.*--holdout 0"):
        train_model([data], tmp_path / "m", holdout=0.5)
    assert not (tmp_path / "m").exists()


def test_every_label_needs_five_examples_for_calibration(tmp_path: Path):
    data = tmp_path / "d.jsonl"
    rows = [f'{{"text": "Fact {i}.", "label": "factual"}}' for i in range(20)]
    rows += [f'{{"text": "Opinion {i}.", "label": "opinion"}}' for i in range(4)]
    data.write_text("\n".join(rows))
    with pytest.raises(FactcheckError, match="label 'opinion' has 4 examples; at least 5"):
        train_model([data], tmp_path / "m", holdout=0)


def test_holdout_out_of_range(tmp_path: Path):
    with pytest.raises(FactcheckError, match="--holdout"):
        train_model([STARTER], tmp_path / "m", holdout=1.5)


def test_progress_messages(tmp_path: Path):
    messages: list[str] = []
    train_model([STARTER], tmp_path / "m", holdout=0, progress=messages.append)
    assert messages[0].startswith("reading") and messages[-1].startswith("writing")
    # six documents: the fit is the sentence pipeline alone, and the progress line says so
    assert "fitting on 50 sentences (6 documents, fewer than 50: no context stage)" in messages


def test_labels_missing_from_the_data_are_named_as_never_given(tmp_path: Path, two_labels: Path):
    result = train_model([two_labels], tmp_path / "m", holdout=0)
    assert result.never_given == ["estimate", "attributed"]
    assert train_model([STARTER], tmp_path / "m2", holdout=0).never_given == []


def test_base_is_added_and_recorded(tmp_path: Path, starter_base: Path):
    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"text": "Rents may double, the council said.", "label": "attributed", "doc_id": "d"}\n'
        '{"text": "Rents doubled.", "label": "factual", "doc_id": "d"}\n'
    )
    result = train_model([mine], tmp_path / "m", holdout=0, base="default")
    own, base = result.card["training_data"]
    assert "base" not in own and own["examples"] == 2
    assert base["base"] == "default" and "no text" in base["path"] and base["examples"] == 50
    assert base["sources"][0]["name"] == "starter"
    assert result.card["trained_on"]["examples"] == 52


def test_eval_file_scores_instead_of_holding_out(tmp_path: Path):
    result = train_model([STARTER], tmp_path / "m", holdout=0.3, eval_on=STARTER)
    card = result.card
    assert card["trained_on"]["examples"] == 50  # nothing held out of the training data
    assert card["holdout"]["file"]["path"] == str(STARTER)
    assert card["metrics"]["held_out"]["examples"] == 50
    assert result.report is not None and result.report.accuracy > 0.8  # scored on its own training data


def _sorted_by_label(tmp_path: Path) -> Path:
    """The starter set sorted by label: SGD over it in file order would learn the last label only."""
    lines = STARTER.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "sorted.jsonl"
    path.write_text(
        "\n".join(sorted(lines, key=lambda line: json.loads(line)["label"])) + "\n", encoding="utf-8"
    )
    return path


def test_out_of_core_fits_tfidf_exactly_and_trains_a_working_model(tmp_path: Path):
    from factcheck.data import iter_examples
    from factcheck.labelling import Labeller
    from factcheck.model import make_pipeline
    from factcheck.training import train_out_of_core

    data = _sorted_by_label(tmp_path)
    result = train_out_of_core([data], tmp_path / "m", holdout=0, chunk=7, epochs=5)
    examples = list(iter_examples(data))  # read as the file stands: out of core has no context stage
    texts = [e.text for e in examples]
    memory = make_pipeline()
    memory[:2].fit(texts)
    labeller = Labeller.load(result.model_dir)
    tfidf = labeller.pipeline[1]
    assert (tfidf.columns_ == memory[1].columns_).all() and (tfidf.idf_ == memory[1].idf_).all()
    predicted = [label for label, _, _ in labeller.label_sentences(texts)]
    right = sum(p == e.label for p, e in zip(predicted, examples, strict=True))
    assert right >= 0.9 * len(examples) and len(set(predicted)) == 4
    assert result.card["out_of_core"] == {"epochs": 5, "chunk": 7}
    assert result.card["trained_on"]["examples"] == 50
    assert not [p for p in tmp_path.iterdir() if "spill" in p.name]  # the chunks are cleaned up


def test_out_of_core_holds_out_whole_documents_by_hash(tmp_path: Path):
    from factcheck.training import train_out_of_core

    progress: list[str] = []
    result = train_out_of_core(
        [STARTER], tmp_path / "m", holdout=0.3, seed=3, chunk=10, progress=progress.append
    )
    held = result.card["holdout"]
    assert held["grouped_by"] == "doc_id" and 0 < held["examples"] < 50
    assert result.card["trained_on"]["examples"] + held["examples"] == 50
    assert result.report is not None and result.report.examples == held["examples"]
    assert any(m.startswith("epoch 5/5") for m in progress)
    again = train_out_of_core([STARTER], tmp_path / "m2", holdout=0.3, seed=3, chunk=10)
    assert again.card["holdout"]["examples"] == held["examples"]


def test_out_of_core_refuses_base(tmp_path: Path):
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(
        app, ["train", str(STARTER), "--out", str(tmp_path / "m"), "--out-of-core", "--base", "default"]
    )
    assert result.exit_code == 2 and "--out-of-core does not take --base" in result.output


def test_epochs_only_with_out_of_core(tmp_path: Path):
    from typer.testing import CliRunner

    from factcheck.cli import app

    result = CliRunner().invoke(app, ["train", str(STARTER), "--out", str(tmp_path / "m"), "--epochs", "3"])
    assert result.exit_code == 2 and "--epochs goes with --out-of-core" in result.output
    assert not (tmp_path / "m").exists()


def test_weight_option_counts_each_of_your_sentences_that_many_times(tmp_path: Path):
    from typer.testing import CliRunner

    from factcheck.cli import app

    run = CliRunner().invoke
    result = run(
        app, ["train", str(STARTER), "--out", str(tmp_path / "m"), "--holdout", "0", "--weight", "3"]
    )
    assert result.exit_code == 0, result.output
    card = json.loads((tmp_path / "m" / CARD).read_text())
    assert [source["weight"] for source in card["training_data"]] == [3.0]
    plain = run(app, ["train", str(STARTER), "--out", str(tmp_path / "p"), "--holdout", "0"])
    assert (
        plain.exit_code == 0
        and "weight" not in json.loads((tmp_path / "p" / CARD).read_text())["training_data"][0]
    )
    for bad in ("0", "-2", "nan"):
        refused = run(app, ["train", str(STARTER), "--out", str(tmp_path / "x"), "--weight", bad])
        assert refused.exit_code == 2 and "give a number above 0" in refused.output
    ooc = run(app, ["train", str(STARTER), "--out", str(tmp_path / "x"), "--out-of-core", "--weight", "2"])
    assert ooc.exit_code == 2 and "--out-of-core does not take --weight" in ooc.output
    assert not (tmp_path / "x").exists()


def test_held_out_keys_are_documents_file_by_file_and_lines_without_documents(tmp_path: Path):
    from factcheck.training import _keyed_examples

    rows = [
        {"text": "The bridge reopened.", "label": "factual", "doc_id": "d1"},
        {"text": "It is a triumph.", "label": "opinion", "doc_id": "d1"},
        {"text": "Costs may reach about $2m.", "label": "estimate"},
    ]
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for path in (a, b):
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    keys_a = [key for key, _ in _keyed_examples(a, several=True)]
    keys_b = [key for key, _ in _keyed_examples(b, several=True)]
    assert keys_a[0] == keys_a[1] != keys_a[2]  # one document, then a line on its own
    assert not set(keys_a) & set(keys_b)  # the same doc_id in two files is two documents
    assert next(key for key, _ in _keyed_examples(a, several=False)) == "d1"


def test_each_file_counts_with_its_weight(tmp_path: Path):
    import numpy as np

    from factcheck.data import read_examples
    from factcheck.model import make_pipeline

    mine = tmp_path / "mine.jsonl"
    mine.write_text(
        '{"text": "Rents may double, the council said.", "label": "factual", "doc_id": "d"}\n'
        '{"text": "Rents doubled.", "label": "estimate", "doc_id": "d"}\n'
    )
    result = train_model(
        [STARTER, mine], tmp_path / "m", holdout=0, pipeline=make_pipeline(), weights=[1.0, 6.0]
    )
    assert [source["weight"] for source in result.card["training_data"]] == [1.0, 6.0]
    from factcheck.formatting import card_text

    shown = [line for line in card_text("m", result.card).splitlines() if line.startswith("data")]
    assert "counted" not in shown[0] and shown[1].endswith(", each counted 6 times)")
    from factcheck.storage import load_model

    trained, _ = load_model(tmp_path / "m")
    examples = read_examples(STARTER) + read_examples(mine)
    weights = [1.0] * 50 + [6.0] * 2
    direct = make_pipeline().fit(
        [e.text for e in examples], [e.label for e in examples], classifier__sample_weight=weights
    )
    probe = ["Rents may double, the council said.", "Rents doubled."]
    assert np.allclose(trained.predict_proba(probe), direct.predict_proba(probe))
    with pytest.raises(ValueError, match="1 weights for 2 training files"):
        train_model([STARTER, mine], tmp_path / "m2", holdout=0, weights=[1.0])


@pytest.mark.parametrize("make", ["make_model", "make_pipeline"])
def test_jobs_set_the_context_stage_on_a_copy_and_nothing_warns(tmp_path: Path, make: str):
    import warnings

    from factcheck import model

    pipeline = getattr(model, make)()
    before = pipeline.get_params()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # LogisticRegression(n_jobs=…) warns on scikit-learn 1.8+
        train_model([STARTER], tmp_path / "m", holdout=0, pipeline=pipeline, jobs=2)
    assert pipeline.get_params().keys() == before.keys()
    assert all(pipeline.get_params()[k] == v for k, v in before.items() if k.endswith("n_jobs"))


def test_out_of_core_reads_the_eval_file_before_any_epoch(tmp_path: Path):
    from factcheck.training import train_out_of_core

    progress: list[str] = []
    with pytest.raises(FactcheckError, match=r"nosuch\.jsonl"):
        train_out_of_core(
            [STARTER], tmp_path / "m", eval_on=tmp_path / "nosuch.jsonl", progress=progress.append
        )
    assert not [m for m in progress if m.startswith("epoch")]


def test_a_share_too_large_for_the_documents_is_an_error_not_a_traceback(tmp_path: Path):
    with pytest.raises(FactcheckError, match=r"cannot hold out a share of 0\.97: .*smaller --holdout"):
        train_model([STARTER], tmp_path / "m", holdout=0.97)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"holdout": 1.0}, r"--holdout 1\.0: give a share"),
        ({"weights": [0.0]}, r"--weight 0\.0: give a number"),
    ],
)
def test_option_values_out_of_range_are_usage_errors_from_the_library(tmp_path: Path, kwargs, message):
    from factcheck.errors import UsageError

    with pytest.raises(UsageError, match=message):
        train_model([STARTER], tmp_path / "m", **kwargs)
