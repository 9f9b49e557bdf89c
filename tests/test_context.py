import numpy as np
import pytest
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.base import clone

from factcheck import context
from factcheck import model as model_module
from factcheck.context import (
    LAYOUT_COLUMNS,
    DocumentPredictor,
    TreeEnsemble,
    context_features,
    context_width,
    document_bounds,
    layout,
)
from factcheck.corpus.base import CORPUS_TRAIN
from factcheck.data import read_examples
from factcheck.model import (
    BIAS_STEPS,
    AveragedTrees,
    DocumentClassifier,
    _out_of_fold,
    make_context_model,
    make_model,
    make_pipeline,
)
from factcheck.span_features import SPAN_COLUMNS, document_span_rows

OPEN, CLOSE = "\u201c", "\u201d"
col = LAYOUT_COLUMNS.index


def test_layout_follows_a_quotation_from_either_starting_state():
    rows = layout([f"{OPEN}We will act now, and soon.", f"It is fair,{CLOSE} she said.", "Taxes rose."])
    opened, closed, plain = rows
    assert opened[col("outside:ends_open")] == 1 and opened[col("starts_with_quote")] == 1
    assert opened[col("outside:quoted_share")] > 0.9 and opened[col("outside:segments")] == 1
    # starting inside the quotation, the second sentence closes it: its first half was quoted
    assert closed[col("inside:ends_open")] == 0
    assert closed[col("inside:quoted_share")] == pytest.approx(
        len("It is fair,") / len(f"It is fair,{CLOSE} she said.")
    )
    # starting outside, its closing mark closes nothing
    assert closed[col("outside:quoted_share")] == 0 and closed[col("outside:segments")] == 0
    assert not plain[col("has_quote_mark")] and plain[col("inside:ends_open")] == 1


def test_layout_tells_a_scare_quote_from_a_quoted_statement():
    scare, statement = layout(
        [
            f"The so-called {OPEN}reforms{CLOSE} cut pensions by a third.",
            f"{OPEN}We have cut waste and we will keep cutting it,{CLOSE} he said.",
        ]
    )
    assert scare[col("outside:segments")] == statement[col("outside:segments")] == 1
    assert scare[col("outside:longest_run")] < statement[col("outside:longest_run")]
    assert scare[col("outside:quoted_share")] < 0.2 < statement[col("outside:quoted_share")]


def test_straight_quotes_open_and_close_in_turn():
    row = layout(['He called it "a disgrace" and "a farce".'])[0]
    assert row[col("outside:segments")] == 2 and row[col("outside:ends_open")] == 0


def test_document_bounds():
    assert document_bounds(["a", "a", "b", "a"], 4) == [(0, 2), (2, 3), (3, 4)]
    assert document_bounds(None, 3) == [(0, 1), (1, 2), (2, 3)]
    with pytest.raises(ValueError, match="2 entries for 3 sentences"):
        document_bounds(["a", "b"], 3)


def test_context_features_carry_the_open_quotation_and_reset_per_document():
    texts = [
        f"{OPEN}We will act now.",
        "The plan is good.",
        f"It is fair,{CLOSE} she said.",
        "The plan is good.",
    ]
    proba = np.full((4, 4), 0.25)
    features = context_features(proba, layout(texts), document_bounds(["d1", "d1", "d1", "d2"], 4))
    inside = 16  # the first column after log-probabilities, neighbours and document mean
    assert features[:, inside].tolist() == [0.0, 1.0, 1.0, 0.0]
    # the same sentence alone has no neighbours; in its document it has two
    assert features[3, 4:12].sum() == 0 and features[1, 4:12].sum() == pytest.approx(2.0)


def _quoted_statements(n: int = 30) -> tuple[list[str], list[str], list[str]]:
    """Documents where one neutral sentence is attributed inside a quotation and opinion outside it."""
    texts, labels, groups = [], [], []
    for i in range(n):
        quoted = [
            (f"{OPEN}Our town deserves better, number {i}.", "attributed"),
            ("The plan is good.", "attributed"),
            (f"We must act,{CLOSE} the mayor said on day {i}.", "attributed"),
        ]
        plain = [
            (f"The council met on day {i} in the old hall.", "factual"),
            ("The plan is good.", "opinion"),
            (f"Turnout was {i + 200} voters.", "factual"),
        ]
        for doc, sentences in ((f"q{i}", quoted), (f"p{i}", plain)):
            for text, label in sentences:
                texts.append(text)
                labels.append(label)
                groups.append(doc)
    return texts, labels, groups


def test_the_same_sentence_is_labelled_by_its_context():
    texts, labels, groups = _quoted_statements()
    model = make_model(char_ngrams=None).fit(texts, labels, groups)
    probe = [
        f"{OPEN}Our town deserves better, number 99.",
        "The plan is good.",
        "The council met in the hall.",
        "The plan is good.",
    ]
    predicted = model.predict(probe, ["q", "q", "p", "p"])
    assert predicted[1] == "attributed" and predicted[3] == "opinion"
    # the sentence model alone cannot tell them apart
    alone = model.sentence_model_.predict_proba(["The plan is good."])
    assert alone.max() < 0.9


def test_document_classifier_follows_scikit_learn_conventions():
    texts, labels, groups = _quoted_statements(12)
    model = make_model(char_ngrams=None, folds=3, min_documents=10)
    assert "sentence_model__classifier__C" in model.get_params()
    fitted = clone(model).fit(texts, labels, groups)
    proba = fitted.predict_proba(texts, groups)
    assert proba.shape == (len(texts), 3) and np.allclose(proba.sum(axis=1), 1)
    assert list(fitted.classes_) == ["attributed", "factual", "opinion"]
    assert fitted.predict([]).shape == (0,)
    assert not hasattr(model, "context_model_")  # fitting a clone leaves the original unfitted


def test_too_few_documents_leave_the_sentence_pipeline_to_answer():
    texts, labels, groups = _quoted_statements(12)  # 24 documents
    model = DocumentClassifier(make_pipeline(char_ngrams=None), min_documents=25).fit(texts, labels, groups)
    assert model.context_model_ is None
    assert np.array_equal(model.predict_proba(texts, groups), model.sentence_model_.predict_proba(texts))


def test_tree_arrays_predict_what_the_boosted_trees_do(monkeypatch: pytest.MonkeyPatch):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(600, 6))
    y = np.array(["attributed", "estimate", "factual", "opinion"])[
        (X[:, 0] > 0) * 2 + (X[:, 1] * X[:, 2] > 0)
    ]
    boosted = make_context_model().fit(X, y)
    trees = TreeEnsemble.from_boosting(boosted)
    probe = rng.normal(size=(50, 6))
    assert np.allclose(trees.predict_proba(probe), boosted.predict_proba(probe), atol=1e-12)
    # A large batch walks tree by tree instead of all trees at once: the same leaves.
    monkeypatch.setattr(context, "_WALK_TOGETHER", 0)
    assert np.allclose(trees.predict_proba(probe), boosted.predict_proba(probe), atol=1e-12)
    monkeypatch.undo()
    assert list(trees.classes_) == list(boosted.classes_)
    state = {**vars(trees)}
    assert np.array_equal(TreeEnsemble.from_state(state).predict_proba(probe), trees.predict_proba(probe))
    with pytest.raises(ValueError, match="outside its nodes"):
        TreeEnsemble.from_state({**state, "left": state["left"] + len(state["left"])})


def _stopping_early(seed: int = 0):
    """The shipped context stage, stopping early on small data too, so its seed moves its trees."""
    return lambda: make_context_model().set_params(early_stopping=True, random_state=seed)


def test_averaged_trees_ship_as_one_ensemble_of_their_members(monkeypatch: pytest.MonkeyPatch):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(800, 6))
    y = np.array(["attributed", "estimate", "factual", "opinion"])[
        (X[:, 0] + rng.normal(scale=0.8, size=800) > 0) * 2 + (X[:, 1] * X[:, 2] > 0)
    ]
    monkeypatch.setattr(model_module, "make_context_model", _stopping_early(0))
    averaged = AveragedTrees(3).fit(X, y)
    assert [m.random_state for m in averaged.members_] == [0, 1, 2]
    probe = rng.normal(size=(60, 6))
    members = [m.predict_proba(probe) for m in averaged.members_]
    assert not np.allclose(members[0], members[1])  # the seeds drew different stopping rows
    joined = TreeEnsemble.from_boosting(averaged)
    assert len(joined.roots) == sum(m.n_iter_ for m in averaged.members_) * 4
    # the members' average, computed from their own probabilities: softmax of the mean log-probability
    mean_log = np.mean([np.log(p) for p in members], axis=0)
    expected = np.exp(mean_log - mean_log.max(axis=1, keepdims=True))
    expected /= expected.sum(axis=1, keepdims=True)
    assert np.allclose(joined.predict_proba(probe), expected, atol=1e-9)
    assert np.allclose(averaged.predict_proba(probe), expected, atol=1e-9)
    assert list(averaged.predict(probe)) == list(averaged.classes_[expected.argmax(axis=1)])
    # another base seed gives members no other base seed shares
    monkeypatch.setattr(model_module, "make_context_model", _stopping_early(1))
    assert [m.random_state for m in AveragedTrees(3).fit(X, y).members_] == [3, 4, 5]


def test_without_early_stopping_one_member_is_fitted():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(300, 4))
    y = np.array(["estimate", "factual", "opinion"])[(X[:, 0] > 0).astype(int) + (X[:, 1] > 0)]
    averaged = AveragedTrees(3).fit(X, y)  # 300 rows: scikit-learn's "auto" stops nothing early
    assert len(averaged.members_) == 1
    single = make_context_model().fit(X, y)
    assert np.allclose(averaged.predict_proba(X), single.predict_proba(X), atol=1e-12)


def test_the_class_bias_of_averaged_stages_is_chosen_on_averaged_stages(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(model_module, "make_context_model", _stopping_early(0))
    fits = []
    real_fit = AveragedTrees.fit

    def counting_fit(self, X, y, sample_weight=None):
        fits.append(len(y))
        return real_fit(self, X, y, sample_weight)

    monkeypatch.setattr(AveragedTrees, "fit", counting_fit)
    texts, labels, groups = _quoted_statements(30)
    make_model(char_ngrams=None, folds=3, min_documents=10, context_stages=3).fit(texts, labels, groups)
    assert len(fits) == 1 + 3  # the shipped stages, then one per out-of-fold fit that chooses the bias
    assert fits[0] == len(texts) and all(n < len(texts) for n in fits[1:])


def test_context_stages_must_be_a_whole_number(monkeypatch: pytest.MonkeyPatch):
    texts, labels, groups = _quoted_statements(12)
    small = {"char_ngrams": None, "folds": 3, "min_documents": 10, "class_bias": False}
    assert (
        make_model(**small, context_stages=np.int64(2)).fit(texts, labels, groups).context_model_ is not None
    )
    for bad in (0, True, 2.5):
        with pytest.raises(ValueError, match="context_stages must be a whole number"):
            make_model(**small, context_stages=bad).fit(texts, labels, groups)


def test_a_document_classifier_averages_its_context_stages(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(model_module, "make_context_model", _stopping_early(0))
    texts, labels, groups = _quoted_statements(30)
    small = {"char_ngrams": None, "folds": 3, "min_documents": 10, "class_bias": False}
    one = make_model(**small, context_stages=1).fit(texts, labels, groups)
    three = make_model(**small, context_stages=3).fit(texts, labels, groups)
    assert three.get_params()["context_stages"] == 3
    # three stages' worth of trees, read as one ensemble, labelling as the single stage does here
    assert len(three.context_model_.roots) > len(one.context_model_.roots)
    assert list(three.predict(texts, groups)) == list(one.predict(texts, groups))
    with pytest.raises(ValueError, match="context_stages must be a whole number"):
        make_model(**small, context_stages=0).fit(texts, labels, groups)


def test_two_labels_give_two_columns_as_scikit_learn_does():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(400, 5))
    y = np.where(X[:, 0] + 0.5 * rng.normal(size=400) > 0, "factual", "opinion")
    boosted = make_context_model().fit(X, y)
    trees = TreeEnsemble.from_boosting(boosted)
    probe = rng.normal(size=(40, 5))
    assert np.allclose(trees.predict_proba(probe), boosted.predict_proba(probe), atol=1e-12)
    assert TreeEnsemble.from_state({**vars(trees)}).predict_proba(probe).shape == (40, 2)
    # the layout an older factcheck saved (a baseline per label) is refused, not read wrongly
    with pytest.raises(ValueError, match=r"older factcheck.*retrain"):
        TreeEnsemble.from_state({**vars(trees), "baseline": np.zeros(2)})
    assert np.allclose(AveragedTrees(3).fit(X, y).predict_proba(probe), boosted.predict_proba(probe))


def test_a_two_label_document_model_shifts_its_one_score_by_the_chosen_bias():
    texts, labels, groups = _quoted_statements(30)
    two = ["opinion" if label == "opinion" else "factual" for label in labels]
    small = {"char_ngrams": None, "folds": 3, "min_documents": 10}
    plain = make_model(**small, class_bias=False).fit(texts, two, groups)
    shifted = make_model(**small, class_bias=True).fit(texts, two, groups)
    proba = shifted.predict_proba(texts, groups)
    assert proba.shape == (len(texts), 2) and np.allclose(proba.sum(axis=1), 1)
    assert len(shifted.context_model_.baseline) == 1  # one score, shifted as one
    difference = shifted.context_model_.baseline - plain.context_model_.baseline
    assert np.isin(np.round(difference, 12), np.round(BIAS_STEPS, 12)).all()


def test_document_classifier_shifts_its_trees_by_the_chosen_bias():
    texts, labels, groups = _quoted_statements(30)
    unshifted = make_model(char_ngrams=None, folds=3, min_documents=10, class_bias=False)
    plain = unshifted.fit(texts, labels, groups)
    shifted = clone(plain).set_params(class_bias=True).fit(texts, labels, groups)
    difference = shifted.context_model_.baseline - plain.context_model_.baseline
    assert np.array_equal(shifted.context_model_.value, plain.context_model_.value)  # same trees
    assert difference[0] == 0.0 and np.isin(difference, BIAS_STEPS).all()


def test_fits_in_joblib_workers_match_fits_in_this_process():
    # Workers run BLAS with fewer threads; unless every fit uses one thread, the
    # out-of-fold probabilities differ in the last bits (about 1e-10 on this
    # much text) and so can the trees, and --jobs would change the model.
    examples = read_examples(CORPUS_TRAIN)[:3000]
    counts = sparse.csr_matrix(make_pipeline()[0].transform([e.text for e in examples]))
    labels = np.array([e.label for e in examples])
    train, held = np.arange(0, 2400), np.arange(2400, len(labels))
    classes = np.unique(labels)
    here = _out_of_fold(make_pipeline()[1:], counts, labels, train, held, classes)
    there = Parallel(n_jobs=2)(
        delayed(_out_of_fold)(make_pipeline()[1:], counts, labels, train, held, classes) for _ in range(2)
    )
    assert all(np.array_equal(here, proba) for proba in there)


def test_span_rows_add_columns_with_neighbours_and_document_shares():
    proba = np.full((3, 4), 0.25)
    spans = np.zeros((3, len(SPAN_COLUMNS)))
    spans[0, SPAN_COLUMNS.index("sources")] = 1.0
    spans[1, SPAN_COLUMNS.index("quantities")] = 2.0
    spans[2, SPAN_COLUMNS.index("sources")] = 3.0  # alone in the second document
    rows = layout(["a.", "b.", "c."])
    bounds = document_bounds(["d1", "d1", "d2"], 3)
    plain = context_features(proba, rows, bounds)
    features = context_features(proba, rows, bounds, spans)
    width = context_width(4)
    assert plain.shape[1] == width and np.array_equal(features[:, :width], plain)
    extra = features[:, width:]
    assert np.array_equal(extra[:, : len(SPAN_COLUMNS)], spans)
    after = extra[:, len(SPAN_COLUMNS) :]
    assert after[1, :2].tolist() == [1.0, 0.0]  # the previous sentence's sources and quantities
    assert after[0, 2:4].tolist() == [0.0, 2.0]  # the next one's
    assert after[1, 2:4].tolist() == [0.0, 0.0]  # the last of its document: the next document's is not its
    assert after[2, :4].tolist() == [0.0] * 4  # alone in its document: no neighbours
    assert after[0, 4:].tolist() == [0.5, 0.5, 0.0]  # shares with a source, a figure, a hedged figure
    assert after[2, 4:].tolist() == [1.0, 0.0, 0.0]


class _Uniform:
    """A sentence stage that knows nothing: every label equally likely."""

    def __init__(self) -> None:
        self.classes_ = ["attributed", "factual", "opinion"]

    def predict_proba(self, texts):
        return np.full((len(texts), 3), 1 / 3)


def test_trees_that_split_on_span_columns_make_the_predictor_read_spans():
    # Told apart by their spans alone: a source, a figure, neither.
    texts = ["Prices rose, officials said.", "Prices rose 5%.", "Prices rose sharply."] * 30
    labels = ["attributed", "factual", "opinion"] * 30
    groups = [f"d{n}" for n in range(len(texts))]
    bounds = document_bounds(groups, len(texts))
    spans = document_span_rows(texts, bounds)
    features = context_features(_Uniform().predict_proba(texts), layout(texts), bounds, spans)
    trees = TreeEnsemble.from_boosting(make_context_model().fit(features, labels))
    predictor = DocumentPredictor(_Uniform(), trees)
    assert trees.n_features > context_width(3) and predictor.reads_spans
    found = predictor.predict_proba(texts, groups)  # spans found here
    assert np.array_equal(found, predictor.predict_proba(texts, groups, spans))  # or given
    assert np.array(predictor.classes_)[found.argmax(axis=1)].tolist() == labels
    blind = predictor.predict_proba(texts, groups, np.zeros_like(spans))
    assert not np.allclose(blind, found)  # the span rows are what the trees go by


def test_a_model_without_span_features_does_not_read_spans():
    texts, labels, groups = _quoted_statements(30)
    small = {"char_ngrams": None, "folds": 3, "min_documents": 10}
    without = make_model(**small, span_features=False).fit(texts, labels, groups)
    assert not DocumentPredictor(without.sentence_model_, without.context_model_).reads_spans


def test_span_features_need_span_rows():
    texts, labels, groups = _quoted_statements(12)
    model = make_model(char_ngrams=None, folds=3, min_documents=10)
    counts = model.sentence_model[0].transform(texts)
    with pytest.raises(ValueError, match="no span rows"):
        model.fit_counts(counts, layout(texts), labels, groups)


def _disputed(n: int = 30) -> tuple[list[str], list[str], list[str]]:
    """Documents alike but for the label one sentence gets: estimate in half of them, factual in the rest."""
    texts, labels, groups = [], [], []
    for i in range(2 * n):
        label = "estimate" if i % 2 else "factual"
        for text, gold in (
            (f"The board met on day {i}.", "factual"),
            ("The rate held at 5 percent.", label),
            (f"Members voted on item {i}.", "factual"),
            (f"It was a fine result, number {i}.", "opinion"),
        ):
            texts.append(text)
            labels.append(gold)
            groups.append(f"d{i}")
    return texts, labels, groups


@pytest.mark.parametrize("min_documents", [10, 1000])  # with the context stage, and without it
def test_sample_weights_decide_a_disputed_label(min_documents: int):
    texts, labels, groups = _disputed()
    disputed = {
        group: label for text, label, group in zip(texts, labels, groups, strict=True) if "rate" in text
    }
    rows = [n for n, text in enumerate(texts) if "rate" in text]
    probe = ["The board met.", "The rate held at 5 percent.", "It was fine."]
    for favoured in ("estimate", "factual"):
        # whole documents weighted, as a source's would be; no balanced class weights, so that
        # the weights alone settle the tie
        weights = [5.0 if disputed[group] == favoured else 0.2 for group in groups]
        model = make_model(char_ngrams=None, folds=3, min_documents=min_documents, class_weight=None)
        fitted = model.fit(texts, labels, groups, sample_weight=weights)
        assert (fitted.context_model_ is None) == (min_documents == 1000)
        assert fitted.predict(probe, ["x"] * 3)[1] == favoured
        assert set(fitted.predict(texts, groups)[rows]) == {favoured}


def test_sample_weights_must_be_one_per_row_and_usable():
    texts, labels, groups = _quoted_statements(6)
    model = make_model(char_ngrams=None, folds=3, min_documents=10)
    with pytest.raises(ValueError, match="3 values for 36 rows"):
        model.fit(texts, labels, groups, sample_weight=[1.0, 2.0, 3.0])
    for bad in ([-1.0] + [1.0] * 35, [0.0] * 36, [float("nan")] * 36):
        with pytest.raises(ValueError, match="not negative"):
            model.fit(texts, labels, groups, sample_weight=bad)
