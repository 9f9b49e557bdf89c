from pathlib import Path

import numpy as np
import pytest

from factcheck.evaluation import bootstrap_f1, evaluate_file, f1_intervals, score
from factcheck.labels import LABEL_IDS
from factcheck.resampling import interval
from tests.conftest import REPO, STARTER


def test_score_known_values():
    gold = ["factual", "factual", "opinion", "estimate"]
    pred = ["factual", "opinion", "opinion", "estimate"]
    report = score(gold, pred)
    assert report.accuracy == 0.75
    assert report.per_label["factual"].recall == 0.5
    assert report.per_label["opinion"].precision == 0.5
    assert report.per_label["attributed"].support == 0
    # macro over the three labels present in gold: (0.6667 + 1 + 0.6667) / 3
    assert abs(report.macro_f1 - 0.7778) < 1e-3
    assert report.confusion["factual"]["opinion"] == 1


def test_to_dict_has_cli_keys():
    data = score(["factual"], ["factual"]).to_dict()
    assert {"macro_f1", "accuracy", "per_label", "confusion"} <= set(data)


def test_evaluate_file_with_model(tiny_model: Path):
    report = evaluate_file(STARTER, tiny_model).report
    assert report.examples == 50
    assert 0.5 < report.accuracy <= 1.0


def test_most_confident_mistakes_first(tiny_model: Path):
    evaluation = evaluate_file(STARTER, tiny_model, errors=3)
    mistakes = evaluation.mistakes
    wrong = evaluation.report.examples - round(evaluation.report.accuracy * evaluation.report.examples)
    assert len(mistakes) == min(3, wrong)
    assert all(m.gold != m.predicted for m in mistakes)
    assert [m.confidence for m in mistakes] == sorted((m.confidence for m in mistakes), reverse=True)


def test_reliability_bins_count_confidence_and_accuracy():
    from factcheck.evaluation import reliability

    bins = reliability([0.55, 0.58, 0.95, 1.0], [True, False, True, True])
    assert [(b.low, b.high, b.count) for b in bins] == [(0.5, 0.6, 2), (0.9, 1.0, 2)]
    assert bins[0].accuracy == 0.5 and bins[0].mean_confidence == 0.565 and bins[1].accuracy == 1.0


def test_evaluate_file_returns_the_calibration_curve(tiny_model: Path):
    evaluation = evaluate_file(STARTER, tiny_model)
    assert sum(b.count for b in evaluation.calibration) == evaluation.report.examples


def test_parallel_labelling_is_the_same_in_the_same_order():
    from factcheck.data import document_ids, read_examples
    from factcheck.labelling import Labeller, label_sentences_parallel

    examples = read_examples(REPO / "data" / "corpus" / "dev.jsonl")[:200]
    texts, documents = [e.text for e in examples], document_ids(examples)
    shipped = Labeller.load()  # reads context, so a chunk cut inside a document would show
    one = shipped.label_sentences(texts, documents)
    two = label_sentences_parallel(texts, documents, 2, chunk=7)  # chunks end at documents' ends
    assert two == one and len({label for label, _, _ in one}) > 1
    assert one != shipped.label_sentences(texts)  # the documents were used


def test_evaluate_jobs_gives_the_same_evaluation(tiny_model: Path):
    from typer.testing import CliRunner

    from factcheck.cli import app

    dev = str(REPO / "data" / "corpus" / "dev.jsonl")
    command = ["evaluate", dev, "--model", str(tiny_model), "--format", "json", "--errors", "5"]
    runner = CliRunner()
    one, two = runner.invoke(app, command), runner.invoke(app, [*command, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, two.output
    assert two.output == one.output and '"mistakes"' in one.output


def _documents(outcomes: list[bool], per_document: int = 10) -> tuple[list[str], list[str], list[str]]:
    """Documents whose sentences are all right or all wrong, labels cycling through the four."""
    gold, predicted, groups = [], [], []
    for d, right in enumerate(outcomes):
        for n in range(per_document):
            label = LABEL_IDS[n % len(LABEL_IDS)]
            gold.append(label)
            predicted.append(label if right else LABEL_IDS[(n + 1) % len(LABEL_IDS)])
            groups.append(f"doc{d}")
    return gold, predicted, groups


def test_perfect_predictions_have_an_interval_of_one():
    gold, predicted, groups = _documents([True] * 8)
    samples = bootstrap_f1(gold, predicted, groups, resamples=200)
    assert interval(samples[:, 0]).low == interval(samples[:, 0]).high == 1.0


def test_the_interval_holds_the_figure_and_is_reproducible():
    gold, predicted, groups = _documents([True, False, True, True, False, True, True, True, False, True])
    samples = bootstrap_f1(gold, predicted, groups, resamples=500, seed=3)
    macro = score(gold, predicted).macro_f1
    found = interval(samples[:, 0])
    assert found.low < macro < found.high
    assert np.array_equal(samples, bootstrap_f1(gold, predicted, groups, resamples=500, seed=3))


def test_whole_documents_are_resampled_so_errors_that_come_together_widen_the_interval():
    gold, predicted, groups = _documents([True, False] * 10)
    by_document = interval(bootstrap_f1(gold, predicted, groups, resamples=1000)[:, 0])
    by_sentence = interval(
        bootstrap_f1(gold, predicted, list(map(str, range(len(gold)))), resamples=1000)[:, 0]
    )
    assert by_document.high - by_document.low > 2 * (by_sentence.high - by_sentence.low)


def test_a_system_against_itself_differs_by_nothing_on_the_same_resamples():
    gold, predicted, groups = _documents([True, False, True, True])
    a = bootstrap_f1(gold, predicted, groups, resamples=100, seed=1)
    b = bootstrap_f1(gold, predicted, groups, resamples=100, seed=1)
    assert interval((a - b)[:, 0]) == interval(np.zeros(100))


def test_a_label_absent_from_the_gold_is_left_out_of_the_macro_average():
    gold = ["factual", "estimate", "attributed", "factual"]
    samples = bootstrap_f1(gold, list(gold), ["a", "b", "c", "d"], resamples=50)
    assert np.isnan(samples[:, 1 + LABEL_IDS.index("opinion")]).all()
    # Counted as 0, the absent label would pull perfect predictions' macro-F1 down to 0.75 or less.
    assert (samples[:, 0] == 1.0).all()


def test_two_systems_on_the_same_draws_are_paired_even_when_documents_are_drawn_by_kind(monkeypatch):
    import factcheck.resampling as resampling

    # 400 one-sentence documents; the new system fixes 8 of the old one's errors and breaks none.
    gold = [LABEL_IDS[n % 4] for n in range(400)]
    old = [label if n % 5 else LABEL_IDS[(n + 1) % 4] for n, label in enumerate(gold)]
    new = [label if n % 5 or n < 40 else old[n] for n, label in enumerate(gold)]
    groups = [str(n) for n in range(400)]
    for group_above in (10**9, 10):  # drawn one by one, then by kind of document
        monkeypatch.setattr(resampling, "GROUP_ABOVE", group_above)
        before, after = bootstrap_f1(gold, [old, new], groups, resamples=1000)
        paired = interval(after[:, 0] - before[:, 0])
        assert paired.low > 0  # every resample sees the same fixes, so the gain is never below 0
        unpaired = interval(bootstrap_f1(gold, new, groups, 1000, seed=1)[:, 0] - before[:, 0])
        assert unpaired.low < 0 < unpaired.high  # other draws for each: the gain drowns in the noise


def test_one_document_has_no_interval():
    assert f1_intervals(["factual", "opinion"], ["factual", "factual"], ["a", "a"]) is None
    assert f1_intervals(["factual", "opinion"], ["factual", "factual"], ["a", "b"]) is not None


def test_inputs_of_different_lengths_are_refused():
    with pytest.raises(ValueError, match="same length"):
        bootstrap_f1(["factual"], ["factual", "opinion"], ["a"])
