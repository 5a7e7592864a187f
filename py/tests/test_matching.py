"""Ranking and TOPSIS through the Python API, checked against pymcdm and by properties."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import medjourney as mj


def test_topsis_equals_pymcdm_on_random_matrices():
    pymcdm = pytest.importorskip("pymcdm")
    rng = np.random.default_rng(7)
    for _ in range(200):
        rows, cols = rng.integers(2, 40), rng.integers(1, 8)
        m = rng.uniform(-50, 500, size=(rows, cols))
        w = rng.uniform(0.01, 1, size=cols)
        w = w / w.sum()
        t = rng.choice([-1, 1], size=cols)
        ours = mj.topsis(m, w, t)
        theirs = pymcdm.methods.TOPSIS()(m, w, t, validation=False)
        assert isinstance(ours, np.ndarray) and ours.shape == (rows,)
        np.testing.assert_allclose(ours, theirs, atol=1e-9, rtol=0)


def test_topsis_accepts_lists_and_fortran_order_without_changing_the_answer():
    m = np.array([[4, 4], [1, 5], [3, 2], [4, 2]], dtype=float)
    a = mj.topsis(m, [0.5, 0.5], [1, -1])
    b = mj.topsis(np.asfortranarray(m), np.array([0.5, 0.5]), np.array([1, -1]))
    c = mj.topsis(m.tolist(), [0.5, 0.5], [1, -1])
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(a, c)


def test_topsis_bad_weights_raise_invalid_weights():
    with pytest.raises(mj.ValidationError) as e:
        mj.topsis(np.ones((3, 2)), [0.0, 0.0], [1, 1])
    assert e.value.code == "invalid_weights"


def test_topsis_wrong_shapes_raise_with_a_code():
    with pytest.raises(mj.MedJourneyError) as e:
        mj.topsis(np.ones((3, 2)), [0.5, 0.5, 0.5], [1, 1])
    assert e.value.code in ("invalid_matrix", "invalid_weights")
    with pytest.raises(mj.MedJourneyError) as e:
        mj.topsis(np.ones(3), [1.0], [1])
    assert e.value.code == "invalid_matrix"
    with pytest.raises(mj.MedJourneyError) as e:
        mj.topsis(np.ones((2, 2)), [0.5, 0.5], [1, 300])
    assert e.value.code == "invalid_input"


def test_nan_in_matrix_is_refused_not_propagated():
    m = np.array([[1.0, np.nan], [2.0, 3.0]])
    with pytest.raises(mj.MedJourneyError) as e:
        mj.topsis(m, [0.5, 0.5], [1, 1])
    assert e.value.code == "invalid_matrix"


def test_rank_returns_matches_and_exclusions_with_reasons():
    r = mj.rank(mj.samples.catalog(), mj.samples.request(), fx=mj.samples.fx())
    assert r.matches and [m.rank for m in r.matches] == list(range(1, len(r.matches) + 1))
    scores = [m.score for m in r.matches]
    assert scores == sorted(scores, reverse=True)
    for m in r.matches:
        assert m.criteria and abs(sum(c.contribution for c in m.criteria) - m.score) < 1e-9
    for e in r.excluded:
        assert e.reasons and all("code" in reason for reason in e.reasons)
    assert len(r.to_dicts()) == len(r.matches)
    assert "<table" in r._repr_html_()


def test_rank_unknown_option_value_raises_with_code():
    with pytest.raises(mj.ValidationError) as e:
        mj.rank(mj.samples.catalog(), mj.samples.request(), method="best_guess")
    assert e.value.code == "invalid_input"


@pytest.mark.parametrize("typo", ["top_K", "topK", "top_kk"])
def test_rank_refuses_a_misspelt_option_naming_it(typo):
    with pytest.raises(mj.ValidationError) as e:
        mj.rank(mj.samples.catalog(), mj.samples.request(), **{typo: 5})
    assert e.value.code == "unknown_field"
    assert typo in str(e.value)


def test_catalog_from_dicts_refuses_a_bad_provider():
    providers = mj.samples.catalog().to_dict()["providers"]
    bad = dict(providers[0], id="")
    with pytest.raises(mj.MedJourneyError) as e:
        mj.Catalog.from_dicts([bad])
    assert e.value.code == "invalid_provider"


def test_catalog_round_trips_through_dicts_and_json():
    c = mj.samples.catalog()
    assert mj.Catalog.from_dicts(c.to_dict()["providers"]) == c
    assert mj.Catalog.from_json(c.to_json()) == c
    assert len(c) == len(c.providers)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda rows: st.integers(1, 5).flatmap(
            lambda cols: st.tuples(
                st.lists(st.lists(st.floats(-1e6, 1e6), min_size=cols, max_size=cols), min_size=rows, max_size=rows),
                st.lists(st.floats(0.01, 10), min_size=cols, max_size=cols),
                st.lists(st.sampled_from([-1, 1]), min_size=cols, max_size=cols),
            )
        )
    )
)
def test_topsis_scores_lie_in_unit_interval_and_ignore_row_order(args):
    m, w, t = args
    m = np.array(m)
    s = mj.topsis(m, w, t)
    assert np.all((s >= -1e-12) & (s <= 1 + 1e-12))
    perm = np.arange(len(m))[::-1]
    np.testing.assert_allclose(mj.topsis(m[perm], w, t), s[perm], atol=1e-9)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.0, 5.0), min_size=8, max_size=8).filter(lambda w: sum(w) > 0))
def test_rank_with_any_weights_orders_by_score_and_explains_it(weights):
    req = mj.samples.request().to_dict()
    names = mj.criteria()
    req["weights"] = dict(zip(names, weights))
    r = mj.rank(mj.samples.catalog(), req, fx=mj.samples.fx(), top_k=None)
    scores = [m.score for m in r.matches]
    assert scores == sorted(scores, reverse=True)
    assert r.candidates == len(r.matches)
