import numpy as np
import pytest

from factcheck.resampling import interval, resampled_totals


def test_each_resample_draws_as_many_documents_as_there_are():
    counts = np.arange(10, dtype=float).reshape(5, 2)  # five documents, two counts each
    totals = resampled_totals(counts, resamples=300, seed=2)
    assert totals.shape == (300, 2)
    ones = resampled_totals(np.ones((5, 1)), resamples=300, seed=2)
    assert (ones == 5).all()
    # Drawn with replacement: some resamples repeat a document, so the totals vary.
    assert len(np.unique(totals[:, 0])) > 1


def test_the_same_seed_draws_the_same_documents():
    counts = np.random.default_rng(0).random((20, 3))
    assert np.array_equal(resampled_totals(counts, 50, seed=7), resampled_totals(counts, 50, seed=7))
    assert not np.array_equal(resampled_totals(counts, 50, seed=7), resampled_totals(counts, 50, seed=8))


def test_no_documents_is_an_error():
    with pytest.raises(ValueError, match="no documents"):
        resampled_totals(np.zeros((0, 2)))


def test_the_interval_is_the_central_share_and_leaves_out_undefined_figures():
    samples = np.concatenate([np.arange(1000) / 1000, [np.nan] * 50])
    defined = np.arange(1000) / 1000
    found = interval(samples, level=0.9)
    # np.percentile would give NaN here: an undefined figure must not blank the interval.
    assert found.low == pytest.approx(np.percentile(defined, 5), abs=1e-4)
    assert found.high == pytest.approx(np.percentile(defined, 95), abs=1e-4)
    assert found.low == pytest.approx(0.05, abs=0.001)


def test_many_documents_are_resampled_in_chunks_with_the_same_totals_rule(monkeypatch):
    import factcheck.resampling as resampling

    monkeypatch.setattr(resampling, "DRAWS_PER_CHUNK", 30)  # 10 documents: three resamples a chunk
    ones = resampled_totals(np.ones((10, 1)), resamples=20, seed=4)
    assert ones.shape == (20, 1) and (ones == 10).all()
    counts = np.random.default_rng(1).random((10, 2))
    # Two systems scored on the same documents see the same draws, chunked or not.
    assert np.array_equal(resampled_totals(counts, 20, seed=4), resampled_totals(counts, 20, seed=4))


def test_many_documents_are_drawn_by_kind_with_the_same_distribution(monkeypatch):
    import factcheck.resampling as resampling

    # 300 documents of three kinds: drawn one by one or by kind, each resample's totals agree in mean.
    counts = np.repeat(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), [100, 150, 50], axis=0)
    one_by_one = resampled_totals(counts, resamples=3000, seed=5)
    monkeypatch.setattr(resampling, "GROUP_ABOVE", 10)
    by_kind = resampled_totals(counts, resamples=3000, seed=5)
    assert by_kind.shape == one_by_one.shape == (3000, 2)
    assert np.allclose(by_kind.mean(axis=0), counts.sum(axis=0), rtol=0.01)
    assert np.allclose(by_kind.std(axis=0), one_by_one.std(axis=0), rtol=0.1)
