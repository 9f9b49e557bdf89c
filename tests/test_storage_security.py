"""Attacks on model loading: a model directory from someone else must never run code.

Each malicious model here would create a marker file when loaded. Every
command that loads a model is tried with it, by directory and by name; the
marker must not appear unless the user opted in with ``--trust-model``, and
the one test that opts in proves the payload is real.
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from factcheck import codec
from factcheck.cli import app
from factcheck.errors import FactcheckError
from factcheck.labelling import Labeller
from factcheck.storage import CARD, LEGACY_WEIGHTS, SKOPS_WEIGHTS, WEIGHTS, load_model
from tests.conftest import SEED, STARTER

runner = CliRunner()


class _Payload:
    """Unpickling this runs ``exec`` on the code below: what an attacker ships in model.joblib."""

    def __init__(self, marker: Path) -> None:
        self.code = f"open({str(marker)!r}, 'w').write('pwned')"

    def __reduce__(self):
        return (exec, (self.code,))


def _legacy_card(tiny_model: Path) -> dict:
    card = json.loads((tiny_model / CARD).read_text())
    card.pop("weights")  # a card from before weights were recorded
    return card


@pytest.fixture()
def evil_pickle(tiny_model: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A model directory whose model.joblib writes a marker when unpickled, beside a copied card."""
    marker = tmp_path / "marker"
    model = tmp_path / "models" / "evil"
    model.mkdir(parents=True)
    (model / CARD).write_text(json.dumps(_legacy_card(tiny_model)))
    (model / LEGACY_WEIGHTS).write_bytes(pickle.dumps(_Payload(marker)))
    return model, marker


def _commands(model: str) -> dict[str, list[str]]:
    return {
        "predict": ["predict", "--text", "Six people died.", "--model", model],
        "evaluate": ["evaluate", str(STARTER), "--model", model],
        "annotate": ["annotate", str(SEED), "--out", "answers.jsonl", "--model", model],
        "compare": ["compare", str(STARTER), "--model", "default", "--model", model],
        "info": ["info", "--model", model],
    }


@pytest.mark.parametrize("command", sorted(_commands("x")))
@pytest.mark.parametrize("by", ["directory", "name"])
def test_pickled_model_never_runs_without_opt_in(evil_pickle, monkeypatch, command: str, by: str):
    model, marker = evil_pickle
    monkeypatch.chdir(model.parent.parent)  # so the name "evil" resolves to ./models/evil
    spec = str(model) if by == "directory" else "evil"
    result = runner.invoke(app, _commands(spec)[command], input="")
    assert not marker.exists(), f"{command} ran the model's code"
    assert "--trust-model" in result.output
    assert "Traceback" not in result.output
    if command != "info":
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1  # one line


def test_the_payload_is_real_and_runs_only_with_trust_model(evil_pickle):
    model, marker = evil_pickle
    result = runner.invoke(app, ["predict", "--text", "Six died.", "--model", str(model), "--trust-model"])
    assert marker.read_text() == "pwned"  # the test above would have caught a real attack
    assert result.exit_code == 1 and "not a factcheck model" in result.stderr


def test_trusted_legacy_pickle_of_a_real_model_loads(tiny_model: Path, tmp_path: Path):
    import joblib

    pipeline, _ = load_model(tiny_model)
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    (legacy / CARD).write_text(json.dumps(_legacy_card(tiny_model)))
    joblib.dump(pipeline, legacy / LEGACY_WEIGHTS)
    with pytest.raises(FactcheckError, match="runs any code"):
        load_model(legacy)
    loaded, _ = load_model(legacy, trust=True)
    assert list(loaded.predict(["Officials said so."])) == list(pipeline.predict(["Officials said so."]))


def _with_structure_change(tiny_model: Path, target: Path, change) -> None:
    """Copy tiny_model, edit its description, and record the new file's SHA-256 as an attacker would."""
    _with_arrays_change(tiny_model, target, lambda structure, _arrays: change(structure))


@pytest.mark.parametrize(
    "node",
    [
        {"object": "os.system", "new": True},
        {"object": "subprocess.Popen", "state": {"dict": {"args": "touch pwned"}}},
        {"object": "builtins.eval", "new": True},
    ],
)
def test_model_file_naming_an_untrusted_type_is_refused_before_anything_is_imported(
    tiny_model: Path, tmp_path: Path, monkeypatch, node: dict
):
    evil = tmp_path / "evil"

    def add_node(structure: dict) -> None:
        structure["state"]["dict"]["evil"] = node

    _with_structure_change(tiny_model, evil, add_node)

    def no_import(name: str):
        raise AssertionError(f"asked to import {name} from a model file")

    monkeypatch.setattr("factcheck.codec._import", no_import)
    for load in (load_model, Labeller.load):
        with pytest.raises(FactcheckError, match=f"does not trust .*{node['object'].replace('.', '[.]')}"):
            load(evil)


def test_untrusted_type_inside_a_step_is_refused_by_predict(tiny_model: Path, tmp_path: Path):
    evil = tmp_path / "evil"

    def swap_classifier(structure: dict) -> None:
        pipeline = structure["state"]["dict"]["sentence_model_"]  # the document model's first stage
        pipeline["state"]["dict"]["steps"]["list"][2]["tuple"][1]["object"] = "os.system"

    _with_structure_change(tiny_model, evil, swap_classifier)
    result = runner.invoke(app, ["predict", "--text", "Six people died.", "--model", str(evil)])
    assert result.exit_code == 1 and "does not trust" in result.stderr and "os.system" in result.stderr


@pytest.mark.parametrize("kind", ["npz", "skops"])
def test_pickle_disguised_as_a_safe_format_is_not_unpickled(
    evil_pickle, tiny_model: Path, tmp_path: Path, kind
):
    model, marker = evil_pickle
    disguised = tmp_path / "disguised"
    disguised.mkdir()
    data = (model / LEGACY_WEIGHTS).read_bytes()
    name = WEIGHTS if kind == "npz" else SKOPS_WEIGHTS
    (disguised / name).write_bytes(data)
    card = json.loads((tiny_model / CARD).read_text())
    card["weights"] = {"format": kind, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (disguised / CARD).write_text(json.dumps(card))
    with pytest.raises(FactcheckError, match=f"not an? {kind} archive"):
        load_model(disguised, trust=True)
    with pytest.raises(FactcheckError, match="corrupt"):
        Labeller.load(disguised, trust=True)
    assert not marker.exists()


def test_info_calls_a_damaged_model_damaged(tiny_model: Path, tmp_path: Path):
    cut = tmp_path / "cut"
    shutil.copytree(tiny_model, cut)
    (cut / WEIGHTS).write_bytes((cut / WEIGHTS).read_bytes()[:1000])
    result = runner.invoke(app, ["info", "--model", str(cut)])
    assert result.exit_code == 1 and "truncated" in result.stderr
    healthy = runner.invoke(app, ["info", "--model", str(tiny_model)])
    assert healthy.exit_code == 0 and "SHA-256 verified" in healthy.stdout


def _with_arrays_change(tiny_model: Path, target: Path, change) -> None:
    """Copy tiny_model, edit its arrays, and record the new file's SHA-256 as an attacker would."""
    shutil.copytree(tiny_model, target)
    structure, arrays = codec.read((tiny_model / WEIGHTS).read_bytes())
    change(structure, arrays)
    buffer = io.BytesIO()
    np.savez(buffer, structure=np.frombuffer(json.dumps(structure).encode(), np.uint8), **arrays)
    (target / WEIGHTS).write_bytes(buffer.getvalue())
    card = json.loads((target / CARD).read_text())
    card["weights"]["sha256"] = hashlib.sha256(buffer.getvalue()).hexdigest()
    card["weights"]["bytes"] = len(buffer.getvalue())
    (target / CARD).write_text(json.dumps(card))


def _tfidf_array(structure: dict, name: str) -> str:
    pipeline = structure["state"]["dict"]["sentence_model_"]  # the document model's first stage
    state = pipeline["state"]["dict"]["steps"]["list"][1]["tuple"][1]["state"]["dict"]
    return state[name]["array"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda s, a: a.__setitem__(_tfidf_array(s, "idf_"), a[_tfidf_array(s, "idf_")][:-5]),
        lambda s, a: a.__setitem__(_tfidf_array(s, "columns_"), a[_tfidf_array(s, "columns_")] + 10**9),
        lambda s, a: a.__setitem__(_tfidf_array(s, "family_"), a[_tfidf_array(s, "family_")] + 7),
    ],
    ids=["short idf", "columns out of range", "unknown family"],
)
def test_arrays_that_do_not_fit_together_are_a_load_error_not_a_crash(
    tiny_model: Path, tmp_path: Path, damage
):
    broken = tmp_path / "broken"
    _with_arrays_change(tiny_model, broken, damage)
    for load in (load_model, Labeller.load):
        with pytest.raises(FactcheckError, match="model file is corrupt"):
            load(broken)
    result = runner.invoke(app, ["predict", "--text", "Six people died.", "--model", str(broken)])
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_a_description_nested_too_deep_is_corrupt(tiny_model: Path, tmp_path: Path):
    deep = tmp_path / "deep"
    _with_structure_change(tiny_model, deep, lambda s: s["state"]["dict"].__setitem__("x", {"list": []}))
    structure = "[" * 100_000 + "]" * 100_000
    data = io.BytesIO()
    np.savez(data, structure=np.frombuffer(structure.encode(), np.uint8))
    (deep / WEIGHTS).write_bytes(data.getvalue())
    card = json.loads((deep / CARD).read_text())
    card["weights"]["sha256"] = hashlib.sha256(data.getvalue()).hexdigest()
    (deep / CARD).write_text(json.dumps(card))
    with pytest.raises(FactcheckError, match="corrupt"):
        Labeller.load(deep)


def test_context_trees_that_point_outside_their_nodes_are_a_load_error(tmp_path: Path):
    import sklearn

    from factcheck.data import document_ids, read_examples
    from factcheck.model import make_model
    from factcheck.storage import save_model

    examples = read_examples(STARTER)
    model = make_model(char_ngrams=None, folds=3, min_documents=5)
    model.fit([e.text for e in examples], [e.label for e in examples], document_ids(examples))
    good = save_model(model, {"versions": {"scikit-learn": sklearn.__version__}}, tmp_path / "good")

    def damage(structure: dict, arrays: dict) -> None:
        name = structure["state"]["dict"]["context_model_"]["state"]["dict"]["left"]["array"]
        arrays[name] = arrays[name] + 10**6

    _with_arrays_change(good, tmp_path / "broken", damage)
    with pytest.raises(FactcheckError, match=r"model file is corrupt .*outside its nodes"):
        Labeller.load(tmp_path / "broken")
    result = runner.invoke(
        app, ["predict", "--text", "Six people died.", "--model", str(tmp_path / "broken")]
    )
    assert result.exit_code == 1 and "Traceback" not in result.output
