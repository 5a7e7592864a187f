"""Bounded memory for the journey map (issue 18): sketched dwell quantiles within 1 % of the
nearest-rank truth, order-independent merges, the versioned binary form and pickling."""

from __future__ import annotations

import concurrent.futures
import math
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medjourney as mj

FIRST, LAST = -62_135_596_800, 253_402_300_799  # the supported instants (years 1 to 9999)
MAX_DWELL = LAST - FIRST


def columns(dwells: list[int]) -> dict[str, np.ndarray]:
    """One journey per dwell, each with one closed research visit of that many seconds."""
    n = len(dwells)
    empty = {"u8": np.zeros(0, np.uint8), "u32": np.zeros(0, np.uint32)}
    return {
        "status": np.zeros(n, np.uint8),
        "visit_journey": np.arange(n, dtype=np.uint32),
        "visit_stage": np.ones(n, np.uint8),
        "visit_entered": np.full(n, FIRST, np.int64),
        "visit_left": np.array([FIRST + d for d in dwells], np.int64),
        "touch_journey": empty["u32"], "touch_stage": empty["u8"], "touch_at": np.zeros(0, np.int64),
        "touch_channel": empty["u8"], "touch_kind": empty["u8"], "touch_sentiment": np.zeros(0, np.float64),
        "need_journey": empty["u32"], "need_stage": empty["u8"], "need_code": empty["u8"], "need_met": empty["u8"],
    }


def nearest_rank(values: list[int], q: float) -> int:
    s = sorted(values)
    return s[max(1, math.ceil(q * len(s))) - 1]


def sketched(dwells: list[int]) -> mj.MapAccumulator:
    acc = mj.MapAccumulator()
    acc.add_columns(**columns(dwells))
    return acc


heavy_tail = st.lists(st.integers(0, 115).map(lambda e: min(int(10 ** (e / 10)), MAX_DWELL)), min_size=1, max_size=200)
all_equal = st.tuples(st.integers(0, MAX_DWELL), st.integers(1, 200)).map(lambda t: [t[0]] * t[1])
extremes = st.lists(st.sampled_from([0, 1, MAX_DWELL - 1, MAX_DWELL]), min_size=1, max_size=200)
zero_one = st.lists(st.integers(0, 1), min_size=1, max_size=200)
anything = st.lists(st.integers(0, MAX_DWELL), min_size=1, max_size=200)
DWELLS = st.one_of(heavy_tail, all_equal, extremes, zero_one, anything)


@settings(max_examples=150, deadline=None)
@given(DWELLS)
def test_sketched_dwell_quantiles_are_within_one_percent_of_the_nearest_rank(dwells):
    m = sketched(dwells).finish()
    assert m.quantiles == "sketch"
    dwell = m.stages[1].dwell
    assert dwell.count == len(dwells)
    for got, q in [(dwell.median_seconds, 0.5), (dwell.p90_seconds, 0.9)]:
        truth = nearest_rank(dwells, q)
        assert 100 * abs(got - truth) <= truth, (q, got, truth)
        if truth < 100:
            assert got == truth
    exact = mj.journey_map_columns(**columns(dwells))
    assert exact.quantiles == "exact"
    assert exact.stages[1].dwell.median_seconds == nearest_rank(dwells, 0.5)
    assert dwell.mean_seconds == exact.stages[1].dwell.mean_seconds


@settings(max_examples=60, deadline=None)
@given(DWELLS, st.lists(st.integers(0, 200), max_size=5), st.randoms(use_true_random=False))
def test_merging_sketched_parts_in_any_order_gives_the_same_accumulator(dwells, cuts, rnd):
    at = sorted({0, len(dwells), *(c % (len(dwells) + 1) for c in cuts)})
    parts = [sketched(dwells[a:b]) for a, b in zip(at, at[1:])]
    rnd.shuffle(parts)
    merged = mj.MapAccumulator()
    for p in parts:
        merged.merge(p)
    whole = sketched(dwells)
    assert merged == whole
    assert merged.to_bytes() == whole.to_bytes()


@pytest.mark.parametrize("mode", ["exact", "sketch"])
def test_bytes_and_pickles_round_trip_exactly(mode):
    acc = mj.MapAccumulator(mode)
    acc.add_journeys(mj.samples.journeys())
    assert acc.quantiles == mode
    data = acc.to_bytes()
    assert isinstance(data, bytes) and data[:4] == b"MJMA"
    assert mj.MapAccumulator.from_bytes(data) == acc
    back = pickle.loads(pickle.dumps(acc))
    assert back == acc and back.quantiles == mode
    assert back.finish() == acc.finish()
    assert mj.MapAccumulator.from_json(acc.to_json()) == acc


def _partial(journeys: list) -> mj.MapAccumulator:
    acc = mj.MapAccumulator()
    acc.add_journeys(journeys)
    return acc


def test_partial_accumulators_travel_between_processes_by_pickle():
    js = mj.samples.journeys()
    halves = [[j.to_dict() for j in js[::2]], [j.to_dict() for j in js[1::2]]]
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        parts = list(pool.map(_partial, halves))
    merged = mj.MapAccumulator()
    for p in parts:
        merged.merge(p)
    assert merged == _partial(js)
    whole = mj.journey_map(js)
    got = merged.finish()
    assert (got.journeys, got.touchpoints, got.funnel) == (whole.journeys, whole.touchpoints, whole.funnel)


def test_the_accumulator_sketches_by_default_and_journey_map_is_exact():
    assert mj.MapAccumulator().quantiles == "sketch"
    assert mj.journey_map(mj.samples.journeys()).quantiles == "exact"
    with pytest.raises(mj.ValidationError) as e:
        mj.MapAccumulator("approximate")
    assert e.value.code == "invalid_input"


def test_bad_bytes_are_refused_with_a_code():
    good = sketched([60, 3600, 86_400]).to_bytes()
    cases = {
        b"": "parse_error",
        b"not an accumulator": "parse_error",
        good[:-1]: "parse_error",
        good + b"\x00": "parse_error",
        good[:4] + (2).to_bytes(2, "little") + good[6:]: "unsupported_version",
        good[:4] + (0).to_bytes(2, "little") + good[6:]: "unsupported_version",
    }
    for data, code in cases.items():
        with pytest.raises(mj.ParseError) as e:
            mj.MapAccumulator.from_bytes(data)
        assert e.value.code == code, data
    impossible = bytearray(mj.MapAccumulator().to_bytes())
    impossible[12] = 1  # one journey that no status counts
    with pytest.raises(mj.ValidationError) as e:
        mj.MapAccumulator.from_bytes(bytes(impossible))
    assert e.value.code == "invalid_input"
    with pytest.raises(TypeError):
        mj.MapAccumulator.from_bytes("MJMA")  # type: ignore[arg-type]


def test_the_sketched_size_stays_flat_as_events_grow():
    sizes = []
    for journeys in (1_000, 10_000, 100_000):
        acc = mj.MapAccumulator()
        acc.add_columns(**mj.samples.journey_table(journeys, journeys * 5, 7))
        sizes.append(len(acc.to_bytes()))
    assert max(sizes) < 16_000, sizes
    assert sizes[2] < 3 * sizes[0], sizes
